/**
 * The in-page half of `npm run bench`. It is bundled into one IIFE together with the product's
 * stages (see bundle.ts) and injected into each page after it loaded with scripts disabled, so
 * every stage, the text-pass floor and the peers run in the same page, on the same DOM, in the
 * same run. Node drives it through `globalThis.__bilateralBench`.
 */
import { median, sample, sampleAsync, type Sampled } from './stats';

/** What the content script keeps of a reading: the text map and the annotation. */
export interface Annotated<A extends AnnotationLike = AnnotationLike, M = unknown> {
  map: M;
  annotation: A;
}

export interface AnnotationLike {
  active: boolean;
  quotes: unknown[];
  mentions: unknown[];
}

/** The page's half of a reading: its text map, and the plain data the analysis reads. */
export interface ReadLike {
  map: unknown;
  page: { text: string };
}

/** The product's stages as plain functions (wire.ts). */
export interface Pipeline<I, R extends ReadLike, A extends AnnotationLike> {
  gate: (doc: Document) => { passed: boolean };
  /** Loads the matcher index from its JSON text (the background's, once). */
  loadIndex: (json: string) => I;
  /** The page's half, as the content script runs it: in slices that give the thread back. */
  read: (doc: Document) => Promise<R>;
  /** The background's half: the analysis of what `read` hands over. */
  analyse: (page: R['page'], index: I) => A;
  /** Draws the annotation's highlights and returns what removes them again. */
  highlight: (doc: Document, annotated: Annotated<A, R['map']>) => () => void;
  /**
   * The page's half without the content script's reading cap, for timing the analysis over
   * all of a long page's text: how its cost grows, which the cap hides.
   */
  readWhole: (doc: Document) => R['page'];
  /** A bare tokenizing pass over a text (the analysis's own floor); returns the words found. */
  tokenPass: (text: string) => number;
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
  /** The page's half of the reading, on the page's thread. */
  read: Sampled | null;
  /** What crossing to the background and back costs the page: the request and the answer as JSON. */
  send: Sampled | null;
  /** The analysis, in the background. */
  analyse: Sampled | null;
  active: boolean | null;
  quotes: number | null;
  mentions: number | null;
  highlight: Sampled | null;
  errors: string[];
}

export interface TaskTrace {
  /** Longest stretch in which the main thread did not get back to its task queue. */
  longestTaskMs: number;
  /** The stage it came in: gate, read, send, draw or paint (start: before any of ours). */
  longestIn: string;
  /** Longest task the Long Tasks API reported (it reports only tasks over 50 ms), or null. */
  longtaskApiMs: number | null;
  wallMs: number;
  slices: number;
  errors: string[];
}

