/**
 * `npm run bench`: the page pipeline timed in real headless Chromium over every real page and
 * generated long pages, side by side with a bare text pass (the floor), mark.js and
 * Readability in the same page and run (design.md section 5, issue 6).
 *
 *   npm run bench -- [--json FILE] [--svg FILE] [--pages DIR] [--only TEXT] [--runs N]
 *                    [--markjs-cap-ms N] [--strict]
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { parseArgs, ArgsError, USAGE, type BenchArgs } from './bench/args';
import type { PeerTime, StageTimes, TaskTrace, WholeRead } from './bench/harness';
import { bundlePeers, bundleStages } from './bench/bundle';
import { judge } from './bench/budgets';
import { markjsKeywords, readMatcher } from './bench/matcher';
import { STAGE_MODULES } from './bench/wire';
import {
  longPages,
  PagesError,
  readIndex,
  realPages,
  resolvePagesDir,
  usChinaArticles,
  type BenchPage,
} from './bench/pages';
import { formatHotSpots, hotSpots, type CpuProfile } from './bench/profile';
import { budgetLines, chartSvg, table } from './bench/report';
import { extensionTimings } from './bench/extension';
import type { BenchResult, PageResult } from './bench/result';
import { servePages } from './bench/server';
import { ratio, sumPresent } from './bench/stats';
import { analyseSteps } from '../lib/annotate';
import type { PageText } from '../lib/annotate/types';
import type { MatcherIndex } from '../lib/match/matcher';
import { runSteps } from '../lib/steps';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
const CONTENT_SCRIPT = '.output/chrome-mv3/content-scripts/content.js';
/** What the content script imports where it needs them: on a page it reads, when a card opens. */
const READER_BUNDLE = '.output/chrome-mv3/page-reader.js';
const ON_DEMAND = [READER_BUNDLE, '.output/chrome-mv3/cards.js'];
/** Long pages, as multiples of the longest real page's text. */
const LONG_FACTORS = [1, 10, 50];
/** The name the stages bundle runs under, so profiles can tell its frames apart. */
const STAGES_URL = 'bilateral-bench-stages.js';

function log(message: string) {
  process.stderr.write(`${message}\n`);
}

