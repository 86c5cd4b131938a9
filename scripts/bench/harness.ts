/**
 * The in-page half of `npm run bench`. It is bundled into one IIFE together with the product's
 * stages (see bundle.ts) and injected into each page after it loaded with scripts disabled, so
 * every stage, the text-pass floor and the peers run in the same page, on the same DOM, in the
 * same run. Node drives it through `globalThis.__bilateralBench`.
 */
import { median, sample, sampleAsync, type Sampled } from './stats';

/** What annotate returns that the content script keeps. */
export interface Annotated {
  annotation: { active: boolean; quotes: unknown[]; mentions: unknown[] };
  map: unknown;
}

/** The product's stages as plain functions (wire.ts). */
export interface Pipeline<I = unknown, A extends Annotated = Annotated> {
  gate: (doc: Document) => { passed: boolean };
  /** Loads the matcher index from its JSON text. */
  loadIndex: (json: string) => I;
  /** As the content script runs it: in slices that give the main thread back. */
  annotate: (doc: Document, index: I) => Promise<A>;
  /** Draws the annotation's highlights and returns what removes them again. */
  highlight: (doc: Document, annotated: A) => () => void;
  /**
   * The whole pipeline in one go and without the content script's reading cap: how its cost
   * grows with the text it reads, which the cap hides. Returns the characters it read.
   */
  readWhole: (doc: Document, index: I) => number;
}

export interface RunOptions {
  runs: number;
  minRuns: number;
  minSampleMs: number;
  /** Time one stage may take over all its runs before runs stop early. */
  maxStageMs: number;
}

export interface StageTimes {
  /** Visible text as real-pages/index.json counts it: no script/style/noscript/template, whitespace collapsed. */
  chars: number;
  /** Characters the floor pass concatenates (every text node under <body>). */
  floorChars: number;
  floor: Sampled;
  gate: Sampled | null;
  gatePassed: boolean | null;
  index: Sampled | null;
  annotate: Sampled | null;
  active: boolean | null;
  quotes: number | null;
  mentions: number | null;
  highlight: Sampled | null;
  errors: string[];
}

export interface TaskTrace {
  /** Longest stretch in which the main thread did not get back to its task queue. */
  longestTaskMs: number;
  /** Longest task the Long Tasks API reported (it reports only tasks over 50 ms), or null. */
  longtaskApiMs: number | null;
  wallMs: number;
  slices: number;
  errors: string[];
}

/** One uncapped pipeline run: its time and the characters of article text it read. */
export interface WholeRead {
  ms: number | null;
  chars: number | null;
  error?: string;
}

export interface PeerTime {
  ms: number | null;
  runs: number;
  /** mark.js only: keywords done before the time cap, of all keywords. */
  done?: number;
  of?: number;
  marks?: number;
  error?: string;
}

interface MarkInstance {
  mark(keyword: string, options: Record<string, unknown>): void;
}
interface PeerGlobals {
  Mark?: new (context: Element) => MarkInstance;
  Readability?: new (doc: Document) => { parse(): unknown };
}

const now = () => performance.now();
let sink: unknown = null;

function floorPass(root: Node): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    parts.push((node as Text).data);
  const text = parts.join('');
  sink = text;
  return text.length;
}

const HIDDEN_TEXT = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

function visibleChars(root: Node): number {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeType === 1 && HIDDEN_TEXT.has((node as Element).tagName)
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const parts: string[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === 3) parts.push((node as Text).data);
  }
  return parts.join('').replace(/\s+/g, ' ').trim().length;
}

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function textRoot(): Node {
  return document.body ?? document.documentElement;
}

