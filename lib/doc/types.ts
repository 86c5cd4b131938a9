/**
 * The document model: one page's article text as every stage reads it. It is built once per
 * page, in layers: the text with its tokens, paragraphs and sentences (`readText`), then the
 * quotations (lib/text/quotes), the knowledge base's mentions (lib/match/aliases), and the
 * names with the entities they refer to (lib/names). Every offset is into `text`, the text
 * map's string, so the content script can turn any span into a Range.
 */
import type { Token } from './tokens';
import type { Paragraph, Sentence } from './sentences';

export type { Token } from './tokens';
export type { Paragraph, Sentence } from './sentences';

export interface Span {
  start: number;
  end: number;
}

/** The text layer: what `readText` builds. */
export interface DocText {
  text: string;
  tokens: Token[];
  /** The word and CJK tokens alone (names, aliases and terms are made of these). */
  words: Token[];
  paragraphs: Paragraph[];
  sentences: Sentence[];
  /** Token index → index of its sentence. */
  sentenceOfToken: Int32Array;
}

/** 'quote': a quotation; 'scare': one to three words used as a term; 'title': a name of a work. */
export type QuoteKind = 'quote' | 'scare' | 'title';

export interface QuoteSpan {
  /** Offset of the first character inside the opening mark (inner whitespace trimmed). */
  start: number;
  /** Offset just past the last character before the closing mark (inner whitespace trimmed). */
  end: number;
  /** Inner text, whitespace collapsed; continuation marks between paragraphs left out. */
  text: string;
  kind: QuoteKind;
  /** 0 for an outermost quotation, 1 for a quote inside it, and so on. */
  depth: number;
  /** The opening mark as on the page ('' for a block quotation set off by markup alone). */
  open: string;
  /** False when the page never closed it and it was ended at its paragraph's end. */
  closed: boolean;
  /** For a quotation continued over several paragraphs: the inner span in each paragraph. */
  parts: Span[];
}

/** A knowledge-base entity named in the text (what gets highlighted). */
export interface EntityMention {
  entityId: string;
  span: Span;
}

export type MentionKind = 'person' | 'organization' | 'place' | 'other';

/** How a mention refers: by a name, by a title or description, or by a pronoun. */
export type MentionForm = 'name' | 'title' | 'pronoun';

export type Gender = 'female' | 'male';

/** A name, title or pronoun in the text that may refer to someone. */
export interface Mention {
  /** Token range [from, to) of the name itself (titles before it excluded). */
  from: number;
  to: number;
  /** Character span of the name itself. */
  start: number;
  end: number;
  kind: MentionKind;
  form: MentionForm;
  /** The words as written ("Mr. Blinken" → "Blinken"; "the spokeswoman"). */
  text: string;
  /** Token index where a title or honorific written before the name starts, else `from`. */
  titleFrom: number;
  /** The title words before a name, or the head of a title mention ("spokeswoman"). */
  title: string | null;
  gender: Gender | null;
  /** Index into `Doc.entities`, or -1 when it refers to nobody the page names. */
  entity: number;
  /**
   * For a title or pronoun: how its entity was found — the title the text gave that entity, a
   * KB role, or only as the person named just before.
   */
  resolvedBy?: 'title' | 'role' | 'recent' | 'pronoun';
  /** Inside a quotation (the speaker's own words, never an attribution of it). */
  inQuote: boolean;
}

/** Someone or something the page names, with all the mentions that refer to it. */
export interface DocEntity {
  /** The fullest name the page gives, or the knowledge base's canonical name. */
  name: string;
  kind: MentionKind;
  /** Knowledge-base entity id, when the knowledge base knows it. */
  kb: string | null;
  gender: Gender | null;
  /** Indices into `Doc.mentions`, in text order. */
  mentions: number[];
  /** Words of the titles the text gives it ("spokesman", "foreign", "minister"). */
  titles: string[];
}

/** The whole model. */
export interface Doc extends DocText {
  /** Outermost quotations, in text order. */
  quotes: QuoteSpan[];
  /** Knowledge-base entities named in the text. */
  kbMentions: EntityMention[];
  mentions: Mention[];
  entities: DocEntity[];
}
