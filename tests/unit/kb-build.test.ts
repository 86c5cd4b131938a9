import { describe, expect, it } from 'vitest';
import { asTopicLexicon, TOPIC_LEXICON } from '../../lib/classify/topic';
import { buildKnowledgeBase, toContract } from '../../lib/kb/build';
import { KbBuildError } from '../../lib/kb/curated';
import { createSearch } from '../../lib/kb/search';
import { findMentions } from '../../lib/match/aliases';
import { aliasKey } from '../../lib/match/normalize';
import { loadCorpus } from './kb-corpus';

const corpus = loadCorpus();
const { kb, matcher, report } = buildKnowledgeBase(corpus);
const textOf = (sourceId: string) => {
  const file = kb.sources.find((s) => s.id === sourceId)?.file ?? '';
  return corpus.articles[file] ?? '';
};
const sourcesOf = (quoteId: string) =>
  new Set(kb.quotes.find((q) => q.id === quoteId)?.variants.map((v) => v.source));

describe('the built knowledge base', () => {
  it('gathers Qin Gang’s "lowest point" statement from four sources into one quote', () => {
    const lowest = kb.quotes.filter((q) =>
      q.variants.some((v) => /lowest point/.test(v.text) && q.speaker === 'qin-gang'),
    );
    expect(lowest.map((q) => q.id)).toEqual(['qin-lowest-point']);
    expect(sourcesOf('qin-lowest-point').size).toBeGreaterThanOrEqual(4);
    expect(lowest[0]?.date).toBe('2023-06-18');
  });

  it('keeps every wording exactly as its source has it', () => {
    for (const q of kb.quotes) {
      expect(q.variants.length).toBeGreaterThan(0);
      for (const v of q.variants)
        expect([q.id, textOf(v.source).includes(v.text)]).toEqual([q.id, true]);
      if (q.speaker) expect(kb.entities.some((e) => e.id === q.speaker)).toBe(true);
    }
  });

  it('finds quotations with the scanner and attributes the ones no curator touched', () => {
    const found = report.sources.reduce((n, s) => n + s.quotesFound, 0);
    const matched = report.sources.reduce((n, s) => n + s.matchedCurated, 0);
    expect(found).toBeGreaterThan(40);
    expect(matched).toBeGreaterThan(30);
    // Most curated wordings carry quote marks and were found by the scan, not only curated.
    const curatedWordings = kb.quotes.flatMap((q) => q.variants).length;
    expect(report.curatedOnly.length).toBeLessThan(curatedWordings / 3);
  });

  it('drops the republishers’ noise before counting', () => {
    const blick = report.sources.find((s) => s.source === 'blick')!;
    const dropped = blick.dropped.map((d) => d.text);
    expect(dropped).toContain('Blick_Portrait_522.JPG');
    expect(dropped.some((t) => t.startsWith('I am Amelia James'))).toBe(true);
    const fr = report.sources.find((s) => s.source === 'fr-daily')!;
    expect(fr.dropped.filter((d) => d.kind === 'ad')).toHaveLength(4);
    // "Anthony Blinken" in fr-daily's "Also read> 10 things to know about Anthony Blinken" spam
    // is not counted; the two in the article are.
    const blinken = kb.entities.find((e) => e.id === 'antony-blinken')!;
    expect(blinken.mentions['fr-daily']).toBeGreaterThan(3);
  });

  it('counts mentions per source, misspellings included', () => {
    const byId = new Map(kb.entities.map((e) => [e.id, e]));
    const qin = byId.get('qin-gang')!;
    expect(Object.keys(qin.mentions).sort()).toEqual([
      'blick',
      'bloomberg',
      'dpa',
      'fr-daily',
      'wire',
    ]);
    const blinken = byId.get('antony-blinken')!;
    for (const s of kb.sources) expect(blinken.mentions[s.id]).toBeGreaterThan(2);
    // "Blingen" appears in the wire report only.
    const blingen = findMentions('The meeting between Blingen and Wang Yi', matcher);
    expect(blingen.map((m) => m.entityId)).toContain('antony-blinken');
  });

  it('resolves "Chen Gang" to Qin Gang and every alias to one entity in the matcher', () => {
    expect(matcher.aliases[aliasKey('Chen Gang')]?.ids).toEqual(['qin-gang']);
    for (const [key, entry] of Object.entries(matcher.aliases)) {
      expect([key, entry.ids.length]).toEqual([key, 1]);
    }
  });

  it('ships the topic lexicon in the matcher index', () => {
    expect(asTopicLexicon(JSON.parse(JSON.stringify(matcher)).topic)).toEqual(TOPIC_LEXICON);
  });

  it('records the length of the Sunday talks as a disagreement', () => {
    const length = kb.discrepancies.find((d) => d.id === 'sunday-talks-length');
    expect(length?.claims.map((c) => c.value)).toEqual([
      'Seven and a half hours',
      'More than five hours',
    ]);
    expect(length?.claims[1]?.excerpts).toEqual([
      { source: 'wire', text: 'which lasted more than five hours' },
    ]);
  });

  it('finds entities and quotes by name, alias, misspelling and quote words', () => {
    const search = createSearch(kb.entities, kb.quotes);
    const first = (q: string) => search.search(q)[0];
    expect(first('Blingen')?.id).toBe('antony-blinken');
    expect(first('antony blinkn')?.id).toBe('antony-blinken');
    expect(first('CHEN GANG')?.id).toBe('qin-gang');
    expect(first('Qin Gnag')?.id).toBe('qin-gang');
    expect(first('Diaoyutái')?.id).toBe('diaoyutai-state-guesthouse');
    expect(first('pelosi taiwan')?.id).toBe('pelosi-taiwan-visit-2022');
    expect(first('pelosi')?.id).toBe('nancy-pelosi');
    const lowest = search.search('lowest point diplomatic relations').map((h) => h.id);
    expect(lowest).toContain('qin-lowest-point');
    expect(search.search('downward spirall')[0]).toMatchObject({
      kind: 'quote',
      id: 'wang-downward-spiral',
      detail: 'wang-yi',
    });
  });

  it('orders the timeline by date', () => {
    const dates = kb.events.map((e) => e.date);
    expect([...dates].sort()).toEqual(dates);
    expect(kb.events[0]?.date).toBe('1949');
    expect(kb.events.at(-1)?.id).toBe('apec-san-francisco-planned');
  });

  it('prints exactly the contract shape', () => {
    const printed = toContract(kb);
    expect(Object.keys(printed)).toEqual([
      'sources',
      'entities',
      'quotes',
      'events',
      'discrepancies',
    ]);
    expect(Object.keys(printed.sources[0]!)).toEqual([
      'id',
      'outlet',
      'title',
      'date',
      'language',
      'file',
    ]);
    expect(Object.keys(printed.entities[0]!)).toEqual([
      'id',
      'name',
      'type',
      'aliases',
      'role',
      'description',
      'facts',
      'mentions',
    ]);
    expect(Object.keys(printed.quotes[0]!)).toEqual(['id', 'speaker', 'date', 'variants']);
    expect(Object.keys(printed.events[0]!)).toEqual(['id', 'date', 'title', 'sources']);
    expect(Object.keys(printed.discrepancies[0]!)).toEqual(['id', 'subject', 'claims']);
  });

  it('is deterministic and versioned by content', () => {
    const again = buildKnowledgeBase(corpus).kb;
    expect(again.version).toBe(kb.version);
    expect(JSON.stringify(again)).toBe(JSON.stringify(kb));
    const changed = buildKnowledgeBase({
      ...corpus,
      entities: corpus.entities.replace('role: Former US Secretary of State', 'role: US diplomat'),
    }).kb;
    expect(changed.version).not.toBe(kb.version);
  });

  it('refuses broken curated data before deriving anything', () => {
    expect(() =>
      buildKnowledgeBase({
        ...corpus,
        quotes: corpus.quotes.replace('dpa: at its lowest point', 'dpa: at its very lowest point'),
      }),
    ).toThrow(KbBuildError);
  });
});

