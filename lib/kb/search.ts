/**
 * Search over the knowledge base by text: entity names, aliases, roles, descriptions and facts
 * (with the words each source used for them), every quote wording, the timeline and where the
 * sources disagree. Forgiving of case, accents and small typos ("blinkin", "Qín", "xi
 * jinpin"), through MiniSearch's fuzzy and prefix matching on accent-folded terms. A reader's
 * word the corpus never uses for its subject ("tariff": the sources speak of trade and export
 * controls) is searched as the corpus's words too (`SEARCH_SYNONYMS`).
 */
import MiniSearch, { type Query } from 'minisearch';
import searchSynonyms from './search-synonyms.json';
import type { Discrepancy, Entity, EntityType, Quote, TimelineEvent } from './types';

export type SearchKind = 'entity' | 'quote' | 'event' | 'discrepancy';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  /** What to show: the entity's name, the quote's first wording, the entry's title or subject. */
  title: string;
  /** The entity type, for a quote the speaker's entity id, for a timeline entry its date. */
  detail: EntityType | string | null;
  /**
   * The card the hit opens: an entity's or a quote's own; a timeline entry's or a
   * disagreement's entity (whose card lists it); null when it has none.
   */
  card: { kind: 'entity' | 'quote'; id: string } | null;
  /** The KB's words that matched when they are not the title (a fact, a wording, a claim). */
  snippet: string | null;
  score: number;
}

type Field = 'name' | 'aliases' | 'role' | 'text';

interface Doc {
  key: string;
  kind: SearchKind;
  id: string;
  title: string;
  detail: string | null;
  name: string;
  aliases: string;
  role: string;
  text: string;
}

const fold = (term: string) => term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
/** MiniSearch's own tokenizer, so a snippet is chosen by the terms the index holds. */
const SPACE_OR_PUNCTUATION = /[\n\r\p{Z}\p{P}]+/u;
const termsOf = (text: string) => new Set(text.split(SPACE_OR_PUNCTUATION).map(fold));

/**
 * Words readers search with that the corpus does not use for what it says about them, each
 * with the corpus's words for it. The corpus says relations soured "over trade" and names the
 * US "export controls" on chips; it never says "tariff", "duties" or "trade war". Folded forms,
 * English, German, French and Chinese as the UI's languages; the list is data
 * (`search-synonyms.json`).
 */
export const SEARCH_SYNONYMS: Readonly<Record<string, readonly string[]>> = searchSynonyms;

export interface KbSearch {
  search(text: string, limit?: number): SearchHit[];
}

/**
 * Aliases as their distinct words: an entity with many wordings of one name (an event in four
 * languages) would otherwise outrank the person the name belongs to by repeating it.
 */
function distinctWords(aliases: readonly string[]): string {
  return [...new Set(aliases.flatMap((a) => a.split(/\s+/)))].join(' ');
}

/** Each word of the query, or any of the corpus's words for it; all the words together. */
export function expandQuery(text: string, combineWith: 'AND' | 'OR' = 'AND'): Query {
  const words = text.split(SPACE_OR_PUNCTUATION).filter((w) => w !== '');
  return {
    combineWith,
    queries: words.map((word) => {
      const synonyms = SEARCH_SYNONYMS[fold(word)];
      // The corpus's words exactly (or as a prefix: "exports"), never as a near miss.
      return synonyms
        ? {
            combineWith: 'OR',
            queries: [word, { combineWith: 'OR', fuzzy: false, queries: [...synonyms] }],
          }
        : word;
    }),
  };
}

export interface SearchData {
  entities: readonly Entity[];
  quotes: readonly Quote[];
  events?: readonly TimelineEvent[];
  discrepancies?: readonly Discrepancy[];
}

