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
  /** Parsing the matcher index from its JSON text: the background's, once per start. */
  indexMs: number | null;
  /**
   * Loading the page reader's code (page-reader.js, which the content script imports on a page
   * it reads): one cold evaluation in a fresh world, less a DevTools round trip.
   */
  codeMs: number | null;
  /** The page's half of the reading (body, text map, markup facts), in slices, pauses included. */
  readMs: number | null;
  /** The request and the answer as the message carries them (JSON both ways), on the page. */
  sendMs: number | null;
  /** The analysis of the page's text (verdicts, quotes, speakers, mentions, links): background. */
  analysisMs: number | null;
  /** The whole reading, both halves: `readMs + analysisMs`. */
  annotateMs: number | null;
  highlightMs: number | null;
  /** Bilateral's time on the page's thread: gate, code load, read, message, highlight. */
  mainThreadMs: number | null;
  /** Everything a reading costs, wherever it runs: `mainThreadMs + analysisMs`. */
  totalMs: number | null;
  /**
   * The extension itself in Chromium (median of its own runs): from the content script's start
   * to the first highlight drawn, with the background awake (`firstHighlightMs`) and after it
   * was stopped (`firstHighlightColdMs`). Null where not measured (only active pages are).
   */
  firstHighlightMs: number | null;
  firstHighlightColdMs: number | null;
  ratios: {
    gate: number | null;
    annotate: number | null;
    highlight: number | null;
    total: number | null;
  };
  longestTaskMs: number | null;
  /** The stage of the reading the longest task came in (gate, read, send, draw, paint). */
  longestTaskIn?: string;
  /**
   * Long pages only: the analysis of the whole text without the reading cap, the characters it
   * read, and a bare tokenizing pass (one word-regex scan) over the same characters.
   */
  uncapped: { ms: number; chars: number; tokenMs: number | null } | null;
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
  runs: {
    floor: number;
    gate: number | null;
    read: number | null;
    analyse: number | null;
    highlight: number | null;
  };
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
