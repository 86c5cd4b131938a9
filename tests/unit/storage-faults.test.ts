/**
 * Storage faults on fake-indexeddb, beyond the schema tests in db.test.ts: damaged records in a
 * database of each earlier version, a failing migration step, an upgrade blocked by another
 * open connection, a full disk (a put that fails, asynchronously or at once), a corrupt or
 * deleted database, a backup that cannot be written, two contexts writing at once, and bad
 * import files. The rule throughout: the reader's clippings are never lost.
 */
import { IDBFactory, IDBObjectStore as FDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../lib/kb/types';
import { DB_VERSION } from '../../lib/db/migrations';
import { listBackups, openDatabase, openWithRecovery } from '../../lib/db/open';
import { getEntity, seedKnowledgeBase, seededVersion } from '../../lib/db/kb';
import { createKbService } from '../../lib/db/service';
import {
  addClipping,
  getSettings,
  listClippings,
  listSiteChoices,
  replaceClippings,
  setSettings,
} from '../../lib/db/user';
import { clippingsToJson, parseClippingsFile, type Clipping } from '../../lib/page/clippings';

const DEFAULTS = { enabled: true, quotes: true, entities: true };

const kb = (version: string): KnowledgeBase => ({
  version,
  sources: [
    { id: 'blick', outlet: 'Blick', title: 'Visit', date: '2023-06-19', language: 'de', file: 'a' },
  ],
  entities: [
    {
      id: 'qin-gang',
      name: 'Qin Gang',
      type: 'person',
      aliases: [],
      role: 'Foreign Minister',
      description: 'Minister.',
      facts: [],
      mentions: {},
    },
  ],
  quotes: [],
  events: [],
  discrepancies: [],
});

/** A savedAt per id, the same every time (so files made twice compare equal). */
const savedAtOf = (id: string) =>
  new Date(
    Date.UTC(2023, 5, 19, 8) + ([...id].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) % 86_400_000),
  ).toISOString();

const clipping = (id: string, text = 'at their lowest point'): Clipping => ({
  id,
  text,
  speaker: 'Qin Gang',
  quoteId: null,
  page: {
    url: 'https://www.blick.ch/a',
    title: 'A',
    outlet: 'Blick',
    author: null,
    published: null,
  },
  corpus: [
    {
      source: 'blick',
      outlet: 'Blick',
      title: 'Visit',
      date: '2023-06-19',
      text: 'at their lowest',
    },
  ],
  savedAt: savedAtOf(id),
});

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** A raw database at `version` made by `upgrade`, closed again. */
async function rawDatabase(
  factory: IDBFactory,
  version: number,
  upgrade: (db: IDBDatabase) => void,
  name = 'bilateral',
): Promise<void> {
  const req = factory.open(name, version);
  req.onupgradeneeded = () => upgrade(req.result);
  (await request(req)).close();
}

const ids = async (factory: IDBFactory) => {
  const { db } = await openWithRecovery(factory);
  const list = (await listClippings(db)).map((c) => c.id).sort();
  db.close();
  return list;
};

// ---------------------------------------------------------------------------------------------
// A full disk: every put on a chosen store fails, the way a browser reports it.

const originalPut = FDBObjectStore.prototype.put;
afterEach(() => {
  FDBObjectStore.prototype.put = originalPut;
});

/**
 * Puts into `store` fail: 'abort' aborts the transaction after the request is made (a quota
 * error surfaces at commit), 'throw' throws a QuotaExceededError at the call.
 */
function failPuts(store: string, how: 'abort' | 'throw'): void {
  FDBObjectStore.prototype.put = function (
    this: InstanceType<typeof FDBObjectStore>,
    ...args: [unknown, IDBValidKey?]
  ) {
    if (this.name !== store) return originalPut.apply(this, args);
    if (how === 'throw')
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const req = originalPut.apply(this, args);
    this.transaction.abort();
    return req;
  } as typeof originalPut;
}

