/**
 * Pages labeled with the two verdicts (is it news, is it about US–China relations), read the
 * way the extension reads them, for fitting the verdicts' weights and for measuring them:
 * - real pages: tests/eval/real/news.json (news, split into fit and report) and
 *   ../shared/real-pages/index.json (topicUSChina: "yes" is on topic);
 * - written pages: tests/eval/labels.json (dev and test), tests/eval/topic and tests/eval/voices
 *   (fit and report).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotate } from '../../lib/annotate';
import type { Features } from '../../lib/classify/logistic';
import type { MatcherIndex } from '../../lib/match/matcher';
import { loadPage } from '../load-page';

const repoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const evalDir = path.join(repoDir, 'tests', 'eval');

export type VerdictSplit =
  'fit' | 'report' | 'dev' | 'test' | 'topic-fit' | 'topic-report' | 'voices-fit' | 'voices-report';

/** The parts fitting may read. */
export const VERDICT_FIT_SPLITS: ReadonlySet<VerdictSplit> = new Set([
  'fit',
  'dev',
  'topic-fit',
  'voices-fit',
]);

export interface VerdictPage {
  /** A path under the real-pages folder, or under tests/eval. */
  file: string;
  real: boolean;
  split: VerdictSplit;
  news: boolean;
  /** On topic (US–China relations), judged of its subject whether or not it is news. */
  topic: boolean;
  /** What the label's kind says of a written page ("negative:markets"), else ''. */
  kind: string;
}

export function verdictPages(splits: ReadonlySet<VerdictSplit>, realDir: string): VerdictPage[] {
  const pages: VerdictPage[] = [];
  if (splits.has('fit') || splits.has('report')) {
    const news = JSON.parse(readFileSync(path.join(evalDir, 'real', 'news.json'), 'utf8')) as {
      path: string;
      news: boolean;
      split: 'fit' | 'report';
    }[];
    const topic = new Map(
      (
        JSON.parse(readFileSync(path.join(realDir, 'index.json'), 'utf8')) as {
          path: string;
          topicUSChina: string;
        }[]
      ).map((e) => [e.path, e.topicUSChina === 'yes']),
    );
    for (const e of news) {
      if (!splits.has(e.split)) continue;
      pages.push({
        file: e.path,
        real: true,
        split: e.split,
        news: e.news,
        topic: topic.get(e.path) === true,
        kind: '',
      });
    }
  }
  const written = (
    entries: { file: string; split: string; news: boolean; topic: boolean; kind?: string }[],
    prefix: string,
    names: Record<string, VerdictSplit>,
  ) => {
    for (const e of entries) {
      const split = names[e.split];
      if (!split || !splits.has(split)) continue;
      pages.push({
        file: path.join(prefix, e.file),
        real: false,
        split,
        news: e.news,
        topic: e.topic,
        kind: e.kind ?? '',
      });
    }
  };
  const read = (file: string) => JSON.parse(readFileSync(path.join(evalDir, file), 'utf8'));
  written(read('labels.json'), '', { dev: 'dev', test: 'test' });
  written(read('topic/labels.json'), 'topic', {
    fit: 'topic-fit',
    report: 'topic-report',
  });
  written(read('voices/labels.json'), 'voices', {
    fit: 'voices-fit',
    report: 'voices-report',
  });
  return pages;
}

export interface VerdictRead {
  /** The verdicts as the extension gives them (the gate first). */
  news: boolean;
  topic: boolean;
  active: boolean;
  /** The features each verdict was weighed from, read past the gate. */
  features: { news: Features; topic: Features };
}

/** Reads a page for its verdicts, and its verdicts' features past the gate. */
export function readVerdicts(page: VerdictPage, index: MatcherIndex, realDir: string): VerdictRead {
  const file = page.real ? path.join(realDir, page.file) : path.join(evalDir, page.file);
  const html = readFileSync(file, 'utf8');
  const loaded = loadPage(html);
  const { annotation } = annotate(loaded.doc, index);
  loaded.close();
  const again = loadPage(html);
  const { features } = annotate(again.doc, index, { skipGate: true });
  again.close();
  return {
    news: annotation.news.news,
    topic: annotation.topic.relevant,
    active: annotation.active,
    features,
  };
}
