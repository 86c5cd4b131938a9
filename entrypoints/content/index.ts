import { browser } from 'wxt/browser';
import { gate } from '../../lib/dom/gate';
import { buildTextMap } from '../../lib/dom/textmap';
import {
  createClient,
  dispatch,
  toBackground,
  toContent,
  type BackgroundResults,
  type ContentResults,
  type Handlers,
  type PageState,
} from '../../lib/protocol';
import { callerKind } from '../../lib/sender';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    const callBackground = createClient<typeof toBackground, BackgroundResults>((message) =>
      browser.runtime.sendMessage(message),
    );
    const origin = browser.runtime.getURL('/');

    const seen = gate(document);
    let state: PageState = {
      url: location.href,
      phase: 'gated-out',
      gate: seen,
      quotes: [],
      entityCount: 0,
    };
    if (seen.passed) {
      const map = buildTextMap([document.body]);
      state = { ...state, phase: 'quiet', gate: { ...seen, chars: map.text.length } };
    }

    const handlers: Handlers<typeof toContent, ContentResults, null> = {
      'page/state': () => state,
    };
    const onMessage = (raw: unknown, sender: { id?: string; url?: string }) => {
      // Only the background and extension pages talk to a content script.
      if (callerKind(sender, browser.runtime.id, origin) !== 'extension') return undefined;
      return dispatch(toContent, handlers, raw, 'extension', null);
    };
    browser.runtime.onMessage.addListener(onMessage);
    ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(onMessage));

    void callBackground('page/report', state);
  },
});
