/**
 * What every end-to-end test needs: the fixture pages served from 127.0.0.1, Debian's Chromium
 * and Firefox ESR launched with the built extension, and a way to call extension APIs from one
 * of the extension's own pages. Test files launch each browser once (in `beforeAll`) and close
 * it in `afterAll`.
 */
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, it } from 'vitest';
import { envelope } from '../../lib/protocol';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES_DIR = path.join(ROOT, 'tests/fixtures');
export const DOCS_DIR = path.join(ROOT, 'docs');

/** Must match `GECKO_ID` in wxt.config.ts (not imported: that would load WXT's config here). */
export const GECKO_ID = 'bilateral@bilateral.invalid';

const PAGE_STATE_MESSAGE = envelope('page/state', null);

export type BrowserName = 'chromium' | 'firefox';
export const BROWSERS: readonly BrowserName[] = ['chromium', 'firefox'];

interface BrowserInfo {
  label: string;
  executable: string;
  extensionDir: string;
}

export const BROWSER_INFO: Record<BrowserName, BrowserInfo> = {
  chromium: {
    label: 'Chromium',
    executable: process.env.BILATERAL_CHROMIUM ?? '/usr/lib/chromium/chromium',
    // Another build (an unpacked release, a build with a changed manifest) can be tested too.
    extensionDir: process.env.BILATERAL_CHROMIUM_BUILD ?? path.join(ROOT, '.output/chrome-mv3'),
  },
  firefox: {
    label: 'Firefox ESR',
    executable: process.env.BILATERAL_FIREFOX ?? '/usr/bin/firefox-esr',
    extensionDir: process.env.BILATERAL_FIREFOX_BUILD ?? path.join(ROOT, '.output/firefox-mv3'),
  },
};

export const INSTALL_HINT =
  'Install the browsers with: apt-get update && apt-get install -y chromium firefox-esr';

/** What the headful tests need: a virtual X display and a way to type on it. */
export const X_TOOLS = { xvfb: '/usr/bin/Xvfb', xdotool: '/usr/bin/xdotool' };
export const X_INSTALL_HINT =
  'Install them with: apt-get update && apt-get install -y xvfb xdotool';

/** Why the headful tests cannot run, or null when they can. */
export function missingXTools(): string | null {
  const missing = Object.values(X_TOOLS).filter((file) => !existsSync(file));
  return missing.length === 0 ? null : `${missing.join(' and ')} missing. ${X_INSTALL_HINT}`;
}

