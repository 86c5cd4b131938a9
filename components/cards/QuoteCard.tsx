import {
  quoteSources,
  shownVariants,
  sourceMap,
  type PagePlace,
  type PageQuoteView,
  type QuoteCardData,
} from '../../lib/page/cards';
import type { Segment } from '../../lib/page/wording';
import { SURE_LINK, type LinkEvidence } from '../../lib/link';
import { useT } from '../i18n';
import { CardFrame, PageStep, Section } from './Card';

export interface QuoteCardProps {
  page: PageQuoteView;
  /** The corpus statement this quote is linked to; null when the corpus lacks it. */
  data: QuoteCardData | null;
  /**
   * The shown wordings split where they differ (lib/page/wording), in `shownVariants` order;
   * without it the wordings show unmarked.
   */
  segments?: Segment[][] | null;
  place?: PagePlace;
  autoFocus?: boolean;
  saved: boolean;
  /** Why saving failed, when it did. */
  saveError?: string;
  onSave: () => void;
  onStep?: (direction: 1 | -1) => void;
  /** Opens the speaker's own card; without it the speaker is not a way in. */
  onOpenSpeaker?: (id: string) => void;
  /**
   * Opens what the page says about a speaker the knowledge base does not know (by the name the
   * page gives); without it such a speaker is not a way in.
   */
  onOpenPageSpeaker?: (name: string) => void;
  onClose: () => void;
}

/**
 * Why the page's quotation is taken for this statement: how sure the link is, and the evidence
 * it rests on, so that a reader can judge a doubtful one.
 */
function LinkBasis({
  confidence,
  evidence,
}: {
  confidence: number;
  evidence: LinkEvidence | null;
}) {
  const t = useT();
  const reasons: string[] = [];
  if (evidence) {
    if (evidence.shared.length > 0) reasons.push(t('evidenceShared', evidence.shared.join(', ')));
    if (evidence.speaker === 'same') reasons.push(t('evidenceSpeakerSame'));
    else if (evidence.speaker === 'other') reasons.push(t('evidenceSpeakerOther'));
    else if (evidence.speaker === 'unnamed') reasons.push(t('evidenceSpeakerUnnamed'));
    if (evidence.event) reasons.push(t('evidenceEvent'));
    if (evidence.published === 'days') reasons.push(t('evidencePublishedDays'));
    else if (evidence.published === 'weeks') reasons.push(t('evidencePublishedWeeks'));
    else if (evidence.published === 'later') reasons.push(t('evidencePublishedLater'));
  }
  const percent = String(Math.round(confidence * 100));
  return (
    <Section title={confidence < SURE_LINK ? t('linkProbable') : t('linkWhy')}>
      <p class="confidence">{t('linkConfidence', percent)}</p>
      {reasons.length > 0 ? (
        <ul class="evidence">
          {reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

/** A quote: who said it, when, and how each outlet worded it, differences marked. */
export function QuoteCard({
  page,
  data,
  segments,
  place,
  autoFocus,
  saved,
  saveError,
  onSave,
  onStep,
  onOpenSpeaker,
  onOpenPageSpeaker,
  onClose,
}: QuoteCardProps) {
  const t = useT();
  const speaker = data?.speaker?.name ?? data?.quote.speakerName ?? page.speaker;
  const speakerId = data?.speaker?.id ?? page.speakerId;
  const sources = sourceMap(data?.sources ?? []);
  const variants = data ? shownVariants(data) : [];
  const compared =
    segments && segments.length === variants.length
      ? segments
      : variants.map((variant) => [{ text: variant.text, changed: false }]);
  const carriedBy = data ? quoteSources(data.quote, sources) : [];
  return (
    <CardFrame
      id="bilateral-quote"
      kind="quote"
      title={speaker ?? t('unknownSpeaker')}
      subtitle={data?.speaker?.role || undefined}
      autoFocus={autoFocus}
      onClose={onClose}
    >
      {speakerId && speaker && onOpenSpeaker ? (
        <button type="button" class="link speaker-card" onClick={() => onOpenSpeaker(speakerId)}>
          {t('aboutSpeaker', speaker)}
        </button>
      ) : !speakerId && page.speaker && onOpenPageSpeaker ? (
        <button
          type="button"
          class="link speaker-card"
          onClick={() => onOpenPageSpeaker(page.speaker!)}
        >
          {t('aboutSpeaker', page.speaker)}
        </button>
      ) : null}
      <blockquote class="page-quote">{page.text}</blockquote>
      {place && onStep ? <PageStep place={place} onStep={onStep} /> : null}
      {data ? (
        <>
          <p class="occasion">
            {data.quote.occasion ? `${data.quote.occasion}, ` : ''}
            <time dateTime={data.quote.date}>{data.quote.date}</time>
          </p>
          <Section title={t('wordings')}>
            <div class="wordings" role="list">
              {variants.map((variant, i) => {
                const source = sources.get(variant.source)!;
                return (
                  <figure
                    class="wording"
                    role="listitem"
                    key={variant.source}
                    lang={source.language}
                  >
                    <figcaption>
                      <span class="outlet">{source.outlet}</span>,{' '}
                      <time dateTime={source.date}>{source.date}</time>
                    </figcaption>
                    <p>
                      {compared[i]!.map((segment, j) =>
                        segment.changed ? (
                          <mark key={j} class="diff" title={t('differs')}>
                            {segment.text}
                          </mark>
                        ) : (
                          segment.text
                        ),
                      )}
                    </p>
                  </figure>
                );
              })}
            </div>
            {variants.length > 1 ? <p class="muted small">{t('diffLegend')}</p> : null}
          </Section>
          <p class="carried">{t('carriedBy', carriedBy.map((s) => s.outlet).join(', '))}</p>
          {page.confidence !== null ? (
            <LinkBasis confidence={page.confidence} evidence={page.evidence} />
          ) : null}
        </>
      ) : (
        <>
          <p class="muted">{t('notInCorpus')}</p>
          {page.context ? (
            <Section title={t('context')}>
              <p class="context">{page.context}</p>
            </Section>
          ) : null}
        </>
      )}
      <div class="card-actions">
        <button type="button" class="primary" onClick={onSave} disabled={saved}>
          {saved ? t('saved') : t('saveClipping')}
        </button>
        <span role="status" class="save-status">
          {saveError ? t('saveFailed', saveError) : saved ? t('savedToClippings') : ''}
        </span>
      </div>
    </CardFrame>
  );
}
