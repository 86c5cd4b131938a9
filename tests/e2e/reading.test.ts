/**
 * The reading experience in Chromium and Firefox with the built extension: highlights drawn
 * where the pipeline found quotes and names (and nowhere else), the page's DOM left as it was
 * apart from Bilateral's one host, cards opened by pointer, click and keyboard, the switches,
 * the badge, clippings export and import, axe-core checks, and the README's screenshots.
 */
import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect } from 'vitest';
import { LEGEND } from '../../lib/page/legend';
import { DEFAULT_SETTINGS } from '../../lib/page/prefs';
import type { PageState } from '../../lib/protocol';
import type { Clipping } from '../../lib/page/clippings';
import {
  BROWSERS,
  DOCS_DIR,
  saveScreenshot,
  fixtureServerForFile,
  sessionForFile,
  waitFor,
  type ExtensionSession,
  callBackground,
  axeViolations,
} from './harness';

const ARTICLE = 'pages/us-china-article.html';
const UNRELATED = ['pages/short-page.html', 'real-pages/readability/ars-1/source.html'];
/**
 * A screenshot of what the reader sees (the viewport, not the whole page: a card is fixed to
 * the viewport), once the card's entrance has settled.
 */
async function shoot(page: Page, name: string) {
  await new Promise((resolve) => setTimeout(resolve, 400));
  await mkdir(DOCS_DIR, { recursive: true });
  await page.screenshot({
    path: path.join(DOCS_DIR, `${name}.png`) as `${string}.png`,
    type: 'png',
  });
}

/** Every `bilateral-` highlight in the page, as the texts of its ranges. */
const highlightsIn = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...CSS.highlights.entries()]
        .filter(([name]) => name.startsWith('bilateral-'))
        .map(([name, highlight]) => [
          name,
          [...highlight].map((range) => range.toString().replace(/\s+/g, ' ')),
        ]),
    ),
  ) as Promise<Record<string, string[]>>;

/** The open card inside Bilateral's host: its kind, title and text; null when none is open. */
const cardIn = (page: Page) =>
  page.evaluate(() => {
    const card = document.querySelector('bilateral-cards')?.shadowRoot?.querySelector('.card');
    if (!card || !card.querySelector('h2')) return null;
    return {
      kind: card.getAttribute('data-card'),
      title: card.querySelector('h2')!.textContent,
      text: card.textContent ?? '',
      wordings: [...card.querySelectorAll('.wording figcaption')].map((f) => f.textContent),
      marks: card.querySelectorAll('mark.diff').length,
      focused:
        document.activeElement?.tagName.toLowerCase() === 'bilateral-cards'
          ? (document.activeElement.shadowRoot?.activeElement?.tagName ?? null)
          : null,
    };
  });

/** How far the open card reaches past the window's edges, in CSS pixels (0 when inside). */
const cardOverflow = (page: Page) =>
  page.evaluate(() => {
    const box = document
      .querySelector('bilateral-cards')!
      .shadowRoot!.querySelector('.card')!
      .getBoundingClientRect();
    return Math.max(0, -box.top, -box.left, box.bottom - innerHeight, box.right - innerWidth);
  });

/** Whether the open card lies over the highlighted words it was opened from. */
const cardCovers = (page: Page, highlight: string, text: string) =>
  page.evaluate(
    (name, wanted) => {
      const range = [...(CSS.highlights.get(name) ?? [])].find((r) =>
        r.toString().includes(wanted),
      ) as Range;
      const words = range.getClientRects()[0]!;
      const card = document
        .querySelector('bilateral-cards')!
        .shadowRoot!.querySelector('.card')!
        .getBoundingClientRect();
      return (
        card.left < words.right &&
        words.left < card.right &&
        card.top < words.bottom &&
        words.top < card.bottom
      );
    },
    highlight,
    text,
  );

/** Scrolls a highlighted range into view and returns the middle of its first line box. */
const pointOn = (
  page: Page,
  highlight: string,
  text: string,
  block: ScrollLogicalPosition = 'center',
) =>
  page.evaluate(
    (name, wanted, where) => {
      const range = [...(CSS.highlights.get(name) ?? [])].find((r) =>
        r.toString().includes(wanted),
      ) as Range | undefined;
      if (!range) throw new Error(`no ${name} range with "${wanted}"`);
      range.startContainer.parentElement!.scrollIntoView({ block: where });
      const box = range.getClientRects()[0]!;
      return { x: box.left + Math.min(box.width / 2, 20), y: box.top + box.height / 2 };
    },
    highlight,
    text,
    block,
  );

/**
 * How yellow the screen is around a point, as the browser painted it: the largest R + G − 2B
 * over a small clip of a screenshot (a key quote's tint is yellow on light and dark pages; text,
 * white and near-black paper score about 0). The page decodes the picture without touching its
 * DOM.
 */
