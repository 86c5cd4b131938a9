/**
 * Direct quotations in a text-map string (block boundaries are '\n'). One left-to-right pass
 * with a small stack of open marks; every decision looks at one character either side, so the
 * scan is linear in the text and never throws on malformed input.
 */
import type { QuoteKind, QuoteSpan, Span } from '../doc/types';
import { collapseWhitespace } from '../extract/whitespace';

export type { QuoteKind, QuoteSpan } from '../doc/types';

/** How far marks nest before further openers are ignored (keeps per-character work constant). */
const MAX_DEPTH = 8;

type Family =
  | 'curly' // “…” and „…“ / „…”
  | 'swedish' // ”…”
  | 'straight' // "…"
  | 'single' // ‘…’ and ‚…‘
  | 'straight-single' // '…'
  | 'guillemet' // «…» and »…« and »…»
  | 'single-guillemet' // ‹…› and ›…‹
  | 'corner' // 「…」
  | 'white-corner' // 『…』
  | 'title-angle'; // 《…》 and 〈…〉 (CJK titles)

interface Open {
  family: Family;
  mark: string;
  /** Offset of the opening mark. */
  at: number;
  /** Inner spans of completed earlier paragraphs of this quotation. */
  parts: Span[];
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
/** Characters after which a mark reads as opening: start, space, brackets, dashes, slashes. */
const isOpeningContext = (c: string | undefined) =>
  c === undefined || /[\s([{\u2014\u2013/\-"\u201c\u201e\u00ab\u00bb\u2018\u201a:]/.test(c);

/** Which families a closing character can close, given the context it appears in. */
function closerFamilies(c: string, prev: string | undefined, next: string | undefined): Family[] {
  const rightFlank = !isSpace(prev);
  switch (c) {
    case '\u201d': // ”
      return ['curly', 'swedish', 'straight'];
    case '\u201c': // “ closes „ (German); it closes “ only when it reads as closing (misused)
      return rightFlank ? ['curly'] : [];
    case '"':
      return rightFlank || !isWordChar(next) ? ['straight', 'curly'] : [];
    case '\u2019': // ’ is an apostrophe between letters
      return rightFlank && !isWordChar(next) ? ['single'] : [];
    case '\u2018': // ‘ closes ‚ (German) and, when reading as closing, a ‘
      return rightFlank && !isWordChar(next) ? ['single'] : [];
    case "'":
      return rightFlank && !isWordChar(next) ? ['straight-single'] : [];
    case '\u00bb': // »
    case '\u00ab': // «
      return ['guillemet'];
    case '\u203a':
    case '\u2039':
      return ['single-guillemet'];
    case '\u300d':
      return ['corner'];
    case '\u300f':
      return ['white-corner'];
    case '\u300b':
    case '\u3009':
      return ['title-angle'];
    default:
      return [];
  }
}

/** Whether `c` closes `open` (the pair, not just the family). */
function pairs(open: Open, c: string, next: string | undefined): boolean {
  const o = open.mark;
  switch (open.family) {
    case 'curly':
      if (o === '\u201e') return c === '\u201c' || c === '\u201d';
      return c === '\u201d' || c === '"' || (c === '\u201c' && !isWordChar(next));
    case 'swedish':
      return c === '\u201d';
    case 'straight':
      return c === '"' || c === '\u201d';
    case 'single':
      if (o === '\u201a') return c === '\u2018' || c === '\u2019';
      return c === '\u2019' || c === '\u2018';
    case 'straight-single':
      return c === "'";
    case 'guillemet':
      return o === '\u00ab' ? c === '\u00bb' : c === '\u00ab' || c === '\u00bb';
    case 'single-guillemet':
      return o === '\u2039' ? c === '\u203a' : c === '\u2039' || c === '\u203a';
    case 'corner':
      return c === '\u300d';
    case 'white-corner':
      return c === '\u300f';
    case 'title-angle':
      return (o === '\u300a' && c === '\u300b') || (o === '\u3008' && c === '\u3009');
  }
}

/** Single-quote closers are ambiguous with apostrophes, so they only close the innermost mark. */
const AMBIGUOUS_CLOSERS = new Set(['\u2019', '\u2018', "'", '"', '\u201c']);

/** The family an opening character starts, or null when it does not read as opening here. */
function openerFamily(
  c: string,
  prev: string | undefined,
  next: string | undefined,
): Family | null {
  const leftFlank = !isSpace(next);
  switch (c) {
    case '\u201c':
    case '\u201e':
      return leftFlank ? 'curly' : null;
    case '\u201d': // Swedish and Finnish open with ”; elsewhere a stray ” is noise
      return leftFlank && isOpeningContext(prev) ? 'swedish' : null;
    case '"':
      return leftFlank && !isWordChar(prev) ? 'straight' : null;
    case '\u2018':
    case '\u201a':
      return leftFlank && !isWordChar(prev) ? 'single' : null;
    case "'":
      return isWordChar(next) && isOpeningContext(prev) ? 'straight-single' : null;
    case '\u00ab': // French sets a space inside: « texte »
      return leftFlank || next === '\u00a0' || next === '\u202f' || next === ' '
        ? 'guillemet'
        : null;
    case '\u00bb': // German »Text«; a spaced » is a breadcrumb separator
      return leftFlank ? 'guillemet' : null;
    case '\u2039':
      return leftFlank || next === '\u00a0' || next === '\u202f' || next === ' '
        ? 'single-guillemet'
        : null;
    case '\u203a':
      return leftFlank ? 'single-guillemet' : null;
    case '\u300c':
      return 'corner';
    case '\u300e':
      return 'white-corner';
    case '\u300a':
    case '\u3008':
      return 'title-angle';
    default:
      return null;
  }
}

/** Families whose unclosed openers are reported at a paragraph's end (singles are usually apostrophes). */
const REPORT_UNCLOSED = new Set<Family>(['curly', 'swedish', 'straight', 'guillemet', 'corner']);

/** Every character that can open or close a quotation. */
const MARK_CHARS = new Set(
  '"\'\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u300a\u300b\u300c\u300d\u300e\u300f\u3008\u3009'.split(
    '',
  ),
);

/** Whether an opening mark at the start of a paragraph continues `open` from the paragraph before. */
function continues(open: Open, c: string): boolean {
  if (open.mark === c) return true;
  if (open.family === 'curly') return c === '\u201c' || c === '\u201e';
  if (open.family === 'straight') return c === '"' || c === '\u201c';
  return false;
}

const MINOR_WORDS = new Set(
  'a an and as at but by de del der des die das du for from in into la le les of on or the to und von vs with'.split(
    ' ',
  ),
);

const CJK_CHAR = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

/** Words in `text`; runs of CJK count one word per two characters. */
export function countWords(text: string): number {
  if (!CJK_CHAR.test(text)) {
    // Collapsed text: words are separated by single spaces.
    let words = text.length > 0 ? 1 : 0;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) words++;
    return words;
  }
  let words = 0;
  for (const token of text.split(' ')) {
    if (!token) continue;
    const cjk = token.match(/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g);
    words += cjk ? Math.max(1, Math.ceil(cjk.length / 2)) : 1;
  }
  return words;
}

/** Words that make a short quotation a statement: "C’est très bien", "We agree", "Das ist gut". */
const STATEMENT_WORDS = new Set(
  `i we it's it’s is are was were i'm i’m we're we’re c'est c’est est sont je nous j'ai j’ai
  ist sind wir ich war`.split(/\s+/),
);
/** First words of a three-word fragment of a sentence ("at the lowest point", "au plus bas"). */
const FRAGMENT_STARTS = new Set(
  `at in on to the a an of for by from au aux à la le les du des de dans en sur par pour im am
  zu zum zur der die das den dem ein eine auf mit`.split(/\s+/),
);

/** The word before a quotation that names a work: "titled", "entitled", "headlined". */
const TITLE_BEFORE = /^(?:titled|entitled|headlined|betitelt|intitulée?s?)$/iu;

/** Words before a short quotation that make it a term: "the “spy” balloon", "so-called “thaw”". */
const SCARE_BEFORE = new Set(
  `the a an its his her their our this that these those so-called called dubbed termed as what
  der die das ein eine sogenannte sogenannten le la les un une du des ce cette ces dit dite`.split(
    /\s+/,
  ),
);

/**
 * Attribution right after a closing mark: "…,” he said", "…», a-t-il ajouté", "…“, sagte Qin",
 * "…,” Wang added". A quotation attributed there is speech however short.
 */
const ATTRIBUTION_AFTER =
  /^[\s\u00a0]*[,\u2013\u2014]?[\s\u00a0]*(?:(?:[\p{Lu}][\p{L}.’'-]*|he|she|they|il|elle|er|sie)[\s\u00a0]+){0,3}(?:said|says|added|adds|asked|told|replied|noted|a-t-il|a-t-elle|a\s+(?:dit|déclaré|ajouté|affirmé|souligné|estimé)|sagte|sagt|fügte|betonte|erklärte|so\s)/iu;

/**
 * Classify a collapsed inner text. `attributed`: an attribution follows the closing mark, so a
 * short quotation is speech, not a scare quote.
 */
export function classifyQuote(
  text: string,
  open = '\u201c',
  attributed: boolean | (() => boolean) = false,
  before: string | (() => string) = '',
): QuoteKind {
  if (open === '\u300a' || open === '\u3008') return 'title';
  let previous: string | undefined;
  const wordBefore = () => (previous ??= typeof before === 'function' ? before() : before);
  const words = countWords(text);
  const terminal = /[.!?\u3002\uff01\uff1f\u2026]["'\u2019\u201d]?$/.test(text);
  // German capitalizes every noun: title case says nothing inside „…“ or »…«.
  const german = open === '\u201e' || open === '\u201a' || open === '\u00bb';
  if (words >= 2 && words <= 12 && !terminal && !/[,;:]/.test(text) && !german) {
    if (titleCased(text)) return 'title';
  }
  // "a report titled “Managed, Not Mended”": named as a work whatever its case and commas.
  if (words <= 12 && !terminal && TITLE_BEFORE.test(wordBefore())) return 'title';
  if (words <= 3 && !terminal) {
    const tokens = text.toLowerCase().split(' ');
    if (words >= 2 && tokens.some((t) => STATEMENT_WORDS.has(t.replace(/[,;:]$/, ''))))
      return 'quote';
    if (words === 3 && FRAGMENT_STARTS.has(tokens[0]!)) return 'quote';
    // Context is read only here, for the few short quotations that need it.
    if (typeof attributed === 'function' ? attributed() : attributed) return 'quote';
    // Three words after a verb or preposition continue a sentence ("help “stabilise China-US
    // relations”"); after an article or a possessive they name a term ("the “one China policy”").
    if (words === 3) {
      const prev = wordBefore().toLowerCase();
      // Chinese runs the word before into its clause: 炒作所谓“中国威胁论” ends in "so-called".
      if (prev && !SCARE_BEFORE.has(prev) && !/['’]s$|所谓的?$/u.test(prev)) return 'quote';
    }
    return 'scare';
  }
  return 'quote';
}

/** Title case, as works are named ("The Avoidable War", "Destined for War"). */
function titleCased(text: string): boolean {
  const tokens = text.split(' ').filter((t) => /\p{L}/u.test(t));
  const major = tokens.filter((t, i) => i === 0 || !MINOR_WORDS.has(t.toLowerCase()));
  const capitalised = major.filter((t) => /^[^\p{L}]*\p{Lu}/u.test(t)).length;
  return major.length >= 2 && capitalised >= 2 && capitalised / major.length >= 0.75;
}

/**
 * Every quotation in `text`, in order of their opening marks (outer before inner).
 * A paragraph that opens with a quote mark while the previous paragraph's quotation is still
 * open continues that quotation; an unclosed double quotation is otherwise ended at its
 * paragraph's end and reported with `closed: false`. Empty quotes and quotes without a letter
 * (inch marks, stray marks) are left out. `options.blockquotes`: spans of `<blockquote>` text
 * (from the DOM, which the string cannot show); one without quote marks of its own is reported
 * as a quotation with `open: ''`.
 */
export function scanQuotes(text: string, options: ScanOptions = {}): QuoteSpan[] {
  const found: QuoteSpan[] = [];
  const stack: Open[] = [];
  /** The outermost quotation left open by the previous paragraph, awaiting a continuation mark. */
  let pending: { open: Open; end: number } | null = null;
  let atParagraphStart = true;

  const emit = (open: Open, end: number, closed: boolean, depth: number) => {
    const parts = [...open.parts, trimSpan(text, open.at + 1, end)];
    const live = parts.filter((p) => p.end > p.start);
    if (live.length === 0) return;
    const inner = live
      .map((p) => {
        const piece = text.slice(p.start, p.end);
        return /\s\s|[^\S ]/.test(piece) ? piece.replace(/\s+/g, ' ') : piece;
      })
      .join(' ');
    if (!/\p{L}/u.test(inner)) return;
    found.push({
      start: live[0]!.start,
      end: live[live.length - 1]!.end,
      text: inner,
      kind: classifyQuote(
        inner,
        open.mark,
        () => closed && ATTRIBUTION_AFTER.test(text.slice(end + 1, end + 60)),
        () => wordBefore(text, open.at),
      ),
      depth,
      open: open.mark,
      closed,
      parts: live,
    });
  };

  const flushPending = () => {
    if (pending) {
      if (REPORT_UNCLOSED.has(pending.open.family)) emit(pending.open, pending.end, false, 0);
      pending = null;
    }
  };

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      if (stack.length > 0 && !pending) {
        // Only the outermost quotation may continue; inner ones end with the paragraph.
        const outer = stack[0]!;
        for (let d = stack.length - 1; d >= 1; d--) {
          if (REPORT_UNCLOSED.has(stack[d]!.family)) emit(stack[d]!, i, false, d);
        }
        stack.length = 0;
        pending = { open: outer, end: i };
      }
      atParagraphStart = true;
      continue;
    }
    if (atParagraphStart) {
      if (/\s/.test(c)) continue;
      atParagraphStart = false;
      if (pending) {
        const carried: { open: Open; end: number } = pending;
        pending = null;
        if (continues(carried.open, c)) {
          // Every mark is one UTF-16 unit, so the inner text starts at `at + 1`.
          const prevPart = trimSpan(text, carried.open.at + 1, carried.end);
          // The parts list is handed on, not copied: a quotation continued over thousands of
          // paragraphs would otherwise cost time quadratic in their number.
          const parts = carried.open.parts;
          parts.push(prevPart);
          stack.push({ family: carried.open.family, mark: carried.open.mark, at: i, parts });
          continue;
        }
        pending = carried;
        flushPending();
      }
    }
    if (!MARK_CHARS.has(c)) continue;
    const prev = i > 0 ? text[i - 1] : undefined;
    const next = text[i + 1];

    // Closing first: a mark that can close an open quotation does so.
    const families = closerFamilies(c, prev, next);
    if (families.length > 0 && stack.length > 0) {
      const lowest = AMBIGUOUS_CLOSERS.has(c) ? stack.length - 1 : 0;
      let match = -1;
      for (let d = stack.length - 1; d >= lowest; d--) {
        const open = stack[d]!;
        if (families.includes(open.family) && pairs(open, c, next)) {
          match = d;
          break;
        }
      }
      if (match >= 0) {
        for (let d = stack.length - 1; d > match; d--) {
          // Inner quotations left open end where their container closes.
          if (REPORT_UNCLOSED.has(stack[d]!.family)) emit(stack[d]!, i, false, d);
        }
        emit(stack[match]!, i, true, match);
        stack.length = match;
        continue;
      }
    }
    const family = openerFamily(c, prev, next);
    if (family && stack.length < MAX_DEPTH) {
      stack.push({ family, mark: c, at: i, parts: [] });
    }
  }
  if (stack.length > 0) {
    for (let d = stack.length - 1; d >= 0; d--) {
      if (REPORT_UNCLOSED.has(stack[d]!.family)) emit(stack[d]!, text.length, false, d);
    }
  }
  flushPending();
  if (options.blockquotes?.length) addBlockquotes(text, options.blockquotes, found);
  found.sort((a, b) => a.start - b.start || a.depth - b.depth);
  return found;
}

export interface ScanOptions {
  /** Spans of block quotations set off by markup rather than marks. */
  blockquotes?: readonly Span[];
}

/**
 * Block quotations without marks of their own become quotations; one that holds a marked
 * quotation covering most of it is left to that quotation. Linear: both lists are walked once
 * in order.
 */
function addBlockquotes(text: string, blocks: readonly Span[], found: QuoteSpan[]): void {
  const outer = found.filter((q) => q.depth === 0).sort((a, b) => a.start - b.start);
  const sorted = [...blocks].sort((a, b) => a.start - b.start);
  let k = 0;
  for (const block of sorted) {
    const start = Math.max(0, Math.min(block.start, text.length));
    const end = Math.max(start, Math.min(block.end, text.length));
    const span = trimSpan(text, start, end);
    if (span.end <= span.start) continue;
    while (k < outer.length && outer[k]!.end <= span.start) k++;
    let marked = 0;
    for (let j = k; j < outer.length && outer[j]!.start < span.end; j++) {
      marked += Math.min(outer[j]!.end, span.end) - Math.max(outer[j]!.start, span.start);
    }
    if (marked >= (span.end - span.start) / 2) continue;
    // Marked quotations inside it are now quotes within a quotation.
    for (let j = k; j < outer.length && outer[j]!.start < span.end; j++) {
      if (outer[j]!.start >= span.start && outer[j]!.end <= span.end) outer[j]!.depth += 1;
    }
    const parts: Span[] = [];
    for (let from = span.start, at = span.start; at <= span.end; at++) {
      if (at < span.end && text[at] !== '\n') continue;
      const part = trimSpan(text, from, at);
      if (part.end > part.start) parts.push(part);
      from = at + 1;
    }
    const inner = collapseWhitespace(text.slice(span.start, span.end));
    if (!/\p{L}/u.test(inner)) continue;
    found.push({
      start: span.start,
      end: span.end,
      text: inner,
      kind: classifyQuote(inner, ''),
      depth: 0,
      open: '',
      closed: true,
      parts,
    });
  }
}

/** The word right before offset `at` on the same line, or ''. */
function wordBefore(text: string, at: number): string {
  let end = at;
  while (end > 0 && at - end < 8 && (text[end - 1] === ' ' || text[end - 1] === '\u00a0')) end--;
  let start = end;
  while (start > 0 && end - start < 30 && /[\p{L}'’-]/u.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}

function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = Math.max(start, end);
  while (s < e && /\s/.test(text[s]!)) s++;
  while (e > s && /\s/.test(text[e - 1]!)) e--;
  return { start: s, end: e };
}
