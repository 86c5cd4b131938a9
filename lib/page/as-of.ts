/**
 * When what a card says was true. The knowledge base is true as of its sources: a role, an age
 * or a description holds on the day of the reports it comes from, not on the day a reader opens
 * the card. These helpers date each of them by its sources and tell when the page being read is
 * dated after them, so the card can say so.
 */
import type { Entity, Source } from '../kb/types';

/** The latest of the given sources' dates (the most recent report that states it), or null. */
export function latestDate(
  ids: readonly string[],
  sources: ReadonlyMap<string, Source>,
): string | null {
  let latest: string | null = null;
  for (const id of ids) {
    const date = sources.get(id)?.date;
    if (date && (latest === null || date > latest)) latest = date;
  }
  return latest;
}

/**
 * The day an entity's role and description hold as of: the latest source that names it or
 * states a fact about it (the curated role and description have no sources of their own; they
 * were written from these reports).
 */
export function entityAsOf(entity: Entity, sources: ReadonlyMap<string, Source>): string | null {
  const named = Object.entries(entity.mentions)
    .filter(([, count]) => count > 0)
    .map(([id]) => id);
  return latestDate([...named, ...entity.facts.flatMap((fact) => fact.sources)], sources);
}

/** Whether a page's date (YYYY-MM-DD, or null when it gives none) is after `asOf`. */
export function pageIsLater(pageDate: string | null | undefined, asOf: string | null): boolean {
  if (!pageDate || !asOf) return false;
  // ISO dates of any precision compare as strings once cut to the shorter one's length.
  const length = Math.min(pageDate.length, asOf.length);
  return pageDate.slice(0, length) > asOf.slice(0, length);
}
