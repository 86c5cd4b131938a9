import { describe, expect, it } from 'vitest';
import { buildKnowledgeBase, toContract } from '../../lib/kb/build';
import { KbBuildError } from '../../lib/kb/curated';
import { createSearch } from '../../lib/kb/search';
import { dropNoise } from '../../lib/extract/noise';
import { completeDocument } from '../../lib/annotate/document';
import { attributeQuotes, speakerOf } from '../../lib/attribution';
import { readText } from '../../lib/doc/text';
import { phraseKey as aliasKey } from '../../lib/doc/tokens';
import { findMentions, knownEntities } from '../../lib/match/aliases';
import { loadCorpus } from './kb-corpus';

const corpus = loadCorpus();
const { kb, matcher, report } = buildKnowledgeBase(corpus);
const textOf = (sourceId: string) => {
  const file = kb.sources.find((s) => s.id === sourceId)?.file ?? '';
  return corpus.articles[file] ?? '';
};
/** The one quote holding a wording that matches `pattern`; fails when none or several do. */
const quoteWith = (pattern: RegExp, source?: string) => {
  const found = kb.quotes.filter((q) =>
    q.variants.some((v) => pattern.test(v.text) && (!source || v.source === source)),
  );
  expect(found.map((q) => q.id)).toHaveLength(1);
  return found[0]!;
};
const sourcesOf = (quote: { variants: { source: string }[] }) =>
  new Set(quote.variants.map((v) => v.source));

