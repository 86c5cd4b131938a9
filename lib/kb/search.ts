/**
 * Search over the knowledge base by text: entity names, aliases and roles, and the words of
 * every quote wording. Forgiving of case, accents and small typos ("blinkin", "Qín", "xi
 * jinpin"), through MiniSearch's fuzzy and prefix matching on accent-folded terms.
 */
import MiniSearch from 'minisearch';
import type { Entity, EntityType, Quote } from './types';

export interface SearchHit {
  kind: 'entity' | 'quote';
  id: string;
  /** What to show: the entity's name, or the quote's first wording. */
  title: string;
  /** The entity type, or for a quote the speaker's entity id. */
  detail: EntityType | string | null;
  score: number;
}

interface Doc {
  key: string;
  kind: 'entity' | 'quote';
  id: string;
  title: string;
  detail: string | null;
  name: string;
  aliases: string;
  role: string;
  text: string;
}

const fold = (term: string) => term.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

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

export function createSearch(entities: readonly Entity[], quotes: readonly Quote[]): KbSearch {
  const names = new Map(entities.map((e) => [e.id, e.name]));
  const index = new MiniSearch<Doc>({
    idField: 'key',
    fields: ['name', 'aliases', 'role', 'text'],
    storeFields: ['kind', 'id', 'title', 'detail'],
    processTerm: (term) => fold(term) || null,
    searchOptions: {
      boost: { name: 4, aliases: 3, role: 1, text: 1 },
      prefix: (term) => term.length >= 3,
      fuzzy: (term) => (term.length >= 4 ? 0.25 : false),
      combineWith: 'AND',
      processTerm: (term) => fold(term) || null,
    },
  });
  index.addAll([
    ...entities.map((e): Doc => ({
      key: `entity:${e.id}`,
      kind: 'entity',
      id: e.id,
      title: e.name,
      detail: e.type,
      name: e.name,
      aliases: distinctWords([...e.aliases, ...(e.ambiguousAliases ?? [])]),
      role: e.role,
      text: '',
    })),
    ...quotes.map((q): Doc => ({
      key: `quote:${q.id}`,
      kind: 'quote',
      id: q.id,
      title: q.variants[0]?.text ?? '',
      detail: q.speaker,
      name: '',
      aliases: q.speaker ? (names.get(q.speaker) ?? '') : (q.speakerName ?? ''),
      role: '',
      text: q.variants.map((v) => v.text).join(' · '),
    })),
  ]);

  return {
    search(text, limit = 20) {
      const query = text.trim();
      if (!query) return [];
      let results = index.search(query);
      // A query of several words where one is misspelt beyond the fuzz still finds the rest.
      if (results.length === 0) results = index.search(query, { combineWith: 'OR' });
      return results.slice(0, limit).map((r) => ({
        kind: r.kind as SearchHit['kind'],
        id: r.id as string,
        title: r.title as string,
        detail: (r.detail as string | null) ?? null,
        score: r.score,
      }));
    },
  };
}
