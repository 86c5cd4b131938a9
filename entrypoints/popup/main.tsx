import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { I18n } from '../../components/i18n';
import { PopupView, type PopupChange } from '../../components/PopupView';
import type { Translate } from '../../lib/i18n';
import {
  createClient,
  toBackground,
  type BackgroundResults,
  type PageState,
  type Prefs,
} from '../../lib/protocol';

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

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
};

function Popup({ tabId }: { tabId: number | undefined }) {
  const [state, setState] = useState<PageState | null>(null);
  const [prefs, setPrefs] = useState<Prefs | null>(null);
  const [error, setError] = useState<string | undefined>();
  const [loaded, setLoaded] = useState(false);

  const refresh = async () => {
    const answer = tabId === undefined ? null : await callBackground('tab/state', { tabId });
    const next = answer?.ok ? answer.value : null;
    setState(next);
    const host = next ? hostOf(next.url) : '';
    const prefsAnswer = await callBackground('prefs/get', { host });
    if (prefsAnswer.ok) setPrefs(prefsAnswer.value);
    else setError(prefsAnswer.error);
    setLoaded(true);
  };

  useEffect(() => {
    void refresh();
  }, []);

  const onChange = async (change: PopupChange) => {
    setError(undefined);
    let failed: string | undefined;
    if (change.kind === 'page' && tabId !== undefined) {
      const answer = await callBackground('tab/enable', { tabId, on: change.on });
      if (!answer.ok) failed = answer.error;
    } else if (change.kind === 'site' && prefs) {
      const answer = await callBackground('site/set', { host: prefs.host, choice: change.choice });
      if (!answer.ok) failed = answer.error;
    } else if (change.kind === 'settings') {
      const answer = await callBackground('settings/set', change.change);
      if (!answer.ok) failed = answer.error;
    }
    // The content script applies the change before it answers; read back what it did.
    await refresh();
    if (failed) setError(failed);
  };

  if (!loaded) return <p class="popup">{t('loading')}</p>;
  return (
    <PopupView
      state={state}
      prefs={prefs}
      error={error}
      onChange={(change) => void onChange(change)}
      onReveal={(index) => {
        if (tabId !== undefined) void callBackground('tab/reveal', { tabId, index });
      }}
      onOpenOptions={() => void browser.runtime.openOptionsPage()}
    />
  );
}

async function main() {
  document.documentElement.lang = browser.i18n.getUILanguage();
  const tabId = await targetTabId();
  render(
    <I18n.Provider value={t}>
      <Popup tabId={tabId} />
    </I18n.Provider>,
    document.getElementById('app')!,
  );
}

void main();
