import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { extractBody, extractBodySteps, schemaArticleBody } from '../../lib/extract/body';
import { noiseKind } from '../../lib/extract/noise';
import { textMapOfParagraphs } from '../../lib/dom/textmap';
import { shingleMatch } from '../../scripts/eval-shingles';

const doc = (html: string) => new JSDOM(html).window.document;

const para = (n: number) =>
  `<p>Paragraph ${n} of the story, long enough to be article text, with a comma, a clause and another clause that runs on for a while.</p>`;

const ARTICLE = `<!doctype html><html><body>
<div class="cookie-consent"><p>We use cookies to improve your experience on our site, and by continuing you agree to it.</p></div>
<header class="site-header"><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/china">China</a></nav></header>
<main><article>
  <h1>Headline of the story</h1>
  <div class="byline">By A. Reporter</div>
  <div class="story-body">
    ${para(1)}${para(2)}
    <figure><img src="x.png"><figcaption>An unrelated picture caption that should never count as body text at all.</figcaption></figure>
    ${para(3)}
    <h2>A subhead inside the story</h2>
    ${para(4)}
    <aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Another story about something else entirely</a></li><li><a href="/b">Yet another headline that links away from here</a></li></ul></aside>
    ${para(5)}
    <p>Advertisement</p>
  </div>
</article>
<section class="comments"><h3>Leave a Reply</h3><p>Great article, I really enjoyed reading it and will share it with all my friends today.</p></section>
</main>
<footer class="site-footer"><p>Copyright 2023 The Paper. All rights reserved. Terms of service and privacy policy apply.</p></footer>
</body></html>`;

