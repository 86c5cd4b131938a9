/**
 * The reader's choices survive a browser restart: the same profile is launched twice with the
 * built extension, a per-site "never", the global switch and a highlight setting (cards on
 * click only) set in the first run hold in the second, each on its own, and the page follows
 * them. Chromium keeps the unpacked extension (its id comes from its path, so both runs share
 * its storage); Firefox gets the add-on installed into the profile, since a temporary add-on
 * is gone after a restart.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../lib/page/prefs';
import type { PageState, Prefs } from '../../lib/protocol';
import {
  BROWSERS,
  launchWithExtension,
  serveFixtures,
  waitFor,
  type BrowserName,
  type ExtensionSession,
  type FixtureServer,
  callBackground,
} from './harness';

const ARTICLE = 'pages/us-china-article.html';
const HOST = '127.0.0.1';

describe.each(BROWSERS)('%s: choices survive a restart', (name: BrowserName) => {
  let server: FixtureServer;
  let profile: string;
  const uuid = randomUUID();
  let session: ExtensionSession | undefined;

  const launch = async () => {
    session = await launchWithExtension(name, { profile, firefoxUuid: uuid });
    return session;
  };
  /** Opens the article in a new tab and waits for the state its content script reports. */
  const openArticle = async (running: ExtensionSession) => {
    const page = await running.openPage(server.url(ARTICLE));
    const tabId = await running.tabIdOf(server.url(ARTICLE));
    const state = await waitFor(
      () => callBackground<PageState | null>(running, 'tab/state', { tabId }),
      {
        what: 'the article tab to report its state',
      },
    );
    const highlights = await page.evaluate(
      () => [...CSS.highlights.keys()].filter((key) => key.startsWith('bilateral-')).length,
    );
    return { page, tabId, state, highlights };
  };

  beforeAll(async () => {
    server = await serveFixtures();
    profile = await mkdtemp(path.join(tmpdir(), `bilateral-restart-${name}-`));
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
    await rm(profile, { recursive: true, force: true });
  });

  it('keeps a site "never", the global switch and the highlight settings in IndexedDB across a restart', async () => {
    const first = await launch();
    const before = await openArticle(first);
    expect(before.state.phase).toBe('active');
    expect(before.highlights).toBeGreaterThan(0);
    await callBackground(first, 'site/set', { host: HOST, choice: 'never' });
    await callBackground(first, 'settings/set', { enabled: false, clickOnly: true });
    const off = await openArticle(first);
    // The global switch is asked first, so it is the one named while both are off.
    expect(off.state).toMatchObject({ phase: 'off', offBy: 'global' });
    expect(off.highlights).toBe(0);
    await first.close();
    session = undefined;

    const second = await launch();
    expect(await callBackground<Prefs>(second, 'prefs/get', { host: HOST })).toEqual({
      host: HOST,
      site: 'never',
      settings: { ...DEFAULT_SETTINGS, enabled: false, clickOnly: true },
    });
    const afterRestart = await openArticle(second);
    expect(afterRestart.state).toMatchObject({ phase: 'off', offBy: 'global' });
    expect(afterRestart.highlights).toBe(0);

    // Global back on: the site's "never" from before the restart still holds on its own.
    await callBackground(second, 'settings/set', { enabled: true });
    const siteOnly = await openArticle(second);
    expect(siteOnly.state).toMatchObject({ phase: 'off', offBy: 'site' });
    expect(siteOnly.highlights).toBe(0);
    expect(await callBackground(second, 'site/list', null)).toEqual([
      { host: HOST, choice: 'never' },
    ]);

    // And with the site's choice removed the article is highlighted again.
    await callBackground(second, 'site/set', { host: HOST, choice: null });
    const back = await openArticle(second);
    expect(back.state.phase).toBe('active');
    await waitFor(
      () =>
        back.page.evaluate(() =>
          [...CSS.highlights.keys()].some((key) => key.startsWith('bilateral-')),
        ),
      { what: 'highlights once both choices are undone' },
    );
  });
});
