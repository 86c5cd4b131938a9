/**
 * `npm run eval`: the page pipeline's measured quality.
 *   (a) the labeled set in tests/eval/ (labels.json; `test` split by default, `--split dev` for
 *       tuning): precision and recall for news, topic, quotes, speakers, corpus links, entities;
 *   (b) article-body extraction on the 181 pages of ../shared/real-pages/article-extraction-benchmark
 *       with the benchmark's own scoring, side by side with @mozilla/readability in the same run;
 *   (c) the topic check over every page in ../shared/real-pages: false positives against the
 *       index's topicUSChina labels, and which pages would be made active;
 *   (d) speakers on every labeled part (real journalism's fit and report parts, the written dev
 *       and test splits, the topic set), fitted parts beside measured ones.
 * Options: --split test|dev|all, --only labels,speakers,body,topic, --json FILE, --misses (dev:
 * the pages fitting may read).
 * Real pages come from ../shared/real-pages or $BILATERAL_REAL_PAGES.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { annotate } from '../lib/annotate';
import { extractBody } from '../lib/extract/body';
import { noiseKind } from '../lib/extract/noise';
import type { MatcherIndex } from '../lib/match/matcher';
import { aliasEntry } from '../lib/match/aliases';
import { loadMatcher } from './annotate';
import {
  bootstrap,
  metricsOf,
  shingleMatch,
  type BodyMetrics,
  type PageCounts,
} from './eval-shingles';
import { loadPage, mapPages, nextTurn } from './load-page';
import { measureLinks, type LinkReport } from './links/measure';
import { realPagesDir } from './real-pages';
import { labeledPages, type LabeledPage, type Split } from './speakers/labeled';
import { measureSpeakers, type SpeakerScore } from './speakers/measure';

export { realPagesDir };

const repoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const evalDir = path.join(repoDir, 'tests', 'eval');

// ---------------------------------------------------------------------------------------------
// (a) The labeled set

interface QuoteLabel {
  text: string;
  speaker: string | null;
  corpus: string | null;
  key?: boolean;
}

interface PageLabel {
  file: string;
  split: 'test' | 'dev';
  kind?: string;
  news: boolean;
  topic: boolean;
  /** Selector of the article body; null for pages that have none (indexes, profile, product). */
  body?: string | null;
  quotes: QuoteLabel[];
  entities: string[];
  chromeOnly: string[];
}

export interface Ratio {
  hits: number;
  of: number;
  value: number;
}

const ratio = (hits: number, of: number): Ratio => ({
  hits,
  of,
  value: of === 0 ? 1 : hits / of,
});

export interface PRF {
  precision: Ratio;
  recall: Ratio;
  f1: number;
  accuracy?: Ratio;
}

function prf(precision: Ratio, recall: Ratio, accuracy?: Ratio): PRF {
  const p = precision.value;
  const r = recall.value;
  const result: PRF = { precision, recall, f1: p + r === 0 ? 0 : (2 * p * r) / (p + r) };
  if (accuracy) result.accuracy = accuracy;
  return result;
}

/** Quote text compared ignoring case, quote marks, punctuation and runs of whitespace. */
const norm = (s: string) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export interface LabeledReport {
  split: string;
  pages: number;
  news: PRF;
  topic: PRF;
  active: PRF;
  quotes: PRF;
  keyQuotes: PRF;
  speakers: PRF;
  corpus: PRF;
  entities: PRF;
  /** Recall of the labeled concepts and events (a subset of the entities). */
  concepts: Ratio;
  /** Labeled scare quotes and titles the output rightly left out, not counted in quote recall. */
  termsSetAside: number;
  chromeLeaks: string[];
  errors: string[];
}

const OPENING_MARKS = '\u201c\u201e\u2018\u201a"\'\u00ab\u2039\u300c\u300e';
const CLOSING_MARKS = '\u201d\u201c\u2019\u2018"\'\u00bb\u203a\u300d\u300f';

/**
 * A label the output is not meant to report: no speaker, no corpus statement, at most three
 * words without closing punctuation (the labels' scare quotes and titles: “thaw”, “The Avoidable
 * War”), and the label is the whole quotation on the page, marks on both sides, so that a longer
 * unattributed quotation labeled by a short substring still counts.
 */
function isTermInQuotes(q: QuoteLabel, text: string): boolean {
  if (q.speaker !== null || q.corpus !== null) return false;
  const words = q.text.trim().split(/\s+/);
  if (words.length > 3 || /[.!?\u2026\u3002]$/.test(q.text.trim())) return false;
  const body = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  const whole = new RegExp(
    `[${OPENING_MARKS}][\\s\\u00a0]?${body}[,;:]?[\\s\\u00a0]?[${CLOSING_MARKS}]`,
    'u',
  );
  return whole.test(text);
}

