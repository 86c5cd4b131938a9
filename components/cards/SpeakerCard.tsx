import type { PageSpeakerData } from '../../lib/page/page-speaker';
import { useT } from '../i18n';
import { CardFrame, Section } from './Card';

export interface SpeakerCardProps {
  data: PageSpeakerData;
  autoFocus?: boolean;
  /** Opens the card of one of their highlighted quotations. */
  onOpenQuote?: (index: number) => void;
  onClose: () => void;
}

/**
 * A speaker the knowledge base does not know, as far as this page tells: the role it gives them
 * and their words here. It says plainly that nothing beyond the page is known.
 */
export function SpeakerCard({ data, autoFocus, onOpenQuote, onClose }: SpeakerCardProps) {
  const t = useT();
  return (
    <CardFrame
      id="bilateral-speaker"
      kind="speaker"
      title={data.name}
      subtitle={data.role ?? undefined}
      autoFocus={autoFocus}
      onClose={onClose}
    >
      <p class="muted">{t('speakerNotInKb', data.name)}</p>
      <Section title={t('speakerRoleOnPage')}>
        <p class="speaker-role">{data.role ?? t('speakerNoRoleOnPage')}</p>
      </Section>
      <Section title={t('speakerQuotesOnPage', String(data.quotes.length))}>
        <ul class="quotes">
          {data.quotes.map((quote) => (
            <li key={quote.index}>
              {quote.drawn && onOpenQuote ? (
                <button type="button" class="link" onClick={() => onOpenQuote(quote.index)}>
                  <q>{quote.text}</q>
                </button>
              ) : (
                <q>{quote.text}</q>
              )}
            </li>
          ))}
        </ul>
      </Section>
    </CardFrame>
  );
}
