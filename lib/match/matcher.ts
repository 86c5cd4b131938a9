/**
 * The matcher index: what the page pipeline needs of the knowledge base to read a page, as
 * compact JSON — entities and their aliases, people's titles, and the statements with their
 * wordings, dates and the equivalences that linking reads them through.
 */
import type { EntityType, KnowledgeBase } from '../kb/types';
import { phraseKey as aliasKey } from '../doc/tokens';
import { titleWords } from '../names/titles';
import { contentStems, NO_EQUIVALENCES, type Equivalences } from './normalize';

/** One alias key (see `phraseKey`) → the entities it names. */
export interface AliasEntry {
  ids: string[];
  /** Names an entity only with context: listed as such in the KB, or shared by several entities. */
  ambiguous?: boolean;
  /** An acronym ("US", "CCTV"): matches only when written in capitals. */
  acronym?: boolean;
  /** A proper name: matches only when at least one word is capitalized on the page. */
  proper?: boolean;
}

export interface IndexedEntity {
  name: string;
  type: EntityType;
  /** Events: when it happened (YYYY, YYYY-MM or YYYY-MM-DD). */
  date?: string;
}

/** A KB person's role as title words ("foreign minister china"), for "the foreign minister". */
export interface IndexedTitle {
  id: string;
  words: string[];
}

export interface IndexedVariant {
  /** Index into `quotes`. */
  quote: number;
  source: string;
  text: string;
  /** Fingerprint: distinct content stems (see `contentStems`). */
  stems: string[];
}

export interface IndexedQuote {
  id: string;
  speaker: string | null;
  /** The day the statement was made (YYYY-MM-DD, or less precise when the corpus says less). */
  date: string;
  sources: string[];
}

/**
 * Bump whenever `contentStems` changes: an index built with other fingerprints (a stale
 * generated file) is re-fingerprinted from the variant texts when loaded.
 */
export const FINGERPRINT_VERSION = 5;

export interface MatcherIndex {
  version: 1;
  /** `FINGERPRINT_VERSION` of the `contentStems` that computed `variants[].stems`. */
  fingerprints?: number;
  entities: Record<string, IndexedEntity>;
  aliases: Record<string, AliasEntry>;
  /** Longest alias in words; the alias scan never looks further ahead. */
  maxAliasWords: number;
  titles: IndexedTitle[];
  quotes: IndexedQuote[];
  variants: IndexedVariant[];
  equivalences: Equivalences;
}

/**
 * Whether an alias is a proper name that pages capitalize: names of people, places and
 * organizations, and any alias with a capital after its first letter ("Sino-US relations" is
 * not, "One China policy" is).
 */
function isProper(alias: string, type: EntityType): boolean {
  if (!/\p{Lu}/u.test(alias)) return false;
  if (type === 'person' || type === 'place' || type === 'organization') return true;
  return /\p{Lu}/u.test(alias.slice(1));
}

/** Build the matcher index from the knowledge base; plain data, safe to JSON.stringify. */
export function buildMatcherIndex(
  kb: KnowledgeBase,
  equivalences: Equivalences = NO_EQUIVALENCES,
): MatcherIndex {
  const entities: Record<string, IndexedEntity> = {};
  const aliases: Record<string, AliasEntry> = {};
  let maxAliasWords = 1;
  const titles: IndexedTitle[] = [];

  /** Keys that some entity spells in lower case ("core interests"): case never matters for them. */
  const lowerCase = new Set<string>();
  const add = (alias: string, id: string, ambiguous: boolean, type: EntityType) => {
    const key = aliasKey(alias);
    if (!key) return;
    const entry = (aliases[key] ??= { ids: [] });
    if (!entry.ids.includes(id)) entry.ids.push(id);
    if (entry.ids.length > 1 || ambiguous) entry.ambiguous = true;
    const letters = alias.replace(/[^\p{L}]/gu, '');
    if (letters.length >= 2 && /\p{Lu}/u.test(letters) && !/\p{Ll}/u.test(letters)) {
      entry.acronym = true;
    } else if (isProper(alias, type)) entry.proper = true;
    else lowerCase.add(key);
    maxAliasWords = Math.max(maxAliasWords, key.split(' ').length);
  };

  for (const e of kb.entities) {
    entities[e.id] = e.date
      ? { name: e.name, type: e.type, date: e.date }
      : { name: e.name, type: e.type };
    const ambiguous = new Set((e.ambiguousAliases ?? []).map(aliasKey));
    for (const alias of [e.name, ...e.aliases]) {
      add(alias, e.id, ambiguous.has(aliasKey(alias)), e.type);
    }
    for (const alias of e.ambiguousAliases ?? []) add(alias, e.id, true, e.type);
    if (e.type === 'person' && e.role) {
      for (const piece of e.role.replace(/\([^)]*\)/g, '').split(/,|;| and /)) {
        const words = titleWords(piece);
        if (words.length > 0) titles.push({ id: e.id, words });
        // A country's president is also its leader: "the Chinese leader".
        if (words.includes('president') && !words.includes('former') && !words.includes('vice')) {
          titles.push({ id: e.id, words: words.map((w) => (w === 'president' ? 'leader' : w)) });
        }
      }
    }
  }
  // An alias that is also a shorter form of a different entity's alias stays unambiguous; one
  // key naming two entities never is.
  for (const [key, entry] of Object.entries(aliases)) {
    if (!entry.ambiguous) delete entry.ambiguous;
    if (lowerCase.has(key)) delete entry.proper;
  }

  const quotes: IndexedQuote[] = [];
  const variants: IndexedVariant[] = [];
  for (const q of kb.quotes) {
    const index = quotes.length;
    quotes.push({
      id: q.id,
      speaker: q.speaker,
      date: q.date,
      sources: [...new Set(q.variants.map((v) => v.source))],
    });
    for (const v of q.variants) {
      variants.push({
        quote: index,
        source: v.source,
        text: v.text,
        stems: contentStems(v.text, equivalences),
      });
    }
  }
  return {
    version: 1,
    fingerprints: FINGERPRINT_VERSION,
    entities,
    aliases,
    maxAliasWords,
    titles,
    quotes,
    variants,
    equivalences,
  };
}
