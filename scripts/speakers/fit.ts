/**
 * Fitting the attribution weights: a conditional logit (softmax over each quotation's
 * candidates) with an L2 penalty, fitted by full-batch gradient descent with a fixed number of
 * steps, so the same examples always give the same weights. An example may have several right
 * candidates (the speaker named twice nearby, or also the previous speaker): its likelihood is
 * the probability of choosing any of them.
 */
import { createHash } from 'node:crypto';
import { attributeQuotes, type Weights } from '../../lib/attribution';
import type { Candidate } from '../../lib/attribution/candidates';
import type { MatcherIndex } from '../../lib/match/matcher';
import { isNamed, readLabeledPage, sameSpeaker, type LabeledPage, type ReadPage } from './labeled';

export interface Example {
  page: string;
  candidates: { features: Record<string, number> }[];
  /** Indices of the right candidates. */
  positives: number[];
}

export interface PageExamples {
  page: string;
  examples: Example[];
  /** Labeled quotations whose speaker no candidate names (recognition or coreference missed). */
  unreachable: number;
  /** Labeled quotations the scanner did not find. */
  unmatched: number;
}

/** The training examples of one labeled page, read with the labels' own history of speakers. */
export function examplesOf(page: LabeledPage, index: MatcherIndex, realDir: string): PageExamples {
  return examplesOfRead(page, readLabeledPage(page, index, realDir), index);
}

export function examplesOfRead(
  page: LabeledPage,
  read: ReadPage,
  index: MatcherIndex,
): PageExamples {
  const { model, quoteOf } = read;
  const labelOf = new Map<number, number>();
  quoteOf.forEach((q, l) => {
    if (q >= 0) labelOf.set(q, l);
  });
  const examples: Example[] = [];
  let unreachable = 0;
  const goldEntity = (speaker: string): number => {
    let best = -1;
    model.entities.forEach((e, i) => {
      if (e.kind === 'place') return;
      if (!sameSpeaker(e.name, e.kb, speaker, index)) return;
      if (best < 0 || e.mentions.length > model.entities[best]!.mentions.length) best = i;
    });
    return best;
  };
  attributeQuotes(model, {}, (q: number, candidates: Candidate[]) => {
    const l = labelOf.get(q);
    if (l === undefined) return undefined;
    const label = page.labels[l]!;
    if (label.low) return isNamed(label) ? goldEntity(label.speaker!) : null;
    const named = isNamed(label);
    const gold = named ? goldEntity(label.speaker!) : -1;
    const positives: number[] = [];
    candidates.forEach((c, i) => {
      if (named ? gold >= 0 && c.entity === gold : c.entity < 0) positives.push(i);
    });
    if (positives.length === 0) unreachable++;
    else
      examples.push({
        page: page.file,
        candidates: candidates.map((c) => ({ features: c.features })),
        positives,
      });
    if (label.notAQuote) return null;
    return gold;
  });
  return {
    page: page.file,
    examples,
    unreachable,
    unmatched: quoteOf.filter((q) => q < 0).length,
  };
}

/** A stable digest of examples, to tell whether weights were fitted on what the code gives now. */
export function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}

interface Compiled {
  names: string[];
  /** Per example, per candidate: feature indices and values. */
  rows: { idx: Int32Array; val: Float64Array }[][];
  positives: number[][];
}

function compile(examples: readonly Example[]): Compiled {
  const names = [
    ...new Set(examples.flatMap((e) => e.candidates.flatMap((c) => Object.keys(c.features)))),
  ].sort();
  const at = new Map(names.map((n, i) => [n, i]));
  return {
    names,
    rows: examples.map((e) =>
      e.candidates.map((c) => {
        const keys = Object.keys(c.features).sort();
        return {
          idx: Int32Array.from(keys.map((k) => at.get(k)!)),
          val: Float64Array.from(keys.map((k) => c.features[k]!)),
        };
      }),
    ),
    positives: examples.map((e) => e.positives),
  };
}

export interface FitOptions {
  lambda: number;
  steps: number;
}

