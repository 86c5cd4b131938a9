/**
 * A browser without the CSS Custom Highlight API: Bilateral says so in the popup and leaves the
 * page alone. Neither browser here can switch the API off (Firefox ESR 153 no longer has the
 * `dom.customHighlightAPI.enabled` pref, and setting it changes nothing; Chromium has no Blink
 * feature for it, and `--disable-blink-features` with its names changes nothing), so in Chromium
 * the DevTools protocol removes `Highlight` and `CSS.highlights` from the content script's own
 * world as the script starts: a breakpoint on its first statement whose condition deletes them.
 * The script then finds what a browser without the API offers. The page's world keeps the API,
 * which lets the test see that nothing was registered there. Firefox's remote protocol
 * (WebDriver BiDi) cannot reach a content script's sandbox, so this runs in Chromium only.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { describe, expect } from 'vitest';
import { envelope, type PageState } from '../../lib/protocol';
import type { Result } from '../../lib/result';
import { fixtureServerForFile, sessionForFile, waitFor, type ExtensionSession } from './harness';

const ARTICLE = 'pages/us-china-article.html';

/**
 * A breakpoint condition runs in the scope of the code it stops: on the content script's first
 * statement, this removes the API from the script's world and answers false, so the script is
 * never paused and goes on without the API.
 */
const REMOVE_THE_API = '(delete globalThis.Highlight, delete CSS.highlights, false)';

/** Opens `url` in a new tab whose content scripts find no Highlight API in their world. */
async function openWithoutHighlightApi(session: ExtensionSession, url: string): Promise<Page> {
  const page = await session.browser.newPage();
  const cdp: CDPSession = await page.createCDPSession();
  const origin = session.extensionOrigin.replace(/\/$/, '');
  await cdp.send('Debugger.enable');
  await cdp.send('Debugger.setBreakpointByUrl', {
    url: `${origin}/content-scripts/content.js`,
    lineNumber: 0,
    columnNumber: 0,
    condition: REMOVE_THE_API,
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

describe('chromium: a browser without the Highlight API', () => {
  let session: ExtensionSession;
  const server = fixtureServerForFile();
  const { test } = sessionForFile('chromium', {
    ready: async (launched) => {
      session = launched;
    },
  });

  test('the popup says the browser cannot draw highlights, and the page is left as it was', async () => {
    const url = server.url(ARTICLE);
    const page = await openWithoutHighlightApi(session, url);
    const tabId = await session.tabIdOf(url);
    const state = await waitFor(
      async () => {
        const answer = (await session.inExtension(
          (ext, m: unknown) => ext.runtime.sendMessage(m),
          envelope('tab/state', { tabId }),
        )) as Result<PageState | null>;
        return answer.ok ? answer.value : null;
      },
      { what: "the tab's state" },
    );
    // The gate still reads the page (it needs no highlights); nothing after it runs.
    expect(state.phase).toBe('unsupported');
    expect(state.gate.passed).toBe(true);

    const popup = await session.openExtensionPage(
      `popup.html?tab=${tabId}`,
      '[data-testid="phase"]',
    );
    const shown = await popup.evaluate(() => ({
      phase: document.querySelector('[data-testid="phase"]')?.getAttribute('data-phase'),
      text: document.querySelector('[data-testid="phase"]')?.textContent,
      pageSwitchDisabled: document.querySelector<HTMLInputElement>('#switch-page')?.disabled,
    }));
    expect(shown).toEqual({
      phase: 'unsupported',
      text: 'This browser cannot draw highlights (no CSS Custom Highlight API), so Bilateral leaves the page alone.',
      pageSwitchDisabled: true,
    });
    await popup.close();

    // The page: its markup as served, no host, no sheet, nothing in its highlight registry.
    const seen = await page.evaluate(async () => {
      const html = await (await fetch(location.href)).text();
      const served = new DOMParser().parseFromString(html, 'text/html');
      const serializer = new XMLSerializer();
      return {
        unchanged:
          serializer.serializeToString(document.documentElement) ===
          serializer.serializeToString(served.documentElement),
        host: document.querySelector('bilateral-cards') !== null,
        sheets: document.adoptedStyleSheets.length,
        highlights: [...CSS.highlights.keys()].filter((key) => key.startsWith('bilateral-')),
      };
    });
    expect(seen).toEqual({ unchanged: true, host: false, sheets: 0, highlights: [] });
    await page.close();
  });
});
