/**
 * The scoring of scrapinghub/article-extraction-benchmark (its evaluate.py, as its README and
 * ../shared/real-pages/README.md describe it), so our body extraction is measured on exactly the
 * benchmark's terms: word 4-gram shingles compared as multisets, each page's TP/FP/FN normalised
 * to sum to 1, precision and recall averaged over pages, F1 the harmonic mean of the averages.
 */

/** Python's `re.findall(r'\w+', text)` on a str: letters, digits and numerics, and `_`. */
const TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

function shingles(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  const last = Math.max(1, tokens.length - n + 1);
  for (let i = 0; i < last; i++) {
    const shingle = tokens.slice(i, i + n);
    if (shingle.length === 0) continue;
    // U+0001 cannot occur inside a token, so joined shingles stay distinct.
    const key = shingle.join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
  /** The token lists are equal (the README's "accuracy"). */
  exact: boolean;
}

export function shingleMatch(truth: string, prediction: string, n = 4): PageCounts {
  const trueTokens = tokenize(truth);
  const predTokens = tokenize(prediction);
  const t = shingles(trueTokens, n);
  const p = shingles(predTokens, n);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [key, trueCount] of t) {
    const predCount = p.get(key) ?? 0;
    tp += Math.min(trueCount, predCount);
    fn += Math.max(0, trueCount - predCount);
  }
  for (const [key, predCount] of p) {
    fp += Math.max(0, predCount - (t.get(key) ?? 0));
  }
  const sum = tp + fp + fn;
  const exact =
    trueTokens.length === predTokens.length && trueTokens.every((x, i) => x === predTokens[i]);
  if (sum > 0) return { tp: tp / sum, fp: fp / sum, fn: fn / sum, exact };
  return { tp, fp, fn, exact };
}

function precisionOf({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fp === 0) return 0;
  return tp / (tp + fp);
}

function recallOf({ tp, fp, fn }: PageCounts): number {
  if (fp === 0 && fn === 0) return 1;
  if (tp === 0 && fn === 0) return 0;
  return tp / (tp + fn);
}

export interface BodyMetrics {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

export function metricsOf(pages: readonly PageCounts[]): BodyMetrics {
  const precision = mean(pages.filter((c) => c.tp + c.fp > 0).map(precisionOf));
  const recall = mean(pages.filter((c) => c.tp + c.fn > 0).map(recallOf));
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const accuracy = mean(pages.map((c) => (c.exact ? 1 : 0)));
  return { precision, recall, f1, accuracy };
}

/** 1.96 standard deviations of each metric over bootstrap resamples of the pages (upstream's "±"). */
export function bootstrap(
  pages: readonly PageCounts[],
  rounds = 1000,
  random: () => number = Math.random,
): BodyMetrics {
  const samples: BodyMetrics[] = [];
  for (let r = 0; r < rounds; r++) {
    const resample: PageCounts[] = [];
    for (let i = 0; i < pages.length; i++)
      resample.push(pages[Math.floor(random() * pages.length)]!);
    samples.push(metricsOf(resample));
  }
  const spread = (pick: (m: BodyMetrics) => number) => {
    const values = samples.map(pick);
    const m = mean(values);
    const variance = values.reduce((a, v) => a + (v - m) ** 2, 0) / Math.max(1, values.length - 1);
    return 1.96 * Math.sqrt(variance);
  };
  return {
    precision: spread((m) => m.precision),
    recall: spread((m) => m.recall),
    f1: spread((m) => m.f1),
    accuracy: spread((m) => m.accuracy),
  };
}
