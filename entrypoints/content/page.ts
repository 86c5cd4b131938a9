/**
 * The content script's life on one page: the gate, the reader's switches, annotation, and
 * re-annotation when the page changes (in-page navigation, content arriving later). Each
 * drawing period has its own AbortController under WXT's context, so switching off, leaving
 * or invalidation releases every listener, observer, timer and highlight of that period.
 */
import { browser } from 'wxt/browser';
import type { PageAnnotation, PageText } from '../../lib/annotate/types';
import { gate } from '../../lib/dom/gate';
import type { TextMap } from '../../lib/dom/textmap';
import type { Translate } from '../../lib/i18n';
import type { EntityCardData, QuoteCardData } from '../../lib/page/cards';
import { quotationAsShown } from '../../lib/page/quotation';
import type { Clipping } from '../../lib/page/clippings';
import type { Segment } from '../../lib/page/wording';
import { createHighlighter, highlightEnv } from '../../lib/page/highlighter';
import { mentionChoice } from '../../lib/page/mentions';
import { decide, mayDraw } from '../../lib/page/prefs';
import {
  dispatch,
  toContent,
  type ContentResults,
  type Handlers,
  type PageState,
  type Prefs,
} from '../../lib/protocol';
import type { Result } from '../../lib/result';
import { runInSlices, type Busy } from '../../lib/steps';
import { callerKind } from '../../lib/sender';
import { MAX_BODY_CHARS, pauseFor } from '../../lib/annotate/slices';
import { createReader, type Reader, type ReaderDeps } from './reader';

/**
 * The work budget on one page. A page with more text nodes than MAX_TEXT_NODES is not read at
 * all (counting stops at the limit, so the check stays cheap). Of the article body, about
 * MAX_BODY_CHARS characters are read (some 10,000 words, more than a long read has), so no
 * stage of the reading runs long enough to freeze the page. A reading that takes longer than
 * TIME_BUDGET_MS is the last on that page: later changes to it are not followed. The page's
 * state says when any of these applied.
 */
export const MAX_TEXT_NODES = 200_000;
export const TIME_BUDGET_MS = 1500;

/** Counts the page's text nodes up to `limit` + 1, in steps: a huge page takes many. */
function* countTextNodes(doc: Document, limit: number): Generator<void, number, void> {
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* SHOW_TEXT */);
  let count = 0;
  while (count <= limit && walker.nextNode()) {
    if (++count % 5000 === 0) yield;
  }
  return count;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** How long to wait before asking the background a second time: a worker restarting. */
const RETRY_AFTER_MS = 150;

/**
 * Asks the background, and once more a moment later when it does not answer: a background
 * that was asleep or restarting may miss the first call ("Receiving end does not exist").
 */
async function twice<T>(ask: () => Promise<Result<T>>): Promise<Result<T>> {
  const first = await ask();
  if (first.ok) return first;
  await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_MS));
  return ask();
}

/** Mutations are gathered this long before the page is read again. */
const MUTATION_DEBOUNCE_MS = 600;
/** …but never put off longer than this while content keeps arriving. */
const MUTATION_MAX_WAIT_MS = 3000;

interface Context {
  signal: AbortSignal;
  onInvalidated(cb: () => void): () => void;
  addEventListener(target: Window, type: 'wxt:locationchange', listener: () => void): void;
}

export interface PageDeps {
  t: Translate;
  /**
   * The page's half of the reading: the article's text map and what the analysis reads of it.
   * `cut`: whether text was left unread beyond MAX_BODY_CHARS. `busy` adds the time the
   * reading held the page's thread.
   */
  read: (
    doc: Document,
    busy: { ms: number },
  ) => Promise<{ map: TextMap; page: PageText; cut: boolean }>;
  /**
   * The analysis of that text, done in the background: offsets of the answer are into the
   * text map's text. `always`: annotate whatever the verdicts (the reader switched this page or
   * site on).
   */
  analyse: (page: PageText, always: boolean) => Promise<Result<PageAnnotation>>;
  getPrefs: (host: string) => Promise<Result<Prefs>>;
  report: (state: PageState) => Promise<unknown>;
  loadEntity: (id: string) => Promise<Result<EntityCardData>>;
  loadQuote: (id: string) => Promise<Result<QuoteCardData>>;
  compareWordings: (wordings: string[]) => Promise<Result<Segment[][]>>;
  loadCards: ReaderDeps['loadCards'];
  saveClipping: (clipping: Clipping) => Promise<Result<Clipping>>;
}

/** Text this long or longer, added, removed or rewritten, makes the page worth reading again. */
const MIN_CHANGED_TEXT = 40;

