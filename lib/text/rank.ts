/**
 * Which quotations are key: a quotation proper (not a scare quote or a title), said by someone
 * the page names (a KB person counts most), found in the corpus, long enough to say something,
 * and not a pull-quote repeating one already counted.
 */
import type { Speaker } from '../attribution';
import { fold } from '../doc/tokens';
import type { QuoteSpan } from '../doc/types';
import type { CorpusLink } from '../link';
import { countWords } from './quotes';

export interface RankInput {
  quote: QuoteSpan;
  speaker: Speaker | null;
  corpus: CorpusLink | null;
}

export interface Rank {
  key: boolean;
  /** 0..1 behind `key`. */
  score: number;
  /** Index (into the inputs) of the earlier quotation this one repeats, when it does. */
  repeatOf?: number;
}

/** A score at or above this makes a quotation key. */
export const KEY_THRESHOLD = 0.5;
/** Share of a quotation's word 4-grams found in one earlier quotation that makes it a repeat. */
const REPEAT_SHARE = 0.6;

const words = (text: string) => fold(text).match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * For each quotation, the earlier one it repeats (a pull-quote or a repeated line), or
 * undefined. Exact repeats by their folded words; partial ones by word 4-grams, each looked up
 * in a map from 4-gram to the first quotation that had it, so the work is linear in the quotes'
 * total length.
 */
export function findRepeats(
  quotes: readonly { text: string; depth?: number }[],
): (number | undefined)[] {
  const exact = new Map<string, number>();
  const shingles = new Map<string, number>();
  return quotes.map((q, i) => {
    const w = words(q.text);
    const whole = w.join(' ');
    if (!whole) return undefined;
    const earlier = exact.get(whole);
    if (earlier !== undefined) return earlier;
    exact.set(whole, i);
    if (w.length < 4) return undefined;
    const votes = new Map<number, number>();
    const own: string[] = [];
    for (let k = 0; k + 4 <= w.length; k++) {
      const gram = `${w[k]} ${w[k + 1]} ${w[k + 2]} ${w[k + 3]}`;
      own.push(gram);
      const first = shingles.get(gram);
      if (first !== undefined) votes.set(first, (votes.get(first) ?? 0) + 1);
    }
    let repeat: number | undefined;
    for (const [j, count] of votes) {
      if (count / own.length >= REPEAT_SHARE && (repeat === undefined || j < repeat)) repeat = j;
    }
    if (repeat === undefined)
      for (const gram of own) if (!shingles.has(gram)) shingles.set(gram, i);
    return repeat;
  });
}

/**
 * Score and choose key quotations. `isPerson(entityId)` tells whether a speaker's KB entity is a
 * person (a relevant speaker) rather than a country or an organization.
 */
export function rankQuotes(
  items: readonly RankInput[],
  isPerson: (entityId: string) => boolean,
): Rank[] {
  const found = findRepeats(items.map((i) => i.quote));
  // The copy the text attributes stands for its repeats: a live-blog heading ("Wang: ‘…’") or a
  // pull-quote placed before the paragraph that quotes and attributes the same words.
  const standIn = new Map<number, number>();
  found.forEach((j, i) => {
    if (j !== undefined && !standIn.has(j) && !items[j]!.speaker && items[i]!.speaker)
      standIn.set(j, i);
  });
  const repeats = found.map((j, i) => {
    const original = j ?? (standIn.has(i) ? i : undefined);
    if (original === undefined) return undefined;
    const chosen = standIn.get(original) ?? original;
    return chosen === i ? undefined : chosen;
  });
  return items.map(({ quote, speaker, corpus }, i) => {
    // Chinese has no spaces: two characters count as a word, as the scanner counts them.
    const n = countWords(quote.text);
    // Four words by anyone the page names reach the threshold: who said what is the point,
    // whether or not the KB knows the speaker. Shorter fragments need a corpus link.
    let score = n >= 9 ? 0.35 : n >= 4 ? 0.3 : 0.1;
    if (speaker) {
      score += 0.2;
      if (speaker.entityId && isPerson(speaker.entityId)) score += 0.15;
    }
    if (corpus) score += 0.3 * corpus.confidence;
    if (!quote.closed) score -= 0.15;
    score = Math.round(Math.max(0, Math.min(1, score)) * 100) / 100;
    const repeatOf = repeats[i];
    const key =
      score >= KEY_THRESHOLD &&
      quote.kind === 'quote' &&
      quote.depth === 0 &&
      repeatOf === undefined;
    return repeatOf === undefined ? { key, score } : { key, score, repeatOf };
  });
}
