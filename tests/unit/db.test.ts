import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { IDBPDatabase } from 'idb';
import v1 from '../fixtures/db/v1.json';
import v2 from '../fixtures/db/v2.json';
import type { KnowledgeBase } from '../../lib/kb/types';
import type { Clipping } from '../../lib/page/clippings';
import { DB_VERSION } from '../../lib/db/migrations';
import { listBackups, openDatabase, openWithRecovery } from '../../lib/db/open';
import {
  discrepanciesAbout,
  browseKnowledgeBase,
  entityCard,
  getEntity,
  getQuote,
  listEvents,
  quoteCard,
  quotesBySpeaker,
  seedKnowledgeBase,
  seededVersion,
} from '../../lib/db/kb';
import {
  addClipping,
  getSettings,
  getSiteChoice,
  listClippings,
  listSiteChoices,
  removeClipping,
  removeSiteChoice,
  replaceClippings,
  setSettings,
  setSiteChoice,
} from '../../lib/db/user';
import { createKbService } from '../../lib/db/service';
import { DEFAULT_SETTINGS } from '../../lib/page/prefs';
import { Settings } from '../../lib/protocol';
import * as v from 'valibot';

const DEFAULTS = { enabled: true, quotes: true, entities: true };

function smallKb(version: string): KnowledgeBase {
  return {
    version,
    sources: [
      {
        id: 'blick',
        outlet: 'Blick',
        title: 'First visit',
        date: '2023-06-19',
        language: 'de',
        file: 'a.txt',
      },
    ],
    entities: [
      {
        id: 'qin-gang',
        name: 'Qin Gang',
        type: 'person',
        aliases: ['Chen Gang'],
        role: 'Foreign Minister of China',
        description: 'China’s foreign minister.',
        facts: [{ text: 'Met Blinken.', sources: ['blick'] }],
        mentions: { blick: 3 },
      },
      {
        id: 'antony-blinken',
        name: 'Antony Blinken',
        type: 'person',
        aliases: ['Blingen'],
        role: 'US Secretary of State',
        description: 'US diplomat.',
        facts: [{ text: 'Visited Beijing.', sources: ['blick'] }],
        mentions: { blick: 5 },
      },
    ],
    quotes: [
      {
        id: 'qin-lowest-point',
        speaker: 'qin-gang',
        date: '2023-06-18',
        variants: [{ source: 'blick', text: 'at their lowest point' }],
      },
    ],
    events: [
      { id: 'talks', date: '2023-06-18', title: 'Talks', sources: ['blick'] },
      { id: 'balloon', date: '2023-02', title: 'Balloon', sources: ['blick'] },
      { id: 'pompeo', date: '2018-10', title: 'Pompeo', sources: ['blick'] },
    ],
    discrepancies: [
      {
        id: 'length',
        subject: 'Length',
        claims: [
          { value: 'a', sources: ['blick'] },
          { value: 'b', sources: ['blick'] },
        ],
        entities: ['qin-gang', 'antony-blinken'],
      },
    ],
  };
}

const clipping = (id: string, savedAt: string, text = 'at their lowest point'): Clipping => ({
  id,
  text,
  speaker: 'Qin Gang',
  quoteId: 'qin-lowest-point',
  page: {
    url: 'https://www.blick.ch/a',
    title: 'A',
    outlet: 'Blick',
    author: null,
    published: '2023-06-19',
  },
  corpus: [
    {
      source: 'blick',
      outlet: 'Blick',
      title: 'First visit',
      date: '2023-06-19',
      text: 'at their lowest point',
    },
  ],
  savedAt,
});

interface Fixture {
  version: number;
  stores: Record<string, { key?: string; value: unknown }[]>;
}

/** Builds a database at the fixture's version with the real migration steps and fills it. */
async function databaseFrom(factory: IDBFactory, fixture: Fixture): Promise<void> {
  const db = (await openDatabase(factory, { version: fixture.version })) as IDBPDatabase<unknown>;
  for (const [store, records] of Object.entries(fixture.stores)) {
    const tx = db.transaction(store, 'readwrite');
    for (const r of records) {
      if (r.key === undefined) await tx.objectStore(store).put(r.value);
      else await tx.objectStore(store).put(r.value, r.key);
    }
    await tx.done;
  }
  db.close();
}