describe('the built knowledge base', () => {
  it('derives Qin Gang’s "lowest point" statement as one quote carried by four sources', () => {
    const lowest = quoteWith(/lowest point/);
    expect(lowest.speaker).toBe('qin-gang');
    expect(sourcesOf(lowest)).toEqual(new Set(['blick', 'dpa', 'fr-daily', 'wire']));
    expect(lowest.date).toBe('2023-06-18');
    // How the first source got it, in its own words; a channel naming the speaker is none.
    expect(lowest.occasion).toBe('According to state broadcaster CCTV');
    expect(quoteWith(/importance of diplomacy/, 'blick').occasion).toBeUndefined();
    // No curated hint shaped it: the scan, attribution and clustering found it alone.
    expect(report.applied.map((h) => h.id).join(' ')).not.toMatch(/lowest/);
  });

  it('gathers the Taiwan "core interests" statements per speaker', () => {
    const qin = quoteWith(/heart of China’s core interests/);
    expect(qin.speaker).toBe('qin-gang');
    expect(sourcesOf(qin)).toEqual(new Set(['blick', 'fr-daily', 'bloomberg']));
    const texts = qin.variants.map((v) => v.text);
    expect(texts).toContain('Taiwan issue touches the core of China’s core interests');
    expect(texts).toContain('core core interests');
    expect(texts).toContain('most prominent danger');
    // Wang Yi's "core interests" the next day is his own statement, with "no compromise".
    const wang = quoteWith(/no room for compromise/);
    expect(wang.speaker).toBe('wang-yi');
    expect(wang.variants).toContainEqual({ source: 'wire', text: 'core interests' });
    expect(wang.variants).toContainEqual({ source: 'bloomberg', text: 'compromise' });
  });

  it('attributes Wang Yi’s "downward spiral", Danny Russell’s comment and Xi’s "very good"', () => {
    const spiral = quoteWith(/downward spiral/);
    expect([spiral.speaker, spiral.date]).toEqual(['wang-yi', '2023-06-19']);
    const russell = quoteWith(/will not resolve any of the major issues/);
    expect([russell.speaker, [...sourcesOf(russell)]]).toEqual(['danny-russell', ['fr-daily']]);
    const good = quoteWith(/^very good$/);
    expect(good.speaker).toBe('xi-jinping');
    // The first half of the remark, which Bloomberg reports without quote marks, joins it.
    expect(good.variants.map((v) => v.text)).toEqual([
      'very good',
      'The two sides also made progress and reached agreements on some specific issues.',
      'This is very good,',
    ]);
    // Unnamed speakers as the source puts them; "the official added" is the one introduced before.
    const official = 'A senior State Department official';
    expect(quoteWith(/deep differences/).speakerName).toBe(official);
    const deliverables = quoteWith(/long list of deliverables/);
    expect([deliverables.speakerName, deliverables.date]).toEqual([official, '2023-06']);
    expect(quoteWith(/looking to reduce tensions/).variants.map((v) => v.text)).toEqual([
      'several fronts,',
      'looking to reduce tensions,',
    ]);
    const biden = quoteWith(/Over the next few months/);
    expect([biden.speaker, biden.date, [...sourcesOf(biden)]]).toEqual([
      'joe-biden',
      '2023-06-17',
      ['fr-daily', 'bloomberg'],
    ]);
  });

  it('never mixes two speakers in one quote', () => {
    // Attribute every quotation again with the same lib code and the curated corrections; one
    // wording may occur twice in a source ("productive"), so each keeps the speakers of both.
    const said = new Map<string, Set<string>>();
    const note = (key: string, who: string) => said.set(key, (said.get(key) ?? new Set()).add(who));
    // One wording may be corrected twice, once per occurrence ("productive" in Bloomberg).
    const corrected = new Map<string, (typeof report.corrections)[number][]>();
    for (const c of report.corrections) {
      const key = `${c.source} ${c.text}`;
      corrected.set(key, [...(corrected.get(key) ?? []), c]);
    }
    for (const source of kb.sources) {
      const body = dropNoise(textOf(source.id))
        .kept.map((p) => p.text)
        .join('\n\n');
      const doc = completeDocument(readText(body), matcher);
      const spans = doc.quotes;
      attributeQuotes(doc).forEach((a, i) => {
        const speaker =
          speakerOf(doc, a) ?? (a.unnamed ? { name: a.unnamed, entityId: null } : null);
        const key = `${source.id} ${spans[i]!.text}`;
        // The build names an unnamed speaker with a capital, as a sentence would start.
        const name = speaker?.name
          ? speaker.name[0]!.toUpperCase() + speaker.name.slice(1)
          : undefined;
        const who = speaker?.entityId ?? name;
        const fixes = (corrected.get(key) ?? []).filter(
          (fix) => fix.found.replace(/"/g, '') === (who ?? 'nobody'),
        );
        for (const fix of fixes) note(key, fix.now.replace(/"/g, ''));
        if (fixes.length === 0 && who) note(key, who);
      });
    }
    let checked = 0;
    for (const q of kb.quotes) {
      const speaker = q.speaker ?? q.speakerName;
      for (const v of q.variants) {
        const who = said.get(`${v.source} ${v.text}`);
        if (!who) continue;
        expect([q.id, v.text, who.has(speaker!)]).toEqual([q.id, v.text, true]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('keeps every wording exactly as its source has it', () => {
    for (const q of kb.quotes) {
      expect(q.variants.length).toBeGreaterThan(0);
      for (const v of q.variants)
        expect([q.id, textOf(v.source).includes(v.text)]).toEqual([q.id, true]);
      if (q.speaker) expect(kb.entities.some((e) => e.id === q.speaker)).toBe(true);
    }
  });

  it('derives most quotes from the scan alone and uses every curated hint', () => {
    const found = report.sources.reduce((n, s) => n + s.quotesFound, 0);
    const taken = report.sources.reduce((n, s) => n + s.taken, 0);
    expect(found).toBeGreaterThan(60);
    expect(taken).toBeGreaterThan(found * 0.85);
    expect(report.derived + report.hinted).toBe(kb.quotes.length);
    // At least two thirds of the statements come from the scan and attribution alone.
    expect(report.derived / kb.quotes.length).toBeGreaterThanOrEqual(2 / 3);
    expect(report.unused).toEqual([]);
    // Scare quotes nobody said ("spy" balloon, "one China policy") are terms, not quotes.
    const all = kb.quotes.flatMap((q) => q.variants.map((v) => v.text));
    expect(all).not.toContain('spy');
    expect(all).not.toContain('one China policy');
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
    const blingen = findMentions(readText('The meeting between Blingen and Wang Yi'), matcher);
    expect(blingen.map((m) => m.entityId)).toContain('antony-blinken');
  });

  it('counts events and ideas by the names the corpus gives them, and the names inside them', () => {
    const mentions = (id: string) => kb.entities.find((e) => e.id === id)!.mentions;
    expect(Object.keys(mentions('spy-balloon-incident')).sort()).toEqual([
      'blick',
      'bloomberg',
      'dpa',
      'fr-daily',
      'wire',
    ]);
    // "then-US House Speaker Nancy Pelosi’s visit to Taiwan": the visit, and Pelosi.
    expect(mentions('pelosi-taiwan-visit-2022')).toEqual({ dpa: 1, wire: 1 });
    expect(mentions('nancy-pelosi')).toMatchObject({ dpa: 1, wire: 1 });
    expect(mentions('bali-g20-summit-2022')).toEqual({ 'fr-daily': 1, wire: 1 });
    expect(mentions('shangri-la-dialogue-2023')).toEqual({ dpa: 1 });
    expect(mentions('one-china-policy')).toEqual({ dpa: 2 });
    expect(mentions('xi-blinken-meeting-2023')).toMatchObject({ dpa: 1, bloomberg: 1 });
    const silent = kb.entities.filter(
      (e) => (e.type === 'event' || e.type === 'concept') && !Object.keys(e.mentions).length,
    );
    // Gates's visit is told, never named.
    expect(silent.map((e) => e.id)).toEqual(['xi-gates-meeting-2023']);
    expect(Object.keys(mentions('apec-summit-san-francisco-2023')).length).toBeGreaterThan(0);
  });

  it('resolves "Chen Gang" to Qin Gang and every alias to one entity in the matcher', () => {
    expect(matcher.aliases[aliasKey('Chen Gang')]?.ids).toEqual(['qin-gang']);
    for (const [key, entry] of Object.entries(matcher.aliases)) {
      expect([key, entry.ids.length]).toEqual([key, 1]);
    }
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
    expect(lowest).toContain(quoteWith(/lowest point/).id);
    expect(search.search('downward spirall')[0]).toMatchObject({
      kind: 'quote',
      id: quoteWith(/downward spiral/).id,
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

  it('reports hints the derivation does not need, and refuses a merge of two speakers', () => {
    const needless = corpus.quotes.replace(
      'merges:\n',
      `merges:
  - id: lowest-point-again
    wordings:
      - { source: dpa, quote: at its lowest point }
      - { source: wire, quote: the lowest point }
    reason: The same statement, which the clustering finds without help.
`,
    );
    const { report: rep } = buildKnowledgeBase({ ...corpus, quotes: needless });
    expect(rep.unused).toEqual([
      { id: 'lowest-point-again', kind: 'merge', why: 'derived as one quote already' },
    ]);
    const agreeing = corpus.quotes.replace(
      'corrections:\n',
      `corrections:
  - id: russell-is-russell
    source: fr-daily
    quote: Mr. Blinken’s brief visit will not resolve any of the major issues in US-China relations.
    speaker: danny-russell
    reason: Attribution finds him already ("says Mr. Russell"), so this correction is unused.
`,
    );
    expect(buildKnowledgeBase({ ...corpus, quotes: agreeing }).report.unused).toEqual([
      { id: 'russell-is-russell', kind: 'correction', why: 'attribution already agrees' },
    ]);
    const mixed = corpus.quotes.replace(
      'merges:\n',
      `merges:
  - id: two-speakers
    wordings:
      - { source: wire, quote: core interests, context: One of China’s “core interests” }
      - { source: bloomberg, quote: core core interests }
    reason: Wang Yi's and Qin Gang's words, wrongly given as one statement here.
`,
    );
    expect(() => buildKnowledgeBase({ ...corpus, quotes: mixed })).toThrow(
      /merges two-speakers: would make one quote of different speakers or dates/,
    );
  });

  it('refuses broken curated data before deriving anything', () => {
    expect(() =>
      buildKnowledgeBase({
        ...corpus,
        quotes: corpus.quotes.replace('quote: some users called', 'quote: some readers called'),
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
    quotes: 'corrections: []\n',
    equivalences: 'english: {}\ngerman: {}\nfrench: {}\nchinese: {}\n',
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
    expect(rep.derived).toBe(built.quotes.length);
    const wang = built.entities.find((e) => e.id === 'wang-yi')!;
    expect(wang.mentions).toEqual({ a: 1, b: 2 });
  });
});

describe('the knowledge base in the languages of its readers', () => {
  const ids = (text: string) => [
    ...new Set(findMentions(readText(text), matcher).map((m) => m.entityId)),
  ];

  it('knows German, French and Chinese names of its people, places and ideas', () => {
    expect(
      ids('Außenminister Blinken reiste nach Peking; die Vereinigten Staaten und China'),
    ).toEqual(['antony-blinken', 'beijing', 'united-states', 'china']);
    expect(ids('À Pékin, le département d’État a évoqué les relations sino-américaines')).toEqual([
      'beijing',
      'us-state-department',
      'us-china-relations',
    ]);
    expect(ids('国家主席习近平在旧金山会见美国总统拜登，双方谈到台湾问题和中美关系。')).toEqual([
      'xi-jinping',
      'san-francisco',
      'united-states',
      'joe-biden',
      'taiwan-question',
      'taiwan',
      'us-china-relations',
    ]);
  });

  it('resolves a speaker named in Chinese to the canonical person', () => {
    const known = knownEntities(matcher);
    expect(known.resolve(aliasKey('王毅'))).toBe('wang-yi');
    expect(known.resolve(aliasKey('布林肯'))).toBe('antony-blinken');
  });
});
