/**
 * Text normalization shared by alias matching and quote linking: accent and case folding,
 * word tokens with offsets into the original string (so spans stay exact), content-word stems.
 */

/** Accents, case, typographic apostrophes and dashes folded; dots of "U.S." dropped. */
export function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc\u2032]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .toLowerCase();
}

export interface WordToken {
  start: number;
  /** End of the word without a possessive "'s" ("Blinken" in "Blinken’s"). */
  end: number;
  /** End including the possessive, where the next gap starts. */
  outer: number;
  /** Folded form: "blinken", "us" for "U.S.". */
  key: string;
  /** No lower-case letter in the original ("US", "CCTV", "BLINKEN"). */
  upper: boolean;
  /** Starts with an upper-case letter. */
  cap: boolean;
}

const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}\p{M}]+(?:['’][sS](?![\p{L}\p{N}]))?/gu;

/** Word tokens of `text` in order; one regex pass, offsets into `text` itself. */
export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const raw = m[0];
    const possessive = /['’][sS]$/.test(raw) && raw.length > 2 ? 2 : 0;
    const word = possessive ? raw.slice(0, -2) : raw;
    tokens.push({
      start: m.index,
      end: m.index + word.length,
      outer: m.index + raw.length,
      key: fold(word).replace(/\./g, ''),
      upper: !/\p{Ll}/u.test(word),
      cap: /^\p{Lu}/u.test(word),
    });
  }
  return tokens;
}

/** Alias key: folded tokens joined by one space ("Blinken’s" → "blinken", "U.S." → "us"). */
export function aliasKey(text: string): string {
  return wordTokens(text)
    .map((t) => t.key)
    .join(' ');
}

const STOPWORDS = new Set(
  `a an the and or but nor of to in on at by for with from as into onto about over under than
  then that this these those there here it its it's their they them he she his her him we us our
  you your i me my is are was were be been being am do does did done has have had having will
  would shall should can could may might must not no so such very too also just only more most
  much many some any all both each every which who whom whose what when where why how if while
  since until after before again further once own same other another up down out off between
  through during against among per via mr mrs ms dr said says say told tell according`.split(/\s+/),
);

/** Words that nearly every article on the topic uses; they count, but little. */
const COMMON = new Set(
  'china chinese us american united state states relation country countries beijing washington two side sides'.split(
    ' ',
  ),
);

/** Wordings that translations of one statement swap for each other. */
const SYNONYMS: Record<string, string> = {
  ties: 'relations',
  relationship: 'relations',
  relationships: 'relations',
  nations: 'countries',
  nation: 'country',
  misconceptions: 'misunderstanding',
  misconception: 'misunderstanding',
  misperceptions: 'misunderstanding',
  misperception: 'misunderstanding',
  misunderstandings: 'misunderstanding',
  candid: 'frank',
  honest: 'frank',
  sincere: 'frank',
  substantial: 'substantive',
  'in-depth': 'substantive',
  coming: 'next',
  upcoming: 'next',
  establishment: 'established',
  'sino-us': 'us-china',
  'sino-american': 'us-china',
  'china-us': 'us-china',
};

const SUFFIXES = [
  'izations',
  'ization',
  'ations',
  'ation',
  'ments',
  'ment',
  'ness',
  'ings',
  'ing',
  'ions',
  'ion',
  'ies',
  'ied',
  'ed',
  'es',
  'ly',
  's',
];

/** A light suffix-stripping stem: "relations", "relationship" → "relat"; "established" → "establish". */
export function stem(word: string): string {
  // Own keys only: page words such as "constructor" must not reach Object.prototype.
  let w = Object.hasOwn(SYNONYMS, word) ? SYNONYMS[word]! : word;
  for (let round = 0; round < 2; round++) {
    if (w.endsWith('ship') && w.length > 7) {
      w = w.slice(0, -4);
      continue;
    }
    const suffix = SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= 4);
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
    if (suffix === 'ies' || suffix === 'ied') w += 'y';
    if (round === 0 && !/(?:ion|ation|ment|ness)$/.test(w)) break;
  }
  return w;
}

/** Folded words of a quotation (hyphenated compounds kept whole, then also split). */
function quoteWords(text: string): string[] {
  const words: string[] = [];
  const folded = fold(text);
  for (const m of folded.matchAll(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu)) {
    const w = m[0].replace(/'s$/, '');
    if (Object.hasOwn(SYNONYMS, w)) {
      words.push(w);
      continue;
    }
    if (w.includes('-')) words.push(...w.split('-'));
    else words.push(w);
  }
  return words;
}

/** Distinct content stems of a quotation: stopwords dropped, synonyms mapped, stems taken. */
export function contentStems(text: string): string[] {
  const seen = new Set<string>();
  for (const w of quoteWords(text)) {
    if (STOPWORDS.has(w) || w.length < 2) continue;
    seen.add(stem(w));
  }
  return [...seen];
}

/** How much a stem says about which statement this is, before corpus statistics. */
export function baseWeight(s: string): number {
  if (COMMON.has(s) || COMMON.has(`${s}s`)) return 0.35;
  return s.length <= 3 ? 0.7 : 1;
}

/** Character trigrams of the content words, padded at word edges. */
export function trigrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const w of quoteWords(text)) {
    if (STOPWORDS.has(w)) continue;
    const padded = ` ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}
