/**
 * Bilateral's IndexedDB: the knowledge base (reseeded whenever the bundled KB changes) and the
 * reader's own data (settings, site choices, clippings), which a reseed never touches. The
 * version history lives in migrations.ts; this file describes the current version.
 */
import type { DBSchema } from 'idb';
import type { Clipping } from '../page/clippings';
import type { Discrepancy, Entity, Quote, Source, TimelineEvent } from '../kb/types';

export const DB_NAME = 'bilateral';
/** Where clippings are kept when the database has to be rebuilt. */
export const BACKUP_DB_NAME = 'bilateral-backup';

/** Stores the seed clears and refills. */
export const KB_STORES = ['sources', 'entities', 'quotes', 'events', 'discrepancies'] as const;
export type KbStore = (typeof KB_STORES)[number];
/** Stores that hold what the reader made; never cleared by a reseed. */
export const USER_STORES = ['settings', 'sites', 'clippings'] as const;
export const ALL_STORES = ['meta', ...KB_STORES, ...USER_STORES] as const;

export type SiteChoice = 'always' | 'never';

export interface SiteRecord {
  host: string;
  choice: SiteChoice;
  /** When the reader made the choice (ms since epoch). */
  updatedAt: number;
}

export interface KbMeta {
  /** KnowledgeBase.version of the seeded data. */
  version: string;
  seededAt: number;
  counts: Record<KbStore, number>;
}

export interface BilateralDB extends DBSchema {
  meta: { key: string; value: KbMeta };
  sources: { key: string; value: Source };
  entities: { key: string; value: Entity; indexes: { type: string } };
  quotes: { key: string; value: Quote; indexes: { speaker: string } };
  events: { key: string; value: TimelineEvent; indexes: { date: string } };
  discrepancies: { key: string; value: Discrepancy; indexes: { entities: string } };
  /** One record per setting, keyed by the setting's name. */
  settings: { key: string; value: unknown };
  sites: { key: string; value: SiteRecord };
  clippings: { key: string; value: Clipping; indexes: { savedAt: string } };
}
