/**
 * The document model of one page's article text, built once and read by every later stage:
 * the text layer (tokens, paragraphs, sentences), the quotations, the knowledge base's
 * mentions, and the names with the entities they refer to.
 */
import { readText } from '../doc/text';
import type { Doc, DocText, EntityMention, QuoteSpan, Span } from '../doc/types';
import { findMentions, knownEntities } from '../match/aliases';
import type { MatcherIndex } from '../match/matcher';
import { readNamesSteps } from '../names';
import { scanQuotes } from '../text/quotes';
import { transcriptTurns } from '../text/transcripts';
import { isSignatureLine } from '../text/signatures';
import { collapseWhitespace } from '../extract/whitespace';
import { runSteps } from '../steps';

export interface ReadOptions {
  /** Spans of `<blockquote>` text, which a string cannot show. */
  blockquotes?: readonly Span[];
  /** Text around the article that names its people too: the headline, the page's description. */
  context?: string;
}

/** The quotations of a text: marked ones (and `<blockquote>`s), and an interview's turns. */
export function readQuotes(base: DocText, blockquotes?: readonly Span[]): QuoteSpan[] {
  const marked = scanQuotes(base.text, blockquotes ? { blockquotes } : {}).filter(
    (q) => q.depth === 0,
  );
  const quotes = marked.map((q) => withoutSignature(base.text, q));
  // An interview's turns ("Raman: …") are quotations too.
  const turns = transcriptTurns(base, quotes);
  return turns.length === 0 ? quotes : [...quotes, ...turns].sort((a, b) => a.start - b.start);
}

/**
 * An embedded post set off as a block quotation ends with its signature ("— PFF CLE Browns
 * (@PFF_Browns) November 15, 2019"): who posted it, not words of the post.
 */
function withoutSignature(text: string, q: QuoteSpan): QuoteSpan {
  if (q.open !== '' || q.parts.length < 2) return q;
  const last = q.parts[q.parts.length - 1]!;
  if (!isSignatureLine(text.slice(last.start, last.end))) return q;
  const parts = q.parts.slice(0, -1);
  const end = parts[parts.length - 1]!.end;
  return { ...q, end, parts, text: collapseWhitespace(text.slice(q.start, end)) };
}

/**
 * The layers above the text: quotations, the KB's mentions, names and entities. Quotations and
 * mentions already read for the verdicts are passed in rather than read again.
 */
export function completeDocument(
  base: DocText,
  index: MatcherIndex,
  options: ReadOptions = {},
  read: { quotes?: QuoteSpan[]; kbMentions?: EntityMention[] } = {},
): Doc {
  return runSteps(completeDocumentSteps(base, index, options, read));
}

/** `completeDocument` as steps, for a reader that gives the page's thread back between them. */
export function* completeDocumentSteps(
  base: DocText,
  index: MatcherIndex,
  options: ReadOptions = {},
  read: { quotes?: QuoteSpan[]; kbMentions?: EntityMention[] } = {},
): Generator<void, Doc, void> {
  const quotes = read.quotes ?? readQuotes(base, options.blockquotes);
  const kbMentions = read.kbMentions ?? findMentions(base, index);
  const context = options.context ? readText(options.context) : null;
  const names = yield* readNamesSteps(base, quotes, kbMentions, knownEntities(index), context);
  return { ...base, quotes, kbMentions, ...names };
}

/** The whole model of a text in one go. */
export function readDocument(text: string, index: MatcherIndex, options: ReadOptions = {}): Doc {
  return completeDocument(readText(text), index, options);
}