describe('earlier versions with damaged records', () => {
  it('migrates a version 1 database whose records are half broken, keeping every readable clipping', async () => {
    const factory = new IDBFactory();
    const v1 = await openDatabase(factory, { version: 1 });
    const tx = v1.transaction(['settings', 'clippings'], 'readwrite');
    const settings = tx.objectStore('settings');
    await settings.put({ 'a.example': 'always', '': 'never', 'b.example': 42 }, 'sites');
    await settings.put('yes', 'highlightQuotes');
    await settings.put(false, 'highlightEntities');
    const clippings = tx.objectStore('clippings');
    for (const record of [
      {
        text: 'kept, with a bad URL',
        url: 'not a url',
        savedAt: 1687180000000,
        sources: [1, 'dpa'],
      },
      { text: 'kept, with no date', speaker: 7, sources: 'blick' },
      { text: '   ', savedAt: 1687180000000 },
      { nothing: true },
      { text: 'kept, savedAt is text', savedAt: 'yesterday' },
    ]) {
      await clippings.put(record);
    }
    await tx.done;
    v1.close();

    const { db, recovery } = await openWithRecovery(factory);
    expect(recovery).toBeNull();
    expect(db.version).toBe(DB_VERSION);
    const kept = await listClippings(db);
    expect(kept.map((c) => c.text).sort()).toEqual([
      'kept, savedAt is text',
      'kept, with a bad URL',
      'kept, with no date',
    ]);
    for (const c of kept) {
      expect(c.id).toMatch(/^v1-/);
      expect(Number.isNaN(Date.parse(c.savedAt))).toBe(false);
    }
    expect(kept.find((c) => c.text === 'kept, with a bad URL')?.page).toBeNull();
    expect(
      kept.find((c) => c.text === 'kept, with a bad URL')?.corpus.map((c) => c.source),
    ).toEqual(['dpa']);
    expect((await listSiteChoices(db)).map((s) => [s.host, s.choice])).toEqual([
      ['a.example', 'always'],
    ]);
    // A setting of the wrong type reads as the default; the right type is kept.
    expect(await getSettings(db, DEFAULTS)).toEqual({
      enabled: true,
      quotes: true,
      entities: false,
    });
    db.close();
  });

  it('recovers a version 2 database that lacks a store its migration needs, clippings backed up and restored', async () => {
    const factory = new IDBFactory();
    // Version 2 as a broken profile might hold it: clippings but no settings store.
    await rawDatabase(factory, 2, (db) => {
      db.createObjectStore('clippings', { keyPath: 'id', autoIncrement: true }).put({
        text: 'saved under version 2',
        savedAt: 1688000000000,
        url: 'https://example.com/a',
        title: 'A',
        sources: ['wire'],
      });
    });
    const { db, recovery } = await openWithRecovery(factory);
    expect(recovery?.reason).toMatch(/migration to version 3 failed|NotFoundError/);
    expect(recovery?.restored).toBe(1);
    const [only] = await listClippings(db);
    expect(only?.text).toBe('saved under version 2');
    expect(only?.page?.url).toBe('https://example.com/a');
    const backups = await listBackups(factory);
    expect(backups).toHaveLength(1);
    expect(backups[0]?.clippings).toHaveLength(1);
    db.close();
  });
});

describe('another open connection', () => {
  it('an older connection that closes on versionchange lets the upgrade through', async () => {
    const factory = new IDBFactory();
    const old = await openDatabase(factory, { version: 2 });
    await old.put('settings', false, 'enabled');
    let told = false;
    old.addEventListener('versionchange', () => (told = true));
    const { db, recovery } = await openWithRecovery(factory);
    expect(recovery).toBeNull();
    expect(db.version).toBe(DB_VERSION);
    expect(told).toBe(true);
    expect(await getSettings(db, DEFAULTS)).toMatchObject({ enabled: false });
    db.close();
  });

  it('an older connection that never closes blocks the upgrade: the open fails with a reason and nothing is deleted', async () => {
    const factory = new IDBFactory();
    const v2 = await openDatabase(factory, { version: 2 });
    await v2.put('clippings', { text: 'must survive the blocked upgrade', savedAt: 1688000000000 });
    v2.close();
    // Another context holding version 2 and ignoring requests to close.
    const holder = await request(factory.open('bilateral', 2));
    holder.onversionchange = null;
    const opening = openWithRecovery(factory, { blockedTimeoutMs: 200 });
    await expect(opening).rejects.toThrow(/blocked/i);
    holder.close();
    // Once the other context is gone, the next open upgrades and nothing was lost.
    expect(await listBackups(factory)).toEqual([]);
    const { db, recovery } = await openWithRecovery(factory);
    expect(recovery).toBeNull();
    expect((await listClippings(db)).map((c) => c.text)).toEqual([
      'must survive the blocked upgrade',
    ]);
    db.close();
  });
});

