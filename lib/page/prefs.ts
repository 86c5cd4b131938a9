/**
 * Whether Bilateral draws on a page, from the reader's switches: this page (for as long as the
 * tab shows it), this site (always/never), everywhere, and the pipeline's own verdict.
 */
import type { Clipping } from './clippings';
import type { Prefs, Settings } from '../protocol';

/**
 * What a reader gets without choosing: quotes and names, each name underlined at its first
 * mention, countries and capitals not at all, cards opened by pointing or clicking.
 */
export const DEFAULT_SETTINGS: Settings = {
  enabled: true,
  quotes: true,
  entities: true,
  allMentions: false,
  people: true,
  organizations: true,
  places: true,
  events: true,
  concepts: true,
  countries: false,
  clickOnly: false,
};

export interface Decision {
  draw: boolean;
  /** Which switch keeps the page quiet, when one does. */
  offBy?: 'page' | 'site' | 'global';
}

/**
 * The page switch wins both ways (the reader asked for this page); then the global switch,
 * then the site's choice; with neither, the pipeline decides (`active`).
 */
export function decide(prefs: Prefs, page: boolean | null, active: boolean): Decision {
  if (page === false) return { draw: false, offBy: 'page' };
  if (page === true) return { draw: true };
  if (!prefs.settings.enabled) return { draw: false, offBy: 'global' };
  if (prefs.site === 'never') return { draw: false, offBy: 'site' };
  if (prefs.site === 'always') return { draw: true };
  return { draw: active };
}

/** Whether the page may need the matcher at all (so a switched-off page never loads it). */
export function mayDraw(prefs: Prefs, page: boolean | null): boolean {
  if (page !== null) return page;
  return prefs.settings.enabled && prefs.site !== 'never';
}

/**
 * An import merged into what is there: clippings already kept (same id) stay as they are, new
 * ones are added. Returns the full list to store and the counts.
 */
export function mergeClippings(
  existing: readonly Clipping[],
  incoming: readonly Clipping[],
): { all: Clipping[]; added: number; skipped: number } {
  const ids = new Set(existing.map((clipping) => clipping.id));
  const fresh = incoming.filter((clipping) => !ids.has(clipping.id));
  return {
    all: [...existing, ...fresh],
    added: fresh.length,
    skipped: incoming.length - fresh.length,
  };
}
