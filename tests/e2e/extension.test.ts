/**
 * The built extension in Debian's Chromium and Firefox ESR, on pages served from 127.0.0.1:
 * the content script runs and reports, the background and the content script answer typed
 * messages and refuse malformed ones, and the popup shows the state the content script reported.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { describe, expect } from 'vitest';
import { envelope, type PageState } from '../../lib/protocol';
import type { Result } from '../../lib/result';
import {
  BROWSERS,
  ROOT,
  saveScreenshot,
  fixtureServerForFile,
  sessionForFile,
  waitFor,
  type ExtensionSession,
} from './harness';

const ARTICLE = 'pages/us-china-article.html';
const SHORT = 'pages/short-page.html';
const REAL_PAGES = [
  'real-pages/readability/ars-1/source.html',
  'real-pages/article-extraction-benchmark/db6b0816c612296c7f1f001c6df874214fcca0da0fc86fb3aea9358c7f681754/source.html',
];

type Messages = Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;
const messages = JSON.parse(
  readFileSync(path.join(ROOT, 'public/_locales/en/messages.json'), 'utf8'),
) as Messages;

/** The English text of a message, as `browser.i18n.getMessage(key, substitutions)` makes it. */
function english(key: string, ...substitutions: string[]): string {
  const entry = messages[key];
  if (!entry) throw new Error(`no message ${key} in the en locale`);
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content ?? '';
    return content.replace(/\$(\d)/g, (__, n: string) => substitutions[Number(n) - 1] ?? '');
  });
}

/** The popup's message key for a phase: `gated-out` → `phaseGatedOut`. */
const phaseKey = (phase: PageState['phase']) =>
  'phase' + phase.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

async function askBackground(session: ExtensionSession, message: unknown) {
  return (await session.inExtension(
    (ext, m: unknown) => ext.runtime.sendMessage(m),
    message,
  )) as Result<unknown>;
}

async function askTab(session: ExtensionSession, tabId: number, message: unknown) {
  return (await session.inExtension(
    (ext, id: number, m: unknown) => ext.tabs.sendMessage(id, m),
    tabId,
    message,
  )) as Result<unknown>;
}

/** Waits until the background knows the tab's state (the content script runs at idle). */
async function stateOf(session: ExtensionSession, tabId: number): Promise<PageState> {
  return waitFor(
    async () => {
      const answer = await askBackground(session, envelope('tab/state', { tabId }));
      if (!answer.ok) throw new Error(answer.error);
      return answer.value as PageState | null;
    },
    { what: `the background to know tab ${tabId}'s state` },
  );
}

async function popupFor(session: ExtensionSession, tabId: number): Promise<Page> {
  return session.openExtensionPage(`popup.html?tab=${tabId}`, '[data-testid="phase"]');
}

const textOf = (page: Page, selector: string) =>
  page.$eval(selector, (element) => element.textContent ?? '');

