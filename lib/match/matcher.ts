/**
 * The matcher index (what the content script needs of the KB to match a page, as compact JSON)
 * and corpus links: which KB quote a page's quotation reports, across wordings and translations.
 */
import type { EntityType, KnowledgeBase } from '../kb/types';
import { fold, phraseKey as aliasKey, type Token } from '../doc/tokens';
import { titleWords } from '../names/titles';
import { baseWeight, contentStems, quoteFeatures, trigrams } from './normalize';

export { titleWords };

/** A page quotation's link to the KB quote cluster it reports. */
export interface CorpusLink {
  id: string;
  /** The corpus wording closest to this page's wording. */
  text: string;
  sources: string[];
  /** 0..1. */
  confidence: number;
}

/** One alias key (see `phraseKey`) → the entities it names. */
export interface AliasEntry {
  ids: string[];
  /** Names an entity only with context: listed as such in the KB, or shared by several entities. */
  ambiguous?: boolean;
  /** An acronym ("US", "CCTV"): matches only when written in capitals. */
  acronym?: boolean;
  /** A proper name: matches only when at least one word is capitalized on the page. */
  proper?: boolean;
}

export interface IndexedEntity {
  name: string;
  type: EntityType;
}

/** A KB person's role as title words ("foreign minister china"), for "the foreign minister". */
export interface IndexedTitle {
  id: string;
  words: string[];
}

export interface IndexedVariant {
  /** Index into `quotes`. */
  quote: number;
  source: string;
  text: string;
  /** Fingerprint: distinct content stems (see `contentStems`). */
  stems: string[];
}

export interface IndexedQuote {
  id: string;
  speaker: string | null;
  sources: string[];
}

/**
 * Bump whenever `contentStems` changes: an index built with other fingerprints (a stale
 * generated file) is re-fingerprinted from the variant texts when loaded.
 */
export const FINGERPRINT_VERSION = 4;

export interface MatcherIndex {
  version: 1;
  /** `FINGERPRINT_VERSION` of the `contentStems` that computed `variants[].stems`. */
  fingerprints?: number;
  entities: Record<string, IndexedEntity>;
  aliases: Record<string, AliasEntry>;
  /** Longest alias in words; the alias scan never looks further ahead. */
  maxAliasWords: number;
  titles: IndexedTitle[];
  quotes: IndexedQuote[];
  variants: IndexedVariant[];
}

/**
 * Whether an alias is a proper name that pages capitalize: names of people, places and
 * organizations, and any alias with a capital after its first letter ("Sino-US relations" is
 * not, "One China policy" is).
 */
function isProper(alias: string, type: EntityType): boolean {
  if (!/\p{Lu}/u.test(alias)) return false;
  if (type === 'person' || type === 'place' || type === 'organization') return true;
  return /\p{Lu}/u.test(alias.slice(1));
}

/** Build the matcher index from the knowledge base; plain data, safe to JSON.stringify. */
export function buildMatcherIndex(kb: KnowledgeBase): MatcherIndex {
  const entities: Record<string, IndexedEntity> = {};
  const aliases: Record<string, AliasEntry> = {};
  let maxAliasWords = 1;
  const titles: IndexedTitle[] = [];

  /** Keys that some entity spells in lower case ("core interests"): case never matters for them. */
  const lowerCase = new Set<string>();
  const add = (alias: string, id: string, ambiguous: boolean, type: EntityType) => {
    const key = aliasKey(alias);
    if (!key) return;
    const entry = (aliases[key] ??= { ids: [] });
    if (!entry.ids.includes(id)) entry.ids.push(id);
    if (entry.ids.length > 1 || ambiguous) entry.ambiguous = true;
    const letters = alias.replace(/[^\p{L}]/gu, '');
    if (letters.length >= 2 && /\p{Lu}/u.test(letters) && !/\p{Ll}/u.test(letters)) {
      entry.acronym = true;
    } else if (isProper(alias, type)) entry.proper = true;
    else lowerCase.add(key);
    maxAliasWords = Math.max(maxAliasWords, key.split(' ').length);
  };

  for (const e of kb.entities) {
    entities[e.id] = { name: e.name, type: e.type };
    const ambiguous = new Set((e.ambiguousAliases ?? []).map(aliasKey));
    for (const alias of [e.name, ...e.aliases]) {
      add(alias, e.id, ambiguous.has(aliasKey(alias)), e.type);
    }
    for (const alias of e.ambiguousAliases ?? []) add(alias, e.id, true, e.type);
    if (e.type === 'person' && e.role) {
      for (const piece of e.role.replace(/\([^)]*\)/g, '').split(/,|;| and /)) {
        const words = titleWords(piece);
        if (words.length > 0) titles.push({ id: e.id, words });
        // A country's president is also its leader: "the Chinese leader".
        if (words.includes('president') && !words.includes('former') && !words.includes('vice')) {
          titles.push({ id: e.id, words: words.map((w) => (w === 'president' ? 'leader' : w)) });
        }
      }
    }
  }
  // An alias that is also a shorter form of a different entity's alias stays unambiguous; one
  // key naming two entities never is.
  for (const [key, entry] of Object.entries(aliases)) {
    if (!entry.ambiguous) delete entry.ambiguous;
    if (lowerCase.has(key)) delete entry.proper;
  }

  const quotes: IndexedQuote[] = [];
  const variants: IndexedVariant[] = [];
  for (const q of kb.quotes) {
    const index = quotes.length;
    quotes.push({
      id: q.id,
      speaker: q.speaker,
      sources: [...new Set(q.variants.map((v) => v.source))],
    });
    for (const v of q.variants) {
      variants.push({ quote: index, source: v.source, text: v.text, stems: contentStems(v.text) });
    }
  }
  return {
    version: 1,
    fingerprints: FINGERPRINT_VERSION,
    entities,
    aliases,
    maxAliasWords,
    titles,
    quotes,
    variants,
  };
}

