/**
 * The links set (tests/eval/links): pages written to report the corpus's statements in other
 * words and languages, beside look-alikes that must not link (the same speaker on another
 * occasion, another speaker in similar words), and the concepts and events they name by
 * description. Split by page into a fit part and a report part.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LINKS_DIR = path.join(repoDir, 'tests', 'eval', 'links');

export type LinkSplit = 'fit' | 'report';

export interface LinkQuoteLabel {
  /** The first words of the quotation as on the page. */
  text: string;
  speaker: string | null;
  anonymous?: boolean;
  /** The KB statement's id when the quotation reports it, in whatever wording; else null. */
  corpus: string | null;
  /** Written to resemble a statement without being it. */
  lookalike?: boolean;
}

export interface LinkPageLabel {
  file: string;
  split: LinkSplit;
  lang: string;
  news: boolean;
  topic: boolean;
  quotes: LinkQuoteLabel[];
  /** KB entities the body names, as the phrase on the page and the id it stands for. */
  entities: { text: string; id: string }[];
}

export function linkPages(splits: ReadonlySet<LinkSplit>): LinkPageLabel[] {
  const all = JSON.parse(
    readFileSync(path.join(LINKS_DIR, 'labels.json'), 'utf8'),
  ) as LinkPageLabel[];
  return all.filter((p) => splits.has(p.split));
}

export function linkPageHtml(page: LinkPageLabel): string {
  return readFileSync(path.join(LINKS_DIR, page.file), 'utf8');
}