function machine(): string {
  const cpus = os.cpus();
  const gib = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${cpus[0]?.model ?? 'unknown CPU'}, ${os.availableParallelism()} cores, ${gib} GiB, ${os.type()} ${os.release()}, Node ${process.version}`;
}

function sizeOf(file: string) {
  const code = readFileSync(path.join(ROOT, file));
  return { file, bytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

function contentScriptSize() {
  if (!existsSync(path.join(ROOT, CONTENT_SCRIPT))) return null;
  return {
    ...sizeOf(CONTENT_SCRIPT),
    onDemand: ON_DEMAND.filter((file) => existsSync(path.join(ROOT, file))).map(sizeOf),
  };
}

async function launch(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`,
    );
  }
  const profile = mkdtempSync(path.join(os.tmpdir(), 'bilateral-bench-'));
  const args = [
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    // Keep timers and rendering at full speed in the background tab the bench drives.
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    userDataDir: profile,
    args,
    protocolTimeout: 15 * 60_000,
  });
  return {
    browser,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

interface Scripts {
  stages: string;
  peers: string;
  /** The content script's style sheet (highlights.css), which the browser adds as a page loads. */
  contentCss: string;
  /** The built page-reader.js, which the content script imports on a page it reads; null unbuilt. */
  readerJs: string | null;
  matcherJson: string | null;
  /** The matcher index parsed, for the analysis done in Node. */
  index?: MatcherIndex;
  keywords: string[];
}

async function openPage(browser: Browser, origin: string, page: BenchPage): Promise<Page> {
  const tab = await browser.newPage();
  await tab.setRequestInterception(true);
  tab.on('request', (request) => {
    if (request.url().startsWith(`${origin}/`)) void request.continue();
    else void request.abort('blockedbyclient');
  });
  // Parsed with scripting off, as the real-pages counts were made: the parser neither fetches
  // nor runs the page's scripts, and <noscript> content is markup.
  await tab.setJavaScriptEnabled(false);
  await tab.goto(`${origin}${page.urlPath}`, { waitUntil: 'load', timeout: 120_000 });
  // Scripting back on for the bench's isolated world (timers, NodeFilter callbacks); the
  // server's `script-src 'none'` still keeps every page script from running.
  await tab.setJavaScriptEnabled(true);
  return tab;
}

/**
 * An isolated world in the page, as a content script gets: its own globals, the page's DOM and
 * highlight registry. Scripting is on again by the time it runs: with script execution disabled
 * Blink refuses NodeFilter callbacks in the main world ("The provided callback is no longer
 * runnable") and never fires timers in isolated worlds, so the text map could not run.
 */
async function isolatedWorld(tab: Page) {
  const session = await tab.createCDPSession();
  const { frameTree } = await session.send('Page.getFrameTree');
  const { executionContextId } = await session.send('Page.createIsolatedWorld', {
    frameId: frameTree.frame.id,
    worldName: 'bilateral-bench',
  });
  const run = async <T>(expression: string): Promise<T> => {
    const reply = await session.send('Runtime.evaluate', {
      expression,
      contextId: executionContextId,
      awaitPromise: true,
      returnByValue: true,
    });
    if (reply.exceptionDetails) {
      const { exception, text } = reply.exceptionDetails;
      throw new Error(exception?.description ?? text);
    }
    return reply.result.value as T;
  };
  const collectGarbage = async () => {
    await session.send('HeapProfiler.collectGarbage');
  };
  /** Heap in use after a full collection: the JS heap plus Blink's (DOM objects, ranges). */
  const heapUsed = async (): Promise<number> => {
    await collectGarbage();
    const usage = (await session.send('Runtime.getHeapUsage')) as {
      usedSize: number;
      embedderHeapUsedSize?: number;
    };
    return usage.usedSize + (usage.embedderHeapUsedSize ?? 0);
  };
  /** A sampling CPU profile of one full pipeline pass. */
  const profile = async (): Promise<CpuProfile> => {
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 100 });
    await session.send('Profiler.start');
    await run(call('retain'));
    const { profile: result } = await session.send('Profiler.stop');
    await run(call('release'));
    await session.send('Profiler.disable');
    return result as CpuProfile;
  };
  return { run, heapUsed, collectGarbage, profile, detach: () => session.detach() };
}

/**
 * How long the page takes to load the page reader's code the first time, as the content
 * script's import does: the built file compiled and run in a fresh isolated world, timed in the
 * page.
 */
async function codeLoadMs(tab: Page, code: string): Promise<number> {
  const session = await tab.createCDPSession();
  try {
    const { frameTree } = await session.send('Page.getFrameTree');
    const { executionContextId: contextId } = await session.send('Page.createIsolatedWorld', {
      frameId: frameTree.frame.id,
      worldName: 'bilateral-bench-code',
    });
    const reply = await session.send('Runtime.evaluate', {
      contextId,
      returnByValue: true,
      // The source arrives as a string first, so only compiling and running it is timed.
      expression: `(() => {
        const source = ${JSON.stringify(code)};
        const started = performance.now();
        (0, eval)(source);
        return performance.now() - started;
      })()`,
    });
    if (reply.exceptionDetails) {
      throw new Error(
        reply.exceptionDetails.exception?.description ?? 'page-reader.js failed to load',
      );
    }
    return reply.result.value as number;
  } finally {
    await session.detach().catch(() => undefined);
  }
}

/** An expression that calls the harness with JSON arguments. */
function call(method: string, ...args: unknown[]): string {
  return `globalThis.__bilateralBench.${method}(${args.map((a) => JSON.stringify(a)).join(', ')})`;
}

/** The background's answer to the page's request: the analysis of what the page sent. */
function analyseAnswer(sent: string, scripts: Scripts): string | null {
  if (scripts.matcherJson === null) return null;
  scripts.index ??= JSON.parse(scripts.matcherJson) as MatcherIndex;
  return JSON.stringify(
    runSteps(analyseSteps(JSON.parse(sent) as PageText, scripts.index)).annotation,
  );
}

