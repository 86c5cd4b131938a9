import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

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
    excludeSources: ['docs/**', 'tests/fixtures/**', '.ci/**'],
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // IndexedDB needs no permission and content scripts get their host access from
    // `content_scripts.matches`, so Bilateral asks for nothing else.
    permissions: [],
    action: { default_title: '__MSG_actionTitle__' },
    commands: {
      'toggle-highlights': {
        suggested_key: { default: 'Alt+Shift+B' },
        description: '__MSG_commandToggle__',
      },
    },
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; connect-src 'none'",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : { minimum_chrome_version: '105' }),
  }),
});
