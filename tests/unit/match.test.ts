import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readText } from '../../lib/doc/text';
import { phraseKey as aliasKey } from '../../lib/doc/tokens';
import { aliasEntry, findMentions as findIn, knownEntities } from '../../lib/match/aliases';
import { buildMatcherIndex, type MatcherIndex } from '../../lib/match/matcher';
import { contentStems, stem } from '../../lib/match/normalize';
import { fixtureKb } from './fixtures/kb';
import { corpusEquivalences } from './kb-corpus';

const index = buildMatcherIndex(fixtureKb);

/** The KB's mentions in a text, read as the pipeline reads it (one tokenization). */
const findMentions = (text: string, matcher: MatcherIndex) => findIn(readText(text), matcher);

/** [entity id, text of the span] for each mention. */
const found = (text: string) =>
  findMentions(text, index).map((m) => [m.entityId, text.slice(m.span.start, m.span.end)]);

describe('normalize', () => {
  it.each([
    ['Blinken’s', 'blinken'],
    ["Blinken's", 'blinken'],
    ['U.S. Secretary', 'us secretary'],
    ['São  Paulo', 'sao paulo'],
    ['Qín\nGang', 'qin gang'],
  ])('aliasKey(%j) = %j', (text, key) => {
    expect(aliasKey(text)).toBe(key);
  });

  it('stems inflections and translation variants together', () => {
    const eq = corpusEquivalences();
    expect(stem('relations', eq)).toBe(stem('relationship', eq));
    expect(stem('established', eq)).toBe(stem('establishment', eq));
    expect(contentStems('diplomatic ties', eq)).toEqual(contentStems('diplomatic relations', eq));
  });
});