/** Lookup structures derived from an index once (postings, weights, trigrams), kept per index. */
interface Prepared {
  postings: Map<string, number[]>;
  weight: (stem: string) => number;
  /** Each variant's fingerprint (stems recomputed when the index's are from another version). */
  prints: Fingerprint[];
}

const prepared = new WeakMap<MatcherIndex, Prepared>();

function prepare(index: MatcherIndex): Prepared {
  const cached = prepared.get(index);
  if (cached) return cached;
  const postings = new Map<string, number[]>();
  const current = index.fingerprints === FINGERPRINT_VERSION;
  const stems = index.variants.map((v) => (current ? v.stems : contentStems(v.text)));
  index.variants.forEach((_, i) => {
    for (const s of stems[i]!) {
      const list = postings.get(s);
      if (list) list.push(i);
      else postings.set(s, [i]);
    }
  });
  // Inverse document frequency over clusters, so words every quote shares weigh little.
  const n = Math.max(1, index.quotes.length);
  const clusterFreq = new Map<string, number>();
  for (const [s, list] of postings) {
    clusterFreq.set(s, new Set(list.map((i) => index.variants[i]!.quote)).size);
  }
  const maxIdf = Math.log(1 + n);
  const weight = (s: string) => {
    const df = clusterFreq.get(s) ?? 0;
    const idf = df === 0 ? maxIdf : Math.log(1 + n / df);
    return baseWeight(s) * (0.5 + idf / maxIdf);
  };
  const result: Prepared = {
    postings,
    weight,
    prints: index.variants.map((v, i) => fingerprint(stems[i]!, trigrams(v.text), weight)),
  };
  prepared.set(index, result);
  return result;
}

/** A wording as the scorer compares it: content stems with their total weight, and trigrams. */
interface Fingerprint {
  stems: Set<string>;
  weight: number;
  grams: Set<string>;
}

function fingerprint(
  stems: string[],
  grams: Set<string>,
  weight: (s: string) => number,
): Fingerprint {
  let total = 0;
  for (const s of stems) total += weight(s);
  return { stems: new Set(stems), weight: total, grams };
}

/** How much evidence a set of stems carries: under ~2.5 distinctive words, coverage counts less. */
const sizeFactor = (stems: string[], weight: (s: string) => number) =>
  Math.min(1, stems.reduce((sum, s) => sum + weight(s), 0) / 2.5);

/**
 * How well wording `b` accounts for wording `a`: content stems and character trigrams, each as
 * the better of Dice and the share of `a` found in `b` (a page may quote part of a statement).
 */
