/**
 * Names and titles as a text writes them → the KB entity they name. Used to attribute quotes
 * at build time; exact alias lookups first, then the name with leading titles dropped
 * ("US Secretary of State Blinken" → "Blinken"), then a title matched against entity roles
 * ("the Chinese foreign minister" → the one person whose role says so).
 */
import type { ResolvedEntity, SpeakerResolver } from '../text/speakers';
import { aliasKey } from './normalize';
import type { EntityType } from './types';

export interface NamedEntity {
  id: string;
  name: string;
  type: EntityType;
  role: string;
  aliases: readonly string[];
  ambiguousAliases?: readonly string[];
}

const ADJECTIVES: Record<string, string> = {
  chinese: 'china',
  "china's": 'china',
  american: 'us',
  'u.s.': 'us',
  "us's": 'us',
  defense: 'defence',
};
const FILLER = new Set(['the', 'a', 'an', 'of', 'then', 'former', 'top', 'senior']);

const titleWords = (text: string) =>
  aliasKey(text)
    .split(/[\s,]+/)
    .map((w) => ADJECTIVES[w] ?? w)
    .filter((w) => w && !FILLER.has(w));

export function createResolver(entities: readonly NamedEntity[]): SpeakerResolver {
  const byAlias = new Map<string, NamedEntity>();
  for (const e of entities) {
    for (const alias of [e.name, ...e.aliases, ...(e.ambiguousAliases ?? [])]) {
      const key = aliasKey(alias);
      if (!byAlias.has(key)) byAlias.set(key, e);
    }
  }
  const people = entities.filter((e) => e.type === 'person');
  const roles = people.map((e) => ({
    entity: e,
    words: new Set(titleWords(`${e.role} ${e.name}`)),
  }));
  const found = (e: NamedEntity): ResolvedEntity => ({ id: e.id, name: e.name, type: e.type });

  return {
    resolve(name) {
      const words = name.trim().split(/\s+/);
      for (let i = 0; i < words.length; i++) {
        const hit = byAlias.get(aliasKey(words.slice(i).join(' ')));
        if (hit) return found(hit);
      }
      return null;
    },
    resolveTitle(title) {
      const words = titleWords(title);
      if (words.length < 2) return null;
      const matches = roles.filter((r) => words.every((w) => r.words.has(w)));
      return matches.length === 1 ? found(matches[0]!.entity) : null;
    },
  };
}
