/**
 * A verdict weighed from named features by fitted weights (a logistic model): the score is the
 * probability, and the reasons are the features that weighed most, in words a reader can check.
 * The weights come from `npm run fit` (scripts/fit.ts); nothing here is tuned by hand.
 */
export type Features = Record<string, number>;

export interface WeightsFile {
  weights: Record<string, number>;
}

export interface Weighed {
  /** 0..1. */
  score: number;
  /** Each feature's part in the verdict (weight × value), strongest first. */
  parts: { feature: string; weight: number }[];
}

export function weigh(features: Features, weights: Record<string, number>): Weighed {
  let z = weights['bias'] ?? 0;
  const parts: Weighed['parts'] = [];
  for (const [feature, value] of Object.entries(features)) {
    const w = (weights[feature] ?? 0) * value;
    if (w === 0) continue;
    z += w;
    parts.push({ feature, weight: w });
  }
  parts.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return { score: Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000, parts };
}

/**
 * The reasons for a verdict: the features that pushed towards it, strongest first, then the
 * strongest one against it, each described by `describe`.
 */
export function reasonsOf(
  weighed: Weighed,
  positive: boolean,
  describe: (feature: string) => string | null,
  count = 4,
): string[] {
  const toward = weighed.parts.filter((p) => p.weight > 0 === positive);
  const against = weighed.parts.filter((p) => p.weight > 0 !== positive);
  const out: string[] = [];
  for (const p of toward) {
    const text = describe(p.feature);
    if (text && !out.includes(text)) out.push(text);
    if (out.length >= count) break;
  }
  const first = against.map((p) => describe(p.feature)).find((t) => t !== null);
  if (first) out.push(`but ${first}`);
  return out;
}