async function tintAt(page: Page, point: { x: number; y: number }): Promise<number> {
  // The clip is in page coordinates; the point is in the viewport's.
  const scroll = await page.evaluate(() => ({ x: scrollX, y: scrollY }));
  const png = await page.screenshot({
    type: 'png',
    encoding: 'base64',
    clip: { x: scroll.x + point.x - 12, y: scroll.y + point.y - 4, width: 24, height: 8 },
  });
  return page.evaluate(async (data) => {
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let most = -Infinity;
    for (let i = 0; i < pixels.length; i += 4) {
      most = Math.max(most, pixels[i]! + pixels[i + 1]! - 2 * pixels[i + 2]!);
    }
    return most;
  }, png);
}

/** The page's markup, with Bilateral's host taken out. */
const markupWithoutHost = (page: Page) =>
  page.evaluate(() => {
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('bilateral-cards').forEach((host) => host.remove());
    return new XMLSerializer().serializeToString(clone);
  });

describe.each(BROWSERS)('%s: reading an article with Bilateral', (name) => {
  let session: ExtensionSession;
  let article: Page;
  let articleTab: number;
  const stateOf = (tabId: number) =>
    waitFor(() => callBackground<PageState | null>(session, 'tab/state', { tabId }), {
      what: `tab ${tabId}'s state`,
    });

  /** Waits until the article's highlights are as `expect` wants (present or gone). */
  const waitHighlights = (present: boolean) =>
    waitFor(
      async () => {
        const names = Object.keys(await highlightsIn(article));
        return present ? names.length > 0 : names.length === 0;
      },
      { what: present ? 'highlights to be drawn' : 'highlights to be gone' },
    );

  const server = fixtureServerForFile();
  const { test } = sessionForFile(name, {
    ready: async (launched) => {
      session = launched;
      article = await session.openPage(server.url(ARTICLE));
      articleTab = await session.tabIdOf(server.url(ARTICLE));
      await waitHighlights(true);
    },
  });

  test('draws key quotes and known names where the pipeline found them', async () => {
    const drawn = await highlightsIn(article);
    expect(Object.keys(drawn).sort()).toEqual([
      'bilateral-concept',
      'bilateral-event',
      'bilateral-organization',
      'bilateral-person',
      'bilateral-place',
      'bilateral-quote',
    ]);
    expect(drawn['bilateral-quote']).toHaveLength(9);
    expect(drawn['bilateral-quote']).toContain('at the lowest point');
    expect(drawn['bilateral-quote']).toContain('Frank, substantial and constructive');
    expect(drawn['bilateral-person']).toContain('Secretary of State Antony Blinken');
    // Each name at its first mention only: Blinken is named a dozen times, Qin Gang (first as
    // "Chen Gang") five.
    expect(drawn['bilateral-person']!.filter((words) => /Blinken|Gang|Qin/.test(words))).toEqual([
      'Secretary of State Antony Blinken',
      'Chen Gang',
    ]);
    // Countries and capitals ("China", "Beijing", "Washington", "US", "Taiwan") not at all.
    expect(drawn['bilateral-place']).toEqual(['Diaoyutai Gardens', 'San Francisco']);
    const entityMarks = Object.entries(drawn)
      .filter(([kind]) => kind !== 'bilateral-quote')
      .reduce((n, [, list]) => n + list.length, 0);
    // Each highlight is registered once, with quotes below names.
    const priorities = await article.evaluate(() => ({
      quote: CSS.highlights.get('bilateral-quote')!.priority,
      person: CSS.highlights.get('bilateral-person')!.priority,
    }));
    expect(priorities.person).toBeGreaterThan(priorities.quote);
    const state = await stateOf(articleTab);
    expect(state.phase).toBe('active');
    expect(state.quotes).toHaveLength(9);
    expect(state.mentionCount).toBe(entityMarks);
    if (name === 'chromium') {
      await article.setViewport({ width: 1000, height: 760 });
      await article.bringToFront();
      await shoot(article, 'highlighted-page');
    }
  });

  test('shows the number of key quotes on the toolbar badge', async () => {
    const badge = await session.inExtension(
      (ext, tabId: number) =>
        (
          ext as unknown as { action: { getBadgeText(d: { tabId: number }): Promise<string> } }
        ).action.getBadgeText({ tabId }),
      articleTab,
    );
    expect(badge).toBe('9');
  });

  for (const fixture of UNRELATED) {
    test(`draws nothing and adds nothing on ${fixture}`, async () => {
      const page = await session.openPage(server.url(fixture));
      const tabId = await session.tabIdOf(server.url(fixture));
      const state = await stateOf(tabId);
      expect(['gated-out', 'quiet']).toContain(state.phase);
      expect(await highlightsIn(page)).toEqual({});
      expect(await page.evaluate(() => document.querySelector('bilateral-cards'))).toBeNull();
      expect(await page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
      await page.close();
    });
  }

  test('leaves the page DOM as it was, apart from its one host', async () => {
    const fresh = await article.evaluate(async () => {
      const html = await (await fetch(location.href)).text();
      const parsed = new DOMParser().parseFromString(html, 'text/html');
      return new XMLSerializer().serializeToString(parsed.documentElement);
    });
    // Scripts in the fixture could change the DOM themselves; it has none.
    expect(fresh).not.toContain('<script');
    expect(await markupWithoutHost(article)).toBe(fresh);
    const extra = await article.evaluate(() =>
      [...document.querySelectorAll('*')]
        .filter((e) => e.tagName.includes('-'))
        .map((e) => e.tagName),
    );
    expect(extra.every((tag) => tag === 'BILATERAL-CARDS')).toBe(true);
  });

  test('opens an entity card by pointing, after a short rest, and lets it go', async () => {
    await article.bringToFront();
    const point = await pointOn(article, 'bilateral-person', 'Secretary of State Antony Blinken');
    await article.mouse.move(point.x, point.y + 200);
    await article.mouse.move(point.x, point.y, { steps: 4 });
    // Hover intent: nothing yet right away.
    expect(await cardIn(article)).toBeNull();
    const card = await waitFor(() => cardIn(article), { what: 'the entity card' });
    expect(card.kind).toBe('person');
    expect(card.title).toBe('Antony Blinken');
    expect(card.text).toContain('US Secretary of State');
    expect(card.text).toContain('What the sources say');
    expect(card.text).toMatch(/1 of \d+ on this page/);
    // Pointing does not move focus.
    expect(card.focused).toBeNull();
    if (name === 'chromium') await shoot(article, 'entity-card');
    // Moving from the name into the card keeps it open past the grace period.
    const inside = await article.evaluate(() => {
      const box = document
        .querySelector('bilateral-cards')!
        .shadowRoot!.querySelector('.card')!
        .getBoundingClientRect();
      return { x: box.left + 30, y: box.top + 30 };
    });
    await article.mouse.move(inside.x, inside.y, { steps: 6 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await cardIn(article))?.title).toBe('Antony Blinken');
    // Moving away closes it after the grace period.
    await article.mouse.move(5, 5, { steps: 4 });
    await waitFor(async () => (await cardIn(article)) === null, { what: 'the card to close' });
    expect(await markupWithoutHost(article)).not.toContain('bilateral-cards');
  });

  test('opens nothing for a highlight that comes under a resting pointer, until it moves', async () => {
    await article.bringToFront();
    const point = await pointOn(article, 'bilateral-person', 'Secretary of State Antony Blinken');
    // Room above the name's paragraph: the pointer comes to rest on empty space where the name was.
    await article.evaluate(() => {
      const range = [...CSS.highlights.get('bilateral-person')!].find((r) =>
        r.toString().includes('Antony Blinken'),
      ) as Range;
      const spacer = document.createElement('div');
      spacer.id = 'test-spacer';
      spacer.style.height = '200px';
      range.startContainer.parentElement!.closest('p')!.before(spacer);
    });
    await article.mouse.move(point.x, point.y + 40);
    await article.mouse.move(point.x, point.y, { steps: 3 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The page moves the name back under the pointer, which trembles by a pixel.
    await article.evaluate(() => document.getElementById('test-spacer')!.remove());
    const under = await article.evaluate(({ x, y }) => {
      const doc = document as Document & {
        caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node } | null;
        caretRangeFromPoint?: (x: number, y: number) => Range | null;
      };
      const node =
        doc.caretPositionFromPoint?.(x, y)?.offsetNode ??
        doc.caretRangeFromPoint?.(x, y)?.startContainer;
      return node?.textContent ?? '';
    }, point);
    expect(under).toContain('Secretary of State Antony Blinken');
    await article.mouse.move(point.x + 1, point.y);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(await cardIn(article)).toBeNull();
    // Moved along the name, the pointer means it.
    await article.mouse.move(point.x + 12, point.y, { steps: 3 });
    expect((await waitFor(() => cardIn(article), { what: 'the card' })).title).toBe(
      'Antony Blinken',
    );
    await article.mouse.move(5, 5, { steps: 4 });
    await waitFor(async () => (await cardIn(article)) === null, { what: 'the card to close' });
  });

  test('with cards on click only, pointing opens nothing and a click opens the card', async () => {
    await callBackground(session, 'settings/set', { clickOnly: true });
    try {
      await article.bringToFront();
      const point = await pointOn(article, 'bilateral-person', 'Secretary of State Antony Blinken');
      await article.mouse.move(point.x, point.y + 200);
      await article.mouse.move(point.x, point.y, { steps: 4 });
      await article.mouse.move(point.x + 10, point.y, { steps: 2 });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await cardIn(article)).toBeNull();
      await article.mouse.click(point.x, point.y);
      const card = await waitFor(() => cardIn(article), { what: 'the card by click' });
      expect(card.title).toBe('Antony Blinken');
      expect(card.focused).toBe('H2');
      await article.keyboard.press('Escape');
      await waitFor(async () => (await cardIn(article)) === null, { what: 'the card to close' });
    } finally {
      await callBackground(session, 'settings/set', { clickOnly: false });
    }
  });

  test('opens a quote card by click, with the wordings side by side', async () => {
    await article.bringToFront();
    const point = await pointOn(article, 'bilateral-quote', 'at the lowest point');
    await article.mouse.click(point.x, point.y);
    const card = await waitFor(
      async () => {
        const c = await cardIn(article);
        return c && c.kind === 'quote' && c.text.includes('Carried by') ? c : null;
      },
      { what: 'the quote card' },
    );
    expect(card.title).toBe('Qin Gang');
    expect(card.text).toContain('at the lowest point');
    expect(card.wordings.length).toBeGreaterThan(0);
    // Opened mid-window, the card keeps to the window: it scrolls inside rather than run off.
    await waitFor(async () => (await cardOverflow(article)) === 0, {
      what: 'the card inside the window',
    });
    expect(await cardCovers(article, 'bilateral-quote', 'at the lowest point')).toBe(false);
    expect(card.text).toMatch(/Matched to the corpus with \d+% confidence/);
    // A click moves focus into the card.
    expect(card.focused).toBe('H2');
    if (name === 'chromium') await shoot(article, 'quote-card');
    const violations = await axeViolations(article, [['bilateral-cards', '.card']]);
    expect(violations).toEqual([]);
    // The speaker is a way in: their card takes the quote card's place, focus in it.
    await article.evaluate(() =>
      document
        .querySelector('bilateral-cards')!
        .shadowRoot!.querySelector<HTMLButtonElement>('.speaker-card')!
        .click(),
    );
    const speaker = await waitFor(
      async () => {
        const c = await cardIn(article);
        return c?.kind === 'person' ? c : null;
      },
      { what: 'the speaker’s card' },
    );
    expect(speaker.title).toBe('Qin Gang');
    expect(speaker.focused).toBe('H2');
    await article.keyboard.press('Escape');
    await waitFor(async () => (await cardIn(article)) === null, { what: 'Esc to close the card' });
    // Opened at the window's foot, it goes above the quote, still whole.
    const low = await pointOn(article, 'bilateral-quote', 'at the lowest point', 'end');
    await article.mouse.click(low.x, low.y);
    await waitFor(async () => (await cardIn(article))?.kind === 'quote', { what: 'the card' });
    await waitFor(async () => (await cardOverflow(article)) === 0, {
      what: 'the low card inside the window',
    });
    expect(await cardCovers(article, 'bilateral-quote', 'at the lowest point')).toBe(false);
    await article.keyboard.press('Escape');
    await waitFor(async () => (await cardIn(article)) === null, { what: 'the card to close' });
  });

  test('at 200% zoom a card opened at the window’s top or foot stays whole and off its quote', async () => {
    await article.bringToFront();
    const before = article.viewport();
    // A 1280×800 window at 200% zoom: 640×400 CSS pixels, two device pixels to each.
    await article.setViewport({
      width: 640,
      height: 400,
      ...(name === 'chromium' ? { deviceScaleFactor: 2 } : {}),
    });
    try {
      expect(await article.evaluate(() => innerWidth)).toBe(640);
      const dpr = await article.evaluate(() => devicePixelRatio);
      for (const where of ['start', 'end'] as const) {
        const point = await pointOn(article, 'bilateral-quote', 'at the lowest point', where);
        await article.mouse.click(point.x, point.y);
        await waitFor(async () => (await cardIn(article))?.kind === 'quote', {
          what: `the card opened at the window's ${where} (device pixel ratio ${dpr})`,
        });
        await waitFor(async () => (await cardOverflow(article)) === 0, {
          what: `the card at the window's ${where} inside the window`,
        });
        expect(await cardCovers(article, 'bilateral-quote', 'at the lowest point')).toBe(false);
        await article.keyboard.press('Escape');
        await waitFor(async () => (await cardIn(article)) === null, { what: 'the card to close' });
      }
    } finally {
      await article.setViewport(before ?? { width: 800, height: 600 });
    }
  });

  test('saves a quote to the clippings from its card', async () => {
    await article.bringToFront();
    const point = await pointOn(article, 'bilateral-quote', 'at the lowest point');
    await article.mouse.click(point.x, point.y);
    await waitFor(async () => (await cardIn(article))?.text.includes('Save to clippings'), {
      what: 'the save button',
    });
    await article.evaluate(() => {
      const root = document.querySelector('bilateral-cards')!.shadowRoot!;
      root.querySelector<HTMLButtonElement>('.card-actions button')!.click();
    });
    await waitFor(async () => (await cardIn(article))?.text.includes('Saved to your clippings'), {
      what: 'the saved message',
    });
    const clippings = await callBackground<Clipping[]>(session, 'clip/list', null);
    expect(clippings).toHaveLength(1);
    const [saved] = clippings;
    // The page's own wording, cited to the page as it describes itself (no site name or author
    // in its markup: the host stands for the outlet).
    expect(saved).toMatchObject({ text: 'at the lowest point', speaker: 'Qin Gang' });
    expect(saved!.page).toEqual({
      url: server.url(ARTICLE),
      title: 'Washington welcomes the “constructive” talks from Blinken to Beijing',
      outlet: '127.0.0.1',
      author: null,
      published: '2023-06-18',
    });
    // The corpus's wordings apart, each with what its own outlet printed.
    expect(saved!.quoteId).toBe('qin-gang-lowest-point-diplomatic');
    expect(saved!.corpus.map((w) => w.outlet)).toEqual(expect.arrayContaining(['Blick', 'dpa']));
    const statement = await callBackground<{
      quote: { variants: { source: string; text: string }[] };
    }>(session, 'kb/quote', { id: saved!.quoteId });
    for (const wording of saved!.corpus) {
      expect(wording.date).toMatch(/^2023-06-\d{2}$/);
      expect(wording.text).toBe(
        statement.quote.variants.find((v) => v.source === wording.source)!.text,
      );
    }
    // Not every outlet printed the page's words.
    expect(saved!.corpus.some((w) => w.text !== saved!.text)).toBe(true);
    await article.keyboard.press('Escape');
  });

  test('moves through highlights by keyboard, opens cards with focus, Esc returns focus', async () => {
    await article.bringToFront();
    await article.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await article.keyboard.down('Alt');
    await article.keyboard.down('Shift');
    await article.keyboard.press('KeyN');
    await article.keyboard.up('Shift');
    await article.keyboard.up('Alt');
    const first = await waitFor(() => cardIn(article), { what: 'a card by keyboard' });
    expect(first.focused).toBe('H2');
    // The first highlight in text order is the Secretary of State in the first paragraph.
    expect(first.title).toBe('Antony Blinken');
    // Next within the card goes to the next mention of the same entity.
    await article.evaluate(() => {
      const root = document.querySelector('bilateral-cards')!.shadowRoot!;
      [...root.querySelectorAll<HTMLButtonElement>('.page-step button')].at(-1)!.click();
    });
    await waitFor(async () => (await cardIn(article))?.text.match(/2 of \d+ on this page/), {
      what: 'the second mention',
    });
    await article.keyboard.press('Escape');
    await waitFor(async () => (await cardIn(article)) === null, { what: 'Esc to close' });
    expect(await article.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
  });

  test('the page, site and global switches take effect at once and the popup shows them', async () => {
    const popup = await session.openExtensionPage(`popup.html?tab=${articleTab}`, '#switch-page');
    const flip = async (selector: string) => {
      await popup.click(selector);
    };
    // This page.
    await flip('#switch-page');
    await waitHighlights(false);
    expect((await stateOf(articleTab)).phase).toBe('off');
    await waitFor(
      async () =>
        (await popup.$eval('#switch-page', (e) => (e as HTMLInputElement).checked)) === false,
      { what: 'the page switch to show off' },
    );
    await flip('#switch-page');
    await waitHighlights(true);
    // This site: never, then back to the defaults.
    await popup.select('[data-testid="site-choice"]', 'never');
    await waitHighlights(false);
    expect((await stateOf(articleTab)).offBy).toBe('site');
    await popup.select('[data-testid="site-choice"]', 'default');
    await waitHighlights(true);
    // Everywhere.
    await flip('#switch-global');
    await waitHighlights(false);
    expect((await stateOf(articleTab)).offBy).toBe('global');
    await flip('#switch-global');
    await waitHighlights(true);
    // Names off: quotes stay.
    await flip('#switch-entities');
    await waitFor(
      async () => Object.keys(await highlightsIn(article)).join() === 'bilateral-quote',
      {
        what: 'only quotes',
      },
    );
    await flip('#switch-entities');
    await waitFor(async () => Object.keys(await highlightsIn(article)).length === 6, {
      what: 'all kinds back',
    });
    const settings = await callBackground<{ settings: unknown }>(session, 'prefs/get', {
      host: '127.0.0.1',
    });
    expect(settings).toEqual({ host: '127.0.0.1', site: null, settings: DEFAULT_SETTINGS });
    const violations = await axeViolations(popup);
    expect(violations).toEqual([]);
    if (name === 'chromium') {
      await popup.setViewport({ width: 360, height: 700, deviceScaleFactor: 2 });
      await saveScreenshot(popup, 'popup');
    }
    await popup.close();
  });

  test('underlines every mention, countries and capitals, each kind, as the reader chooses', async () => {
    const names = async () =>
      Object.fromEntries(
        Object.entries(await highlightsIn(article)).filter(
          ([kind]) => kind !== 'bilateral-quote' && kind !== 'bilateral-focus',
        ),
      );
    const firstOnly = await names();
    const popup = await session.openExtensionPage(
      `popup.html?tab=${articleTab}`,
      '#switch-all-mentions',
    );
    await popup.click('#switch-all-mentions');
    const all = await waitFor(
      async () => {
        const now = await names();
        return now['bilateral-person']!.length > firstOnly['bilateral-person']!.length && now;
      },
      { what: 'every mention' },
    );
    expect(
      all['bilateral-person']!.filter((words) => words.includes('Blinken')).length,
    ).toBeGreaterThan(3);
    expect(all['bilateral-place']).not.toContain('Beijing');
    await popup.click('#switch-countries');
    const countries = await waitFor(
      async () => {
        const now = await names();
        return now['bilateral-place']?.includes('Beijing') && now;
      },
      { what: 'countries and capitals' },
    );
    expect(countries['bilateral-place']).toEqual(
      expect.arrayContaining(['Beijing', 'China', 'Taiwan']),
    );
    await popup.click('#switch-all-mentions');
    await popup.click('#switch-countries');
    await waitFor(async () => JSON.stringify(await names()) === JSON.stringify(firstOnly), {
      what: 'first mentions only again',
    });
    await popup.close();

    // One kind off from the settings page; the others stay.
    const options = await session.openExtensionPage('options.html', '#opt-kind-place');
    await options.click('#opt-kind-place');
    await waitFor(async () => !('bilateral-place' in (await names())), { what: 'no places' });
    expect(Object.keys(await names())).toContain('bilateral-person');
    expect(await axeViolations(options)).toEqual([]);
    await options.click('#opt-kind-place');
    await waitFor(async () => JSON.stringify(await names()) === JSON.stringify(firstOnly), {
      what: 'places back',
    });
    await options.close();
    expect(
      (await callBackground<{ settings: unknown }>(session, 'prefs/get', { host: '' })).settings,
    ).toEqual(DEFAULT_SETTINGS);
  });

  test('the popup has a legend of the highlights, in their colours and line styles', async () => {
    const popup = await session.openExtensionPage(
      `popup.html?tab=${articleTab}`,
      '[data-testid="legend"] li',
    );
    const read = () =>
      popup.$$eval('[data-testid="legend"] li', (items) =>
        items.map((item) => {
          const style = getComputedStyle(item.querySelector('.legend-sample')!);
          return {
            kind: item.getAttribute('data-kind'),
            // What a screen reader says: the name, then the look in words.
            text: item.textContent,
            line: style.textDecorationLine,
            style: style.textDecorationStyle,
            colour: style.textDecorationColor,
            background: style.backgroundColor,
          };
        }),
      );
    const rgb = (colour: string) => {
      if (colour.startsWith('rgba')) return colour;
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
      return `rgb(${r}, ${g}, ${b})`;
    };
    const expectLooks = (legend: Awaited<ReturnType<typeof read>>, theme: 'light' | 'dark') => {
      expect(legend.map((entry) => entry.kind)).toEqual(LEGEND.map((entry) => entry.kind));
      LEGEND.forEach((entry, i) => {
        const shown = legend[i]!;
        const colour = rgb(entry[theme]);
        if (entry.mark === 'tint') {
          expect(shown.background).toBe(colour);
          expect(shown.line).toBe('none');
        } else {
          expect(shown).toMatchObject({ line: 'underline', style: entry.mark, colour });
        }
      });
    };
    const legend = await read();
    expect(legend.map((entry) => entry.text)).toEqual([
      'Quote: yellow background',
      'Person: solid blue underline',
      'Organisation: dashed green underline',
      'Place: dotted purple underline',
      'Event: double orange underline',
      'Idea: wavy grey underline',
    ]);
    expectLooks(legend, 'light');
    expect(await axeViolations(popup)).toEqual([]);
    if (name === 'chromium') {
      // A dark scheme shows the colours the highlights take on dark pages.
      await popup.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'dark' }]);
      expectLooks(await read(), 'dark');
      expect(await axeViolations(popup)).toEqual([]);
    }
    await popup.close();
  });

  test('choosing a key quote in the popup scrolls to it and marks it', async () => {
    await article.evaluate(() => window.scrollTo(0, 0));
    const popup = await session.openExtensionPage(`popup.html?tab=${articleTab}`, '.quote-button');
    // The last of the key quotes shown at once (the rest are folded).
    const buttons = await popup.$$('[data-testid="key-quotes"] .quote-button');
    await buttons.at(-1)!.click();
    await article.bringToFront();
    await waitFor(
      async () => {
        const focus = await article.evaluate(() =>
          [...(CSS.highlights.get('bilateral-focus') ?? [])].map((r) => r.toString()),
        );
        return focus.length === 1 && focus[0]!.length > 10;
      },
      { what: 'the flash on the chosen quote' },
    );
    await waitFor(async () => (await article.evaluate(() => window.scrollY)) > 0, {
      what: 'the page to scroll to the quote',
    });
    await popup.close();
  });

  test('exports clippings as JSON and Markdown and imports the JSON back; a bad file or the Markdown changes nothing', async () => {
    const options = await session.openExtensionPage('options.html', '[data-testid="clippings"] li');
    // Downloads are caught at the link the page clicks, as files the test can read back.
    await options.evaluate(() => {
      const saved: { name: string; text: Promise<string> }[] = [];
      const blobs = new Map<string, Blob>();
      (globalThis as unknown as { downloads: typeof saved }).downloads = saved;
      const create = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (blob: Blob) => {
        const url = create(blob);
        blobs.set(url, blob);
        return url;
      };
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        saved.push({ name: this.download, text: blobs.get(this.href)!.text() });
      };
    });
    const exportAs = async (label: string) => {
      const [button] = await options.$$(`xpath/.//button[normalize-space()="${label}"]`);
      await button!.click();
      return options.evaluate(async () => {
        const list = (
          globalThis as unknown as { downloads: { name: string; text: Promise<string> }[] }
        ).downloads;
        const last = list.at(-1)!;
        return { name: last.name, text: await last.text };
      });
    };
    const json = await exportAs('Export as JSON');
    expect(json.name).toMatch(/^bilateral-clippings-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(json.text) as { clippings: { id: string; text: string }[] };
    expect(file.clippings.map((c) => c.text)).toEqual(['at the lowest point']);
    const markdown = await exportAs('Export as Markdown');
    expect(markdown.name).toMatch(/^bilateral-clippings-\d{4}-\d{2}-\d{2}\.md$/);
    expect(markdown.text).toContain('> at the lowest point');
    expect(markdown.text).toContain('— Qin Gang');
    expect(markdown.text).toContain(
      `From the page: “Washington welcomes the “constructive” talks from Blinken to Beijing”, 127.0.0.1, 2023-06-18, <${server.url(ARTICLE)}>`,
    );
    expect(markdown.text).toMatch(/How the knowledge base’s sources worded this statement:\n\n- /);
    expect(markdown.text).toMatch(/\n- dpa, “[^”]+”, 2023-06-\d{2}: “[^”]*lowest point[^”]*”\n/);
    // The settings page lists it the same way.
    expect(await options.$eval('[data-testid="clip-page"]', (e) => e.textContent)).toContain(
      '127.0.0.1, 2023-06-18',
    );
    expect(
      await options.$$eval('[data-testid="clip-corpus"] li', (items) => items.length),
    ).toBeGreaterThan(1);

    const dir = await mkdtemp(path.join(tmpdir(), 'bilateral-import-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ ...file, clippings: [{ ...file.clippings[0], savedAt: 'yesterday' }] }),
    );
    const input = await options.$('[data-testid="import-file"]');
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(bad);
    const alert = await waitFor(
      () =>
        options.$eval(
          '[data-testid="clippings-notice"]',
          (e) => e.getAttribute('role') === 'alert' && e.textContent,
        ),
      { what: 'the import error' },
    );
    expect(alert).toMatch(/^Nothing was imported: clippings\.0\.savedAt: /);
    expect(await callBackground<unknown[]>(session, 'clip/list', null)).toHaveLength(1);

    // The Markdown export is for reading; importing it is refused with the reason.
    const readable = path.join(dir, markdown.name);
    writeFileSync(readable, markdown.text);
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(readable);
    await waitFor(
      () =>
        options.$eval('[data-testid="clippings-notice"]', (e) =>
          e.textContent?.includes('Markdown export'),
        ),
      { what: 'the refusal of the Markdown export' },
    );
    expect(await callBackground<unknown[]>(session, 'clip/list', null)).toHaveLength(1);

    const good = path.join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({
        ...file,
        clippings: [
          ...file.clippings,
          { ...file.clippings[0], id: 'imported-1', text: 'An imported clipping' },
        ],
      }),
    );
    await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(good);
    const done = await waitFor(
      () =>
        options.$eval(
          '[data-testid="clippings-notice"]',
          (e) => e.textContent?.startsWith('Imported') && e.textContent,
        ),
      { what: 'the import result' },
    );
    expect(done).toBe('Imported 1 clippings (1 were already there).');
    expect(
      (await callBackground<{ text: string }[]>(session, 'clip/list', null))
        .map((c) => c.text)
        .sort(),
    ).toEqual(['An imported clipping', 'at the lowest point']);
    await options.close();
  });

  test('re-reads the page when content arrives and after in-page navigation, without duplicates', async () => {
    await article.bringToFront();
    // The focus mark (a flash from the popup, an open card) comes and goes; it is not counted.
    const count = async () =>
      Object.entries(await highlightsIn(article))
        .filter(([kind]) => kind !== 'bilateral-focus')
        .reduce((n, [, list]) => n + list.length, 0);
    const before = await count();
    const quotes = (await highlightsIn(article))['bilateral-quote']!.length;
    // Content arriving later: a paragraph with a known quotation.
    await article.evaluate(() => {
      const p = document.createElement('p');
      p.id = 'late';
      p.textContent =
        'Later on Monday, Antony Blinken told reporters in Beijing that Wang Yi and Qin Gang had agreed to keep the channels of communication with Washington open.';
      const anchor = [...document.querySelectorAll('p')].find((e) =>
        e.textContent?.includes('Over the next few months'),
      )!;
      anchor.after(p);
    });
    await waitFor(async () => (await count()) > before, {
      what: 'the late paragraph to be highlighted',
    });
    expect((await highlightsIn(article))['bilateral-quote']!.length).toBeGreaterThanOrEqual(quotes);
    await article.evaluate(() => document.getElementById('late')!.remove());
    await waitFor(async () => (await count()) === before, { what: 'the count to come back' });

    // In-page navigation to a page that is no article, and back.
    const saved = await article.evaluate(() => {
      const main = document.body.cloneNode(true) as HTMLElement;
      (globalThis as unknown as { savedBody: HTMLElement }).savedBody = main;
      history.pushState({}, '', '?view=comments');
      document.body.replaceChildren(
        Object.assign(document.createElement('p'), { textContent: 'No comments yet.' }),
      );
      return location.search;
    });
    expect(saved).toBe('?view=comments');
    await waitHighlights(false);
    expect((await stateOf(articleTab)).phase).toBe('gated-out');
    await article.evaluate(() => {
      history.pushState({}, '', location.pathname);
      document.body.replaceWith((globalThis as unknown as { savedBody: HTMLElement }).savedBody);
    });
    await waitFor(async () => (await count()) === before, {
      what: 'the article to be highlighted again',
    });
    expect(await article.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
  });

  test('switching a hundred times adds no sheet, no stray host and no growing listeners', async () => {
    const cdp = name === 'chromium' ? await article.createCDPSession() : null;
    const listeners = async () => {
      if (!cdp) return 0;
      // Removed listeners are counted until they are collected.
      await cdp.send('HeapProfiler.collectGarbage');
      return (await article.metrics()).JSEventListeners ?? 0;
    };
    const toggle = (on: boolean) =>
      callBackground<PageState | null>(session, 'tab/enable', { tabId: articleTab, on });
    await toggle(false);
    await toggle(true);
    const start = await listeners();
    for (let i = 0; i < 100; i++) {
      expect((await toggle(false))?.phase).toBe('off');
      expect((await toggle(true))?.phase).toBe('active');
    }
    const drawn = await highlightsIn(article);
    expect(drawn['bilateral-quote']).toHaveLength(9);
    expect(await article.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    expect(
      await article.evaluate(() => document.querySelectorAll('bilateral-cards').length),
    ).toBeLessThanOrEqual(1);
    // Chromium counts the page's JS event listeners; each drawing period adds and removes its own.
    expect(await listeners()).toBeLessThanOrEqual(start + 5);
  });

  test('on a dark page the highlights and the card switch to their dark colours', async () => {
    await article.bringToFront();
    // The browser paints the light tint from the content script's sheet, and nothing when off.
    const light = await pointOn(article, 'bilateral-quote', 'at the lowest point');
    expect(await tintAt(article, light)).toBeGreaterThan(60);
    await callBackground(session, 'tab/enable', { tabId: articleTab, on: false });
    await waitFor(async () => (await tintAt(article, light)) < 20, { what: 'the tint to go' });
    await article.evaluate(() => {
      document.body.style.background = 'rgb(18, 18, 18)';
      document.body.style.color = 'rgb(230, 230, 230)';
    });
    // Colours are chosen when the highlights are drawn: switch on again.
    await callBackground(session, 'tab/enable', { tabId: articleTab, on: true });
    await waitFor(async () => (await highlightsIn(article))['bilateral-quote-dark'] !== undefined, {
      what: 'the highlights under their dark names',
    });
    expect(Object.keys(await highlightsIn(article)).every((n) => n.endsWith('-dark'))).toBe(true);
    const dark = await pointOn(article, 'bilateral-quote-dark', 'at the lowest point');
    expect(await tintAt(article, dark)).toBeGreaterThan(60);
    await article.mouse.click(dark.x, dark.y);
    await waitFor(() => cardIn(article), { what: 'a card on the dark page' });
    expect(
      await article.evaluate(() =>
        document.querySelector('bilateral-cards')!.getAttribute('data-theme'),
      ),
    ).toBe('dark');
    await article.keyboard.press('Escape');
    await article.evaluate(() => {
      document.body.style.background = '';
      document.body.style.color = '';
    });
    await callBackground(session, 'tab/enable', { tabId: articleTab, on: false });
    await callBackground(session, 'tab/enable', { tabId: articleTab, on: true });
  });

  test('the options page searches the knowledge base and passes axe-core', async () => {
    const options = await session.openExtensionPage('options.html', '[data-testid="kb-query"]');
    await options.type('[data-testid="kb-query"]', 'blinken');
    await options.keyboard.press('Enter');
    await waitFor(() => options.$('[data-testid="kb-results"] button'), { what: 'search results' });
    const [first] = await options.$$('xpath/.//button[normalize-space()="Antony Blinken"]');
    await first!.click();
    await waitFor(() => options.$('.card h2'), { what: 'a card in the options page' });
    expect(await options.$eval('.card h2', (e) => e.textContent)).toBe('Antony Blinken');
    expect(await axeViolations(options)).toEqual([]);
    if (name === 'chromium') {
      await options.setViewport({ width: 900, height: 1200 });
      await saveScreenshot(options, 'options');
    }
    await options.close();
  });
});

/** axe's context for a whole document (a plain object crosses into the page). */
