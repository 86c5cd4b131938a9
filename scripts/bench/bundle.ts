/**
 * Builds the one IIFE that `npm run bench` injects into every page: the harness plus the
 * product's stages from lib/ sources (entry.ts), and a second IIFE with the peers (mark.js, Readability)
 * so that our bundle holds only our code.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

async function iife(contents: string, root: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: root, loader: 'ts', sourcefile: 'bench-entry.ts' },
    absWorkingDir: root,
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

export interface StagesSource {
  /** The commit the stages were bundled from (HEAD), with `+worktree` when from the working tree. */
  revision: string;
  /** lib/ files with uncommitted changes (bundled only with `worktree`). */
  dirty: string[];
}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 }).trim();
}

/**
 * Bundles the stages from the last commit (a copy of HEAD's lib/ and scripts/bench/), so that a
 * run measures committed code even while others edit the shared checkout; `worktree` bundles
 * the files as they are on disk instead.
 */
export async function bundleStages(
  root: string,
  worktree: boolean,
): Promise<{ code: string; source: StagesSource }> {
  const head = git(root, ['rev-parse', '--short', 'HEAD']);
  // Not trimmed: each porcelain line starts with two status columns, the first often a space.
  const dirty = execFileSync('git', ['status', '--porcelain', '--', 'lib', 'scripts/bench'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  if (worktree) {
    const code = await iife(`import './scripts/bench/entry.ts';`, root);
    return { code, source: { revision: `${head}+worktree`, dirty } };
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bilateral-bench-src-'));
  try {
    const archive = execFileSync('git', ['archive', 'HEAD', 'lib', 'scripts/bench'], {
      cwd: root,
      maxBuffer: 256 << 20,
    });
    execFileSync('tar', ['-x', '-C', dir], { input: archive });
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const code = await iife(`import './scripts/bench/entry.ts';`, dir);
    return { code, source: { revision: head, dirty: [] } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