async function measure(
  browser: Browser,
  origin: string,
  page: BenchPage,
  scripts: Scripts,
  args: BenchArgs,
): Promise<{ result: PageResult; phases: Record<string, number> }> {
  const phases: Record<string, number> = {};
  let last = Date.now();
  const phase = (name: string) => {
    const t = Date.now();
    phases[name] = t - last;
    last = t;
  };
  const tab = await openPage(browser, origin, page);
  const world = await isolatedWorld(tab);
  phase('load');
  try {
    // The extension's highlight rules are in the page before any stage runs, as they are when
    // the browser adds them with the content script; adopting them now costs the page one
    // restyle, which the browser pays while the page is still empty, so it is kept out of the
    // measurements by the frames the harness waits for.
    await world.run(
      `(async () => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync(${JSON.stringify(scripts.contentCss)});
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        for (let i = 0; i < 2; i++) await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      })()`,
    );
    await world.run(scripts.stages);
    await world.run(scripts.peers);
    await world.run(call('setMatcher', scripts.matcherJson));
    // First, on the page as it loaded: the page's thread through one reading, the analysis
    // done here in Node as the background would (its work and garbage are not the page's).
    const sent = await world.run<string | null>(call('readForTrace'));
    await world.run(call('setTraceAnswer', sent === null ? null : analyseAnswer(sent, scripts)));
    await world.collectGarbage();
    const trace = await world.run<TaskTrace>(call('trace'));
    phase('trace');
    const stages = await world.run<StageTimes>(
      call('stages', {
        runs: args.runs,
        minRuns: Math.min(3, args.runs),
        minSampleMs: args.minSampleMs,
        maxStageMs: args.maxStageMs,
      }),
    );
    phase('stages');
    const codeMs =
      stages.gatePassed && scripts.readerJs !== null
        ? await codeLoadMs(tab, scripts.readerJs)
        : null;
    await world.run(call('release'));
    const before = await world.heapUsed();
    const retainError = await world.run<string | null>(call('retain'));
    const after = await world.heapUsed();
    await world.run(call('release'));
    phase('heap');
    // After the heap: the analysis of a whole long page leaves the last text it read in caches.
    const whole =
      page.generated && stages.active ? await world.run<WholeRead>(call('whole')) : null;
    phase('uncapped');
    if (args.profile && stages.gatePassed) {
      const spots = hotSpots(await world.profile(), STAGES_URL, scripts.stages);
      log(formatHotSpots(page.name, spots));
    }
    const readability = await world.run<PeerTime>(call('readability', args.readabilityCapMs));
    phase('readability');
    // Last: mark.js changes the DOM.
    const markjs = await world.run<PeerTime>(
      call('markjs', scripts.keywords, page.usChina ? args.markjsActiveCapMs : args.markjsCapMs),
    );
    phase('mark.js');
    const result = toResult(
      page,
      stages,
      codeMs,
      trace,
      retainError ? null : after - before,
      readability,
      markjs,
      [
        ...(retainError ? [`heap: ${retainError}`] : []),
        ...(whole?.error ? [`uncapped: ${whole.error}`] : []),
      ],
      whole,
    );
    return { result, phases };
  } finally {
    await world.detach().catch(() => undefined);
    await tab.close();
  }
}

