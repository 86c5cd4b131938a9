/**
 * Property-based tests (fast-check) of the string work the content script does on every
 * annotated page: the quote scanner, the alias matcher (mentions and speaker names) and the
 * corpus-link scorer, on random and adversarial strings, against the real matcher index built
 * from corpus/. Nothing throws, every span lies inside the text, and the work grows linearly:
 * a text sixteen times longer never takes more than `MAX_GROWTH` times as long (a quadratic
 * scan takes 256 times as long), compared in the same run with the best of five. The factor is
 * generous because a busy two-core machine and the garbage collector blur small timings.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import matcherData from '../../generated/matcher.json';
import { readDocument } from '../../lib/annotate/document';
import { attributeQuotes } from '../../lib/attribution';
import { readText } from '../../lib/doc/text';
import { findMentions } from '../../lib/match/aliases';
import { linkQuote } from '../../lib/link';
import type { MatcherIndex } from '../../lib/match/matcher';
import { contentStems, stem } from '../../lib/match/normalize';
import { scanQuotes } from '../../lib/text/quotes';

const index = matcherData as unknown as MatcherIndex;

/** Links a page that is one quotation, as the pipeline links each quotation it finds. */
const linkText = (text: string, speaker: string | null) =>
  linkQuote(
    readDocument(`“${text}”`, index),
    { text, span: { start: 1, end: 1 + text.length }, speakerId: speaker, speakerNamed: !!speaker },
    index,
    null,
  );

/** Runs per property; the count is reported by `RUNS` for the README's fault table. */
export const RUNS = 300;

const MARKS = [
  '"',
  '“',
  '”',
  '„',
  '‟',
  '«',
  '»',
  '‹',
  '›',
  '‘',
  '’',
  '‚',
  "'",
  '「',
  '」',
  '『',
  '』',
];
/** Words that matter to the matcher, and words that are Object.prototype's own names. */
const WORDS = [
  ...Object.values(index.entities)
    .slice(0, 40)
    .map((e) => e.name),
  ...Object.keys(index.aliases).slice(0, 40),
  'said',
  'told reporters',
  'according to',
  'Mr.',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  'relationship',
  'relations',
  'ties',
];

/** Text built from marks, known words, whitespace of every kind and arbitrary Unicode. */
const pageText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...MARKS) },
      { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
      { weight: 2, arbitrary: fc.constantFrom(' ', '\n', '\t', '\u00a0', '\u2028', '. ', ', ') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom('\u202e', '\u202c', '\ud800', '\udc00', '👍🏽', '\u0000'),
      },
    ),
    { maxLength: 120 },
  )
  .map((parts) => parts.join(''));

const inBounds = (text: string, start: number, end: number) =>
  Number.isInteger(start) &&
  Number.isInteger(end) &&
  start >= 0 &&
  start <= end &&
  end <= text.length;

/**
 * Inputs grow 32-fold: linear work grows about 32×, quadratic work about 1024×. The bound sits
 * between them with room for a loaded machine, so the check tells the two apart, not speeds.
 */
const SCALE = 32;
const MAX_GROWTH = 256;

