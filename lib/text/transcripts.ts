/**
 * Interview transcripts: paragraphs that open with who speaks and a colon ("Q:", "Raman:", "Sen.
 * Warren:", "Reporter:") are quotations without quote marks. A page counts as having a
 * transcript only when two such turns follow each other closely, so a lone "Note:" or
 * "Update:" line is never taken for one.
 */
import { LEXICON } from '../doc/lexicon';
import type { DocText, QuoteSpan } from '../doc/types';
import { collapseWhitespace } from '../extract/whitespace';
import { classifyQuote } from './quotes';

/** Longest label before the colon, in words. */
const MAX_LABEL_WORDS = 4;
/** Longest affiliation after the name and a comma, in words. */
const MAX_AFFILIATION_WORDS = 5;
/** Turns further apart than this many paragraphs are no transcript. */
const MAX_GAP = 3;

/** Where a turn's words start: the token after the colon, or -1 when the paragraph is no turn. */
function turnStart(doc: DocText, from: number, to: number): number {
  const { tokens } = doc;
  let words = 0;
  /** Where an affiliation after the name starts ("Priyanka Dutta, Barclay Street Capital:"). */
  let affiliation = -1;
  const limit = from + MAX_LABEL_WORDS + MAX_AFFILIATION_WORDS + 4;
  for (let i = from; i < Math.min(to, limit); i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct') {
      if (t.key === ':' && words > 0) {
        if (to - (i + 1) < 3) return -1;
        const label = tokens.slice(from, i).filter((w) => w.kind === 'word');
        if (label.some((w) => LEXICON.notTurnLabels.has(w.key))) return -1;
        // A speaker's name or title: capitalised words, no numbers ("Paragraph 3:" is none);
        // the affiliation may hold small words ("Bank of America").
        const inAffiliation = (w: (typeof label)[number]) =>
          affiliation >= 0 && w.start >= tokens[affiliation]!.start;
        const small = (key: string) =>
          LEXICON.particles.has(key) ||
          LEXICON.prepositions.has(key) ||
          LEXICON.conjunctions.has(key);
        const named = (w: (typeof label)[number]) =>
          (w.cap && !/\d/.test(w.key)) || (inAffiliation(w) && small(w.key));
        if (!label.every(named)) return -1;
        return i + 1;
      }
      // A comma after a name of two words or more, then the affiliation.
      if (t.key === ',' && affiliation < 0 && words >= 2) {
        affiliation = i + 1;
        words = 0;
        continue;
      }
      // "Sen." and "Dr." inside a label; any other mark ends the chance of one.
      if (t.key !== '.') return -1;
      continue;
    }
    if (++words > (affiliation < 0 ? MAX_LABEL_WORDS : MAX_AFFILIATION_WORDS)) return -1;
  }
  return -1;
}

/**
 * The turns of every transcript in the text, as quotations, except where a marked quotation
 * (`marked`) already covers the turn.
 */
export function transcriptTurns(doc: DocText, marked: readonly QuoteSpan[]): QuoteSpan[] {
  const candidates: { paragraph: number; start: number; end: number }[] = [];
  doc.paragraphs.forEach((p, index) => {
    const at = turnStart(doc, p.from, p.to);
    if (at < 0) return;
    candidates.push({ paragraph: index, start: doc.tokens[at]!.start, end: p.end });
  });
  const turns: QuoteSpan[] = [];
  candidates.forEach((c, i) => {
    const near = (o: (typeof candidates)[number] | undefined) =>
      o !== undefined && Math.abs(o.paragraph - c.paragraph) <= MAX_GAP;
    if (!near(candidates[i - 1]) && !near(candidates[i + 1])) return;
    let end = c.end;
    while (end > c.start && /\s/.test(doc.text[end - 1]!)) end--;
    const covered = marked.some((q) => q.start <= c.start + 2 && q.end >= end - 2);
    if (covered) return;
    const text = collapseWhitespace(doc.text.slice(c.start, end));
    if (!/\p{L}/u.test(text)) return;
    turns.push({
      start: c.start,
      end,
      text,
      kind: classifyQuote(text, ''),
      depth: 0,
      open: ':',
      closed: true,
      parts: [{ start: c.start, end }],
    });
  });
  return turns;
}
