/**
 * The reader's choices survive a browser restart: the same profile is launched twice with the
 * built extension, a site choice and a setting made in the first run hold in the second, and
 * the page follows them. (The shared harness starts every browser on a fresh profile, so this
 * file launches its own, with the same flags.)
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, type PageState, type Prefs } from '../../lib/protocol';
import type { Result } from '../../lib/result';
import {
  BROWSERS,
  BROWSER_INFO,
  GECKO_ID,
  missingPrerequisite,
  serveFixtures,
  waitFor,
  type BrowserName,
  type FixtureServer,
} from './harness';

const ARTICLE = 'pages/us-china-article.html';

interface Run {
  browser: Browser;
  origin: string;
}

async function start(name: BrowserName, profile: string, uuid: string): Promise<Run> {
  const info = BROWSER_INFO[name];
  if (name === 'chromium') {
    const browser = await puppeteer.launch({
      browser: 'chrome',
      executablePath: info.executable,
      headless: true,
      pipe: true,
      enableExtensions: true,
      userDataDir: profile,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
      ],
    });
    // An unpacked extension's id comes from its path, so both runs use the same storage.
    const id = await browser.installExtension(info.extensionDir);
    return { browser, origin: `chrome-extension://${id}/` };
  }
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: info.executable,
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.no_proxies_on': '127.0.0.1',
      'network.proxy.allow_hijacking_localhost': false,
    },
  });
  await browser.installExtension(info.extensionDir);
  return { browser, origin: `moz-extension://${uuid}/` };
}

async function ask<T>(run: Run, method: string, params: unknown): Promise<T> {
  const page = await run.browser.newPage();
  page.goto(`${run.origin}options.html`).catch(() => undefined);
  await waitFor(async () => page.url().startsWith(run.origin) && (await page.$('#app')) !== null, {
    what: 'the options page',
  }).catch((e) => {
    throw new Error(`${e.message} at ${page.url()}`);
  });
  const answer = (await waitFor(
    () =>
      page.evaluate(
        `(globalThis.browser ?? globalThis.chrome).runtime.sendMessage(${JSON.stringify(envelope(method, params))})`,
      ) as Promise<Result<T>>,
    { what: `an answer to ${method}` },
  )) as Result<T>;
  await page.close();
  if (!answer.ok) throw new Error(`${method}: ${answer.error}`);
  return answer.value;
}

const highlightCount = async (run: Run, url: string) => {
  const page = await run.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  // The content script reports once it has decided; give it that long, then count.
  await waitFor(() => page.evaluate(() => document.readyState === 'complete'), {
    what: 'the page to load',
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const count = await page.evaluate(
    () => [...CSS.highlights.keys()].filter((name) => name.startsWith('bilateral-')).length,
  );
  await page.close();
  return count;
};

/**
 * Chromium only. Firefox installs the build as a temporary add-on, which does not outlive the
 * browser; and with this file's own launcher its extension pages stayed at about:blank, so
 * Firefox's persistence is not covered here.
 */
describe.each(BROWSERS.filter((name) => name === 'chromium'))(
  '%s: choices survive a restart',
  (name) => {
    let server: FixtureServer;
    let profile: string;
    const uuid = randomUUID();

    beforeAll(async () => {
      server = await serveFixtures();
      profile = await mkdtemp(path.join(tmpdir(), `bilateral-restart-${name}-`));
    });
    afterAll(async () => {
      await server?.close();
      await rm(profile, { recursive: true, force: true });
    });

    it('keeps a site choice and a setting in IndexedDB across a restart', async () => {
      const missing = missingPrerequisite(name);
      if (missing) throw new Error(missing);
      const first = await start(name, profile, uuid);
      try {
        expect(await highlightCount(first, server.url(ARTICLE))).toBeGreaterThan(0);
        await ask(first, 'site/set', { host: '127.0.0.1', choice: 'never' });
        await ask(first, 'settings/set', { entities: false });
        expect(await highlightCount(first, server.url(ARTICLE))).toBe(0);
      } finally {
        await first.browser.close();
      }

      const second = await start(name, profile, uuid);
      try {
        const prefs = await ask<Prefs>(second, 'prefs/get', { host: '127.0.0.1' });
        expect(prefs).toEqual({
          host: '127.0.0.1',
          site: 'never',
          settings: { enabled: true, quotes: true, entities: false },
        });
        expect(await highlightCount(second, server.url(ARTICLE))).toBe(0);
        await ask(second, 'site/set', { host: '127.0.0.1', choice: null });
        // Only quotes now: names stay off as set before the restart.
        const page = await second.browser.newPage();
        await page.goto(server.url(ARTICLE), { waitUntil: 'load' });
        const names = await waitFor(
          async () => {
            const keys = await page.evaluate(() => [...CSS.highlights.keys()]);
            return keys.length > 0 ? keys : null;
          },
          { what: 'highlights after the site choice is removed' },
        );
        expect(names).toEqual(['bilateral-quote']);
        const state = (await ask<PageState | null>(second, 'site/list', null)) as unknown;
        expect(state).toEqual([]);
      } finally {
        await second.browser.close();
      }
    });
  },
);
