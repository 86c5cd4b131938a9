/**
 * Fitting the corpus links' weights (lib/link/weights.json): each labeled quotation is a choice
 * between the statements the linker considers for it and "none", described by the evidence
 * features of lib/link/evidence.ts; the weights are fitted by the same deterministic conditional
 * logit as the speakers'. The data: the links set's fit part (statements in other words, and
 * look-alikes), the written dev pages (their corpus labels), and the topic and voices sets' fit
 * parts (quotations of no statement).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotate } from '../../lib/annotate';
import { attributeQuotes, speakerOf } from '../../lib/attribution';
import { tokenAt } from '../../lib/doc/tokens';
import type { Doc } from '../../lib/doc/types';
import { candidatesFor, type QuoteOnPage } from '../../lib/link/evidence';
import { linkQuote, NONE_FEATURES, type LinkModel } from '../../lib/link';
import type { MatcherIndex } from '../../lib/match/matcher';
import { loadPage } from '../load-page';
import { digest, fitWeights, type Example, type FitOptions } from '../speakers/fit';
import { linkPages, LINKS_DIR, type LinkSplit } from './labeled';

const repoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const evalDir = path.join(repoDir, 'tests', 'eval');

/** The penalty, chosen by `npm run fit -- --only links --cv --grid` (held-out accuracy). */
export const LINK_OPTIONS: FitOptions = { lambda: 1, steps: 2000 };

/**
 * The share of shown links that must be right on held-out folds: a wrong "this statement" costs
 * the reader's trust more than a missing one.
 */
export const LINK_PRECISION = 0.95;
const FOLDS = 5;

/** A labeled quotation: its first words and the statement it reports (an id), or none. */
export interface LinkLabel {
  text: string;
  statement: string | null;
}

export interface LinkPage {
  /** Under tests/eval. */
  file: string;
  labels: LinkLabel[];
}

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The pages fitting may read, with their quotations' statements as ids. */
export function linkFitPages(index: MatcherIndex, splits: LinkSplit[] = ['fit']): LinkPage[] {
  const pages: LinkPage[] = [];
  for (const p of linkPages(new Set(splits))) {
    pages.push({
      file: path.relative(evalDir, path.join(LINKS_DIR, p.file)),
      labels: p.quotes.map((q) => ({ text: q.text, statement: q.corpus })),
    });
  }
  if (!splits.includes('fit')) return pages;
  // The dev pages label a statement by part of one of its wordings.
  const byWording = (fragment: string) => {
    const want = norm(fragment);
    const v = index.variants.find((x) => norm(x.text).includes(want));
    return v ? index.quotes[v.quote]!.id : null;
  };
  const read = (file: string) => JSON.parse(readFileSync(path.join(evalDir, file), 'utf8'));
  for (const p of read('labels.json') as {
    file: string;
    split: string;
    quotes: { text: string; corpus: string | null }[];
  }[]) {
    if (p.split !== 'dev') continue;
    pages.push({
      file: p.file,
      labels: p.quotes.map((q) => ({
        text: q.text,
        statement: q.corpus ? byWording(q.corpus) : null,
      })),
    });
  }
  for (const set of ['topic', 'voices']) {
    for (const p of read(`${set}/labels.json`) as {
      file: string;
      split: string;
      quotes: { text: string }[];
    }[]) {
      if (p.split !== 'fit') continue;
      pages.push({
        file: path.join(set, p.file),
        labels: p.quotes.map((q) => ({ text: q.text, statement: null })),
      });
    }
  }
  return pages;
}

/** A page read as the pipeline reads it, and each label's quotation on it (or -1). */
export interface ReadLinkPage {
  doc: Doc;
  published: string | null;
  quotes: QuoteOnPage[];
  quoteOf: number[];
}

export function readLinkPage(page: LinkPage, index: MatcherIndex): ReadLinkPage {
  const loaded = loadPage(readFileSync(path.join(evalDir, page.file), 'utf8'));
  const run = annotate(loaded.doc, index, { always: true, skipGate: true });
  loaded.close();
  const doc = run.model!;
  const attributions = attributeQuotes(doc);
  const quotes: QuoteOnPage[] = doc.quotes.map((q, i) => {
    const speaker = speakerOf(doc, attributions[i]!);
    return {
      text: q.text,
      span: { start: q.start, end: q.end },
      tokens: doc.tokens.slice(tokenAt(doc.tokens, q.start), tokenAt(doc.tokens, q.end)),
      speakerId: speaker?.entityId ?? null,
      speakerNamed: speaker !== null,
    };
  });
  const used = new Set<number>();
  const quoteOf = page.labels.map((label) => {
    const want = norm(label.text);
    const at = quotes.findIndex((q, i) => !used.has(i) && norm(q.text).includes(want));
    if (at >= 0) used.add(at);
    return at;
  });
  return { doc, published: run.published, quotes, quoteOf };
}

export interface LinkExamples {
  page: string;
  examples: Example[];
  /** Labeled statements the linker did not consider. */
  unreachable: number;
}

