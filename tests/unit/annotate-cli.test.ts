import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMatcherIndex } from '../../lib/match/matcher';
import { annotateHtml } from '../../scripts/annotate';
import { loadPage } from '../../scripts/load-page';

const index = buildMatcherIndex({
  sources: [],
  entities: [],
  quotes: [],
  events: [],
  discrepancies: [],
});

const paragraphs = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i}: the United States and China held talks in Beijing on trade and tariffs, officials said, “we made progress,” one of them said.</p>`,
).join('\n');
const PAGE = `<html><head><meta property="og:type" content="article"></head><body>
<article><h1>US and China hold trade talks in Beijing</h1><div class="article-body">${paragraphs}</div></article></body></html>`;

describe('npm run annotate', () => {
  it('prints the contract fields, and the body with blank lines between paragraphs', () => {
    const line = annotateHtml('page.html', PAGE, index, true);
    expect(Object.keys(line)).toEqual([
      'file',
      'news',
      'topic',
      'active',
      'quotes',
      'entities',
      'body',
    ]);
    expect(line.news).toBe(true);
    expect(line.topic?.relevant).toBe(true);
    expect(line.active).toBe(true);
    expect(line.quotes?.[0]).toEqual({
      text: 'we made progress,',
      speaker: null,
      key: false,
      corpus: null,
    });
    expect(line.body?.split('\n\n')).toHaveLength(6);
  });

  it('with --all gives the quotes of a page it stays quiet on, the verdicts as usual', () => {
    const football = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Paragraph ${i}: the home side won the cup final after extra time, and the coach was proud. “We never stopped running,” Maria Costa said after the match.</p>`,
    ).join('\n');
    const page = `<html><head><meta property="og:type" content="article"></head><body>
<article><h1>Cup final won after extra time</h1><div class="article-body">${football}</div></article></body></html>`;
    const quiet = annotateHtml('cup.html', page, index, false);
    const all = annotateHtml('cup.html', page, index, false, true);
    expect(quiet.active).toBe(false);
    expect(quiet.quotes).toEqual([]);
    expect([all.news, all.topic, all.active]).toEqual([quiet.news, quiet.topic, quiet.active]);
    expect(all.quotes?.[0]).toMatchObject({
      text: 'We never stopped running,',
      speaker: 'Maria Costa',
    });
  });

  it('parses a page whose inline CSS jsdom rejects, through DOMParser', () => {
    const html = `<html><head><style>.a { width: calc(($container-max-width - $secondary-max-width - 16px) / 16 * 9); }</style></head><body><p>Text</p></body></html>`;
    const page = loadPage(html);
    expect(page.parser).toBe('domparser');
    expect(page.doc.body.textContent).toBe('Text');
    page.close();
  });

  it('answers every file in order, an error object for an unreadable one, and exits 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bilateral-annotate-'));
    const good = path.join(dir, 'good.html');
    writeFileSync(good, PAGE);
    const matcher = path.join(dir, 'matcher.json');
    writeFileSync(matcher, JSON.stringify(index));
    const missing = path.join(dir, 'missing.html');
    let out: string;
    let status = 0;
    try {
      out = execFileSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/annotate.ts', '--json', '--matcher', matcher, missing, good],
        { encoding: 'utf8' },
      );
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      status = failed.status;
      out = failed.stdout;
    }
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(status).toBe(1);
    expect(lines.map((l) => l.file)).toEqual([missing, good]);
    expect(lines[0]!.error).toMatch(/ENOENT/);
    expect(lines[1]!.active).toBe(true);
  }, 60_000);
});
