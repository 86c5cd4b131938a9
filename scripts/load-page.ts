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
