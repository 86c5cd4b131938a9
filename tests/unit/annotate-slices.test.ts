import { JSDOM } from 'jsdom';
import { describe, expect, it, vi } from 'vitest';
import { analyseSteps, annotate, annotateSteps, SCAN_FACTOR } from '../../lib/annotate';
import { readPageSteps } from '../../lib/annotate/read';
import { runInSlices, runSteps } from '../../lib/steps';
import { MAX_BODY_CHARS, pauseFor } from '../../lib/annotate/slices';
import type { KnowledgeBase } from '../../lib/kb/types';
import { buildMatcherIndex } from '../../lib/match/matcher';

const person = (id: string, name: string, aliases: string[], role: string) => ({
  id,
  name,
  type: 'person' as const,
  aliases,
  role,
  description: '',
  facts: [],
  mentions: {},
});

const KB: KnowledgeBase = {
  sources: [],
  entities: [
    person('antony-blinken', 'Antony Blinken', ['Blinken'], 'US Secretary of State'),
    person('qin-gang', 'Qin Gang', ['Qin'], 'Chinese foreign minister'),
  ],
  quotes: [],
  events: [],
  discrepancies: [],
};
const index = buildMatcherIndex(KB);

const PARAGRAPHS = [
  'US Secretary of State Antony Blinken held talks in Beijing with Chinese Foreign Minister Qin Gang on Sunday, the first such visit in five years.',
  '“Relations between China and the United States are at a low point,” Qin told Blinken, according to the Chinese foreign ministry.',
  'The State Department said the two sides had candid talks on trade, tariffs and Taiwan, and agreed to keep channels of communication open.',
];

/** A news article about US–China talks, its paragraphs repeated `times` times. */
function article(times: number): Document {
  const body = Array.from({ length: times }, () =>
    PARAGRAPHS.map((p) => `<p>${p}</p>`).join(''),
  ).join('');
  return new JSDOM(
    `<!doctype html><html><head><meta property="og:type" content="article"></head><body><article><h1>Blinken and Qin hold talks as US and China seek to steady ties</h1>${body}</article></body></html>`,
  ).window.document;
}

describe('the reading in slices', () => {
  it('crosses from the page to the analysis as plain data and finds what annotate finds', () => {
    const doc = article(8);
    const whole = annotate(doc, index);
    const read = runSteps(readPageSteps(doc));
    // What the content script sends the background: it survives a structured clone and JSON.
    const sent = JSON.parse(JSON.stringify(structuredClone(read.page))) as typeof read.page;
    expect(sent).toEqual(read.page);
    const analysed = runSteps(analyseSteps(sent, index));
    expect(analysed.annotation).toEqual(whole.annotation);
    expect(read.map.text).toBe(whole.map.text);
    expect(read.page.meta.metas['og:type']).toBe('article');
  });

  it('finds what annotate finds, giving the main thread back between stages', async () => {
    const doc = article(8);
    const whole = annotate(doc, index);
    expect(whole.annotation.active).toBe(true);
    const pause = vi.fn(() => Promise.resolve());
    const sliced = await runInSlices(annotateSteps(doc, index, {}), pause, 0);
    expect(pause.mock.calls.length).toBeGreaterThanOrEqual(6);
    expect(sliced.annotation).toEqual(whole.annotation);
    expect(sliced.map.text).toBe(whole.map.text);
    expect(sliced.unread).toBe(0);
  });

  it('gives the main thread back after the last step too, so drawing starts a task of its own', async () => {
    const doc = article(8);
    let yields = 0;
    for (const steps = annotateSteps(doc, index); !steps.next().done;) yields++;
    expect(yields).toBeGreaterThan(6);
    const pause = vi.fn(() => Promise.resolve());
    await runInSlices(annotateSteps(doc, index, {}), pause, 0);
    expect(pause).toHaveBeenCalledTimes(yields + 1);
  });

  it('pauses only once a slice has run its time', async () => {
    const pause = vi.fn(() => Promise.resolve());
    await runInSlices(annotateSteps(article(2), index, {}), pause, 60_000);
    expect(pause).not.toHaveBeenCalled();
  });

  it('reads about maxChars of the body and says how many paragraphs it left', async () => {
    const doc = article(20);
    const all = annotate(doc, index);
    const cut = await runInSlices(annotateSteps(doc, index, { maxChars: 1000 }), () =>
      Promise.resolve(),
    );
    expect(cut.map.text.length).toBeLessThan(all.map.text.length);
    expect(cut.map.text.length).toBeGreaterThanOrEqual(1000);
    expect(cut.map.text.length).toBeLessThan(1000 + 200);
    expect(cut.unread).toBeGreaterThan(0);
    expect(cut.unread).toBeLessThan(60);
    expect(cut.cut).toBe(true);
    expect(all.cut).toBe(false);
    expect(cut.annotation.active).toBe(true);
    for (const mention of cut.annotation.mentions) {
      expect(mention.span.end).toBeLessThanOrEqual(cut.map.text.length);
    }
    expect(MAX_BODY_CHARS).toBeGreaterThan(all.map.text.length);
  });

  it('looks for the body in the first SCAN_FACTOR × maxChars of a page far longer than that', () => {
    const doc = article(200);
    const pageText = doc.body.textContent!.length;
    const cut = annotate(doc, index, { maxChars: 1000 });
    expect(cut.body.partial).toBe(true);
    expect(cut.body.pageChars).toBeLessThanOrEqual(1000 * SCAN_FACTOR);
    expect(cut.body.pageChars).toBeGreaterThan(1000 * SCAN_FACTOR - 200);
    expect(pageText).toBeGreaterThan(20 * 1000 * SCAN_FACTOR);
    expect(cut.cut).toBe(true);
    expect(cut.annotation.active).toBe(true);
    // Short of the bound, the whole page is searched.
    expect(annotate(article(2), index, { maxChars: 1000 }).body.partial).toBeUndefined();
  });

  it('pauses with a task behind the queue: scheduler.postTask, not scheduler.yield, else a message', async () => {
    const postTask = vi.fn((callback: () => void) => Promise.resolve(callback()));
    const yieldFn = vi.fn(() => Promise.resolve());
    await pauseFor({ scheduler: { postTask, yield: yieldFn } } as never)();
    expect(postTask).toHaveBeenCalledOnce();
    expect(yieldFn).not.toHaveBeenCalled();
    await expect(pauseFor({} as never)()).resolves.toBeUndefined();
  });
});
