import { render } from 'preact';
import { browser } from 'wxt/browser';
import { I18n } from '../../components/i18n';
import { PopupView } from '../../components/PopupView';
import type { Translate } from '../../lib/i18n';
import { createClient, toBackground, type BackgroundResults } from '../../lib/protocol';

const t: Translate = (key, substitutions) => browser.i18n.getMessage(key, substitutions) || key;
const callBackground = createClient<typeof toBackground, BackgroundResults>((message) =>
  browser.runtime.sendMessage(message),
);

/** The tab the popup is about: `?tab=` when opened as a page (tests), else the active tab. */
async function targetTabId(): Promise<number | undefined> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function main() {
  const root = document.getElementById('app')!;
  document.documentElement.lang = browser.i18n.getUILanguage();
  const tabId = await targetTabId();
  const answer = tabId === undefined ? null : await callBackground('tab/state', { tabId });
  render(
    <I18n.Provider value={t}>
      <PopupView state={answer?.ok ? answer.value : null} />
    </I18n.Provider>,
    root,
  );
}

void main();
