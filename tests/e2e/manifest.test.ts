/**
 * The built manifests against what the README promises: every permission and host pattern they
 * request is explained there, extension pages may not connect anywhere, and every icon the
 * manifest names is a PNG of its size.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BROWSER_INFO, BROWSERS, GECKO_ID, ROOT } from './harness';

interface Manifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  optional_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches: string[] }[];
  web_accessible_resources?: { resources: string[]; matches?: string[] }[];
  content_security_policy?: { extension_pages?: string };
  icons?: Record<string, string>;
  action?: { default_icon?: Record<string, string> };
  browser_specific_settings?: { gecko?: { id?: string; strict_min_version?: string } };
}

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const permissionsSection = readme.split(/^## Permissions$/m)[1]?.split(/^## /m)[0] ?? '';

function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe.each(BROWSERS)('the %s build', (name) => {
  const dir = BROWSER_INFO[name].extensionDir;
  const manifestFile = path.join(dir, 'manifest.json');

  const manifest = (): Manifest => {
    if (!existsSync(manifestFile)) throw new Error(`no ${manifestFile}: run \`npm run build\``);
    return JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  };

  it('is MV3', () => {
    expect(manifest().manifest_version).toBe(3);
  });

  it('requests only what the README explains', () => {
    expect(permissionsSection, 'README.md has a "## Permissions" section').not.toBe('');
    const m = manifest();
    const requested = [
      ...(m.permissions ?? []),
      ...(m.host_permissions ?? []),
      ...(m.optional_permissions ?? []),
      ...(m.optional_host_permissions ?? []),
      ...(m.content_scripts ?? []).flatMap((script) => script.matches),
      // Not permissions, but files any page may load: each is explained too.
      ...(m.web_accessible_resources ?? []).flatMap((entry) => [
        ...entry.resources,
        ...(entry.matches ?? []),
      ]),
    ];
    for (const entry of new Set(requested)) expect(permissionsSection).toContain(`\`${entry}\``);
    if (requested.length > 0 && (m.permissions ?? []).length === 0) {
      expect(permissionsSection).toContain('no permissions');
    }
  });

  it('lets extension pages run only their own scripts and connect nowhere', () => {
    const csp = manifest().content_security_policy?.extension_pages ?? '';
    expect(csp).toMatch(/(^|;)\s*script-src 'self'\s*(;|$)/);
    expect(csp).toMatch(/(^|;)\s*connect-src 'none'\s*(;|$)/);
  });

  it('has every icon it names, at its size', () => {
    const m = manifest();
    const named = { ...m.icons, ...m.action?.default_icon };
    expect(Object.keys(m.icons ?? {}).sort()).toEqual(['128', '16', '32', '48', '96']);
    for (const [size, file] of Object.entries(named)) {
      const absolute = path.join(dir, file);
      expect(existsSync(absolute), `${file} is in the build`).toBe(true);
      expect(pngSize(absolute)).toEqual({ width: Number(size), height: Number(size) });
    }
  });

  if (name === 'firefox') {
    it('carries the fixed add-on id and the Firefox version with the Highlight API', () => {
      expect(manifest().browser_specific_settings?.gecko).toMatchObject({
        id: GECKO_ID,
        strict_min_version: '140.0',
      });
    });
  }
});
