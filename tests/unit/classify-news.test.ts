import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { readQuotes } from '../../lib/annotate/document';
import { classifyNews } from '../../lib/classify/news';
import { pageMeta, schemaTypes } from '../../lib/extract/meta';
import { readText } from '../../lib/doc/text';
import { extractBody } from '../../lib/extract/body';

function judge(html: string) {
  const doc = new JSDOM(html).window.document;
  const body = extractBody(doc);
  const paragraphs = body.paragraphs.map((p) => p.text);
  const text = readText(paragraphs.join('\n'));
  return classifyNews({
    meta: pageMeta(doc, body.root).meta,
    paragraphs,
    text,
    quotes: readQuotes(text),
    pageChars: body.pageChars,
    pageLinkChars: body.pageLinkChars,
  });
}

const paragraphs = (sentences: string[]) => sentences.map((s) => `<p>${s}</p>`).join('');

const NEWS = `<html><head><meta property="og:type" content="article">
<meta property="article:published_time" content="2023-06-19T10:00:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"x"}</script>
</head><body><article><h1>Blinken and Qin hold talks</h1><div class="byline">By Jane Roe</div>
<div class="story-body">${paragraphs([
  'BEIJING, June 19 (Reuters) — US Secretary of State Antony Blinken held talks with his Chinese counterpart on Sunday, officials said.',
  'The two sides had candid and constructive discussions, a State Department spokesman said after the meeting, which lasted several hours.',
  'China’s foreign minister told Blinken that relations were at their lowest point since diplomatic ties were established, according to a statement.',
  'Blinken will meet President Xi Jinping on Monday, a US official told reporters, declining to give details of the plans.',
  'Both sides said they would keep channels of communication open and work to prevent misunderstandings from turning into conflict.',
])}</div></article></body></html>`;

describe('classifyNews', () => {
  it('recognises a news article by its metadata, dateline and reporting', () => {
    const verdict = judge(NEWS);
    expect(verdict.news).toBe(true);
    expect(verdict.reasons).toContain('schema.org NewsArticle');
    expect(verdict.features['text.dateline']).toBe(1);
    expect(verdict.features['meta.author']).toBe(1);
  });

  it('knows a news organisation by its address or its own name', () => {
    const cnn = NEWS.replace(
      '<head>',
      '<head><link rel="canonical" href="https://edition.cnn.com/2023/06/19/x">',
    );
    expect(judge(cnn).features['site.outlet']).toBe(1);
    const named = NEWS.replace('<head>', '<head><meta property="og:site_name" content="Le Monde">');
    expect(judge(named).features['site.outlet']).toBe(1);
    const lookalike = NEWS.replace(
      '<head>',
      '<head><link rel="canonical" href="https://notcnn.com/x">',
    );
    expect(judge(lookalike).features['site.outlet']).toBeUndefined();
  });

  it('rejects a homepage of headline links', () => {
    const links = Array.from(
      { length: 60 },
      (_, i) =>
        `<li><a href="/story/${i}">Headline number ${i} about the news of the day in some place</a></li>`,
    ).join('');
    const verdict = judge(`<html><head><meta property="og:type" content="website">
      <script type="application/ld+json">{"@type":"CollectionPage"}</script></head>
      <body><main><ul class="river">${links}</ul><p>A short blurb under the list, with a comma.</p></main></body></html>`);
    expect(verdict.news).toBe(false);
  });

  it('rejects an encyclopedia entry', () => {
    const verdict = judge(`<html><body><div id="mw-content-text"><div class="mw-parser-output">
      <table class="infobox"><tr><td>Capital</td><td>Beijing</td></tr></table>${paragraphs([
        'China, officially the People’s Republic of China, is a country in East Asia.[1] It is the second most populous country.[2]',
        'The history of China spans several millennia, and the country has been ruled by many dynasties over that time.[3][4]',
        'China is a unitary one-party socialist republic, and its capital is Beijing, while its largest city is Shanghai.[5]',
        'The economy of China is the second largest in the world by nominal GDP, and the largest by purchasing power.[6]',
      ])}</div></div></body></html>`);
    expect(verdict.news).toBe(false);
    expect(verdict.reasons.join(' ')).toMatch(/encyclopedia/);
  });

  it('rejects a product page', () => {
    const verdict = judge(`<html><head><meta property="og:type" content="product">
      <script type="application/ld+json">{"@type":"Product","name":"A Book"}</script></head><body><div class="product">${paragraphs(
        [
          'A sweeping history of the relationship between two great powers, told through the lives of the diplomats who shaped it.',
          'Paperback, 480 pages. ISBN: 978-0-00-000000-0. Price $24.99. In stock and ready to ship within two business days.',
          'Customer reviews: readers praise the book for its clear writing, its research and its balance, and its many maps.',
          'Add to cart now and get free shipping on orders over $35.00 this week only, at checkout, with no code required.',
        ],
      )}</div></body></html>`);
    expect(verdict.news).toBe(false);
  });

  it('reads schema.org types from JSON-LD graphs and from microdata around the article', () => {
    const doc =
      new JSDOM(`<head><script type="application/ld+json">{"@graph":[{"@type":["WebPage"]},{"@type":"NewsArticle"}]}</script></head>
      <body><div itemscope itemtype="https://schema.org/Person"><p id="r">x</p></div></body>`)
        .window.document;
    expect(schemaTypes(doc, doc.getElementById('r'))).toEqual(['WebPage', 'NewsArticle', 'Person']);
    expect(schemaTypes(doc)).toEqual(['WebPage', 'NewsArticle']);
  });
});
