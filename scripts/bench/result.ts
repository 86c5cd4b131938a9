/** What `npm run bench -- --json FILE` writes (design.md section 5, plus fields of our own). */

export interface PageResult {
  name: string;
  /** Visible text, counted as real-pages/index.json counts it. */
  chars: number;
  /** What the extension decided: it annotates this page. Null when the pipeline is missing. */
  active: boolean | null;
  /** Labelled US–China by hand, or a generated long page built from US–China articles. */
  usChina: boolean;
  generated: boolean;
  floorMs: number;
  gateMs: number | null;
  gatePassed: boolean | null;
  /** Parsing the matcher index from its JSON text, as the content script loads it. */
  indexMs: number | null;
  /**
   * Loading the pipeline's code (pipeline.js, which the content script imports on a page it
   * reads): one cold evaluation in a fresh world, less a DevTools round trip.
   */
  codeMs: number | null;
  annotateMs: number | null;
  highlightMs: number | null;
  /** Everything that ran: gate, code and index load, annotate, highlight. */
  totalMs: number | null;
  ratios: {
    gate: number | null;
    annotate: number | null;
    highlight: number | null;
    total: number | null;
  };
  longestTaskMs: number | null;
  /** Long pages only: the pipeline without the reading cap, and the characters it read. */
  uncapped: { ms: number; chars: number } | null;
  heapBytes: number | null;
  /** mark.js over the same names and quotes; an estimate when `markjs.capped`. */
  markjsMs: number | null;
  markjs: {
    measuredMs: number | null;
    keywordsDone: number;
    keywords: number;
    capped: boolean;
    marks: number;
  } | null;
  readabilityMs: number | null;
  quotes: number | null;
  mentions: number | null;
  runs: { floor: number; gate: number | null; annotate: number | null; highlight: number | null };
  errors: string[];
}

export interface BenchResult {
  browser: string;
  machine: string;
  date: string;
  options: { runs: number; minSampleMs: number; markjsCapMs: number; markjsActiveCapMs: number };
  /** The lib/ modules the measured stages come from. */
  stages: string[];
  /** Which code was measured: HEAD, or the working tree and its uncommitted lib/ files. */
  source: { revision: string; dirty: string[] };
  /** The script on every page, and the bundles it imports only where they are needed. */
  contentScript: (FileSize & { onDemand: FileSize[] }) | null;
  pages: PageResult[];
  budgets: BudgetResult[];
}

export interface FileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BudgetResult {
  id: string;
  rule: string;
  /** null: cannot be judged in this run (what is missing is in `measured`). */
  pass: boolean | null;
  measured: string;
}
