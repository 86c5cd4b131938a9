/**
 * The one tokenization of a page's text: every later stage (sentences, quotes' context, names,
 * knowledge-base mentions, topic terms, corpus links) reads these tokens instead of scanning the
 * text again. One regular-expression pass; offsets are into the text itself, so spans stay exact.
 */

/** 'word': letters and digits; 'cjk': one Chinese or Japanese character; 'punct': , ; : . ! ? … ( ) dashes. */
export type TokenKind = 'word' | 'cjk' | 'punct';

export interface Token {
  start: number;
  /** End of the word without a possessive "'s" ("Blinken" in "Blinken’s"). */
  end: number;
  /** End including the possessive, where the gap to the next token starts. */
  outer: number;
  /** Folded form: accents and case folded, dots dropped ("us" for "U.S."); the mark for punctuation. */
  key: string;
  kind: TokenKind;
  /** Starts with an upper-case letter. */
  cap: boolean;
  /** No lower-case letter ("US", "CCTV", "BLINKEN", "2023"). */
  upper: boolean;
}

/** Accents, case, typographic apostrophes and dashes folded. */
export function fold(word: string): string {
  // Most words are plain ASCII: skip Unicode normalization for them.
  if (!/[^ -~]/.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc\u2032]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

/**
 * Initialisms with dots ("U.S.", "U.N."), words (with a possessive "'s" kept on the token),
 * then punctuation that matters for reading: clause and sentence marks, brackets, dashes, and a
 * double hyphen or a spaced hyphen used as a dash. A hyphen inside a word ("US-China") is a gap
 * between two tokens.
 */
const TOKEN =
  /(?:\p{L}\.){2,}|[\p{L}\p{N}\p{M}]+(?:['’][sS](?![\p{L}\p{N}]))?|[,;:.!?…()\u2014\u2013\u3002\uff01\uff1f\uff1b\uff0c\uff1a]|--|(?<=\s)-(?=\s)/gu;

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

const PUNCTUATION = new Set(
  ',;:.!?…()\u2014\u2013\u3002\uff01\uff1f\uff1b\uff0c\uff1a-'.split('').concat('--'),
);

const PUNCT_KEYS: Record<string, string> = {
  '\u3002': '.',
  '\uff01': '!',
  '\uff1f': '?',
  '\uff1b': ';',
  '\uff0c': ',',
  '\uff1a': ':',
  '\u2013': '—',
  '--': '—',
  '-': '—',
};

/** Tokens of `text` in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const raw = m[0];
    const at = m.index;
    const first = raw.charCodeAt(0);
    if (PUNCTUATION.has(raw)) {
      tokens.push({
        start: at,
        end: at + raw.length,
        outer: at + raw.length,
        key: PUNCT_KEYS[raw] ?? raw,
        kind: 'punct',
        cap: false,
        upper: false,
      });
      continue;
    }
    const ascii = isAscii(raw);
    if (!ascii && CJK.test(raw)) {
      pushCjk(tokens, raw, at);
      continue;
    }
    const last = raw.charCodeAt(raw.length - 1);
    const apostrophe = raw.charCodeAt(raw.length - 2);
    const possessive =
      raw.length > 2 &&
      (last === 115 || last === 83) &&
      (apostrophe === 39 || apostrophe === 0x2019);
    const word = possessive ? raw.slice(0, -2) : raw;
    if (ascii) {
      const lower = word.toLowerCase();
      tokens.push({
        start: at,
        end: at + word.length,
        outer: at + raw.length,
        key: lower.includes('.') ? lower.replace(/\./g, '') : lower,
        kind: 'word',
        cap: first >= 65 && first <= 90,
        upper: word === word.toUpperCase(),
      });
      continue;
    }
    tokens.push({
      start: at,
      end: at + word.length,
      outer: at + raw.length,
      key: fold(word).replace(/\./g, ''),
      kind: 'word',
      cap: /^\p{Lu}/u.test(word),
      upper: !/\p{Ll}/u.test(word),
    });
  }
  return tokens;
}

/** Tokens of a run that mixes CJK characters with other letters: one per CJK character. */
function pushCjk(tokens: Token[], raw: string, at: number): void {
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    let j = i + 1;
    const cjk = CJK.test(c);
    if (!cjk) while (j < raw.length && !CJK.test(raw[j]!)) j++;
    const word = raw.slice(i, j);
    tokens.push({
      start: at + i,
      end: at + j,
      outer: at + j,
      key: fold(word),
      kind: cjk ? 'cjk' : 'word',
      cap: /^\p{Lu}/u.test(word),
      upper: !/\p{Ll}/u.test(word),
    });
    i = j;
  }
}

/** Word and CJK tokens only (what names, aliases and terms are made of). */
export function isWord(token: Token): boolean {
  return token.kind !== 'punct';
}

/** Key of a phrase: its word tokens' keys joined by one space ("Blinken’s" → "blinken"). */
export function phraseKey(text: string): string {
  return tokenize(text)
    .filter(isWord)
    .map((t) => t.key)
    .join(' ');
}

/** Index of the first token that starts at or after `offset` (binary search). */
export function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
