/**
 * A page the knowledge base knows little of, in Chromium and Firefox: an analyst's quotations
 * the corpus does not hold, by a speaker it does not know, on a page dated after the corpus.
 * What a reader saves from it cites the page; what the cards say of it comes from the page.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Clipping } from '../../lib/page/clippings';
import { envelope } from '../../lib/protocol';
import type { Result } from '../../lib/result';
import {
  BROWSERS,
  serveFixtures,
  sessionForFile,
  waitFor,
  type ExtensionSession,
  type FixtureServer,
} from './harness';

const PAGE = 'pages/voices-article.html';

async function call<T>(session: ExtensionSession, method: string, params: unknown): Promise<T> {
  const answer = (await session.inExtension(
    (ext, m: unknown) => ext.runtime.sendMessage(m),
    envelope(method, params),
  )) as Result<T>;
  if (!answer.ok) throw new Error(`${method}: ${answer.error}`);
  return answer.value;
}

/** The open card: its kind, title and text; null when none is open. */
const cardIn = (page: Page) =>
  page.evaluate(() => {
    const card = document.querySelector('bilateral-cards')?.shadowRoot?.querySelector('.card');
    if (!card || !card.querySelector('h2')) return null;
    return {
      kind: card.getAttribute('data-card'),
      title: card.querySelector('h2')!.textContent,
      text: card.textContent ?? '',
    };
  });

/** Clicks the middle of the first line of the highlight of `name` holding `wanted`. */
async function clickOn(page: Page, name: string, wanted: string) {
  const point = await page.evaluate(
    (highlight, words) => {
      const range = [...(CSS.highlights.get(highlight) ?? [])].find((r) =>
        r.toString().includes(words),
      ) as Range | undefined;
      if (!range) throw new Error(`no ${highlight} range with "${words}"`);
      range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
      const box = range.getClientRects()[0]!;
      return { x: box.left + Math.min(box.width / 2, 20), y: box.top + box.height / 2 };
    },
    name,
    wanted,
  );
  await page.mouse.click(point.x, point.y);
}

/** Clicks the button in the open card whose text starts with `label`. */
const pressInCard = (page: Page, label: string) =>
  page.evaluate((wanted) => {
    const root = document.querySelector('bilateral-cards')!.shadowRoot!;
    const button = [...root.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith(wanted),
    );
    if (!button) throw new Error(`no button "${wanted}" in the card`);
    button.click();
  }, label);

describe.each(BROWSERS)('%s: a page beyond the knowledge base', (name) => {
  let server: FixtureServer;
  let session: ExtensionSession;
  let page: Page;

  beforeAll(async () => {
    server = await serveFixtures();
  });
  afterAll(async () => {
    await server?.close();
  });
  const { test } = sessionForFile(name, {
    ready: async (launched) => {
      session = launched;
      page = await session.openPage(server.url(PAGE));
      await waitFor(
        () => page.evaluate(() => (CSS.highlights.get('bilateral-quote')?.size ?? 0) > 0),
        { what: 'the quotes to be highlighted' },
      );
    },
  });

  test('a quotation the corpus does not hold is saved with the page’s citation', async () => {
    await page.bringToFront();
    await clickOn(page, 'bilateral-quote', 'Tariffs alone');
    await waitFor(async () => (await cardIn(page))?.text.includes('Save to clippings'), {
      what: 'the quote card',
    });
    await pressInCard(page, 'Save to clippings');
    await waitFor(async () => (await cardIn(page))?.text.includes('Saved to your clippings'), {
      what: 'the saved message',
    });
    const [saved] = await call<Clipping[]>(session, 'clip/list', null);
    expect(saved).toMatchObject({
      text: 'Tariffs alone will not bring the factories home',
      speaker: 'Maria Castell',
      quoteId: null,
      corpus: [],
    });
    expect(saved!.page).toEqual({
      url: server.url(PAGE),
      title: 'Tariff talks: what the US and China still disagree on',
      outlet: 'Harbour Ledger',
      author: 'Ruth Okafor',
      published: '2025-03-04',
    });
    await page.keyboard.press('Escape');

    const options = await session.openExtensionPage('options.html', '[data-testid="clip-page"]');
    expect(await options.$eval('[data-testid="clip-page"]', (e) => e.textContent)).toBe(
      `From the page: Ruth Okafor, “Tariff talks: what the US and China still disagree on”, Harbour Ledger, 2025-03-04, ${server.url(PAGE)}`,
    );
    expect(await options.$('[data-testid="clip-corpus"]')).toBeNull();
    await options.close();
  });
});
