/**
 * The performance budgets, judged on one run's results: the page's thread does only page work
 * (no task over a frame, a few milliseconds in all on an ordinary article, the first highlight
 * soon), the analysis is fast per character, and what held before still holds (idle pages, the
 * mark.js peer, the content script's size, the heap).
 */
import path from 'node:path';
import type { BenchResult, BudgetResult, PageResult } from './result';
import { shortName } from './report';
import { median } from './stats';

export const LIMITS = {
  largePageChars: 20_000,
  ordinaryPageChars: 50_000,
  gateRatio: 0.3,
  taskMs: 16,
  mainThreadMs: 5,
  firstHighlightMs: 150,
  analysisNsPerChar: 250,
  linearSpread: 2,
  markjsFactor: 20,
  contentScriptGzipBytes: 40_000,
  heapBytes: 10_000_000,
} as const;

const fmt = (value: number, digits = 2) => value.toFixed(digits);

function pageList(pages: readonly PageResult[]) {
  return pages.length <= 3
    ? pages.map((p) => shortName(p.name)).join(', ')
    : `${pages.length} pages`;
}

/** Why the pipeline stopped before highlighting on a page, or null when it ran to the end. */
export function stopReason(page: PageResult): string | null {
  // The extension's own run (the first highlight) is judged by its own budget.
  const error = page.errors.find((e) => !e.startsWith('extension:'));
  if (error !== undefined) return error;
  if (page.gatePassed === false) return 'the gate rejected it';
  if (page.annotateMs === null) return 'the reading did not run';
  if (page.active === false) return 'annotate judged it not active';
  if (page.highlightMs === null) return 'highlighting did not run';
  return null;
}

/**
 * Pages where a stage that should have run did not (an error, a missing module). A page the
 * gate rejected or that annotate judged not active is not among them: that is what the
 * extension does there, and its cost is measured; `notes` names those pages.
 */
function missingPipeline(pages: readonly PageResult[]): string | null {
  const missing = pages.filter((p) => {
    const reason = stopReason(p);
    return (
      reason !== null &&
      reason !== 'the gate rejected it' &&
      reason !== 'annotate judged it not active'
    );
  });
  if (missing.length === 0) return null;
  return `the pipeline did not run to the end on ${pageList(missing)} (${stopReason(missing[0]!)})`;
}

function notes(pages: readonly PageResult[]): string {
  const quiet = pages.filter((p) => p.usChina && stopReason(p) !== null);
  if (quiet.length === 0) return '';
  return `; stayed quiet on ${quiet.map((p) => `${shortName(p.name)} (${stopReason(p)})`).join(', ')}`;
}

