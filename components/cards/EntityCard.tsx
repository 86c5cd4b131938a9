import type { Quote } from '../../lib/kb/types';
import {
  citedSources,
  sourceMap,
  TIMELINE_TYPES,
  timelinePlace,
  type EntityCardData,
  type PagePlace,
} from '../../lib/page/cards';
import { entityAsOf, latestDate, pageIsLater } from '../../lib/page/as-of';
import { sortDisagreements } from '../../lib/page/disagreements';
import { useT } from '../i18n';
import { CardFrame, Cite, PageStep, Section } from './Card';

export interface EntityCardProps {
  data: EntityCardData;
  /** Where this highlight sits among the entity's mentions on the page; absent outside a page. */
  place?: PagePlace;
  autoFocus?: boolean;
  onStep?: (direction: 1 | -1) => void;
  onOpenQuote?: (quote: Quote) => void;
  onClose: () => void;
  /**
   * The day the page being read says it was published, when it says; a page dated after the
   * card's sources gets a plain warning that the card may be out of date.
   */
  pageDate?: string | null;
}

/** Who or what an entity is, and what the corpus says about it, every statement cited. */
export function EntityCard({
  data,
  place,
  autoFocus,
  onStep,
  onOpenQuote,
  onClose,
  pageDate,
}: EntityCardProps) {
  const t = useT();
  const { entity } = data;
  const sources = sourceMap(data.sources);
  const asOf = entityAsOf(entity, sources);
  const later = pageIsLater(pageDate, asOf);
  const disagreements = sortDisagreements(data.discrepancies);
  const errorCount = disagreements.errors.reduce((n, e) => n + e.errors.length, 0);
  const timeline = TIMELINE_TYPES.has(entity.type) ? timelinePlace(entity, data.timeline) : [];
  return (
    <CardFrame
      id={`bilateral-entity-${entity.id}`}
      kind={entity.type}
      title={entity.name}
      subtitle={entity.role ? (asOf ? t('roleAsOf', [entity.role, asOf]) : entity.role) : undefined}
      autoFocus={autoFocus}
      onClose={onClose}
    >
      {later && pageDate && asOf ? (
        <p class="later-page" role="note" data-testid="later-page">
          {t('pageLaterThanKb', [pageDate, asOf])}
        </p>
      ) : null}
      {entity.description ? (
        <p class="description">
          {entity.description}
          {asOf ? <span class="as-of"> ({t('asOf', asOf)})</span> : null}
        </p>
      ) : null}
      {place && onStep ? <PageStep place={place} onStep={onStep} /> : null}
      {entity.facts.length > 0 ? (
        <Section title={t('facts')}>
          <ul class="facts">
            {entity.facts.map((fact, i) => {
              const factAsOf = latestDate(fact.sources, sources);
              return (
                <li key={i}>
                  {fact.text}{' '}
                  {factAsOf ? <span class="as-of">({t('asOf', factAsOf)}) </span> : null}
                  <Cite sources={citedSources(fact.sources, sources)} />
                </li>
              );
            })}
          </ul>
        </Section>
      ) : null}
      {data.quotes.length > 0 ? (
        <Section title={t('quotesBy', entity.name)}>
          <ul class="quotes">
            {data.quotes.map((quote) => {
              const first = quote.variants[0];
              return (
                <li key={quote.id}>
                  <q>{first?.text ?? ''}</q>{' '}
                  <Cite
                    sources={citedSources(
                      quote.variants.map((v) => v.source),
                      sources,
                    )}
                  />
                  {onOpenQuote ? (
                    <button type="button" class="link" onClick={() => onOpenQuote(quote)}>
                      {t('compareWordings')}
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </Section>
      ) : null}
      {timeline.length > 0 ? (
        <Section title={t('timeline')}>
          <ol class="timeline">
            {timeline.map(({ event, current }) => (
              <li
                key={event.id}
                class={current ? 'current' : undefined}
                aria-current={current ? 'true' : undefined}
              >
                <time dateTime={event.date}>{event.date}</time> {event.title}
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
      {data.discrepancies.length > 0 ? (
        <Section title={t('disagreements')}>
          {disagreements.substance.length === 0 ? (
            <p class="muted">{t('noSubstantiveDisagreements')}</p>
          ) : null}
          {disagreements.substance.map(({ discrepancy, claims }) => (
            <div class="discrepancy" key={discrepancy.id} data-testid="disagreement">
              <p>{discrepancy.subject}</p>
              <ul>
                {claims.map((claim, i) => (
                  <li key={i}>
                    {claim.value} <Cite sources={citedSources(claim.sources, sources)} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {errorCount > 0 ? (
            <details class="source-errors" data-testid="source-errors">
              <summary>{t('sourceErrors', String(errorCount))}</summary>
              <p class="muted small">{t('sourceErrorsHint')}</p>
              {disagreements.errors.map(({ discrepancy, errors, correct }) => (
                <div class="discrepancy" key={discrepancy.id}>
                  <p>{discrepancy.subject}</p>
                  <ul>
                    {correct.map((claim, i) => (
                      <li key={`ok-${i}`}>
                        {claim.value} <Cite sources={citedSources(claim.sources, sources)} />
                      </li>
                    ))}
                    {errors.map((claim, i) => (
                      <li key={`error-${i}`} class="source-error">
                        {claim.value} <Cite sources={citedSources(claim.sources, sources)} />{' '}
                        <span class="error-kind">({t('sourceErrorKind', claim.error ?? '')})</span>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </details>
          ) : null}
        </Section>
      ) : null}
    </CardFrame>
  );
}