function toResult(
  page: BenchPage,
  stages: StageTimes,
  codeMs: number | null,
  trace: TaskTrace,
  heapBytes: number | null,
  readability: PeerTime,
  markjs: PeerTime,
  extraErrors: string[],
  whole: WholeRead | null,
): PageResult {
  const floorMs = stages.floor.ms;
  const gateMs = stages.gate?.ms ?? null;
  const indexMs = stages.index?.ms ?? null;
  const readMs = stages.read?.ms ?? null;
  const sendMs = stages.send?.ms ?? null;
  const analysisMs = stages.analyse?.ms ?? null;
  const annotateMs = readMs === null || analysisMs === null ? null : readMs + analysisMs;
  const highlightMs = stages.highlight?.ms ?? null;
  // The page's thread: the gate, the reader's code, the page's half, the message, drawing.
  const mainThreadMs = sumPresent([gateMs, codeMs, readMs, sendMs, highlightMs]);
  // Everything a reading costs, wherever it runs (the background's index load is once per
  // start of the background, not per page: it is in `indexMs`).
  const totalMs = sumPresent([mainThreadMs, analysisMs]);
  const capped = markjs.done !== undefined && markjs.of !== undefined && markjs.done < markjs.of;
  const markjsMs =
    markjs.ms === null
      ? null
      : capped && markjs.done
        ? (markjs.ms * markjs.of!) / markjs.done
        : markjs.ms;
  const errors = [
    ...stages.errors,
    ...trace.errors.map((e) => `trace: ${e}`),
    ...extraErrors,
    ...(readability.error ? [`readability: ${readability.error}`] : []),
    ...(markjs.error ? [`mark.js: ${markjs.error}`] : []),
  ];
  return {
    name: page.name,
    chars: stages.chars,
    active: stages.active,
    usChina: page.usChina,
    generated: page.generated,
    floorMs,
    gateMs,
    gatePassed: stages.gatePassed,
    indexMs,
    codeMs,
    readMs,
    sendMs,
    analysisMs,
    annotateMs,
    highlightMs,
    mainThreadMs,
    totalMs,
    firstHighlightMs: null,
    firstHighlightColdMs: null,
    ratios: {
      gate: ratio(gateMs, floorMs),
      annotate: ratio(annotateMs, floorMs),
      highlight: ratio(highlightMs, floorMs),
      total: ratio(totalMs, floorMs),
    },
    longestTaskMs: trace.longestTaskMs,
    longestTaskIn: trace.longestIn,
    uncapped:
      whole?.ms != null && whole.chars != null
        ? { ms: whole.ms, chars: whole.chars, tokenMs: whole.tokenMs }
        : null,
    heapBytes,
    markjsMs,
    markjs:
      markjs.ms === null
        ? null
        : {
            measuredMs: markjs.ms,
            keywordsDone: markjs.done ?? 0,
            keywords: markjs.of ?? 0,
            capped,
            marks: markjs.marks ?? 0,
          },
    readabilityMs: readability.ms,
    quotes: stages.quotes,
    mentions: stages.mentions,
    runs: {
      floor: stages.floor.samples.length,
      gate: stages.gate?.samples.length ?? null,
      read: stages.read?.samples.length ?? null,
      analyse: stages.analyse?.samples.length ?? null,
      highlight: stages.highlight?.samples.length ?? null,
    },
    errors,
  };
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const dir = resolvePagesDir(ROOT, args.pages, process.env);
  const entries = readIndex(dir);
  const longest = Math.max(...entries.map((e) => e.textChars));
  let pages: BenchPage[] = [
    ...realPages(dir, entries),
    ...longPages(usChinaArticles(dir, entries, path.join(ROOT, 'corpus')), longest, LONG_FACTORS),
  ];
  if (args.only.length > 0) pages = pages.filter((p) => args.only.some((o) => p.name.includes(o)));
  if (pages.length === 0) throw new PagesError(`no page matches --only ${args.only.join(', ')}`);

  const matcher = readMatcher(ROOT);
  if (matcher.error) log(`bench: ${matcher.error}`);
  if (!existsSync(path.join(ROOT, READER_BUNDLE))) {
    log(`bench: no ${READER_BUNDLE} (run \`npm run build\`): its load is left out of the totals`);
  }
  const stages = await bundleStages(ROOT, args.worktree);
  const scripts: Scripts = {
    stages: `${stages.code}\n//# sourceURL=${STAGES_URL}\n`,
    peers: await bundlePeers(ROOT),
    contentCss: readFileSync(path.join(ROOT, 'entrypoints/content/highlights.css'), 'utf8'),
    readerJs: existsSync(path.join(ROOT, READER_BUNDLE))
      ? readFileSync(path.join(ROOT, READER_BUNDLE), 'utf8')
      : null,
    matcherJson: matcher.json,
    keywords: matcher.json ? markjsKeywords(JSON.parse(matcher.json)) : [],
  };
  const server = await servePages(pages);
  const { browser, close } = await launch();
  const results: PageResult[] = [];
  const started = Date.now();
  try {
    const version = await browser.version();
    for (const [i, page] of pages.entries()) {
      const t0 = Date.now();
      try {
        const { result, phases } = await measure(browser, server.origin, page, scripts, args);
        results.push(result);
        const errors = result.errors.length > 0 ? `  errors: ${result.errors.join('; ')}` : '';
        const spent = Object.entries(phases)
          .map(([name, ms]) => `${name} ${ms}`)
          .join(', ');
        log(
          `[${i + 1}/${pages.length}] ${page.name}: ${result.chars} chars, ${Date.now() - t0} ms (${spent})${errors}`,
        );
      } catch (error) {
        log(`[${i + 1}/${pages.length}] ${page.name}: ${(error as Error).message}`);
        throw error;
      }
    }
    // The extension itself on the pages it annotates: the first highlight, asleep and awake.
    const annotated = results.filter((r) => r.active === true);
    if (!existsSync(path.join(ROOT, '.output/chrome-mv3/manifest.json'))) {
      log('bench: no built extension (run `npm run build`): the first highlight is not measured');
    } else if (annotated.length > 0) {
      log(`bench: the built extension in Chromium on ${annotated.length} active pages`);
      const byName = new Map(pages.map((p) => [p.name, p]));
      const timings = await extensionTimings(
        annotated.map((r) => ({
          name: r.name,
          url: `${server.origin}${byName.get(r.name)!.urlPath}`,
        })),
        log,
      );
      for (const result of annotated) {
        const timing = timings.get(result.name);
        if (!timing) continue;
        result.firstHighlightMs = timing.warmMs;
        result.firstHighlightColdMs = timing.coldMs;
        result.errors.push(...timing.errors);
      }
    }
    const contentScript = contentScriptSize();
    const budgets = judge(results, contentScript);
    const browserName = version.replace(/^(Headless)?Chrome\//, 'Chromium ') + ' (headless)';
    const output: BenchResult = {
      browser: browserName,
      machine: machine(),
      date: new Date().toISOString(),
      options: {
        runs: args.runs,
        minSampleMs: args.minSampleMs,
        markjsCapMs: args.markjsCapMs,
        markjsActiveCapMs: args.markjsActiveCapMs,
      },
      stages: STAGE_MODULES,
      source: stages.source,
      contentScript,
      pages: results,
      budgets,
    };
    process.stdout.write(`${table(results)}\n\n`);
    process.stdout.write(
      `${output.browser} on ${output.machine}; ${pages.length} pages in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
    );
    const { revision, dirty } = stages.source;
    const edits = dirty.length > 0 ? ` (uncommitted: ${dirty.join(', ')})` : '';
    process.stdout.write(`stages from ${STAGE_MODULES.join(', ')} at ${revision}${edits}\n\n`);
    process.stdout.write(`${budgetLines(budgets)}\n`);
    if (args.json) {
      mkdirSync(path.dirname(path.resolve(args.json)), { recursive: true });
      writeFileSync(args.json, `${JSON.stringify(output, null, 2)}\n`);
      log(`bench: wrote ${args.json}`);
    }
    if (args.svg) {
      mkdirSync(path.dirname(path.resolve(args.svg)), { recursive: true });
      writeFileSync(
        args.svg,
        chartSvg(results, `${output.browser}, ${output.machine}, ${output.date.slice(0, 10)}.`),
      );
      log(`bench: wrote ${args.svg}`);
    }
    const failed = budgets.filter((b) => b.pass !== true);
    if (failed.length > 0)
      log(`bench: ${failed.length} budget(s) do not hold: ${failed.map((b) => b.id).join(', ')}`);
    return args.strict && failed.length > 0 ? 1 : 0;
  } finally {
    await close();
    await server.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ArgsError || error instanceof PagesError) {
      log(`bench: ${error.message}`);
      process.exit(2);
    }
    log(`bench: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