describe('schema and migrations', () => {
  it('creates the current schema on a fresh profile', async () => {
    const factory = new IDBFactory();
    const { db, recovery } = await openWithRecovery(factory);
    expect(recovery).toBeNull();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(
      [
        'clippings',
        'discrepancies',
        'entities',
        'events',
        'meta',
        'quotes',
        'settings',
        'sites',
        'sources',
      ].sort(),
    );
    db.close();
  });

  it('migrates a version 1 database: site map to sites, clippings to the current shape', async () => {
    const factory = new IDBFactory();
    await databaseFrom(factory, v1 as Fixture);
    const { db, recovery } = await openWithRecovery(factory);
    expect(recovery).toBeNull();
    expect(db.version).toBe(DB_VERSION);

    expect(await getSettings(db, DEFAULTS)).toEqual({
      enabled: true,
      quotes: false,
      entities: true,
    });
    expect(await db.get('settings', 'sites')).toBeUndefined();
    expect(await db.get('settings', 'highlightQuotes')).toBeUndefined();
    const sites = await listSiteChoices(db);
    expect(sites.map((s) => [s.host, s.choice])).toEqual([
      ['example.com', 'never'],
      ['www.blick.ch', 'always'],
    ]);

    const clippings = await listClippings(db);
    expect(clippings).toHaveLength(2);
    const lowest = clippings.find((c) => c.quoteId === 'qin-lowest-point')!;
    expect(lowest.id).toBe('v1-1');
    expect(lowest.savedAt).toBe(new Date(1687180000000).toISOString());
    expect(lowest.page).toEqual({
      url: 'https://www.blick.ch/ausland/blinken-china',
      title: 'First visit in five years',
      outlet: 'blick.ch',
      author: null,
      published: null,
    });
    // v1 knew which outlets carried the statement, not what each printed: no wording is
    // credited to them.
    expect(lowest.corpus.map((c) => [c.source, c.text])).toEqual([
      ['blick', null],
      ['dpa', null],
    ]);
    expect(clippings.find((c) => c.quoteId === null)!.page).toBeNull();
    db.close();
  });

  it('reads settings stored before the highlight choices existed, those at their defaults', async () => {
    const factory = new IDBFactory();
    await databaseFrom(factory, v2 as Fixture);
    const { db } = await openWithRecovery(factory);
    const settings = await getSettings(db, DEFAULT_SETTINGS);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, enabled: false, entities: false });
    // What the background sends to every tab passes the protocol's check.
    expect(v.safeParse(Settings, settings).success).toBe(true);
    await setSettings(db, { clickOnly: true, places: false });
    expect(await getSettings(db, DEFAULT_SETTINGS)).toMatchObject({
      enabled: false,
      clickOnly: true,
      places: false,
      allMentions: false,
      countries: false,
    });
    db.close();
  });

  it('migrates a version 2 database and keeps user data through a seed', async () => {
    const factory = new IDBFactory();
    await databaseFrom(factory, v2 as Fixture);
    const service = createKbService(factory, smallKb('new'));
    const { seeded } = await service.ready();
    expect(seeded).toBe(true);
    const db = await service.db();
    expect(await getSettings(db, DEFAULTS)).toEqual({
      enabled: false,
      quotes: true,
      entities: false,
    });
    expect(await getSiteChoice(db, 'www.spiegel.de')).toBe('never');
    const [only] = await listClippings(db);
    expect(only?.text).toBe('We must reverse the downward spiral of Sino-US relations');
    expect(only?.corpus[0]).toMatchObject({ source: 'wire', text: null });
    // The old KB is gone, the new one is in.
    expect(await getEntity(db, 'old-entity')).toBeNull();
    expect((await listEvents(db)).map((e) => e.id)).toEqual(['pompeo', 'balloon', 'talks']);
    service.close();
  });

  it('lists clippings stored in the first version 3 shape in the current one', async () => {
    const factory = new IDBFactory();
    const { db } = await openWithRecovery(factory);
    // As the store held them before clippings cited their page: the corpus outlets in
    // `citations`, the page by address and title only.
    await db.put('clippings', {
      id: 'early',
      text: 'at the lowest point',
      speaker: 'Qin Gang',
      quoteId: 'qin-lowest-point',
      citations: [{ outlet: 'Blick', title: 'First visit', date: '2023-06-19', source: 'blick' }],
      page: { url: 'https://www.blick.ch/a', title: 'A' },
      savedAt: '2026-11-22T22:00:00.000Z',
    } as unknown as Clipping);
    await addClipping(db, clipping('later', '2026-11-23T22:00:00.000Z'));
    const [later, early] = await listClippings(db);
    expect(later?.id).toBe('later');
    expect(early).toEqual({
      id: 'early',
      text: 'at the lowest point',
      speaker: 'Qin Gang',
      quoteId: 'qin-lowest-point',
      page: {
        url: 'https://www.blick.ch/a',
        title: 'A',
        outlet: 'blick.ch',
        author: null,
        published: null,
      },
      corpus: [
        { source: 'blick', outlet: 'Blick', title: 'First visit', date: '2023-06-19', text: null },
      ],
      savedAt: '2026-11-22T22:00:00.000Z',
    });
    db.close();
  });

  it('migrates one version at a time to the same result', async () => {
    const factory = new IDBFactory();
    await databaseFrom(factory, v1 as Fixture);
    const atV2 = await openDatabase(factory, { version: 2 });
    expect(await atV2.get('sites', 'www.blick.ch')).toMatchObject({ choice: 'always' });
    expect(await atV2.get('settings', 'sites')).toBeUndefined();
    // Clippings keep their v1 shape until version 3.
    const [first] = (await atV2.getAll('clippings')) as { id: unknown }[];
    expect(first?.id).toBe(1);
    atV2.close();
    const { db } = await openWithRecovery(factory);
    expect((await listClippings(db)).map((c) => c.id).sort()).toEqual(['v1-1', 'v1-2']);
    expect(await getSettings(db, DEFAULTS)).toEqual({
      enabled: true,
      quotes: false,
      entities: true,
    });
    db.close();
  });

  it('stops at a requested earlier version and refuses unknown ones', async () => {
    const factory = new IDBFactory();
    const db = await openDatabase(factory, { version: 1 });
    expect([...db.objectStoreNames].sort()).toEqual(
      ['clippings', 'entities', 'meta', 'quotes', 'settings'].sort(),
    );
    db.close();
    await expect(openDatabase(factory, { version: DB_VERSION + 1 })).rejects.toThrow(
      /no schema version/,
    );
  });
});

