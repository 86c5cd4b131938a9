import preact from '@preact/preset-vite';
import path from 'node:path';
import { defineConfig } from 'wxt';
import { manifestIcons, renderIcons } from './scripts/icons';

/** The fixed add-on id: Firefox keys storage and signing on it, so it never changes. */
export const GECKO_ID = 'bilateral@bilateral.invalid';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  entrypointsDir: 'entrypoints',
  publicDir: 'public',
  outDir: '.output',
  manifestVersion: 3,
  vite: () => ({
    plugins: [preact()],
    build: { target: 'es2022' },
  }),
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    // What AMO's reviewers need to rebuild the add-on: no tests, no generated data (the build
    // regenerates it from corpus/), no screenshots.
    excludeSources: ['docs/**', 'tests/**', 'generated/**', '.ci/**', '**/*.log'],
  },
  // `npm run dev` opens a browser with the extension only where there is a screen to show it
  // on; elsewhere (CI, SSH) it builds and reloads .output/*-dev for loading by hand.
  webExt: {
    disabled: !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY,
    // Chromium refuses to start as root without this.
    chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  },
  hooks: {
    // The icons are drawn once as SVG and rendered for every build, zip and dev run.
    'build:publicAssets': async (wxt, files) => {
      const outDir = path.join(wxt.config.wxtDir, 'icons');
      const rendered = await renderIcons(path.join(wxt.config.root, 'assets/icon.svg'), outDir);
      for (const relativeDest of rendered) {
        if (files.some((file) => file.relativeDest === relativeDest)) continue;
        files.push({ absoluteSrc: path.join(outDir, relativeDest), relativeDest });
      }
    },
  },
  manifest: ({ browser, command }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // IndexedDB needs no permission and content scripts get their host access from
    // `content_scripts.matches`, so Bilateral asks for nothing else.
    permissions: [],
    icons: manifestIcons(),
    action: { default_title: '__MSG_actionTitle__', default_icon: manifestIcons([16, 32, 48]) },
    // The page reader (entrypoints/page-reader.ts) and the cards' code (entrypoints/cards.ts) are
    // imported by the content script, the first on a page it reads and the second when a card
    // first opens, which needs them reachable from web pages' origins; everything else stays
    // private.
    // In Chrome a per-session URL keeps pages from probing for the extension by its fixed id
    // (Firefox's moz-extension addresses are random per install already).
    web_accessible_resources: [
      {
        resources: ['page-reader.js', 'cards.js'],
        matches: ['http://*/*', 'https://*/*'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    commands: {
      'toggle-highlights': {
        // Not Alt+Shift+B: Chromium keeps it for the bookmarks bar and Firefox opens its
        // Bookmarks menu on it; no browser menu uses U.
        suggested_key: { default: 'Alt+Shift+U' },
        description: '__MSG_commandToggle__',
      },
    },
    content_security_policy: {
      // Bilateral makes no network requests. Only `npm run dev` needs a connection: WXT's
      // dev server on localhost pushes reloads over a WebSocket.
      extension_pages: `script-src 'self'; object-src 'none'; base-uri 'none'; connect-src ${
        command === 'serve' ? 'ws://localhost:* http://localhost:*' : "'none'"
      }`,
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '105' }),
  }),
});
