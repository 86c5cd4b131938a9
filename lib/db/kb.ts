/**
 * The knowledge base in IndexedDB: seeding it from the bundled KB when its version changes,
 * and the typed queries the background answers cards with. Seeding clears and refills only the
 * KB stores, in one transaction, so a reader never sees half a KB and user data is untouched.
 */
import type { Discrepancy, Entity, KnowledgeBase, Quote, Source, TimelineEvent } from '../kb/types';
import { KB_STORES, type KbMeta } from './schema';
import type { Db } from './open';
import { allOrNothing } from './user';

const META_KEY = 'kb';

export async function seededVersion(db: Db): Promise<string | null> {
  return (await db.get('meta', META_KEY))?.version ?? null;
}

/**
 * Replaces the KB stores' contents with `kb` when the seeded version differs (or always, with
 * `force`). Returns whether it seeded.
 */
export async function seedKnowledgeBase(
  db: Db,
  kb: KnowledgeBase,
  options: { force?: boolean; now?: number } = {},
): Promise<boolean> {
  if (!kb.version) throw new Error('the knowledge base has no version; run npm run kb');
  if (!options.force && (await seededVersion(db)) === kb.version) return false;
  const tx = db.transaction([...KB_STORES, 'meta'], 'readwrite');
  const meta: KbMeta = {
    version: kb.version,
    seededAt: options.now ?? Date.now(),
    counts: {
      sources: kb.sources.length,
      entities: kb.entities.length,
      quotes: kb.quotes.length,
      events: kb.events.length,
      discrepancies: kb.discrepancies.length,
    },
  };
  // All or nothing: a put that fails at the call (a full disk) must not leave the KB cleared.
  await allOrNothing(tx, (work) => {
    for (const store of KB_STORES) work.push(tx.objectStore(store).clear());
    for (const s of kb.sources) work.push(tx.objectStore('sources').put(s));
    for (const e of kb.entities) work.push(tx.objectStore('entities').put(e));
    for (const q of kb.quotes) work.push(tx.objectStore('quotes').put(q));
    for (const e of kb.events) work.push(tx.objectStore('events').put(e));
    for (const d of kb.discrepancies) work.push(tx.objectStore('discrepancies').put(d));
    work.push(tx.objectStore('meta').put(meta, META_KEY));
  });
  return true;
}

export const getEntity = async (db: Db, id: string): Promise<Entity | null> =>
  (await db.get('entities', id)) ?? null;

export const getQuote = async (db: Db, id: string): Promise<Quote | null> =>
  (await db.get('quotes', id)) ?? null;

export const getSource = async (db: Db, id: string): Promise<Source | null> =>
  (await db.get('sources', id)) ?? null;

export const listSources = (db: Db): Promise<Source[]> => db.getAll('sources');

export const listEntities = (db: Db): Promise<Entity[]> => db.getAll('entities');

export const listQuotes = (db: Db): Promise<Quote[]> => db.getAll('quotes');

/** The timeline, earliest first ("2023-02" sorts before "2023-02-03"); same date by id. */
export async function listEvents(db: Db): Promise<TimelineEvent[]> {
  return db.getAllFromIndex('events', 'date');
}

/** Timeline entries that belong to or involve an entity, earliest first. */
export async function eventsAbout(db: Db, entityId: string): Promise<TimelineEvent[]> {
  return (await listEvents(db)).filter(
    (e) => e.entity === entityId || (e.entities ?? []).includes(entityId),
  );
}

/** Where the sources disagree about an entity. */
export async function discrepanciesAbout(db: Db, entityId: string): Promise<Discrepancy[]> {
  return db.getAllFromIndex('discrepancies', 'entities', entityId);
}

export const listDiscrepancies = (db: Db): Promise<Discrepancy[]> => db.getAll('discrepancies');

/** Every quote cluster attributed to a speaker. */
export async function quotesBySpeaker(db: Db, speakerId: string): Promise<Quote[]> {
  return db.getAllFromIndex('quotes', 'speaker', speakerId);
}

/** Everything an entity card shows, in one answer. */
export interface EntityCard {
  entity: Entity;
  /** Every source the facts, quotes and disagreements cite, by date. */
  sources: Source[];
  /** Quotes the entity said. */
  quotes: Quote[];
  /** Disagreements between sources that concern the entity. */
  discrepancies: Discrepancy[];
  /** The whole timeline, earliest first (the card marks the entity's own entries). */
  timeline: TimelineEvent[];
}

export interface QuoteCard {
  quote: Quote;
  speaker: Entity | null;
  /** The sources that carry the quote, by date. */
  sources: Source[];
}

async function sourcesById(db: Db, ids: Iterable<string>): Promise<Source[]> {
  const wanted = new Set(ids);
  return (await listSources(db))
    .filter((s) => wanted.has(s.id))
    .sort((a, b) => a.date.localeCompare(b.date) || a.outlet.localeCompare(b.outlet));
}

export async function entityCard(db: Db, id: string): Promise<EntityCard | null> {
  const entity = await getEntity(db, id);
  if (!entity) return null;
  const [quotes, discrepancies, timeline] = await Promise.all([
    quotesBySpeaker(db, id),
    discrepanciesAbout(db, id),
    listEvents(db),
  ]);
  const cited = [
    ...entity.facts.flatMap((f) => f.sources),
    ...quotes.flatMap((q) => q.variants.map((v) => v.source)),
    ...discrepancies.flatMap((d) => d.claims.flatMap((c) => c.sources)),
    ...Object.keys(entity.mentions),
  ];
  return { entity, sources: await sourcesById(db, cited), quotes, discrepancies, timeline };
}

export async function quoteCard(db: Db, id: string): Promise<QuoteCard | null> {
  const quote = await getQuote(db, id);
  if (!quote) return null;
  const speaker = quote.speaker ? await getEntity(db, quote.speaker) : null;
  const sources = await sourcesById(
    db,
    quote.variants.map((v) => v.source),
  );
  return { quote, speaker, sources };
}

/** Every store of the KB at once (it is small: the settings page's browser lists it all). */
export async function browseKnowledgeBase(db: Db): Promise<KnowledgeBase> {
  const [sources, entities, quotes, events, discrepancies] = await Promise.all([
    listSources(db),
    listEntities(db),
    listQuotes(db),
    listEvents(db),
    listDiscrepancies(db),
  ]);
  return { sources, entities, quotes, events, discrepancies };
}
