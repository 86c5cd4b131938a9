import type { PageState, Prefs, Settings, SiteChoice } from '../lib/protocol';
import type { MessageKey } from '../lib/i18n';
import { LEGEND } from '../lib/page/legend';
import { selectKeyQuotes } from '../lib/page/outline';
import { useT } from './i18n';
import { Switch } from './Switch';

const PHASE_TEXT: Record<PageState['phase'], MessageKey> = {
  'gated-out': 'phaseGatedOut',
  quiet: 'phaseQuiet',
  active: 'phaseActive',
  off: 'phaseOff',
  unsupported: 'phaseUnsupported',
  error: 'phaseError',
};

export type PopupChange =
  | { kind: 'page'; on: boolean }
  | { kind: 'site'; choice: SiteChoice | null }
  | { kind: 'settings'; change: Partial<Settings> };

export interface PopupViewProps {
  /** The tab's state; null when no content script answers on this tab. */
  state: PageState | null;
  /** The defaults and this site's choice; null while unknown. */
  prefs: Prefs | null;
  /** Why the last change failed, shown until the next one. */
  error?: string;
  onChange?: (change: PopupChange) => void;
  onReveal?: (index: number) => void;
  onOpenOptions?: () => void;
}

export function PopupView({
  state,
  prefs,
  error,
  onChange,
  onReveal,
  onOpenOptions,
}: PopupViewProps) {
  const t = useT();
  const change = (c: PopupChange) => onChange?.(c);
  const pageOn = state !== null && state.phase !== 'off';
  const canToggle = state !== null && state.phase !== 'gated-out' && state.phase !== 'unsupported';
  // On a quiet page the page switch would show "on" and change nothing: the reader is offered
  // the reading itself. Not where the work budget kept the page unread (too many text nodes):
  // reading it anyway would be refused for the same reason.
  const readAnyway =
    state !== null && state.phase === 'quiet' && !(state.budget && state.news === undefined);
  const { shown, folded } = selectKeyQuotes(state?.quotes ?? []);
  return (
    <main class="popup" aria-labelledby="popup-heading">
      <h1 id="popup-heading">{t('popupHeading')}</h1>
      {state === null ? (
        <p data-testid="phase">{t('noContentScript')}</p>
      ) : (
        <>
          <p data-testid="phase" data-phase={state.phase} class={`phase phase-${state.phase}`}>
            {t(PHASE_TEXT[state.phase], state.error ?? '')}
          </p>
          {state.phase === 'off' && state.offBy ? (
            <p class="muted">{t(`offBy_${state.offBy}`)}</p>
          ) : null}
          {state.phase === 'gated-out' ? (
            <p class="muted" data-testid="gate">
              {t('gateWhy')}
            </p>
          ) : null}
          {readAnyway ? (
            <div class="read-anyway">
              <button
                type="button"
                class="primary"
                data-testid="read-anyway"
                aria-describedby="read-anyway-hint"
                onClick={() => change({ kind: 'page', on: true })}
              >
                {t('readAnyway')}
              </button>
              <p class="muted small" id="read-anyway-hint">
                {t('readAnywayHint')}
              </p>
            </div>
          ) : null}
        </>
      )}
      {/* The switches first: a toolbar popup is short, and the outline below may be long. */}
      <section class="switches" aria-labelledby="switches-heading">
        <h2 id="switches-heading">{t('switches')}</h2>
        {state !== null && !readAnyway ? (
          <>
            <Switch
              id="switch-page"
              label={t('switchPage')}
              checked={pageOn}
              disabled={!canToggle}
              describedBy={canToggle ? 'page-switch-hint' : undefined}
              onChange={(on) => change({ kind: 'page', on })}
            />
            {canToggle ? (
              <p class="muted small" id="page-switch-hint">
                {t('pageSwitchHint')}
              </p>
            ) : null}
          </>
        ) : null}
        {prefs && prefs.host ? (
          <label class="field">
            <span>{t('switchSite', prefs.host)}</span>
            <select
              data-testid="site-choice"
              value={prefs.site ?? 'default'}
              onChange={(event) => {
                const value = (event.currentTarget as HTMLSelectElement).value;
                change({
                  kind: 'site',
                  choice: value === 'default' ? null : (value as SiteChoice),
                });
              }}
            >
              <option value="default">{t('siteDefault')}</option>
              <option value="always">{t('siteAlways')}</option>
              <option value="never">{t('siteNever')}</option>
            </select>
          </label>
        ) : null}
        {prefs ? (
          <>
            <Switch
              id="switch-global"
              label={t('switchGlobal')}
              checked={prefs.settings.enabled}
              onChange={(enabled) => change({ kind: 'settings', change: { enabled } })}
            />
            <Switch
              id="switch-quotes"
              label={t('switchQuotes')}
              checked={prefs.settings.quotes}
              onChange={(quotes) => change({ kind: 'settings', change: { quotes } })}
            />
            <Switch
              id="switch-entities"
              label={t('switchEntities')}
              checked={prefs.settings.entities}
              onChange={(entities) => change({ kind: 'settings', change: { entities } })}
            />
            <Switch
              id="switch-all-mentions"
              label={t('switchAllMentions')}
              checked={prefs.settings.allMentions}
              onChange={(allMentions) => change({ kind: 'settings', change: { allMentions } })}
            />
            <Switch
              id="switch-countries"
              label={t('switchCountries')}
              checked={prefs.settings.countries}
              onChange={(countries) => change({ kind: 'settings', change: { countries } })}
            />
            <Switch
              id="switch-click-only"
              label={t('switchClickOnly')}
              checked={prefs.settings.clickOnly}
              onChange={(clickOnly) => change({ kind: 'settings', change: { clickOnly } })}
            />
          </>
        ) : null}
      </section>
      <p role="status" class="error">
        {error ? t('changeFailed', error) : ''}
      </p>
      {state === null ? null : (
        <>
          {state.phase === 'active' ? (
            <p data-testid="counts">
              {t('counts', [
                String(state.quotes.length),
                String(state.quoteCount ?? state.quotes.length),
                String(state.entityCount),
              ])}
            </p>
          ) : null}
          {state.phase === 'active' && shown.length > 0 ? (
            <section aria-labelledby="key-quotes-heading" data-testid="outline">
              <h2 id="key-quotes-heading">{t('keyQuotes')}</h2>
              {folded.length > 0 ? (
                <p class="muted small" data-testid="key-quotes-note">
                  {t('keyQuotesTop', [String(shown.length), String(state.quotes.length)])}
                </p>
              ) : null}
              <QuoteList quotes={shown} onReveal={onReveal} testId="key-quotes" />
              {folded.length > 0 ? (
                <details class="more-quotes" data-testid="more-quotes">
                  <summary>{t('moreKeyQuotes', String(folded.length))}</summary>
                  <QuoteList quotes={folded} onReveal={onReveal} testId="folded-quotes" />
                </details>
              ) : null}
            </section>
          ) : null}
          {state.budget ? (
            <p class="muted" data-testid="budget">
              {t('budgetNote', state.budget)}
            </p>
          ) : null}
        </>
      )}
      <Legend />
      {state?.topic ? (
        <section aria-labelledby="topic-heading" data-testid="topic">
          <h2 id="topic-heading">{t('topicScore', String(Math.round(state.topic.score * 100)))}</h2>
          {state.topic.reasons.length > 0 ? (
            <ul class="reasons">
              {state.topic.reasons.map((reason, i) => (
                <li key={i}>{reason}</li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      {onOpenOptions ? (
        <button type="button" class="link" onClick={onOpenOptions}>
          {t('openOptions')}
        </button>
      ) : null}
    </main>
  );
}

/** Key quotes as buttons: choosing one scrolls the page to it. */
function QuoteList({
  quotes,
  onReveal,
  testId,
}: {
  quotes: readonly PageState['quotes'][number][];
  onReveal?: (index: number) => void;
  testId: string;
}) {
  return (
    <ul class="key-quotes" data-testid={testId}>
      {quotes.map((quote) => (
        <li key={quote.index}>
          <button type="button" class="quote-button" onClick={() => onReveal?.(quote.index)}>
            <q>{quote.text}</q>
            {quote.speaker ? <span class="speaker"> — {quote.speaker}</span> : null}
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * How each kind of highlight looks on the page (lib/page/legend.ts, the same as
 * highlights.css): the kind's name drawn the same way, with the look in words for screen
 * readers. The colours follow the popup's light or dark scheme as the highlights follow the
 * page's.
 */
function Legend() {
  const t = useT();
  return (
    <section class="legend" aria-labelledby="legend-heading">
      <h2 id="legend-heading">{t('legendHeading')}</h2>
      <ul class="legend-list" data-testid="legend">
        {LEGEND.map((entry) => (
          <li key={entry.kind} data-kind={entry.kind}>
            <span
              class={`legend-sample legend-${entry.mark}`}
              style={{ '--light': entry.light, '--dark': entry.dark }}
            >
              {t(`kind_${entry.kind}` as const)}
            </span>
            <span class="visually-hidden">: {t(`legend_${entry.kind}` as const)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
