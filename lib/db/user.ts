/**
 * The reader's data: settings, per-site choices and clippings. These stores are never
 * touched by a KB reseed; every write validates what it stores.
 */
import * as v from 'valibot';
import { Clipping, readClipping } from '../page/clippings';
import type { Db } from './open';
import type { SiteChoice, SiteRecord } from './schema';

/**
 * Stored settings over the caller's defaults: a setting never written, or written with a
 * value of another type than its default, reads as the default.
 */
export async function getSettings<T extends Record<string, unknown>>(
  db: Db,
  defaults: T,
): Promise<T> {
  const tx = db.transaction('settings', 'readonly');
  const out: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const stored = await tx.store.get(key);
    if (stored !== undefined && typeof stored === typeof defaults[key]) out[key] = stored;
  }
  await tx.done;
  return out as T;
}

/** Writes the given settings; others stay as they are. */
export async function setSettings(db: Db, patch: Record<string, unknown>): Promise<void> {
  const tx = db.transaction('settings', 'readwrite');
  const work: Promise<unknown>[] = [];
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    work.push(tx.store.put(value, key));
  }
  await Promise.all([...work, tx.done]);
}

const HOST = /^[^\s/]{1,253}$/;

function checkHost(host: string): string {
  const h = host.trim().toLowerCase();
  if (!HOST.test(h)) throw new Error(`not a host name: "${host}"`);
  return h;
}

export async function getSiteChoice(db: Db, host: string): Promise<SiteChoice | null> {
  return (await db.get('sites', checkHost(host)))?.choice ?? null;
}

export async function setSiteChoice(
  db: Db,
  host: string,
  choice: SiteChoice,
  now = Date.now(),
): Promise<void> {
  if (choice !== 'always' && choice !== 'never') throw new Error(`not a site choice: ${choice}`);
  const record: SiteRecord = { host: checkHost(host), choice, updatedAt: now };
  await db.put('sites', record);
}

export async function removeSiteChoice(db: Db, host: string): Promise<void> {
  await db.delete('sites', checkHost(host));
}

/** Every site choice, by host name. */
export async function listSiteChoices(db: Db): Promise<SiteRecord[]> {
  return db.getAll('sites');
}

function checkClipping(clipping: unknown): Clipping {
  const parsed = v.safeParse(Clipping, clipping);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') || 'clipping';
    throw new Error(`not a clipping: ${path}: ${issue.message}`);
  }
  return parsed.output;
}

/** Saves a clipping (replacing one with the same id). */
export async function addClipping(db: Db, clipping: Clipping): Promise<void> {
  await db.put('clippings', checkClipping(clipping));
}

/**
 * All clippings, newest first. Those an earlier version stored are read into the current shape
 * (lib/page/clippings.ts `readClipping`); a record that is neither is left out, not thrown on.
 */
export async function listClippings(db: Db): Promise<Clipping[]> {
  const records: unknown[] = await db.getAllFromIndex('clippings', 'savedAt');
  return records
    .reverse()
    .map(readClipping)
    .filter((clipping): clipping is Clipping => clipping !== null);
}

export async function removeClipping(db: Db, id: string): Promise<void> {
  await db.delete('clippings', id);
}

/**
 * Replaces every clipping with `clippings` (an import) in one transaction. All of them are
 * checked before anything is deleted, so a bad import loses nothing.
 */
export async function replaceClippings(db: Db, clippings: readonly Clipping[]): Promise<void> {
  const checked = clippings.map(checkClipping);
  const tx = db.transaction('clippings', 'readwrite');
  await allOrNothing(tx, (requests) => {
    requests.push(tx.store.clear());
    for (const c of checked) requests.push(tx.store.put(c));
  });
}

/**
 * Runs the requests `issue` makes in `tx` and waits for the commit. A request that throws at
 * the call (a full disk, a value that cannot be stored) aborts the transaction, so what was
 * already asked for (a clear) never commits on its own.
 */
export async function allOrNothing(
  tx: { done: Promise<void>; abort(): void },
  issue: (requests: Promise<unknown>[]) => void,
): Promise<void> {
  const requests: Promise<unknown>[] = [];
  try {
    issue(requests);
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already finished: nothing was committed by this call either way.
    }
    await Promise.allSettled([...requests, tx.done]);
    throw error;
  }
  await Promise.all([...requests, tx.done]);
}