export function judge(
  pages: readonly PageResult[],
  contentScript: BenchResult['contentScript'],
  biggest = 'generated/long-50x',
): BudgetResult[] {
  const out: BudgetResult[] = [];
  const unrelatedLarge = pages.filter((p) => !p.usChina && p.chars > LIMITS.largePageChars);
  const activeOrdinary = pages.filter((p) => p.usChina && p.chars < LIMITS.ordinaryPageChars);
  const active = pages.filter((p) => p.usChina);

  {
    const ratios = unrelatedLarge.map((p) => p.ratios.gate).filter((r): r is number => r !== null);
    const m = median(ratios);
    const worst = unrelatedLarge.reduce<PageResult | null>(
      (w, p) => ((p.ratios.gate ?? 0) > (w?.ratios.gate ?? -1) ? p : w),
      null,
    );
    out.push({
      id: 'gate',
      rule: `unrelated pages over ${LIMITS.largePageChars} chars: gate ≤ ${LIMITS.gateRatio}× floor (median)`,
      pass: m === null ? null : m <= LIMITS.gateRatio,
      measured:
        m === null
          ? 'no such page measured'
          : `median ${fmt(m)}× over ${ratios.length} pages (worst ${fmt(worst!.ratios.gate!)}× on ${shortName(worst!.name)})`,
    });
  }
  {
    const missing = missingPipeline(activeOrdinary);
    const m = median(activeOrdinary.map((p) => p.mainThreadMs ?? Number.NaN));
    const worst = activeOrdinary.reduce<PageResult | null>(
      (w, p) => ((p.mainThreadMs ?? 0) > (w?.mainThreadMs ?? -1) ? p : w),
      null,
    );
    out.push({
      id: 'main-thread',
      rule: `active pages under ${LIMITS.ordinaryPageChars} chars: Bilateral's time on the page's thread ≤ ${LIMITS.mainThreadMs} ms (median)`,
      pass: activeOrdinary.length === 0 ? null : missing ? false : m! <= LIMITS.mainThreadMs,
      measured:
        activeOrdinary.length === 0
          ? 'no such page measured'
          : (missing ??
            `median ${fmt(m!)} ms over ${activeOrdinary.length} pages (most ${fmt(worst!.mainThreadMs!)} ms on ${shortName(worst!.name)}; the analysis, off the page's thread: median ${fmt(median(activeOrdinary.map((p) => p.analysisMs ?? Number.NaN))!)} ms)${notes(activeOrdinary)}`),
    });
  }
  {
    const warm = activeOrdinary.filter((p) => p.firstHighlightMs !== null);
    const cold = activeOrdinary.filter((p) => p.firstHighlightColdMs !== null);
    const mWarm = median(warm.map((p) => p.firstHighlightMs!));
    const mCold = median(cold.map((p) => p.firstHighlightColdMs!));
    const measured = warm.length > 0 && cold.length > 0;
    out.push({
      id: 'first-highlight',
      rule: `active pages under ${LIMITS.ordinaryPageChars} chars: first highlight ≤ ${LIMITS.firstHighlightMs} ms after the content script starts, background awake and asleep (median)`,
      pass: measured
        ? mWarm! <= LIMITS.firstHighlightMs && mCold! <= LIMITS.firstHighlightMs
        : null,
      measured: measured
        ? `warm median ${fmt(mWarm!, 1)} ms over ${warm.length} pages (slowest ${fmt(Math.max(...warm.map((p) => p.firstHighlightMs!)), 1)} ms); background asleep: median ${fmt(mCold!, 1)} ms (slowest ${fmt(Math.max(...cold.map((p) => p.firstHighlightColdMs!)), 1)} ms)`
        : 'needs the extension run (Chromium with the built extension) on active pages',
    });
  }
  {
    const withTask = pages.filter((p) => p.longestTaskMs !== null);
    const worst = withTask.reduce<PageResult | null>(
      (w, p) => (p.longestTaskMs! > (w?.longestTaskMs ?? -1) ? p : w),
      null,
    );
    const big = pages.find((p) => p.name === biggest);
    const missing = missingPipeline(active);
    out.push({
      id: 'task',
      rule: `no task over ${LIMITS.taskMs} ms on the page's thread from Bilateral, on any page (incl. the 50× page)`,
      pass: worst === null ? null : missing ? false : worst.longestTaskMs! <= LIMITS.taskMs,
      measured:
        worst === null
          ? 'no task measured'
          : `longest ${fmt(worst.longestTaskMs!, 1)} ms on ${shortName(worst.name)}` +
            (worst.longestTaskIn ? ` (in ${worst.longestTaskIn})` : '') +
            (big?.longestTaskMs != null ? `; ${biggest}: ${fmt(big.longestTaskMs, 1)} ms` : '') +
            (missing ? `; ${missing}` : ''),
    });
  }
  {
    // The analysis without the reading cap, on the generated long pages: per character it
    // reads, fast enough, from the 1× to the 50× page within the spread both ways, and beside
    // a bare tokenizing pass over the same characters.
    const whole = pages
      .filter((p) => p.generated && p.uncapped)
      .sort((x, y) => x.uncapped!.chars - y.uncapped!.chars);
    const first = whole[0];
    const last = whole.at(-1);
    const wholeRule = `analysis without the reading cap: ≤ ${LIMITS.analysisNsPerChar} ns per char read on every long page, and ${first ? shortName(first.name) : 'smallest'} to 50× page within ${LIMITS.linearSpread}× both ways`;
    if (!first || !last || first === last || last.name !== biggest) {
      out.push({
        id: 'analysis-per-char',
        rule: wholeRule,
        pass: null,
        measured: 'needs the uncapped runs on the long pages, the 50× page among them',
      });
    } else {
      const perChar = (p: PageResult) => p.uncapped!.ms / p.uncapped!.chars;
      const a = perChar(first);
      const b = perChar(last);
      const spread = Math.max(a, b) / Math.min(a, b);
      const slowest = Math.max(...whole.map(perChar));
      const tokens = (p: PageResult) =>
        p.uncapped!.tokenMs
          ? `, ${fmt(p.uncapped!.ms / p.uncapped!.tokenMs, 0)}× a token pass`
          : '';
      out.push({
        id: 'analysis-per-char',
        rule: wholeRule,
        pass: spread <= LIMITS.linearSpread && slowest * 1e6 <= LIMITS.analysisNsPerChar,
        measured: `${whole.map((p) => `${shortName(p.name)}: ${fmt(perChar(p) * 1e6, 0)} ns/char over ${p.uncapped!.chars} chars${tokens(p)}`).join('; ')}; spread ${fmt(spread)}×`,
      });
    }
  }
  {
    const missing = missingPipeline(active);
    // A capped mark.js run counts with the time it was measured to take: a lower bound.
    const factors = active
      .filter((p) => p.markjs?.measuredMs != null && p.totalMs)
      .map((p) => ({ page: p, factor: p.markjs!.measuredMs! / p.totalMs! }));
    const m = median(factors.map((f) => f.factor));
    const worst = factors.reduce<(typeof factors)[number] | null>(
      (w, f) => (f.factor < (w?.factor ?? Infinity) ? f : w),
      null,
    );
    out.push({
      id: 'markjs',
      rule: `≥ ${LIMITS.markjsFactor}× faster than mark.js on the same active page and set (median)`,
      pass: m === null ? null : missing ? false : m >= LIMITS.markjsFactor,
      measured:
        m === null
          ? 'no active page with both times'
          : (missing ??
            `median ${fmt(m, 1)}× over ${factors.length} active pages (least ${fmt(worst!.factor, 1)}× on ${shortName(worst!.page.name)})`),
    });
  }
  out.push({
    id: 'content-script',
    rule: `content script ≤ ${LIMITS.contentScriptGzipBytes / 1000} kB gzipped`,
    pass: contentScript ? contentScript.gzipBytes <= LIMITS.contentScriptGzipBytes : null,
    measured: contentScript
      ? `${fmt(contentScript.gzipBytes / 1000, 1)} kB gzipped (${contentScript.file}, on every page)` +
        (contentScript.onDemand.length
          ? `; imported only where needed: ${contentScript.onDemand.map((f) => `${path.basename(f.file)} ${fmt(f.gzipBytes / 1000, 1)} kB`).join(', ')}`
          : '')
      : 'not built: run `npm run build` first',
  });
  {
    const big = pages.find((p) => p.name === biggest);
    const missing = big ? missingPipeline([big]) : null;
    out.push({
      id: 'heap',
      rule: `heap growth ≤ ${LIMITS.heapBytes / 1e6} MB on the 50× page`,
      pass: big?.heapBytes == null ? null : missing ? false : big.heapBytes <= LIMITS.heapBytes,
      measured:
        big?.heapBytes == null
          ? `${biggest} not measured`
          : `${fmt(big.heapBytes / 1e6)} MB on ${shortName(big.name)}` +
            (missing ? `; ${missing}` : ''),
    });
  }
  return out;
}