describe('derivation without curated quotes', () => {
  const entities = `entities:
  - id: wang-yi
    name: Wang Yi
    type: person
    aliases: []
    ambiguousAliases: [Wang]
    role: China's top diplomat
    description: Test entity.
    facts:
      - text: Met Blinken.
        sources: [a]
  - id: antony-blinken
    name: Antony Blinken
    type: person
    aliases: [Blinken]
    role: US Secretary of State
    description: Test entity.
    facts:
      - text: Met Wang.
        sources: [a, b]
`;
  const source = (id: string, file: string) => ({
    id,
    outlet: id.toUpperCase(),
    title: `Report ${id}`,
    date: id === 'a' ? '2023-06-19' : '2023-06-20',
    language: 'en',
    file,
  });
  const input = {
    sources: JSON.stringify({ sources: [source('a', 'a.txt'), source('b', 'b.txt')] }),
    entities,
    events: 'events: []\n',
    discrepancies: 'discrepancies: []\n',
    quotes: 'quotes: []\n',
    articles: {
      'a.txt':
        'Talks in Beijing\n\n“We must reverse the downward spiral of relations and find the right way to co-exist,” Wang Yi said on Monday after meeting Blinken.\n\nSee also  “A headline about something else entirely that is quoted here”\n\nLeave a Reply\n\n“A comment someone wrote below the article,” said a reader.',
      'b.txt':
        'Wang Yi meets Blinken\n\nWang Yi told Blinken on Monday: “We must reverse the downward spiral of the relations and find the right way to co-exist.”\n\nBlinken said the talks were “candid and constructive”.',
    },
  };

  it('finds each quotation with its speaker and gathers the two wordings into one quote', () => {
    const { kb: built, report: rep } = buildKnowledgeBase(input);
    const spiral = built.quotes.filter((q) =>
      q.variants.some((v) => /downward spiral/.test(v.text)),
    );
    expect(spiral).toHaveLength(1);
    expect(spiral[0]?.speaker).toBe('wang-yi');
    expect(spiral[0]?.date).toBe('2023-06-19');
    expect(spiral[0]?.variants.map((v) => v.source)).toEqual(['a', 'b']);
    expect(spiral[0]?.variants[1]?.text).toBe(
      'We must reverse the downward spiral of the relations and find the right way to co-exist.',
    );
    // Noise and the footer are not the article: their quotations are not taken.
    const all = built.quotes.flatMap((q) => q.variants.map((v) => v.text)).join(' | ');
    expect(all).not.toMatch(/headline|comment someone/);
    expect(rep.autoQuotes).toBe(built.quotes.length);
    const wang = built.entities.find((e) => e.id === 'wang-yi')!;
    expect(wang.mentions).toEqual({ a: 1, b: 2 });
  });
});
