/**
 * Builds the one IIFE that `npm run bench` injects into every page: the harness plus the
 * product's stages from lib/ sources, and a second IIFE with the peers (mark.js, Readability)
 * so that our bundle holds only our code.
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The stage modules the harness can use, relative to the repository root. */
export const STAGE_FILES = {
  gate: 'lib/dom/gate.ts',
  textmap: 'lib/dom/textmap.ts',
  annotate: 'lib/annotate/index.ts',
  highlighter: 'lib/page/highlighter.ts',
  hittest: 'lib/page/hittest.ts',
} as const;

export type StageName = keyof typeof STAGE_FILES;

/** The entry module: imports what exists, null for what does not. */
export function stagesEntry(root: string, exists: (file: string) => boolean = existsSync): string {
  const lines = [`import { install } from './scripts/bench/harness.ts';`];
  lines.push(`import { wire } from './scripts/bench/wire.ts';`);
  const names: string[] = [];
  for (const [name, file] of Object.entries(STAGE_FILES)) {
    if (exists(path.join(root, file))) {
      lines.push(`import * as ${name} from ${JSON.stringify(`./${file}`)};`);
    } else if (name === 'gate' || name === 'textmap') {
      throw new Error(`${file} is missing: the bench cannot run without the gate and text map`);
    } else {
      lines.push(`const ${name} = null;`);
    }
    names.push(name);
  }
  lines.push(`install(wire({ ${names.join(', ')} }));`);
  return lines.join('\n');
}

async function iife(contents: string, root: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    // A JSON import in a stage stays the parsed object the content script would get.
    loader: { '.json': 'json' },
  });
  return result.outputFiles[0]!.text;
}

export async function bundleStages(root: string): Promise<string> {
  return iife(stagesEntry(root), root);
}

export async function bundlePeers(root: string): Promise<string> {
  return iife(
    [
      `import Mark from 'mark.js/dist/mark.min.js';`,
      `import { Readability } from '@mozilla/readability';`,
      `Object.assign(globalThis, { Mark, Readability });`,
    ].join('\n'),
    root,
  );
}
