import { describe, expect, it } from 'vitest';
import { compareWordings } from '../../lib/page/wording';

const text = (segments: { text: string; changed: boolean }[]) =>
  segments.map((s) => (s.changed ? `[${s.text}]` : s.text)).join('');

describe('compareWordings', () => {
  it('marks the words each wording does not share with the first', () => {
    const [a, b] = compareWordings([
      'We have made progress on some specific issues',
      'We made progress on a number of specific issues',
    ]);
    expect(text(b!)).toBe('We made progress on [a number of] specific issues');
    expect(text(a!)).toBe('We [have] made progress on [some] specific issues');
  });

  it('keeps every wording whole', () => {
    const wordings = [
      'Taiwan is the core.',
      'Taiwan is at the core!',
      'Die Taiwan-Frage ist der Kern.',
    ];
    const result = compareWordings(wordings);
    result.forEach((segments, i) => expect(segments.map((s) => s.text).join('')).toBe(wordings[i]));
  });

  it('marks nothing when the wordings agree (ignoring case)', () => {
    const result = compareWordings(['We must talk.', 'we must talk.']);
    expect(result.flat().some((s) => s.changed)).toBe(false);
  });

  it('handles no wordings and one wording', () => {
    expect(compareWordings([])).toEqual([]);
    expect(compareWordings(['alone'])).toEqual([[{ text: 'alone', changed: false }]]);
  });
});
