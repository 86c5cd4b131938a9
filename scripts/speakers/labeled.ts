/**
 * The pages labeled with who said each quotation, read the way the extension reads them:
 * - real journalism: tests/eval/real/speakers.json over ../shared/real-pages, split by page
 *   into `fit` (fitting and debugging) and `report` (measured only);
 * - pages written for the purpose: tests/eval/labels.json, `dev` (fitting and debugging) and
 *   `test` (measured only), and two sets beside them, tests/eval/topic (look-alikes and
 *   low-keyword positives) and tests/eval/voices (many speakers, attributed every way), each
 *   split into `…-fit` and `…-report`.
 * Both `npm run eval` and `npm run fit` read them through here, so they count alike.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotate, type AnnotateResult } from '../../lib/annotate';
import { fold } from '../../lib/doc/tokens';
import type { Doc } from '../../lib/doc/types';
import { aliasEntry } from '../../lib/match/aliases';
import type { MatcherIndex } from '../../lib/match/matcher';
import { loadPage } from '../load-page';

const repoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const evalDir = path.join(repoDir, 'tests', 'eval');

export type Split =
  'fit' | 'report' | 'dev' | 'test' | 'topic-fit' | 'topic-report' | 'voices-fit' | 'voices-report';

export interface SpeakerLabel {
  /** A distinctive part of the quotation as on the page (real pages: its first words). */
  text: string;
  /** Who said it: the fullest name the page gives, an organisation, a description, or null. */
  speaker: string | null;
  /** An unnamed source ("a senior official"): the output should name nobody. */
  anonymous: boolean;
  /** A title, scare quote or made-up example rather than someone's words. */
  notAQuote: boolean;
  low: boolean;
}

export interface LabeledPage {
  /** Where the page is: a path under the real-pages folder, or under tests/eval. */
  file: string;
  real: boolean;
  /** A news article (journalism), as labeled: the speaker figures are reported for these. */
  news: boolean;
  split: Split;
  labels: SpeakerLabel[];
}

interface RealEntry {
  path: string;
  split: 'fit' | 'report';
  quotes: {
    contains: string;
    kind: 'quote' | 'not-a-quote';
    speaker: string | null;
    anonymous?: boolean;
    confidence: 'high' | 'low';
  }[];
}

interface WrittenEntry {
  file: string;
  split: 'dev' | 'test';
  news: boolean;
  quotes: { text: string; speaker: string | null }[];
}

export function labeledPages(splits: ReadonlySet<Split>): LabeledPage[] {
  const pages: LabeledPage[] = [];
  if (splits.has('fit') || splits.has('report')) {
    const real = JSON.parse(
      readFileSync(path.join(evalDir, 'real', 'speakers.json'), 'utf8'),
    ) as RealEntry[];
    const news = new Map(
      (
        JSON.parse(readFileSync(path.join(evalDir, 'real', 'news.json'), 'utf8')) as {
          path: string;
          news: boolean;
        }[]
      ).map((e) => [e.path, e.news]),
    );
    for (const e of real) {
      if (!splits.has(e.split) || e.quotes.length === 0) continue;
      pages.push({
        file: e.path,
        real: true,
        news: news.get(e.path) === true,
        split: e.split,
        labels: e.quotes.map((q) => ({
          text: q.contains,
          speaker: q.kind === 'quote' ? q.speaker : null,
          anonymous: q.anonymous === true,
          notAQuote: q.kind === 'not-a-quote',
          low: q.confidence === 'low',
        })),
      });
    }
  }
  if (splits.has('dev') || splits.has('test')) {
    const written = JSON.parse(
      readFileSync(path.join(evalDir, 'labels.json'), 'utf8'),
    ) as WrittenEntry[];
    for (const e of written) {
      if (!splits.has(e.split) || e.quotes.length === 0) continue;
      pages.push({
        file: e.file,
        real: false,
        news: e.news,
        split: e.split,
        labels: e.quotes.map((q) => ({
          text: q.text,
          speaker: q.speaker,
          anonymous: false,
          notAQuote: q.speaker === null,
          low: false,
        })),
      });
    }
  }
  // The sets of written pages beside the eval set: the topic set and the voices set.
  for (const set of ['topic', 'voices'] as const) {
    const fit: Split = `${set}-fit`;
    const report: Split = `${set}-report`;
    if (!splits.has(fit) && !splits.has(report)) continue;
    const entries = JSON.parse(readFileSync(path.join(evalDir, set, 'labels.json'), 'utf8')) as {
      file: string;
      news: boolean;
      split: 'fit' | 'report';
      quotes: { text: string; speaker: string | null; anonymous?: boolean }[];
    }[];
    for (const e of entries) {
      const split = e.split === 'fit' ? fit : report;
      if (!splits.has(split) || e.quotes.length === 0) continue;
      pages.push({
        file: path.join(set, e.file),
        real: false,
        news: e.news,
        split,
        labels: e.quotes.map((q) => ({
          text: q.text,
          speaker: q.speaker,
          anonymous: q.anonymous === true,
          notAQuote: q.speaker === null,
          low: false,
        })),
      });
    }
  }
  return pages;
}

/** Quote text compared ignoring case, quote marks, punctuation and runs of whitespace. */
export const normText = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** A name compared without case, accents, punctuation, a leading article or an honorific. */
export function normName(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:the|a|an|der|die|das|le|la|les|l) /, '')
    .replace(/^(?:mr|mrs|ms|dr|prof|sir|m|mme|herr|frau) /, '');
}

/**
 * Whether a reported speaker is the labeled one: the same name, or the knowledge-base entity
 * the label names (labels name an institution as the page does, the output canonically).
 */
export function sameSpeaker(
  name: string,
  kbId: string | null,
  label: string,
  index: MatcherIndex,
): boolean {
  if (normName(name) === normName(label)) return true;
  if (kbId === null) return false;
  const entry = aliasEntry(index, label);
  return entry !== null && entry.ids.includes(kbId);
}

export interface ReadPage {
  result: AnnotateResult;
  model: Doc;
  /** For each label, the index of the document quotation it names, or -1. */
  quoteOf: number[];
}

/** Reads a labeled page as the extension would if it annotated it whatever its verdicts. */
export function readLabeledPage(page: LabeledPage, index: MatcherIndex, realDir: string): ReadPage {
  const file = page.real ? path.join(realDir, page.file) : path.join(evalDir, page.file);
  const loaded = loadPage(readFileSync(file, 'utf8'));
  const result = annotate(loaded.doc, index, { always: true, skipGate: true });
  loaded.close();
  const model = result.model!;
  const texts = model.quotes.map((q) => normText(q.text));
  const used = new Set<number>();
  const quoteOf = page.labels.map((l) => {
    const want = normText(l.text);
    if (!want) return -1;
    let at = texts.findIndex((t, i) => !used.has(i) && t.includes(want));
    // A label longer than the quotation the scanner found (a quotation it cut short).
    if (at < 0)
      at = texts.findIndex((t, i) => !used.has(i) && t.length >= 12 && want.startsWith(t));
    // Words of a quotation the scanner read as part of a longer one that another label
    // already names ("He had blood on his sleeve. I asked him whose blood…"): that one.
    if (at < 0) at = texts.findIndex((t) => t.includes(want));
    if (at >= 0) used.add(at);
    return at;
  });
  return { result, model, quoteOf };
}

/** A label that names someone (the accuracy counts these). */
export const isNamed = (l: SpeakerLabel) => !l.notAQuote && !l.anonymous && l.speaker !== null;