describe('a full disk', () => {
  for (const how of ['abort', 'throw'] as const) {
    it(`a clipping that cannot be stored (${how}) fails with an error; earlier ones stay`, async () => {
      const factory = new IDBFactory();
      const { db } = await openWithRecovery(factory);
      await addClipping(db, clipping('1'));
      failPuts('clippings', how);
      await expect(addClipping(db, clipping('2'))).rejects.toThrow();
      FDBObjectStore.prototype.put = originalPut;
      expect((await listClippings(db)).map((c) => c.id)).toEqual(['1']);
      // The database is still usable.
      await addClipping(db, clipping('3'));
      expect((await listClippings(db)).map((c) => c.id)).toEqual(['3', '1']);
      db.close();
    });

    it(`an import that cannot be stored (${how}) changes nothing`, async () => {
      const factory = new IDBFactory();
      const { db } = await openWithRecovery(factory);
      await addClipping(db, clipping('1'));
      await addClipping(db, clipping('2'));
      failPuts('clippings', how);
      await expect(
        replaceClippings(db, [clipping('1'), clipping('2'), clipping('3')]),
      ).rejects.toThrow();
      FDBObjectStore.prototype.put = originalPut;
      expect((await listClippings(db)).map((c) => c.id).sort()).toEqual(['1', '2']);
      db.close();
    });

    it(`a knowledge base that cannot be seeded (${how}) leaves the reader's data and the old KB`, async () => {
      const factory = new IDBFactory();
      const { db } = await openWithRecovery(factory);
      await seedKnowledgeBase(db, kb('old'));
      await addClipping(db, clipping('1'));
      await setSettings(db, { quotes: false });
      failPuts('entities', how);
      await expect(seedKnowledgeBase(db, kb('new'))).rejects.toThrow();
      FDBObjectStore.prototype.put = originalPut;
      expect(await seededVersion(db)).toBe('old');
      expect((await getEntity(db, 'qin-gang'))?.name).toBe('Qin Gang');
      expect((await listClippings(db)).map((c) => c.id)).toEqual(['1']);
      expect(await getSettings(db, DEFAULTS)).toMatchObject({ quotes: false });
      // Space again: the next seed goes through.
      expect(await seedKnowledgeBase(db, kb('new'))).toBe(true);
      db.close();
    });
  }
});

describe('a corrupt or deleted database', () => {
  it('a database whose KB records are garbage is reseeded; settings read as defaults; clippings kept', async () => {
    const factory = new IDBFactory();
    const service = createKbService(factory, kb('k1'));
    const db = await service.db();
    await addClipping(db, clipping('1'));
    // Damage: the meta record, an entity and the settings replaced by garbage.
    await db.put('meta', 'garbage' as never, 'kb');
    await db.put('entities', { id: 'qin-gang', name: 42 } as never);
    await db.put('settings', { not: 'a boolean' }, 'enabled');
    service.close();

    const again = createKbService(factory, kb('k1'));
    const { seeded } = await again.ready();
    expect(seeded).toBe(true);
    const reopened = await again.db();
    expect((await getEntity(reopened, 'qin-gang'))?.name).toBe('Qin Gang');
    expect(await getSettings(reopened, DEFAULTS)).toEqual(DEFAULTS);
    expect((await listClippings(reopened)).map((c) => c.id)).toEqual(['1']);
    again.close();
  });

  it('a database deleted while open comes back with defaults and a reseeded KB', async () => {
    const factory = new IDBFactory();
    const service = createKbService(factory, kb('k1'));
    const db = await service.db();
    await setSettings(db, { enabled: false });
    await request(factory.deleteDatabase('bilateral') as unknown as IDBRequest<undefined>);
    const fresh = await service.db();
    expect((await getEntity(fresh, 'qin-gang'))?.name).toBe('Qin Gang');
    expect(await getSettings(fresh, DEFAULTS)).toEqual(DEFAULTS);
    service.close();
  });

  it('when the backup cannot be written, the broken database is not deleted', async () => {
    const factory = new IDBFactory();
    // A database from the future (so it needs recovery) holding a clipping…
    await rawDatabase(factory, DB_VERSION + 3, (raw) => {
      raw.createObjectStore('clippings', { keyPath: 'id' }).put(clipping('1'));
    });
    // …and a backup database this code cannot open.
    await rawDatabase(factory, 9, () => undefined, 'bilateral-backup');
    await expect(openWithRecovery(factory)).rejects.toThrow();
    const raw = await request(factory.open('bilateral'));
    expect(raw.version).toBe(DB_VERSION + 3);
    const stored = await request(raw.transaction('clippings').objectStore('clippings').getAll());
    expect(stored).toHaveLength(1);
    raw.close();
  });
});

