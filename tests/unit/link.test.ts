import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import matcherData from '../../generated/matcher.json';
import { readDocument } from '../../lib/annotate/document';
import { SAME_STATEMENT } from '../../lib/kb/cluster';
import type { KnowledgeBase } from '../../lib/kb/types';
import { linkQuote, SURE_LINK, type CorpusLink } from '../../lib/link';
import { quoteSimilarity } from '../../lib/link/wording';
import { buildMatcherIndex, type MatcherIndex } from '../../lib/match/matcher';
import { fixtureKb } from './fixtures/kb';
import { corpusEquivalences } from './kb-corpus';

const eq = corpusEquivalences();
const index = buildMatcherIndex(fixtureKb, eq);

/**
 * Links a quotation as the pipeline would on a page that is nothing but the quotation, its
 * speaker given (a KB entity) or no one named.
 */
function linkText(
  text: string,
  speaker: string | null,
  idx: MatcherIndex = index,
  published: string | null = null,
): CorpusLink | null {
  const page = `“${text}”`;
  const doc = readDocument(page, idx);
  const span = { start: 1, end: 1 + text.length };
  return linkQuote(
    doc,
    { text, span, speakerId: speaker, speakerNamed: speaker !== null },
    idx,
    published,
  );
}
const linked = (text: string, speaker: string | null) => linkText(text, speaker)?.id ?? null;

describe('quoteSimilarity', () => {
  const lowest = [
    'at their lowest point since diplomatic relations were established.',
    'at its lowest point',
    'at the lowest point',
    'relations have sunk to the lowest point since diplomatic ties were established',
  ];
  it.each(lowest.flatMap((a, i) => lowest.slice(i + 1).map((b) => [a, b])))(
    'finds %j and %j the same statement',
    (a, b) => {
      expect(quoteSimilarity(a, b, eq)).toBeGreaterThanOrEqual(SAME_STATEMENT);
    },
  );

  it.each([
    ['at its lowest point', 'We must reverse the downward spiral of Sino-US relations'],
    [
      'The Taiwan issue goes to the heart of China’s core interests,',
      'This was a real conversation,',
    ],
    [
      'I think it was more embarrassing than intended.',
      'The Chinese economy is not in good shape,',
    ],
  ])('finds %j and %j different', (a, b) => {
    expect(quoteSimilarity(a, b, eq)).toBeLessThan(SAME_STATEMENT);
  });

  it('is symmetric, 1 for the same wording, 0 for nothing in common', () => {
    const a = 'The Taiwan issue goes to the heart of China’s core interests,';
    const b = 'The Taiwan issue is the core issue of China’s supreme interests.';
    expect(quoteSimilarity(a, b)).toBeCloseTo(quoteSimilarity(b, a), 10);
    expect(quoteSimilarity(a, a)).toBeCloseTo(1, 5);
    expect(quoteSimilarity(a, 'Bananas grow quickly')).toBe(0);
  });
});

describe('linkQuote: the same statement in other wordings', () => {
  it.each([
    [
      'relations are at their lowest point since the establishment of diplomatic ties',
      'qin-gang',
      'qin-lowest-point',
    ],
    ['at its lowest point', null, 'qin-lowest-point'],
    ['at the lowest point', 'qin-gang', 'qin-lowest-point'],
    [
      'The Taiwan question is at the very core of China’s core interests',
      'qin-gang',
      'qin-taiwan-core-interests',
    ],
    [
      'The Taiwan issue goes to the heart of China’s core interests,',
      'qin-gang',
      'qin-taiwan-core-interests',
    ],
    [
      'the importance of diplomacy and of keeping open channels of communication across the full range of issues to reduce the risk of misperception and miscalculation',
      'matthew-miller',
      'miller-importance-of-diplomacy',
    ],
    ['candid, substantive and constructive', 'matthew-miller', 'us-talks-frank-constructive'],
    [
      'looks forward to meeting Xi again in the next few months',
      'joe-biden',
      'biden-meet-xi-again',
    ],
    [
      'We must reverse the downward spiral in China-US relations',
      'wang-yi',
      'wang-downward-spiral',
    ],
    [
      'I think it was more embarrassing than it was intentional',
      'joe-biden',
      'biden-balloon-embarrassing',
    ],
    [
      'We tried several times to get in touch, but no one answered the phone in Beijing,',
      null,
      'us-diplomat-no-one-answered',
    ],
    ['This is very good', 'xi-jinping', 'xi-very-good'],
    ['productive', 'antony-blinken', 'blinken-best-interest-of-world'],
  ])('%j (%s) → %s', (text, speaker, id) => {
    const link = linkText(text, speaker);
    expect(link?.id).toBe(id);
    expect(link!.confidence).toBeGreaterThan(0.5);
    expect(link!.confidence).toBeLessThanOrEqual(1);
    expect(fixtureKb.quotes.find((q) => q.id === id)!.variants.map((v) => v.text)).toContain(
      link!.text,
    );
  });

  it('links every corpus wording to its own statement, and the others of it when held out', () => {
    for (const quote of fixtureKb.quotes) {
      for (const variant of quote.variants) {
        expect(linked(variant.text, quote.speaker)).toBe(quote.id);
      }
    }
    // Held out: an index without one wording still links it through the statement's others.
    for (const [id, source] of [
      ['qin-lowest-point', 'blick'],
      ['qin-lowest-point', 'dpa'],
      ['qin-taiwan-core-interests', 'blick'],
      ['miller-importance-of-diplomacy', 'fr-daily'],
      ['miller-importance-of-diplomacy', 'blick'],
    ] as const) {
      const kb: KnowledgeBase = structuredClone(fixtureKb);
      const quote = kb.quotes.find((q) => q.id === id)!;
      const held = quote.variants.find((v) => v.source === source)!;
      quote.variants = quote.variants.filter((v) => v !== held);
      expect(linkText(held.text, quote.speaker, buildMatcherIndex(kb, eq))?.id).toBe(id);
    }
  });

  it('names every source of the statement', () => {
    expect(linkText('at its lowest point', 'qin-gang')?.sources).toEqual([
      'blick',
      'dpa',
      'fr-daily',
      'wire',
    ]);
  });
});