/** One analysis of a long page's whole text, without the reading cap, and a bare token pass. */
export interface WholeRead {
  ms: number | null;
  chars: number | null;
  /** The bare tokenizing pass over the same characters. */
  tokenMs: number | null;
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

export function createBench<I, R extends ReadLike, A extends AnnotationLike>(
  pipeline: Pipeline<I, R, A>,
) {
  let retained: { clear: (() => void) | null; value: unknown } | null = null;
  let matcherJson: string | null = null;
  let index: I | null = null;
  let traceAnswer: string | null = null;
  const indexOf = (json: string): I => (index ??= pipeline.loadIndex(json));

  /**
   * One reading as the extension does it, keeping what the content script keeps afterwards:
   * the text map and the annotation (the body extraction's intermediate results are garbage
   * once the reading returns, and the analysis's model stays in the background), and the drawn
   * highlights.
   */
  const runOnce = async (): Promise<{ clear: (() => void) | null; value: unknown }> => {
    const verdict = pipeline.gate(document);
    if (!verdict.passed || matcherJson === null) return { clear: null, value: verdict };
    const read = await pipeline.read(document);
    const annotation = crossed(pipeline.analyse(crossed(read.page), indexOf(matcherJson)));
    const kept: Annotated<A, R['map']> = { map: read.map, annotation };
    if (!annotation.active) return { clear: null, value: kept };
    return { clear: pipeline.highlight(document, kept), value: kept };
  };

  return {
    setMatcher(json: string | null) {
      matcherJson = json;
      index = null;
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
        read: null,
        send: null,
        analyse: null,
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
      const { loadIndex, read, analyse, highlight } = pipeline;
      if (matcherJson === null) return result;
      const json = matcherJson;
      let annotated: Annotated<A, R['map']>;
      try {
        const idx = indexOf(json);
        result.index = timed(() => {
          sink = loadIndex(json);
        });
        const once = await read(document);
        result.read = await sampleAsync(
          async () => {
            sink = await read(document);
          },
          { ...base, maxTotalMs: options.maxStageMs },
        );
        const annotation = analyse(once.page, idx);
        result.analyse = timed(() => {
          sink = analyse(once.page, idx);
        });
        const answer = JSON.stringify(annotation);
        result.send = timed(() => {
          sink = [JSON.stringify(once.page), JSON.parse(answer)];
        });
        annotated = { map: once.map, annotation };
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

    /**
     * The analysis of a long page's whole text, without the reading cap (it can take seconds),
     * and the bare tokenizing pass over the same characters.
     */
    whole(): WholeRead {
      if (matcherJson === null)
        return { ms: null, chars: null, tokenMs: null, error: 'no matcher index' };
      try {
        const idx = indexOf(matcherJson);
        const page = pipeline.readWhole(document);
        const started = now();
        sink = pipeline.analyse(page, idx);
        const ms = now() - started;
        const tokenMs = sample(
          () => {
            sink = pipeline.tokenPass(page.text);
          },
          { runs: 5, minRuns: 3, minSampleMs: 10, maxTotalMs: 2000, now },
        ).ms;
        return { ms, chars: page.text.length, tokenMs };
      } catch (error) {
        return { ms: null, chars: null, tokenMs: null, error: message(error) };
      }
    },

    /**
     * The page's half of a reading, as the JSON the content script sends, for the caller to
     * analyse outside the page (the background's work, and its garbage, are not the page's);
     * null where the gate stops the page. Its answer comes back by `setTraceAnswer`.
     */
    async readForTrace(): Promise<string | null> {
      if (!pipeline.gate(document).passed) return null;
      return JSON.stringify((await pipeline.read(document)).page);
    },

    setTraceAnswer(answer: string | null) {
      traceAnswer = answer;
    },

    /**
     * Runs one reading while a MessageChannel heartbeat asks for the main thread after every
     * task: the longest gap between two beats is the longest task our work caused. Only the
     * page's thread's work runs inside the trace, as in the extension: the gate, the page's
     * half of the reading, the request sent, and, a task later, the answer taken and drawn.
     * The answer, the analysis of the same page, is set beforehand (`setTraceAnswer`): the
     * background's thread works it out.
     */
    async trace(): Promise<TaskTrace> {
      const errors: string[] = [];
      const channel = new MessageChannel();
      let last = now();
      let longest = 0;
      let slices = 0;
      let beating = true;
      /** What was running: the longest gap is put down to the stage it came in. */
      let stage = 'start';
      let longestIn = stage;
      channel.port1.onmessage = () => {
        const t = now();
        if (t - last > longest) {
          longest = t - last;
          longestIn = stage;
        }
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
      const answer = traceAnswer;
      (document.body ?? document.documentElement).getBoundingClientRect();
      await frame();
      await frame();
      const start = now();
      last = start;
      channel.port2.postMessage(0);
      let clear: (() => void) | null = null;
      try {
        stage = 'gate';
        const verdict = pipeline.gate(document);
        await macrotask();
        if (verdict.passed && answer !== null) {
          stage = 'read';
          const read = await pipeline.read(document);
          stage = 'send';
          sink = JSON.stringify(read.page);
          await macrotask();
          stage = 'draw';
          const annotation = JSON.parse(answer) as A;
          if (annotation.active) {
            clear = pipeline.highlight(document, { map: read.map, annotation });
            // The beat after the drawing's task closes the gap it made: that gap is the draw's.
            await macrotask();
          }
        }
      } catch (error) {
        errors.push(message(error));
      }
      const wallMs = now() - start;
      // The frame that paints the highlights is part of the work; where nothing was drawn,
      // the next frame is the page's own.
      if (clear !== null) {
        stage = 'paint';
        await frame();
      }
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
      return { longestTaskMs: longest, longestIn, longtaskApiMs, wallMs, slices, errors };
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

export function install<I, R extends ReadLike, A extends AnnotationLike>(
  pipeline: Pipeline<I, R, A>,
): void {
  (globalThis as { __bilateralBench?: Bench }).__bilateralBench = createBench(pipeline);
}

/** A value as it arrives on the other side of a message: a structured clone. */
function crossed<T>(value: T): T {
  return structuredClone(value);
}

/** Keeps the last result reachable so no stage's work can be optimized away. */
export function lastResult(): unknown {
  return sink;
}
