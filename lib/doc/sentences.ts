/**
 * Paragraphs and sentences over the tokens. A paragraph is a line of the text map (block
 * boundaries are '\n'); a sentence ends at a full stop, question or exclamation mark (after any
 * closing quote marks or brackets) that is followed by a capital, a digit, an opening mark or
 * the paragraph's end, unless the stop ends an abbreviation ("Mr.", "Jan.", "J."). CJK full
 * stops always end one. Sentences never cross paragraphs.
 */
import type { Token } from './tokens';
import { LEXICON } from './lexicon';

export interface Paragraph {
  start: number;
  end: number;
  /** Token range [from, to). */
  from: number;
  to: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token range [from, to). */
  from: number;
  to: number;
  paragraph: number;
}

const CLOSERS = /[\s"'\u2019\u201d\u00bb\u203a\u300d\u300f)\]]/;
const OPENERS = /["'\u2018\u201c\u201e\u00ab\u2039\u300c\u300e([]/;

/** Paragraph spans of a text whose paragraphs are separated by '\n'. */
export function paragraphsOf(text: string, tokens: readonly Token[]): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let start = 0;
  let t = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const from = t;
    while (t < tokens.length && tokens[t]!.start < end) t++;
    if (end > start) paragraphs.push({ start, end, from, to: t });
    start = end + 1;
  }
  return paragraphs;
}

/** Whether the full stop at token `i` belongs to the word before it. */
function abbreviationStop(text: string, tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  if (!prev || prev.kind === 'punct' || prev.outer !== tokens[i]!.start) return false;
  const word = text.slice(prev.start, prev.end);
  // An initial: "J. Smith", "George W. Bush".
  if (word.length === 1 && prev.cap) return true;
  if (!LEXICON.abbreviations.has(prev.key) || prev.key.length < 2) return false;
  // "No. 5" is a number; "… said no. Fine" ends a sentence.
  if (prev.key === 'no')
    return /^\d/.test(text.slice(tokens[i + 1]?.start ?? 0, (tokens[i + 1]?.start ?? 0) + 1));
  return true;
}

/** Sentences of one paragraph. */
function sentencesIn(
  text: string,
  tokens: readonly Token[],
  p: Paragraph,
  index: number,
  out: Sentence[],
): void {
  let from = p.from;
  const close = (to: number) => {
    if (to <= from) return;
    const first = tokens[from]!;
    const last = tokens[to - 1]!;
    out.push({ start: first.start, end: last.outer, from, to, paragraph: index });
    from = to;
  };
  for (let i = p.from; i < p.to; i++) {
    const t = tokens[i]!;
    const key = t.key;
    let terminal = false;
    if (t.kind === 'punct') {
      const raw = text[t.start];
      if (raw === '\u3002' || raw === '\uff01' || raw === '\uff1f') {
        terminal = true;
      } else if (key === '.' || key === '!' || key === '?' || key === '…') {
        terminal = !(key === '.' && abbreviationStop(text, tokens, i));
      }
    } else if (t.kind === 'word' && text[t.end - 1] === '.' && t.end - t.start > 2) {
      // "U.S." at a sentence's end: its last dot is also the full stop when a new sentence
      // plainly starts after it ("… in the U.S. The talks …").
      const next = tokens[i + 1];
      terminal = next !== undefined && next.cap && LEXICON.notNames.has(next.key);
      if (terminal && i + 1 < p.to) {
        close(i + 1);
        continue;
      }
    }
    if (!terminal) continue;
    // Closing marks and brackets stay with the sentence they close.
    let after = t.end;
    while (after < p.end && CLOSERS.test(text[after]!) && !/\s/.test(text[after]!)) after++;
    const next = tokens[i + 1];
    if (!next || next.start >= p.end) {
      close(p.to);
      return;
    }
    if (next.kind === 'cjk' || t.kind === 'cjk' || /[\u3002\uff01\uff1f]/.test(text[t.start]!)) {
      close(i + 1);
      continue;
    }
    const gap = text.slice(after, next.start);
    if (!/\s/.test(gap) && !/\s/.test(text.slice(t.end, after))) continue;
    if (next.cap || /^\d/.test(text[next.start]!) || OPENERS.test(gap)) close(i + 1);
  }
  close(p.to);
}

/** Sentences of every paragraph, in order. */
export function sentencesOf(
  text: string,
  tokens: readonly Token[],
  paragraphs: readonly Paragraph[],
): Sentence[] {
  const out: Sentence[] = [];
  paragraphs.forEach((p, i) => sentencesIn(text, tokens, p, i, out));
  return out;
}
