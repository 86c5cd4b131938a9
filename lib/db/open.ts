/**
 * Opening the database through an IDBFactory passed in (the browser's `indexedDB` in the
 * background, fake-indexeddb in tests), running the migrations, and recovering when the
 * database cannot be opened or lacks its stores: the clippings are saved to a separate backup
 * database first, then the database is deleted, created afresh and the clippings put back.
 */
import { wrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { Clipping } from '../page/clippings';
import { DB_VERSION, MIGRATIONS, upgradeClipping } from './migrations';
import { ALL_STORES, BACKUP_DB_NAME, DB_NAME, type BilateralDB } from './schema';

export type Db = IDBPDatabase<BilateralDB>;

export interface OpenOptions {
  name?: string;
  /** Stop at this version (tests build earlier versions with it). */
  version?: number;
  /** Called when another tab or an upgrade wants this connection closed. */
  onVersionChange?: () => void;
}

function requestPromise<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Opens (and creates or upgrades) the database. Every migration step after the stored
 * version runs in order; a step that throws aborts the upgrade and the open fails with it.
 */
export async function openDatabase(
  factory: IDBFactory,
  options: OpenOptions = {},
): Promise<IDBPDatabase<unknown>> {
  const name = options.name ?? DB_NAME;
  const version = options.version ?? DB_VERSION;
  if (!Number.isInteger(version) || version < 1 || version > MIGRATIONS.length) {
    throw new Error(`no schema version ${version}; known versions are 1 to ${MIGRATIONS.length}`);
  }
  const request = factory.open(name, version);
  let stepError: unknown = null;
  request.onupgradeneeded = (event) => {
    const db = wrap(request.result) as IDBPDatabase<unknown>;
    const tx = wrap(request.transaction!) as unknown as IDBPTransaction<
      unknown,
      string[],
      'versionchange'
    >;
    const steps = MIGRATIONS.slice(event.oldVersion, version);
    void (async () => {
      for (const [i, step] of steps.entries()) {
        try {
          await step(db, tx);
        } catch (error) {
          stepError = new Error(
            `migration to version ${event.oldVersion + i + 1} failed: ${String(error)}`,
            { cause: error },
          );
          try {
            tx.abort();
          } catch {
            // Already finished or aborted; the open request reports the failure.
          }
          return;
        }
      }
    })();
  };
  request.onblocked = () => {
    // Another connection holds the old version; it is asked to close via versionchange.
  };
  let raw: IDBDatabase;
  try {
    raw = await requestPromise(request);
  } catch (error) {
    throw stepError ?? error;
  }
  raw.onversionchange = () => {
    raw.close();
    options.onVersionChange?.();
  };
  return wrap(raw) as IDBPDatabase<unknown>;
}

/** Names of the stores the current schema needs that the database lacks. */
export function missingStores(db: IDBPDatabase<unknown>): string[] {
  return ALL_STORES.filter((store) => !db.objectStoreNames.contains(store));
}

export interface Recovery {
  reason: string;
  /** Clippings read from the broken database and put back. */
  restored: number;
  /** Records that could not be read as clippings; they stay in the backup database. */
  unreadable: number;
}

export interface OpenResult {
  db: Db;
  recovery: Recovery | null;
}

/** Reads whatever clippings a database at any version still holds. */
async function salvageClippings(factory: IDBFactory, name: string): Promise<unknown[]> {
  let raw: IDBDatabase | null = null;
  try {
    // No version: opens at whatever version the database has, without upgrading.
    raw = await requestPromise(factory.open(name));
    if (!raw.objectStoreNames.contains('clippings')) return [];
    const store = raw.transaction('clippings', 'readonly').objectStore('clippings');
    return await requestPromise(store.getAll() as IDBRequest<unknown[]>);
  } catch {
    return [];
  } finally {
    raw?.close();
  }
}

/** Appends one backup record to the backup database and returns its key. */
async function writeBackup(
  factory: IDBFactory,
  backup: { at: string; reason: string; clippings: unknown[] },
): Promise<IDBValidKey> {
  const request = factory.open(BACKUP_DB_NAME, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore('backups', { autoIncrement: true });
  };
  const raw = await requestPromise(request);
  try {
    const tx = raw.transaction('backups', 'readwrite');
    const key = await requestPromise(tx.objectStore('backups').add(backup));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error ?? new Error('backup aborted'));
    });
    return key;
  } finally {
    raw.close();
  }
}

/** Every backup record, oldest first (for the options page and for tests). */
export async function listBackups(
  factory: IDBFactory,
): Promise<{ at: string; reason: string; clippings: unknown[] }[]> {
  const request = factory.open(BACKUP_DB_NAME, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore('backups', { autoIncrement: true });
  };
  const raw = await requestPromise(request);
  try {
    return await requestPromise(
      raw.transaction('backups', 'readonly').objectStore('backups').getAll() as IDBRequest<
        { at: string; reason: string; clippings: unknown[] }[]
      >,
    );
  } finally {
    raw.close();
  }
}

function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`cannot delete ${name}`));
    // A connection elsewhere is told to close by versionchange; the delete waits for it.
  });
}

const asClipping = (record: unknown): Clipping | null => {
  if (typeof record !== 'object' || record === null) return null;
  const r = record as Partial<Clipping>;
  if (typeof r.id === 'string' && typeof r.savedAt === 'string' && Array.isArray(r.citations)) {
    return typeof r.text === 'string' && r.text.trim() ? (r as Clipping) : null;
  }
  return upgradeClipping(record);
};

/**
 * Opens the current schema; when that fails (a newer version than this code knows, a
 * half-made or damaged database, missing stores), backs up the clippings, deletes the
 * database, creates it afresh and restores them. The KB stores come back empty and are
 * seeded by the caller; settings and site choices go back to their defaults.
 */
export async function openWithRecovery(
  factory: IDBFactory,
  options: Omit<OpenOptions, 'version'> = {},
): Promise<OpenResult> {
  const name = options.name ?? DB_NAME;
  let reason: string;
  try {
    const db = await openDatabase(factory, options);
    const missing = missingStores(db);
    if (missing.length === 0) return { db: db as unknown as Db, recovery: null };
    db.close();
    reason = `stores missing: ${missing.join(', ')}`;
  } catch (error) {
    reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const salvaged = await salvageClippings(factory, name);
  // The backup must be written before anything is deleted; if it fails, nothing is deleted.
  await writeBackup(factory, { at: new Date().toISOString(), reason, clippings: salvaged });
  await deleteDatabase(factory, name);
  const db = (await openDatabase(factory, options)) as unknown as Db;
  const clippings = salvaged.map(asClipping).filter((c): c is Clipping => c !== null);
  const tx = db.transaction('clippings', 'readwrite');
  await Promise.all([...clippings.map((c) => tx.store.put(c)), tx.done]);
  return {
    db,
    recovery: {
      reason,
      restored: clippings.length,
      unreadable: salvaged.length - clippings.length,
    },
  };
}
