import {
  quoteSources,
  shownVariants,
  sourceMap,
  type PagePlace,
  type PageQuoteView,
  type QuoteCardData,
} from '../../lib/page/cards';
import type { Segment } from '../../lib/page/wording';
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
  onClose: () => void;
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
  onClose,
}: QuoteCardProps) {
  const t = useT();
  const speaker = data?.speaker?.name ?? data?.quote.speakerName ?? page.speaker;
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
            <p class="confidence">
              {t('linkConfidence', String(Math.round(page.confidence * 100)))}
            </p>
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