/** Why a browser cannot be launched, or null when it can. */
export function missingPrerequisite(name: BrowserName): string | null {
  const info = BROWSER_INFO[name];
  if (!existsSync(info.executable)) {
    return `${info.label} is not installed (no ${info.executable}). ${INSTALL_HINT}`;
  }
  if (!existsSync(path.join(info.extensionDir, 'manifest.json'))) {
    return `No built extension for ${info.label} at ${info.extensionDir}: run \`npm run build\`.`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Fixture server

export interface FixtureServer {
  origin: string;
  /** Absolute URL of a path under tests/fixtures, e.g. `url('pages/short-page.html')`. */
  url(fixturePath: string): string;
  close(): Promise<void>;
}

/**
 * Serves `root` on 127.0.0.1 at a random port. Every response is `text/html; charset=utf-8`
 * (the fixtures are pages; saved pages that lack a charset would otherwise be misread).
 */
export async function serveFixtures(root: string = FIXTURES_DIR): Promise<FixtureServer> {
  const server: Server = createServer((request, response) => {
    const send = (status: number, body: string | Buffer) => {
      response.writeHead(status, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
      });
      response.end(body);
    };
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const file = path.resolve(root, `.${pathname}`);
      if (file !== root && !file.startsWith(root + path.sep)) return send(403, 'Forbidden');
      try {
        const info = await stat(file);
        if (!info.isFile()) return send(404, 'Not found');
        send(200, await readFile(file));
      } catch {
        send(404, 'Not found');
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  const origin = `http://127.0.0.1:${address.port}`;
  return {
    origin,
    url: (fixturePath) => `${origin}/${fixturePath.replace(/^\//, '')}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// A virtual X display, for what only a headful browser does

export interface XDisplay {
  /** `:N`, for the DISPLAY variable. */
  display: string;
  /**
   * Types a chord in the manifest's notation (`Alt+Shift+U`) with real X key events, into the
   * top-level window whose title contains `windowTitle` (focused first: there is no window
   * manager to do it).
   */
  press(chord: string, windowTitle: string): Promise<void>;
  close(): Promise<void>;
}

const run = (file: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<string>((resolve, reject) =>
    execFile(file, args, { env, timeout: 15_000 }, (error, stdout, stderr) =>
      error
        ? reject(new Error(`${path.basename(file)} ${args.join(' ')}: ${stderr || error.message}`))
        : resolve(stdout),
    ),
  );

/** Starts Xvfb on the first free display number (Xvfb picks it and reports it on fd 3). */
export async function startXvfb(): Promise<XDisplay> {
  const missing = missingXTools();
  if (missing) throw new Error(missing);
  const xvfb = spawn(
    X_TOOLS.xvfb,
    ['-displayfd', '3', '-screen', '0', '1280x900x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  xvfb.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  const number = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Xvfb did not start: ${stderr}`)), 15_000);
    xvfb.stdio[3]!.once('data', (chunk) => {
      clearTimeout(timer);
      resolve(String(chunk).trim());
    });
    xvfb.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${stderr}`));
    });
  });
  const display = `:${number}`;
  const env = { ...process.env, DISPLAY: display };
  return {
    display,
    async press(chord, windowTitle) {
      // xdotool's search takes a regular expression.
      const pattern = windowTitle.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
      const windows = (
        await run(X_TOOLS.xdotool, ['search', '--onlyvisible', '--name', pattern], env)
      )
        .trim()
        .split('\n')
        .filter(Boolean);
      if (windows.length !== 1) {
        throw new Error(`expected one window titled "${windowTitle}", found ${windows.length}`);
      }
      // xdotool names keys as X does: alt, shift, ctrl and the letter in lower case.
      const keys = chord.toLowerCase();
      await run(X_TOOLS.xdotool, ['windowfocus', '--sync', windows[0]!], env);
      await run(X_TOOLS.xdotool, ['key', '--clearmodifiers', keys], env);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (xvfb.exitCode !== null) return resolve();
        xvfb.once('exit', () => resolve());
        xvfb.kill();
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Browsers

export interface ExtensionSession {
  name: BrowserName;
  label: string;
  browser: Browser;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionOrigin: string;
  /** Opens an http(s) page in a new tab and waits for its load event. */
  openPage(url: string): Promise<Page>;
  /**
   * Opens an extension page (`popup.html?tab=3`) in a new tab and waits until `readySelector`
   * is in it.
   */
  openExtensionPage(pagePath: string, readySelector?: string): Promise<Page>;
  /**
   * Runs `fn` in an extension page, where `ext` is the extension API object (`browser` in
   * Firefox, `chrome` in Chromium; both promise-based in MV3).
   */
  inExtension<A extends unknown[], R>(
    fn: (ext: ExtensionApi, ...args: A) => R,
    ...args: A
  ): Promise<Awaited<R>>;
  /** The id of the tab showing `url` (asked through `tabs.query` from an extension page). */
  tabIdOf(url: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * Calls a background method from one of the extension's pages, as the popup does; a failed
 * answer throws with the method's name.
 */
export async function callBackground<T>(
  session: ExtensionSession,
  method: string,
  params: unknown,
): Promise<T> {
  const answer = (await session.inExtension(
    (ext, m: unknown) => ext.runtime.sendMessage(m),
    envelope(method, params),
  )) as { ok: true; value: T } | { ok: false; error: string };
  if (!answer.ok) throw new Error(`${method}: ${answer.error}`);
  return answer.value;
}

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/**
 * axe-core's violations on a page, as `id (nodes)`: the whole document, or only what `include`
 * selects (e.g. `[['bilateral-cards', '.card']]`, an open card in Bilateral's shadow root).
 */
export async function axeViolations(page: Page, include?: string[][]): Promise<string[]> {
  // A card fades in over 120 ms; colours measured mid-fade would be wrong.
  await new Promise((resolve) => setTimeout(resolve, 400));
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (selectors) => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (c: unknown) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    const result = await axe.run(selectors ? { include: selectors } : document);
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  }, include ?? null);
}

/** The few extension APIs tests call from an extension page. */
export interface ExtensionApi {
  runtime: { sendMessage(message: unknown): Promise<unknown>; id: string };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
  tabs: {
    query(query: { url?: string | string[] }): Promise<{ id?: number; url?: string }[]>;
    sendMessage(tabId: number, message: unknown): Promise<unknown>;
    create(props: { url: string; active?: boolean }): Promise<{ id?: number }>;
  };
}

/** Chromium's flags for every run: no network but 127.0.0.1, no first-run or background work. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
  // Saved real pages reference CDNs and trackers; nothing but the fixture server resolves.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
  '--lang=en-US',
];

/** Firefox prefs: no network but 127.0.0.1 (a proxy on a closed port refuses everything else). */
export const OFFLINE_FIREFOX_PREFS: Record<string, unknown> = {
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.no_proxies_on': '127.0.0.1',
  'network.proxy.allow_hijacking_localhost': false,
  'intl.locale.requested': 'en-US',
  'intl.accept_languages': 'en-US, en',
  'datareporting.policy.dataSubmissionEnabled': false,
  'app.update.enabled': false,
};

/** The offline prefs, with the add-on's moz-extension UUID fixed. */
function firefoxPrefs(uuid: string): Record<string, unknown> {
  return {
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
    ...OFFLINE_FIREFOX_PREFS,
  };
}

export interface WaitOptions {
  timeout?: number;
  interval?: number;
  /** What is awaited, for the timeout message. */
  what: string;
}

/**
 * Polls `probe` until it returns a value that is not null, undefined or false. The default
 * timeout leaves room for a 2-core CI machine under load; it only matters when a test fails.
 */
export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  { timeout = 30_000, interval = 100, what }: WaitOptions,
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== null && value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeout} ms waiting for ${what}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Launches `name` with the built extension installed. Fails with the install hint when missing. */
export interface LaunchOptions {
  /** Firefox prefs over the defaults (a test routes the proxy to its own logger). */
  firefoxPrefs?: Record<string, unknown>;
  /**
   * An X display (`:99`) to run the browser headful on: only a headful browser takes
   * browser-level keyboard shortcuts such as the extension's command.
   */
  display?: string;
  /**
   * A profile directory to use and keep (by default each launch gets a fresh one, deleted on
   * close). In Firefox the extension is then installed into the profile as an add-on that
   * outlives a restart, not as a temporary one, which Firefox removes when it quits.
   */
  profile?: string;
  /** Firefox: the moz-extension UUID to give the add-on (the same across relaunches). */
  firefoxUuid?: string;
}

function displayEnv(display: string | undefined): { env?: NodeJS.ProcessEnv } {
  return display === undefined ? {} : { env: { ...process.env, DISPLAY: display } };
}

export async function launchWithExtension(
  name: BrowserName,
  options: LaunchOptions = {},
): Promise<ExtensionSession> {
  const missing = missingPrerequisite(name);
  if (missing) throw new Error(missing);
  const info = BROWSER_INFO[name];
  const keepProfile = options.profile !== undefined;
  const profile = options.profile ?? (await mkdtemp(path.join(tmpdir(), `bilateral-e2e-${name}-`)));

  let browser: Browser | undefined;
  let extensionOrigin: string;
  try {
    if (name === 'chromium') {
      browser = await puppeteer.launch({
        browser: 'chrome',
        executablePath: info.executable,
        headless: options.display === undefined,
        ...displayEnv(options.display),
        pipe: true,
        enableExtensions: true,
        userDataDir: profile,
        args: CHROMIUM_ARGS,
      });
      const id = await browser.installExtension(info.extensionDir);
      extensionOrigin = `chrome-extension://${id}/`;
    } else {
      const uuid = options.firefoxUuid ?? randomUUID();
      if (keepProfile) await installIntoProfile(profile, info.extensionDir);
      browser = await puppeteer.launch({
        browser: 'firefox',
        executablePath: info.executable,
        headless: options.display === undefined,
        ...displayEnv(options.display),
        userDataDir: profile,
        // Lets the remote protocol open and script moz-extension:// pages.
        args: ['--remote-allow-system-access'],
        extraPrefsFirefox: {
          ...firefoxPrefs(uuid),
          // ESR installs unsigned add-ons from the profile when told to.
          ...(keepProfile ? { 'xpinstall.signatures.required': false } : {}),
          ...options.firefoxPrefs,
        },
      });
      if (!keepProfile) {
        const id = await browser.installExtension(info.extensionDir);
        if (id !== GECKO_ID) throw new Error(`installed add-on has id ${id}, expected ${GECKO_ID}`);
      }
      extensionOrigin = `moz-extension://${uuid}/`;
    }
  } catch (error) {
    // A browser that started but could not take the extension is not left running.
    await browser?.close().catch(() => undefined);
    if (!keepProfile) await rm(profile, { recursive: true, force: true });
    throw new Error(`${info.label} with ${info.extensionDir}: ${String(error)}`, { cause: error });
  }
  const running: Browser = browser;

  let controlPage: Page | null = null;

  const openExtensionPage = async (pagePath: string, readySelector = 'body'): Promise<Page> => {
    const page = await running.newPage();
    const url = extensionOrigin + pagePath.replace(/^\//, '');
    // Firefox may never resolve a navigation to a moz-extension:// page although it loads,
    // and keeps reporting about:blank as its URL, so the page itself is asked where it is.
    page.goto(url).catch(() => undefined);
    const probe = `location.href.startsWith(${JSON.stringify(extensionOrigin)}) && document.querySelector(${JSON.stringify(readySelector)}) !== null`;
    await waitFor(() => page.evaluate(probe) as Promise<boolean>, {
      what: `${readySelector} in ${url}`,
    });
    return page;
  };

  const session: ExtensionSession = {
    name,
    label: info.label,
    browser: running,
    extensionOrigin,
    async openPage(url) {
      const page = await running.newPage();
      await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
      return page;
    },
    openExtensionPage,
    async inExtension(fn, ...args) {
      // options.html is a quiet extension page to run API calls from; opened once.
      controlPage ??= await openExtensionPage('options.html', '#app');
      // An expression, not a function handle: the extension's CSP forbids eval inside the
      // page, but the remote protocol's own evaluation is not subject to it.
      const expression =
        `(${fn.toString()})(globalThis.browser ?? globalThis.chrome, ` +
        `...${JSON.stringify(args)})`;
      return (await controlPage.evaluate(expression)) as never;
    },
    async tabIdOf(url) {
      // Without the "tabs" permission (Bilateral has none) tabs.query shows no tab's URL, so
      // each tab's content script is asked which page it is on.
      return waitFor(
        () =>
          session.inExtension(
            async (ext, wanted: string, envelope: unknown) => {
              for (const tab of await ext.tabs.query({})) {
                if (tab.id === undefined) continue;
                const answer = (await ext.tabs.sendMessage(tab.id, envelope).catch(() => null)) as {
                  ok?: boolean;
                  value?: { url?: string };
                } | null;
                if (answer?.ok && answer.value?.url === wanted) return tab.id;
              }
              return null;
            },
            url,
            PAGE_STATE_MESSAGE,
          ),
        { what: `the content script of a tab showing ${url}` },
      );
    },
    async close() {
      await running.close().catch(() => undefined);
      if (!keepProfile) await rm(profile, { recursive: true, force: true });
    },
  };
  return session;
}

export interface FileSession {
  /** The browser of this file, launched in `beforeAll` (read it inside tests and hooks). */
  readonly session: ExtensionSession;
  /** A test that fails with the launch's error when the browser could not be made ready. */
  test(title: string, body: () => Promise<void>): void;
}

/**
 * The fixture server of a test file's describe block, started in its `beforeAll` and closed in
 * its `afterAll`. Called before `sessionForFile`, so the server closes after the browser.
 */
export function fixtureServerForFile(): Pick<FixtureServer, 'url'> {
  let server: FixtureServer | undefined;
  beforeAll(async () => {
    server = await serveFixtures();
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    url(fixturePath) {
      if (!server) throw new Error('the fixture server has not started');
      return server.url(fixturePath);
    },
  };
}

/**
 * One browser with the extension for a whole test file: launched in `beforeAll` (after the
 * file's earlier hooks, so a server started there is up), made ready by `ready`, closed in
 * `afterAll`. A browser that cannot start, or a `ready` that throws, fails every test with
 * the reason instead of skipping them. `options` is read at launch, so it may depend on what
 * earlier hooks set up.
 */
export function sessionForFile(
  name: BrowserName,
  {
    options,
    ready,
  }: {
    options?: () => LaunchOptions;
    ready?: (session: ExtensionSession) => Promise<void>;
  } = {},
): FileSession {
  let session: ExtensionSession | undefined;
  let failure: unknown = null;
  beforeAll(async () => {
    try {
      session = await launchWithExtension(name, options?.());
      await ready?.(session);
    } catch (error) {
      failure = error;
    }
  });
  afterAll(async () => {
    await session?.close();
  });
  return {
    get session() {
      if (!session) throw failure ?? new Error(`${BROWSER_INFO[name].label} is not launched yet`);
      return session;
    },
    test: (title, body) =>
      it(title, async () => {
        if (failure) throw failure;
        await body();
      }),
  };
}

/**
 * Puts the built extension into a Firefox profile as `extensions/<gecko id>.xpi`, where Firefox
 * finds it at start-up and keeps it installed across restarts (the profile scope is enabled and
 * not auto-disabled in the prefs every launch here sets).
 */
async function installIntoProfile(profile: string, extensionDir: string): Promise<void> {
  const xpi = path.join(profile, 'extensions', `${GECKO_ID}.xpi`);
  // Written once: on a relaunch Firefox must find the add-on it installed itself.
  if (existsSync(xpi)) return;
  await mkdir(path.dirname(xpi), { recursive: true });
  await writeFile(xpi, await zipStored(extensionDir));
}

/** A zip of every file under `dir`, stored without compression (an .xpi needs no more). */
async function zipStored(dir: string): Promise<Buffer> {
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of entries) {
    const name = Buffer.from(path.relative(dir, file).split(path.sep).join('/'));
    const data = await readFile(file);
    const crc = crc32(data);
    // Shared fields: version 2.0, UTF-8 names, stored, 1980-01-01 00:00, crc, sizes, name length.
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0);
    common.writeUInt16LE(0x0800, 2);
    common.writeUInt16LE(0, 4);
    common.writeUInt16LE(0, 6);
    common.writeUInt16LE(0x21, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(data.length, 14);
    common.writeUInt32LE(data.length, 18);
    common.writeUInt16LE(name.length, 22);
    common.writeUInt16LE(0, 24);
    const local = Buffer.concat([u32(0x04034b50), common, name, data]);
    const central = Buffer.concat([
      u32(0x02014b50),
      u16(20),
      common,
      Buffer.alloc(10), // comment length, disk, internal and external attributes: all zero
      u32(offset),
      name,
    ]);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function u16(value: number): Buffer {
  const buffer = Buffer.alloc(2);
  buffer.writeUInt16LE(value);
  return buffer;
}

function u32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}

/**
 * Saves a screenshot of `page` as docs/<name>.png (for the README): the whole page, or with
 * `fullPage: false` what its viewport shows.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  { fullPage = true }: { fullPage?: boolean } = {},
): Promise<string> {
  await mkdir(DOCS_DIR, { recursive: true });
  const file = path.join(DOCS_DIR, `${name}.png`);
  const png = await page.screenshot({ type: 'png', fullPage });
  await writeFile(file, png);
  return file;
}