/** The KB entities a labelled name stands for, read as the matcher reads the page. */
function resolveName(name: string, index: MatcherIndex): string[] {
  const entry = aliasEntry(index, name);
  return entry ? entry.ids : [];
}

/**
 * `misses`, when given, receives one line per dev-page quote the pipeline missed or attributed
 * or linked wrongly. Test pages never reach it: the held-out split is measured, not read.
 */
async function evaluateLabeled(
  index: MatcherIndex,
  split: string,
  misses?: (line: string) => void,
): Promise<LabeledReport> {
  const labels = JSON.parse(readFileSync(path.join(evalDir, 'labels.json'), 'utf8')) as PageLabel[];
  const chosen = labels.filter((l) => split === 'all' || l.split === split);
  const variantsOf = new Map<string, string[]>();
  for (const v of index.variants) {
    const id = index.quotes[v.quote]?.id;
    if (!id) continue;
    const list = variantsOf.get(id) ?? [];
    list.push(norm(v.text));
    variantsOf.set(id, list);
  }

  const c = {
    newsTP: 0,
    newsFP: 0,
    newsFN: 0,
    newsOK: 0,
    topicTP: 0,
    topicFP: 0,
    topicFN: 0,
    topicOK: 0,
    activeTP: 0,
    activeFP: 0,
    activeFN: 0,
    quotesPredicted: 0,
    quotesLabeled: 0,
    termsSetAside: 0,
    quotesMatched: 0,
    quotesTruePredicted: 0,
    keyPredicted: 0,
    keyLabeled: 0,
    keyMatched: 0,
    speakerPairs: 0,
    speakerRight: 0,
    speakerPredicted: 0,
    speakerPredictedRight: 0,
    speakerLabeled: 0,
    speakerLabeledFound: 0,
    corpusPairs: 0,
    corpusRight: 0,
    corpusPredicted: 0,
    corpusPredictedRight: 0,
    corpusLabeled: 0,
    corpusLabeledFound: 0,
    entitiesPredicted: 0,
    entitiesPredictedRight: 0,
    entitiesLabeled: 0,
    entitiesFound: 0,
    conceptsLabeled: 0,
    conceptsFound: 0,
  };
  const chromeLeaks: string[] = [];
  const errors: string[] = [];

  for (const label of chosen) {
    await nextTurn();
    const file = path.join(evalDir, label.file);
    let html: string;
    try {
      html = readFileSync(file, 'utf8');
    } catch (error) {
      errors.push(`${label.file}: ${(error as Error).message}`);
      continue;
    }
    const page = loadPage(html);
    const verdict = annotate(page.doc, index).annotation;
    page.close();
    const news = verdict.news.news;
    const topic = verdict.topic.relevant;
    if (news && label.news) c.newsTP++;
    else if (news) c.newsFP++;
    else if (label.news) c.newsFN++;
    if (news === label.news) c.newsOK++;
    if (topic && label.topic) c.topicTP++;
    else if (topic) c.topicFP++;
    else if (label.topic) c.topicFN++;
    if (topic === label.topic) c.topicOK++;
    const shouldBeActive = label.news && label.topic;
    if (verdict.active && shouldBeActive) c.activeTP++;
    else if (verdict.active) c.activeFP++;
    else if (shouldBeActive) c.activeFN++;

    // Quotes, speakers, links and entities are measured by themselves: the pipeline runs on
    // every labeled page, active or not, so a topic error does not hide them.
    const again = loadPage(html);
    const run = annotate(again.doc, index, { always: true, skipGate: true });
    const full = run.annotation;
    again.close();
    // A page with no article body (an index, a profile) has no quotes or entities labelled:
    // what the pipeline, forced to run, finds there has nothing to be compared with. Only the
    // chrome check below applies to it.
    const hasBody = label.body !== null;
    const predicted = hasBody ? full.quotes.filter((q) => q.repeatOf === undefined) : [];
    c.quotesPredicted += predicted.length;
    c.quotesLabeled += label.quotes.length;
    const used = new Set<number>();
    const matchedPredicted = new Set<number>();
    const miss = label.split === 'dev' ? misses : undefined;
    const clip = (t: string) => (t.length > 60 ? `${t.slice(0, 57)}…` : t);
    for (const q of label.quotes) {
      const want = norm(q.text);
      const at = predicted.findIndex((p, i) => !used.has(i) && norm(p.text).includes(want));
      const fallback =
        at >= 0
          ? at
          : predicted.findIndex(
              (p, i) => !used.has(i) && norm(p.text).length >= 12 && want.includes(norm(p.text)),
            );
      if (q.key) c.keyLabeled++;
      if (q.speaker) c.speakerLabeled++;
      if (q.corpus) c.corpusLabeled++;
      if (fallback < 0) {
        // The output leaves scare quotes and titles out (design.md §4: direct quotations); the
        // labels list them. Not reporting one is what the contract asks, not a miss.
        if (isTermInQuotes(q, run.map.text)) {
          c.quotesLabeled--;
          c.termsSetAside++;
        } else miss?.(`${label.file}: quote not found “${clip(q.text)}”`);
        continue;
      }
      used.add(fallback);
      matchedPredicted.add(fallback);
      c.quotesMatched++;
      const p = predicted[fallback]!;
      if (q.key && p.key) c.keyMatched++;

      c.speakerPairs++;
      const said = p.speaker?.name ?? null;
      // Labels name an institution as the page does ("State Department", "ministère chinois des
      // Affaires étrangères"); the output names a KB entity canonically. The same entity is right.
      const saidId = p.speaker?.entityId ?? null;
      // "The Commerce Department said": the article is not part of the name.
      const bare = (s: string) => norm(s).replace(/^the /, '');
      const speakerRight =
        said === null
          ? q.speaker === null
          : q.speaker !== null &&
            (bare(said) === bare(q.speaker) ||
              (saidId !== null && resolveName(q.speaker, index).includes(saidId)));
      if (speakerRight) c.speakerRight++;
      else
        miss?.(
          `${label.file}: speaker ${JSON.stringify(said)} for “${clip(q.text)}”, labelled ${JSON.stringify(q.speaker)}`,
        );
      if (said !== null) {
        c.speakerPredicted++;
        if (speakerRight) c.speakerPredictedRight++;
      }
      if (q.speaker && speakerRight) c.speakerLabeledFound++;

      c.corpusPairs++;
      const linked = p.corpus;
      const corpusRight =
        linked === null
          ? q.corpus === null
          : q.corpus !== null &&
            (variantsOf.get(linked.id) ?? []).some((v) => v.includes(norm(q.corpus!)));
      if (corpusRight) c.corpusRight++;
      else
        miss?.(
          `${label.file}: corpus link ${linked?.id ?? 'none'} for “${clip(q.text)}”, labelled ${q.corpus === null ? 'none' : `“${clip(q.corpus)}”`}`,
        );
      if (linked) {
        c.corpusPredicted++;
        if (corpusRight) c.corpusPredictedRight++;
      }
      if (q.corpus && corpusRight) c.corpusLabeledFound++;
    }
    c.quotesTruePredicted += matchedPredicted.size;
    c.keyPredicted += predicted.filter((p) => p.key).length;
    // A predicted key quote that matched no label counts against key precision too.

    const found = new Set(full.entities.map((e) => e.id));
    const wanted = new Set<string>();
    for (const name of label.entities) {
      const ids = resolveName(name, index);
      c.entitiesLabeled++;
      if (ids.length === 0) {
        // The KB has no such alias, so the pipeline cannot find it: a miss, and said so. On the
        // held-out split the name itself is not printed: whoever tunes the KB must not read it.
        errors.push(
          label.split === 'test'
            ? `${label.file}: a labelled entity is not a KB alias (counted as missed)`
            : `${label.file}: entity "${name}" is not a KB alias (counted as missed)`,
        );
        continue;
      }
      if (ids.some((id) => found.has(id))) c.entitiesFound++;
      const idea = ids.some((id) => ['concept', 'event'].includes(index.entities[id]?.type ?? ''));
      if (idea) {
        c.conceptsLabeled++;
        if (ids.some((id) => found.has(id))) c.conceptsFound++;
      }
      for (const id of ids) wanted.add(id);
    }
    if (hasBody) c.entitiesPredicted += found.size;
    for (const id of found) if (hasBody && wanted.has(id)) c.entitiesPredictedRight++;
    for (const name of label.chromeOnly ?? []) {
      for (const id of resolveName(name, index)) {
        if (found.has(id) && !wanted.has(id)) chromeLeaks.push(`${label.file}: ${name}`);
      }
    }
  }

  const keyRight = c.keyMatched;
  return {
    split,
    pages: chosen.length,
    news: prf(
      ratio(c.newsTP, c.newsTP + c.newsFP),
      ratio(c.newsTP, c.newsTP + c.newsFN),
      ratio(c.newsOK, chosen.length),
    ),
    topic: prf(
      ratio(c.topicTP, c.topicTP + c.topicFP),
      ratio(c.topicTP, c.topicTP + c.topicFN),
      ratio(c.topicOK, chosen.length),
    ),
    active: prf(
      ratio(c.activeTP, c.activeTP + c.activeFP),
      ratio(c.activeTP, c.activeTP + c.activeFN),
    ),
    quotes: prf(
      ratio(c.quotesTruePredicted, c.quotesPredicted),
      ratio(c.quotesMatched, c.quotesLabeled),
    ),
    keyQuotes: prf(ratio(keyRight, c.keyPredicted), ratio(keyRight, c.keyLabeled)),
    speakers: prf(
      ratio(c.speakerPredictedRight, c.speakerPredicted),
      ratio(c.speakerLabeledFound, c.speakerLabeled),
      ratio(c.speakerRight, c.speakerPairs),
    ),
    corpus: prf(
      ratio(c.corpusPredictedRight, c.corpusPredicted),
      ratio(c.corpusLabeledFound, c.corpusLabeled),
      ratio(c.corpusRight, c.corpusPairs),
    ),
    entities: prf(
      ratio(c.entitiesPredictedRight, c.entitiesPredicted),
      ratio(c.entitiesFound, c.entitiesLabeled),
    ),
    concepts: ratio(c.conceptsFound, c.conceptsLabeled),
    termsSetAside: c.termsSetAside,
    chromeLeaks,
    errors,
  };
}

