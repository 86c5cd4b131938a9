/**
 * The page pipeline (lib/annotate and everything it reads with), kept out of the content script
 * that runs on every page: the content script imports this file on a page that passes the gate
 * and names both sides, the only pages it reads. It runs in the content script's own world and
 * hands over the one function the content script needs.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { annotateInSlices, type AnnotateResult } from '../lib/annotate';
import { MAX_BODY_CHARS, pauseFor } from '../lib/annotate/slices';
import { PIPELINE_GLOBAL } from '../lib/bundles';
import type { MatcherIndex } from '../lib/match/matcher';

/**
 * Reads a page as the content script does: about MAX_BODY_CHARS of its article, in slices that
 * give the main thread back. `always`: whatever the verdicts (the reader switched it on).
 */
export function readPage(
  doc: Document,
  matcher: MatcherIndex,
  always: boolean,
): Promise<AnnotateResult> {
  return annotateInSlices(doc, matcher, { always, maxChars: MAX_BODY_CHARS }, pauseFor());
}

export type ReadPage = typeof readPage;

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[PIPELINE_GLOBAL] = readPage;
});
