/**
 * How much two wordings share: content stems (equivalences mapped, light stemming) weighted by
 * how distinctive each is among the knowledge base's statements, and character trigrams for
 * inflections and spellings. The knowledge base's statements are indexed once per matcher index:
 * postings from stem to wording, and each statement's vocabulary across all its wordings, so a
 * page's wording is compared with what every outlet and translation said, not with one of them.
 */
import type { Token } from '../doc/types';
import { FINGERPRINT_VERSION, type MatcherIndex } from '../match/matcher';
import {
  baseWeight,
  contentStems,
  NO_EQUIVALENCES,
  quoteFeatures,
  trigrams,
  type Equivalences,
} from '../match/normalize';

/** A wording as the scorer compares it: content stems with their total weight, and trigrams. */
export interface Fingerprint {
  stems: Set<string>;
  weight: number;
  grams: Set<string>;
}

export function fingerprint(
  stems: Iterable<string>,
  grams: Set<string>,
  weight: (s: string) => number,
): Fingerprint {
  const set = new Set(stems);
  let total = 0;
  for (const s of set) total += weight(s);
  return { stems: set, weight: total, grams };
}

/** How one wording (`a`) is accounted for by another (`b`). */
export interface Overlap {
  /** Weight of the stems both share. */
  shared: number;
  /** Share of `a`'s weight found in `b`. */
  covered: number;
  /** Share of `b`'s weight found in `a`. */
  coveredBy: number;
  /** Dice of the weighted stems. */
  dice: number;
  /** Dice of the character trigrams. */
  chars: number;
  /** Share of `a`'s trigrams found in `b`. */
  charsCovered: number;
}

export function overlap(a: Fingerprint, b: Fingerprint, weight: (s: string) => number): Overlap {
  let shared = 0;
  if (a.weight > 0 && b.weight > 0)
    for (const s of a.stems) if (b.stems.has(s)) shared += weight(s);
  let grams = 0;
  const [small, large] = a.grams.size <= b.grams.size ? [a.grams, b.grams] : [b.grams, a.grams];
  for (const g of small) if (large.has(g)) grams++;
  const gramTotal = a.grams.size + b.grams.size;
  return {
    shared,
    covered: a.weight > 0 ? shared / a.weight : 0,
    coveredBy: b.weight > 0 ? shared / b.weight : 0,
    dice: a.weight + b.weight > 0 ? (2 * shared) / (a.weight + b.weight) : 0,
    chars: gramTotal > 0 ? (2 * grams) / gramTotal : 0,
    charsCovered: a.grams.size > 0 ? grams / a.grams.size : 0,
  };
}

/**
 * 0..1 from an overlap: stems and trigrams, each the better of Dice and the share of `a` found
 * in `b` (a page may quote part of a statement), that share discounted when `a` has under ~2.5
 * distinctive words.
 */
export function similarityOf(o: Overlap, aWeight: number): number {
  const size = Math.min(1, aWeight / 2.5);
  const words = 0.5 * o.dice + 0.5 * Math.max(o.dice, o.covered * size);
  const chars = 0.5 * o.chars + 0.5 * Math.max(o.chars, o.charsCovered * size);
  return 0.6 * words + 0.4 * chars;
}

/**
 * 0..1, symmetric: how likely two wordings report the same statement, by their words alone.
 * The knowledge base build groups the corpus's quotations into statements with it.
 */
export function quoteSimilarity(a: string, b: string, eq: Equivalences = NO_EQUIVALENCES): number {
  const fa = fingerprint(contentStems(a, eq), trigrams(a, eq), baseWeight);
  const fb = fingerprint(contentStems(b, eq), trigrams(b, eq), baseWeight);
  return Math.max(
    similarityOf(overlap(fa, fb, baseWeight), fa.weight),
    similarityOf(overlap(fb, fa, baseWeight), fb.weight),
  );
}

/** The statements of a matcher index as the linker reads them, built once per index. */
export interface Statements {
  /** Stem → the wordings (variant indexes) that hold it. */
  postings: Map<string, number[]>;
  /** A stem's weight: how distinctive it is among the statements. */
  weight: (stem: string) => number;
  /** Each wording's fingerprint. */
  prints: Fingerprint[];
  /** Each statement's fingerprint over all its wordings. */
  vocabularies: Fingerprint[];
  /** Each statement's wordings (variant indexes). */
  wordings: number[][];
  /** Speaker entity → how many statements the corpus holds of theirs. */
  bySpeaker: Map<string, number>;
}

const cache = new WeakMap<MatcherIndex, Statements>();

export function statementsOf(index: MatcherIndex): Statements {
  const cached = cache.get(index);
  if (cached) return cached;
  const eq = index.equivalences ?? NO_EQUIVALENCES;
  const current = index.fingerprints === FINGERPRINT_VERSION;
  const stems = index.variants.map((v) => (current ? v.stems : contentStems(v.text, eq)));
  const postings = new Map<string, number[]>();
  const wordings: number[][] = index.quotes.map(() => []);
  index.variants.forEach((v, i) => {
    wordings[v.quote]?.push(i);
    for (const s of stems[i]!) {
      const list = postings.get(s);
      if (list) list.push(i);
      else postings.set(s, [i]);
    }
  });
  // Inverse document frequency over statements, so words every statement shares weigh little.
  const n = Math.max(1, index.quotes.length);
  const statementFreq = new Map<string, number>();
  for (const [s, list] of postings) {
    statementFreq.set(s, new Set(list.map((i) => index.variants[i]!.quote)).size);
  }
  const maxIdf = Math.log(1 + n);
  const weight = (s: string) => {
    const df = statementFreq.get(s) ?? 0;
    const idf = df === 0 ? maxIdf : Math.log(1 + n / df);
    return baseWeight(s) * (0.5 + idf / maxIdf);
  };
  const grams = index.variants.map((v) => trigrams(v.text, eq));
  const bySpeaker = new Map<string, number>();
  for (const q of index.quotes)
    if (q.speaker) bySpeaker.set(q.speaker, (bySpeaker.get(q.speaker) ?? 0) + 1);
  const result: Statements = {
    postings,
    weight,
    prints: index.variants.map((_, i) => fingerprint(stems[i]!, grams[i]!, weight)),
    vocabularies: wordings.map((list) =>
      fingerprint(
        list.flatMap((i) => stems[i]!),
        new Set(list.flatMap((i) => [...grams[i]!])),
        weight,
      ),
    ),
    wordings,
    bySpeaker,
  };
  cache.set(index, result);
  return result;
}

/** A page wording's fingerprint under the index's weights. */
export function pageFingerprint(
  text: string,
  index: MatcherIndex,
  tokens?: readonly Token[],
): Fingerprint {
  const { stems, grams } = quoteFeatures(text, index.equivalences ?? NO_EQUIVALENCES, tokens);
  return fingerprint(stems, grams, statementsOf(index).weight);
}