function directional(a: Fingerprint, b: Fingerprint, weight: (s: string) => number): number {
  if (a.stems.size === 0 || b.stems.size === 0 || a.weight === 0 || b.weight === 0) return 0;
  let inter = 0;
  for (const s of a.stems) if (b.stems.has(s)) inter += weight(s);
  const wordDice = (2 * inter) / (a.weight + b.weight);
  const wordCovered = inter / a.weight;
  let shared = 0;
  const [small, large] = a.grams.size <= b.grams.size ? [a.grams, b.grams] : [b.grams, a.grams];
  for (const g of small) if (large.has(g)) shared++;
  const gramTotal = a.grams.size + b.grams.size;
  const charDice = gramTotal === 0 ? 0 : (2 * shared) / gramTotal;
  const charCovered = a.grams.size === 0 ? 0 : shared / a.grams.size;
  const size = Math.min(1, a.weight / 2.5);
  const wordScore = 0.5 * wordDice + 0.5 * Math.max(wordDice, wordCovered * size);
  const charScore = 0.5 * charDice + 0.5 * Math.max(charDice, charCovered * size);
  return 0.6 * wordScore + 0.4 * charScore;
}

/**
 * 0..1, symmetric: how likely two wordings report the same statement. Combines weighted
 * content-stem overlap (translation synonyms mapped, light stemming), character trigrams
 * (inflections, spellings) and containment either way (one wording quotes part of the other),
 * discounting containment when the contained wording has few distinctive words.
 */
export function quoteSimilarity(a: string, b: string): number {
  const fa = fingerprint(contentStems(a), trigrams(a), baseWeight);
  const fb = fingerprint(contentStems(b), trigrams(b), baseWeight);
  return Math.max(directional(fa, fb, baseWeight), directional(fb, fa, baseWeight));
}

/** Scores at or above this link; calibrated on the corpus wordings (see tests/unit/link*.test.ts). */
export const LINK_THRESHOLD = 0.6;
/** Most candidate variants scored in full per quote, whatever the KB's size. */
const MAX_CANDIDATES = 12;
/** Postings longer than this are skipped when the quote has rarer words to go by. */
const MAX_POSTING = 200;

/**
 * The KB quote that `text` (a page quotation) reports, or null. `speakerId` is the page's
 * speaker when known: agreeing with the KB speaker raises the score, contradicting it lowers it,
 * and quotes of one or two words link only when the speakers agree. Candidates come from the
 * inverted index, so the work per quote does not grow with the number of KB quotes.
 */
export function linkQuote(
  text: string,
  speakerId: string | null,
  index: MatcherIndex,
  tokens?: readonly Token[],
): CorpusLink | null {
  const { stems, grams } = quoteFeatures(text, tokens);
  if (stems.length === 0) return null;
  const { postings, weight, prints } = prepare(index);

  const byRarity = stems
    .map((s) => ({ s, list: postings.get(s) }))
    .filter((x): x is { s: string; list: number[] } => x.list !== undefined)
    .sort((a, b) => a.list.length - b.list.length);
  const votes = new Map<number, number>();
  for (const [k, { s, list }] of byRarity.entries()) {
    if (k > 0 && list.length > MAX_POSTING) break;
    const w = weight(s);
    for (const v of list) votes.set(v, (votes.get(v) ?? 0) + w);
  }
  if (votes.size === 0) return null;
  const candidates = [...votes.entries()].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES);

  const own = fingerprint(stems, grams, weight);
  const short = sizeFactor(stems, weight) < 0.8;
  let best: { variant: number; score: number } | null = null;
  for (const [v] of candidates) {
    const variant = index.variants[v]!;
    const quote = index.quotes[variant.quote]!;
    let score = directional(own, prints[v]!, weight);
    if (speakerId && quote.speaker) {
      if (speakerId === quote.speaker) score += 0.1;
      // Softly: the corpus itself garbles who said what (dpa gives Qin's words to Li Shangfu).
      else score -= 0.15;
    }
    if (short) {
      // A word or two ("productive") is only the same statement from the same speaker, verbatim.
      const exact =
        fold(variant.text)
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
          .trim() ===
        fold(text)
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
          .trim();
      if (!(speakerId && speakerId === quote.speaker && (exact || score >= 0.85))) continue;
    }
    if (!best || score > best.score) best = { variant: v, score };
  }
  if (!best || best.score < LINK_THRESHOLD) return null;
  const variant = index.variants[best.variant]!;
  const quote = index.quotes[variant.quote]!;
  return {
    id: quote.id,
    text: variant.text,
    sources: quote.sources,
    confidence: confidence(best.score),
  };
}

/** Map a score to 0..1 so that the threshold reads as 0.5 and clear matches approach 1. */
function confidence(score: number): number {
  const c = 1 / (1 + Math.exp(-10 * (Math.min(1, score) - LINK_THRESHOLD)));
  return Math.round(Math.min(1, Math.max(0, c)) * 100) / 100;
}
