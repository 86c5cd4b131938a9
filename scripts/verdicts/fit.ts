/**
 * Fitting the verdicts' weights (lib/classify/news-weights.json, topic-weights.json): logistic
 * models over the features the classifiers compute, fitted by the same deterministic gradient
 * descent as the speakers' (a yes/no verdict is a choice between two candidates: the page's
 * features and nothing), on the parts fitting may read.
 */
import type { Features } from '../../lib/classify/logistic';
import type { MatcherIndex } from '../../lib/match/matcher';
import { mapPages } from '../load-page';
import { digest, fitWeights, type Example, type FitOptions } from '../speakers/fit';
import {
  readVerdicts,
  verdictPages,
  VERDICT_FIT_SPLITS,
  type VerdictPage,
  type VerdictRead,
} from './labeled';

export type Verdict = 'news' | 'topic';

/** The penalty per verdict, chosen by `npm run fit -- --cv --grid` (held-out accuracy). */
export const VERDICT_OPTIONS: Record<Verdict, FitOptions> = {
  news: { lambda: 4, steps: 3000 },
  topic: { lambda: 0.5, steps: 3000 },
};

/** A page's example for one verdict, or null when the page says nothing about it. */
export function verdictExample(
  verdict: Verdict,
  page: VerdictPage,
  read: VerdictRead,
): Example | null {
  // The topic is judged of news articles: what a page that is no article is about is the news
  // verdict's business.
  if (verdict === 'topic' && !page.news) return null;
  const features: Features = { bias: 1, ...read.features[verdict] };
  const label = verdict === 'news' ? page.news : page.topic;
  return {
    page: page.file,
    candidates: [{ features }, { features: {} }],
    positives: [label ? 0 : 1],
  };
}

export interface VerdictData {
  pages: { page: VerdictPage; read: VerdictRead }[];
}

export async function readVerdictData(index: MatcherIndex, realDir: string): Promise<VerdictData> {
  return {
    pages: await mapPages(verdictPages(VERDICT_FIT_SPLITS, realDir), (page) => ({
      page,
      read: readVerdicts(page, index, realDir),
    })),
  };
}

export function verdictWeightsFile(verdict: Verdict, data: VerdictData) {
  const examples = data.pages
    .map(({ page, read }) => verdictExample(verdict, page, read))
    .filter((e): e is Example => e !== null);
  const { weights, loss } = fitWeights(examples, VERDICT_OPTIONS[verdict]);
  return {
    about: `The ${verdict} verdict's weights (lib/classify/${verdict}.ts features), fitted by \`npm run fit\` on the fit part of tests/eval/real, the dev pages and the fit parts of tests/eval/topic and tests/eval/voices. Do not edit by hand.`,
    command: 'npm run fit',
    options: VERDICT_OPTIONS[verdict],
    data: {
      pages: examples.length,
      positives: examples.filter((e) => e.positives[0] === 0).length,
      digests: Object.fromEntries(examples.map((e) => [e.page, digest(e.candidates[0]!.features)])),
    },
    loss,
    weights,
  };
}

/** Grouped cross-validation: accuracy, precision and recall of weights fitted without a page. */
export function crossValidateVerdict(
  verdict: Verdict,
  data: VerdictData,
  folds = 5,
  lambda = VERDICT_OPTIONS[verdict].lambda,
) {
  const kept = data.pages
    .map(({ page, read }) => ({ page, example: verdictExample(verdict, page, read) }))
    .filter((e): e is { page: VerdictPage; example: Example } => e.example !== null);
  const examples = kept.map((e) => e.example);
  const bySplit = new Map<
    string,
    { right: number; tp: number; fp: number; fn: number; n: number }
  >();
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let right = 0;
  for (let k = 0; k < folds; k++) {
    const train = examples.filter((_, i) => i % folds !== k);
    const { weights } = fitWeights(train, { ...VERDICT_OPTIONS[verdict], lambda });
    examples.forEach((e, i) => {
      if (i % folds !== k) return;
      let z = 0;
      for (const [f, v] of Object.entries(e.candidates[0]!.features)) z += (weights[f] ?? 0) * v;
      const said = z >= 0;
      const truth = e.positives[0] === 0;
      const split = kept[i]!.page.split;
      const s = bySplit.get(split) ?? { right: 0, tp: 0, fp: 0, fn: 0, n: 0 };
      bySplit.set(split, s);
      s.n++;
      if (said === truth) {
        right++;
        s.right++;
      }
      if (said && truth) {
        tp++;
        s.tp++;
      } else if (said) {
        fp++;
        s.fp++;
      } else if (truth) {
        fn++;
        s.fn++;
      }
    });
  }
  return {
    accuracy: right / examples.length,
    precision: tp / Math.max(1, tp + fp),
    recall: tp / Math.max(1, tp + fn),
    examples: examples.length,
    bySplit: [...bySplit].map(([split, s]) => ({
      split,
      pages: s.n,
      accuracy: s.right / s.n,
      precision: s.tp / Math.max(1, s.tp + s.fp),
      recall: s.tp / Math.max(1, s.tp + s.fn),
    })),
  };
}
