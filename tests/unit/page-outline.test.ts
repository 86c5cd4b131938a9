import { describe, expect, it } from 'vitest';
import { selectKeyQuotes, TOP_QUOTES } from '../../lib/page/outline';

const quote = (index: number, score?: number) => ({ index, score });

describe('selectKeyQuotes', () => {
  it('shows the highest-ranked five in page order and folds the rest in page order', () => {
    const quotes = [
      quote(0, 0.5),
      quote(3, 0.9),
      quote(4, 0.6),
      quote(7, 0.95),
      quote(9, 0.7),
      quote(11, 0.55),
      quote(12, 0.8),
    ];
    const { shown, folded } = selectKeyQuotes(quotes);
    expect(TOP_QUOTES).toBe(5);
    expect(shown.map((q) => q.index)).toEqual([3, 4, 7, 9, 12]);
    expect(folded.map((q) => q.index)).toEqual([0, 11]);
  });

  it('breaks ties by place, reads a missing score as 0 and keeps a short list whole', () => {
    const { shown, folded } = selectKeyQuotes(
      [quote(5, 0.6), quote(1, 0.6), quote(2), quote(8, 0.6)],
      2,
    );
    expect(shown.map((q) => q.index)).toEqual([1, 5]);
    expect(folded.map((q) => q.index)).toEqual([2, 8]);
    expect(selectKeyQuotes([quote(2, 0.1), quote(1, 0.2)]).folded).toEqual([]);
    expect(selectKeyQuotes([]).shown).toEqual([]);
  });
});