describe('two contexts at once', () => {
  it('two first opens race on an empty profile: one schema, one seed, both usable', async () => {
    const factory = new IDBFactory();
    const a = createKbService(factory, kb('k1'));
    const b = createKbService(factory, kb('k1'));
    const [ra, rb] = await Promise.all([a.ready(), b.ready()]);
    expect([ra.recovery, rb.recovery]).toEqual([null, null]);
    expect([ra.seeded, rb.seeded].filter(Boolean).length).toBeGreaterThanOrEqual(1);
    expect((await getEntity(await b.db(), 'qin-gang'))?.name).toBe('Qin Gang');
    a.close();
    b.close();
  });

  it('concurrent writes from two connections all land', async () => {
    const factory = new IDBFactory();
    const a = createKbService(factory, kb('k1'));
    const b = createKbService(factory, kb('k1'));
    const [da, dbb] = await Promise.all([a.db(), b.db()]);
    await Promise.all([
      ...Array.from({ length: 40 }, (_, i) => addClipping(da, clipping(`a${i}`))),
      ...Array.from({ length: 40 }, (_, i) => addClipping(dbb, clipping(`b${i}`))),
      setSettings(da, { quotes: false }),
      setSettings(dbb, { entities: false }),
    ]);
    expect((await listClippings(da)).length).toBe(80);
    expect(await getSettings(dbb, DEFAULTS)).toEqual({
      enabled: true,
      quotes: false,
      entities: false,
    });
    // An import in one context while the other adds: the import is all or nothing, the add lands.
    await Promise.all([
      replaceClippings(da, [...(await listClippings(da)), clipping('imported')]),
      addClipping(dbb, clipping('late')),
    ]);
    const all = (await listClippings(dbb)).map((c) => c.id);
    expect(all).toContain('imported');
    expect(all.length).toBeGreaterThanOrEqual(81);
    a.close();
    b.close();
  });
});

describe('bad import files', () => {
  const good = clippingsToJson([clipping('1'), clipping('2')]);
  it.each([
    ['empty', '', /not a JSON file/],
    ['truncated', good.slice(0, good.length / 2), /not a JSON file/],
    [
      'another format',
      '{"format":"other","version":1,"clippings":[]}',
      /not a Bilateral clippings file/,
    ],
    ['a future version', good.replace('"version": 2', '"version": 3'), /version/],
    ['a clipping without text', good.replace('"at their lowest point"', '"  "'), /text/],
    ['a bad date', good.replace(`"${savedAtOf('1')}"`, '"yesterday"'), /savedAt/],
    ['a page URL that is not a URL', good.replace('"https://www.blick.ch/a"', '"nowhere"'), /url/],
    ['an id twice', clippingsToJson([clipping('1'), clipping('1')]), /appears twice/],
    [
      'a prototype key',
      '{"format":"bilateral-clippings","version":1,"clippings":[],"__proto__":{"x":1}}',
      null,
    ],
    ['null', 'null', /not a Bilateral clippings file/],
    [
      'too many',
      clippingsToJson(Array.from({ length: 10_001 }, (_, i) => clipping(String(i)))),
      /clippings/,
    ],
  ])(
    '%s: refused with a reason (or read safely), and nothing is stored',
    async (_, text, reason) => {
      const parsed = parseClippingsFile(text);
      if (reason === null) {
        // Read as an empty import; no prototype is touched.
        expect(parsed).toEqual({ ok: true, value: [] });
        expect(({} as Record<string, unknown>).x).toBeUndefined();
        return;
      }
      expect(parsed.ok).toBe(false);
      expect(!parsed.ok && parsed.error).toMatch(reason);
    },
  );

  it('a good file round-trips', () => {
    expect(parseClippingsFile(good)).toEqual({ ok: true, value: [clipping('1'), clipping('2')] });
  });

  it('a clipping refused by the store leaves the earlier ones (import through replaceClippings)', async () => {
    const factory = new IDBFactory();
    expect(await ids(factory)).toEqual([]);
    const { db } = await openWithRecovery(factory);
    await addClipping(db, clipping('1'));
    await expect(
      replaceClippings(db, [clipping('2'), { ...clipping('3'), savedAt: 'later' }]),
    ).rejects.toThrow(/savedAt/);
    db.close();
    expect(await ids(factory)).toEqual(['1']);
  });
});
