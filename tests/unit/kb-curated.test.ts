import { describe, expect, it } from 'vitest';
import { isIsoDate, KbBuildError, readCurated, type CorpusInput } from '../../lib/kb/curated';
import { aliasKey } from '../../lib/kb/normalize';
import { readDocument } from '../../lib/annotate/document';
import { aliasEntry } from '../../lib/match/aliases';
import { buildMatcherIndex } from '../../lib/match/matcher';
import { loadCorpus } from './kb-corpus';

const corpus = loadCorpus();
const curated = readCurated(corpus);
/** The matcher index the content script gets, over the curated entities alone. */
const matcherOf = () =>
  buildMatcherIndex({
    sources: curated.sources,
    entities: curated.entities.map((e) => ({ ...e, mentions: {} })),
    quotes: [],
    events: [],
    discrepancies: [],
  });

/** One edit to a corpus file; throws when `from` is not there, so no test passes vacuously. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture edit: "${from}" is not in the file`);
  return text.replace(from, to);
}

/** Runs the reader on the corpus with one file changed and returns the problems it reports. */
function problemsWith(change: Partial<CorpusInput>): string[] {
  try {
    readCurated({ ...corpus, ...change });
  } catch (error) {
    if (error instanceof KbBuildError) {
      return error.problems.map((p) => `${p.file}: ${p.entry}: ${p.message}`);
    }
    throw error;
  }
  return [];
}

