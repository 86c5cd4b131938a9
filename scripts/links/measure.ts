/**
 * Corpus links, concepts and entities measured on the links set: the pipeline runs on each page
 * as the extension would on an article it annotates, and its quotations' links are compared
 * with the labels.
 */
import { annotate } from '../../lib/annotate';
import type { MatcherIndex } from '../../lib/match/matcher';
import { loadPage, nextTurn } from '../load-page';
import { linkPageHtml, linkPages, type LinkPageLabel, type LinkSplit } from './labeled';

export interface Count {
  hits: number;
  of: number;
}

export interface LinkReport {
  pages: number;
  /** Labeled quotations of corpus statements linked to that statement. */
  recall: Count;
  /** Links the pipeline made that are right. */
  precision: Count;
  /** Look-alikes linked to any statement. */
  lookalikesLinked: Count;
  /** Concepts and events (by page) found. */
  concepts: Count;
  /** People, places and organisations (by page) found. */
  entities: Count;
  /** What went wrong, for the fit part only. */
  misses: string[];
}

/** Quote text compared ignoring case, quote marks, punctuation and runs of whitespace. */
const norm = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const clip = (t: string) => (t.length > 50 ? `${t.slice(0, 47)}…` : t);

export function measurePage(
  page: LinkPageLabel,
  index: MatcherIndex,
  into: LinkReport,
  misses: boolean,
): void {
  const loaded = loadPage(linkPageHtml(page));
  const { annotation } = annotate(loaded.doc, index, { always: true, skipGate: true });
  loaded.close();
  const predicted = annotation.quotes.filter((q) => q.repeatOf === undefined);
  const used = new Set<number>();
  const matchedTo = new Map<number, string | null>();
  for (const label of page.quotes) {
    const want = norm(label.text);
    const at = predicted.findIndex((p, i) => !used.has(i) && norm(p.text).includes(want));
    if (at >= 0) {
      used.add(at);
      matchedTo.set(at, label.corpus);
    }
    const linked = at >= 0 ? (predicted[at]!.corpus?.id ?? null) : null;
    if (label.corpus) {
      into.recall.of++;
      if (linked === label.corpus) into.recall.hits++;
      else if (misses)
        into.misses.push(
          `${page.file}: “${clip(label.text)}” (${label.speaker ?? '?'}) ${at < 0 ? 'not found as a quotation' : `linked to ${linked ?? 'nothing'}`}, labeled ${label.corpus}`,
        );
    }
    if (label.lookalike) {
      into.lookalikesLinked.of++;
      if (linked) {
        into.lookalikesLinked.hits++;
        if (misses)
          into.misses.push(
            `${page.file}: look-alike “${clip(label.text)}” (${label.speaker ?? '?'}) linked to ${linked}`,
          );
      }
    }
  }
  predicted.forEach((p, i) => {
    if (!p.corpus) return;
    into.precision.of++;
    const want = matchedTo.get(i);
    if (want === p.corpus.id) into.precision.hits++;
    else if (misses && want === undefined)
      into.misses.push(
        `${page.file}: unlabeled quotation “${clip(p.text)}” linked to ${p.corpus.id}`,
      );
  });
  const found = new Set(annotation.entities.map((e) => e.id));
  const seen = new Set<string>();
  for (const e of page.entities) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const type = index.entities[e.id]?.type;
    if (!type) continue;
    const count = type === 'concept' || type === 'event' ? into.concepts : into.entities;
    count.of++;
    if (found.has(e.id)) count.hits++;
    else if (misses) {
      const phrases = page.entities.filter((x) => x.id === e.id).map((x) => `“${x.text}”`);
      into.misses.push(`${page.file}: ${type} ${e.id} not found (${phrases.join(', ')})`);
    }
  }
}

export async function measureLinks(
  index: MatcherIndex,
  split: LinkSplit,
  misses = false,
): Promise<LinkReport> {
  const report: LinkReport = {
    pages: 0,
    recall: { hits: 0, of: 0 },
    precision: { hits: 0, of: 0 },
    lookalikesLinked: { hits: 0, of: 0 },
    concepts: { hits: 0, of: 0 },
    entities: { hits: 0, of: 0 },
    misses: [],
  };
  for (const page of linkPages(new Set([split]))) {
    report.pages++;
    await nextTurn();
    // Only the fit part's misses may be read: the report part is measured.
    measurePage(page, index, report, misses && split === 'fit');
  }
  return report;
}
