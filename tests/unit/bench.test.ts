import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgsError, parseArgs } from '../../scripts/bench/args';
import { judge, LIMITS, stopReason } from '../../scripts/bench/budgets';
import { markjsKeywords } from '../../scripts/bench/matcher';
import {
  longPageHtml,
  PagesError,
  readIndex,
  resolvePagesDir,
  splitParagraphs,
} from '../../scripts/bench/pages';
import { hotSpots, moduleStarts, type CpuProfile } from '../../scripts/bench/profile';
import { chartSvg, shortName, table } from '../../scripts/bench/report';
import type { PageResult } from '../../scripts/bench/result';
import { median, ratio, sample, sumPresent } from '../../scripts/bench/stats';

/** A clock that advances by `cost` for every call of the timed function. */
function fakeClock(cost: number) {
  let t = 0;
  return {
    now: () => t,
    fn: () => {
      t += cost;
    },
  };
}

function page(overrides: Partial<PageResult>): PageResult {
  const base: PageResult = {
    name: 'readability/x',
    chars: 30_000,
    active: false,
    usChina: false,
    generated: false,
    floorMs: 1,
    gateMs: 0.1,
    gatePassed: false,
    indexMs: null,
    codeMs: null,
    readMs: null,
    sendMs: null,
    analysisMs: null,
    annotateMs: null,
    highlightMs: null,
    mainThreadMs: 0.1,
    totalMs: 0.1,
    firstHighlightMs: null,
    firstHighlightColdMs: null,
    ratios: { gate: 0.1, annotate: null, highlight: null, total: 0.1 },
    longestTaskMs: 1,
    uncapped: null,
    heapBytes: 1000,
    markjsMs: 100,
    markjs: { measuredMs: 100, keywordsDone: 10, keywords: 10, capped: false, marks: 3 },
    readabilityMs: 10,
    quotes: null,
    mentions: null,
    runs: { floor: 5, gate: 5, read: null, analyse: null, highlight: null },
    errors: [],
  };
  return { ...base, ...overrides };
}

function activePage(name: string, chars: number, totalMs: number, floorMs: number): PageResult {
  return page({
    name,
    chars,
    usChina: true,
    active: true,
    gatePassed: true,
    floorMs,
    indexMs: 1,
    codeMs: 1,
    readMs: 1.5,
    sendMs: 0.1,
    analysisMs: totalMs - 3.1,
    annotateMs: totalMs - 1.6,
    highlightMs: 0.4,
    mainThreadMs: 3.1,
    totalMs,
    firstHighlightMs: 60,
    firstHighlightColdMs: 120,
    ratios: { gate: 0.1 / floorMs, annotate: null, highlight: null, total: totalMs / floorMs },
    markjsMs: totalMs * 50,
    markjs: { measuredMs: totalMs * 50, keywordsDone: 5, keywords: 5, capped: false, marks: 9 },
  });
}

describe('bench stats', () => {
  it('takes medians of odd and even counts and nothing of none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('times a slow stage one call per run', () => {
    const clock = fakeClock(12);
    const result = sample(clock.fn, {
      runs: 5,
      minRuns: 1,
      minSampleMs: 10,
      maxTotalMs: 1000,
      now: clock.now,
    });
    expect(result).toEqual({ ms: 12, samples: [12, 12, 12, 12, 12], calls: 1 });
  });

  it('times a stage below the timer resolution by looping for at least minSampleMs', () => {
    const clock = fakeClock(0.25);
    const result = sample(clock.fn, {
      runs: 3,
      minRuns: 1,
      minSampleMs: 10,
      maxTotalMs: 1000,
      now: clock.now,
    });
    expect(result.calls).toBe(40);
    expect(result.ms).toBeCloseTo(0.25);
    expect(result.samples).toHaveLength(3);
  });

  it('stops taking runs when the stage has used its time', () => {
    const clock = fakeClock(400);
    const result = sample(clock.fn, {
      runs: 5,
      minRuns: 1,
      minSampleMs: 10,
      maxTotalMs: 1000,
      now: clock.now,
    });
    expect(result.samples).toEqual([400, 400]);
  });

  it('takes at least minRuns runs of a slow stage', () => {
    const clock = fakeClock(2000);
    const result = sample(clock.fn, {
      runs: 5,
      minRuns: 3,
      minSampleMs: 10,
      maxTotalMs: 1000,
      now: clock.now,
    });
    expect(result.samples).toEqual([2000, 2000, 2000]);
  });

  it('resets after every call', () => {
    const clock = fakeClock(20);
    let resets = 0;
    sample(clock.fn, {
      runs: 3,
      minRuns: 1,
      minSampleMs: 10,
      maxTotalMs: 1000,
      now: clock.now,
      reset: () => resets++,
    });
    expect(resets).toBe(3);
  });

  it('keeps missing values missing in ratios and sums', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(null, 4)).toBeNull();
    expect(ratio(1, 0)).toBeNull();
    expect(sumPresent([1, null, 2])).toBe(3);
    expect(sumPresent([null])).toBeNull();
  });
});

