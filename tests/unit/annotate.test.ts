import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import { annotate, headlineOf } from '../../lib/annotate';
import { extractBody } from '../../lib/extract/body';
import type { KnowledgeBase } from '../../lib/kb/types';
import { buildMatcherIndex } from '../../lib/match/matcher';

const KB: KnowledgeBase = {
  sources: [
    {
      id: 'wire',
      outlet: 'Wire',
      title: 'Talks',
      date: '2023-06-19',
      language: 'en',
      file: 'a.txt',
    },
  ],
  entities: [
    {
      id: 'antony-blinken',
      name: 'Antony Blinken',
      type: 'person',
      aliases: ['Blinken', 'Anthony Blinken'],
      role: 'US Secretary of State',
      description: '',
      facts: [],
      mentions: {},
    },
    {
      id: 'qin-gang',
      name: 'Qin Gang',
      type: 'person',
      aliases: ['Qin'],
      role: 'Chinese foreign minister',
      description: '',
      facts: [],
      mentions: {},
    },
    {
      id: 'china',
      name: 'China',
      type: 'place',
      aliases: [],
      role: '',
      description: '',
      facts: [],
      mentions: {},
    },
  ],
  quotes: [
    {
      id: 'qin-lowest-point',
      speaker: 'qin-gang',
      date: '2023-06-18',
      variants: [
        {
          source: 'wire',
          text: 'China-US relations are at their lowest point since diplomatic relations were established',
        },
      ],
    },
  ],
  events: [],
  discrepancies: [],
};

const index = buildMatcherIndex(KB);

const ARTICLE = `<!doctype html><html><head><meta property="og:type" content="article">
<script type="application/ld+json">{"@type":"NewsArticle"}</script></head><body>
<nav><a href="/">Home</a> <a href="/qin">Qin Gang profile</a> <a href="/blinken">Blinken in focus</a></nav>
<article><h1>Blinken and Qin hold talks as US and China seek to steady ties</h1>
<div class="article-body">
<p>BEIJING, June 19 (Wire) — US Secretary of State Antony Blinken held talks in Beijing with Chinese Foreign Minister Qin Gang on Sunday, the first visit by a top American diplomat in five years.</p>
<p>“China-US relations are at their lowest point since the establishment of diplomatic ties,” Qin told Blinken, according to the Chinese foreign ministry.</p>
<p>The State Department said the two sides had candid and constructive talks on trade, tariffs and Taiwan, and agreed to keep channels open.</p>
<p>Analysts said the meeting between the United States and China would not end their rivalry, but could slow the slide in relations.</p>
<p>The visit had been planned for February but was called off after a suspected surveillance balloon crossed the continental United States, an episode that deepened mistrust on both sides.</p>
</div></article>
<footer><p>More from Wire: Qin Gang, Antony Blinken and China coverage, all in one place.</p></footer>
</body></html>`;

const doc = (html: string) => new JSDOM(html).window.document;