export function examplesOfRead(
  page: LinkPage,
  read: ReadLinkPage,
  index: MatcherIndex,
): LinkExamples {
  const examples: Example[] = [];
  let unreachable = 0;
  page.labels.forEach((label, l) => {
    const q = read.quoteOf[l]!;
    if (q < 0) return;
    const candidates = candidatesFor(read.doc, read.quotes[q]!, index, read.published);
    if (candidates.length === 0) return;
    const right = label.statement
      ? candidates.findIndex((c) => index.quotes[c.statement]!.id === label.statement)
      : candidates.length;
    if (right < 0) {
      unreachable++;
      return;
    }
    examples.push({
      page: page.file,
      candidates: [
        ...candidates.map((c) => ({ features: c.features })),
        { features: NONE_FEATURES },
      ],
      positives: [right],
    });
  });
  return { page: page.file, examples, unreachable };
}

/** A link made on a held-out page: its confidence, and whether it names the labeled statement. */
interface HeldOutLink {
  confidence: number;
  right: boolean;
}

/**
 * The links each fold's weights make on the pages held out of it, whatever their confidence,
 * and how many labeled statements there are.
 */
export function heldOutLinks(
  pages: readonly { page: LinkPage; read: ReadLinkPage }[],
  perPage: readonly LinkExamples[],
  index: MatcherIndex,
  options: FitOptions = LINK_OPTIONS,
): { links: HeldOutLink[]; labeled: number } {
  const links: HeldOutLink[] = [];
  let labeled = 0;
  for (let k = 0; k < FOLDS; k++) {
    const train = perPage.filter((_, i) => i % FOLDS !== k).flatMap((p) => p.examples);
    const { weights } = fitWeights(train, options);
    const held = pages.filter((_, i) => i % FOLDS === k);
    const made = linkDecisions(held, { weights, threshold: 0 }, index);
    labeled += made.labeled;
    links.push(...made.links);
  }
  return { links, labeled };
}

/**
 * The lowest threshold (in hundredths) at which the held-out links are right at least
 * `LINK_PRECISION` of the time; failing that, the one with the best precision.
 */
export function chooseThreshold(links: readonly HeldOutLink[]): number {
  let best = { threshold: 1, precision: -1 };
  for (let t = 0; t <= 100; t++) {
    const shown = links.filter((l) => l.confidence >= t / 100);
    if (shown.length === 0) break;
    const precision = shown.filter((l) => l.right).length / shown.length;
    if (precision >= LINK_PRECISION) return t / 100;
    if (precision > best.precision) best = { threshold: t / 100, precision };
  }
  return best.threshold;
}

export function linkWeightsFile(
  perPage: LinkExamples[],
  pages: readonly { page: LinkPage; read: ReadLinkPage }[],
  index: MatcherIndex,
  options: FitOptions = LINK_OPTIONS,
) {
  const examples = perPage.flatMap((p) => p.examples);
  const { weights, loss } = fitWeights(examples, options);
  const held = heldOutLinks(pages, perPage, index, options);
  const threshold = chooseThreshold(held.links);
  const shown = held.links.filter((l) => l.confidence >= threshold);
  const right = shown.filter((l) => l.right).length;
  return {
    about:
      'Corpus-link weights (lib/link/evidence.ts features against "none"), fitted by `npm run fit` on the fit part of tests/eval/links, the dev pages of tests/eval/labels.json and the fit parts of tests/eval/topic and tests/eval/voices. Do not edit by hand.',
    command: 'npm run fit',
    options: { ...options, precision: LINK_PRECISION, folds: FOLDS },
    data: {
      pages: perPage.length,
      examples: examples.length,
      unreachable: perPage.reduce((a, p) => a + p.unreachable, 0),
      digests: Object.fromEntries(perPage.map((p) => [p.page, digest(p.examples)])),
    },
    loss,
    heldOut: {
      precision: Math.round((right / Math.max(1, shown.length)) * 1000) / 1000,
      recall: Math.round((right / Math.max(1, held.labeled)) * 1000) / 1000,
    },
    threshold,
    weights,
  };
}

/** The links `model` makes on read pages as the pipeline would, and the statements labeled. */
function linkDecisions(
  pages: readonly { page: LinkPage; read: ReadLinkPage }[],
  model: LinkModel,
  index: MatcherIndex,
): { links: HeldOutLink[]; labeled: number } {
  const links: HeldOutLink[] = [];
  let labeled = 0;
  for (const { page, read } of pages) {
    page.labels.forEach((label, l) => {
      const q = read.quoteOf[l]!;
      const link =
        q >= 0 ? linkQuote(read.doc, read.quotes[q]!, index, read.published, model) : null;
      if (label.statement) labeled++;
      if (link) links.push({ confidence: link.confidence, right: link.id === label.statement });
    });
  }
  return { links, labeled };
}

/** Link recall and precision of `model` on read pages, linking as the pipeline does. */
export function linkAccuracy(
  pages: readonly { page: LinkPage; read: ReadLinkPage }[],
  model: LinkModel,
  index: MatcherIndex,
) {
  const { links, labeled } = linkDecisions(pages, model, index);
  const right = links.filter((l) => l.right).length;
  return {
    recall: right / Math.max(1, labeled),
    precision: right / Math.max(1, links.length),
    labeled,
    made: links.length,
  };
}
