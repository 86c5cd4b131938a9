import type { PageState } from '../lib/protocol';
import type { MessageKey } from '../lib/i18n';
import { useT } from './i18n';

const PHASE_TEXT: Record<PageState['phase'], MessageKey> = {
  'gated-out': 'phaseGatedOut',
  quiet: 'phaseQuiet',
  active: 'phaseActive',
  off: 'phaseOff',
  unsupported: 'phaseUnsupported',
  error: 'phaseError',
};

export interface PopupViewProps {
  /** The tab's state; null when no content script answers on this tab. */
  state: PageState | null;
}

export function PopupView({ state }: PopupViewProps) {
  const t = useT();
  return (
    <main class="popup" aria-labelledby="popup-heading">
      <h1 id="popup-heading">{t('popupHeading')}</h1>
      {state === null ? (
        <p data-testid="phase">{t('noContentScript')}</p>
      ) : (
        <>
          <p data-testid="phase" data-phase={state.phase}>
            {t(PHASE_TEXT[state.phase], state.error ?? '')}
          </p>
          <p class="muted" data-testid="gate">
            {t('gateReason', state.gate.reason)}
          </p>
        </>
      )}
    </main>
  );
}
