/**
 * The names layer of the document model: mentions (names, titles, pronouns) recognised in the
 * text and grouped into the entities they refer to.
 */
import type { DocEntity, DocText, EntityMention, Mention, QuoteSpan } from '../doc/types';
import { corefer, fullerNames } from './coref';
import { quotedTokens, recognize, type KnownEntities } from './recognize';
import { runSteps } from '../steps';

export type { KnownEntities } from './recognize';

export interface Names {
  mentions: Mention[];
  entities: DocEntity[];
}

/**
 * `context`: text around the article that names its people too (the headline, the page's
 * description): a surname in the body takes the full name given there ("Noem" → "Kristi Noem").
 */
export function readNames(
  doc: DocText,
  quotes: readonly QuoteSpan[],
  kbMentions: readonly EntityMention[],
  known: KnownEntities,
  context: DocText | null = null,
): Names {
  return runSteps(readNamesSteps(doc, quotes, kbMentions, known, context));
}

/** `readNames` as steps, with a pause between recognition and coreference. */
export function* readNamesSteps(
  doc: DocText,
  quotes: readonly QuoteSpan[],
  kbMentions: readonly EntityMention[],
  known: KnownEntities,
  context: DocText | null = null,
): Generator<void, Names, void> {
  const quoted = quotedTokens(doc, quotes);
  const { mentions, kb } = recognize({ doc, quoted, kbMentions, known });
  yield;
  const entities = corefer(doc, mentions, kb, known);
  if (context) {
    const around = recognize({
      doc: context,
      quoted: new Uint8Array(context.tokens.length),
      kbMentions: [],
      known,
    });
    fullerNames(doc, mentions, entities, context, around.mentions, known);
  }
  return { mentions, entities };
}