describe('annotate', () => {
  it('annotates a news article about US–China relations: quotes, speakers, corpus links, entities from the body', () => {
    const { annotation, map, body } = annotate(doc(ARTICLE), index);
    expect(annotation.news.news).toBe(true);
    expect(annotation.topic.relevant).toBe(true);
    expect(annotation.active).toBe(true);
    expect(body.text).not.toContain('More from Wire');

    const quote = annotation.quotes.find((q) => q.text.startsWith('China-US relations'));
    expect(quote).toBeDefined();
    expect(map.text.slice(quote!.span.start, quote!.span.end)).toBe(
      'China-US relations are at their lowest point since the establishment of diplomatic ties,',
    );
    expect(quote!.speaker?.name).toBe('Qin Gang');
    expect(quote!.corpus?.id).toBe('qin-lowest-point');

    const counts = Object.fromEntries(annotation.entities.map((e) => [e.id, e.mentions]));
    // Mentions are counted in the body only: the nav and footer repeat every name.
    expect(counts['antony-blinken']).toBe(2);
    expect(counts['qin-gang']).toBe(2);
    for (const m of annotation.mentions) {
      expect(m.span.end).toBeGreaterThan(m.span.start);
      expect(map.text.slice(m.span.start, m.span.end)).toMatch(
        /^(Antony Blinken|Blinken|Qin Gang|Qin|China)$/,
      );
    }
  });

  it('keeps a short quotation attributed to a speaker, leaves out scare quotes and titles', () => {
    const html = ARTICLE.replace(
      '<p>Analysts said',
      '<p>Qin told Blinken that Washington must correct its “misperception” of China.</p>' +
        '<p>Commentators spoke of a “thaw” and cited the book “The Avoidable War” again.</p>' +
        '<p>Analysts said',
    );
    const texts = annotate(doc(html), index).annotation.quotes.map((q) => [
      q.text,
      q.speaker?.name ?? null,
    ]);
    expect(texts).toContainEqual(['misperception', 'Qin Gang']);
    expect(texts.map(([t]) => t)).not.toContain('thaw');
    expect(texts.map(([t]) => t)).not.toContain('The Avoidable War');
  });

  it('reads a <blockquote> without quote marks as a quotation', () => {
    const html = ARTICLE.replace(
      '<p>Analysts said',
      '<p>Blinken later wrote:</p><blockquote><p>We will keep the channels of communication open with Beijing.</p></blockquote>' +
        '<p>Analysts said',
    );
    const quote = annotate(doc(html), index).annotation.quotes.find((q) =>
      q.text.startsWith('We will keep the channels'),
    );
    expect(quote?.speaker?.name).toBe('Antony Blinken');
  });

  it('stays quiet on an article about something else', () => {
    const other = ARTICLE.replace(/Beijing|China|Chinese|Qin Gang|Qin/g, 'Ottawa');
    const { annotation } = annotate(doc(other), index);
    expect(annotation.news.news).toBe(true);
    expect(annotation.topic.relevant).toBe(false);
    expect(annotation.active).toBe(false);
    expect(annotation.quotes).toEqual([]);
    expect(annotation.entities).toEqual([]);
  });

  it('stops at the gate on a page without article-sized text', () => {
    const result = annotate(doc('<body><p>Just a line.</p><a href="/">Home</a></body>'), index);
    expect(result.gate.passed).toBe(false);
    expect(result.annotation.active).toBe(false);
    expect(result.annotation.news.reasons[0]).toMatch(/^no article-sized text/);
    expect(result.map.text).toBe('');
  });

  it('finds the headline near the body, else og:title, else the title without the site name', () => {
    const d = doc(ARTICLE);
    expect(headlineOf(d, extractBody(d))).toBe(
      'Blinken and Qin hold talks as US and China seek to steady ties',
    );
    const bare = doc('<head><title>Story title | The Site</title></head><body><p>x</p></body>');
    expect(headlineOf(bare, extractBody(bare))).toBe('Story title');
  });

  it('falls back to the built-in lexicon when the index carries a broken one', () => {
    const broken = { ...index, topic: { us: 'not a list' } };
    expect(annotate(doc(ARTICLE), broken).annotation.topic.relevant).toBe(true);
  });
});

describe('annotate on real pages (tests/fixtures/real-pages)', () => {
  const real = (p: string) =>
    doc(readFileSync(`tests/fixtures/real-pages/${p}/source.html`, 'utf8'));

  it('makes the AP story on Esper and China active', () => {
    const { annotation } = annotate(
      real(
        'article-extraction-benchmark/db6b0816c612296c7f1f001c6df874214fcca0da0fc86fb3aea9358c7f681754',
      ),
      index,
    );
    expect(annotation.news.news).toBe(true);
    expect(annotation.topic.relevant).toBe(true);
    expect(annotation.active).toBe(true);
  });

  it('leaves the Ars Technica story on a Minecraft exploit quiet', () => {
    const { annotation } = annotate(real('readability/ars-1'), index);
    expect(annotation.topic.relevant).toBe(false);
    expect(annotation.active).toBe(false);
  });
});