describe.each(BROWSERS)('%s with the built extension', (name) => {
  let session: ExtensionSession;
  /** Tab ids of the pages opened so far, by fixture path. */
  const tabs = new Map<string, number>();

  const open = async (fixture: string): Promise<number> => {
    const known = tabs.get(fixture);
    if (known !== undefined) return known;
    const url = server.url(fixture);
    await session.openPage(url);
    const tabId = await session.tabIdOf(url);
    tabs.set(fixture, tabId);
    return tabId;
  };

  const server = fixtureServerForFile();
  const { test } = sessionForFile(name, {
    ready: async (launched) => {
      session = launched;
    },
  });

  test("the content script's report reaches the background unasked: the toolbar badge", async () => {
    const tabId = await open(ARTICLE);
    // Nothing has asked the background about this tab yet (the tab was found by asking the
    // content scripts directly), so a badge on it can only come from the content script's
    // own `page/report`.
    const badge = await waitFor(
      async () =>
        (await session.inExtension(
          (ext, id: number) => ext.action.getBadgeText({ tabId: id }),
          tabId,
        )) || null,
      { what: `a badge on tab ${tabId}` },
    );
    const answer = await askTab(session, tabId, envelope('page/state', null));
    expect(answer.ok).toBe(true);
    const state = (answer as { value: PageState }).value;
    expect(state.phase).toBe('active');
    expect(badge).toBe(String(state.quotes.length));
  });

  test('runs the content script on an article page and the background holds its report', async () => {
    const tabId = await open(ARTICLE);
    const state = await stateOf(session, tabId);
    expect(state.url).toBe(server.url(ARTICLE));
    expect(state.gate.passed).toBe(true);
    expect(state.gate.reason).toMatch(/^\d+ paragraphs, \d+ characters$/);
    // The text map of the whole page is longer than its paragraph text alone.
    expect(state.gate.chars).toBeGreaterThan(3000);
    expect(state.phase).not.toBe('gated-out');
  });

  test('gates out a short page that holds no article', async () => {
    const tabId = await open(SHORT);
    const state = await stateOf(session, tabId);
    expect(state.url).toBe(server.url(SHORT));
    expect(state).toMatchObject({
      phase: 'gated-out',
      gate: { passed: false, reason: '0 paragraphs of article length' },
    });
  });

  test('the content script answers typed messages and refuses unknown ones', async () => {
    const tabId = await open(ARTICLE);
    const fromBackground = await stateOf(session, tabId);
    const direct = await askTab(session, tabId, envelope('page/state', null));
    expect(direct).toEqual({ ok: true, value: fromBackground });
    expect(await askTab(session, tabId, envelope('page/erase', null))).toEqual({
      ok: false,
      error: 'unknown method page/erase',
    });
  });

  test('the background refuses malformed messages with a reason', async () => {
    const wrongShape = await askBackground(session, envelope('tab/state', { tabId: 'one' }));
    expect(wrongShape.ok).toBe(false);
    expect(!wrongShape.ok && wrongShape.error).toMatch(/^tab\/state: tabId: /);
    // A report must come from a tab's content script, never from an extension page.
    expect(await askBackground(session, envelope('page/report', null))).toEqual({
      ok: false,
      error: 'page/report is not accepted from a extension context',
    });
    expect(await askBackground(session, { method: 'tab/state', params: { tabId: 1 } })).toEqual({
      ok: false,
      error: 'not a Bilateral message',
    });
  });

  test("the popup renders the article tab's state as the content script reported it", async () => {
    const tabId = await open(ARTICLE);
    const state = await stateOf(session, tabId);
    const popup = await popupFor(session, tabId);
    expect(await popup.$eval('[data-testid="phase"]', (p) => p.getAttribute('data-phase'))).toBe(
      state.phase,
    );
    expect(await textOf(popup, '[data-testid="phase"]')).toBe(
      english(phaseKey(state.phase), state.error ?? ''),
    );
    // The gate's paragraph count is no reader's business on a page it read.
    expect(await popup.$('[data-testid="gate"]')).toBeNull();
    if (name === 'chromium') {
      // The size a toolbar popup opens at (browsers cap popups at 800 × 600).
      await popup.setViewport({ width: 380, height: 600, deviceScaleFactor: 2 });
      await saveScreenshot(popup, 'popup-article', { fullPage: false });
    }
    await popup.close();
  });

  test("the popup renders a gated-out tab's reason", async () => {
    const tabId = await open(SHORT);
    const popup = await popupFor(session, tabId);
    expect(await textOf(popup, '[data-testid="phase"]')).toBe(english('phaseGatedOut'));
    // Why in words, not the gate's count.
    expect(await textOf(popup, '[data-testid="gate"]')).toBe(english('gateWhy'));
    await popup.close();
  });

  test('the popup says so for a tab where no content script runs', async () => {
    const tab = await session.inExtension((ext) =>
      ext.tabs.create({ url: 'about:blank', active: false }),
    );
    expect(tab.id).toBeTypeOf('number');
    const popup = await popupFor(session, tab.id!);
    expect(await textOf(popup, '[data-testid="phase"]')).toBe(english('noContentScript'));
    await popup.close();
  });

  for (const fixture of REAL_PAGES) {
    test(`runs on the real page ${fixture}`, async () => {
      const tabId = await open(fixture);
      const state = await stateOf(session, tabId);
      expect(state.url).toBe(server.url(fixture));
      expect(state.phase).not.toBe('error');
      expect(state.gate.passed).toBe(true);
    });
  }
});
