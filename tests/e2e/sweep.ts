/**
 * `npm run sweep`: the no-damage sweep over the real pages in ../shared/real-pages (or
 * $BILATERAL_REAL_PAGES), in Chromium (every page) and Firefox ESR (60 pages spread over the
 * sources, or BILATERAL_SWEEP_FIREFOX=N|all). BILATERAL_SWEEP_BROWSERS=chromium|firefox picks one.
 *
 * Each page is served from 127.0.0.1 as `text/html; charset=utf-8` with `script-src 'none'`
 * (the saved pages keep their scripts; none may run) and nothing beyond 127.0.0.1 resolves.
 * A browser without the extension gives the page's DOM as parsed; the browser with it must show
 * the same DOM, apart from Bilateral's one host element:
 *   1. after the content script's first reading (its `page/state` answer comes when it is done);
 *   2. after the reader switched the page on (every page is then annotated and highlighted, not
 *      only the few US–China articles), and with a card open by keyboard where there are
 *      highlights;
 *   3. after switching the page off: no `bilateral-*` highlight, no host, no style sheet left.
 * Any uncaught error or console error from the extension's code fails the page, as does a
 * state of `error`. Prints counts; exits 1 on any damage.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { envelope, type PageState } from '../../lib/protocol';
import type { Result } from '../../lib/result';
import {
  BROWSER_INFO,
  CHROMIUM_ARGS,
  GECKO_ID,
  launchWithExtension,
  missingPrerequisite,
  OFFLINE_FIREFOX_PREFS,
  ROOT,
  waitFor,
  type BrowserName,
} from './harness';

const REAL_PAGES = path.resolve(
  process.env.BILATERAL_REAL_PAGES ?? path.join(ROOT, '../shared/real-pages'),
);
/**
 * Firefox runs about twice as slow here, so by default it sweeps 60 pages spread over the
 * sources (every US–China page among them); BILATERAL_SWEEP_FIREFOX=all sweeps every page.
 */
const FIREFOX_LIMIT = limit(process.env.BILATERAL_SWEEP_FIREFOX, 60);
/** Chromium sweeps every page unless told otherwise (a quick look while working). */
const CHROMIUM_LIMIT = limit(process.env.BILATERAL_SWEEP_CHROMIUM, Number.POSITIVE_INFINITY);

function limit(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (value === 'all') return Number.POSITIVE_INFINITY;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`✖ a page count must be a positive integer or "all", not "${value}"`);
    process.exit(1);
  }
  return n;
}
const ONLY = process.env.BILATERAL_SWEEP_BROWSERS?.split(',') as BrowserName[] | undefined;
/** Sweep only these pages (`source/name`, comma-separated), to look at one again. */
const PAGES = process.env.BILATERAL_SWEEP_PAGES?.split(',').filter(Boolean);
const HOST_TAG = 'bilateral-cards';

interface IndexEntry {
  name: string;
  source: string;
  path: string;
  bytes: number;
  topicUSChina: string;
}

function readIndex(): IndexEntry[] {
  const file = path.join(REAL_PAGES, 'index.json');
  if (!existsSync(file)) {
    console.error(
      `✖ no real pages at ${REAL_PAGES} (index.json missing). Set BILATERAL_REAL_PAGES to the ` +
        'folder that holds index.json and the page folders (../shared/real-pages in the team ' +
        'checkout).',
    );
    process.exit(1);
  }
  const entries = JSON.parse(readFileSync(file, 'utf8')) as IndexEntry[];
  if (!Array.isArray(entries) || entries.length === 0) {
    console.error(`✖ ${file} lists no pages`);
    process.exit(1);
  }
  return entries;
}

/** `count` pages spread evenly over the index, every US–China page among them. */
export function spread(entries: IndexEntry[], count: number): IndexEntry[] {
  if (count >= entries.length) return entries;
  const chosen = new Set(entries.filter((e) => e.topicUSChina === 'yes').slice(0, count));
  const step = entries.length / Math.max(1, count - chosen.size);
  for (let i = 0; chosen.size < count && i < entries.length; i++) {
    chosen.add(entries[Math.floor(i * step) % entries.length]!);
  }
  // Steps that land on a page already chosen leave room: filled in index order.
  for (const entry of entries) {
    if (chosen.size >= count) break;
    chosen.add(entry);
  }
  return entries.filter((e) => chosen.has(e));
}

