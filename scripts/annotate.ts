/**
 * `npm run --silent annotate -- --json FILE.html [FILE.html ...]` (design.md section 4): runs the
 * page pipeline (lib/annotate) on saved pages and prints one JSON object per file, one per line,
 * in the order given. A file that cannot be read or parsed gets an object with an "error" and
 * the exit code is 1 once every file is done. `--body` adds the article body text; `--all` gives
 * quotes and entities for every page whatever its verdicts, as if it were active.
 * The matcher index comes from generated/matcher.json (`npm run kb`), or `--matcher FILE`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotate } from '../lib/annotate';
import type { MatcherIndex } from '../lib/match/matcher';
import { loadPage } from './load-page';

const repoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MATCHER_PATH = path.join(repoDir, 'generated', 'matcher.json');

export function loadMatcher(file = MATCHER_PATH): MatcherIndex {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read the matcher index ${file}: build it with \`npm run kb\``);
  }
  const index = JSON.parse(raw) as MatcherIndex;
  if (index.version !== 1 || typeof index.aliases !== 'object' || !Array.isArray(index.variants)) {
    throw new Error(`${file} is not a matcher index (version 1): rebuild it with \`npm run kb\``);
  }
  return index;
}

export interface AnnotateLine {
  file: string;
  news?: boolean;
  topic?: { relevant: boolean; score: number; reasons: string[] };
  active?: boolean;
  quotes?: {
    text: string;
    speaker: string | null;
    key: boolean;
    corpus: { id: string; text: string; sources: string[] } | null;
  }[];
  entities?: { id: string; name: string; type: string; mentions: number }[];
  body?: string;
  error?: string;
}

export function annotateHtml(
  file: string,
  html: string,
  index: MatcherIndex,
  withBody: boolean,
  all = false,
): AnnotateLine {
  const page = loadPage(html);
  const verdicts = annotate(page.doc, index);
  // The verdicts as usual; the findings, with --all, as if the page were active.
  const read =
    all && !verdicts.annotation.active
      ? annotate(page.doc, index, { always: true, skipGate: true })
      : verdicts;
  const { annotation: found, body } = read;
  const { annotation } = verdicts;
  const line: AnnotateLine = {
    file,
    news: annotation.news.news,
    topic: {
      relevant: annotation.topic.relevant,
      score: annotation.topic.score,
      reasons: annotation.topic.reasons,
    },
    active: annotation.active,
    // A pull-quote repeats a quote already listed: the contract lists it once.
    quotes: found.quotes
      .filter((q) => q.repeatOf === undefined)
      .map((q) => ({
        text: q.text,
        speaker: q.speaker?.name ?? null,
        key: q.key,
        corpus: q.corpus
          ? { id: q.corpus.id, text: q.corpus.text, sources: q.corpus.sources }
          : null,
      })),
    entities: found.entities.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      mentions: e.mentions,
    })),
  };
  if (withBody) line.body = body.text;
  page.close();
  return line;
}

function main(argv: string[]): number {
  const files: string[] = [];
  let json = false;
  let withBody = false;
  let all = false;
  let matcherFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--body') withBody = true;
    else if (arg === '--all') all = true;
    else if (arg === '--matcher') matcherFile = argv[++i];
    else if (arg === '--help' || arg === '-h') {
      process.stdout.write(
        'usage: npm run --silent annotate -- --json [--all] [--body] [--matcher FILE] FILE.html [...]\n',
      );
      return 0;
    } else if (arg.startsWith('--')) {
      process.stderr.write(`annotate: unknown option ${arg}\n`);
      return 2;
    } else files.push(arg);
  }
  if (!json) {
    process.stderr.write('annotate: --json is required (one JSON object per file per line)\n');
    return 2;
  }
  if (files.length === 0) {
    process.stderr.write('annotate: no files given\n');
    return 2;
  }
  let index: MatcherIndex;
  try {
    index = loadMatcher(matcherFile);
  } catch (error) {
    process.stderr.write(`annotate: ${(error as Error).message}\n`);
    return 1;
  }
  let failed = false;
  for (const file of files) {
    let line: AnnotateLine;
    try {
      const html = readFileSync(file, 'utf8');
      line = annotateHtml(file, html, index, withBody, all);
    } catch (error) {
      failed = true;
      const message = error instanceof Error ? error.message : String(error);
      line = { file, error: message };
    }
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