describe('seeding', () => {
  it('seeds once per KB version and never touches user data', async () => {
    const factory = new IDBFactory();
    const { db } = await openWithRecovery(factory);
    expect(await seedKnowledgeBase(db, smallKb('a'))).toBe(true);
    expect(await seedKnowledgeBase(db, smallKb('a'))).toBe(false);
    await setSettings(db, { quotes: false });
    await setSiteChoice(db, 'www.blick.ch', 'always');
    await addClipping(db, clipping('c1', '2023-06-19T10:00:00.000Z'));

    const next = smallKb('b');
    next.entities = next.entities.filter((e) => e.id !== 'antony-blinken');
    expect(await seedKnowledgeBase(db, next)).toBe(true);
    expect(await seededVersion(db)).toBe('b');
    expect(await getEntity(db, 'antony-blinken')).toBeNull();
    expect((await getEntity(db, 'qin-gang'))?.aliases).toEqual(['Chen Gang']);
    expect((await getSettings(db, DEFAULTS)).quotes).toBe(false);
    expect(await getSiteChoice(db, 'www.blick.ch')).toBe('always');
    expect((await listClippings(db)).map((c) => c.id)).toEqual(['c1']);
    db.close();
  });

  it('refuses a KB without a version', async () => {
    const { db } = await openWithRecovery(new IDBFactory());
    const kb = smallKb('x');
    delete kb.version;
    await expect(seedKnowledgeBase(db, kb)).rejects.toThrow(/no version/);
    db.close();
  });
});

