import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const work = mkdtempSync(path.join(tmpdir(), 'bilateral-kb-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function buildKb(args: string[]) {
  return spawnSync(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), 'scripts/build-kb.ts', ...args],
    { cwd: root, encoding: 'utf8', timeout: 120_000 },
  );
}

describe('npm run kb', () => {
  it('prints the knowledge base as JSON on stdout and nothing else with --print', () => {
    const out = path.join(work, 'out');
    const run = buildKb(['--print', '--out', out]);
    expect(run.status).toBe(0);
    const printed = JSON.parse(run.stdout) as Record<string, unknown[]>;
    expect(Object.keys(printed)).toEqual([
      'sources',
      'entities',
      'quotes',
      'events',
      'discrepancies',
    ]);
    expect(printed.entities!.length).toBeGreaterThan(40);
    expect(run.stderr).toMatch(/kb\.json: [\d.]+ KiB raw, [\d.]+ KiB gzipped/);
    const kb = JSON.parse(readFileSync(path.join(out, 'kb.json'), 'utf8')) as { version: string };
    expect(kb.version).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.parse(readFileSync(path.join(out, 'matcher.json'), 'utf8'))).toHaveProperty(
      'aliases',
    );
  });

  it('stops on broken data with the file, the entry and what is wrong, and writes nothing', () => {
    const corpus = path.join(work, 'corpus');
    cpSync(path.join(root, 'corpus'), corpus, { recursive: true });
    const entities = path.join(corpus, 'entities.yaml');
    writeFileSync(
      entities,
      readFileSync(entities, 'utf8').replace(
        '    aliases: [Pompeo]',
        '    aliases: [Pompeo, Blingen]',
      ),
    );
    const out = path.join(work, 'broken-out');
    const run = buildKb(['--print', '--corpus', corpus, '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'corpus/entities.yaml: #11 (mike-pompeo): alias "Blingen" is already claimed by "antony-blinken"',
    );
    expect(() => readFileSync(path.join(out, 'kb.json'))).toThrow();
  });
});