// ---------------------------------------------------------------------------------------------
// (b) Body extraction on the benchmark, against Readability

export interface BodyReport {
  pages: number;
  ours: BodyMetrics & { ci: BodyMetrics; ms: number };
  readability: BodyMetrics & { ci: BodyMetrics; ms: number };
  worst: { page: string; f1: number; via: string }[];
}

async function evaluateBody(
  realDir: string,
  onPage?: (done: number, total: number) => void,
): Promise<BodyReport> {
  const benchDir = path.join(realDir, 'article-extraction-benchmark');
  const truthFile = path.join(benchDir, 'ground-truth.json');
  if (!existsSync(truthFile)) throw new Error(`${truthFile} is missing`);
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Record<
    string,
    { articleBody: string }
  >;
  const keys = Object.keys(truth);
  const ours: PageCounts[] = [];
  const theirs: PageCounts[] = [];
  const perPage: { page: string; f1: number; via: string }[] = [];
  let oursMs = 0;
  let theirsMs = 0;
  await mapPages(keys, (key, i) => {
    const html = readFileSync(path.join(benchDir, key, 'source.html'), 'utf8');
    const expected = truth[key]!.articleBody;
    const page = loadPage(html);
    let t = performance.now();
    const body = extractBody(page.doc, { noise: noiseKind });
    oursMs += performance.now() - t;
    page.close();
    const mine = shingleMatch(expected, body.text);
    ours.push(mine);
    // Readability changes the document it reads, so it gets a fresh parse of the same page.
    const copy = loadPage(html);
    t = performance.now();
    let article: { textContent?: string | null } | null;
    try {
      article = new Readability(copy.doc).parse();
    } catch {
      article = null;
    }
    theirsMs += performance.now() - t;
    copy.close();
    theirs.push(shingleMatch(expected, article?.textContent ?? ''));
    const f1 = (2 * mine.tp) / Math.max(1e-9, 2 * mine.tp + mine.fp + mine.fn);
    perPage.push({ page: key.slice(0, 12), f1: Math.round(f1 * 1000) / 1000, via: body.via });
    onPage?.(i + 1, keys.length);
  });
  perPage.sort((a, b) => a.f1 - b.f1);
  return {
    pages: keys.length,
    ours: { ...metricsOf(ours), ci: bootstrap(ours), ms: Math.round(oursMs) },
    readability: { ...metricsOf(theirs), ci: bootstrap(theirs), ms: Math.round(theirsMs) },
    worst: perPage.slice(0, 10),
  };
}

