/**
 * The names layer of the document model: mentions (names, titles, pronouns) recognised in the
 * text and grouped into the entities they refer to.
 */
import type { DocEntity, DocText, EntityMention, Mention, QuoteSpan } from '../doc/types';
import { corefer } from './coref';
import { quotedTokens, recognize, type KnownEntities } from './recognize';

export type { KnownEntities } from './recognize';

export interface Names {
  mentions: Mention[];
  entities: DocEntity[];
}

export function readNames(
  doc: DocText,
  quotes: readonly QuoteSpan[],
  kbMentions: readonly EntityMention[],
  known: KnownEntities,
): Names {
  const quoted = quotedTokens(doc, quotes);
  const { mentions, kb } = recognize({ doc, quoted, kbMentions, known });
  const entities = corefer(doc, mentions, kb, known);
  return { mentions, entities };
}
