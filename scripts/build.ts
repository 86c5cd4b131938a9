/**
 * `npm run build`: the knowledge base first (when its builder exists), then the production
 * builds for Chrome (MV3) and Firefox (MV3), then where they are. Any failing step stops the
 * build with its exit code.
 *
 * Firefox is built as MV3 only: one manifest version across browsers, and Bilateral needs
 * Firefox 140+ anyway for the CSS Custom Highlight API, which runs MV3.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

export const TARGETS = [
  { label: 'Chrome (MV3)', args: [], outDir: '.output/chrome-mv3' },
  { label: 'Firefox (MV3)', args: ['-b', 'firefox', '--mv3'], outDir: '.output/firefox-mv3' },
] as const;

function run(step: string, command: string, args: string[]): void {
  console.log(`\n▶ ${step}: ${path.relative(root, command)} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw new Error(`${step}: could not start: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${step} failed (exit ${result.status ?? `signal ${result.signal}`})`);
  }
}

function sizeOf(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

function main(): void {
  const started = Date.now();
  if (existsSync(path.join(root, 'scripts/build-kb.ts'))) {
    run('knowledge base', bin('tsx'), ['scripts/build-kb.ts']);
  } else {
    console.log('▶ knowledge base: scripts/build-kb.ts does not exist yet, nothing to build');
  }
  for (const target of TARGETS)
    run(`build for ${target.label}`, bin('wxt'), ['build', ...target.args]);

  console.log(`\nBuilt in ${((Date.now() - started) / 1000).toFixed(1)} s:`);
  for (const target of TARGETS) {
    const dir = path.join(root, target.outDir);
    const manifestFile = path.join(dir, 'manifest.json');
    if (!existsSync(manifestFile))
      throw new Error(`${target.label}: no ${manifestFile} after the build`);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      manifest_version: number;
      version: string;
    };
    const { files, bytes } = sizeOf(dir);
    console.log(
      `  ${target.label.padEnd(14)} ${dir}  (manifest v${manifest.manifest_version}, ` +
        `version ${manifest.version}, ${files} files, ${(bytes / 1024).toFixed(0)} KiB)`,
    );
  }
  console.log(
    '\nLoad unpacked in Chrome from the first folder; in Firefox, about:debugging → ' +
      'Load Temporary Add-on… → the second folder’s manifest.json.',
  );
}

try {
  main();
} catch (error) {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