// ---------------------------------------------------------------------------------------------
// (c) Topic over all real pages

interface RealPageEntry {
  name: string;
  source: string;
  path: string;
  topicUSChina: 'yes' | 'china-only' | 'us-only' | 'no';
  synthetic?: boolean;
}

export interface TopicReport {
  pages: number;
  /** News verdicts against tests/eval/real/news.json, per part. */
  news: Record<'fit' | 'report', PRF>;
  /** News pages of the fit part judged not news, and non-news judged news (names only). */
  newsMisses: string[];
  byLabel: Record<string, { pages: number; topic: number; active: number }>;
  falsePositives: { page: string; label: string; score: number; active: boolean }[];
  activePages: { page: string; label: string; score: number }[];
  missed: { page: string; why: string }[];
  topic: PRF;
  active: PRF;
}

async function evaluateTopic(
  realDir: string,
  index: MatcherIndex,
  onPage?: (done: number, total: number) => void,
): Promise<TopicReport> {
  const entries = JSON.parse(
    readFileSync(path.join(realDir, 'index.json'), 'utf8'),
  ) as RealPageEntry[];
  const byLabel: TopicReport['byLabel'] = {};
  const falsePositives: TopicReport['falsePositives'] = [];
  const activePages: TopicReport['activePages'] = [];
  const missed: TopicReport['missed'] = [];
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let atp = 0;
  let afp = 0;
  let afn = 0;
  const newsLabels = new Map(
    (
      JSON.parse(readFileSync(path.join(evalDir, 'real', 'news.json'), 'utf8')) as {
        path: string;
        news: boolean;
        split: 'fit' | 'report';
      }[]
    ).map((e) => [e.path, e]),
  );
  const newsCounts = {
    fit: { tp: 0, fp: 0, fn: 0 },
    report: { tp: 0, fp: 0, fn: 0 },
  };
  const newsMisses: string[] = [];
  await mapPages(entries, (entry, i) => {
    const html = readFileSync(path.join(realDir, entry.path), 'utf8');
    const page = loadPage(html);
    const { annotation } = annotate(page.doc, index);
    page.close();
    const name = `${entry.source}/${entry.name.length > 20 ? entry.name.slice(0, 12) : entry.name}`;
    const newsLabel = newsLabels.get(entry.path);
    if (newsLabel) {
      const c = newsCounts[newsLabel.split];
      const said = annotation.news.news;
      if (said && newsLabel.news) c.tp++;
      else if (said) c.fp++;
      else if (newsLabel.news) c.fn++;
      // Only the fit part's misses may be read: the report part is measured.
      if (newsLabel.split === 'fit' && said !== newsLabel.news)
        newsMisses.push(`${name} (labeled ${newsLabel.news ? 'news' : 'not news'})`);
    }
    const label = entry.topicUSChina;
    const row = (byLabel[label] ??= { pages: 0, topic: 0, active: 0 });
    row.pages++;
    const relevant = annotation.topic.relevant;
    if (relevant) row.topic++;
    if (annotation.active) {
      row.active++;
      activePages.push({ page: name, label, score: annotation.topic.score });
    }
    const yes = label === 'yes';
    if (relevant && yes) tp++;
    else if (relevant) {
      fp++;
      falsePositives.push({
        page: name,
        label,
        score: annotation.topic.score,
        active: annotation.active,
      });
    } else if (yes) {
      fn++;
      missed.push({ page: name, why: annotation.topic.reasons.join('; ') });
    }
    if (annotation.active && yes) atp++;
    else if (annotation.active) afp++;
    else if (yes) afn++;
    onPage?.(i + 1, entries.length);
  });
  const newsPrf = (c: { tp: number; fp: number; fn: number }) =>
    prf(ratio(c.tp, c.tp + c.fp), ratio(c.tp, c.tp + c.fn));
  return {
    pages: entries.length,
    news: { fit: newsPrf(newsCounts.fit), report: newsPrf(newsCounts.report) },
    newsMisses,
    byLabel,
    falsePositives,
    activePages,
    missed,
    topic: prf(ratio(tp, tp + fp), ratio(tp, tp + fn)),
    active: prf(ratio(atp, atp + afp), ratio(atp, atp + afn)),
  };
}

