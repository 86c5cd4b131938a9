import { browser, type Browser } from 'wxt/browser';
import {
  createClient,
  dispatch,
  toBackground,
  toContent,
  type BackgroundResults,
  type ContentResults,
  type Handlers,
  type PageState,
} from '../lib/protocol';
import { callerKind } from '../lib/sender';

interface CallContext {
  sender: Browser.runtime.MessageSender;
}

export default defineBackground(() => {
  const origin = browser.runtime.getURL('/');
  // The worker may be stopped at any time; a tab missing here is asked again directly.
  const tabStates = new Map<number, PageState>();

  const askTab = (tabId: number) =>
    createClient<typeof toContent, ContentResults>((message) =>
      browser.tabs.sendMessage(tabId, message),
    );

  const handlers: Handlers<typeof toBackground, BackgroundResults, CallContext> = {
    'page/report': (state, { sender }) => {
      const tabId = sender.tab?.id;
      if (tabId !== undefined && sender.frameId === 0) tabStates.set(tabId, state);
      return null;
    },
    'tab/state': async ({ tabId }) => {
      const known = tabStates.get(tabId);
      if (known) return known;
      const answer = await askTab(tabId)('page/state', null);
      if (!answer.ok) return null;
      tabStates.set(tabId, answer.value);
      return answer.value;
    },
  };

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const caller = callerKind(sender, browser.runtime.id, origin);
    if (!caller) return Promise.resolve({ ok: false, error: 'sender not trusted' });
    return dispatch(toBackground, handlers, raw, caller, { sender });
  });

  browser.tabs.onRemoved.addListener((tabId) => tabStates.delete(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') tabStates.delete(tabId);
  });
});
