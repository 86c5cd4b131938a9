import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readText } from '../../lib/doc/text';
import { fold, phraseKey, tokenAt, tokenize } from '../../lib/doc/tokens';
import { LEXICON, PhraseSet, givenName } from '../../lib/doc/lexicon';

const words = (text: string) =>
  tokenize(text).map((t) => `${text.slice(t.start, t.end)}/${t.key}/${t.kind}`);

describe('tokenize', () => {
  it('gives words, CJK characters and reading punctuation with offsets into the text', () => {
    expect(words('Blinken’s visit, “U.S.” — 习近平说。')).toEqual([
      'Blinken/blinken/word',
      'visit/visit/word',
      ',/,/punct',
      'U.S./us/word',
      '—/—/punct',
      '习/习/cjk',
      '近/近/cjk',
      '平/平/cjk',
      '说/说/cjk',
      '。/./punct',
    ]);
  });

  it('keeps a possessive outside the word, a hyphen between two words, a spaced hyphen as a dash', () => {
    const text = 'Mr. Blinken’s US-China talks - done -- really';
    const [, , blinken] = tokenize(text);
    expect(text.slice(blinken!.start, blinken!.end)).toBe('Blinken');
    expect(text.slice(blinken!.start, blinken!.outer)).toBe('Blinken’s');
    expect(tokenize(text).map((t) => t.key)).toEqual([
      'mr',
      '.',
      'blinken',
      'us',
      'china',
      'talks',
      '—',
      'done',
      '—',
      'really',
    ]);
  });

  it('marks capitals and all-capital words', () => {
    expect(tokenize('U.S. BLINKEN’S Visit').map((t) => [t.key, t.upper, t.cap])).toEqual([
      ['us', true, true],
      ['blinken', true, true],
      ['visit', false, true],
    ]);
  });

  it('gives ASCII words the same keys as the Unicode rules do', () => {
    const slow = (word: string) =>
      word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\./g, '');
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-zÀ-ÿ0-9 .'’sS-]{0,40}$/), (text) => {
        for (const t of tokenize(text)) {
          if (t.kind !== 'word') continue;
          expect(t.key).toBe(slow(text.slice(t.start, t.end)).replace(/ß/g, 'ss'));
          expect(['', "'s", '’s', "'S", '’S']).toContain(text.slice(t.end, t.outer));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('folds accents, case and typographic marks', () => {
    expect(fold('Qín’s STRAßE')).toBe("qin's strasse");
    expect(phraseKey('São  Paulo')).toBe('sao paulo');
    expect(phraseKey('Blinken’s')).toBe('blinken');
  });

  it('finds the first token at or after an offset', () => {
    const tokens = tokenize('one two three');
    expect(tokenAt(tokens, 0)).toBe(0);
    expect(tokenAt(tokens, 4)).toBe(1);
    expect(tokenAt(tokens, 5)).toBe(2);
    expect(tokenAt(tokens, 99)).toBe(3);
  });
});

describe('readText: paragraphs and sentences', () => {
  const sentences = (text: string) => {
    const doc = readText(text);
    return doc.sentences.map((s) => text.slice(s.start, s.end));
  };

  it('ends sentences at stops before a capital, not after abbreviations or initials', () => {
    expect(sentences('Mr. Blinken met Gov. Noem on Jan. 5. George W. Bush said no. Fine')).toEqual([
      'Mr. Blinken met Gov. Noem on Jan. 5.',
      'George W. Bush said no.',
      'Fine',
    ]);
  });

  it('keeps closing quote marks with their sentence and opens one after them', () => {
    // A sentence spans its tokens: an opening mark before its first word stays outside.
    expect(sentences('He spoke. “Then we left,” she said. “Fine.” Done')).toEqual([
      'He spoke.',
      'Then we left,” she said.',
      'Fine.',
      'Done',
    ]);
  });

  it('splits on CJK full stops and never across paragraphs', () => {
    expect(sentences('中方表示。美方同意！\nA line without a stop\nNext')).toEqual([
      '中方表示。',
      '美方同意！',
      'A line without a stop',
      'Next',
    ]);
  });

  it('reads an initialism at a sentence end as its end when a new sentence plainly starts', () => {
    expect(sentences('They met in the U.S. The talks went on.')).toEqual([
      'They met in the U.S.',
      'The talks went on.',
    ]);
  });

  it('maps every token to its sentence', () => {
    const doc = readText('One two. Three four.\nFive.');
    expect([...doc.sentenceOfToken]).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
    expect(doc.paragraphs.map((p) => [p.from, p.to])).toEqual([
      [0, 6],
      [6, 8],
    ]);
    expect(doc.words.map((t) => t.key)).toEqual(['one', 'two', 'three', 'four', 'five']);
  });

  it('never throws and keeps sentences inside the text on any input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const doc = readText(text);
        for (const s of doc.sentences) {
          expect(s.start).toBeLessThanOrEqual(s.end);
          expect(s.end).toBeLessThanOrEqual(text.length);
          expect(text.slice(s.start, s.end)).not.toContain('\n');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('the lexicon', () => {
  it('matches phrases over token keys, longest first, never over punctuation', () => {
    const set = new PhraseSet(['secretary', 'secretary of state', 'according to']);
    const tokens = tokenize('Secretary of State Blinken, according to, him');
    expect(set.matchAt(tokens, 0)).toBe(3);
    expect(set.matchAt(tokens, 5)).toBe(2);
    expect(set.matchEndingAt(tokens, 2)).toBe(3);
    expect(set.matchAt(tokenize('according, to'), 0)).toBe(0);
  });

  it('knows given names by sex, family names written first, places and verbs of saying', () => {
    expect(givenName('jennifer')).toBe('female');
    expect(givenName('antony')).toBe('male');
    expect(givenName('blinken')).toBeNull();
    expect(LEXICON.familyFirst.has('wang')).toBe(true);
    expect(LEXICON.places.matchAt(tokenize('South China Sea'), 0)).toBe(3);
    expect(LEXICON.speechVerbs.matchAt(tokenize('a-t-il déclaré'), 0)).toBeGreaterThan(0);
    expect(LEXICON.speechVerbs.matchAt(tokenize('表示'), 0)).toBe(2);
  });

  it('has every list filled and no empty entry', () => {
    for (const [name, value] of Object.entries(LEXICON)) {
      if (value instanceof Set)
        expect([name, value.size > 0 || name === 'x']).toEqual([name, true]);
      if (value instanceof PhraseSet) expect([name, value.size > 0]).toEqual([name, true]);
    }
  });
});
