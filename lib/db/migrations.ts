/**
 * The schema's history, one step per version. A database at any earlier version is brought to
 * the current one by running the steps after it in order, inside the one versionchange
 * transaction, so a failing step leaves the database as it was. Each step moves the reader's
 * data along; knowledge-base stores are only created here and filled by the seed.
 *
 * v1: meta, entities, quotes; settings as one record per name, with the site choices as a
 *     single `sites` map record; clippings with auto-increment numbers, a `url` and a
 *     `savedAt` in milliseconds.
 * v2: sources, events (by date), discrepancies (by entity), quotes by speaker; site choices
 *     move from the settings map to their own `sites` store, one record per host.
 * v3: clippings keyed by a string id with citations and the page they were read on, savedAt
 *     an ISO timestamp (lib/page/clippings.ts); the settings `highlightQuotes` and
 *     `highlightEntities` become `quotes` and `entities`. Clippings stored in v3's first shape
 *     (corpus `citations`, a page of address and title) are read into the later one as they
 *     are listed (`readClipping`): the store and its index did not change.
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { hostOutlet, type Clipping } from '../page/clippings';
import type { SiteChoice, SiteRecord } from './schema';

type AnyDatabase = IDBPDatabase<unknown>;
type UpgradeTransaction = IDBPTransaction<unknown, string[], 'versionchange'>;

export type MigrationStep = (db: AnyDatabase, tx: UpgradeTransaction) => Promise<void>;

/** A clipping as versions 1 and 2 stored it. */
export interface ClippingV1 {
  id: number;
  text: string;
  speaker: string | null;
  quoteId: string | null;
  url: string | null;
  title: string;
  /** Source ids of the corpus wordings the reader saw. */
  sources: string[];
  savedAt: number;
}

const isChoice = (v: unknown): v is SiteChoice => v === 'always' || v === 'never';

/** Turns a v1/v2 clipping into the current shape; null when there is nothing to keep. */
export function upgradeClipping(old: unknown): Clipping | null {
  if (typeof old !== 'object' || old === null) return null;
  const o = old as Partial<ClippingV1>;
  const text = typeof o.text === 'string' ? o.text.trim() : '';
  if (!text) return null;
  const savedAt =
    typeof o.savedAt === 'number' && Number.isFinite(o.savedAt)
      ? new Date(o.savedAt).toISOString()
      : new Date(0).toISOString();
  let page: Clipping['page'] = null;
  if (typeof o.url === 'string') {
    try {
      const url = new URL(o.url).href;
      const title = typeof o.title === 'string' ? o.title : '';
      page = { url, title, outlet: hostOutlet(url), author: null, published: null };
    } catch {
      page = null;
    }
  }
  return {
    id: `v1-${String(o.id ?? savedAt)}`,
    text,
    speaker: typeof o.speaker === 'string' ? o.speaker : null,
    quoteId: typeof o.quoteId === 'string' ? o.quoteId : null,
    page,
    // v1 kept bare source ids, not what each printed: the outlet is the id until the reader
    // saves the quote again, and no wording is credited to it.
    corpus: Array.isArray(o.sources)
      ? o.sources
          .filter((s): s is string => typeof s === 'string' && s.length > 0)
          .map((s) => ({ source: s, outlet: s, title: '', date: savedAt.slice(0, 10), text: null }))
      : [],
    savedAt,
  };
}

export const MIGRATIONS: readonly MigrationStep[] = [
  // → v1
  async (db) => {
    db.createObjectStore('meta');
    db.createObjectStore('entities', { keyPath: 'id' });
    db.createObjectStore('quotes', { keyPath: 'id' });
    db.createObjectStore('settings');
    db.createObjectStore('clippings', { keyPath: 'id', autoIncrement: true });
  },
  // → v2
  async (db, tx) => {
    db.createObjectStore('sources', { keyPath: 'id' });
    db.createObjectStore('events', { keyPath: 'id' }).createIndex('date', 'date');
    db.createObjectStore('discrepancies', { keyPath: 'id' }).createIndex('entities', 'entities', {
      multiEntry: true,
    });
    tx.objectStore('quotes').createIndex('speaker', 'speaker');
    tx.objectStore('entities').createIndex('type', 'type');
    const sites = db.createObjectStore('sites', { keyPath: 'host' });
    const settings = tx.objectStore('settings');
    const map = await settings.get('sites');
    if (map && typeof map === 'object') {
      for (const [host, choice] of Object.entries(map as Record<string, unknown>)) {
        if (!host || !isChoice(choice)) continue;
        const record: SiteRecord = { host, choice, updatedAt: 0 };
        await sites.put(record);
      }
    }
    await settings.delete('sites');
  },
  // → v3
  async (db, tx) => {
    const old = (await tx.objectStore('clippings').getAll()) as unknown[];
    db.deleteObjectStore('clippings');
    const clippings = db.createObjectStore('clippings', { keyPath: 'id' });
    clippings.createIndex('savedAt', 'savedAt');
    for (const record of old) {
      const clipping = upgradeClipping(record);
      if (clipping) await clippings.put(clipping);
    }
    const settings = tx.objectStore('settings');
    for (const [from, to] of [
      ['highlightQuotes', 'quotes'],
      ['highlightEntities', 'entities'],
    ] as const) {
      const value = await settings.get(from);
      if (value === undefined) continue;
      if ((await settings.get(to)) === undefined) await settings.put(value, to);
      await settings.delete(from);
    }
  },
];

export const DB_VERSION = MIGRATIONS.length;
