import { browser } from 'wxt/browser';
import { annotateInSlices } from '../../lib/annotate';
import { MAX_BODY_CHARS, pauseFor } from '../../lib/annotate/slices';
import type { Translate } from '../../lib/i18n';
import type { MatcherIndex } from '../../lib/match/link';
import { createClient, type BackgroundResults, type toBackground } from '../../lib/protocol';
import type { Result } from '../../lib/result';
import { runPage } from './page';
import type { createCardLayer } from './cards';
// Listed in the manifest with this script: the browser adds it to the page as the page loads.
import './highlights.css';

/** Where entrypoints/cards.ts leaves the card layer (a string, so that file is not bundled here). */
const CARD_LAYER_GLOBAL = 'bilateralCardLayer';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const callBackground = createClient<typeof toBackground, BackgroundResults>((message) =>
      browser.runtime.sendMessage(message),
    );
    const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;
    const known = <T>(answer: Result<T | null>, what: string): Result<T> =>
      !answer.ok || answer.value !== null
        ? (answer as Result<T>)
        : { ok: false, error: `the knowledge base has no ${what}` };

    runPage<MatcherIndex>(ctx, {
      t,
      // Only a page that passed the gate and the reader's switches gets here.
      annotate: (doc, matcher, always) =>
        annotateInSlices(doc, matcher, { always, maxChars: MAX_BODY_CHARS }, pauseFor()),
      loadMatcher: () => callBackground('kb/matcher', null),
      getPrefs: (host) => callBackground('prefs/get', { host }),
      report: (state) => callBackground('page/report', state),
      loadEntity: async (id) => known(await callBackground('kb/entity', { id }), `entity ${id}`),
      loadQuote: async (id) => known(await callBackground('kb/quote', { id }), `quote ${id}`),
      saveClipping: (clipping) => callBackground('clip/save', clipping),
      compareWordings: (wordings) => callBackground('quote/compare', { wordings }),
      // The cards' code is a file of its own, loaded into this world on the first card.
      loadCards: async () => {
        await import(/* @vite-ignore */ browser.runtime.getURL('/cards.js'));
        const create = (globalThis as Record<string, unknown>)[CARD_LAYER_GLOBAL];
        if (typeof create !== 'function') throw new Error('the card code did not load');
        return create as typeof createCardLayer;
      },
    });
  },
});
