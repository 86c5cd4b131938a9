import { render } from 'preact';
import { browser } from 'wxt/browser';
import { I18n } from '../../components/i18n';
import { OptionsView } from '../../components/OptionsView';
import type { Translate } from '../../lib/i18n';

const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;

document.documentElement.lang = browser.i18n.getUILanguage();
render(
  <I18n.Provider value={t}>
    <OptionsView />
  </I18n.Provider>,
  document.getElementById('app')!,
);