function changesText(record: MutationRecord): boolean {
  if (record.type === 'characterData') {
    return (record.target.textContent?.length ?? 0) >= MIN_CHANGED_TEXT;
  }
  for (const list of [record.addedNodes, record.removedNodes]) {
    for (const node of Array.from(list)) {
      if ((node.textContent?.trim().length ?? 0) >= MIN_CHANGED_TEXT) return true;
    }
  }
  return false;
}

export function runPage(ctx: Context, deps: PageDeps): void {
  const doc = document;
  const env = highlightEnv(window);
  /** When the script started: the first highlight is timed from here. */
  const scriptStart = performance.now();
  let drawnOnce = false;
  let prefs: Prefs | null = null;
  /** This page's own switch; null until the reader touches it. Reset by navigation. */
  let pageChoice: boolean | null = null;
  let url = location.href;
  let period: { controller: AbortController; reader: Reader } | null = null;
  let state: PageState = initialState();
  let running: Promise<void> = Promise.resolve();
  /** Why the time budget stopped following this page's changes; null while within it. */
  let overBudget: string | null = null;

  function initialState(): PageState {
    return {
      url: location.href,
      phase: 'gated-out',
      gate: { passed: false, chars: 0, reason: '' },
      quotes: [],
      entityCount: 0,
    };
  }

  const stopDrawing = () => {
    period?.controller.abort();
    period = null;
  };

  const startDrawing = () => {
    if (period) return period.reader;
    const controller = new AbortController();
    ctx.signal.addEventListener('abort', () => controller.abort(), {
      once: true,
      signal: controller.signal,
    });
    const reader = createReader({
      doc,
      signal: controller.signal,
      t: deps.t,
      highlighter: createHighlighter(doc, env),
      loadEntity: deps.loadEntity,
      loadQuote: deps.loadQuote,
      compareWordings: deps.compareWordings,
      loadCards: deps.loadCards,
      saveClipping: deps.saveClipping,
    });
    period = { controller, reader };
    return reader;
  };

  /** Reads the page from the top and draws what the switches allow. */
  const annotatePage = async (): Promise<void> => {
    const readingStart = performance.now();
    const busy: Busy = { ms: 0, longest: 0 };
    /** Adds a stretch of work done in one go (between two awaits) to `busy`. */
    const held = (from: number) => {
      const ms = performance.now() - from;
      busy.ms += ms;
      busy.longest = Math.max(busy.longest ?? 0, ms);
    };
    const seen = gate(doc);
    held(readingStart);
    const base: PageState = { ...initialState(), gate: seen };
    if (!seen.passed) {
      stopDrawing();
      state = base;
      return;
    }
    if (!env) {
      stopDrawing();
      state = { ...base, phase: 'unsupported' };
      return;
    }
    if (!prefs) {
      const answer = await twice(() => deps.getPrefs(location.hostname));
      if (!answer.ok) {
        state = {
          ...base,
          phase: 'error',
          error: `the background did not answer (asked twice): ${answer.error}`,
        };
        return;
      }
      prefs = answer.value;
    }
    if (!mayDraw(prefs, pageChoice)) {
      stopDrawing();
      state = { ...base, phase: 'off', offBy: decide(prefs, pageChoice, true).offBy };
      return;
    }
    const forced = pageChoice === true || (prefs.settings.enabled && prefs.site === 'always');
    if (!seen.topical && !forced) {
      // No article about US–China relations fails to name both: the index is not loaded.
      stopDrawing();
      state = {
        ...base,
        phase: 'quiet',
        topic: { relevant: false, score: 0, reasons: [seen.reason] },
      };
      return;
    }
    // Counted only for a page that is about to be read: the walk is not free on long pages.
    const counted = await runInSlices(countTextNodes(doc, MAX_TEXT_NODES), pauseFor(), 8, busy);
    const tooLarge = counted > MAX_TEXT_NODES;
    if (tooLarge) {
      stopDrawing();
      state = {
        ...base,
        phase: 'quiet',
        budget: `more than ${MAX_TEXT_NODES} text nodes: too large to read within the budget`,
      };
      return;
    }
    const started = performance.now();
    const { map, page, cut } = await deps.read(doc, busy);
    const analysisStart = performance.now();
    const answer = await twice(() => deps.analyse(page, forced));
    const analysisMs = performance.now() - analysisStart;
    if (!answer.ok) {
      stopDrawing();
      state = {
        ...base,
        phase: 'error',
        error: `the background did not read this page (asked twice): ${answer.error}`,
      };
      return;
    }
    const annotation = answer.value;
    const took = performance.now() - started;
    if (took > TIME_BUDGET_MS) {
      overBudget = `reading took ${Math.round(took)} ms, over the ${TIME_BUDGET_MS} ms budget: later changes to the page are not followed`;
    }
    const unread = cut
      ? `only the first ${MAX_BODY_CHARS} characters of this long page were read`
      : null;
    const budget = [unread, overBudget].filter((why) => why !== null).join('; ');
    const decision = decide(prefs, pageChoice, annotation.active);
    const described: PageState = {
      ...base,
      gate: { ...seen, chars: map.text.length },
      news: annotation.news.news,
      topic: annotation.topic,
      quoteCount: annotation.quotes.length,
      quotes: annotation.quotes
        .map((quote, i) => ({ quote, i }))
        .filter(({ quote }) => quote.key && quote.repeatOf === undefined)
        .map(({ quote, i }) => ({
          index: i,
          text: quotationAsShown(quote.text),
          speaker: quote.speaker?.name ?? null,
          score: quote.score,
        })),
      entityCount: annotation.entities.length,
      ...(budget ? { budget } : {}),
    };
    if (!decision.draw) {
      stopDrawing();
      state = decision.offBy
        ? { ...described, phase: 'off', offBy: decision.offBy }
        : { ...described, phase: 'quiet' };
      return;
    }
    const drawStart = performance.now();
    const drawn = startDrawing().show(annotation, map, {
      quotes: prefs.settings.quotes,
      entities: prefs.settings.entities,
      mentions: mentionChoice(prefs.settings),
      hover: !prefs.settings.clickOnly,
    });
    held(drawStart);
    const drawnAt = performance.now();
    const timing = {
      pageMs: round(busy.ms),
      longestMs: round(busy.longest ?? 0),
      analysisMs: round(analysisMs),
      highlightMs: round(drawnAt - (drawnOnce ? readingStart : scriptStart)),
      first: !drawnOnce,
    };
    drawnOnce = true;
    state = { ...described, phase: 'active', mentionCount: drawn.mentions, timing };
  };

  /** Runs one annotation at a time, in order, and reports each result. */
  const refresh = () => {
    running = running.then(async () => {
      if (ctx.signal.aborted) return;
      try {
        await annotatePage();
      } catch (error) {
        stopDrawing();
        state = {
          ...state,
          phase: 'error',
          error: error instanceof Error ? error.message : String(error),
        };
      }
      if (!ctx.signal.aborted) void deps.report(state);
    });
    return running;
  };

  const handlers: Handlers<typeof toContent, ContentResults, null> = {
    // Answered once the reading in progress is done: a page half read would otherwise report
    // its initial state, and the background would keep that until the real report came.
    'page/state': async () => {
      await running;
      return state;
    },
    'prefs/changed': async ({ settings, site }) => {
      if (!prefs) return null;
      const ours = site !== undefined && site.host === prefs.host;
      // The latest choice wins: switching the site or everything on or off overrides what
      // was chosen for this page.
      if (ours || (settings && settings.enabled !== prefs.settings.enabled)) pageChoice = null;
      if (settings) prefs = { ...prefs, settings };
      if (ours) prefs = { ...prefs, site: site.choice };
      if (settings || ours) await refresh();
      return null;
    },
    'page/enable': async ({ on }) => {
      pageChoice = on ?? state.phase !== 'active';
      await refresh();
      return state;
    },
    'page/reveal': ({ index }) => period?.reader.reveal(index) ?? false,
  };
  const origin = browser.runtime.getURL('/');
  const onMessage = (raw: unknown, sender: { id?: string; url?: string }) => {
    // Only the background and extension pages talk to a content script.
    if (callerKind(sender, browser.runtime.id, origin) !== 'extension') return undefined;
    return dispatch(toContent, handlers, raw, 'extension', null);
  };
  browser.runtime.onMessage.addListener(onMessage);
  ctx.onInvalidated(() => {
    browser.runtime.onMessage.removeListener(onMessage);
    stopDrawing();
  });

  // In-page navigation: a new page as far as the reader is concerned.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    if (location.href === url) return;
    url = location.href;
    pageChoice = null;
    overBudget = null;
    void refresh();
  });

  // Content that arrives later: gathered, then the page is read again once things settle.
  let debounce: number | undefined;
  let firstPending = 0;
  const observer = new MutationObserver((records) => {
    // A ticking clock or a counter does not change the article: only text of some length does.
    if (overBudget || !records.some(changesText)) return;
    const now = Date.now();
    if (debounce === undefined) firstPending = now;
    window.clearTimeout(debounce);
    const wait = Math.max(
      0,
      Math.min(MUTATION_DEBOUNCE_MS, firstPending + MUTATION_MAX_WAIT_MS - now),
    );
    debounce = window.setTimeout(() => {
      debounce = undefined;
      void refresh();
    }, wait);
  });
  if (doc.body) observer.observe(doc.body, { childList: true, subtree: true, characterData: true });
  ctx.onInvalidated(() => {
    observer.disconnect();
    window.clearTimeout(debounce);
  });

  void refresh();
}
