/**
 * What a page says about a speaker the knowledge base does not know: the role the page gives
 * them beside their name, and their quotations on the page. Only the page's own words: nothing
 * is looked up or guessed.
 */
import { quotationAsShown } from './quotation';

export interface PageSpeakerQuote {
  /** The quotation's place among the page's quotations. */
  index: number;
  text: string;
  /** Whether the quotation is highlighted, so a card can go to it. */
  drawn: boolean;
}

export interface PageSpeakerData {
  name: string;
  /** The role the page gives beside the name ("a senior fellow at …"), when it gives one. */
  role: string | null;
  quotes: PageSpeakerQuote[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Words that end an apposition: the speech verb that follows it, or its closing punctuation. */
const APPOSITION = String.raw`,\s+((?:a|an|the)\s[^,.;:!?“”"()\n]{2,100}?)\s*(?=[,;:.!?)]|\s+(?:said|says|told|added|wrote)\b)`;

/**
 * The role a page gives a person in apposition to their name: "Maria Castell, a senior fellow at
 * the Pacific Trade Forum, said" → "a senior fellow at the Pacific Trade Forum". The first
 * mention that has one wins; null when none does.
 */
export function pageRole(text: string, name: string): string | null {
  if (!name.trim()) return null;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(name.trim())}${APPOSITION}`, 'gu');
  for (const match of text.matchAll(pattern)) {
    const role = match[1]!.replace(/\s+/g, ' ').trim();
    if (role.split(' ').length >= 2) return role;
  }
  return null;
}

export interface SpeakerQuote {
  text: string;
  speaker: { name: string; entityId: string | null } | null;
  repeatOf?: number;
}

/**
 * The card of a speaker the knowledge base does not know, from the page: their quotations in
 * page order (a pull-quote repeat left out) and the role the page gives them.
 */
export function pageSpeaker(
  name: string,
  quotes: readonly SpeakerQuote[],
  text: string,
  drawn: (index: number) => boolean,
): PageSpeakerData {
  const theirs: PageSpeakerQuote[] = [];
  quotes.forEach((quote, index) => {
    if (quote.repeatOf !== undefined || quote.speaker?.name !== name) return;
    theirs.push({ index, text: quotationAsShown(quote.text), drawn: drawn(index) });
  });
  return { name, role: pageRole(text, name), quotes: theirs };
}
