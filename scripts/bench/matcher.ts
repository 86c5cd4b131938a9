/**
 * The matcher index the content script loads (generated/matcher.json, built by `npm run kb`)
 * and the keyword list mark.js gets as the peer baseline: the same names and quote wordings.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const MATCHER_FILE = 'generated/matcher.json';

export interface MatcherText {
  json: string | null;
  error: string | null;
}

/** Reads the matcher index, building the knowledge base first when it is missing. */
export function readMatcher(root: string): MatcherText {
  const file = path.join(root, MATCHER_FILE);
  if (!existsSync(file) && existsSync(path.join(root, 'scripts/build-kb.ts'))) {
    try {
      execFileSync('npm', ['run', '--silent', 'kb'], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    } catch (error) {
      return { json: null, error: `npm run kb failed: ${(error as Error).message}` };
    }
  }
  if (!existsSync(file)) {
    return {
      json: null,
      error: `${MATCHER_FILE} is missing (npm run kb builds it): annotate will not run`,
    };
  }
  const json = readFileSync(file, 'utf8');
  try {
    JSON.parse(json);
  } catch (error) {
    return { json: null, error: `${MATCHER_FILE} is not valid JSON: ${(error as Error).message}` };
  }
  return { json, error: null };
}

/**
 * The names and quote wordings the content script looks for: every alias of the index (in the
 * index's normalized spelling; mark.js matches case-insensitively) and every corpus wording of
 * a quote, each once.
 */
export function markjsKeywords(index: unknown): string[] {
  const { aliases, variants } = (index ?? {}) as { aliases?: unknown; variants?: unknown };
  if (typeof aliases !== 'object' || aliases === null || !Array.isArray(variants)) {
    throw new Error(`${MATCHER_FILE} has no aliases table and variants list`);
  }
  const keywords = new Set(Object.keys(aliases).filter((alias) => alias.trim().length > 0));
  for (const variant of variants as { text?: unknown }[]) {
    if (typeof variant?.text === 'string' && variant.text.trim()) keywords.add(variant.text.trim());
  }
  return [...keywords];
}
