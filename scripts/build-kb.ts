/**
 * `npm run kb`: builds the knowledge base from corpus/ and writes generated/kb.json (the full
 * KB for the background and the cards) and generated/matcher.json (the compact index for the
 * content script), then prints their sizes raw and gzipped.
 *
 * `npm run --silent kb -- --print`: prints the KB in the shape of design.md section 3 on
 * stdout and nothing else (the build report goes to stderr).
 *
 * Broken curated data stops the build with the file, the entry and what is wrong (exit 1).
 * `--corpus DIR` reads another corpus directory, `--out DIR` writes elsewhere.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildKnowledgeBase, toContract } from '../lib/kb/build';
import { CORPUS_FILES, KbBuildError, type CorpusInput } from '../lib/kb/curated';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `--corpus DIR` and `--out DIR` (default corpus/ and generated/), for checking other data. */
function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? process.argv[at + 1] : undefined;
  return value ? path.resolve(value) : path.join(root, fallback);
}
const corpusDir = option('--corpus', 'corpus');
const outDir = option('--out', 'generated');

async function readCorpus(): Promise<CorpusInput> {
  // Problems name the files as corpus/… whichever directory holds them.
  const read = (file: string) => readFile(path.join(corpusDir, path.basename(file)), 'utf8');
  const articles: Record<string, string> = {};
  for (const name of (await readdir(corpusDir)).sort()) {
    if (name.endsWith('.txt')) articles[name] = await read(name);
  }
  return {
    sources: await read(CORPUS_FILES.sources),
    entities: await read(CORPUS_FILES.entities),
    events: await read(CORPUS_FILES.events),
    discrepancies: await read(CORPUS_FILES.discrepancies),
    quotes: await read(CORPUS_FILES.quotes),
    equivalences: await read(CORPUS_FILES.equivalences),
    articles,
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main() {
  const print = process.argv.includes('--print');
  const log = (line: string) => (print ? process.stderr : process.stdout).write(`${line}\n`);

  const { kb, matcher, report } = buildKnowledgeBase(await readCorpus());

  await mkdir(outDir, { recursive: true });
  const kbJson = JSON.stringify(kb);
  const matcherJson = JSON.stringify(matcher);
  await writeFile(path.join(outDir, 'kb.json'), kbJson);
  await writeFile(path.join(outDir, 'matcher.json'), matcherJson);

  const byType = new Map<string, number>();
  for (const e of kb.entities) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  const shared = kb.quotes.filter((q) => new Set(q.variants.map((v) => v.source)).size >= 2);
  log(
    `knowledge base ${kb.version}: ${kb.sources.length} sources, ${kb.entities.length} entities ` +
      `(${[...byType].map(([t, n]) => `${n} ${t}`).join(', ')}), ${kb.quotes.length} quotes ` +
      `(${shared.length} carried by two or more sources), ` +
      `${kb.events.length} events, ${kb.discrepancies.length} disagreements`,
  );
  const applied = (kind: string) => report.applied.filter((h) => h.kind === kind).length;
  log(
    `  quotes: ${report.derived} derived from the scan alone, ${report.hinted} shaped by curated hints; ` +
      `${report.applied.length} hints applied (${applied('correction')} speaker corrections, ` +
      `${applied('unquoted')} unquoted wordings, ${applied('merge')} merges, ${applied('split')} splits), ` +
      `${report.unused.length} unused`,
  );
  for (const s of report.sources) {
    log(
      `  ${s.source}: ${s.paragraphs} paragraphs kept, ${s.dropped.length} dropped as noise, ` +
        `${s.quotesFound} quotations found, ${s.taken} taken as statements`,
    );
  }
  for (const c of report.corrections) {
    log(`  correction ${c.id} (${c.source}): attribution said ${c.found}, now ${c.now}`);
  }
  for (const u of report.unused) log(`  unused ${u.kind} ${u.id}: ${u.why}`);
  for (const [name, json] of [
    [path.relative(root, path.join(outDir, 'kb.json')), kbJson],
    [path.relative(root, path.join(outDir, 'matcher.json')), matcherJson],
  ] as const) {
    const raw = Buffer.byteLength(json);
    log(`  ${name}: ${kib(raw)} raw, ${kib(gzipSync(json).length)} gzipped`);
  }

  if (print) process.stdout.write(`${JSON.stringify(toContract(kb), null, 2)}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof KbBuildError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `npm run kb failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exitCode = 1;
});
