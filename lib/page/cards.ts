/**
 * What a card shows, assembled from knowledge-base records. Cards are views; these helpers
 * pick and order what they need so the views stay simple and the choices stay testable.
 */
import type { LinkEvidence } from '../link';
import type { Discrepancy, Entity, EntityType, Quote, Source, TimelineEvent } from '../kb/types';

export interface EntityCardData {
  entity: Entity;
  /** Every source the facts, quotes and disagreements cite. */
  sources: Source[];
  /** Quotes this entity said. */
  quotes: Quote[];
  /** Disagreements between sources that concern this entity. */
  discrepancies: Discrepancy[];
  /** The corpus timeline, for events and concepts. */
  timeline: TimelineEvent[];
}

export interface QuoteCardData {
  quote: Quote;
  speaker: Entity | null;
  sources: Source[];
}

/** The quote as the page has it, with what the pipeline found. */
export interface PageQuoteView {
  text: string;
  speaker: string | null;
  /** The speaker's knowledge-base entity, when the page's speaker is one. */
  speakerId: string | null;
  /** The sentence or paragraph around it on the page. */
  context: string;
  /** 0..1 confidence of the corpus link, null without one. */
  confidence: number | null;
  /** What the corpus link rests on, null without one. */
  evidence: LinkEvidence | null;
}

/** Where a highlight sits among the page's highlights of the same thing. */
export interface PagePlace {
  index: number;
  count: number;
}

export function sourceMap(sources: readonly Source[]): Map<string, Source> {
  return new Map(sources.map((source) => [source.id, source]));
}

/** Sources in date order, unknown ids left out. */
export function citedSources(ids: readonly string[], sources: Map<string, Source>): Source[] {
  const seen = new Set<string>();
  const out: Source[] = [];
  for (const id of ids) {
    const source = sources.get(id);
    if (source && !seen.has(id)) {
      seen.add(id);
      out.push(source);
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.outlet.localeCompare(b.outlet));
}

export interface TimelineRow {
  event: TimelineEvent;
  /** This row belongs to the entity the card is about. */
  current: boolean;
}

/**
 * The entity's place on the corpus timeline: every dated event in order, the ones that belong
 * to it marked. An event entity with a date but no timeline entry of its own is placed by its
 * date.
 */
export function timelinePlace(entity: Entity, timeline: readonly TimelineEvent[]): TimelineRow[] {
  const belongs = (event: TimelineEvent) =>
    event.entity === entity.id || (event.entities ?? []).includes(entity.id);
  const rows = timeline.map((event) => ({ event, current: belongs(event) }));
  if (!rows.some((row) => row.current) && entity.date) {
    rows.push({
      event: { id: entity.id, date: entity.date, title: entity.name, sources: [] },
      current: true,
    });
  }
  return rows.sort((a, b) => a.event.date.localeCompare(b.event.date));
}

export const TIMELINE_TYPES: ReadonlySet<EntityType> = new Set(['event', 'concept']);

/** The wordings a quote card shows: those whose source the card knows, in the KB's order. */
export function shownVariants(data: QuoteCardData): Quote['variants'] {
  const known = new Set(data.sources.map((source) => source.id));
  return data.quote.variants.filter((variant) => known.has(variant.source));
}

/** Sources that carried a quote, in date order. */
export function quoteSources(quote: Quote, sources: Map<string, Source>): Source[] {
  return citedSources(
    quote.variants.map((variant) => variant.source),
    sources,
  );
}
