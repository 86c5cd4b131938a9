import { describe, expect, it } from 'vitest';
import { metricsOf, shingleMatch, tokenize } from '../../scripts/eval-shingles';

describe('benchmark scoring (word 4-gram shingles)', () => {
  it('tokenizes like Python’s \\w+ on str', () => {
    expect(tokenize('naïve café, U.S.-China: 1½ ok_go 一二')).toEqual([
      'naïve',
      'café',
      'U',
      'S',
      'China',
      '1½',
      'ok_go',
      '一二',
    ]);
  });

  it('counts shingles as multisets and normalises per page', () => {
    const exact = shingleMatch('one two three four five', 'one two three four five');
    expect(exact).toEqual({ tp: 1, fp: 0, fn: 0, exact: true });
    // truth: (1 2 3 4), (2 3 4 5); prediction: (1 2 3 4), (2 3 4 6)
    const half = shingleMatch('1 2 3 4 5', '1 2 3 4 6');
    expect(half.tp).toBeCloseTo(1 / 3);
    expect(half.fp).toBeCloseTo(1 / 3);
    expect(half.fn).toBeCloseTo(1 / 3);
    expect(half.exact).toBe(false);
    // Fewer than four tokens form one shorter shingle.
    expect(shingleMatch('a b', 'a b').tp).toBe(1);
  });

  it('averages precision over pages with output and recall over all, F1 from the averages', () => {
    const pages = [shingleMatch('1 2 3 4 5', '1 2 3 4 5'), shingleMatch('1 2 3 4 5', '')];
    const m = metricsOf(pages);
    expect(m.precision).toBe(1);
    expect(m.recall).toBe(0.5);
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(m.accuracy).toBe(0.5);
  });
});
