import { describe, expect, it } from 'vitest';
import { browseKb, BROWSE_KINDS } from '../../lib/kb/browse';
import { buildKnowledgeBase } from '../../lib/kb/build';
import { createSearch, expandQuery } from '../../lib/kb/search';
import { loadCorpus } from './kb-corpus';

const { kb } = buildKnowledgeBase(loadCorpus());
const search = createSearch(kb);

describe('the knowledge base to read whole', () => {
  const browse = browseKb(kb);

  it('lists every entity once, under its kind, A to Z', () => {
    const listed = BROWSE_KINDS.flatMap((kind) => browse.kinds[kind].map((row) => row.id));
    expect([...listed].sort()).toEqual(kb.entities.map((e) => e.id).sort());
    for (const kind of BROWSE_KINDS) {
      const names = browse.kinds[kind].map((row) => row.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
      for (const row of browse.kinds[kind]) {
        expect(kb.entities.find((e) => e.id === row.id)?.type).toBe(kind);
      }
    }
    expect(browse.kinds.person.map((r) => r.name)).toContain('Antony Blinken');
  });

  it('keeps the whole timeline in date order, each entry with its entity and sources’ words', () => {
    expect(browse.timeline.map((r) => r.id)).toEqual(
      [...kb.events]
        .sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id))
        .map((e) => e.id),
    );
    const split = browse.timeline[0]!;
    expect(split).toMatchObject({ date: '1949', entity: { id: 'china-taiwan-split-1949' } });
    expect(split.involves.map((r) => r.id)).toEqual(['china', 'taiwan']);
    expect(split.excerpts[0]).toEqual({
      text: 'Since the split between China and Taiwan in 1949',
      source: { id: 'blick', outlet: 'Blick', date: '2023-06-19' },
    });
  });

  it('lists every disagreement, those of substance first, errors marked claim by claim', () => {
    expect(browse.disagreements).toHaveLength(kb.discrepancies.length);
    const firstError = browse.disagreements.findIndex((d) => !d.substance);
    expect(firstError).toBeGreaterThan(0);
    expect(browse.disagreements.slice(firstError).every((d) => !d.substance)).toBe(true);
    const length = browse.disagreements.find((d) => d.id === 'sunday-talks-length')!;
    expect(length.substance).toBe(true);
    expect(length.claims.map((c) => [c.value, c.sources.map((s) => s.outlet).length])).toEqual([
      ['Seven and a half hours', 3],
      ['More than five hours', 1],
    ]);
    expect(length.about[0]?.id).toBe('qin-blinken-talks-2023');
    const errors = browse.disagreements.flatMap((d) => d.claims).filter((c) => c.error);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('lists every statement with every wording and its outlet, earliest first', () => {
    expect(browse.statements).toHaveLength(kb.quotes.length);
    const dates = browse.statements.map((s) => s.date);
    expect(dates).toEqual([...dates].sort());
    for (const statement of browse.statements) {
      const quote = kb.quotes.find((q) => q.id === statement.id)!;
      expect(statement.wordings.map((w) => w.text).sort()).toEqual(
        quote.variants.map((v) => v.text).sort(),
      );
      for (const w of statement.wordings) {
        expect(kb.sources.map((source) => source.outlet)).toContain(w.source.outlet);
      }
    }
    const spiral = browse.statements.find((s) =>
      s.wordings.some((w) => /downward spiral/.test(w.text)),
    )!;
    expect(spiral.speaker).toBe('Wang Yi');
    expect(spiral.speakerId).toBe('wang-yi');
  });
});

describe('search over names, aliases, facts, quotes, the timeline and disagreements', () => {
  it('finds what the KB says about tariffs, in each UI language’s word, with the words', () => {
    for (const query of ['tariff', 'Tariffs', 'Zölle', 'droits de douane', '关税']) {
      const hits = search.search(query);
      expect(
        hits.map((h) => h.id),
        query,
      ).toContain('us-china-relations');
      expect(
        hits.map((h) => h.id),
        query,
      ).toContain('chip-export-controls');
    }
    const relations = search.search('tariff').find((h) => h.id === 'us-china-relations')!;
    expect(relations.snippet).toMatch(/trade/);
    expect(relations.card).toEqual({ kind: 'entity', id: 'us-china-relations' });
    // Found by its name ("export controls"), it still says what it has to do with the query.
    const controls = search.search('tariff').find((h) => h.id === 'chip-export-controls')!;
    expect(controls.snippet).toMatch(/export controls/);
    // A name the reader typed needs no snippet.
    expect(search.search('Antony Blinken')[0]).toMatchObject({
      id: 'antony-blinken',
      snippet: null,
    });
  });

  it('reads a reader’s word as the corpus’s, exactly, beside the word itself', () => {
    expect(expandQuery('tariff china')).toEqual({
      combineWith: 'AND',
      queries: [
        {
          combineWith: 'OR',
          queries: ['tariff', { combineWith: 'OR', fuzzy: false, queries: ['trade', 'export'] }],
        },
        'china',
      ],
    });
  });

  it('finds facts, descriptions, timeline entries and disagreements, each opening a card', () => {
    const sanctions = search.search('sanctions');
    expect(sanctions.map((h) => h.id)).toContain('li-shangfu');
    expect(sanctions.find((h) => h.id === 'li-shangfu')?.snippet).toMatch(/sanctions/i);
    const hours = search.search('seven and a half hours');
    const talks = hours.find((h) => h.kind === 'discrepancy')!;
    expect(talks).toMatchObject({
      id: 'sunday-talks-length',
      card: { kind: 'entity', id: 'qin-blinken-talks-2023' },
    });
    const split = search.search('split 1949').find((h) => h.kind === 'event')!;
    expect(split).toMatchObject({
      detail: '1949',
      card: { kind: 'entity', id: 'china-taiwan-split-1949' },
    });
    const quote = search.search('downward spiral').find((h) => h.kind === 'quote')!;
    expect(quote.card).toEqual({ kind: 'quote', id: quote.id });
  });

  it('puts what the query names before what merely mentions it', () => {
    expect(search.search('pelosi')[0]?.id).toBe('nancy-pelosi');
    expect(search.search('Blingen')[0]?.id).toBe('antony-blinken');
  });
});
