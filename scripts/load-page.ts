/**
 * Saved HTML → a DOM Document the way the CLI and the eval read pages: jsdom with scripts
 * disabled and no resource loading, its console silenced. jsdom's constructor rejects a few real
 * pages whose inline CSS its parser cannot read (see ../shared/real-pages/README.md); those are
 * parsed with jsdom's DOMParser instead, which does not process style sheets.
 */
import { JSDOM, VirtualConsole } from 'jsdom';

export interface LoadedPage {
  doc: Document;
  /** How the page was parsed: 'jsdom', or 'domparser' after the constructor failed. */
  parser: 'jsdom' | 'domparser';
  /** Frees the window: a run over hundreds of pages runs out of memory without it. */
  close: () => void;
}

export function loadPage(html: string, url?: string): LoadedPage {
  const virtualConsole = new VirtualConsole();
  try {
    const dom = new JSDOM(html, { virtualConsole, ...(url ? { url } : {}) });
    return { doc: dom.window.document, parser: 'jsdom', close: () => dom.window.close() };
  } catch {
    const blank = new JSDOM('', { virtualConsole });
    const doc = new blank.window.DOMParser().parseFromString(html, 'text/html');
    return { doc, parser: 'domparser', close: () => blank.window.close() };
  }
}

/**
 * Resolves on the event loop's next turn. jsdom keeps a closed window's memory until the
 * synchronous job that closed it ends, so a loop over hundreds of pages runs out of heap unless
 * it awaits this between pages.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** `items.map(read)`, one page at a time with a turn of the event loop after each. */
export async function mapPages<T, R>(
  items: readonly T[],
  read: (item: T, i: number) => R,
): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    out.push(read(items[i]!, i));
    await nextTurn();
  }
  return out;
}
