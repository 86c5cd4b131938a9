// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  clippingOf,
  clippingsToJson,
  clippingsToMarkdown,
  parseClippingsFile,
  readClipping,
  type Clipping,
} from '../../lib/page/clippings';
import { pageSource } from '../../lib/page/page-source';

const LABELS = {
  heading: 'Clippings',
  fromPage: 'From the page',
  inCorpus: 'How the knowledge base’s sources worded this statement',
  wordingNotKept: 'wording not kept',
  saved: 'Saved',
};

const clipping: Clipping = {
  id: 'c1',
  text: 'We have made progress',
  speaker: 'Antony Blinken',
  quoteId: 'blinken-progress',
  page: {
    url: 'http://127.0.0.1:8080/a.html',
    title: 'A page',
    outlet: 'The Daily',
    author: 'Jane Roe',
    published: '2023-06-20',
  },
  corpus: [
    {
      source: 's1',
      outlet: 'Reuters',
      title: 'Blinken meets Xi',
      date: '2023-06-19',
      text: 'We made progress',
    },
    {
      source: 's2',
      outlet: 'AP',
      title: 'Talks in Beijing',
      date: '2023-06-19',
      text: 'Progress has been made',
    },
  ],
  savedAt: '2026-11-22T22:00:00.000Z',
};

/** A clipping as the first version 3 databases and version 1 export files kept it. */
const legacy = {
  id: 'old-1',
  text: 'We have made progress',
  speaker: 'Antony Blinken',
  quoteId: 'blinken-progress',
  citations: [{ outlet: 'Reuters', title: 'Blinken meets Xi', date: '2023-06-19', source: 's1' }],
  page: { url: 'https://www.example.com/a.html', title: 'A page' },
  savedAt: '2026-11-22T22:00:00.000Z',
};

