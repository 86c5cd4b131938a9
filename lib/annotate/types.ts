/**
 * What the page pipeline finds in an article. Offsets are into the text map's `text`, so the
 * content script can turn them into Ranges and the CLI can print the same findings.
 */
import type { EntityType } from '../kb/types';

export interface Span {
  start: number;
  end: number;
}

export interface TopicVerdict {
  relevant: boolean;
  /** 0..1: how strongly the article is about US–China relations. */
  score: number;
  /** Sentences a person can read, e.g. "12 mentions of China and 9 of the United States". */
  reasons: string[];
}

export interface NewsVerdict {
  news: boolean;
  score: number;
  reasons: string[];
}

export interface Speaker {
  /** Canonical name when the KB knows the speaker, else the name as the page gives it. */
  name: string;
  entityId: string | null;
  /** How it was found: "said X", "X said", "according to X", a title, a pronoun… */
  via: string;
}

export interface CorpusLink {
  id: string;
  /** The corpus wording closest to this page's wording. */
  text: string;
  sources: string[];
  /** 0..1. */
  confidence: number;
}

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

export interface EntityMention {
  entityId: string;
  span: Span;
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
