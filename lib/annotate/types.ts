/**
 * What the page pipeline finds in an article. Offsets are into the text map's `text`, so the
 * content script can turn them into Ranges and the CLI can print the same findings. Each stage
 * defines the types of what it finds; this module puts them together.
 */
import type { EntityType } from '../kb/types';
import type { Span, EntityMention } from '../doc/types';
import type { NewsVerdict } from '../classify/news';
import type { TopicVerdict } from '../classify/topic';
import type { CorpusLink } from '../link';
import type { Speaker } from '../attribution';
import type { PageMeta } from '../extract/meta';

export type { Span, EntityMention, NewsVerdict, TopicVerdict, CorpusLink, Speaker, PageMeta };

export interface PageQuote {
  /** Quotation as on the page, without quote marks, whitespace collapsed. */
  text: string;
  /** Inside the quote marks. */
  span: Span;
  speaker: Speaker | null;
  key: boolean;
  /** Ranking score behind `key`. */
  score: number;
  corpus: CorpusLink | null;
  /** Index of the quote this one repeats (a pull-quote), when it does. */
  repeatOf?: number;
  /** What the scanner took it for: a quotation proper, a scare quote or a title. */
  kind: 'quote' | 'scare' | 'title';
}

export interface EntitySummary {
  id: string;
  name: string;
  type: EntityType;
  mentions: number;
}

export interface PageAnnotation {
  news: NewsVerdict;
  topic: TopicVerdict;
  /** Whether Bilateral annotates this page by default. */
  active: boolean;
  quotes: PageQuote[];
  mentions: EntityMention[];
  entities: EntitySummary[];
}

/**
 * What the page's thread hands to the analysis: the article's text as the text map holds it
 * (offsets of the answer point into it) and the few facts of the page's markup the verdicts and
 * links weigh. Plain data: it crosses from the content script to the background.
 */
export interface PageText {
  /** The text map's text: the body's paragraphs, one newline between them. */
  text: string;
  /** The body's paragraphs as the body extractor found them (whitespace collapsed). */
  paragraphs: string[];
  /** Spans of `<blockquote>` text, which the text alone cannot show. */
  blockquotes: Span[];
  headline: string;
  /** The page's own summary of itself (og:description or the description meta), or ''. */
  description: string;
  /** The day the page says it was published (YYYY-MM-DD), when it says. */
  published: string | null;
  meta: PageMeta;
  /** Characters of text in the whole page, and of its link text (the body's share of it). */
  pageChars: number;
  pageLinkChars: number;
}