describe('queries', () => {
  it('answers by id, by speaker, by entity, and in date order', async () => {
    const service = createKbService(new IDBFactory(), smallKb('q'));
    const db = await service.db();
    expect((await getEntity(db, 'qin-gang'))?.name).toBe('Qin Gang');
    expect(await getEntity(db, 'nobody')).toBeNull();
    expect((await getQuote(db, 'qin-lowest-point'))?.speaker).toBe('qin-gang');
    expect((await quotesBySpeaker(db, 'qin-gang')).map((q) => q.id)).toEqual(['qin-lowest-point']);
    expect(await quotesBySpeaker(db, 'antony-blinken')).toEqual([]);
    expect((await discrepanciesAbout(db, 'antony-blinken')).map((d) => d.id)).toEqual(['length']);
    expect((await listEvents(db)).map((e) => e.date)).toEqual(['2018-10', '2023-02', '2023-06-18']);
    service.close();
  });

  it('assembles entity and quote cards', async () => {
    const service = createKbService(new IDBFactory(), smallKb('c'));
    const db = await service.db();
    const card = await entityCard(db, 'qin-gang');
    expect(card?.entity.name).toBe('Qin Gang');
    expect(card?.quotes.map((q) => q.id)).toEqual(['qin-lowest-point']);
    expect(card?.discrepancies.map((d) => d.id)).toEqual(['length']);
    expect(card?.sources.map((s) => s.id)).toEqual(['blick']);
    expect(card?.timeline.map((e) => e.id)).toEqual(['pompeo', 'balloon', 'talks']);
    expect(await entityCard(db, 'nobody')).toBeNull();
    const quote = await quoteCard(db, 'qin-lowest-point');
    expect(quote?.speaker?.id).toBe('qin-gang');
    expect(quote?.sources.map((s) => s.outlet)).toEqual(['Blick']);
    expect(await quoteCard(db, 'nothing')).toBeNull();
    service.close();
  });

  it('searches names, aliases and quote words, forgiving case, accents and typos', async () => {
    const service = createKbService(new IDBFactory(), smallKb('s'));
    const search = await service.search();
    expect(search.search('qin gang')[0]?.id).toBe('qin-gang');
    expect(search.search('QÍN')[0]?.id).toBe('qin-gang');
    expect(search.search('chen gang')[0]?.id).toBe('qin-gang');
    expect(search.search('Blinkin')[0]?.id).toBe('antony-blinken');
    expect(search.search('lowest pont')[0]).toMatchObject({
      kind: 'quote',
      id: 'qin-lowest-point',
    });
    expect(search.search('')).toEqual([]);
    expect(search.search('zzzzqqq')).toEqual([]);
    service.close();
  });

  it('searches the timeline and the disagreements too, and gives the whole KB to browse', async () => {
    const kb = smallKb('b');
    const service = createKbService(new IDBFactory(), kb);
    const search = await service.search();
    const event = kb.events[0]!;
    expect(search.search(event.title).some((h) => h.kind === 'event' && h.id === event.id)).toBe(
      true,
    );
    const length = kb.discrepancies.find((d) => d.id === 'length')!;
    expect(
      search.search(length.subject).some((h) => h.kind === 'discrepancy' && h.id === 'length'),
    ).toBe(true);
    const whole = await browseKnowledgeBase(await service.db());
    expect(whole.entities.map((e) => e.id).sort()).toEqual(kb.entities.map((e) => e.id).sort());
    expect(whole.quotes).toHaveLength(kb.quotes.length);
    expect(whole.events.map((e) => e.date)).toEqual(['2018-10', '2023-02', '2023-06-18']);
    expect(whole.discrepancies).toHaveLength(kb.discrepancies.length);
    expect(whole.sources).toHaveLength(kb.sources.length);
    service.close();
  });
});

describe('user data', () => {
  it('keeps settings over defaults and ignores values of the wrong type', async () => {
    const { db } = await openWithRecovery(new IDBFactory());
    expect(await getSettings(db, DEFAULTS)).toEqual(DEFAULTS);
    await setSettings(db, { entities: false, quotes: 'yes' });
    expect(await getSettings(db, DEFAULTS)).toEqual({ ...DEFAULTS, entities: false });
    db.close();
  });

  it('sets, lists and removes site choices, refusing bad hosts and choices', async () => {
    const { db } = await openWithRecovery(new IDBFactory());
    await setSiteChoice(db, 'WWW.Blick.ch', 'always', 5);
    await setSiteChoice(db, 'example.com', 'never', 6);
    expect(await getSiteChoice(db, 'www.blick.ch')).toBe('always');
    expect((await listSiteChoices(db)).map((s) => s.host)).toEqual(['example.com', 'www.blick.ch']);
    await removeSiteChoice(db, 'example.com');
    expect(await getSiteChoice(db, 'example.com')).toBeNull();
    await expect(setSiteChoice(db, 'a b', 'always')).rejects.toThrow(/host/);
    await expect(setSiteChoice(db, 'ok.example', 'maybe' as 'always')).rejects.toThrow(/choice/);
    db.close();
  });

  it('adds, lists newest first, removes and replaces clippings; a bad import loses nothing', async () => {
    const { db } = await openWithRecovery(new IDBFactory());
    await addClipping(db, clipping('old', '2023-06-18T10:00:00.000Z'));
    await addClipping(db, clipping('new', '2023-06-20T10:00:00.000Z'));
    expect((await listClippings(db)).map((c) => c.id)).toEqual(['new', 'old']);
    await removeClipping(db, 'old');
    expect((await listClippings(db)).map((c) => c.id)).toEqual(['new']);
    const bad = { ...clipping('bad', 'yesterday') };
    await expect(
      replaceClippings(db, [clipping('x', '2023-06-21T00:00:00.000Z'), bad]),
    ).rejects.toThrow(/savedAt/);
    expect((await listClippings(db)).map((c) => c.id)).toEqual(['new']);
    await replaceClippings(db, [clipping('x', '2023-06-21T00:00:00.000Z')]);
    expect((await listClippings(db)).map((c) => c.id)).toEqual(['x']);
    await expect(
      addClipping(db, { ...clipping('y', '2023-06-21T00:00:00.000Z'), text: ' ' }),
    ).rejects.toThrow();
    db.close();
  });
});