describe('findMentions', () => {
  it.each([
    ['plain name', 'Antony Blinken arrived.', [['antony-blinken', 'Antony Blinken']]],
    ['case', 'ANTONY BLINKEN arrived.', [['antony-blinken', 'ANTONY BLINKEN']]],
    ['curly possessive', 'Blinken’s visit', [['antony-blinken', 'Blinken']]],
    ['straight possessive', "Blinken's visit", [['antony-blinken', 'Blinken']]],
    [
      'accents',
      'Sao Paulo and São Paulo',
      [
        ['sao-paulo', 'Sao Paulo'],
        ['sao-paulo', 'São Paulo'],
      ],
    ],
    [
      'line break inside a name',
      'Secretary Antony\nBlinken came',
      [['antony-blinken', 'Antony\nBlinken']],
    ],
    ['run of spaces', 'Antony   Blinken came', [['antony-blinken', 'Antony   Blinken']]],
    [
      'longest match wins',
      'Secretary of State Antony Blinken met Qin Gang.',
      [
        ['antony-blinken', 'Secretary of State Antony Blinken'],
        ['qin-gang', 'Qin Gang'],
      ],
    ],
    ['dotted acronym', 'U.S. officials', [['united-states', 'U.S.']]],
    [
      'misspelling alias',
      'Blingen met Chen Gang',
      [
        ['antony-blinken', 'Blingen'],
        ['qin-gang', 'Chen Gang'],
      ],
    ],
    [
      'alias ending in a possessive word',
      'China’s Wang Yi spoke',
      [['wang-yi', 'China’s Wang Yi']],
    ],
    [
      'lower-case concept',
      'China’s core interests',
      [
        ['china', 'China'],
        ['core-interests', 'core interests'],
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('needs capitals for acronyms and proper names', () => {
    expect(found('let us talk about china')).toEqual([]);
    expect(found('Let US talk')).toEqual([['united-states', 'US']]);
  });

  it('takes ambiguous short aliases only with context', () => {
    expect(found('Xi arrived. Wang spoke.')).toEqual([]);
    expect(found('Xi Jinping arrived. Later Xi spoke.')).toEqual([
      ['xi-jinping', 'Xi Jinping'],
      ['xi-jinping', 'Xi'],
    ]);
    // Earlier, not later.
    expect(found('Later Xi spoke. Xi Jinping arrived.')).toEqual([['xi-jinping', 'Xi Jinping']]);
    expect(found('Mr. Wang spoke.')).toEqual([['wang-yi', 'Wang']]);
  });

  it('does not take a namesake for a known person', () => {
    expect(
      found('Qin Gang spoke. Later Chen Yu-ting and Wang Xiaohong spoke, then Henry Wang.'),
    ).toEqual([
      ['qin-gang', 'Qin Gang'],
      ['henry-wang', 'Henry Wang'],
    ]);
  });

  it('resolves a short name to the entity named most recently', () => {
    expect(found('Wang Yi met Qin Gang. Then Qin said more.')).toEqual([
      ['wang-yi', 'Wang Yi'],
      ['qin-gang', 'Qin Gang'],
      ['qin-gang', 'Qin'],
    ]);
  });

  it('takes an ambiguous place coordinated with a clear one', () => {
    expect(found('Relations between Washington and Beijing soured.')).toEqual([
      ['washington', 'Washington'],
      ['beijing', 'Beijing'],
    ]);
    expect(found('George Washington crossed the river.')).toEqual([]);
  });

  it('reads through a French elision inside a name', () => {
    expect(found('Le porte-parole du département d’État a répondu.')).toEqual([
      ['us-state-department', 'département d’État'],
    ]);
  });

  it('takes the longest alias over the names inside it', () => {
    expect(found('The People’s Republic of China and the PRC')).toEqual([
      ['china', 'People’s Republic of China'],
      ['china', 'PRC'],
    ]);
  });

  it('does not take a place inside a longer place name the KB does not know', () => {
    expect(found('Ships in the South China Sea and the East China Sea.')).toEqual([]);
    expect(found('Patrols in the Taiwan Strait and the Strait of Taiwan.')).toEqual([]);
    expect(found('Kriegsschiffe in der Taiwan-Straße')).toEqual([]);
    // The head must be part of the name: capitalized, right after it.
    expect(found('China sea trade and Taiwan. Strait talk')).toEqual([
      ['china', 'China'],
      ['taiwan', 'Taiwan'],
    ]);
    expect(found('The island of Taiwan')).toEqual([['taiwan', 'Taiwan']]);
  });

  it('does not match inside longer words', () => {
    expect(found('Chinatown and Xiamen and Qingdao')).toEqual([]);
  });

  it('never throws and keeps spans in bounds and in order', () => {
    const piece = fc.constantFrom(
      'Xi',
      ' ',
      '\n',
      'Blinken',
      '’s',
      "'s",
      'U.S.',
      'Wang',
      'Yi',
      ' and ',
      'Washington',
      'é',
      '.',
      'Antony',
    );
    const noisy = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(piece, { maxLength: 60 }).map((a) => a.join('')),
    );
    fc.assert(
      fc.property(noisy, (text) => {
        let last = -1;
        for (const m of findMentions(text, index)) {
          expect(m.span.start).toBeGreaterThanOrEqual(0);
          expect(m.span.end).toBeLessThanOrEqual(text.length);
          expect(m.span.start).toBeLessThan(m.span.end);
          expect(m.span.start).toBeGreaterThan(last);
          last = m.span.start;
          expect(index.entities[m.entityId]).toBeDefined();
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('buildMatcherIndex', () => {
  it('normalizes aliases with entity refs and flags', () => {
    expect(index.aliases['blinken']).toEqual({ ids: ['antony-blinken'], proper: true });
    expect(index.aliases['xi']).toMatchObject({ ids: ['xi-jinping'], ambiguous: true });
    expect(index.aliases['us']).toMatchObject({ ids: ['united-states'], acronym: true });
    expect(index.maxAliasWords).toBe(6);
  });

  it('is plain JSON that survives a round trip', () => {
    const copy = JSON.parse(JSON.stringify(index)) as typeof index;
    expect(copy).toEqual(index);
    expect(findMentions('Blinken met Xi Jinping', copy)).toEqual(
      findMentions('Blinken met Xi Jinping', index),
    );
  });

  it('marks an alias shared by two entities ambiguous', () => {
    const kb = structuredClone(fixtureKb);
    kb.entities.find((e) => e.id === 'henry-wang')!.aliases.push('Wang');
    const shared = buildMatcherIndex(kb);
    expect(shared.aliases['wang']).toMatchObject({
      ids: ['wang-yi', 'henry-wang'],
      ambiguous: true,
    });
  });
});

describe('knownEntities', () => {
  const known = knownEntities(index);
  it.each([
    ['Blinken', 'antony-blinken'],
    ['Anthony Blinken', 'antony-blinken'],
    ['Nobody Special', null],
  ])('resolve(%j) → %s', (name, id) => {
    expect(known.resolve(aliasKey(name))).toBe(id);
  });

  it('leaves a name the KB gives only with context to resolveAmbiguous', () => {
    expect(known.resolve('xi')).toBeNull();
    expect(known.resolveAmbiguous('xi')).toBe('xi-jinping');
  });

  it.each([
    ['the foreign minister', 'qin-gang'],
    ['the Chinese foreign minister', 'qin-gang'],
    ['China’s foreign minister', 'qin-gang'],
    ['the US president', 'joe-biden'],
    ['the Chinese president', 'xi-jinping'],
    ['the Chinese defence minister', 'li-shangfu'],
    ['the ambassador', null],
  ])('titleHolders(%j) includes %s', (title, id) => {
    const holders = known.titleHolders(title);
    if (id === null) expect(holders).toEqual([]);
    else expect(holders).toContain(id);
  });

  it('gives a person’s role as title words', () => {
    expect(known.roleWords('qin-gang')).toEqual(expect.arrayContaining(['foreign', 'minister']));
    expect(known.entity('qin-gang')).toEqual({ name: 'Qin Gang', kind: 'person' });
    expect(known.entity('nobody')).toBeNull();
  });
});

describe('findMentions in Chinese', () => {
  it('matches a CJK alias inside unspaced text, one token per character', () => {
    const text = '国家主席习近平在旧金山同美国总统拜登举行会晤。习近平指出。';
    expect(found(text)).toEqual([
      ['xi-jinping', '习近平'],
      ['xi-jinping', '习近平'],
    ]);
    expect(index.aliases['习 近 平']).toEqual({ ids: ['xi-jinping'] });
  });
});

describe('findMentions: places named only by an ambiguous alias', () => {
  it('takes them after another place or institution was clearly named', () => {
    expect(found('Talks in Beijing went on. Washington must correct its view.')).toEqual([
      ['beijing', 'Beijing'],
      ['washington', 'Washington'],
    ]);
    expect(found('Xi Jinping spoke. Washington must correct its view.')).toEqual([
      ['xi-jinping', 'Xi Jinping'],
    ]);
  });

  it('takes them as a dateline', () => {
    expect(found('WASHINGTON (AP) — Lawmakers met.')).toEqual([['washington', 'WASHINGTON']]);
    expect(found('Lawmakers met in\nWashington state.')).toEqual([]);
  });

  it('never inside a longer name', () => {
    expect(
      found('Beijing hosted it. George Washington and the Washington Post were cited.'),
    ).toEqual([['beijing', 'Beijing']]);
  });
});

describe('findMentions: the other number of a common noun', () => {
  const concept = (id: string, name: string, aliases: string[]) => ({
    ...fixtureKb.entities.find((e) => e.id === 'core-interests')!,
    id,
    name,
    aliases,
  });
  const numbered = buildMatcherIndex({
    ...fixtureKb,
    entities: [
      ...fixtureKb.entities,
      concept('communication-channels', 'Communication channels', [
        'communication channels',
        'hotline',
        'Kommunikationskanäle',
      ]),
      concept('educational-exchanges', 'Educational exchanges', ['educational exchanges']),
      concept('export-controls', 'Export controls', ['export controls', 'export policy']),
    ],
  });
  const ids = (text: string) =>
    findMentions(text, numbered).map((m) => [m.entityId, text.slice(m.span.start, m.span.end)]);

  it('finds a lower-case alias in the plural, the singular and a German dative plural', () => {
    expect(ids('Both sides reopened the military hotlines.')).toEqual([
      ['communication-channels', 'hotlines'],
    ]);
    expect(ids('It is a communication channel, not a deal.')).toEqual([
      ['communication-channels', 'communication channel'],
    ]);
    expect(ids('an export control on chips')).toEqual([['export-controls', 'export control']]);
    expect(ids('US export policies')).toEqual([
      ['united-states', 'US'],
      ['export-controls', 'export policies'],
    ]);
    expect(ids('mit neuen Kommunikationskanälen')).toEqual([
      ['communication-channels', 'Kommunikationskanälen'],
    ]);
  });

  it('never changes the number of a proper name', () => {
    expect(ids('Two Taiwans, many Beijings')).toEqual([]);
  });

  it('maps a name as written to the alias the matcher reads it as', () => {
    expect(aliasEntry(numbered, 'hotlines')?.ids).toEqual(['communication-channels']);
    expect(aliasEntry(numbered, 'Core interest')?.ids).toEqual(['core-interests']);
    expect(aliasEntry(numbered, 'Taiwans')).toBeNull();
  });
});

describe('findMentions: datelines and compound titles', () => {
  it('takes a capitalized place before a full stop or dash at a paragraph start as a dateline', () => {
    expect(found('Washington. Nach zwei Tagen Gesprächen')).toEqual([['washington', 'Washington']]);
    expect(found('Intro.\nWashington – Nach zwei Tagen')).toEqual([['washington', 'Washington']]);
    expect(found('Then came Washington. Nach zwei Tagen')).toEqual([]);
  });
});

describe('findMentions: an en dash inside a name', () => {
  const dashed = buildMatcherIndex({
    ...fixtureKb,
    entities: [
      ...fixtureKb.entities,
      {
        ...fixtureKb.entities.find((e) => e.id === 'core-interests')!,
        id: 'us-china-relations',
        name: 'US–China relations',
        aliases: ['US-China relations'],
      },
    ],
  });
  it('matches "US–China relations" written with an en dash or a hyphen, and the names in it', () => {
    for (const text of ['US–China relations soured', 'US-China relations soured']) {
      expect(findMentions(text, dashed).map((m) => m.entityId)).toEqual([
        'us-china-relations',
        'united-states',
        'china',
      ]);
    }
    // Coordinated names joined by an en dash stay two names.
    expect(findMentions('Washington–Beijing talks', dashed).map((m) => m.entityId)).toEqual([
      'washington',
      'beijing',
    ]);
  });
});

describe('findMentions: a Chinese title before an ambiguous alias', () => {
  const withMiller = buildMatcherIndex({
    ...fixtureKb,
    entities: fixtureKb.entities.map((e) =>
      e.id === 'matthew-miller' ? { ...e, ambiguousAliases: ['Miller', '米勒'] } : e,
    ),
  });
  it('counts 米勒 after 发言人, not alone', () => {
    expect(findMentions('国务院发言人米勒表示', withMiller).map((m) => m.entityId)).toEqual([
      'matthew-miller',
    ]);
    expect(findMentions('邻居米勒表示', withMiller)).toEqual([]);
  });
});
