/**
 * Opening the database through an IDBFactory passed in (the browser's `indexedDB` in the
 * background, fake-indexeddb in tests), running the migrations, and recovering when the
 * database cannot be opened or lacks its stores: the reader's data is saved to a separate
 * backup database first, then the database is deleted, created afresh and the data put back.
 */
import { wrap, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { readClipping, type Clipping } from '../page/clippings';
import { DB_VERSION, MIGRATIONS, upgradeClipping } from './migrations';
import { ALL_STORES, BACKUP_DB_NAME, DB_NAME, type BilateralDB, type SiteRecord } from './schema';

export type Db = IDBPDatabase<BilateralDB>;

export interface OpenOptions {
  name?: string;
  /** Stop at this version (tests build earlier versions with it). */
  version?: number;
  /** Called when another tab or an upgrade wants this connection closed. */
  onVersionChange?: () => void;
  /**
   * How long an upgrade may wait for another open connection to close before the open fails
   * (it would otherwise wait for ever, and every message with it).
   */
  blockedTimeoutMs?: number;
}

/** The error of an open that another connection blocked; recovery must not delete over it. */
export class BlockedError extends Error {
  override name = 'BlockedError';
}

const BLOCKED_TIMEOUT_MS = 10_000;

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
    // A failed step aborts the upgrade; the open request reports that, not this promise.
    tx.done.catch(() => undefined);
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
  // Another connection holds the old version; it is asked to close via versionchange. One that
  // does not close within the time allowed fails this open, and the upgrade, if it happens
  // later, closes its connection again.
  let gaveUp = false;
  let blockedTimer: ReturnType<typeof setTimeout> | undefined;
  const blocked = new Promise<never>((_, reject) => {
    request.onblocked = () => {
      blockedTimer ??= setTimeout(() => {
        gaveUp = true;
        reject(
          new BlockedError(
            `the database upgrade to version ${version} is blocked by another open connection`,
          ),
        );
      }, options.blockedTimeoutMs ?? BLOCKED_TIMEOUT_MS);
    };
  });
  let raw: IDBDatabase;
  try {
    raw = await Promise.race([requestPromise(request), blocked]);
  } catch (error) {
    if (gaveUp) {
      request.onsuccess = () => request.result.close();
      throw error;
    }
    throw stepError ?? error;
  } finally {
    clearTimeout(blockedTimer);
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
  /** Settings and site choices read from the broken database and put back. */
  settings: number;
  sites: number;
}

export interface OpenResult {
  db: Db;
  recovery: Recovery | null;
}

/** What a damaged database still gives up, as raw records. */
interface Salvage {
  clippings: unknown[];
  settings: [IDBValidKey, unknown][];
  sites: unknown[];
}

async function readAll(raw: IDBDatabase, store: string): Promise<[IDBValidKey, unknown][]> {
  if (!raw.objectStoreNames.contains(store)) return [];
  try {
    const os = raw.transaction(store, 'readonly').objectStore(store);
    const keys = await requestPromise(os.getAllKeys());
    const values = await requestPromise(os.getAll() as IDBRequest<unknown[]>);
    return keys.map((key, i) => [key, values[i]]);
  } catch {
    return [];
  }
}

/** Reads whatever user data a database at any version still holds; nothing on failure. */
async function salvage(factory: IDBFactory, name: string): Promise<Salvage> {
  let raw: IDBDatabase | null = null;
  try {
    // No version: opens at whatever version the database has, without upgrading.
    raw = await requestPromise(factory.open(name));
    return {
      clippings: (await readAll(raw, 'clippings')).map(([, value]) => value),
      settings: await readAll(raw, 'settings'),
      sites: (await readAll(raw, 'sites')).map(([, value]) => value),
    };
  } catch {
    return { clippings: [], settings: [], sites: [] };
  } finally {
    raw?.close();
  }
}

/** One rescue of user data, kept in the backup database. */
export interface Backup extends Salvage {
  at: string;
  reason: string;
}

/** Appends one backup record to the backup database and returns its key. */
async function writeBackup(factory: IDBFactory, backup: Backup): Promise<IDBValidKey> {
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
export async function listBackups(factory: IDBFactory): Promise<Backup[]> {
  const request = factory.open(BACKUP_DB_NAME, 1);
  request.onupgradeneeded = () => {
    request.result.createObjectStore('backups', { autoIncrement: true });
  };
  const raw = await requestPromise(request);
  try {
    return await requestPromise(
      raw.transaction('backups', 'readonly').objectStore('backups').getAll() as IDBRequest<
        Backup[]
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

function asClipping(record: unknown): Clipping | null {
  const current = readClipping(record);
  if (current) return current;
  const r = record as { id?: unknown } | null;
  // Only records of the numbered v1/v2 shape are upgraded; anything else stays in the backup.
  return typeof r?.id === 'number' ? upgradeClipping(record) : null;
}

function asSite(record: unknown): SiteRecord | null {
  const r = record as Partial<SiteRecord> | null;
  if (typeof r?.host !== 'string' || !/^[^\s/]{1,253}$/.test(r.host)) return null;
  if (r.choice !== 'always' && r.choice !== 'never') return null;
  return { host: r.host, choice: r.choice, updatedAt: Number(r.updatedAt) || 0 };
}

/** Settings as a current database keeps them, from any earlier version's records. */
function currentSettings(records: [IDBValidKey, unknown][]): {
  settings: [string, unknown][];
  sites: SiteRecord[];
} {
  const renamed: Record<string, string> = {
    highlightQuotes: 'quotes',
    highlightEntities: 'entities',
  };
  const settings = new Map<string, unknown>();
  const sites: SiteRecord[] = [];
  for (const [key, value] of records) {
    if (typeof key !== 'string') continue;
    if (key === 'sites' && value && typeof value === 'object') {
      // Versions before 2 kept the site choices as one map in the settings.
      for (const [host, choice] of Object.entries(value as Record<string, unknown>)) {
        const site = asSite({ host, choice, updatedAt: 0 });
        if (site) sites.push(site);
      }
      continue;
    }
    const name = renamed[key] ?? key;
    if (!settings.has(name) || name === key) settings.set(name, value);
  }
  return { settings: [...settings], sites };
}

/**
 * Opens the current schema; when that fails (a newer version than this code knows, a
 * half-made or damaged database, missing stores), copies the reader's data (clippings,
 * settings, site choices) to the backup database, deletes the database, creates it afresh and
 * puts back what still reads as such. The KB stores come back empty and are seeded by the
 * caller.
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
    // Blocked is not broken: the database is fine and another context still has it open.
    if (error instanceof BlockedError) throw error;
    reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  const saved = await salvage(factory, name);
  // The backup must be written before anything is deleted; if it fails, nothing is deleted.
  await writeBackup(factory, { at: new Date().toISOString(), reason, ...saved });
  await deleteDatabase(factory, name);
  const db = (await openDatabase(factory, options)) as unknown as Db;
  const clippings = saved.clippings.map(asClipping).filter((c): c is Clipping => c !== null);
  const fromSettings = currentSettings(saved.settings);
  const sites = new Map<string, SiteRecord>();
  for (const site of [...fromSettings.sites, ...saved.sites.map(asSite)]) {
    if (site) sites.set(site.host, site);
  }
  const tx = db.transaction(['clippings', 'settings', 'sites'], 'readwrite');
  await Promise.all([
    ...clippings.map((c) => tx.objectStore('clippings').put(c)),
    ...fromSettings.settings.map(([key, value]) => tx.objectStore('settings').put(value, key)),
    ...[...sites.values()].map((site) => tx.objectStore('sites').put(site)),
    tx.done,
  ]);
  return {
    db,
    recovery: {
      reason,
      restored: clippings.length,
      unreadable: saved.clippings.length - clippings.length,
      settings: fromSettings.settings.length,
      sites: sites.size,
    },
  };
}