describe('recovery', () => {
  it('rebuilds a database from a newer unknown version, backing up and restoring clippings', async () => {
    const factory = new IDBFactory();
    const future = factory.open('bilateral', DB_VERSION + 5);
    future.onupgradeneeded = () => {
      const store = future.result.createObjectStore('clippings', { keyPath: 'id' });
      store.put(clipping('kept', '2023-06-19T08:00:00.000Z'));
      store.put({ id: 'junk', nothing: true });
    };
    await new Promise((resolve) => (future.onsuccess = resolve));
    future.result.close();

    const { db, recovery } = await openWithRecovery(factory);
    expect(recovery).toMatchObject({ restored: 1, unreadable: 1 });
    expect(recovery?.reason).toMatch(/VersionError/);
    expect(db.version).toBe(DB_VERSION);
    expect((await listClippings(db)).map((c) => c.id)).toEqual(['kept']);
    const backups = await listBackups(factory);
    expect(backups).toHaveLength(1);
    expect(backups[0]?.clippings).toHaveLength(2);
    db.close();
  });

  it('rebuilds a database at the current version that lacks stores', async () => {
    const factory = new IDBFactory();
    const half = factory.open('bilateral', DB_VERSION);
    half.onupgradeneeded = () => {
      half.result
        .createObjectStore('clippings', { keyPath: 'id' })
        .put(clipping('c', '2023-06-19T08:00:00.000Z'));
    };
    await new Promise((resolve) => (half.onsuccess = resolve));
    half.result.close();
    const service = createKbService(factory, smallKb('r'));
    const { recovery, seeded } = await service.ready();
    expect(recovery?.reason).toMatch(/stores missing/);
    expect(seeded).toBe(true);
    const db = await service.db();
    expect((await listClippings(db)).map((c) => c.id)).toEqual(['c']);
    expect((await getEntity(db, 'qin-gang'))?.name).toBe('Qin Gang');
    service.close();
  });

  it('puts back settings and site choices, from the old shapes too', async () => {
    const factory = new IDBFactory();
    const broken = factory.open('bilateral', DB_VERSION + 1);
    broken.onupgradeneeded = () => {
      const settings = broken.result.createObjectStore('settings');
      settings.put(false, 'highlightQuotes');
      settings.put(false, 'enabled');
      settings.put({ 'old.example': 'never', 'bad host': 'never' }, 'sites');
      const sites = broken.result.createObjectStore('sites', { keyPath: 'host' });
      sites.put({ host: 'www.blick.ch', choice: 'always', updatedAt: 7 });
      sites.put({ host: 'odd.example', choice: 'sometimes', updatedAt: 7 });
      const clippings = broken.result.createObjectStore('clippings', { keyPath: 'id' });
      clippings.put({ id: 'not-a-clipping', text: 'no savedAt' });
    };
    await new Promise((resolve) => (broken.onsuccess = resolve));
    broken.result.close();

    const { db, recovery } = await openWithRecovery(factory);
    expect(recovery).toMatchObject({ restored: 0, unreadable: 1, settings: 2, sites: 2 });
    expect(await getSettings(db, DEFAULTS)).toEqual({
      enabled: false,
      quotes: false,
      entities: true,
    });
    expect((await listSiteChoices(db)).map((x) => [x.host, x.choice])).toEqual([
      ['old.example', 'never'],
      ['www.blick.ch', 'always'],
    ]);
    const [backup] = await listBackups(factory);
    expect(backup?.settings).toHaveLength(3);
    expect(backup?.sites).toHaveLength(2);
    db.close();
  });

  it('comes back seeded after the database was deleted under it', async () => {
    const factory = new IDBFactory();
    const service = createKbService(factory, smallKb('d'));
    await service.ready();
    await new Promise<void>((resolve, reject) => {
      const request = factory.deleteDatabase('bilateral');
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    const db = await service.db();
    expect((await getEntity(db, 'qin-gang'))?.name).toBe('Qin Gang');
    service.close();
  });
});
