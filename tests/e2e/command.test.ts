/**
 * The keyboard command (manifest `commands`, `toggle-highlights`) pressed as a reader presses
 * it: each browser runs headful on a virtual X display (Xvfb) and xdotool types the chord the
 * manifest suggests into the browser's window as real X key events, so the browser's own
 * shortcut handling dispatches the command to the background. Headless browsers take no
 * browser-level shortcuts, which is why this file alone needs a display.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { envelope, type PageState } from '../../lib/protocol';
import type { Result } from '../../lib/result';
import {
  BROWSERS,
  BROWSER_INFO,
  serveFixtures,
  sessionForFile,
  startXvfb,
  waitFor,
  type ExtensionSession,
  type FixtureServer,
  type XDisplay,
} from './harness';

const ARTICLE = 'pages/us-china-article.html';
const COMMAND = 'toggle-highlights';

describe.each(BROWSERS)('%s: the keyboard command on a real display', (name) => {
  let server: FixtureServer;
  let x: XDisplay;
  let session: ExtensionSession;
  let article: Page;
  let articleTab: number;

  const manifest = JSON.parse(
    readFileSync(path.join(BROWSER_INFO[name].extensionDir, 'manifest.json'), 'utf8'),
  ) as { commands: Record<string, { suggested_key: { default: string } }> };
  const chord = manifest.commands[COMMAND]!.suggested_key.default;

  const highlightCount = () =>
    article.evaluate(
      () => [...CSS.highlights.keys()].filter((key) => key.startsWith('bilateral-')).length,
    );
  const tabState = async () => {
    const answer = (await session.inExtension(
      (ext, m: unknown) => ext.runtime.sendMessage(m),
      envelope('tab/state', { tabId: articleTab }),
    )) as Result<PageState | null>;
    if (!answer.ok) throw new Error(answer.error);
    return answer.value;
  };
  /** What the popup shows for the article's tab: its phase and this page's switch. */
  const popupShows = async () => {
    const popup = await session.openExtensionPage(`popup.html?tab=${articleTab}`, '#switch-page');
    const shown = await popup.evaluate(() => ({
      phase: document.querySelector('[data-testid="phase"]')?.getAttribute('data-phase'),
      pageSwitch: document.querySelector<HTMLInputElement>('#switch-page')?.checked,
    }));
    await popup.close();
    return shown;
  };
  /** Presses the chord in the article's window, as the reader does with the article in front. */
  const pressChord = async () => {
    await article.bringToFront();
    await x.press(chord, await article.title());
  };

  beforeAll(async () => {
    server = await serveFixtures();
    x = await startXvfb();
  });
  // Registered before the browser's own hooks, so the display and server go after the browser.
  afterAll(async () => {
    await x?.close();
    await server?.close();
  });
  const { test } = sessionForFile(name, {
    options: () => ({ display: x.display }),
    ready: async (launched) => {
      session = launched;
      article = await session.openPage(server.url(ARTICLE));
      articleTab = await session.tabIdOf(server.url(ARTICLE));
      await waitFor(async () => (await highlightCount()) > 0, { what: 'highlights to be drawn' });
    },
  });

  test(`the browser assigns the suggested shortcut to the command`, async () => {
    const commands = (await session.inExtension((ext) =>
      (
        ext as unknown as {
          commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> };
        }
      ).commands.getAll(),
    )) as { name?: string; shortcut?: string }[];
    // Chromium leaves a suggested key unassigned when it is one of its own shortcuts.
    expect(commands.find((command) => command.name === COMMAND)?.shortcut).toBe(chord);
  });

  test(`the chord typed on the display switches the page off and on; background and popup agree`, async () => {
    const drawn = await highlightCount();
    expect((await tabState())?.phase).toBe('active');

    await pressChord();
    // A chord the browser keeps for itself (a menu's access key, say) never reaches the command.
    await waitFor(async () => (await highlightCount()) === 0, {
      what: `${chord} to switch the highlights off`,
      timeout: 10_000,
    });
    expect(await tabState()).toMatchObject({ phase: 'off', offBy: 'page' });
    expect(await popupShows()).toEqual({ phase: 'off', pageSwitch: false });

    await pressChord();
    await waitFor(async () => (await highlightCount()) === drawn, {
      what: `${chord} to switch the highlights back on`,
      timeout: 10_000,
    });
    expect((await tabState())?.phase).toBe('active');
    expect(await popupShows()).toEqual({ phase: 'active', pageSwitch: true });
  });
});