// ---------------------------------------------------------------------------------------------
// (e) The topic set: news and topic verdicts on look-alikes and low-keyword positives

interface TopicSetEntry {
  file: string;
  split: 'fit' | 'report';
  kind: string;
  news: boolean;
  topic: boolean;
}

export interface TopicSetPart {
  pages: number;
  news: PRF;
  /** The topic verdict alone, on the pages labeled news. */
  topic: PRF;
  /** What the extension does: annotate (news and on topic) or stay quiet. */
  active: PRF;
  /** Look-alike negatives made active. */
  lookAlikesActive: string[];
  /** Fit part only: pages the verdicts got wrong (names), for debugging. */
  wrong: string[];
}

async function evaluateTopicSet(
  index: MatcherIndex,
): Promise<Record<'fit' | 'report', TopicSetPart>> {
  const entries = JSON.parse(
    readFileSync(path.join(evalDir, 'topic', 'labels.json'), 'utf8'),
  ) as TopicSetEntry[];
  const parts = {} as Record<'fit' | 'report', TopicSetPart>;
  for (const split of ['fit', 'report'] as const) {
    const c = { ntp: 0, nfp: 0, nfn: 0, ttp: 0, tfp: 0, tfn: 0, atp: 0, afp: 0, afn: 0 };
    const lookAlikesActive: string[] = [];
    const wrong: string[] = [];
    const chosen = entries.filter((e) => e.split === split);
    for (const e of chosen) {
      await nextTurn();
      const page = loadPage(readFileSync(path.join(evalDir, 'topic', e.file), 'utf8'));
      const { annotation: a } = annotate(page.doc, index);
      page.close();
      if (a.news.news && e.news) c.ntp++;
      else if (a.news.news) c.nfp++;
      else if (e.news) c.nfn++;
      if (e.news) {
        if (a.topic.relevant && e.topic) c.ttp++;
        else if (a.topic.relevant) c.tfp++;
        else if (e.topic) c.tfn++;
      }
      const should = e.news && e.topic;
      if (a.active && should) c.atp++;
      else if (a.active) {
        c.afp++;
        if (e.kind.startsWith('negative')) lookAlikesActive.push(e.file);
      } else if (should) c.afn++;
      if (split === 'fit' && (a.news.news !== e.news || a.active !== should))
        wrong.push(
          `${e.file}: news ${a.news.news} (${e.news}), active ${a.active} (${should}); ${[...a.news.reasons, ...a.topic.reasons].join('; ')}`,
        );
    }
    parts[split] = {
      pages: chosen.length,
      news: prf(ratio(c.ntp, c.ntp + c.nfp), ratio(c.ntp, c.ntp + c.nfn)),
      topic: prf(ratio(c.ttp, c.ttp + c.tfp), ratio(c.ttp, c.ttp + c.tfn)),
      active: prf(ratio(c.atp, c.atp + c.afp), ratio(c.atp, c.atp + c.afn)),
      lookAlikesActive:
        split === 'report' ? lookAlikesActive.map(() => 'a look-alike') : lookAlikesActive,
      wrong,
    };
  }
  return parts;
}

