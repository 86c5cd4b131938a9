/**
 * The extension itself, timed by itself: Chromium with the built extension opens each page, and
 * the content script's own account of its reading (PageState `timing`) gives the time from its
 * start to the first highlight drawn. Once with the background asleep (its service worker
 * stopped before the page loads: the worker starts, opens its database and answers), then with
 * it awake.
 */
import type { CDPSession } from 'puppeteer-core';
import { envelope, type PageState } from '../../lib/protocol';
import type { Result } from '../../lib/result';
import { launchWithExtension, waitFor, type ExtensionSession } from '../../tests/e2e/harness';
import { median } from './stats';

export interface FirstHighlight {
  /** Median over the runs with the background awake, ms; null when never drawn. */
  warmMs: number | null;
  /** With the background stopped before the page loaded, ms. */
  coldMs: number | null;
  /** On the page's thread, as the content script counted it (median of the warm runs). */
  pageMs: number | null;
  errors: string[];
}

const STATE = envelope('page/state', null);
const WARM_RUNS = 3;

type Timing = NonNullable<PageState['timing']>;

/** Stops the extension's service worker; the next message to the background starts it again. */
async function stopBackground(cdp: CDPSession, extensionOrigin: string): Promise<void> {
  const workers = async () =>
    (await cdp.send('Target.getTargets')).targetInfos.filter(
      (t) => t.type === 'service_worker' && t.url.startsWith(extensionOrigin),
    );
  // Just after the browser starts, the worker of the newly installed extension may still be
  // on its way up: wait for it a little, so it is not stopped before it is there.
  await waitFor(async () => (await workers()).length > 0, {
    what: 'the background to start',
    timeout: 3_000,
  }).catch(() => undefined);
  await waitFor(
    async () => {
      const running = await workers();
      for (const info of running) await cdp.send('Target.closeTarget', { targetId: info.targetId });
      return running.length === 0;
    },
    { what: 'the background to stop', timeout: 10_000, interval: 250 },
  );
}

/** Loads the page in a new tab and returns the content script's timing of its first drawing. */
async function firstDrawing(session: ExtensionSession, url: string): Promise<Timing> {
  const tab = await session.openPage(url);
  try {
    const tabId = await session.tabIdOf(url);
    const state = await waitFor(
      async () => {
        const answer = (await session.inExtension(
          (ext, id: number, message: unknown) => ext.tabs.sendMessage(id, message),
          tabId,
          STATE,
        )) as Result<PageState>;
        if (!answer.ok) return null;
        const { phase } = answer.value;
        if (phase === 'active' && answer.value.timing) return answer.value;
        // A page that settled without drawing is an answer too: no use waiting on.
        if (phase === 'quiet' || phase === 'error' || phase === 'gated-out') return answer.value;
        return null;
      },
      { what: `highlights on ${url}`, timeout: 60_000 },
    );
    if (!state.timing) {
      throw new Error(`${state.phase}${state.error ? `: ${state.error}` : ''} on ${url}`);
    }
    return state.timing;
  } finally {
    await tab.close();
  }
}

export async function extensionTimings(
  urls: readonly { name: string; url: string }[],
  log: (message: string) => void,
): Promise<Map<string, FirstHighlight>> {
  const out = new Map<string, FirstHighlight>();
  const session = await launchWithExtension('chromium');
  const cdp = await session.browser.target().createCDPSession();
  try {
    // A first page read before anything is timed: the newly installed extension sets up its
    // database on its first start, which no reader's later start repeats.
    if (urls[0]) await firstDrawing(session, urls[0].url).catch(() => undefined);
    for (const { name, url } of urls) {
      const result: FirstHighlight = { warmMs: null, coldMs: null, pageMs: null, errors: [] };
      try {
        await stopBackground(cdp, session.extensionOrigin);
        result.coldMs = (await firstDrawing(session, url)).highlightMs;
        const warm: Timing[] = [];
        for (let i = 0; i < WARM_RUNS; i++) warm.push(await firstDrawing(session, url));
        result.warmMs = median(warm.map((t) => t.highlightMs));
        result.pageMs = median(warm.map((t) => t.pageMs));
      } catch (error) {
        result.errors.push(`extension: ${(error as Error).message}`);
      }
      out.set(name, result);
      log(
        `  extension ${name}: first highlight ${result.warmMs ?? '–'} ms warm, ${result.coldMs ?? '–'} ms asleep${result.errors.length ? ` (${result.errors.join('; ')})` : ''}`,
      );
    }
  } finally {
    await cdp.detach().catch(() => undefined);
    await session.close();
  }
  return out;
}