export function createBench<I, A extends Annotated>(pipeline: Pipeline<I, A>) {
  let retained: { clear: (() => void) | null; value: unknown } | null = null;
  let matcherJson: string | null = null;

  /**
   * One pass of the pipeline as the content script runs it, keeping what the content script
   * keeps afterwards: the index, the text map and the annotation (the body extraction's
   * intermediate results are garbage once annotate returns), and the drawn highlights.
   */
  const runOnce = async (): Promise<{ clear: (() => void) | null; value: unknown }> => {
    const verdict = pipeline.gate(document);
    if (!verdict.passed || matcherJson === null) return { clear: null, value: verdict };
    const index = pipeline.loadIndex(matcherJson);
    const annotated = await pipeline.annotate(document, index);
    const kept = { map: annotated.map, annotation: annotated.annotation } as A;
    if (!kept.annotation.active) return { clear: null, value: [index, kept] };
    return { clear: pipeline.highlight(document, kept), value: [index, kept] };
  };

  return {
    setMatcher(json: string | null) {
      matcherJson = json;
    },

    async stages(options: RunOptions): Promise<StageTimes> {
      const root = textRoot();
      const base = {
        runs: options.runs,
        minRuns: options.minRuns,
        minSampleMs: options.minSampleMs,
        now,
      };
      const timed = (fn: () => void, reset?: () => void): Sampled =>
        sample(fn, { ...base, maxTotalMs: options.maxStageMs, ...(reset ? { reset } : {}) });
      const errors: string[] = [];
      const result: StageTimes = {
        chars: visibleChars(root),
        floorChars: floorPass(root),
        floor: timed(() => floorPass(root)),
        gate: null,
        gatePassed: null,
        index: null,
        annotate: null,
        active: null,
        quotes: null,
        mentions: null,
        highlight: null,
        errors,
      };
      try {
        result.gatePassed = pipeline.gate(document).passed;
        result.gate = timed(() => {
          sink = pipeline.gate(document);
        });
      } catch (error) {
        errors.push(`gate: ${message(error)}`);
        return result;
      }
      if (!result.gatePassed) {
        result.active = false;
        return result;
      }
      const { loadIndex, annotate, highlight } = pipeline;
      if (matcherJson === null) return result;
      const json = matcherJson;
      let annotated: A;
      try {
        const index = loadIndex(json);
        result.index = timed(() => {
          sink = loadIndex(json);
        });
        annotated = await annotate(document, index);
        result.annotate = await sampleAsync(
          async () => {
            sink = await annotate(document, index);
          },
          { ...base, maxTotalMs: options.maxStageMs },
        );
      } catch (error) {
        errors.push(`annotate: ${message(error)}`);
        return result;
      }
      result.active = annotated.annotation.active;
      result.quotes = annotated.annotation.quotes.length;
      result.mentions = annotated.annotation.mentions.length;
      if (!result.active) return result;
      try {
        let clear: (() => void) | null = null;
        result.highlight = timed(
          () => {
            clear = highlight(document, annotated);
          },
          () => clear?.(),
        );
      } catch (error) {
        errors.push(`highlight: ${message(error)}`);
      }
      return result;
    },

    /** One run of the pipeline without the reading cap (long pages only: it can take seconds). */
    whole(): WholeRead {
      if (matcherJson === null) return { ms: null, chars: null, error: 'no matcher index' };
      try {
        const index = pipeline.loadIndex(matcherJson);
        const started = now();
        const chars = pipeline.readWhole(document, index);
        return { ms: now() - started, chars };
      } catch (error) {
        return { ms: null, chars: null, error: message(error) };
      }
    },

    /**
     * Runs the pipeline once while a MessageChannel heartbeat asks for the main thread after
     * every task: the longest gap between two beats is the longest task our work caused. The
     * gate and the index load are split by one task boundary, as in the content script, where
     * the index arrives by an asynchronous fetch.
     */
    async trace(): Promise<TaskTrace> {
      const errors: string[] = [];
      const channel = new MessageChannel();
      let last = now();
      let longest = 0;
      let slices = 0;
      let beating = true;
      channel.port1.onmessage = () => {
        const t = now();
        if (t - last > longest) longest = t - last;
        last = t;
        slices++;
        if (beating) channel.port2.postMessage(0);
      };
      let longtaskApiMs: number | null = null;
      const observer =
        typeof PerformanceObserver === 'function' &&
        PerformanceObserver.supportedEntryTypes?.includes('longtask')
          ? new PerformanceObserver((list) => {
              for (const entry of list.getEntries()) {
                longtaskApiMs = Math.max(longtaskApiMs ?? 0, entry.duration);
              }
            })
          : null;
      observer?.observe({ type: 'longtask' });
      const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
      // The page's own first layout and paint are not ours: let them happen before the trace.
      const frame = () =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 100);
          requestAnimationFrame(() => {
            clearTimeout(timer);
            setTimeout(resolve, 0);
          });
        });
      (document.body ?? document.documentElement).getBoundingClientRect();
      await frame();
      await frame();
      const start = now();
      last = start;
      channel.port2.postMessage(0);
      let clear: (() => void) | null = null;
      try {
        const verdict = pipeline.gate(document);
        await macrotask();
        if (verdict.passed && matcherJson !== null) {
          const index = pipeline.loadIndex(matcherJson);
          const annotated = await pipeline.annotate(document, index);
          if (annotated.annotation.active) {
            clear = pipeline.highlight(document, annotated);
          }
        }
      } catch (error) {
        errors.push(message(error));
      }
      const wallMs = now() - start;
      // The frame that paints the highlights is part of the work.
      await frame();
      await macrotask();
      beating = false;
      await macrotask();
      // Long-task entries are delivered after the task ends.
      await new Promise<void>((resolve) => setTimeout(resolve, 20));
      observer?.disconnect();
      channel.port1.close();
      try {
        clear?.();
      } catch (error) {
        errors.push(`clear: ${message(error)}`);
      }
      return { longestTaskMs: longest, longtaskApiMs, wallMs, slices, errors };
    },

    /** Runs the pipeline once and keeps everything it made alive, for the heap measurement. */
    async retain(): Promise<string | null> {
      try {
        retained = await runOnce();
        return null;
      } catch (error) {
        return message(error);
      }
    },

    release() {
      retained?.clear?.();
      retained = null;
      sink = null;
    },

    readability(capMs: number): PeerTime {
      const Readability = (globalThis as PeerGlobals).Readability;
      if (!Readability) return { ms: null, runs: 0, error: 'Readability not injected' };
      const samples: number[] = [];
      let spent = 0;
      try {
        while (samples.length < 3 && (samples.length === 0 || spent < capMs)) {
          const start = now();
          sink = new Readability(document.cloneNode(true) as Document).parse();
          const elapsed = now() - start;
          samples.push(elapsed);
          spent += elapsed;
        }
      } catch (error) {
        return { ms: median(samples), runs: samples.length, error: message(error) };
      }
      return { ms: median(samples), runs: samples.length };
    },

    /**
     * mark.js over the same names and quotes, as its documentation uses it for a keyword list
     * (phrases kept whole, longest first). It changes the DOM, so it runs once and last; it is
     * synchronous, so the cap is checked between keywords and the run stops past it.
     */
    markjs(keywords: readonly string[], capMs: number): PeerTime {
      const Mark = (globalThis as PeerGlobals).Mark;
      if (!Mark) return { ms: null, runs: 0, error: 'mark.js not injected' };
      const sorted = [...keywords].sort((a, b) => b.length - a.length);
      const instance = new Mark(document.body ?? document.documentElement);
      let done = 0;
      let marks = 0;
      const options = {
        separateWordSearch: false,
        diacritics: false,
        each: () => {
          marks++;
        },
      };
      const start = now();
      try {
        for (const keyword of sorted) {
          if (done > 0 && now() - start > capMs) break;
          instance.mark(keyword, options);
          done++;
        }
      } catch (error) {
        return {
          ms: now() - start,
          runs: 1,
          done,
          of: sorted.length,
          marks,
          error: message(error),
        };
      }
      return { ms: now() - start, runs: 1, done, of: sorted.length, marks };
    },
  };
}

export type Bench = ReturnType<typeof createBench>;

export function install<I, A extends Annotated>(pipeline: Pipeline<I, A>): void {
  (globalThis as { __bilateralBench?: Bench }).__bilateralBench = createBench(pipeline);
}

/** Keeps the last result reachable so no stage's work can be optimized away. */
export function lastResult(): unknown {
  return sink;
}
