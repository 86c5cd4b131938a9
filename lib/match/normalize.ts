/**
 * The words of quotations as quote linking compares them: content words of the page's tokens
 * (lib/doc/tokens), compounds and elisions read as one, German, French and Chinese words put in
 * English, stems taken, synonyms mapped.
 */
import { tokenize, type Token } from '../doc/tokens';

const STOPWORDS = new Set(
  `a an the and or but nor of to in on at by for with from as into onto about over under than
  then that this these those there here it its it's their they them he she his her him we us our
  you your i me my is are was were be been being am do does did done has have had having will
  would shall should can could may might must not no so such very too also just only more most
  much many some any all both each every which who whom whose what when where why how if while
  since until after before again further once own same other another up down out off between
  through during against among per via mr mrs ms dr said says say told tell according
  der die das den dem des ein eine einen einem und oder ist sind war wir ich sie er es zu mit von
  auf fur nicht sich im am an aber dass auch noch nur sehr haben hat
  le la les des du de et est un une au aux en dans pour que qui ne pas se sur par ce cette ces
  son sa ses leur leurs nous vous il elle ils elles on sont avec tres plus davantage`.split(/\s+/),
);

/** Whether a folded word is a function word of English, German or French. */
export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Words that nearly every article on the topic uses; they count, but little. */
const COMMON = new Set(
  'china chinese us american united state states relation country countries beijing washington two side sides'.split(
    ' ',
  ),
);

/**
 * Equivalences between wordings (corpus/equivalences.yaml, checked by `npm run kb` and carried
 * in the matcher index): English words one wording swaps for another, and German, French and
 * Chinese words in English.
 */
export interface Equivalences {
  english: Record<string, string>;
  german: Record<string, string>;
  french: Record<string, string>;
  chinese: Record<string, string>;
}

/** No equivalences: words are compared as they are, stemmed. */
export const NO_EQUIVALENCES: Equivalences = { english: {}, german: {}, french: {}, chinese: {} };

/** The tables as lookups, built once per equivalences object. */
interface Tables {
  english: Map<string, string>;
  foreign: Map<string, string>;
  chinese: Map<string, string>;
  chineseLongest: number;
}

const tablesCache = new WeakMap<Equivalences, Tables>();

function tablesOf(eq: Equivalences): Tables {
  let tables = tablesCache.get(eq);
  if (!tables) {
    const chinese = new Map(Object.entries(eq.chinese));
    tables = {
      english: new Map(Object.entries(eq.english)),
      foreign: new Map([...Object.entries(eq.german), ...Object.entries(eq.french)]),
      chinese,
      chineseLongest: Math.max(0, ...[...chinese.keys()].map((k) => k.length)),
    };
    tablesCache.set(eq, tables);
  }
  return tables;
}

/** English words for a run of Chinese, by longest match of the table at each character. */
function chineseWords(run: string, tables: Tables, into: string[]): void {
  for (let i = 0; i < run.length;) {
    let step = 1;
    for (let n = Math.min(tables.chineseLongest, run.length - i); n >= 2; n--) {
      const english = tables.chinese.get(run.slice(i, i + n));
      if (english !== undefined) {
        into.push(...english.split(' '));
        step = n;
        break;
      }
    }
    i += step;
  }
}

/** German and French endings tried, longest first, when a word is not in the glossary as is. */
const FOREIGN_ENDINGS = ['ungen', 'en', 'er', 'es', 'em', 'e', 'n', 's', 'x'];

/** A German or French word in English (possibly two words), or the word itself. */
export function translate(word: string, eq: Equivalences): string {
  const { foreign } = tablesOf(eq);
  const w = word.replace(/ß/g, 'ss');
  const whole = foreign.get(w);
  if (whole !== undefined) return whole;
  for (const ending of FOREIGN_ENDINGS) {
    if (w.length - ending.length < 3 || !w.endsWith(ending)) continue;
    const base = foreign.get(w.slice(0, -ending.length));
    if (base !== undefined) return base;
  }
  return word;
}

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
export function stem(word: string, eq: Equivalences = NO_EQUIVALENCES): string {
  let w = tablesOf(eq).english.get(word) ?? word;
  // "stable", "stability", "stabilise", "stabilization": one idea across wordings.
  if (/^stab(?:le|ility|ili[sz])/.test(w)) return 'stabil';
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

const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * Words of a quotation from its tokens: a hyphenated or elided compound is read whole
 * ("sino-us", "l'homme" → "homme") and then by its parts, a run of Chinese characters by the
 * glossary, "plus bas" as "lowest point".
 */
function quoteWords(text: string, tokens: readonly Token[], eq: Equivalences): string[] {
  const tables = tablesOf(eq);
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct') continue;
    if (t.kind === 'cjk' || CJK_RUN.test(t.key)) {
      let run = t.key;
      while (
        tokens[i + 1] &&
        tokens[i + 1]!.kind === 'cjk' &&
        tokens[i + 1]!.start === tokens[i]!.end
      ) {
        run += tokens[++i]!.key;
      }
      chineseWords(run, tables, words);
      continue;
    }
    let w = t.key;
    while (tokens[i + 1] && tokens[i + 1]!.kind === 'word' && tokens[i]!.outer === tokens[i]!.end) {
      const gap = text.slice(tokens[i]!.end, tokens[i + 1]!.start);
      const joint = /^[-\u2010\u2011]$/.test(gap) ? '-' : /^['\u2019]$/.test(gap) ? "'" : null;
      if (!joint) break;
      w += joint + tokens[++i]!.key;
    }
    w = w.replace(/^(?:l|d|qu|j|n|s|c)'/, '');
    if (w === 'plus' && tokens[i + 1]?.key === 'bas') {
      words.push('lowest', 'point');
      i++;
      continue;
    }
    if (tables.english.has(w)) {
      words.push(w);
      continue;
    }
    for (const part of w.includes('-') ? w.split('-') : [w]) {
      if (STOPWORDS.has(part)) continue;
      words.push(...translate(part, eq).split(' '));
    }
  }
  return words;
}

/** Distinct content stems of a quotation: stopwords dropped, equivalences mapped, stems taken. */
export function contentStems(
  text: string,
  eq: Equivalences,
  tokens: readonly Token[] = tokenize(text),
): string[] {
  return stemsOf(quoteWords(text, tokens, eq), eq);
}

function stemsOf(words: readonly string[], eq: Equivalences): string[] {
  const seen = new Set<string>();
  for (const w of words) {
    if (STOPWORDS.has(w) || w.length < 2) continue;
    seen.add(stem(w, eq));
  }
  return [...seen];
}

/** `contentStems` and `trigrams` of one quotation, its words read once. */
export function quoteFeatures(
  text: string,
  eq: Equivalences,
  tokens: readonly Token[] = tokenize(text),
): { stems: string[]; grams: Set<string> } {
  const words = quoteWords(text, tokens, eq);
  return { stems: stemsOf(words, eq), grams: gramsOf(words) };
}

/** How much a stem says about which statement this is, before corpus statistics. */
export function baseWeight(s: string): number {
  if (COMMON.has(s) || COMMON.has(`${s}s`)) return 0.35;
  return s.length <= 3 ? 0.7 : 1;
}

/** Character trigrams of the content words, padded at word edges. */
export function trigrams(text: string, eq: Equivalences): Set<string> {
  return gramsOf(quoteWords(text, tokenize(text), eq));
}

function gramsOf(words: readonly string[]): Set<string> {
  const grams = new Set<string>();
  for (const w of words) {
    if (STOPWORDS.has(w)) continue;
    const padded = ` ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}
