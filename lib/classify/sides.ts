/**
 * The gate's quick look for the two sides: whether a text names the US and China at all (a term
 * of each, or a pair compound such as "US-China" or "中美"). It reads only the sides' terms of
 * the topic lexicon, so the content script that runs on every page carries no more of the topic
 * check than this.
 */
import { china, pair, us } from './topic-lexicon.json';

/** The terms naming each side, and the compounds naming both. */
export interface SideTerms {
  us: readonly string[];
  china: readonly string[];
  pair: readonly string[];
}

const SIDE_TERMS: SideTerms = { us, china, pair };

/** Scripts written without spaces between words: their terms match anywhere. */
export const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const alternation = (terms: string[]) =>
  terms
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** One side's terms for the quick look: a plain alternation, word boundaries checked per hit. */
interface QuickSide {
  cased: RegExp | null;
  caseless: RegExp | null;
}

/**
 * Plain alternations without look-behind, so the engine can skip ahead to a term's first
 * character; a hit inside a longer word is rejected afterwards.
 */
function quickSide(terms: readonly string[]): QuickSide {
  const cased: string[] = [];
  const caseless: string[] = [];
  for (const term of new Set(terms))
    (/\p{Lu}/u.test(term) || CJK.test(term) ? cased : caseless).push(term);
  const build = (list: string[], flags: string) =>
    list.length ? new RegExp(alternation(list), flags) : null;
  return { cased: build(cased, 'g'), caseless: build(caseless, 'gi') };
}

function quickFind(side: QuickSide, text: string): boolean {
  for (const re of [side.cased, side.caseless]) {
    if (!re) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const term = m[0];
      const before = text[m.index - 1];
      const after = text[m.index + term.length];
      const cjk = CJK.test(term);
      const endsInWord = WORD_CHAR.test(term[term.length - 1]!);
      if (
        cjk ||
        ((before === undefined || !WORD_CHAR.test(before)) &&
          (!endsInWord || after === undefined || !WORD_CHAR.test(after)))
      ) {
        return true;
      }
      re.lastIndex = m.index + 1;
    }
  }
  return false;
}

const quickCache = new WeakMap<SideTerms, { us: QuickSide; china: QuickSide; pair: QuickSide }>();

/**
 * Whether a text names both sides at all: a US term and a China term, or a pair compound
 * ("US-China", "中美"). Every article the topic check can find relevant names both, so the gate
 * uses this on the text it reads anyway to leave other pages before the matcher index loads.
 * Phrases of the ignore list are not blanked: this check may let a page through, never hold a
 * relevant one back. A side already known to be named is not looked for again.
 */
export function namesBothSides(
  text: string,
  lexicon: SideTerms = SIDE_TERMS,
  known: { us: boolean; china: boolean } = { us: false, china: false },
): { us: boolean; china: boolean } {
  let quick = quickCache.get(lexicon);
  if (!quick) {
    quick = {
      us: quickSide(lexicon.us),
      china: quickSide(lexicon.china),
      pair: quickSide(lexicon.pair),
    };
    quickCache.set(lexicon, quick);
  }
  const china = known.china || quickFind(quick.china, text);
  const us = known.us || quickFind(quick.us, text);
  if (us && china) return { us, china };
  return quickFind(quick.pair, text) ? { us: true, china: true } : { us, china };
}
