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
  type ParamsOf,
} from '../lib/protocol';
import { callerKind } from '../lib/sender';
import type { Db } from '../lib/db/open';
import {
  addClipping,
  getSettings,
  getSiteChoice,
  listClippings,
  listSiteChoices,
  removeClipping,
  removeSiteChoice,
  replaceClippings,
  setSettings,
  setSiteChoice,
} from '../lib/db/user';
import { DEFAULT_SETTINGS, mergeClippings } from '../lib/page/prefs';
import { compareWordings } from '../lib/page/wording';
import kbData from '../generated/kb.json';
import matcherData from '../generated/matcher.json';
import type { KnowledgeBase } from '../lib/kb/types';
import type { MatcherIndex } from '../lib/match/matcher';
import { createKbService } from '../lib/db/service';
import { analyseSteps } from '../lib/annotate';
import { pauseFor } from '../lib/annotate/slices';
import { runInSlices } from '../lib/steps';
import {
  browseKnowledgeBase,
  discrepanciesAbout,
  entityCard,
  eventsAbout,
  listDiscrepancies,
  listEvents,
  listSources,
  quoteCard,
  quotesBySpeaker,
} from '../lib/db/kb';

// Built from corpus/ by `npm run kb` (scripts/build-kb.ts) before every build.
const kb = kbData as unknown as KnowledgeBase;
const matcher = matcherData as unknown as MatcherIndex;

/** How long the analysis runs before the background answers whatever else is waiting. */
const ANALYSIS_SLICE_MS = 16;

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

  // One database for the knowledge base and the reader's data: opened on first use (recovered
  // if broken, clippings backed up first), seeded with the bundled KB whenever its version
  // changes; a failed open is tried again on the next call.
  const kbService = createKbService(indexedDB, kb, {
    onRecovery: (recovery) => console.warn('Bilateral rebuilt its database:', recovery),
  });
  const userDb = (): Promise<Db> => kbService.db();

  /** Tells every open tab at once; tabs without Bilateral's content script just don't answer. */
  const broadcast = async (params: ParamsOf<typeof toContent, 'prefs/changed'>) => {
    const tabs = await browser.tabs.query({});
    await Promise.all(
      tabs.map((tab) => (tab.id === undefined ? null : askTab(tab.id)('prefs/changed', params))),
    );
  };

  // MV3 has `action`; Firefox's MV2 build has `browserAction`.
  const action = browser.action ?? browser.browserAction;
  const showBadge = (tabId: number, state: PageState | null) => {
    const count = state?.phase === 'active' ? state.quotes.length : 0;
    void action
      ?.setBadgeText({ tabId, text: count > 0 ? String(count) : '' })
      .catch(() => undefined);
    void action?.setBadgeBackgroundColor({ tabId, color: '#8a1c24' }).catch(() => undefined);
  };

  const remember = (tabId: number, state: PageState | null) => {
    if (state) tabStates.set(tabId, state);
    else tabStates.delete(tabId);
    showBadge(tabId, state);
    return state;
  };

  const enableTab = async (tabId: number, on: boolean | null) => {
    const answer = await askTab(tabId)('page/enable', { on });
    return remember(tabId, answer.ok ? answer.value : null);
  };

  const handlers: Handlers<typeof toBackground, BackgroundResults, CallContext> = {
    'page/report': (state, { sender }) => {
      const tabId = sender.tab?.id;
      if (tabId !== undefined && sender.frameId === 0) remember(tabId, state);
      return null;
    },
    'tab/state': async ({ tabId }) => {
      const known = tabStates.get(tabId);
      if (known) return known;
      const answer = await askTab(tabId)('page/state', null);
      if (!answer.ok) return null;
      return remember(tabId, answer.value);
    },
    'prefs/get': async ({ host }) => {
      const db = await userDb();
      const settings = await getSettings(db, DEFAULT_SETTINGS);
      const site = host ? await getSiteChoice(db, host).catch(() => null) : null;
      return { settings, host, site };
    },
    'settings/set': async (patch) => {
      const db = await userDb();
      await setSettings(db, patch);
      const settings = await getSettings(db, DEFAULT_SETTINGS);
      await broadcast({ settings });
      return settings;
    },
    'site/set': async ({ host, choice }) => {
      const db = await userDb();
      if (choice === null) await removeSiteChoice(db, host);
      else await setSiteChoice(db, host, choice);
      await broadcast({ site: { host: host.trim().toLowerCase(), choice } });
      return null;
    },
    'site/list': async () => {
      const sites = await listSiteChoices(await userDb());
      return sites
        .map(({ host, choice }) => ({ host, choice }))
        .sort((a, b) => a.host.localeCompare(b.host));
    },
    'tab/enable': ({ tabId, on }) => enableTab(tabId, on),
    'tab/reveal': async ({ tabId, index }) => {
      const answer = await askTab(tabId)('page/reveal', { index });
      return answer.ok && answer.value;
    },
    'clip/save': async (clipping) => {
      await addClipping(await userDb(), clipping);
      return clipping;
    },
    'clip/list': async () => listClippings(await userDb()),
    'clip/remove': async ({ id }) => {
      await removeClipping(await userDb(), id);
      return null;
    },
    'clip/import': async ({ clippings }) => {
      const db = await userDb();
      const merged = mergeClippings(await listClippings(db), clippings);
      // One transaction: the whole import lands, or nothing changes.
      await replaceClippings(db, merged.all);
      return { added: merged.added, skipped: merged.skipped };
    },
    'quote/compare': ({ wordings }) => compareWordings(wordings),
    // Read in slices so the popup and other tabs are answered while a long page is analysed.
    'page/analyse': async ({ page, always }) =>
      (await runInSlices(analyseSteps(page, matcher, { always }), pauseFor(), ANALYSIS_SLICE_MS))
        .annotation,
    'kb/entity': async ({ id }) => entityCard(await kbService.db(), id),
    'kb/quote': async ({ id }) => quoteCard(await kbService.db(), id),
    'kb/search': async ({ text, limit }) => (await kbService.search()).search(text, limit),
    'kb/events': async ({ entity }) => {
      const db = await kbService.db();
      return entity ? eventsAbout(db, entity) : listEvents(db);
    },
    'kb/discrepancies': async ({ entity }) => {
      const db = await kbService.db();
      return entity ? discrepanciesAbout(db, entity) : listDiscrepancies(db);
    },
    'kb/quotes-by': async ({ speaker }) => quotesBySpeaker(await kbService.db(), speaker),
    'kb/sources': async () => listSources(await kbService.db()),
    'kb/browse': async () => browseKnowledgeBase(await kbService.db()),
  };

  // Seed on install and on every update; the lazy open above covers a lost database.
  browser.runtime.onInstalled.addListener(() => {
    void kbService.ready().catch((error: unknown) => {
      console.error('Bilateral could not seed its knowledge base:', error);
    });
  });

  browser.runtime.onMessage.addListener((raw: unknown, sender) => {
    const caller = callerKind(sender, browser.runtime.id, origin);
    if (!caller) return Promise.resolve({ ok: false, error: 'sender not trusted' });
    return dispatch(toBackground, handlers, raw, caller, { sender });
  });

  browser.tabs.onRemoved.addListener((tabId) => tabStates.delete(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') tabStates.delete(tabId);
  });

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'toggle-highlights') return;
    void (async () => {
      const tabId =
        tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
      if (tabId !== undefined) await enableTab(tabId, null);
    })();
  });
});
