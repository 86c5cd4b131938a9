/**
 * Security and privacy of the built extension in both browsers.
 *
 * No network: while Bilateral annotates an article, opens a card, and shows its popup and
 * options page, every request is watched: every page's requests (the article and the
 * extension's own pages), in Chromium the background service worker's through the DevTools
 * protocol, in Firefox everything the browser sends anywhere but 127.0.0.1 through a logging
 * proxy, and on the fixture server every request it receives. The only requests allowed are
 * the article itself (and its favicon) and the extension's packaged files.
 *
 * Messages from web pages: a page's window.postMessage with a Bilateral envelope changes
 * nothing, and a page has no runtime API to send forged messages with.
 *
 * The manifest: no permissions, no host permissions beyond the content script's matches, no
 * externally_connectable, nothing web-accessible but the card bundle, a strict CSP for
 * extension pages, and no remote or evaluated code in the bundles.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envelope, type PageState } from '../../lib/protocol';
import type { Result } from '../../lib/result';
import {
  BROWSER_INFO,
  BROWSERS,
  FIXTURES_DIR,
  sessionForFile,
  waitFor,
  type ExtensionSession,
} from './harness';

const ARTICLE = path.join(FIXTURES_DIR, 'pages/us-china-article.html');

interface Logged {
  where: string;
  url: string;
}

/** A server for the article that logs every request it gets. */
async function articleServer(log: Logged[]) {
  const html = await readFile(ARTICLE);
  const server: Server = createServer((request, response) => {
    log.push({ where: 'fixture server', url: request.url ?? '' });
    const ok = request.url === '/article.html';
    response.writeHead(ok ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end(ok ? html : 'Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/article.html`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An HTTP proxy that refuses everything and logs what it was asked for. */
async function loggingProxy(log: Logged[]) {
  const server: Server = createServer((request, response) => {
    log.push({ where: 'proxy', url: request.url ?? '' });
    response.writeHead(502);
    response.end();
  });
  server.on('connect', (request, socket) => {
    log.push({ where: 'proxy CONNECT', url: request.url ?? '' });
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe.each(BROWSERS)('%s: no network, no page messages', (name) => {
  const log: Logged[] = [];
  let article: Awaited<ReturnType<typeof articleServer>>;
  let proxy: Awaited<ReturnType<typeof loggingProxy>>;
  let session: ExtensionSession;
  const watched = new Set<Page>();
  let workerWatched = false;

  const watch = (page: Page, where: string) => {
    if (watched.has(page)) return;
    watched.add(page);
    page.on('request', (request) =>
      log.push({ where: `${where} ${page.url()}`, url: request.url() }),
    );
  };

  beforeAll(async () => {
    article = await articleServer(log);
    proxy = await loggingProxy(log);
  });
  // Registered before the browser's own hooks, so the servers close after the browser.
  afterAll(async () => {
    await proxy?.close();
    await article?.close();
  });
  const { test } = sessionForFile(name, {
    options: () => ({
      firefoxPrefs: {
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl_port': proxy.port,
      },
    }),
    ready: async (launched) => {
      session = launched;
      await watchTargets();
    },
  });

  const watchTargets = async () => {
    const onTarget = async (target: Target) => {
      const page = await target.page().catch(() => null);
      if (page) watch(page, 'page');
      if (name === 'chromium' && target.type() === 'service_worker') {
        workerWatched = true;
        const cdp = await target.createCDPSession();
        cdp.on('Network.requestWillBeSent', (event: { request: { url: string } }) =>
          log.push({ where: 'service worker', url: event.request.url }),
        );
        await cdp.send('Network.enable');
      }
    };
    session.browser.on('targetcreated', (target: Target) => void onTarget(target));
    for (const target of session.browser.targets()) await onTarget(target);
  };

  test('makes no request while it annotates, opens a card, the popup and the options page', async () => {
    const page = await session.browser.newPage();
    watch(page, 'page');
    await page.goto(article.url, { waitUntil: 'load' });
    const tabId = await session.tabIdOf(article.url);
    const state = (await session.inExtension(
      (ext, id: number, m: unknown) => ext.tabs.sendMessage(id, m),
      tabId,
      envelope('page/state', null),
    )) as Result<PageState>;
    expect(state.ok && state.value.phase).toBe('active');

    // A card: Alt+Shift+N opens the first highlight's card, which loads from the background.
    await page.bringToFront();
    await page.keyboard.down('Alt');
    await page.keyboard.down('Shift');
    await page.keyboard.press('KeyN');
    await page.keyboard.up('Shift');
    await page.keyboard.up('Alt');
    await waitFor(
      () =>
        page.evaluate(() => {
          const root = document.querySelector('bilateral-cards')?.shadowRoot;
          return Boolean(root?.querySelector('section') && !root.querySelector('[role="status"]'));
        }),
      { what: 'a loaded card' },
    );

    const popup = await session.openExtensionPage(
      `popup.html?tab=${tabId}`,
      '[data-testid="phase"]',
    );
    watch(popup, 'popup');
    const options = await session.openExtensionPage('options.html', '#app');
    watch(options, 'options');
    // Searching the knowledge base from the options page, where there is a search field.
    const search = await options.$('input[type="search"]');
    if (search) await search.type('Qin');
    await new Promise((resolve) => setTimeout(resolve, 1500));

    // The watchers work: a request the page makes on purpose to a host that does not exist is
    // seen by the page watcher, and in Firefox by the proxy.
    const canary = 'http://canary.invalid/probe';
    await page.evaluate((url: string) => fetch(url).catch(() => null), canary);
    await waitFor(
      () =>
        log.some((e) => e.where.startsWith('page') && e.url === canary) &&
        (name !== 'firefox' ||
          log.some((e) => e.where.startsWith('proxy') && e.url.includes('canary.invalid'))),
      { what: 'the canary request in the logs' },
    );
    const extensionOrigin = session.extensionOrigin;
    // The proxy sees the whole browser: Firefox fetches its own remote settings (blocklists,
    // certificate data) from this host whatever the add-ons do, and a release build does not
    // let a pref move it. Bilateral has no reason to contact it; it is the one host left out.
    const firefoxItself = (entry: Logged) =>
      entry.where.startsWith('proxy') && entry.url === 'firefox.settings.services.mozilla.com:443';
    // Chrome serves the web-accessible page-reader and card bundles at a per-session address
    // (use_dynamic_url), so their origin is not the extension's id; they are still our own files.
    const ownBundle = (entry: Logged) =>
      /^chrome-extension:\/\/[0-9a-f-]+\/(?:page-reader|cards)\.js$/.test(entry.url);
    const allowed = (entry: Logged) =>
      firefoxItself(entry) ||
      ownBundle(entry) ||
      entry.url.startsWith(extensionOrigin) ||
      entry.url.startsWith('data:') ||
      entry.url.startsWith('blob:') ||
      entry.url === article.url ||
      entry.url === '/article.html' ||
      entry.url.endsWith('/favicon.ico') ||
      entry.url.includes('canary.invalid');
    expect(log.filter((entry) => !allowed(entry))).toEqual([]);
    // The watchers did see traffic: the article from the page and from the server.
    expect(log.some((e) => e.where.startsWith('page') && e.url === article.url)).toBe(true);
    expect(log.some((e) => e.where === 'fixture server')).toBe(true);
    if (name === 'chromium') expect(workerWatched).toBe(true);
    await popup.close();
    await options.close();
    await page.close();
  });

  test('ignores Bilateral envelopes posted by the page, and the page has no runtime to forge messages with', async () => {
    const page = await session.browser.newPage();
    await page.goto(article.url, { waitUntil: 'load' });
    const tabId = await session.tabIdOf(article.url);
    const before = await page.evaluate(() => {
      const names: string[] = [];
      CSS.highlights.forEach((_, key) => names.push(key));
      return names.filter((n) => n.startsWith('bilateral-')).sort();
    });
    expect(before.length).toBeGreaterThan(0);
    const forged = await page.evaluate(
      (messages: unknown[]) => {
        for (const message of messages) {
          window.postMessage(message, '*');
          document.dispatchEvent(new CustomEvent('bilateral', { detail: message }));
        }
        const scope = globalThis as unknown as {
          chrome?: { runtime?: { sendMessage?: unknown; id?: unknown } };
          browser?: { runtime?: unknown };
        };
        return {
          chromeRuntime: typeof scope.chrome?.runtime?.sendMessage,
          browserRuntime: typeof scope.browser?.runtime,
        };
      },
      [
        envelope('page/enable', { on: false }),
        envelope('settings/set', { enabled: false }),
        envelope('clip/import', { clippings: [] }),
      ],
    );
    // Neither browser gives a web page a runtime API to reach Bilateral (no
    // externally_connectable), so a forged runtime message has no way in.
    expect(forged).toEqual({ chromeRuntime: 'undefined', browserRuntime: 'undefined' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const state = (await session.inExtension(
      (ext, id: number, m: unknown) => ext.tabs.sendMessage(id, m),
      tabId,
      envelope('page/state', null),
    )) as Result<PageState>;
    expect(state.ok && state.value.phase).toBe('active');
    const prefs = (await session.inExtension(
      (ext, m: unknown) => ext.runtime.sendMessage(m),
      envelope('prefs/get', { host: '127.0.0.1' }),
    )) as Result<{ settings: { enabled: boolean } }>;
    expect(prefs.ok && prefs.value.settings.enabled).toBe(true);
    const after = await page.evaluate(() => {
      const names: string[] = [];
      CSS.highlights.forEach((_, key) => names.push(key));
      return names.filter((n) => n.startsWith('bilateral-')).sort();
    });
    expect(after).toEqual(before);
    await page.close();
  });
});

describe('the manifest and the bundles', () => {
  const builds = Object.values(BROWSER_INFO).map((info) => info.extensionDir);

  it.each(builds)('%s: no permissions, no external connections, a strict CSP', (dir) => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<
      string,
      unknown
    > & {
      content_security_policy: { extension_pages: string };
      content_scripts: { matches: string[]; all_frames?: boolean }[];
    };
    expect(manifest.permissions ?? []).toEqual([]);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.externally_connectable).toBeUndefined();
    // Pages may load only the two bundles the content script imports, nothing else packaged.
    const exposed = (manifest.web_accessible_resources ?? []) as { resources: string[] }[];
    expect(exposed.flatMap((entry) => entry.resources)).toEqual(
      exposed.length === 0 ? [] : ['page-reader.js', 'cards.js'],
    );
    expect(manifest.content_scripts.flatMap((c) => c.matches).sort()).toEqual([
      'http://*/*',
      'https://*/*',
    ]);
    const csp = manifest.content_security_policy.extension_pages;
    const directives = new Map(
      csp.split(';').map((d) => {
        const [key, ...values] = d.trim().split(/\s+/);
        return [key!, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-(eval|inline)|https?:|wasm-unsafe-eval/);
  });

  it.each(builds)('%s: no remote or evaluated code in the bundles', (dir) => {
    const files: string[] = [];
    const walk = (at: string) => {
      for (const entry of readdirSync(at)) {
        const full = path.join(at, entry);
        if (statSync(full).isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(dir);
    const scripts = files.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(
        /\beval\s*\(|new\s+Function\s*\(|importScripts\s*\(\s*['"]https?:/,
      );
      // The only absolute URLs are XML namespace names (SVG, XHTML, MathML), never fetched,
      // and the content script's own match patterns.
      const urls = new Set(code.match(/https?:\/\/[^\s"'`)]+/g) ?? []);
      for (const url of urls) {
        expect(url, file).toMatch(/^http:\/\/www\.w3\.org\/|^https?:\/\/\*\/\*$/);
      }
    }
    for (const page of files.filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(page, 'utf8');
      expect(html, page).not.toMatch(/<script[^>]+src=["']?https?:|<link[^>]+href=["']?https?:/);
      expect(html, page).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/);
    }
  });
});
