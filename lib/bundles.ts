/**
 * The globals under which the extension's own lazily imported bundles (entrypoints/page-reader.ts,
 * entrypoints/cards.ts) hand their one function to the content script that imported them. Names
 * only, so importing them bundles nothing else.
 */
export const PAGE_READER_GLOBAL = 'bilateralReadPage';
export const CARD_LAYER_GLOBAL = 'bilateralCardLayer';
