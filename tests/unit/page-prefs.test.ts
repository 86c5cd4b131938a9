import { describe, expect, it } from 'vitest';
import type { Clipping } from '../../lib/page/clippings';
import { decide, DEFAULT_SETTINGS, mayDraw, mergeClippings } from '../../lib/page/prefs';
import type { Prefs } from '../../lib/protocol';

const prefs = (enabled: boolean, site: Prefs['site']): Prefs => ({
  host: 'example.com',
  site,
  settings: { ...DEFAULT_SETTINGS, enabled },
});

describe('decide', () => {
  it.each([
    // enabled, site, page, active → draw, offBy
    [true, null, null, true, true, undefined],
    [true, null, null, false, false, undefined],
    [true, 'always', null, false, true, undefined],
    [true, 'never', null, true, false, 'site'],
    [false, 'always', null, true, false, 'global'],
    [false, null, null, true, false, 'global'],
    [false, 'never', true, false, true, undefined],
    [true, 'always', false, true, false, 'page'],
  ] as const)(
    'enabled %s, site %s, page %s, active %s → %s',
    (enabled, site, page, active, draw, offBy) => {
      expect(decide(prefs(enabled, site), page, active)).toEqual(
        offBy ? { draw, offBy } : { draw },
      );
    },
  );

  it('loads nothing for a page no switch lets through', () => {
    expect(mayDraw(prefs(false, null), null)).toBe(false);
    expect(mayDraw(prefs(true, 'never'), null)).toBe(false);
    expect(mayDraw(prefs(true, 'never'), true)).toBe(true);
    expect(mayDraw(prefs(true, null), null)).toBe(true);
  });
});

describe('mergeClippings', () => {
  const clip = (id: string, text = id): Clipping => ({
    id,
    text,
    speaker: null,
    quoteId: null,
    page: null,
    corpus: [],
    savedAt: '2026-01-01T00:00:00.000Z',
  });

  it('adds new clippings and keeps the existing one on the same id', () => {
    const result = mergeClippings([clip('a', 'mine')], [clip('a', 'theirs'), clip('b')]);
    expect(result.all.map((c) => c.text)).toEqual(['mine', 'b']);
    expect(result.added).toBe(1);
    expect(result.skipped).toBe(1);
  });
});
