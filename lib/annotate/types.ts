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

export type { Span, EntityMention, NewsVerdict, TopicVerdict, CorpusLink, Speaker };

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
