/**
 * The knowledge base as `npm run kb -- --print` prints it (design.md section 3). Fields beyond
 * the contract are optional extras that the cards use.
 */
export type EntityType = 'person' | 'organization' | 'place' | 'event' | 'concept';

export interface Source {
  id: string;
  outlet: string;
  title: string;
  date: string;
  language: string;
  file: string;
  /** Who the text credits, e.g. "Blick, with AFP (republished)". */
  credit?: string;
}

export interface Fact {
  text: string;
  sources: string[];
  /** The words in each source that state the fact, where curated; checked at build. */
  excerpts?: QuoteVariant[];
}

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  /** Aliases that name this entity only with context (a first name, "Xi", "Washington"). */
  ambiguousAliases?: string[];
  role: string;
  description: string;
  facts: Fact[];
  /** Mentions per source id, counted in each source's article body. */
  mentions: Record<string, number>;
  /** Events: when it happened (ISO date, year-month or year). */
  date?: string;
}

export interface QuoteVariant {
  source: string;
  text: string;
}

export interface Quote {
  id: string;
  /** Entity id of the speaker, or null when no source names one. */
  speaker: string | null;
  date: string;
  occasion?: string;
  /** The speaker's name as the source gives it, when the KB has no entity for them. */
  speakerName?: string;
  variants: QuoteVariant[];
}

export interface TimelineEvent {
  id: string;
  date: string;
  title: string;
  sources: string[];
  /** The event entity this timeline entry belongs to, when there is one. */
  entity?: string;
  entities?: string[];
  /** The words in each source that date this event, checked against the source at build. */
  excerpts?: QuoteVariant[];
}

export interface Claim {
  value: string;
  sources: string[];
  /**
   * Set when the claim is an error in a source's text rather than a view of what happened (a
   * misspelt or swapped name, the wrong office, a republisher's date line), saying which in
   * words; absent for a claim of substance.
   */
  error?: string;
  /** The words in each source that make this claim, checked against the source at build. */
  excerpts?: QuoteVariant[];
}

export interface Discrepancy {
  id: string;
  subject: string;
  claims: Claim[];
  /** Entities the disagreement concerns, for the cards. */
  entities?: string[];
}

export interface KnowledgeBase {
  sources: Source[];
  entities: Entity[];
  quotes: Quote[];
  events: TimelineEvent[];
  discrepancies: Discrepancy[];
  /** Content hash of the build; the background reseeds IndexedDB when it changes. */
  version?: string;
}
