import { browser } from 'wxt/browser';
import { CARD_LAYER_GLOBAL, PAGE_READER_GLOBAL } from '../../lib/bundles';
import type { Translate } from '../../lib/i18n';
import { createClient, type BackgroundResults, type toBackground } from '../../lib/protocol';
import type { Result } from '../../lib/result';
import { runPage } from './page';
import type { createCardLayer } from './cards';
import type { ReadPage } from '../page-reader';
// Listed in the manifest with this script: the browser adds it to the page as the page loads.
import './highlights.css';

/** What one of the extension's own scripts left in this world once imported. */
function handedOver<T>(global: string, what: string): T {
  const value = (globalThis as Record<string, unknown>)[global];
  if (typeof value !== 'function') throw new Error(`${what} did not load`);
  return value as T;
}

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

    runPage(ctx, {
      t,
      // Only a page that passed the gate and the reader's switches gets here; the reading
      // code is loaded the first time, so other pages never parse it.
      read: async (doc, busy) => {
        await import(/* @vite-ignore */ browser.runtime.getURL('/page-reader.js'));
        return handedOver<ReadPage>(PAGE_READER_GLOBAL, 'the page reading code')(doc, busy);
      },
      analyse: (page, always) => callBackground('page/analyse', { page, always }),
      getPrefs: (host) => callBackground('prefs/get', { host }),
      report: (state) => callBackground('page/report', state),
      loadEntity: async (id) => known(await callBackground('kb/entity', { id }), `entity ${id}`),
      loadQuote: async (id) => known(await callBackground('kb/quote', { id }), `quote ${id}`),
      saveClipping: (clipping) => callBackground('clip/save', clipping),
      compareWordings: (wordings) => callBackground('quote/compare', { wordings }),
      // The cards' code is a file of its own, loaded into this world on the first card.
      loadCards: async () => {
        await import(/* @vite-ignore */ browser.runtime.getURL('/cards.js'));
        return handedOver<typeof createCardLayer>(CARD_LAYER_GLOBAL, 'the card code');
      },
    });
  },
});
