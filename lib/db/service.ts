/**
 * The background's handle on the database: opened lazily on first use (or by `ready()` on
 * install), recovered if broken, seeded with the bundled KB whenever its version changes, and
 * reopened after the browser or another context closed it (a deleted database comes back
 * seeded, with user data starting empty). The IDBFactory is a parameter so tests run it on
 * fake-indexeddb.
 */
import type { KnowledgeBase } from '../kb/types';
import { createSearch, type KbSearch } from '../kb/search';
import { listDiscrepancies, listEntities, listEvents, listQuotes, seedKnowledgeBase } from './kb';
import { openWithRecovery, type Db, type Recovery } from './open';

export interface KbService {
  /** The open, seeded database. */
  db(): Promise<Db>;
  /** Opens and seeds now; resolves to what happened. */
  ready(): Promise<{ seeded: boolean; recovery: Recovery | null }>;
  search(): Promise<KbSearch>;
  close(): void;
}

export function createKbService(
  factory: IDBFactory,
  kb: KnowledgeBase,
  options: { name?: string; onRecovery?: (recovery: Recovery) => void } = {},
): KbService {
  let opening: Promise<{ db: Db; seeded: boolean; recovery: Recovery | null }> | null = null;
  let searching: Promise<KbSearch> | null = null;

  const open = () => {
    opening ??= (async () => {
      const { db, recovery } = await openWithRecovery(factory, {
        ...(options.name ? { name: options.name } : {}),
        onVersionChange: () => {
          opening = null;
          searching = null;
        },
      });
      if (recovery) options.onRecovery?.(recovery);
      db.addEventListener('close', () => {
        opening = null;
        searching = null;
      });
      const seeded = await seedKnowledgeBase(db, kb);
      if (seeded) searching = null;
      return { db, seeded, recovery };
    })();
    // A failed open is not cached: the next call tries again.
    opening.catch(() => {
      opening = null;
    });
    return opening;
  };

  return {
    async db() {
      return (await open()).db;
    },
    async ready() {
      const { seeded, recovery } = await open();
      return { seeded, recovery };
    },
    search() {
      searching ??= (async () => {
        const db = (await open()).db;
        const [entities, quotes, events, discrepancies] = await Promise.all([
          listEntities(db),
          listQuotes(db),
          listEvents(db),
          listDiscrepancies(db),
        ]);
        return createSearch({ entities, quotes, events, discrepancies });
      })();
      searching.catch(() => {
        searching = null;
      });
      return searching;
    },
    close() {
      const current = opening;
      opening = null;
      searching = null;
      void current?.then(({ db }) => db.close()).catch(() => undefined);
    },
  };
}