describe('the curated data (lint)', () => {
  it('has well over forty entities of every type', () => {
    expect(curated.entities.length).toBeGreaterThan(40);
    const types = new Set(curated.entities.map((e) => e.type));
    expect([...types].sort()).toEqual(['concept', 'event', 'organization', 'person', 'place']);
  });

  it('has unique ids in every collection', () => {
    for (const list of [
      curated.sources,
      curated.entities,
      curated.events,
      curated.discrepancies,
      [
        ...curated.quotes.corrections,
        ...curated.quotes.unquoted,
        ...curated.quotes.merges,
        ...curated.quotes.splits,
      ],
    ]) {
      const ids = list.map((x) => x.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('resolves every name and alias to exactly one entity', () => {
    const owners = new Map<string, Set<string>>();
    for (const e of curated.entities) {
      for (const alias of [e.name, ...e.aliases, ...e.ambiguousAliases]) {
        const key = aliasKey(alias);
        owners.set(key, (owners.get(key) ?? new Set()).add(e.id));
      }
    }
    for (const [alias, ids] of owners) expect([alias, ids.size]).toEqual([alias, 1]);
    const matcher = matcherOf();
    for (const e of curated.entities) {
      for (const alias of [e.name, ...e.aliases, ...e.ambiguousAliases]) {
        expect([alias, aliasEntry(matcher, alias)?.ids]).toEqual([alias, [e.id]]);
      }
    }
  });

  it('cites only existing sources, at least one for every fact, event and claim', () => {
    const ids = new Set(curated.sources.map((s) => s.id));
    const cited = [
      ...curated.entities.flatMap((e) => e.facts.map((f) => f.sources)),
      ...curated.events.map((e) => e.sources),
      ...curated.discrepancies.flatMap((d) => d.claims.map((c) => c.sources)),
    ];
    for (const sources of cited) {
      expect(sources.length).toBeGreaterThan(0);
      for (const s of sources) expect(ids.has(s)).toBe(true);
    }
    const { corrections, unquoted, merges, splits } = curated.quotes;
    for (const ref of [
      ...corrections,
      ...unquoted,
      ...[...merges, ...splits].flatMap((h) => h.wordings),
    ])
      expect(ids.has(ref.source)).toBe(true);
  });

  it('has every quote wording and every evidence excerpt in its source, as written', () => {
    const { corrections, unquoted, merges, splits } = curated.quotes;
    for (const ref of [
      ...corrections,
      ...unquoted,
      ...[...merges, ...splits].flatMap((h) => h.wordings),
    ]) {
      expect(curated.texts[ref.source]).toContain(ref.text);
    }
    // Every hint says why the build needs it.
    for (const hint of [...corrections, ...unquoted, ...merges, ...splits]) {
      expect(hint.reason.length).toBeGreaterThan(40);
    }
    for (const d of curated.discrepancies) {
      for (const c of d.claims) {
        for (const [source, excerpts] of Object.entries(c.evidence)) {
          for (const e of excerpts) expect(curated.texts[source]).toContain(e);
        }
      }
    }
  });

  it('dates everything with ISO dates', () => {
    for (const s of curated.sources) expect(s.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const e of curated.entities.filter((x) => x.type === 'event')) {
      expect(isIsoDate(e.date ?? '')).toBe(true);
    }
    for (const e of curated.events) expect(isIsoDate(e.date)).toBe(true);
    for (const q of curated.quotes.unquoted) if (q.date) expect(isIsoDate(q.date)).toBe(true);
  });

  it('gives every source its article file', () => {
    expect(curated.sources.map((s) => s.id)).toEqual([
      'blick',
      'dpa',
      'fr-daily',
      'wire',
      'bloomberg',
    ]);
    for (const s of curated.sources) expect(corpus.articles[s.file]?.length).toBeGreaterThan(1000);
  });
});

describe('known content', () => {
  /** The KB entity a page's speaker is, as the pipeline reads "“…,” NAME said." */
  const speaker = (name: string) => {
    const doc = readDocument(`“We talked for hours,” ${name} said.`, matcherOf());
    return doc.entities.find((e) => e.kind === 'person' || e.kb)?.kb ?? null;
  };

  it('knows the corpus spellings of Blinken and Qin Gang', () => {
    expect(speaker('Chen Gang')).toBe('qin-gang');
    expect(speaker('Blingen')).toBe('antony-blinken');
    expect(speaker('Anthony Blinken')).toBe('antony-blinken');
    expect(speaker('Secretary of State Antony Blinken')).toBe('antony-blinken');
    expect(speaker('Qín Gang')).toBe('qin-gang');
  });

  it('marks short names as ambiguous', () => {
    const ambiguous = new Set(curated.entities.flatMap((e) => e.ambiguousAliases));
    for (const alias of ['Wang', 'Xi', 'Qin', 'Chen', 'Gang', 'Washington']) {
      expect(ambiguous.has(alias)).toBe(true);
    }
  });

  it('records the disagreements the corpus holds', () => {
    const byId = new Map(curated.discrepancies.map((d) => [d.id, d]));
    const length = byId.get('sunday-talks-length');
    expect(length?.claims.map((c) => [c.value, c.sources])).toEqual([
      ['Seven and a half hours', ['blick', 'dpa', 'bloomberg']],
      ['More than five hours', ['wire']],
    ]);
    for (const id of ['qin-gang-name', 'blinken-name-spelling', 'washington-invitation']) {
      expect(byId.get(id)?.claims.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('dates the timeline from the 2018 Pompeo visit to the November 2023 APEC summit', () => {
    const dates = curated.events.map((e) => e.date);
    expect(dates).toContain('2018-10');
    expect(dates).toContain('2022-08');
    expect(dates).toContain('2023-11');
  });
});

describe('broken data stops the build', () => {
  it('names a bad equivalence: a chain, a word with capitals, a German word French reads otherwise', () => {
    const chain = edit(corpus.equivalences, '  ties: relations\n', '  ties: relationship\n');
    expect(problemsWith({ equivalences: chain })).toContainEqual(
      'corpus/equivalences.yaml: english.ties: maps to "relationship", which is itself mapped: map to the last word',
    );
    const capital = edit(corpus.equivalences, '  ties: relations\n', '  Ties: relations\n');
    expect(problemsWith({ equivalences: capital })).toContainEqual(
      'corpus/equivalences.yaml: english.Ties: a key must be one lower-case word without accents',
    );
    const clash = `${corpus.equivalences.replace('french:\n', 'french:\n  zzwort: sea\n').replace('german:\n', 'german:\n  zzwort: word\n')}`;
    expect(problemsWith({ equivalences: clash })).toContainEqual(
      'corpus/equivalences.yaml: german.zzwort: is also french.zzwort with another meaning ("sea")',
    );
    expect(problemsWith({ equivalences: 'english: [' })).toContainEqual(
      expect.stringMatching(/^corpus\/equivalences\.yaml: document: cannot parse/),
    );
  });

  it('names a duplicate id', () => {
    const entities = edit(corpus.entities, 'id: wang-yi', 'id: qin-gang');
    expect(problemsWith({ entities })).toContainEqual(
      expect.stringMatching(/^corpus\/entities\.yaml: #3 \(qin-gang\): duplicate id "qin-gang"$/),
    );
  });

  it('names an alias claimed by two entities', () => {
    const entities = edit(corpus.entities, 'aliases: [Pompeo]', 'aliases: [Pompeo, Blingen]');
    expect(problemsWith({ entities })).toContainEqual(
      expect.stringMatching(
        /\(mike-pompeo\): alias "Blingen" is already claimed by "antony-blinken"/,
      ),
    );
  });

  it('names a fact citing a missing source', () => {
    const entities = edit(
      corpus.entities,
      '      - text: Played down the balloon incident as more embarrassing than intended.\n        sources: [fr-daily]\n',
      '      - text: Played down the balloon incident as more embarrassing than intended.\n        sources: [fr-daily, reuters]\n',
    );
    expect(problemsWith({ entities })).toContainEqual(
      expect.stringMatching(/\(joe-biden\) fact #3: cites unknown source "reuters"/),
    );
  });

  it('names a quote wording that does not occur in its source', () => {
    const quotes = edit(corpus.quotes, 'quote: some users called', 'quote: some readers called');
    expect(problemsWith({ quotes })).toContainEqual(
      'corpus/quotes.yaml: corrections #3 (weibo-users-back-on-track): wording "some readers called for US-China relations to “get back on track.”" does not occur in source "bloomberg"',
    );
    const merge = edit(
      corpus.quotes,
      'source: blick\n        quote: constructive and fair',
      'source: blick\n        quote: constructive and fine',
    );
    expect(problemsWith({ quotes: merge })).toContainEqual(
      'corpus/quotes.yaml: merges #1 (us-readout-constructive) wording #1: wording "constructive and fine" does not occur in source "blick"',
    );
  });

  it('names a fact whose evidence does not occur in its source', () => {
    const entities = edit(
      corpus.entities,
      "bloomberg: 'refused to meet with his US counterpart Lloyd Austin until Washington lifted sanctions on him'",
      "bloomberg: 'refused to meet Lloyd Austin until Washington lifted sanctions'",
    );
    expect(problemsWith({ entities })).toContainEqual(
      expect.stringMatching(
        /\(li-shangfu\) fact #2: evidence "refused to meet Lloyd Austin until Washington lifted sanctions" does not occur in source "bloomberg"/,
      ),
    );
  });

  it('names evidence that does not occur in its source', () => {
    const discrepancies = edit(
      corpus.discrepancies,
      'wire: which lasted more than five hours',
      'wire: which lasted more than six hours',
    );
    expect(problemsWith({ discrepancies })).toContainEqual(
      expect.stringMatching(
        /discrepancies\.yaml: #1 \(sunday-talks-length\) claim #2: evidence "which lasted more than six hours" does not occur in source "wire"/,
      ),
    );
  });

  it('names a disagreement whose every claim is marked an error, and a blank error', () => {
    const allWrong = edit(
      corpus.discrepancies,
      '      - value: Qin Gang\n',
      '      - value: Qin Gang\n        error: a misspelt name\n',
    );
    expect(problemsWith({ discrepancies: allWrong })).toContainEqual(
      expect.stringMatching(
        /discrepancies\.yaml: #2 \(qin-gang-name\): every claim is marked an error/,
      ),
    );
    const blank = edit(corpus.discrepancies, 'error: a misspelt name', "error: ''");
    expect(problemsWith({ discrepancies: blank })).toContainEqual(
      expect.stringMatching(/qin-gang-name\) claim #2: "error" must be a non-empty string/),
    );
  });

  it('names a bad ISO date', () => {
    const events = edit(corpus.events, 'date: 2023-06-17', 'date: 2023-06-31');
    expect(problemsWith({ events })).toContainEqual(
      expect.stringMatching(
        /events\.yaml: #11 \(biden-balloon-remarks\): "date" is not an ISO date/,
      ),
    );
    const entities = edit(corpus.entities, "date: '1979'", 'date: 1979');
    expect(problemsWith({ entities })).toContainEqual(
      expect.stringMatching(/us-china-diplomatic-relations-1979.*written as a string/),
    );
  });

  it('names unknown entities, unknown fields, a missing file and broken YAML', () => {
    expect(
      problemsWith({
        events: edit(corpus.events, 'entities: [nancy-pelosi,', 'entities: [nancy-peloci,'),
      }),
    ).toContainEqual(
      expect.stringMatching(/pelosi-taiwan-visit\): names unknown entity "nancy-peloci"/),
    );
    expect(
      problemsWith({
        entities: edit(corpus.entities, '    role: US Secretary of State\n', '    rol: x\n'),
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\(antony-blinken\): unknown field "rol"/),
        expect.stringMatching(/\(antony-blinken\): "role" must be a non-empty string/),
      ]),
    );
    expect(problemsWith({ articles: {} })).toContainEqual(
      expect.stringMatching(
        /sources\.json: #1 \(blick\): file "000_b8cda9c5a1eae8b1\.txt" is not in corpus/,
      ),
    );
    expect(problemsWith({ quotes: 'quotes: [\n  - id: x' })).toContainEqual(
      expect.stringMatching(/^corpus\/quotes\.yaml: line \d+: cannot parse/),
    );
  });

  it('refuses a correction with both a speaker entity and a speaker name', () => {
    const quotes = edit(
      corpus.quotes,
      '    speaker: chinese-foreign-ministry\n    reason:',
      '    speaker: chinese-foreign-ministry\n    speakerName: Beijing\n    reason:',
    );
    expect(problemsWith({ quotes })).toContainEqual(
      'corpus/quotes.yaml: corrections #1 (china-readout-is-the-foreign-ministry): give "speaker" or "speakerName", not both',
    );
  });

  it('refuses a correction without its reason, or for a speaker the KB does not know', () => {
    const noReason = edit(
      corpus.quotes,
      '    speaker: chinese-foreign-ministry\n    reason: >-',
      '    speaker: chinese-foreign-ministry\n    why: >-',
    );
    expect(problemsWith({ quotes: noReason })).toEqual(
      expect.arrayContaining([
        'corpus/quotes.yaml: corrections #1 (china-readout-is-the-foreign-ministry): "reason" must be a non-empty string',
        'corpus/quotes.yaml: corrections #1 (china-readout-is-the-foreign-ministry): unknown field "why"',
      ]),
    );
    const unknown = edit(
      corpus.quotes,
      '    speaker: chinese-foreign-ministry\n',
      '    speaker: chinese-ministry\n',
    );
    expect(problemsWith({ quotes: unknown })).toContainEqual(
      'corpus/quotes.yaml: corrections #1 (china-readout-is-the-foreign-ministry): speaker "chinese-ministry" is no entity',
    );
  });

  it('checks ISO dates strictly', () => {
    for (const ok of ['2023', '2023-02', '2024-02-29', '1979']) expect(isIsoDate(ok)).toBe(true);
    for (const bad of ['2023-2', '2023-13', '2023-02-30', '2023-06-18T00:00', '19 June 2023']) {
      expect(isIsoDate(bad)).toBe(false);
    }
  });
});
