/** The performance budgets of issue 6, judged on one run's results. */
import path from 'node:path';
import type { BenchResult, BudgetResult, PageResult } from './result';
import { shortName } from './report';
import { median } from './stats';

export const LIMITS = {
  largePageChars: 20_000,
  ordinaryPageChars: 50_000,
  gateRatio: 0.3,
  activeRatio: 3,
  frameMs: 16,
  taskMs: 50,
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
  if (page.errors.length > 0) return page.errors[0]!;
  if (page.gatePassed === false) return 'the gate rejected it';
  if (page.annotateMs === null) return 'annotate did not run';
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
  const activeLarge = pages.filter((p) => p.usChina && p.chars > LIMITS.largePageChars);
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
    const missing = missingPipeline(activeLarge);
    const m = median(activeLarge.map((p) => p.ratios.total ?? Number.NaN));
    out.push({
      id: 'active-large',
      rule: `active pages over ${LIMITS.largePageChars} chars: total ≤ ${LIMITS.activeRatio}× floor (median)`,
      pass: activeLarge.length === 0 ? null : missing ? false : m! <= LIMITS.activeRatio,
      measured:
        activeLarge.length === 0
          ? 'no such page measured'
          : (missing ??
            `median ${fmt(m!)}× over ${activeLarge.length} pages (${activeLarge
              .map((p) => `${shortName(p.name)} ${fmt(p.ratios.total!)}×`)
              .join(', ')})${notes(activeLarge)}`),
    });
  }
  {
    const missing = missingPipeline(activeOrdinary);
    const m = median(activeOrdinary.map((p) => p.totalMs ?? Number.NaN));
    const worst = Math.max(...activeOrdinary.map((p) => p.totalMs ?? 0));
    out.push({
      id: 'active-frame',
      rule: `active pages under ${LIMITS.ordinaryPageChars} chars: total incl. index load ≤ ${LIMITS.frameMs} ms (median)`,
      pass: activeOrdinary.length === 0 ? null : missing ? false : m! <= LIMITS.frameMs,
      measured:
        activeOrdinary.length === 0
          ? 'no such page measured'
          : (missing ??
            `median ${fmt(m!)} ms over ${activeOrdinary.length} pages (slowest ${fmt(worst)} ms)${notes(activeOrdinary)}`),
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
      rule: `no main-thread task over ${LIMITS.taskMs} ms on any page (incl. the 50× page)`,
      pass: worst === null ? null : missing ? false : worst.longestTaskMs! <= LIMITS.taskMs,
      measured:
        worst === null
          ? 'no task measured'
          : `longest ${fmt(worst.longestTaskMs!, 1)} ms on ${shortName(worst.name)}` +
            (big?.longestTaskMs != null ? `; ${biggest}: ${fmt(big.longestTaskMs, 1)} ms` : '') +
            (missing ? `; ${missing}` : ''),
    });
  }
  {
    // Pages the whole pipeline ran on: a page the gate turns away costs next to nothing per
    // character and says nothing about how the pipeline scales. The content script reads about
    // 60,000 characters of any article, so past that its time per character falls: the budget
    // is that it never grows, from the smallest page it reads to the 50× page.
    const sized = active.filter((p) => p.active === true).sort((a, b) => a.chars - b.chars);
    const smallest = sized[0];
    const big = pages.find((p) => p.name === biggest);
    const missing = missingPipeline(active);
    const rule = `linear: time per char on the 50× page at most ${LIMITS.linearSpread}× that on the smallest page the extension annotates`;
    if (!smallest || !big || smallest === big) {
      out.push({
        id: 'linear',
        rule,
        pass: null,
        measured: 'needs an annotated page and the 50× page',
      });
    } else {
      const perChar = (p: PageResult) => (p.totalMs ?? Number.NaN) / p.chars;
      const a = perChar(smallest);
      const b = perChar(big);
      out.push({
        id: 'linear',
        rule,
        pass: missing ? false : b <= a * LIMITS.linearSpread,
        measured:
          missing ??
          `${fmt(b / a, 3)}× (${shortName(smallest.name)}: ${fmt(a * 1e6, 1)} ns/char over ${smallest.chars} chars; ${shortName(big.name)}: ${fmt(b * 1e6, 1)} ns/char over ${big.chars} chars)`,
      });
    }
    // The same question of the pipeline itself, without the cap, on the generated long pages:
    // per character it reads, from the 1× to the 50× page, within the spread both ways.
    const whole = pages
      .filter((p) => p.generated && p.uncapped)
      .sort((x, y) => x.uncapped!.chars - y.uncapped!.chars);
    const first = whole[0];
    const last = whole.at(-1);
    const wholeRule = `linear without the reading cap: pipeline time per char read, ${first ? shortName(first.name) : 'smallest'} to 50× page, within ${LIMITS.linearSpread}× both ways`;
    if (!first || !last || first === last || last.name !== biggest) {
      out.push({
        id: 'linear-uncapped',
        rule: wholeRule,
        pass: null,
        measured: 'needs the uncapped runs on the long pages, the 50× page among them',
      });
    } else {
      const perChar = (p: PageResult) => p.uncapped!.ms / p.uncapped!.chars;
      const a = perChar(first);
      const b = perChar(last);
      const spread = Math.max(a, b) / Math.min(a, b);
      out.push({
        id: 'linear-uncapped',
        rule: wholeRule,
        pass: spread <= LIMITS.linearSpread,
        measured: `${fmt(spread)}× (${whole.map((p) => `${shortName(p.name)}: ${fmt(perChar(p) * 1e6, 0)} ns/char over ${p.uncapped!.chars} chars`).join('; ')})`,
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
