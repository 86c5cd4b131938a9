/**
 * The cards' code (Preact, the card views, positioning), kept out of the content script that
 * runs on every page: the content script imports this file the first time a card opens on a
 * page Bilateral annotates. It runs in the content script's own world and hands over the one
 * function the content script needs.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { CARD_LAYER_GLOBAL } from '../lib/bundles';
import { createCardLayer } from './content/cards';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[CARD_LAYER_GLOBAL] = createCardLayer;
});