describe('bench arguments', () => {
  it('reads the flags', () => {
    const args = parseArgs([
      '--json',
      'out.json',
      '--pages',
      '/p',
      '--strict',
      '--only',
      'wiki',
      '--runs',
      '3',
    ]);
    expect(args).toMatchObject({
      json: 'out.json',
      pages: '/p',
      strict: true,
      only: ['wiki'],
      runs: 3,
    });
    expect(parseArgs([]).svg).toBe('docs/bench.svg');
    expect(parseArgs(['--no-svg']).svg).toBeNull();
    // Some pages only: the committed chart of every page is left alone, unless asked for.
    expect(args.svg).toBeNull();
    expect(parseArgs(['--only', 'wiki', '--svg', 'x.svg']).svg).toBe('x.svg');
  });

  it('rejects unknown flags and missing values', () => {
    expect(() => parseArgs(['--jsn', 'x'])).toThrow(ArgsError);
    expect(() => parseArgs(['--json'])).toThrow(/needs a value/);
    expect(() => parseArgs(['--runs', '0'])).toThrow(/positive number/);
  });
});

describe('bench long pages', () => {
  it('keeps paragraphs of article length only', () => {
    const long =
      'Blinken met Wang Yi in Beijing on Monday, and both sides called the talks candid and constructive.';
    expect(splitParagraphs(`1/10\n\n${long}\nPhoto: AFP`)).toEqual([long]);
  });

  it('repeats real paragraphs, escaped, until the text reaches the target', () => {
    const paragraph =
      'Tariffs <on> Chinese goods & American farm products were the subject of the talks again.';
    const { html, chars } = longPageHtml(
      [{ title: 'Trade', paragraphs: [paragraph] }],
      1000,
      'Long',
    );
    expect(chars).toBeGreaterThanOrEqual(1000);
    expect(chars).toBeLessThan(1000 + paragraph.length * 2);
    expect(html).toContain('<p>Tariffs &lt;on&gt; Chinese goods &amp; American');
    expect(html).not.toContain('<on>');
    expect(html.match(/<p>Tariffs/g)!.length).toBe(Math.ceil(1000 / paragraph.length));
  });
});