/** Best of seven wall times of `fn(input)`, in ms. */
function bestOf(fn: (input: string) => unknown, input: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 7; i++) {
    const t = performance.now();
    fn(input);
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

/**
 * The cost of `fn` on a motif repeated to about `small` characters and to SCALE times that,
 * as a ratio measured in the same run. A floor of 2 ms on the small run keeps timer noise out.
 */
function growth(fn: (input: string) => unknown, motif: string, small = 4000): number {
  const unit = motif.length > 0 ? motif : ' ';
  const base = unit.repeat(Math.max(1, Math.ceil(small / unit.length)));
  const large = base.repeat(SCALE);
  fn(base); // warm up
  fn(base);
  return bestOf(fn, large) / Math.max(2, bestOf(fn, base));
}

describe('quote scanner on random text', () => {
  it('never throws; spans, parts and depths stay in bounds and in order', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        const spans = scanQuotes(text);
        for (const span of spans) {
          expect(inBounds(text, span.start, span.end)).toBe(true);
          expect(span.depth).toBeGreaterThanOrEqual(0);
          expect(['quote', 'scare', 'title']).toContain(span.kind);
          expect(typeof span.text).toBe('string');
          for (const part of span.parts) {
            expect(inBounds(text, part.start, part.end)).toBe(true);
            expect(part.start).toBeGreaterThanOrEqual(span.start);
            expect(part.end).toBeLessThanOrEqual(span.end);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('takes linear time on repeated adversarial motifs', () => {
    fc.assert(
      fc.property(pageText, (motif) => {
        expect(growth(scanQuotes, motif)).toBeLessThan(MAX_GROWTH);
      }),
      { numRuns: 15 },
    );
    // The worst cases by construction: openers only, closers only, alternating, never closed,
    // and a quotation that every paragraph continues (once quadratic in the paragraphs).
    for (const motif of ['“', '”', '"', '“a ', '«„「‘', '“x”', '"\n', "'s ", '“a\n', '“x\n\n']) {
      expect(growth(scanQuotes, motif), motif).toBeLessThan(MAX_GROWTH);
    }
  });
});

describe('alias matcher on random text', () => {
  it('never throws; mentions lie inside the text and name known entities', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        let last = -1;
        for (const mention of findMentions(readText(text), index)) {
          expect(inBounds(text, mention.span.start, mention.span.end)).toBe(true);
          expect(mention.span.end).toBeGreaterThan(mention.span.start);
          expect(Object.hasOwn(index.entities, mention.entityId)).toBe(true);
          expect(mention.span.start).toBeGreaterThan(last - 1);
          last = mention.span.start;
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('reads random text into entities and speakers that exist, known to the KB or not', () => {
    fc.assert(
      fc.property(pageText, (text) => {
        const doc = readDocument(text, index);
        for (const e of doc.entities) {
          if (e.kb !== null) expect(Object.hasOwn(index.entities, e.kb)).toBe(true);
          for (const m of e.mentions) expect(doc.mentions[m]).toBeDefined();
        }
        const atts = attributeQuotes(doc);
        expect(atts).toHaveLength(doc.quotes.length);
        for (const a of atts) expect(a.entity).toBeLessThan(doc.entities.length);
      }),
      { numRuns: RUNS },
    );
  });

  it('takes linear time on repeated motifs', () => {
    fc.assert(
      fc.property(pageText, (motif) => {
        expect(growth((t) => findMentions(readText(t), index), motif)).toBeLessThan(MAX_GROWTH);
      }),
      { numRuns: 15 },
    );
  });
});

describe('corpus-link scorer on random text', () => {
  it('never throws; a link names a corpus quote with a confidence in 0..1', () => {
    const quoteIds = new Set(index.quotes.map((q) => q.id));
    const speakers = [null, ...Object.keys(index.entities).slice(0, 5), 'constructor'];
    fc.assert(
      fc.property(pageText, fc.constantFrom(...speakers), (text, speaker) => {
        const link = linkText(text, speaker);
        if (link === null) return;
        expect(quoteIds.has(link.id)).toBe(true);
        expect(link.confidence).toBeGreaterThanOrEqual(0);
        expect(link.confidence).toBeLessThanOrEqual(1);
        expect(link.text.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });

  it('stems every word to a string, Object.prototype’s names included', () => {
    for (const word of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(stem(word)).toBeTypeOf('string');
    }
    expect(contentStems('the constructor said toString and valueOf', index.equivalences)).toEqual(
      expect.arrayContaining(['constructor', 'tostring', 'valueof'].map((w) => stem(w))),
    );
    expect(linkText('the constructor of relations', null)).toSatisfy(
      (link: unknown) => link === null || typeof link === 'object',
    );
  });

  it('takes linear time in the quotation’s length', () => {
    fc.assert(
      fc.property(pageText, (motif) => {
        expect(growth((t) => linkText(t, null), motif, 2000)).toBeLessThan(MAX_GROWTH);
      }),
      { numRuns: 10 },
    );
  });
});
