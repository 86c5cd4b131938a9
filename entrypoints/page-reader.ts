/**
 * The page's half of the reading (lib/annotate/read.ts: the article body, its text map and the
 * markup's facts), kept out of the content script that runs on every page: the content script
 * imports this file on a page that passes the gate and names both sides, the only pages it
 * reads. The analysis of the text runs in the background. This runs in the content script's
 * own world and hands over the one function the content script needs.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { readPageSteps, type PageRead } from '../lib/annotate/read';
import { MAX_BODY_CHARS, pauseFor } from '../lib/annotate/slices';
import { PAGE_READER_GLOBAL } from '../lib/bundles';
import { runInSlices, type Busy } from '../lib/steps';

/**
 * Reads a page as the content script does: about MAX_BODY_CHARS of its article, in slices
 * that give the page's thread back. `busy` adds the time the reading held the thread.
 */
export function readPage(doc: Document, busy?: Busy): Promise<PageRead> {
  return runInSlices(readPageSteps(doc, MAX_BODY_CHARS), pauseFor(), 8, busy);
}

export type ReadPage = typeof readPage;

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[PAGE_READER_GLOBAL] = readPage;
});