function printTopicSet(parts: Record<'fit' | 'report', TopicSetPart>, misses: boolean): void {
  const lines = ['(e) the topic set (tests/eval/topic): look-alikes and low-keyword positives'];
  lines.push(
    '    part    pages  news P / R        topic P / R / F1         active P / R / F1        look-alikes active',
  );
  for (const split of ['fit', 'report'] as const) {
    const p = parts[split];
    lines.push(
      `    ${split.padEnd(7)} ${String(p.pages).padStart(5)}  ${f3(p.news.precision.value)} / ${f3(p.news.recall.value)}    ${f3(p.topic.precision.value)} / ${f3(p.topic.recall.value)} / ${f3(p.topic.f1)}    ${f3(p.active.precision.value)} / ${f3(p.active.recall.value)} / ${f3(p.active.f1)}    ${p.lookAlikesActive.length}`,
    );
  }
  if (misses) for (const w of parts.fit.wrong) lines.push(`    fit part: ${w}`);
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Printing

const f3 = (x: number) => x.toFixed(3);
const r = (x: Ratio) => `${f3(x.value)} (${x.hits}/${x.of})`;

function printLabeled(report: LabeledReport): void {
  const lines = [
    `(a) labeled set, split "${report.split}": ${report.pages} pages (tests/eval/labels.json)`,
    '    measure      precision          recall             F1     accuracy',
  ];
  const row = (name: string, m: PRF) =>
    `    ${name.padEnd(12)} ${r(m.precision).padEnd(18)} ${r(m.recall).padEnd(18)} ${f3(m.f1)}  ${
      m.accuracy ? r(m.accuracy) : ''
    }`;
  lines.push(row('news', report.news));
  lines.push(row('topic', report.topic));
  lines.push(row('active', report.active));
  lines.push(row('quotes', report.quotes));
  lines.push(row('key quotes', report.keyQuotes));
  lines.push(row('speakers', report.speakers));
  lines.push(row('corpus links', report.corpus));
  lines.push(row('entities', report.entities));
  lines.push(`    concepts and events recall ${r(report.concepts)}`);
  lines.push(
    `    entities counted from page chrome: ${report.chromeLeaks.length === 0 ? 'none' : report.chromeLeaks.join(', ')}`,
  );
  lines.push(
    `    scare quotes and titles in the labels, rightly left out of the output, not counted in quote recall: ${report.termsSetAside}`,
  );
  lines.push(
    '    (speakers and corpus links: accuracy over matched quotes; quotes, speakers, links and entities measured with the pipeline run on every page)',
  );
  for (const e of report.errors) lines.push(`    ! ${e}`);
  console.log(lines.join('\n'));
}

function printBody(report: BodyReport): void {
  const row = (name: string, m: BodyReport['ours']) =>
    `    ${name.padEnd(22)} ${f3(m.precision)} ± ${f3(m.ci.precision)}  ${f3(m.recall)} ± ${f3(m.ci.recall)}  ${f3(m.f1)} ± ${f3(m.ci.f1)}  ${f3(m.accuracy)}   ${m.ms} ms`;
  console.log(
    [
      `(b) article-body extraction, article-extraction-benchmark (${report.pages} pages, word 4-gram shingles)`,
      '    extractor              precision      recall         F1             accuracy  time',
      row('Bilateral extractBody', report.ours),
      row('@mozilla/readability', report.readability),
      `    lowest F1 (ours): ${report.worst.map((w) => `${w.page} ${f3(w.f1)}`).join(', ')}`,
    ].join('\n'),
  );
}

function printTopic(report: TopicReport, misses: boolean): void {
  const lines = [
    `(c) verdicts on all real pages (${report.pages})`,
    `    news (tests/eval/real/news.json): fit part precision ${r(report.news.fit.precision)}, recall ${r(report.news.fit.recall)}; report part precision ${r(report.news.report.precision)}, recall ${r(report.news.report.recall)}`,
  ];
  if (misses) for (const m of report.newsMisses) lines.push(`    news miss (fit part): ${m}`);
  lines.push('    topic (index.json topicUSChina)', '    label        pages  topic  active');
  for (const [label, row] of Object.entries(report.byLabel)) {
    lines.push(
      `    ${label.padEnd(12)} ${String(row.pages).padStart(5)}  ${String(row.topic).padStart(5)}  ${String(row.active).padStart(6)}`,
    );
  }
  lines.push(
    `    topic:  precision ${r(report.topic.precision)}, recall ${r(report.topic.recall)}`,
  );
  lines.push(
    `    active: precision ${r(report.active.precision)}, recall ${r(report.active.recall)}`,
  );
  lines.push(
    `    false positives: ${report.falsePositives.length === 0 ? 'none' : report.falsePositives.map((p) => `${p.page} (${p.label}, ${p.score}${p.active ? ', ACTIVE' : ''})`).join(', ')}`,
  );
  lines.push(
    `    made active: ${report.activePages.map((p) => `${p.page} (${p.label})`).join(', ') || 'none'}`,
  );
  for (const m of report.missed) lines.push(`    missed ${m.page}: ${m.why}`);
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// (d) Who said it: speaker accuracy on every labeled part, fit and measured side by side

export interface SpeakerRow {
  part: string;
  /** The parts the weights were fitted on and the ones only measured. */
  fitted: boolean;
  score: SpeakerScore;
}

/**
 * Speaker accuracy on real journalism (the news pages of tests/eval/real, fit and report
 * parts), on every real labeled page, and on the written pages (dev and test splits, topic set).
 * `misses` receives lines for pages that fitting may read (fit, dev, topic-fit), never others.
 */
export async function evaluateSpeakers(
  index: MatcherIndex,
  realDir: string,
  misses?: (line: string) => void,
): Promise<SpeakerRow[]> {
  const parts: { part: string; splits: Split[]; news?: boolean; fitted: boolean }[] = [
    { part: 'real journalism, fit', splits: ['fit'], news: true, fitted: true },
    { part: 'real journalism, report', splits: ['report'], news: true, fitted: false },
    { part: 'all real pages, fit', splits: ['fit'], fitted: true },
    { part: 'all real pages, report', splits: ['report'], fitted: false },
    { part: 'written, dev', splits: ['dev'], fitted: true },
    { part: 'written, test', splits: ['test'], fitted: false },
    { part: 'topic set, fit', splits: ['topic-fit'], fitted: true },
    { part: 'topic set, report', splits: ['topic-report'], fitted: false },
    { part: 'voices set, fit', splits: ['voices-fit'], fitted: true },
    { part: 'voices set, report', splits: ['voices-report'], fitted: false },
  ];
  const rows: SpeakerRow[] = [];
  for (const { part, splits, news, fitted } of parts) {
    const pages = labeledPages(new Set(splits)).filter(
      (p) => news === undefined || p.news === news,
    );
    const miss =
      fitted && misses && news !== false
        ? (page: LabeledPage, line: string) => misses(`${page.file}: ${line}`)
        : undefined;
    rows.push({ part, fitted, score: await measureSpeakers(pages, index, realDir, miss) });
  }
  return rows;
}

function printSpeakers(rows: SpeakerRow[]): void {
  const lines = [
    '(d) speakers: of the quotations whose label names someone (high confidence), the share given to that person',
    '    part                       pages  accuracy           given none  wrong  partial  not found  precision',
  ];
  for (const { part, score: s } of rows) {
    const acc = `${f3(s.named === 0 ? 1 : s.right / s.named)} (${s.right}/${s.named})`;
    const precision = `${f3(s.reported === 0 ? 1 : s.reportedRight / s.reported)}`;
    lines.push(
      `    ${part.padEnd(26)} ${String(s.pages).padStart(5)}  ${acc.padEnd(18)} ${String(s.none).padStart(10)}  ${String(s.wrong).padStart(5)}  ${String(s.partial).padStart(7)}  ${String(s.unmatched).padStart(9)}  ${precision}`,
    );
  }
  const report = rows.filter((r) => !r.fitted);
  const notNames = report.flatMap((r) => r.score.notNames);
  lines.push(
    `    reported speakers that are places or no names, measured parts: ${notNames.length === 0 ? 'none' : notNames.join('; ')}`,
  );
  lines.push(
    '    (low-confidence labels set aside; a quotation the pipeline does not find counts as wrong; fit parts are what lib/attribution/weights.json was fitted on)',
  );
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// (f) The links set

function printLinks(parts: Record<'fit' | 'report', LinkReport>, misses: boolean): void {
  const c = (x: { hits: number; of: number }) => r(ratio(x.hits, x.of)).padEnd(18);
  const lines = [
    '(f) the links set (tests/eval/links): corpus statements in other words and languages, look-alikes, concepts by description',
    '    part    pages  link recall        link precision     look-alikes linked  concept recall     entity recall',
  ];
  for (const part of ['fit', 'report'] as const) {
    const p = parts[part];
    lines.push(
      `    ${part.padEnd(7)} ${String(p.pages).padStart(5)}  ${c(p.recall)} ${c(p.precision)} ${`${p.lookalikesLinked.hits}/${p.lookalikesLinked.of}`.padEnd(19)} ${c(p.concepts)} ${c(p.entities)}`,
    );
  }
  if (misses) for (const m of parts.fit.misses) lines.push(`    fit part: ${m}`);
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------

async function main(argv: string[]): Promise<number> {
  let split = 'test';
  let only = new Set(['labels', 'speakers', 'body', 'topic', 'topicset', 'links']);
  let jsonFile: string | undefined;
  let showMisses = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--split') split = argv[++i] ?? '';
    else if (arg === '--misses') showMisses = true;
    else if (arg === '--only') only = new Set((argv[++i] ?? '').split(','));
    else if (arg === '--json') jsonFile = argv[++i];
    else {
      console.error(
        `eval: unknown argument ${arg}\nusage: npm run eval -- [--split test|dev|all] [--only labels,speakers,topicset,links,body,topic] [--json FILE] [--misses]`,
      );
      return 2;
    }
  }
  if (!['test', 'dev', 'all'].includes(split)) {
    console.error(`eval: --split must be test, dev or all, not "${split}"`);
    return 2;
  }
  if (showMisses && split !== 'dev') {
    console.error('eval: --misses lists dev pages only (--split dev): the test split is held out');
    return 2;
  }
  const index = loadMatcher();
  const result: Record<string, unknown> = {};
  const progress = (what: string) => (done: number, total: number) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${what} ${done}/${total}`);
    if (process.stderr.isTTY && done === total) process.stderr.write('\n');
  };
  if (only.has('labels')) {
    const missed: string[] = [];
    const labeled = await evaluateLabeled(
      index,
      split,
      showMisses ? (m) => missed.push(m) : undefined,
    );
    printLabeled(labeled);
    if (showMisses)
      console.log(
        `\n  misses on dev pages (${missed.length}):\n${missed.map((m) => `    ${m}`).join('\n')}`,
      );
    result.labeled = labeled;
  }
  if (only.has('topicset')) {
    const parts = await evaluateTopicSet(index);
    printTopicSet(parts, showMisses);
    result.topicSet = parts;
  }
  if (only.has('links')) {
    const parts = {
      fit: await measureLinks(index, 'fit', showMisses),
      report: await measureLinks(index, 'report'),
    };
    printLinks(parts, showMisses);
    result.links = parts;
  }
  if (only.has('speakers')) {
    const missed: string[] = [];
    const rows = await evaluateSpeakers(
      index,
      realPagesDir(),
      showMisses ? (line) => missed.push(line) : undefined,
    );
    printSpeakers(rows);
    if (showMisses && missed.length > 0)
      console.log(
        `\n  speaker misses on pages fitting may read (${missed.length}):\n${missed.map((m) => `    ${m}`).join('\n')}`,
      );
    result.speakers = rows;
  }
  if (only.has('body') || only.has('topic')) {
    const realDir = realPagesDir();
    if (only.has('body')) {
      const body = await evaluateBody(realDir, progress('body'));
      printBody(body);
      result.body = body;
    }
    if (only.has('topic')) {
      const topic = await evaluateTopic(realDir, index, progress('topic'));
      printTopic(topic, showMisses);
      result.realPages = topic;
    }
  }
  if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(result, null, 2)}\n`);
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`eval: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  );
}
