import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '../lib/i18n';

/** Views get their words from here; each entrypoint provides `browser.i18n.getMessage`. */
export const I18n = createContext<Translate>((key) => key);

export function useT(): Translate {
  return useContext(I18n);
}
