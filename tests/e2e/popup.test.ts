/**
 * The toolbar popup as a reader meets it, in Chromium and Firefox: within the 600 px a browser
 * gives a toolbar popup, every switch is in reach before any scrolling and the outline follows
 * (the few key quotes that rank highest, the rest folded); on a quiet page it offers to read the
 * page anyway; and it says, and does, that a page's own switch lasts until the page is reloaded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect } from 'vitest';
import type { PageState } from '../../lib/protocol';
import {
  BROWSERS,
  ROOT,
  fixtureServerForFile,
  sessionForFile,
  waitFor,
  type ExtensionSession,
  axeViolations,
  callBackground,
} from './harness';

const ARTICLE = 'pages/us-china-article.html';
const QUIET = 'pages/quiet-article.html';
const POPUP_HEIGHT = 600;
const messages = JSON.parse(
  readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string }>;

describe.each(BROWSERS)('%s: the toolbar popup', (name) => {
  let session: ExtensionSession;

  const stateOf = (tabId: number, phase?: PageState['phase']) =>
    waitFor(
      async () => {
        const state = await callBackground<PageState | null>(session, 'tab/state', { tabId });
        return state && (!phase || state.phase === phase) ? state : null;
      },
      { what: `tab ${tabId} ${phase ?? 'state'}` },
    );

  /** The popup for a tab, at the size of a real toolbar popup. */
  const popupFor = async (tabId: number) => {
    const popup = await session.openExtensionPage(
      `popup.html?tab=${tabId}`,
      '[data-testid="phase"]',
    );
    await popup.setViewport({ width: 380, height: POPUP_HEIGHT });
    return popup;
  };

  const server = fixtureServerForFile();
  const { test } = sessionForFile(name, {
    ready: async (launched) => {
      session = launched;
    },
  });

  test('within 600 px every switch is in reach, then the outline: the top five key quotes, the rest folded', async () => {
    const page = await session.openPage(server.url(ARTICLE));
    const tabId = await session.tabIdOf(server.url(ARTICLE));
    const state = await stateOf(tabId, 'active');
    expect(state.quotes).toHaveLength(9);
    const popup = await popupFor(tabId);
    await popup.waitForSelector('[data-testid="key-quotes"]');
    const layout = await popup.evaluate(() => {
      window.scrollTo(0, 0);
      const bottom = (e: Element) => e.getBoundingClientRect().bottom;
      const controls = [...document.querySelectorAll('.switches input, .switches select')];
      return {
        controls: controls.length,
        lowestControl: Math.max(...controls.map(bottom)),
        switchesEnd: bottom(document.querySelector('.switches')!),
        outlineTop: document.querySelector('[data-testid="outline"]')!.getBoundingClientRect().top,
        shown: [...document.querySelectorAll('[data-testid="key-quotes"] q')].map(
          (q) => q.textContent,
        ),
        folded: [...document.querySelectorAll('[data-testid="folded-quotes"] q')].map(
          (q) => q.textContent,
        ),
        open: document.querySelector<HTMLDetailsElement>('[data-testid="more-quotes"]')!.open,
        summary: document.querySelector('[data-testid="more-quotes"] summary')!.textContent,
      };
    });
    // The page switch, the site's choice, everywhere, quotes, names, every mention, countries,
    // click-only: all above the popup's foot without scrolling.
    expect(layout.controls).toBe(8);
    expect(layout.lowestControl).toBeLessThanOrEqual(POPUP_HEIGHT);
    expect(layout.outlineTop).toBeGreaterThanOrEqual(layout.switchesEnd);
    const ranked = [...state.quotes].sort(
      (a, b) => (b.score ?? 0) - (a.score ?? 0) || a.index - b.index,
    );
    const top = new Set(ranked.slice(0, 5).map((q) => q.index));
    const inOrder = [...state.quotes].sort((a, b) => a.index - b.index);
    expect(layout.shown).toEqual(inOrder.filter((q) => top.has(q.index)).map((q) => q.text));
    expect(layout.folded).toEqual(inOrder.filter((q) => !top.has(q.index)).map((q) => q.text));
    expect(layout.open).toBe(false);
    expect(layout.summary).toBe('4 more key quotes');
    // Opened by keyboard, the folded quotes are there to choose.
    await popup.focus('[data-testid="more-quotes"] summary');
    await popup.keyboard.press('Enter');
    await waitFor(
      () =>
        popup.$eval('[data-testid="more-quotes"]', (d) => (d as HTMLDetailsElement).open || null),
      { what: 'the folded quotes to open' },
    );
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });

  test('on a quiet page it offers “Read this page anyway”, which reads it until the page is reloaded', async () => {
    const page = await session.openPage(server.url(QUIET));
    const tabId = await session.tabIdOf(server.url(QUIET));
    await stateOf(tabId, 'quiet');
    const popup = await popupFor(tabId);
    expect(await popup.$('#switch-page')).toBeNull();
    const hint = await popup.$eval(
      '[data-testid="read-anyway"]',
      (b) => document.getElementById(b.getAttribute('aria-describedby')!)!.textContent,
    );
    expect(hint).toBe(messages.readAnywayHint!.message);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.click('[data-testid="read-anyway"]');
    await stateOf(tabId, 'active');
    await waitFor(
      () => page.evaluate(() => (CSS.highlights.get('bilateral-quote')?.size ?? 0) === 2),
      { what: 'the quiet page’s two key quotes highlighted' },
    );
    // The popup now shows the page switch, on, and the read-anyway offer is gone.
    await waitFor(() => popup.$eval('#switch-page', (i) => (i as HTMLInputElement).checked), {
      what: 'the page switch on',
    });
    expect(await popup.$('[data-testid="read-anyway"]')).toBeNull();
    await popup.close();
    // For this visit only, as the popup says.
    await page.reload();
    await stateOf(tabId, 'quiet');
    expect(await page.evaluate(() => CSS.highlights.get('bilateral-quote')?.size ?? 0)).toBe(0);
    await page.close();
  });

  test('switching a page off says it lasts until the page is reloaded, and it does', async () => {
    const page = await session.openPage(server.url(ARTICLE));
    const tabId = await session.tabIdOf(server.url(ARTICLE));
    await stateOf(tabId, 'active');
    const popup = await popupFor(tabId);
    const hint = await popup.$eval(
      '#switch-page',
      (i) => document.getElementById(i.getAttribute('aria-describedby')!)!.textContent,
    );
    expect(hint).toBe(messages.pageSwitchHint!.message);
    await popup.click('#switch-page');
    await stateOf(tabId, 'off');
    await popup.close();
    await page.reload();
    await stateOf(tabId, 'active');
    await page.close();
  });
});