export function createSearch(entities: readonly Entity[], quotes: readonly Quote[]): KbSearch;
export function createSearch(data: SearchData): KbSearch;
export function createSearch(
  first: readonly Entity[] | SearchData,
  second: readonly Quote[] = [],
): KbSearch {
  const data: SearchData = Array.isArray(first)
    ? { entities: first, quotes: second }
    : (first as SearchData);
  const names = new Map(data.entities.map((e) => [e.id, e.name]));
  /** The passages a hit may quote as its snippet, by document and field. */
  const passages = new Map<string, Partial<Record<Field, string[]>>>();
  const cards = new Map<string, SearchHit['card']>();
  const index = new MiniSearch<Doc>({
    idField: 'key',
    fields: ['name', 'aliases', 'role', 'text'],
    storeFields: ['kind', 'id', 'title', 'detail'],
    processTerm: (term) => fold(term) || null,
    searchOptions: {
      // A name outranks a description, a description the facts and wordings.
      boost: { name: 4, aliases: 3, role: 0.5, text: 0.25 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 4 ? 0.25 : false),
      combineWith: 'AND',
      processTerm: (term) => fold(term) || null,
    },
  });
  const docs: Doc[] = [];
  for (const e of data.entities) {
    const key = `entity:${e.id}`;
    const facts = e.facts.flatMap((f) => [f.text, ...(f.excerpts ?? []).map((x) => x.text)]);
    passages.set(key, { role: [e.role, e.description], text: facts });
    cards.set(key, { kind: 'entity', id: e.id });
    docs.push({
      key,
      kind: 'entity',
      id: e.id,
      title: e.name,
      detail: e.type,
      name: e.name,
      aliases: distinctWords([...e.aliases, ...(e.ambiguousAliases ?? [])]),
      role: `${e.role} ${e.description}`,
      text: facts.join(' · '),
    });
  }
  for (const q of data.quotes) {
    const key = `quote:${q.id}`;
    const wordings = q.variants.map((v) => v.text);
    passages.set(key, { text: wordings });
    cards.set(key, { kind: 'quote', id: q.id });
    docs.push({
      key,
      kind: 'quote',
      id: q.id,
      title: wordings[0] ?? '',
      detail: q.speaker,
      name: '',
      aliases: q.speaker ? (names.get(q.speaker) ?? '') : (q.speakerName ?? ''),
      role: q.occasion ?? '',
      text: wordings.join(' · '),
    });
  }
  for (const event of data.events ?? []) {
    const key = `event:${event.id}`;
    const excerpts = (event.excerpts ?? []).map((x) => x.text);
    const about = event.entity ?? event.entities?.[0];
    passages.set(key, { text: excerpts });
    cards.set(key, about ? { kind: 'entity', id: about } : null);
    docs.push({
      key,
      kind: 'event',
      id: event.id,
      title: event.title,
      detail: event.date,
      // Under `role`, not `name`: a timeline entry or a disagreement naming Blinken must not
      // outrank Blinken.
      name: '',
      aliases: '',
      role: event.title,
      text: excerpts.join(' · '),
    });
  }
  for (const d of data.discrepancies ?? []) {
    const key = `discrepancy:${d.id}`;
    const claims = d.claims.flatMap((c) => [c.value, ...(c.excerpts ?? []).map((x) => x.text)]);
    const about = d.entities?.[0];
    passages.set(key, { text: claims });
    cards.set(key, about ? { kind: 'entity', id: about } : null);
    docs.push({
      key,
      kind: 'discrepancy',
      id: d.id,
      title: d.subject,
      detail: null,
      // Under `role`, not `name`: a timeline entry or a disagreement naming Blinken must not
      // outrank Blinken.
      name: '',
      aliases: '',
      role: d.subject,
      text: claims.join(' · '),
    });
  }
  index.addAll(docs);
  const titles = new Map(docs.map((doc) => [doc.key, doc.title]));

  /** The first passage of a matched field (facts before role) that holds a matched term. */
  const snippetOf = (
    key: string,
    match: Record<string, string[]>,
    query: string,
  ): string | null => {
    const fields = passages.get(key) ?? {};
    for (const field of ['text', 'role'] as const) {
      const terms = Object.keys(match).filter((term) => match[term]!.includes(field));
      if (terms.length === 0) continue;
      const found = (fields[field] ?? []).find((passage) => {
        const words = termsOf(passage);
        return terms.some((term) => words.has(term));
      });
      if (found) return found;
    }
    // Found by a name or alias the reader did not type (a synonym's, "tariff" finding export
    // controls): the first passage that uses a matched word says why.
    const typed = [...termsOf(query)];
    const title = termsOf(titles.get(key) ?? '');
    if (typed.some((term) => title.has(term))) return null;
    const matched = Object.keys(match);
    for (const field of ['text', 'role'] as const) {
      const found = (fields[field] ?? []).find((passage) => {
        const words = termsOf(passage);
        return matched.some((term) => words.has(term));
      });
      if (found) return found;
    }
    return null;
  };

  return {
    search(text, limit = 20) {
      const query = text.trim();
      if (!query) return [];
      const expanded = expandQuery(query);
      // What the query names comes first (Pelosi before the visits that mention her), then
      // what the KB says in descriptions, facts, wordings, the timeline and disagreements.
      const named = index.search(expanded, { fields: ['name', 'aliases'] });
      const seen = new Set(named.map((r) => `${r.kind as string}:${r.id as string}`));
      let results = [
        ...named,
        ...index.search(expanded).filter((r) => !seen.has(`${r.kind as string}:${r.id as string}`)),
      ];
      // A query of several words where one is misspelt beyond the fuzz still finds the rest.
      if (results.length === 0) {
        results = index.search(expandQuery(query, 'OR'));
      }
      return results.slice(0, limit).map((r) => {
        // The stored `id` (the KB's) stands in the result for the index's key.
        const key = `${r.kind as string}:${r.id as string}`;
        return {
          kind: r.kind as SearchKind,
          id: r.id as string,
          title: r.title as string,
          detail: (r.detail as string | null) ?? null,
          card: cards.get(key) ?? null,
          snippet: snippetOf(key, r.match, query),
          score: r.score,
        };
      });
    },
  };
}
