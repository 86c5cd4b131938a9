import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildMatcherIndex } from '../../lib/match/matcher';
import { readDocument } from '../../lib/annotate/document';
import { quoteSteps } from '../../lib/annotate';
import { findRepeats, rankQuotes } from '../../lib/text/rank';
import type { RankInput } from '../../lib/text/rank';
import type { LinkEvidence } from '../../lib/link';
import { scanQuotes } from '../../lib/text/quotes';
import { fixtureKb } from './fixtures/kb';

const index = buildMatcherIndex(fixtureKb);

const input = (text: string, extra: Partial<RankInput> = {}): RankInput => ({
  quote: scanQuotes(`“${text}”`)[0]!,
  speaker: null,
  corpus: null,
  ...extra,
});
const person = (id: string) => id === 'qin-gang';

/** What a link rests on; rankQuotes weighs its confidence, not this. */
const evidence: LinkEvidence = {
  speaker: 'same',
  date: '2023-06-18',
  published: 'unknown',
  event: false,
  shared: [],
};

describe('rankQuotes', () => {
  it('orders evidence: KB person and corpus link over a named outsider over nobody', () => {
    const text = 'relations are at their lowest point since ties were established';
    const [kbPerson, outsider, nobody] = rankQuotes(
      [
        input(text, {
          speaker: { name: 'Qin Gang', entityId: 'qin-gang', via: 'X said' },
          corpus: { id: 'q', text, sources: ['blick'], confidence: 0.9, evidence },
        }),
        input('the tone can be seen as positive compared with March', {
          speaker: { name: 'Drew Thompson', entityId: null, via: 'X said' },
        }),
        input('no one answered the phone in Beijing for months'),
      ],
      person,
    );
    expect(kbPerson!.score).toBeGreaterThan(outsider!.score);
    expect(outsider!.score).toBeGreaterThan(nobody!.score);
    expect([kbPerson!.key, outsider!.key, nobody!.key]).toEqual([true, true, false]);
  });

  it('makes a sentence of four words or more by anyone named key, a shorter fragment not', () => {
    const speaker = { name: 'Ruth Okafor', entityId: null, via: 'X said' };
    const kb = { name: 'Qin Gang', entityId: 'qin-gang', via: 'X said' };
    const ranks = rankQuotes(
      [
        input('This is maintenance, not renovation,', { speaker }),
        input('a modest step', { speaker: kb }),
        input('This is maintenance, not renovation,'),
      ],
      person,
    );
    expect(ranks.map((r) => r.key)).toEqual([true, false, false]);
  });

  it('never makes scare quotes, titles or nested quotes key', () => {
    const speaker = { name: 'Qin Gang', entityId: 'qin-gang', via: 'X said' };
    const corpus = { id: 'q', text: 'x', sources: [], confidence: 1, evidence };
    const scare = input('constructive', { speaker, corpus });
    const title = input('The Dangerous Silence Between Washington and Beijing', {
      speaker,
      corpus,
    });
    const nested = scanQuotes(
      '“He called it ‘a real and honest conversation between us’ today,” Qin said.',
    )[1]!;
    const ranks = rankQuotes([scare, title, { quote: nested, speaker, corpus }], person);
    expect(scare.quote.kind).toBe('scare');
    expect(title.quote.kind).toBe('title');
    expect(ranks.map((r) => r.key)).toEqual([false, false, false]);
  });

  it('counts Chinese words by characters, so a Chinese sentence by a named speaker is key', () => {
    const speaker = { name: 'Xi Jinping', entityId: 'xi-jinping', via: 'X said' };
    const [sentence] = rankQuotes(
      [input('地球足够大，容得下中美各自发展、共同繁荣。', { speaker })],
      person,
    );
    expect(sentence).toMatchObject({ key: true });
  });

  it('marks a pull-quote that repeats an earlier quotation and does not count it', () => {
    const speaker = { name: 'Qin Gang', entityId: 'qin-gang', via: 'X said' };
    const ranks = rankQuotes(
      [
        input('The Taiwan issue goes to the heart of China’s core interests, he stressed', {
          speaker,
        }),
        input('The Taiwan issue goes to the heart of China’s core interests', { speaker }),
      ],
      person,
    );
    expect(ranks[0]).toMatchObject({ key: true });
    expect(ranks[1]).toMatchObject({ key: false, repeatOf: 0 });
  });

  it('lets the attributed copy stand for a heading or pull-quote placed before it', () => {
    const speaker = { name: 'Wang Yi', entityId: 'wang-yi', via: 'X said' };
    const ranks = rankQuotes(
      [
        input('China is a stabilizing force in a turbulent world'),
        input('China is a stabilizing force in a turbulent world', { speaker }),
        input('China is a stabilizing force in a turbulent world'),
      ],
      person,
    );
    expect(ranks[0]).toMatchObject({ key: false, repeatOf: 1 });
    expect(ranks[1]!.repeatOf).toBeUndefined();
    expect(ranks[2]).toMatchObject({ repeatOf: 1 });
  });
});

describe('findRepeats', () => {
  it.each([
    [
      'exact, other case and punctuation',
      ['We tried several times.', 'we tried several times'],
      [undefined, 0],
    ],
    [
      'part of an earlier quote',
      [
        'No one answered the phone in Beijing at all, he said',
        'no one answered the phone in Beijing',
      ],
      [undefined, 0],
    ],
    [
      'different quotes',
      ['No one answered the phone in Beijing', 'Everyone answered the phone in Washington'],
      [undefined, undefined],
    ],
    ['short, not exact', ['very good', 'very good indeed'], [undefined, undefined]],
  ] as const)('%s', (_, texts, expected) => {
    expect(findRepeats(texts.map((text) => ({ text })))).toEqual(expected);
  });
});

/** The document's quotations as the page pipeline reports them, in one go. */
function pageQuotes(text: string, matcher: typeof index) {
  const steps = quoteSteps(readDocument(text, matcher), matcher);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

describe('quoteSteps', () => {
  const text = [
    'Qin Gang told Blinken that relations were “at their lowest point since diplomatic ties were established.”',
    '“The Taiwan issue goes to the heart of China’s core interests,” he said.',
    'The talks were called “constructive” by both sides.',
    '“Taiwan issue goes to the heart of China’s core interests”',
    '“We will keep talking to every partner we have in the region,” said Antony Blinken.',
  ].join('\n');

  it('scans, attributes, links and ranks in one call', () => {
    const quotes = pageQuotes(text, index);
    expect(
      quotes.map((q) => [
        q.text.slice(0, 24),
        q.speaker?.name ?? null,
        q.corpus?.id ?? null,
        q.key,
        q.repeatOf,
      ]),
    ).toEqual([
      ['at their lowest point si', 'Qin Gang', 'qin-lowest-point', true, undefined],
      ['The Taiwan issue goes to', 'Qin Gang', 'qin-taiwan-core-interests', true, undefined],
      ['constructive', null, null, false, undefined],
      // A line repeating words quoted below takes their speaker (and stays a repeat).
      ['Taiwan issue goes to the', 'Qin Gang', 'qin-taiwan-core-interests', false, 1],
      ['We will keep talking to ', 'Antony Blinken', null, true, undefined],
    ]);
    for (const q of quotes)
      expect(text.slice(q.span.start, q.span.end).replace(/\s+/g, ' ')).toBe(q.text);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (t) => {
        for (const q of pageQuotes(t, index)) {
          expect(q.span.end).toBeLessThanOrEqual(t.length);
          expect(q.score).toBeGreaterThanOrEqual(0);
          expect(q.score).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });
});