describe('extractBody', () => {
  it('never reads hidden, scripted or editable text, and goes on after it', () => {
    const d = doc(`<!doctype html><html><body><main><article><div class="story-body">
      ${para(1)}
      <div style="display: none"><p>Hidden text that a reader never sees on the page at all.</p><div><p>Nested hidden.</p></div></div>
      ${para(2)}
      <section><p aria-hidden="true">Text kept from screen readers and from the body alike.</p><script>var x = 'script text';</script></section>
      <div><div contenteditable="true"><p>Editable text.</p></div></div>
      ${para(3)}
    </div></article></main></body></html>`);
    const texts = extractBody(d, { noise: noiseKind }).paragraphs.map((p) => p.text);
    expect(texts).toEqual([1, 2, 3].map((n) => para(n).slice(3, -4)));
  });

  it('keeps the story paragraphs and subheads, and drops chrome, captions, related links and comments', () => {
    const d = doc(ARTICLE);
    const body = extractBody(d, { noise: noiseKind });
    const texts = body.paragraphs.map((p) => p.text);
    expect(texts.filter((t) => t.startsWith('Paragraph'))).toHaveLength(5);
    expect(texts).toContain('A subhead inside the story');
    expect(body.paragraphs.find((p) => p.text === 'A subhead inside the story')?.heading).toBe(
      true,
    );
    const all = body.text;
    for (const unwanted of [
      'cookies',
      'Home',
      'caption',
      'Another story',
      'Great article',
      'Copyright',
      'Headline of the story',
      'Advertisement',
    ]) {
      expect(all).not.toContain(unwanted);
    }
    expect(body.root?.className).toBe('story-body');
    expect(all.split('\n\n')).toHaveLength(texts.length);
  });

  it('gives text nodes that map back exactly, and leaves the page unchanged', () => {
    const d = doc(ARTICLE);
    const before = d.body.textContent;
    const count = d.getElementsByTagName('*').length;
    const body = extractBody(d);
    const map = textMapOfParagraphs(body.paragraphs.map((p) => p.nodes));
    map.nodes.forEach((node, i) => {
      const start = map.starts[i]!;
      expect(map.text.slice(start, start + node.data.length)).toBe(node.data.replace(/\s/g, ' '));
    });
    expect(map.text).toContain('Paragraph 3 of the story');
    expect(d.body.textContent).toBe(before);
    expect(d.getElementsByTagName('*').length).toBe(count);
  });

  it('joins an article split into sibling blocks around an ad', () => {
    const d = doc(`<body><div class="page">
      <div class="article-part">${para(1)}${para(2)}${para(3)}</div>
      <div class="ad-slot"><p>Buy our product now, it is the best product you will ever buy anywhere.</p></div>
      <div class="article-part">${para(4)}${para(5)}</div>
      <div class="sidebar"><ul><li><a href="/x">A link elsewhere</a></li></ul></div>
    </div></body>`);
    const texts = extractBody(d).paragraphs.map((p) => p.text);
    expect(texts.filter((t) => t.startsWith('Paragraph'))).toHaveLength(5);
    expect(texts.join(' ')).not.toContain('Buy our product');
  });

  it('treats a div of text broken by <br> as a paragraph container', () => {
    const d = doc(`<body><div class="menu"><a href="/">Home</a> <a href="/a">About</a></div>
      <div class="col">The first block of a story written straight into a div, with commas, clauses and more words.<br><br>
      The second block continues the story, still in the same div, and it runs on for a good while too.</div></body>`);
    const body = extractBody(d);
    expect(body.text).toContain('The second block continues');
    expect(body.text).not.toContain('Home');
  });

  it('reads the schema.org articleBody and prefers the paragraphs it confirms', () => {
    const story =
      'The minister arrived in the capital on Monday for two days of talks about trade and security.';
    const d = doc(`<head><script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'NewsArticle', articleBody: `${story} ${story} ${story}` }],
    })}</script></head><body><div class="x"><p>${story}</p><p>${story}</p></div>
      <div class="y"><p>Some other text that is not the article, with commas, clauses, and more, and more, and more.</p></div></body>`);
    expect(schemaArticleBody(d)).toContain('The minister arrived');
    expect(extractBody(d).text).toContain('The minister arrived');
  });

  it('ignores broken JSON-LD and returns nothing for a page without text', () => {
    const d = doc(
      '<head><script type="application/ld+json">{not json</script></head><body><img src="a.png"></body>',
    );
    expect(schemaArticleBody(d)).toBeNull();
    const body = extractBody(d);
    expect(body.root).toBeNull();
    expect(body.paragraphs).toEqual([]);
    expect(body.text).toBe('');
  });

  it("leaves out an encyclopedia's infobox and table of contents, as on Wikipedia", () => {
    const d = doc(`<body><div id="bodyContent">
      <table class="infobox vcard"><caption>Mozilla</caption><tr><th>Founded</th><td>February 28, 1998</td></tr><tr><th>Founder</th><td>Netscape Communications Corporation and its many engineers</td></tr></table>
      ${para(1)}
      <div id="toc" class="toc"><h2>Contents</h2><ol><li>History of the organisation and its early years</li><li>Products and projects over the decades</li></ol></div>
      ${para(2)}${para(3)}
      <table class="navbox"><tr><td>Mozilla projects, foundations, corporations and their many related software products</td></tr></table>
    </div></body>`);
    const texts = extractBody(d).paragraphs.map((p) => p.text);
    expect(texts).toHaveLength(3);
    expect(texts.join(' ')).not.toMatch(/Founder|Contents|History of|navbox|Mozilla projects/);
  });

  it('keeps paragraphs that an old layout sets apart with <br> or <br><br> apart', () => {
    const story = (n: number) =>
      `Paragraph ${n} of an old table layout, long enough to be article text, with a comma and a clause.`;
    const d = doc(
      `<body><table><tr><td><font face="Arial">${story(1)}<br><br>${story(2)}<br>\n<br><b>${story(3)}</b> and more<br>a line of the same paragraph.</font></td></tr></table></body>`,
    );
    const body = extractBody(d);
    expect(body.paragraphs.map((p) => p.text)).toEqual([
      story(1),
      story(2),
      `${story(3)} and more`,
      'a line of the same paragraph.',
    ]);
    const map = textMapOfParagraphs(body.paragraphs.map((p) => p.nodes));
    expect(map.text.split('\n')).toHaveLength(4);
    expect(new Set(body.paragraphs.map((p) => p.element)).size).toBe(1);
  });

  it('looks at no more than maxScanChars of the page, leaving out the paragraph it stops in', () => {
    const paragraphs = Array.from({ length: 400 }, (_, n) => para(n + 1)).join('');
    const d = doc(`<body><nav><a href="/">Home</a></nav><article>${paragraphs}</article></body>`);
    const whole = extractBody(d);
    expect(whole.partial).toBeUndefined();
    const part = extractBody(d, { maxScanChars: 5000 });
    expect(part.partial).toBe(true);
    expect(part.root).toBe(whole.root);
    expect(part.pageChars).toBeLessThanOrEqual(5000);
    expect(part.paragraphs.length).toBeGreaterThan(10);
    expect(part.paragraphs.length).toBeLessThan(whole.paragraphs.length / 10);
    // Every paragraph kept is whole: the same text as in the full extraction.
    part.paragraphs.forEach((p, i) => expect(p.text).toBe(whole.paragraphs[i]!.text));
    // A bound the page does not reach changes nothing.
    expect(extractBody(d, { maxScanChars: 10_000_000 })).toEqual(whole);
  });

  it('scores well on a real benchmark page (Houston Chronicle / AP) with the benchmark scoring', () => {
    const dir =
      'tests/fixtures/real-pages/article-extraction-benchmark/db6b0816c612296c7f1f001c6df874214fcca0da0fc86fb3aea9358c7f681754';
    const d = doc(readFileSync(`${dir}/source.html`, 'utf8'));
    const truth = JSON.parse(readFileSync(`${dir}/ground-truth.json`, 'utf8')) as {
      articleBody: string;
    };
    const counts = shingleMatch(truth.articleBody, extractBody(d, { noise: noiseKind }).text);
    expect(counts.tp / (counts.tp + counts.fp)).toBeGreaterThan(0.9);
    expect(counts.tp / (counts.tp + counts.fn)).toBeGreaterThan(0.9);
  });
});

describe('extractBodySteps', () => {
  it('breaks a long page’s walk into steps and finds what extractBody finds', () => {
    const paragraphs = Array.from({ length: 3000 }, (_, i) => para(i)).join('\n');
    const d = doc(`<!doctype html><html><body><article>${paragraphs}</article></body></html>`);
    const steps = extractBodySteps(d, { noise: noiseKind });
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    // About 6,000 nodes (each paragraph an element and its text): the walk alone yields.
    expect(yields).toBeGreaterThan(3);
    const whole = extractBody(d, { noise: noiseKind });
    expect(step.value.text).toBe(whole.text);
    expect(step.value.paragraphs).toHaveLength(3000);
  });
});