describe('clippings files', () => {
  it('round-trips through JSON', () => {
    const other = { ...clipping, id: 'c2', speaker: null, quoteId: null, page: null, corpus: [] };
    expect(parseClippingsFile(clippingsToJson([clipping, other]))).toEqual({
      ok: true,
      value: [clipping, other],
    });
  });

  it('writes Markdown citing the page for its wording and each outlet for its own', () => {
    const markdown = clippingsToMarkdown([clipping], LABELS);
    expect(markdown).toContain('> We have made progress');
    expect(markdown).toContain('— Antony Blinken');
    expect(markdown).toContain(
      'From the page: Jane Roe, “A page”, The Daily, 2023-06-20, <http://127.0.0.1:8080/a.html>',
    );
    expect(markdown).toContain('- Reuters, “Blinken meets Xi”, 2023-06-19: “We made progress”');
    expect(markdown).toContain('- AP, “Talks in Beijing”, 2023-06-19: “Progress has been made”');
    // The page's words are never put next to a corpus outlet.
    expect(markdown).not.toMatch(/Reuters[^\n]*We have made progress/);
  });

  it('writes a quotation the corpus does not hold with the page citation alone', () => {
    const markdown = clippingsToMarkdown(
      [{ ...clipping, quoteId: null, corpus: [], page: { ...clipping.page!, author: null } }],
      LABELS,
    );
    expect(markdown).toContain(
      'From the page: “A page”, The Daily, 2023-06-20, <http://127.0.0.1:8080/a.html>',
    );
    expect(markdown).not.toContain(LABELS.inCorpus);
  });

  it('imports a version 1 file: its outlets become corpus entries without a wording', () => {
    const file = JSON.stringify({ format: 'bilateral-clippings', version: 1, clippings: [legacy] });
    const parsed = parseClippingsFile(file);
    expect(parsed.ok && parsed.value).toEqual([
      {
        id: 'old-1',
        text: 'We have made progress',
        speaker: 'Antony Blinken',
        quoteId: 'blinken-progress',
        page: {
          url: 'https://www.example.com/a.html',
          title: 'A page',
          outlet: 'example.com',
          author: null,
          published: null,
        },
        corpus: [
          {
            source: 's1',
            outlet: 'Reuters',
            title: 'Blinken meets Xi',
            date: '2023-06-19',
            text: null,
          },
        ],
        savedAt: '2026-11-22T22:00:00.000Z',
      },
    ]);
    expect(clippingsToMarkdown(parsed.ok ? parsed.value : [], LABELS)).toContain(
      '- Reuters, “Blinken meets Xi”, 2023-06-19: (wording not kept)',
    );
  });

  it('reads stored clippings of either shape, and nothing else', () => {
    expect(readClipping(clipping)).toEqual(clipping);
    expect(readClipping(legacy)?.corpus[0]?.text).toBeNull();
    expect(readClipping({ ...legacy, text: ' ' })).toBeNull();
    expect(readClipping('text')).toBeNull();
  });

  const file = (clippings: unknown) =>
    JSON.stringify({ format: 'bilateral-clippings', version: 2, clippings });

  it.each([
    ['text that is not JSON', '{"format": ', /^not a JSON file/],
    ['another JSON file', '{"clippings": []}', /^not a Bilateral clippings file/],
    [
      'a later version',
      JSON.stringify({ format: 'bilateral-clippings', version: 3, clippings: [] }),
      /^version: /,
    ],
    ['a clipping without text', file([{ ...clipping, text: '  ' }]), /^clippings\.0\.text: /],
    [
      'a bad date',
      file([{ ...clipping, corpus: [{ ...clipping.corpus[0], date: 'June' }] }]),
      /^clippings\.0\.corpus\.0\.date: .*ISO date/,
    ],
    [
      'a bad publication date',
      file([{ ...clipping, page: { ...clipping.page, published: 'Tuesday' } }]),
      /^clippings\.0\.page\.published: .*ISO date/,
    ],
    [
      'a bad timestamp',
      file([clipping, { ...clipping, id: 'c2', savedAt: 'yesterday' }]),
      /^clippings\.1\.savedAt: /,
    ],
    [
      'a page that is no URL',
      file([{ ...clipping, page: { ...clipping.page, url: 'here' } }]),
      /^clippings\.0\.page\.url: /,
    ],
    ['the same id twice', file([clipping, clipping]), /id c1 appears twice/],
    [
      'a bad version 1 file',
      JSON.stringify({
        format: 'bilateral-clippings',
        version: 1,
        clippings: [{ ...legacy, savedAt: 'x' }],
      }),
      /^clippings\.0\.savedAt: /,
    ],
    [
      'its own Markdown export, naming it',
      clippingsToMarkdown([clipping], LABELS),
      /^this is a Markdown export, .*import the JSON export instead$/,
    ],
  ])('refuses %s with a clear error', (_, text, error) => {
    const result = parseClippingsFile(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(error);
  });
});

describe('clippingOf', () => {
  const page = {
    url: 'https://news.example/a',
    title: 'Talks',
    outlet: 'News',
    author: null,
    published: '2023-06-19',
  };

  it('keeps the page’s wording with the page, and each corpus wording with its own source', () => {
    const result = clippingOf(
      {
        text: ' We have\n made progress ',
        speaker: 'Antony Blinken',
        quote: {
          id: 'q1',
          variants: [
            { source: 's2', text: 'Progress has been made' },
            { source: 's1', text: 'We made  progress' },
            { source: 'gone', text: 'A source the KB no longer has' },
          ],
        },
        sources: [
          { id: 's1', outlet: 'Reuters', title: 'A', date: '2023-06-19' },
          { id: 's2', outlet: 'AP', title: 'B', date: '2023-06-18' },
          { id: 's3', outlet: 'BBC', title: 'C', date: '2023-06-20' },
        ],
        page,
      },
      new Date('2026-11-22T22:00:00.000Z'),
      () => 0.5,
    );
    expect(result.text).toBe('We have made progress');
    expect(result.page).toEqual(page);
    expect(result.corpus).toEqual([
      {
        source: 's2',
        outlet: 'AP',
        title: 'B',
        date: '2023-06-18',
        text: 'Progress has been made',
      },
      { source: 's1', outlet: 'Reuters', title: 'A', date: '2023-06-19', text: 'We made progress' },
    ]);
    expect(result.savedAt).toBe('2026-11-22T22:00:00.000Z');
    expect(parseClippingsFile(clippingsToJson([result])).ok).toBe(true);
  });

  it('saves a quotation the corpus does not hold with the page citation', () => {
    const result = clippingOf({
      text: 'a new line',
      speaker: 'Jane Roe',
      quote: null,
      sources: [],
      page,
    });
    expect(result).toMatchObject({ quoteId: null, corpus: [], page });
  });
});

describe('pageSource', () => {
  const docOf = (head: string, body = '') =>
    new DOMParser().parseFromString(
      `<html><head>${head}</head><body>${body}</body></html>`,
      'text/html',
    );

  it('reads title, outlet, author and date from the page’s meta tags', () => {
    const doc = docOf(
      `<title>Talks | The Daily</title>
       <meta property="og:title" content="Talks in Beijing">
       <meta property="og:site_name" content="The Daily">
       <meta name="author" content="By Jane Roe">
       <meta property="article:published_time" content="2023-06-19T08:00:00Z">`,
    );
    expect(pageSource(doc, 'https://www.daily.example/talks')).toEqual({
      url: 'https://www.daily.example/talks',
      title: 'Talks in Beijing',
      outlet: 'The Daily',
      author: 'Jane Roe',
      published: '2023-06-19',
    });
  });

  it('falls back to JSON-LD, then to the page’s title and host', () => {
    const ld = JSON.stringify({
      '@graph': [
        {
          '@type': 'NewsArticle',
          author: [{ '@type': 'Person', name: 'Li Wei' }, { name: 'Ann Lee' }],
          publisher: { name: 'Wire Service' },
          datePublished: '2023-06-18',
        },
      ],
    });
    const doc = docOf(
      `<title>Plain title</title><script type="application/ld+json">${ld}</script>`,
    );
    expect(pageSource(doc, 'https://wire.example/x')).toMatchObject({
      title: 'Plain title',
      outlet: 'Wire Service',
      author: 'Li Wei, Ann Lee',
      published: '2023-06-18',
    });
    const bare = docOf('<title>Only a title</title>', '<p>text</p>');
    expect(pageSource(bare, 'http://www.example.org/p')).toEqual({
      url: 'http://www.example.org/p',
      title: 'Only a title',
      outlet: 'example.org',
      author: null,
      published: null,
    });
  });

  it('takes a rel or itemprop author’s name, never an author’s address', () => {
    const doc = docOf(
      '<meta property="article:author" content="https://daily.example/staff/roe">',
      '<p class="byline">by <a rel="author" href="/roe">Jane Roe</a></p>',
    );
    expect(pageSource(doc, 'https://daily.example/a').author).toBe('Jane Roe');
  });
});