describe('bench budgets', () => {
  const unrelated = [
    page({
      name: 'a',
      chars: 50_000,
      ratios: { gate: 0.1, annotate: null, highlight: null, total: 0.1 },
    }),
    page({
      name: 'b',
      chars: 60_000,
      ratios: { gate: 0.2, annotate: null, highlight: null, total: 0.2 },
    }),
    page({
      name: 'small',
      chars: 5_000,
      ratios: { gate: 5, annotate: null, highlight: null, total: 5 },
    }),
  ];
  const active = [
    activePage('aeb/small', 5_000, 4, 0.2),
    activePage('generated/long-10x', 1_300_000, 400, 150),
    activePage('generated/long-50x', 6_500_000, 2000, 700),
  ];

  it('judges every budget from the pages of one run', () => {
    const budgets = judge([...unrelated, ...active], {
      file: 'c.js',
      bytes: 90_000,
      gzipBytes: 30_000,
      onDemand: [{ file: 'out/page-reader.js', bytes: 20_000, gzipBytes: 8_000 }],
    });
    const byId = Object.fromEntries(budgets.map((b) => [b.id, b]));
    expect(byId.gate!.pass).toBe(true);
    expect(byId.gate!.measured).toMatch(/median 0.15× over 2 pages/);
    expect(byId['main-thread']!.pass).toBe(true);
    expect(byId['main-thread']!.measured).toMatch(/^median 3\.10 ms over 1 pages/);
    expect(byId['first-highlight']!.pass).toBe(true);
    expect(byId['first-highlight']!.measured).toMatch(
      /warm median 60\.0 ms.*asleep: median 120\.0 ms/,
    );
    expect(byId.task!.pass).toBe(true);
    expect(byId['analysis-per-char']!.pass).toBeNull();
    expect(byId.markjs!.pass).toBe(true);
    expect(byId['content-script']!.pass).toBe(true);
    expect(byId['content-script']!.measured).toBe(
      '30.0 kB gzipped (c.js, on every page); imported only where needed: page-reader.js 8.0 kB',
    );
    expect(byId.heap!.pass).toBe(true);
  });

  it('fails the budgets of active pages when the reading stopped, and says where', () => {
    const stopped = page({
      name: 'aeb/stopped',
      chars: 6_500,
      usChina: true,
      gatePassed: true,
    });
    const budgets = judge([...unrelated, stopped], null);
    const main = budgets.find((b) => b.id === 'main-thread')!;
    expect(main.pass).toBe(false);
    expect(main.measured).toMatch(/aeb\/stopped \(the reading did not run\)/);
    expect(budgets.find((b) => b.id === 'content-script')!.pass).toBeNull();
  });

  it('fails a task over the limit and a heap over the limit', () => {
    const big = activePage('generated/long-50x', 6_500_000, 2000, 700);
    big.longestTaskMs = LIMITS.taskMs + 1;
    big.heapBytes = LIMITS.heapBytes + 1;
    const budgets = judge([...active.slice(0, 2), big], null);
    expect(budgets.find((b) => b.id === 'task')!.pass).toBe(false);
    expect(budgets.find((b) => b.id === 'heap')!.pass).toBe(false);
  });

  it('fails the page thread and the first highlight over their limits, asleep or awake', () => {
    const slow = activePage('aeb/slow', 9_000, 40, 0.3);
    slow.mainThreadMs = LIMITS.mainThreadMs + 1;
    expect(judge([slow], null).find((b) => b.id === 'main-thread')!.pass).toBe(false);
    const cold = activePage('aeb/cold', 9_000, 40, 0.3);
    cold.firstHighlightColdMs = LIMITS.firstHighlightMs + 1;
    expect(judge([cold], null).find((b) => b.id === 'first-highlight')!.pass).toBe(false);
    const unmeasured = { ...cold, firstHighlightMs: null, firstHighlightColdMs: null };
    expect(judge([unmeasured], null).find((b) => b.id === 'first-highlight')!.pass).toBeNull();
  });

  it('counts a page the extension stays quiet on with what it cost, and names it', () => {
    const quiet = page({ name: 'aeb/quiet', chars: 9_000, usChina: true, gatePassed: false });
    const budgets = judge([...active, quiet], null);
    const main = budgets.find((b) => b.id === 'main-thread')!;
    expect(main.pass).toBe(true);
    expect(main.measured).toMatch(/stayed quiet on aeb\/quiet \(the gate rejected it\)/);
  });

  it('judges the analysis per character read without the cap, beside a token pass', () => {
    const read = (p: PageResult, ms: number, chars: number) => ({
      ...p,
      generated: true,
      uncapped: { ms, chars, tokenMs: ms / 20 },
    });
    const one = read(activePage('generated/long-1x', 140_000, 30, 0.3), 26, 130_000);
    const fifty = read(active[2]!, 1_300, 6_500_000);
    const fast = judge([one, fifty], null).find((b) => b.id === 'analysis-per-char')!;
    // 200 against 200 ns per char read.
    expect(fast.pass).toBe(true);
    expect(fast.measured).toMatch(
      /^generated\/long-1x: 200 ns\/char over 130000 chars, 20× a token pass;.*spread 1\.00×$/,
    );
    const slow = judge(
      [one, { ...fifty, uncapped: { ms: 3_000, chars: 6_500_000, tokenMs: 100 } }],
      null,
    );
    expect(slow.find((b) => b.id === 'analysis-per-char')!.pass).toBe(false);
    const growing = judge(
      [one, { ...fifty, uncapped: { ms: 1_200, chars: 6_500_000, tokenMs: 60 } }],
      null,
    );
    // 185 ns/char at 50× is fast enough, but not more than 2× apart from 200: passes.
    expect(growing.find((b) => b.id === 'analysis-per-char')!.pass).toBe(true);
  });

  it('names why a page stopped', () => {
    expect(stopReason(page({ gatePassed: false }))).toBe('the gate rejected it');
    expect(stopReason(page({ gatePassed: true, annotateMs: 3, active: false }))).toBe(
      'annotate judged it not active',
    );
    expect(stopReason(activePage('x', 1, 3, 1))).toBeNull();
  });
});