export const FIT_OPTIONS: FitOptions = { lambda: 2, steps: 1500 };

/** Negative log-likelihood and its gradient. */
function lossAndGradient(c: Compiled, w: Float64Array, lambda: number, grad: Float64Array) {
  grad.fill(0);
  let loss = 0;
  for (let e = 0; e < c.rows.length; e++) {
    const rows = c.rows[e]!;
    const scores = rows.map((r) => {
      let s = 0;
      for (let k = 0; k < r.idx.length; k++) s += w[r.idx[k]!]! * r.val[k]!;
      return s;
    });
    const max = Math.max(...scores);
    const exps = scores.map((s) => Math.exp(s - max));
    const z = exps.reduce((a, b) => a + b, 0);
    const pos = c.positives[e]!;
    const zPos = pos.reduce((a, i) => a + exps[i]!, 0);
    loss -= Math.log(zPos / z);
    rows.forEach((r, i) => {
      const p = exps[i]! / z - (pos.includes(i) ? exps[i]! / zPos : 0);
      if (p === 0) return;
      for (let k = 0; k < r.idx.length; k++) grad[r.idx[k]!]! += p * r.val[k]!;
    });
  }
  for (let j = 0; j < w.length; j++) {
    loss += (lambda / 2) * w[j]! * w[j]!;
    grad[j]! += lambda * w[j]!;
  }
  return loss;
}

/** Fits weights by gradient descent with momentum; deterministic for the same examples. */
export function fitWeights(examples: readonly Example[], options: FitOptions = FIT_OPTIONS) {
  const c = compile(examples);
  const n = c.names.length;
  const w = new Float64Array(n);
  const v = new Float64Array(n);
  const grad = new Float64Array(n);
  const scale = 1 / Math.max(1, examples.length);
  let rate = 1;
  let loss = Infinity;
  for (let step = 0; step < options.steps; step++) {
    const next = lossAndGradient(c, w, options.lambda, grad) * scale;
    // A step that made things worse: undo the momentum and take smaller steps.
    if (next > loss) {
      rate *= 0.5;
      v.fill(0);
    }
    loss = next;
    for (let j = 0; j < n; j++) {
      v[j] = 0.9 * v[j]! - rate * grad[j]! * scale;
      w[j]! += v[j]!;
    }
  }
  const weights: Weights = {};
  c.names.forEach((name, j) => {
    const value = Math.round(w[j]! * 10000) / 10000;
    if (value !== 0) weights[name] = value;
  });
  return { weights, loss: Math.round(loss * 10000) / 10000 };
}

/**
 * Named-speaker accuracy of `weights` on read pages, attributing as the pipeline does (each
 * quotation's history is the model's own choices, not the labels').
 */
export function attributionAccuracy(
  pages: readonly { page: LabeledPage; read: ReadPage }[],
  weights: Weights,
  index: MatcherIndex,
): { right: number; named: number } {
  let right = 0;
  let named = 0;
  for (const { page, read } of pages) {
    const atts = attributeQuotes(read.model, weights);
    page.labels.forEach((label, l) => {
      if (label.low || !isNamed(label)) return;
      named++;
      const q = read.quoteOf[l]!;
      if (q < 0) return;
      const e = atts[q]!.entity;
      const entity = e >= 0 ? read.model.entities[e]! : null;
      if (
        entity &&
        entity.kind !== 'place' &&
        sameSpeaker(entity.name, entity.kb, label.speaker!, index)
      )
        right++;
    });
  }
  return { right, named };
}

/** Share of examples whose best candidate under `weights` is a right one. */
export function accuracyOn(examples: readonly Example[], weights: Weights): number {
  let right = 0;
  for (const e of examples) {
    let best = 0;
    let bestScore = -Infinity;
    e.candidates.forEach((cand, i) => {
      let s = 0;
      for (const k in cand.features) s += (weights[k] ?? 0) * cand.features[k]!;
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    });
    if (e.positives.includes(best)) right++;
  }
  return examples.length === 0 ? 1 : right / examples.length;
}
