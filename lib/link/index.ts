/**
 * Corpus links: which of the knowledge base's statements a page's quotation reports, across
 * wordings and translations. Each candidate statement's evidence (lib/link/evidence.ts) is
 * weighed by weights fitted on labeled links (weights.json, `npm run fit`), against the choice
 * of no statement at all; the link's confidence is the probability of the statement chosen, and
 * the evidence travels with it so that the card can show what the link rests on.
 */
import type { Doc } from '../doc/types';
import type { MatcherIndex } from '../match/matcher';
import { candidatesFor, sharedWords, type QuoteOnPage } from './evidence';
// Only the weights and threshold: the file's digests of the fitted examples stay out of the
// bundle.
import { threshold as fittedThreshold, weights as fittedWeights } from './weights.json';

export type { QuoteOnPage } from './evidence';

/** A page quotation's link to the KB statement it reports. */
export interface CorpusLink {
  id: string;
  /** The corpus wording closest to this page's wording. */
  text: string;
  sources: string[];
  /** 0..1: the probability, under the fitted weights, that the quotation is this statement. */
  confidence: number;
  evidence: LinkEvidence;
}

/** What a link rests on, as the card shows it. */
export interface LinkEvidence {
  /** The page's speaker against the statement's: the same, another, or no one named. */
  speaker: 'same' | 'other' | 'unnamed' | 'unknown';
  /** The statement's date. */
  date: string;
  /** When the page appeared after the statement: within a week, weeks, later; unknown. */
  published: 'days' | 'weeks' | 'later' | 'unknown';
  /** The quotation's paragraph names an event of the statement's day. */
  event: boolean;
  /** The statement's words the quotation shares, as the closest wording writes them. */
  shared: string[];
}

/** Below this confidence the card says "probably the same statement". */
export const SURE_LINK = 0.8;
/** The most a link of an unbacked fragment of a few words is given: just under SURE_LINK. */
const UNBACKED_FRAGMENT_CONFIDENCE = 0.79;

export type Weights = Record<string, number>;

/** The fitted weights, and the confidence below which a link is not shown at all. */
export interface LinkModel {
  weights: Weights;
  /**
   * Chosen by `npm run fit` on held-out folds of the fit data: the lowest confidence at which
   * the links made are right often enough (weights.json tells the precision aimed at).
   */
  threshold: number;
}

export const LINK_MODEL: LinkModel = {
  weights: fittedWeights as Weights,
  threshold: fittedThreshold,
};

export function score(features: Record<string, number>, weights: Weights): number {
  let z = 0;
  for (const [f, v] of Object.entries(features)) z += (weights[f] ?? 0) * v;
  return z;
}

/** The features of "no statement": the bias the fitted weights give against linking. */
export const NONE_FEATURES = { none: 1 };

export function linkQuote(
  doc: Doc,
  quote: QuoteOnPage,
  index: MatcherIndex,
  published: string | null,
  model: LinkModel = LINK_MODEL,
): CorpusLink | null {
  const { weights, threshold } = model;
  const candidates = candidatesFor(doc, quote, index, published);
  if (candidates.length === 0) return null;
  const scores = candidates.map((c) => score(c.features, weights));
  const none = score(NONE_FEATURES, weights);
  const top = Math.max(none, ...scores);
  const best = scores.indexOf(top);
  if (best < 0) return null;
  let total = Math.exp(none - top);
  for (const s of scores) total += Math.exp(s - top);
  const fitted = Math.round((1 / total) * 100) / 100;
  if (fitted < threshold) return null;
  const chosen = candidates[best]!;
  // A fragment of a few words that neither the speaker, the occasion nor the date backs is
  // common property: however well its words match, the card says no more than "probably".
  const confidence = chosen.features['few.unbacked']
    ? Math.min(fitted, UNBACKED_FRAGMENT_CONFIDENCE)
    : fitted;
  const statement = index.quotes[chosen.statement]!;
  const f = chosen.features;
  return {
    id: statement.id,
    text: index.variants[chosen.variant]!.text,
    sources: statement.sources,
    confidence,
    evidence: {
      speaker: f['speaker.same']
        ? 'same'
        : f['speaker.other']
          ? 'other'
          : f['speaker.bothUnnamed']
            ? 'unnamed'
            : 'unknown',
      date: statement.date,
      published: f['page.days']
        ? 'days'
        : f['page.weeks']
          ? 'weeks'
          : f['page.later']
            ? 'later'
            : 'unknown',
      event: f['event.paragraph'] === 1,
      shared: sharedWords(index, chosen.variant, quote.text, quote.tokens),
    },
  };
}