describe('linkQuote: quotes the corpus does not have', () => {
  it.each([
    ['Taiwan is an inalienable part of China', 'qin-gang'],
    ['We will not allow any compromise on Taiwan', null],
    ['The relationship between the US and China is important to the world', null],
    ['The Chinese economy is not in good shape', null],
    ['The United States will continue to compete vigorously with China', 'antony-blinken'],
    ['China and the US should work together on climate change', null],
    ['We oppose any unilateral change to the status quo', 'antony-blinken'],
    ['productive', null],
    ['productive', 'xi-jinping'],
    ['constructive', null],
    ['very good', null],
  ])('%j (%s) links to nothing, or at most says "probably"', (text, speaker) => {
    const link = linkText(text, speaker);
    expect(link === null || link.confidence < SURE_LINK).toBe(true);
  });

  it('gives another speaker’s words as another speaker’s, at most "probably" the same', () => {
    const link = linkText('This is very good,', 'antony-blinken');
    expect(
      link === null || (link.evidence.speaker === 'other' && link.confidence < SURE_LINK),
    ).toBe(true);
  });

  it('never throws and answers a confidence in 0..1', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom(null, 'qin-gang', 'nobody'),
        (text, speaker) => {
          const link = linkText(text, speaker);
          if (link) {
            expect(link.confidence).toBeGreaterThanOrEqual(0);
            expect(link.confidence).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers for an empty knowledge base', () => {
    const empty = buildMatcherIndex(
      { sources: [], entities: [], quotes: [], events: [], discrepancies: [] },
      eq,
    );
    expect(linkText('at its lowest point', null, empty)).toBeNull();
  });
});

describe('linkQuote: translations', () => {
  const kb: KnowledgeBase = structuredClone(fixtureKb);
  kb.quotes.push(
    {
      id: 'qin-stable-relations',
      speaker: 'qin-gang',
      date: '2023-06-18',
      variants: [{ source: 'dpa', text: 'stable, predictable and constructive' }],
    },
    {
      id: 'xi-positive-contributions',
      speaker: 'xi-jinping',
      date: '2023-06-19',
      variants: [
        {
          source: 'bloomberg',
          text: 'I hope that through this visit, Mr. Minister, you will make more positive contributions to the stability of Sino-US relations.',
        },
      ],
    },
  );
  const translated = buildMatcherIndex(kb, eq);

  it.each([
    ['stabile, berechenbare und konstruktive', 'qin-gang', 'qin-stable-relations'],
    [
      'Die Beziehungen sind auf dem tiefsten Stand seit Aufnahme diplomatischer Beziehungen',
      'qin-gang',
      'qin-lowest-point',
    ],
    ['au plus bas', 'qin-gang', 'qin-lowest-point'],
    ['franches, substantielles et constructives', 'matthew-miller', 'us-talks-frank-constructive'],
    [
      'davantage de contributions positives à la stabilisation des relations sino-américaines',
      'xi-jinping',
      'xi-positive-contributions',
    ],
    ['stabilise China-US relations', 'xi-jinping', 'xi-positive-contributions'],
  ])('%j → %s', (text, speaker, id) => {
    expect(linkText(text, speaker, translated)?.id).toBe(id);
  });

  it.each([
    ['Wir werden unsere Interessen verteidigen', 'qin-gang'],
    ['Nous ne céderons rien sur Taïwan', 'wang-yi'],
  ])('%j links to nothing', (text, speaker) => {
    expect(linkText(text, speaker, translated)).toBeNull();
  });

  it('re-fingerprints an index built by another version of the normalizer', () => {
    const stale = {
      ...translated,
      fingerprints: 0,
      variants: translated.variants.map((v) => ({ ...v, stems: [] })),
    };
    expect(linkText('stabile, berechenbare und konstruktive', 'qin-gang', stale)?.id).toBe(
      'qin-stable-relations',
    );
  });
});

describe('linkQuote: Chinese wordings', () => {
  it.each([
    ['中美关系处于建交以来的最低点', 'qin-gang', 'qin-lowest-point'],
    ['必须扭转中美关系的螺旋式下降', 'wang-yi', 'wang-downward-spiral'],
    ['这很好', 'xi-jinping', 'xi-very-good'],
  ])('%j (%s) links to %s', (text, speaker, id) => {
    expect(linked(text, speaker)).toBe(id);
  });

  it.each([
    ['地球足够大，容得下中美各自发展、共同繁荣。', 'xi-jinping'],
    ['取得了一些真正的进展', 'joe-biden'],
  ])('%j (%s) links to nothing, or at most says "probably"', (text, speaker) => {
    const link = linkText(text, speaker);
    expect(link === null || link.confidence < SURE_LINK).toBe(true);
  });

  it('says at most "probably" of a speaker’s other words on the same subject', () => {
    // Against the corpus, where Qin Gang has his five statements: the fixture's two leave one
    // statement on Taiwan for any of his words on it.
    const real = matcherData as unknown as MatcherIndex;
    const link = linkText('台湾是中国不可分割的一部分', 'qin-gang', real);
    expect(link === null || link.confidence < SURE_LINK).toBe(true);
  });
});
