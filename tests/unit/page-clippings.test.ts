import { describe, expect, it } from 'vitest';
import {
  clippingOf,
  clippingsToJson,
  clippingsToMarkdown,
  parseClippingsFile,
  type Clipping,
} from '../../lib/page/clippings';

const clipping: Clipping = {
  id: 'c1',
  text: 'We have made progress',
  speaker: 'Antony Blinken',
  quoteId: 'blinken-progress',
  citations: [{ outlet: 'Reuters', title: 'Blinken meets Xi', date: '2023-06-19', source: 's1' }],
  page: { url: 'http://127.0.0.1:8080/a.html', title: 'A page' },
  savedAt: '2026-11-22T22:00:00.000Z',
};

describe('clippings files', () => {
  it('round-trips through JSON', () => {
    const other = {
      ...clipping,
      id: 'c2',
      speaker: null,
      quoteId: null,
      page: null,
      citations: [],
    };
    expect(parseClippingsFile(clippingsToJson([clipping, other]))).toEqual({
      ok: true,
      value: [clipping, other],
    });
  });

  it('writes Markdown with the quote, speaker and citation', () => {
    const markdown = clippingsToMarkdown([clipping], 'Clippings');
    expect(markdown).toContain('> We have made progress');
    expect(markdown).toContain('— Antony Blinken');
    expect(markdown).toContain('- Reuters, “Blinken meets Xi”, 2023-06-19');
    expect(markdown).toContain('<http://127.0.0.1:8080/a.html>');
  });

  const file = (clippings: unknown) =>
    JSON.stringify({ format: 'bilateral-clippings', version: 1, clippings });

  it.each([
    ['text that is not JSON', '{"format": ', /^not a JSON file/],
    ['another JSON file', '{"clippings": []}', /^not a Bilateral clippings file/],
    [
      'a later version',
      JSON.stringify({ format: 'bilateral-clippings', version: 2, clippings: [] }),
      /^version: /,
    ],
    ['a clipping without text', file([{ ...clipping, text: '  ' }]), /^clippings\.0\.text: /],
    [
      'a bad date',
      file([{ ...clipping, citations: [{ outlet: 'AP', title: '', date: 'June' }] }]),
      /^clippings\.0\.citations\.0\.date: .*ISO date/,
    ],
    [
      'a bad timestamp',
      file([clipping, { ...clipping, id: 'c2', savedAt: 'yesterday' }]),
      /^clippings\.1\.savedAt: /,
    ],
    [
      'a page that is no URL',
      file([{ ...clipping, page: { url: 'here', title: '' } }]),
      /^clippings\.0\.page\.url: /,
    ],
    ['the same id twice', file([clipping, clipping]), /id c1 appears twice/],
    [
      'its own Markdown export, naming it',
      clippingsToMarkdown([clipping], 'Clippings'),
      /^this is a Markdown export, .*import the JSON export instead$/,
    ],
  ])('refuses %s with a clear error', (_, text, error) => {
    const result = parseClippingsFile(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(error);
  });
});

describe('clippingOf', () => {
  it('cites every source that carried the quote and nothing else', () => {
    const result = clippingOf(
      {
        text: ' We have\n made progress ',
        speaker: 'Antony Blinken',
        quote: { id: 'q1', variants: [{ source: 's2' }, { source: 's1' }] },
        sources: [
          { id: 's1', outlet: 'Reuters', title: 'A', date: '2023-06-19' },
          { id: 's2', outlet: 'AP', title: 'B', date: '2023-06-18' },
          { id: 's3', outlet: 'BBC', title: 'C', date: '2023-06-20' },
        ],
        page: null,
      },
      new Date('2026-11-22T22:00:00.000Z'),
      () => 0.5,
    );
    expect(result.text).toBe('We have made progress');
    expect(result.citations.map((c) => c.outlet)).toEqual(['Reuters', 'AP']);
    expect(result.savedAt).toBe('2026-11-22T22:00:00.000Z');
    expect(parseClippingsFile(clippingsToJson([result])).ok).toBe(true);
  });
});
