/**
 * Speaker attribution as a choice among candidates: for each quotation in text order, every
 * candidate (candidates.ts) is scored by the fitted weights (weights.json, made by
 * `npm run fit`), and the best one wins. The previous quotation's speaker is itself a
 * candidate, so a quotation continued in the next paragraph keeps its speaker.
 * A speaker is always an entity of the document model, reported by the fullest name the page
 * gives (or the knowledge base's canonical name): never a place, never a word that is no name.
 */
import { fold, tokenAt } from '../doc/tokens';
import type { Doc } from '../doc/types';
import { candidatesFor, quoteContexts, type Candidate, type History } from './candidates';
// Only the weights: the file's digests of the fitted examples stay out of the bundle.
import { weights as fittedWeights } from './weights.json';
import { runSteps } from '../steps';

/** A quotation's speaker as the page's findings report it. */
export interface Speaker {
  /** Canonical name when the KB knows the speaker, else the fullest name the page gives. */
  name: string;
  /** Knowledge-base entity id, when the KB knows the speaker. */
  entityId: string | null;
  /** How it was found: "X said", "said X", "according to X", a title, a pronoun… */
  via: string;
}

export interface Weights {
  [feature: string]: number;
}

export interface Attribution {
  /** Index into doc.entities of the speaker, or -1. */
  entity: number;
  /** The mention that names the speaker near the quotation, or -1 (a continued speaker). */
  mention: number;
  /** Probability of the chosen candidate among all of the quotation's candidates. */
  confidence: number;
  /** How the speaker was found: the chosen candidate's strongest cue, for people reading. */
  via: string;
  /**
   * For a quotation whose speaker the page leaves unnamed: the description it gives ("a senior
   * official"), else null.
   */
  unnamed: string | null;
}

export const WEIGHTS: Weights = fittedWeights as Weights;

export function score(features: Record<string, number>, weights: Weights): number {
  let s = 0;
  for (const key in features) s += (weights[key] ?? 0) * features[key]!;
  return s;
}

/** Softmax probabilities of the candidates' scores. */
export function probabilities(candidates: readonly Candidate[], weights: Weights): number[] {
  const scores = candidates.map((c) => score(c.features, weights));
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp(s - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

const VIA_ORDER: [string, string][] = [
  ['cue.tailSaid', 'X said'],
  ['cue.tailSaidX', 'said X'],
  ['cue.leadSaid', 'X said'],
  ['cue.leadSaidX', 'said X'],
  ['cue.nameColon', 'X:'],
  ['cue.according', 'according to X'],
  ['cue.signature', '— X'],
  ['cue.signatureLine', '— X'],
  ['cue.introColon', 'introduced before'],
  ['cue.saysBefore', 'sentence before'],
  ['form.pronoun', 'pronoun'],
  ['form.title', 'title'],
];

function viaOf(c: Candidate): string {
  if (c.type === 'previous') return 'previous quote';
  for (const [feature, via] of VIA_ORDER) if (c.features[feature]) return via;
  return 'nearby';
}

/**
 * Every quotation's speaker. `visit` sees each quotation's candidates and the history they were
 * scored in (the fitting script uses it to collect training data with the labels' own history).
 */
export function attributeQuotes(
  doc: Doc,
  weights: Weights = WEIGHTS,
  visit?: (quote: number, candidates: Candidate[], history: History) => number | null | undefined,
): Attribution[] {
  return runSteps(attributeSteps(doc, weights, visit));
}

/** Quotations attributed between two pauses of `attributeSteps`. */
const QUOTES_PER_STEP = 25;

/**
 * `attributeQuotes` as steps: each `yield` is a point where the content script may give the
 * page's thread back, every few quotations of a long article.
 */
export function* attributeSteps(
  doc: Doc,
  weights: Weights = WEIGHTS,
  visit?: (quote: number, candidates: Candidate[], history: History) => number | null | undefined,
): Generator<void, Attribution[], void> {
  const contexts = quoteContexts(doc);
  const result: Attribution[] = [];
  const history: History = {
    previousEntity: -1,
    previous: null,
    speakers: new Set(),
    recent: [],
  };
  for (const [q, ctx] of contexts.entries()) {
    if (q > 0 && q % QUOTES_PER_STEP === 0) yield;
    if (ctx.quote.kind === 'title') {
      result.push({ entity: -1, mention: -1, confidence: 1, via: 'title', unnamed: null });
      continue;
    }
    const candidates = candidatesFor(doc, ctx, history);
    const probs = probabilities(candidates, weights);
    let best = 0;
    for (let i = 1; i < candidates.length; i++) if (probs[i]! > probs[best]!) best = i;
    const override = visit?.(q, candidates, history);
    const chosen = candidates[best]!;
    const entity = chosen.entity;
    const mention = chosen.type === 'mention' ? doc.mentions[chosen.mention]! : null;
    const unnamed =
      chosen.type === 'mention' && entity < 0 && mention?.form === 'title' ? mention.text : null;
    result.push({
      entity,
      mention: chosen.mention,
      confidence: Math.round(probs[best]! * 1000) / 1000,
      via: viaOf(chosen),
      unnamed,
    });
    // A quotation nobody said (a term, a title of a work) does not interrupt who is speaking.
    // `visit` may name the speaker instead (a number, -1 for an unnamed one) or say that nobody
    // said it (null).
    if (override === null) continue;
    const speaker = typeof override === 'number' ? override : entity;
    if (chosen.type !== 'none' || typeof override === 'number') {
      history.previousEntity = speaker;
      history.previous = ctx;
      if (speaker >= 0) {
        history.speakers.add(speaker);
        history.recent = [speaker, ...history.recent.filter((e) => e !== speaker)].slice(0, 4);
      }
    }
  }
  headingRepeats(doc, result);
  return result;
}

/** Folded words of a quotation, to find its repeats. */
const wordsOf = (text: string) =>
  fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/**
 * A heading or pull-quote line that repeats words the article quotes and attributes ("Bill
 * Gates “the first American friend”" over the paragraph where Xi said it) gets that speaker:
 * the line names its subject, not who spoke.
 */
function headingRepeats(doc: Doc, result: Attribution[]): void {
  const texts = doc.quotes.map((q) => wordsOf(q.text));
  doc.quotes.forEach((q, i) => {
    const p =
      doc.paragraphs[
        doc.sentences[
          doc.sentenceOfToken[Math.min(doc.tokens.length - 1, tokenAt(doc.tokens, q.start))]!
        ]?.paragraph ?? -1
      ];
    if (!p || p.to - p.from > 16 || /[.!?]["'\u2019\u201d]?\s*$/.test(doc.text.slice(q.end, p.end)))
      return;
    if (texts[i]!.length < 8) return;
    for (let j = 0; j < doc.quotes.length; j++) {
      if (j === i || result[j]!.entity < 0 || !texts[j]!.includes(texts[i]!)) continue;
      const mine = doc.paragraphs.indexOf(p);
      const theirs =
        doc.sentences[doc.sentenceOfToken[tokenAt(doc.tokens, doc.quotes[j]!.start)]!]?.paragraph;
      if (theirs === mine) continue;
      result[i] = { ...result[j]!, mention: -1, via: 'repeated quote' };
      return;
    }
  });
}

/** The speaker an attribution names, or null (nobody, an unnamed source, or no name at all). */
export function speakerOf(doc: Doc, a: Attribution): Speaker | null {
  if (a.entity < 0) return null;
  const entity = doc.entities[a.entity];
  if (!entity || entity.kind === 'place') return null;
  return { name: entity.name, entityId: entity.kb, via: a.via };
}
