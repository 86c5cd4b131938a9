/**
 * The popup's outline of a page: which key quotes it shows at once. A long article can have
 * twenty quotations the ranker calls key; a reader takes in five. The ones that rank highest are
 * shown, in the order the page has them (an outline reads top to bottom); the rest are kept,
 * folded, also in page order.
 */

/** How many key quotes the popup shows before folding the rest. */
export const TOP_QUOTES = 5;

export interface RankedQuote {
  /** The quotation's place among the page's quotations. */
  index: number;
  /** The ranker's score (lib/text/rank.ts); missing reads as 0. */
  score?: number;
}

/** The `top` highest-scoring quotes (ties: earlier first) and the rest, each in page order. */
export function selectKeyQuotes<T extends RankedQuote>(
  quotes: readonly T[],
  top = TOP_QUOTES,
): { shown: T[]; folded: T[] } {
  const ranked = [...quotes].sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || a.index - b.index);
  const chosen = new Set(ranked.slice(0, top));
  const byPlace = [...quotes].sort((a, b) => a.index - b.index);
  return {
    shown: byPlace.filter((quote) => chosen.has(quote)),
    folded: byPlace.filter((quote) => !chosen.has(quote)),
  };
}