// ---------------------------------------------------------------------------------------------

async function serve(root: string) {
  const server = createServer((request, response) => {
    void (async () => {
      const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const file = path.resolve(root, `.${pathname}`);
      const headers = {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': "script-src 'none'",
        'Cache-Control': 'no-store',
      };
      try {
        if (!file.startsWith(root + path.sep) || !(await stat(file)).isFile()) throw new Error();
        response.writeHead(200, headers);
        response.end(await readFile(file));
      } catch {
        response.writeHead(404, headers);
        response.end('Not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The same browser without the extension: the page as it is. */
async function launchPlain(
  name: BrowserName,
): Promise<{ browser: Browser; close(): Promise<void> }> {
  const profile = await mkdtemp(path.join(tmpdir(), `bilateral-sweep-${name}-`));
  const browser =
    name === 'chromium'
      ? await puppeteer.launch({
          browser: 'chrome',
          executablePath: BROWSER_INFO.chromium.executable,
          headless: true,
          pipe: true,
          userDataDir: profile,
          args: CHROMIUM_ARGS,
        })
      : await puppeteer.launch({
          browser: 'firefox',
          executablePath: BROWSER_INFO.firefox.executable,
          headless: true,
          userDataDir: profile,
          extraPrefsFirefox: OFFLINE_FIREFOX_PREFS,
        });
  return {
    browser,
    async close() {
      await browser.close().catch(() => undefined);
      await rm(profile, { recursive: true, force: true });
    },
  };
}

interface Snapshot {
  /** The DOM, one line per node (shadow roots included), Bilateral's host left out. */
  dom: string;
  hosts: number;
  adoptedSheets: number;
  highlights: { name: string; size: number }[];
}

/** Runs in the page: serializes the DOM without recursion (pages nest deep). */
function snapshot(hostTag: string): Snapshot {
  const lines: string[] = [];
  let hosts = 0;
  const stack: [Node, number][] = [[document, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    const children: [Node, number][] = [];
    if (node.nodeType === 1) {
      const element = node as Element;
      if (element.localName === hostTag) {
        hosts++;
        continue;
      }
      const attributes = Array.from(
        element.attributes,
        (a) => `${a.name}=${JSON.stringify(a.value)}`,
      )
        .sort()
        .join(' ');
      lines.push(`${depth} <${element.nodeName} ${attributes}>`);
      if (element.shadowRoot) children.push([element.shadowRoot, depth + 1]);
    } else if (node.nodeType === 3 || node.nodeType === 8) {
      lines.push(`${depth} ${node.nodeName} ${JSON.stringify((node as CharacterData).data)}`);
    } else if (node.nodeType !== 9) {
      lines.push(`${depth} ${node.nodeName}`);
    }
    for (let child = node.firstChild; child; child = child.nextSibling) {
      children.push([child, depth + 1]);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  const registry = (globalThis as unknown as { CSS?: { highlights?: Map<string, Set<unknown>> } })
    .CSS?.highlights;
  const highlights: { name: string; size: number }[] = [];
  registry?.forEach((highlight, name) => highlights.push({ name, size: highlight.size }));
  return {
    dom: lines.join('\n'),
    hosts,
    adoptedSheets: document.adoptedStyleSheets.length,
    highlights,
  };
}

/**
 * Loads `url`. Firefox's remote protocol sometimes fails a navigation with "Address rejected"
 * when a page's subresources are refused, although the page itself loaded: then the page is
 * asked where it is and whether it finished.
 */
async function load(page: Page, url: string): Promise<void> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
  } catch (error) {
    const loaded = await waitFor(
      () =>
        page.evaluate(
          (wanted: string) => location.href === wanted && document.readyState === 'complete',
          url,
        ),
      { what: `${url} to finish loading`, timeout: 30_000 },
    ).catch(() => false);
    if (!loaded) throw error;
  }
}

const take = (page: Page): Promise<Snapshot> => page.evaluate(snapshot, HOST_TAG);

const ours = (s: Snapshot) => s.highlights.filter((h) => h.name.startsWith('bilateral-'));

/** The first line where two serializations differ, for the report. */
function firstDifference(a: string, b: string): string {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      return `line ${i + 1}: without ${JSON.stringify(left[i]?.slice(0, 160))}, with ${JSON.stringify(right[i]?.slice(0, 160))}`;
    }
  }
  return 'same lines';
}

interface Outcome {
  page: string;
  phase: string;
  forcedPhase: string;
  marks: number;
  cardOpened: boolean;
  problems: string[];
}

async function sweepBrowser(name: BrowserName, entries: IndexEntry[], origin: string) {
  const plain = await launchPlain(name);
  const session = await launchWithExtension(name);
  const extensionOrigin = session.extensionOrigin;
  const outcomes: Outcome[] = [];
  const started = Date.now();

  const ask = async (tabId: number, message: unknown) =>
    (await session.inExtension(
      (ext, id: number, m: unknown) => ext.tabs.sendMessage(id, m),
      tabId,
      message,
    )) as Result<PageState>;

  // Errors from the service worker (Chromium) count against every page swept while they came.
  const workerErrors: string[] = [];
  if (name === 'chromium') {
    const target = await session.browser.waitForTarget(
      (t) => t.type() === 'service_worker' && t.url().startsWith(extensionOrigin),
      { timeout: 10_000 },
    );
    const worker = await target.worker();
    worker?.on('console', (message) => {
      if (message.type() === 'error') workerErrors.push(`background: ${message.text()}`);
    });
  }

  try {
    for (const [i, entry] of entries.entries()) {
      const url = `${origin}/${entry.path}`;
      const outcome: Outcome = {
        page: `${entry.source}/${entry.name}`,
        phase: '',
        forcedPhase: '',
        marks: 0,
        cardOpened: false,
        problems: [],
      };
      outcomes.push(outcome);
      const fail = (problem: string) => outcome.problems.push(problem);
      let page: Page | null = null;
      let bare: Page | null = null;
      try {
        bare = await plain.browser.newPage();
        await load(bare, url);
        const before = await take(bare);
        await bare.close();
        bare = null;

        page = await session.browser.newPage();
        const fromUs = (text: string, where: string | undefined) => {
          if (where?.includes(extensionOrigin) || text.includes(extensionOrigin)) fail(text);
        };
        page.on('pageerror', (error) => {
          const text =
            error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
          fromUs(`uncaught: ${text}`, undefined);
        });
        page.on('console', (message) => {
          if (message.type() !== 'error' && message.type() !== 'warn') return;
          const where = message
            .stackTrace()
            .map((frame) => frame.url ?? '')
            .join(' ');
          fromUs(
            `console ${message.type()}: ${message.text()}`,
            `${message.location().url ?? ''} ${where}`,
          );
        });
        const errorsBefore = workerErrors.length;
        await load(page, url);
        const tabId = await session.tabIdOf(url);

        const first = await ask(tabId, envelope('page/state', null));
        if (!first.ok) throw new Error(`page/state: ${first.error}`);
        outcome.phase = first.value.phase;
        if (first.value.phase === 'error') fail(`first reading failed: ${first.value.error}`);
        const read = await take(page);
        if (read.dom !== before.dom)
          fail(`DOM changed by reading: ${firstDifference(before.dom, read.dom)}`);
        if (read.hosts > 1) fail(`${read.hosts} host elements`);

        // Switched on: the whole pipeline and the highlights, on every page.
        const on = await ask(tabId, envelope('page/enable', { on: true }));
        if (!on.ok) throw new Error(`page/enable: ${on.error}`);
        outcome.forcedPhase = on.value.phase;
        if (on.value.phase === 'error') fail(`forced reading failed: ${on.value.error}`);
        let drawn = await take(page);
        outcome.marks = ours(drawn).reduce((sum, h) => sum + h.size, 0);
        if (outcome.marks > 0) {
          // Alt+Shift+N steps to the first highlight and opens its card: the host appears.
          await page.bringToFront();
          await page.keyboard.down('Alt');
          await page.keyboard.down('Shift');
          await page.keyboard.press('KeyN');
          await page.keyboard.up('Shift');
          await page.keyboard.up('Alt');
          // A cheap probe while waiting; the whole DOM is serialized once the host is there.
          const opened = await waitFor(
            () =>
              page!.evaluate(
                (tag: string) => document.getElementsByTagName(tag).length > 0,
                HOST_TAG,
              ),
            { what: 'a card host after Alt+Shift+N', timeout: 10_000 },
          ).catch(() => false);
          if (!opened) fail('no card opened by Alt+Shift+N on a page with highlights');
          drawn = await take(page);
          outcome.cardOpened = drawn.hosts === 1;
        }
        if (drawn.dom !== before.dom)
          fail(`DOM changed by highlighting: ${firstDifference(before.dom, drawn.dom)}`);
        if (drawn.hosts > 1) fail(`${drawn.hosts} host elements`);

        // Switched off: nothing of Bilateral is left.
        const off = await ask(tabId, envelope('page/enable', { on: false }));
        if (!off.ok) throw new Error(`page/enable off: ${off.error}`);
        const after = await take(page);
        if (after.dom !== before.dom)
          fail(`DOM changed after switching off: ${firstDifference(before.dom, after.dom)}`);
        if (after.hosts !== 0) fail(`host still there after switching off`);
        if (ours(after).length > 0)
          fail(
            `highlights left: ${ours(after)
              .map((h) => h.name)
              .join(', ')}`,
          );
        if (after.adoptedSheets !== before.adoptedSheets) {
          fail(`${after.adoptedSheets - before.adoptedSheets} style sheet(s) left adopted`);
        }
        for (const error of workerErrors.slice(errorsBefore)) fail(error);
      } catch (error) {
        fail(`could not sweep: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        await bare?.close().catch(() => undefined);
        await page?.close().catch(() => undefined);
      }
      const mark = outcome.problems.length === 0 ? '✓' : '✖';
      if (outcome.problems.length > 0 || (i + 1) % 25 === 0 || i + 1 === entries.length) {
        console.log(
          `${mark} ${BROWSER_INFO[name].label} ${i + 1}/${entries.length} ${outcome.page} ` +
            `(${outcome.phase} → ${outcome.forcedPhase}, ${outcome.marks} marks)` +
            outcome.problems.map((p) => `\n    ${p}`).join(''),
        );
      }
    }
  } finally {
    await session.close();
    await plain.close();
  }
  return { outcomes, seconds: Math.round((Date.now() - started) / 1000) };
}

async function main() {
  const all = readIndex();
  const entries = PAGES ? all.filter((e) => PAGES.includes(`${e.source}/${e.name}`)) : all;
  if (entries.length === 0) {
    console.error(`✖ none of ${PAGES?.join(', ')} is in index.json`);
    process.exit(1);
  }
  const browsers = (ONLY ?? (['chromium', 'firefox'] as BrowserName[])).filter(Boolean);
  for (const name of browsers) {
    const missing = missingPrerequisite(name);
    if (missing) {
      console.error(`✖ ${missing}`);
      process.exit(1);
    }
  }
  const server = await serve(REAL_PAGES);
  let damaged = 0;
  const summary: string[] = [];
  try {
    for (const name of browsers) {
      const chosen = spread(entries, name === 'firefox' ? FIREFOX_LIMIT : CHROMIUM_LIMIT);
      const { outcomes, seconds } = await sweepBrowser(name, chosen, server.origin);
      const bad = outcomes.filter((o) => o.problems.length > 0);
      damaged += bad.length;
      const count = (phase: string) => outcomes.filter((o) => o.phase === phase).length;
      summary.push(
        `${BROWSER_INFO[name].label}: ${outcomes.length} pages swept in ${seconds} s; ` +
          `first reading: ${count('active')} active, ${count('quiet')} quiet, ` +
          `${count('gated-out')} gated out, ${count('off')} off; switched on: ` +
          `${outcomes.filter((o) => o.marks > 0).length} highlighted ` +
          `(${outcomes.reduce((s, o) => s + o.marks, 0)} marks), ` +
          `${outcomes.filter((o) => o.cardOpened).length} with a card opened; ` +
          `${bad.length} with damage or errors`,
      );
    }
  } finally {
    await server.close();
  }
  console.log(`\nReal pages from ${REAL_PAGES} (${all.length} in index.json; add-on ${GECKO_ID})`);
  for (const line of summary) console.log(line);
  if (damaged > 0) {
    console.error(`✖ ${damaged} page runs with damage or errors`);
    process.exit(1);
  }
  console.log('✓ no damage');
}

await main();