describe('bench report', () => {
  it('shortens benchmark hashes', () => {
    expect(shortName(`article-extraction-benchmark/${'ab'.repeat(32)}`)).toBe('aeb/abababababab');
    expect(shortName('readability/wikipedia-2')).toBe('readability/wikipedia-2');
  });

  it('prints one row per page', () => {
    const text = table([page({ name: 'readability/x' }), activePage('generated/long-1x', 9, 3, 1)]);
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toMatch(/generated\/long-1x +9 +yes/);
  });

  it('draws points on log axes, higher times higher up', () => {
    const svg = chartSvg(
      [activePage('p', 10_000, 10, 1), activePage('q', 1_000_000, 100, 10)],
      'test',
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const ys = [...svg.matchAll(/<circle cx="[\d.]+" cy="([\d.]+)" r="2.6"[^>]*><title>p:/g)].map(
      (m) => Number(m[1]),
    );
    // The page's three points: mark.js (500 ms) above ours (10 ms) above the floor (1 ms).
    expect(ys).toHaveLength(3);
    expect(ys[0]!).toBeLessThan(ys[1]!);
    expect(ys[1]!).toBeLessThan(ys[2]!);
  });
});

describe('bench inputs', () => {
  it('says where the real pages are missing and how to point at them', () => {
    expect(() => resolvePagesDir('/repo', '/nowhere', {})).toThrow(PagesError);
    expect(() => resolvePagesDir('/repo', undefined, { BILATERAL_REAL_PAGES: '/nowhere' })).toThrow(
      /No real pages at \/nowhere .*BILATERAL_REAL_PAGES/,
    );
  });

  it('rejects an index that is not a list of pages, naming the entry', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
    writeFileSync(path.join(dir, 'index.json'), '{"pages": []}');
    expect(() => readIndex(dir)).toThrow(/not an array/);
    writeFileSync(path.join(dir, 'index.json'), '[{"name": "a", "path": "a/source.html"}]');
    expect(() => readIndex(dir)).toThrow(/entry 0 \(a\) has no textChars/);
    expect(resolvePagesDir('/repo', dir, {})).toBe(dir);
  });

  it('gives mark.js every alias and every quote wording once', () => {
    const index = {
      aliases: { 'qin gang': {}, blinken: {} },
      variants: [{ text: 'We are ready.' }, { text: 'We are ready.' }, { text: '  ' }],
    };
    expect(markjsKeywords(index)).toEqual(['qin gang', 'blinken', 'We are ready.']);
    expect(() => markjsKeywords({ entities: {} })).toThrow(/no aliases table/);
  });
});

describe('bench profile', () => {
  it('sums self time by function and by the bundle module it sits in', () => {
    const bundle = [
      '(() => {',
      '  // lib/dom/gate.ts',
      '  function gate() {}',
      '  // lib/annotate/index.ts',
      '  function annotate() {}',
      '})();',
    ].join('\n');
    expect(moduleStarts(bundle)).toEqual([
      { line: 1, module: 'lib/dom/gate.ts' },
      { line: 3, module: 'lib/annotate/index.ts' },
    ]);
    const frame = (functionName: string, lineNumber: number) => ({
      functionName,
      url: 'b.js',
      lineNumber,
      columnNumber: 0,
    });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('gate', 2) },
        { id: 2, callFrame: frame('annotate', 4) },
      ],
      startTime: 0,
      endTime: 4000,
      samples: [1, 2, 2, 2],
      timeDeltas: [0, 1000, 1000, 1000],
    };
    const spots = hotSpots(profile, 'b.js', bundle);
    expect(spots.totalMs).toBe(4);
    expect(spots.modules[0]).toEqual({ module: 'lib/annotate/index.ts', selfMs: 2 });
    expect(spots.functions.map((f) => [f.name, f.selfMs])).toEqual([
      ['annotate', 2],
      ['gate', 1],
    ]);
  });
});
