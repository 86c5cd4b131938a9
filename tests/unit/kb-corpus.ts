/** The project's corpus/ as the KB build reads it, for the kb tests. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CORPUS_FILES, readCurated, type CorpusInput } from '../../lib/kb/curated';
import type { Equivalences } from '../../lib/match/normalize';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function loadCorpus(): CorpusInput {
  const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
  const articles: Record<string, string> = {};
  for (const name of readdirSync(path.join(root, 'corpus')).sort()) {
    if (name.endsWith('.txt')) articles[name] = read(path.join('corpus', name));
  }
  return {
    sources: read(CORPUS_FILES.sources),
    entities: read(CORPUS_FILES.entities),
    events: read(CORPUS_FILES.events),
    discrepancies: read(CORPUS_FILES.discrepancies),
    quotes: read(CORPUS_FILES.quotes),
    equivalences: read(CORPUS_FILES.equivalences),
    articles,
  };
}

/** corpus/equivalences.yaml as the KB build reads it, for tests that link translated wordings. */
export function corpusEquivalences(): Equivalences {
  return readCurated(loadCorpus()).equivalences;
}
