/**
 * How strongly an article is about relations between the United States and China — not China
 * alone, not the US alone, not China and a third power, not a story of another subject that
 * names both. The evidence is the article's own sentences: both sides named in the same
 * sentence, with words of relations (talks, tariffs, sanctions, visit…), in the headline and lead
 * more than in passing; the knowledge base's people, events and ideas of the relationship; and
 * against it, another power crowding one side out, or the words of another subject (sport,
 * markets, film, science, travel, food, gadgets). The features are weighed by weights fitted on
 * labeled pages (topic-weights.json, `npm run fit`); the reasons say what weighed most.
 */
import { isWord, tokenize, type Token } from '../doc/tokens';
import type { DocText, EntityMention } from '../doc/types';
import { reasonsOf, weigh, type Features, type WeightsFile } from './logistic';
import { CJK } from './sides';
import topicLexicon from './topic-lexicon.json';
import { weights as topicWeights } from './topic-weights.json';

export interface TopicVerdict {
  relevant: boolean;
  /** 0..1: how strongly the article is about US–China relations. */
  score: number;
  /** Sentences a person can read, e.g. "12 mentions of China and 9 of the United States". */
  reasons: string[];
}

/**
 * The words the topic check counts. Plain data, so it ships inside the matcher index (a type
 * alias, not an interface, so it fits the index's open `topic` record).
 */
export type TopicLexicon = {
  /** Names of the US side: the country, its capital and institutions, its officials. */
  us: string[];
  /** Names of the Chinese side. */
  china: string[];
  /** Compounds that name the pair itself ("US-China", "Sino-American", "中美"). */
  pair: string[];
  /** Words of relations between states: talks, tariffs, sanctions, summit, visit… */
  relation: string[];
  /** Other powers: when one of them, not the US, is China's counterpart, the topic is not ours. */
  other: string[];
  /** Phrases that contain a side's name without naming the side ("Latin America", "Washington Post"). */
  ignore: string[];
  /** Words of subjects other than relations between states (sport, markets, film…), by subject. */
  domains?: Record<string, string[]>;
};

const LEXICON_FIELDS = ['us', 'china', 'pair', 'relation', 'other', 'ignore'] as const;

/** The lexicon in a matcher index, checked; null when the index carries none or a broken one. */
export function asTopicLexicon(value: unknown): TopicLexicon | null {
  if (value === null || typeof value !== 'object') return null;
  const record = value as Record<string, unknown>;
  for (const field of LEXICON_FIELDS) {
    const list = record[field];
    if (!Array.isArray(list) || !list.every((t) => typeof t === 'string' && t.length > 0)) {
      return null;
    }
  }
  return record as TopicLexicon;
}

/**
 * Terms with a capital letter match case-sensitively ("US" is not "us"); all-lowercase terms match
 * in any case. Latin terms match whole words; CJK terms match anywhere.
 */
export const TOPIC_LEXICON: TopicLexicon = topicLexicon as TopicLexicon;

export interface TopicInput {
  /** The article's headline (empty when unknown). */
  headline: string;
  /** The body as the document model reads it: its tokens and sentences. */
  text: DocText;
  /** The knowledge base's entities named in the body, with each one's type. */
  kb?: { mentions: readonly EntityMention[]; typeOf: (id: string) => string | undefined };
}

/** How a term's case must show on the page: "US" in capitals, "China" capitalised, "talks" any. */
type CaseRule = 'upper' | 'cap' | 'any';

interface Term {
  keys: string[];
  rule: CaseRule;
}

/**
 * A term list over token keys (the text's one tokenization), longest term first at each word.
 * Terms with a capital letter keep their case ("US" is not "us"); all-lowercase terms match in
 * any case; CJK terms are runs of characters.
 */
class TermList {
  private readonly byFirst = new Map<string, Term[]>();

  constructor(terms: readonly string[]) {
    for (const term of new Set(terms)) {
      const keys = tokenize(term)
        .filter(isWord)
        .map((t) => t.key);
      if (keys.length === 0) continue;
      const letters = term.replace(/[^\p{L}]/gu, '');
      const rule: CaseRule = CJK.test(term)
        ? 'any'
        : letters.length >= 2 && !/\p{Ll}/u.test(letters)
          ? 'upper'
          : /\p{Lu}/u.test(term)
            ? 'cap'
            : 'any';
      const list = this.byFirst.get(keys[0]!) ?? [];
      list.push({ keys, rule });
      list.sort((a, b) => b.keys.length - a.keys.length);
      this.byFirst.set(keys[0]!, list);
    }
  }

  /** Tokens covered by the longest term at `words[i]`, or 0. */
  matchAt(words: readonly Token[], i: number, end: number): number {
    const list = this.byFirst.get(words[i]!.key);
    if (!list) return 0;
    for (const term of list) {
      const n = term.keys.length;
      if (i + n > end) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const t = words[i + k]!;
        if (t.key !== term.keys[k]) ok = false;
        else if (term.rule === 'upper' && !t.upper) ok = false;
        else if (term.rule === 'cap' && k === 0 && !t.cap && !t.upper) ok = false;
      }
      if (ok) return n;
    }
    return 0;
  }
}

/** Term lists per lexicon, built once. */
interface Compiled {
  ignore: TermList;
  us: TermList;
  china: TermList;
  pair: TermList;
  relation: TermList;
  other: TermList;
  domains: [string, TermList][];
}

const compiledCache = new WeakMap<TopicLexicon, Compiled>();

function compile(lexicon: TopicLexicon): Compiled {
  let compiled = compiledCache.get(lexicon);
  if (!compiled) {
    compiled = {
      ignore: new TermList(lexicon.ignore),
      us: new TermList(lexicon.us),
      china: new TermList(lexicon.china),
      pair: new TermList(lexicon.pair),
      relation: new TermList(lexicon.relation),
      other: new TermList(lexicon.other),
      domains: Object.entries(lexicon.domains ?? {}).map(([name, terms]) => [
        name,
        new TermList(terms),
      ]),
    };
    compiledCache.set(lexicon, compiled);
  }
  return compiled;
}

interface SentenceCounts {
  us: number;
  china: number;
  pair: number;
  relation: number;
  other: number;
}

/**
 * Terms of one sentence (words[from, to)), each word counted once: an ignored phrase ("Latin
 * America") first, then a pair compound (which names both sides), then the single lists.
 */
function countWords(
  c: Compiled,
  words: readonly Token[],
  from: number,
  to: number,
): SentenceCounts {
  const n: SentenceCounts = { us: 0, china: 0, pair: 0, relation: 0, other: 0 };
  for (let i = from; i < to;) {
    const ignored = c.ignore.matchAt(words, i, to);
    if (ignored) {
      i += ignored;
      continue;
    }
    const pair = c.pair.matchAt(words, i, to);
    if (pair) {
      n.pair++;
      n.us++;
      n.china++;
      i += pair;
      continue;
    }
    let step = 1;
    for (const side of ['us', 'china', 'relation', 'other'] as const) {
      const m = c[side].matchAt(words, i, to);
      if (m) {
        n[side]++;
        step = m;
        break;
      }
    }
    i += step;
  }
  return n;
}

export interface TopicOptions {
  lexicon?: TopicLexicon;
  weights?: Record<string, number>;
}

/** The counts behind the topic features, which the reasons quote. */
interface TopicFacts {
  sentences: number;
  us: number;
  china: number;
  both: number;
  bothWithRelation: number;
  other: number;
  headBoth: boolean;
  leadBoth: boolean;
  domain: string | null;
}

/** Lead paragraphs: naming both sides there says more than further down. */
const LEAD_PARAGRAPHS = 2;

/** The features the topic verdict is weighed from, and the counts behind them. */
export function topicFeatures(
  input: TopicInput,
  lexicon: TopicLexicon = TOPIC_LEXICON,
): { features: Features; facts: TopicFacts } {
  const c = compile(lexicon);
  let sentences = 0;
  let us = 0;
  let china = 0;
  let other = 0;
  let pairs = 0;
  let relations = 0;
  let sidedRelations = 0;
  let both = 0;
  let bothWithRelation = 0;
  // Sentences where China's counterpart is another power and not the US.
  let otherPairs = 0;
  let leadBoth = false;
  let leadUs = false;
  let leadChina = false;
  const { words, sentences: all } = input.text;
  // Word-token ranges per sentence: the sentences are spans of the text's tokens.
  let w = 0;
  for (const s of all) {
    while (w < words.length && words[w]!.start < s.start) w++;
    let end = w;
    while (end < words.length && words[end]!.start < s.end) end++;
    sentences++;
    const counts = countWords(c, words, w, end);
    w = end;
    us += counts.us;
    china += counts.china;
    other += counts.other;
    pairs += counts.pair;
    relations += counts.relation;
    // Words of relations count where a side is named: "talks" and "deal" are in every story.
    if (counts.us > 0 || counts.china > 0) sidedRelations += counts.relation;
    const hasBoth = counts.us > 0 && counts.china > 0;
    if (counts.china > 0 && counts.other > 0 && counts.us === 0) otherPairs++;
    if (hasBoth) {
      both++;
      if (counts.relation > 0 || counts.pair > 0) bothWithRelation++;
    }
    if (s.paragraph < LEAD_PARAGRAPHS) {
      leadBoth ||= hasBoth;
      leadUs ||= counts.us > 0;
      leadChina ||= counts.china > 0;
    }
  }
  const headWords = tokenize(input.headline).filter(isWord);
  const head = countWords(c, headWords, 0, headWords.length);
  const headBoth = head.us > 0 && head.china > 0;
  const f: Features = {};
  const n = Math.max(8, sentences);
  const perWords = (k: number, cap: number) =>
    Math.min(cap, (100 * k) / Math.max(100, words.length));
  f['both.share'] = Math.min(0.5, both / n) * 2;
  f['both.relations'] = Math.min(0.5, bothWithRelation / n) * 2;
  f['both.count'] = Math.log1p(bothWithRelation) / 2;
  f['sides.smaller'] = Math.log1p(Math.min(us, china)) / 3;
  f['sides.balance'] = Math.min(us, china) / Math.max(1, Math.max(us, china));
  if (Math.min(us, china) < 3) f['sides.barely'] = 1;
  f['pairs'] = Math.log1p(pairs) / 2;
  // Evidence of relations counts as far as both sides are there: talks, tariffs and the people
  // who hold them are every country's, and a side named once is a side barely in the story.
  const presence = Math.min(1, Math.min(us + head.us, china + head.china) / 3);
  f['relations'] = (perWords(sidedRelations, 3) / 2) * presence;
  f['relations.elsewhere'] = perWords(relations - sidedRelations, 3) / 2;
  if (headBoth) f['head.both'] = 1;
  else if (head.us > 0 || head.china > 0) f['head.one'] = 1;
  if (head.relation > 0 || head.pair > 0) f['head.relation'] = presence;
  if (leadBoth) f['lead.both'] = 1;
  if (!(head.us > 0 || leadUs) || !(head.china > 0 || leadChina)) f['lead.oneSide'] = 1;
  f['other.crowding'] = Math.min(2, other / Math.max(3, us));
  f['other.pairing'] = otherPairs / (otherPairs + both + 1);
  if (input.kb) {
    let ideas = 0;
    let people = 0;
    for (const m of input.kb.mentions) {
      const type = input.kb.typeOf(m.entityId);
      if (type === 'event' || type === 'concept') ideas++;
      else if (type === 'person') people++;
    }
    f['kb.ideas'] = perWords(ideas, 2) * presence;
    f['kb.people'] = (perWords(people, 3) / 2) * presence;
  }
  // Words of another subject, counted outside the sentences that name both sides' relations.
  let domain: string | null = null;
  let most = 0;
  for (const [name, list] of c.domains) {
    let k = 0;
    for (let i = 0; i < words.length;) {
      const m = list.matchAt(words, i, words.length);
      if (m > 0) {
        k++;
        i += m;
      } else i++;
    }
    const density = perWords(k, 5);
    if (density > 0) f[`domain.${name}`] = density / 2;
    if (density > most) {
      most = density;
      domain = name;
    }
  }
  if (sentences < 8) f['short'] = 1;
  return {
    features: f,
    facts: {
      sentences,
      us: us + head.us,
      china: china + head.china,
      both,
      bothWithRelation,
      other,
      headBoth,
      leadBoth,
      domain: most >= 1 ? domain : null,
    },
  };
}

function describe(feature: string, facts: TopicFacts): string | null {
  if (feature.startsWith('domain.')) return `words of ${feature.slice(7)} more than of relations`;
  switch (feature) {
    case 'both.share':
    case 'both.relations':
    case 'both.count':
      return `${facts.both} of ${facts.sentences} sentences name both sides, ${facts.bothWithRelation} of them with words of relations (talks, tariffs, visits…)`;
    case 'sides.smaller':
    case 'sides.balance':
      return `${facts.china} mentions of China and ${facts.us} of the United States`;
    case 'sides.barely':
      return facts.us < facts.china ? 'the US is barely mentioned' : 'China is barely mentioned';
    case 'pairs':
      return 'the pair named as one ("US-China", "Sino-American")';
    case 'relations':
      return 'words of relations between states where a side is named';
    case 'relations.elsewhere':
      return 'words of relations away from either side';
    case 'head.both':
      return 'the headline names both sides';
    case 'head.one':
      return 'the headline names one side only';
    case 'head.relation':
      return 'the headline speaks of relations';
    case 'lead.both':
      return 'the opening paragraphs name both sides';
    case 'lead.oneSide':
      return 'neither the headline nor the opening names both sides';
    case 'other.crowding':
      return `${facts.other} mentions of other powers`;
    case 'other.pairing':
      return 'China is paired with another power more than with the US';
    case 'kb.ideas':
      return 'events and ideas of the relationship (the knowledge base)';
    case 'kb.people':
      return 'people of the relationship (the knowledge base)';
    case 'short':
      return `only ${facts.sentences} sentences`;
    default:
      return null;
  }
}

export function classifyTopic(
  input: TopicInput,
  options: TopicOptions = {},
): TopicVerdict & { features: Features } {
  if (input.text.sentences.length === 0) {
    return { relevant: false, score: 0, reasons: ['no article text'], features: {} };
  }
  const { features, facts } = topicFeatures(input, options.lexicon ?? TOPIC_LEXICON);
  // Relations have two sides: a story that never names one of them is not about them, whatever
  // else it holds.
  if (facts.us === 0 || facts.china === 0) {
    const named = facts.us > 0 ? 'the United States' : facts.china > 0 ? 'China' : null;
    return {
      relevant: false,
      score: 0,
      reasons: [
        `${facts.china} mentions of China and ${facts.us} of the United States`,
        named ? `only ${named} is named` : 'neither side is named',
      ],
      features,
    };
  }
  const weighed = weigh(features, options.weights ?? TOPIC_WEIGHTS);
  const relevant = weighed.score >= 0.5;
  const reasons = [
    `${facts.china} mentions of China and ${facts.us} of the United States`,
    ...reasonsOf(weighed, relevant, (f) => describe(f, facts)),
  ];
  return { relevant, score: weighed.score, reasons: [...new Set(reasons)], features };
}

const TOPIC_WEIGHTS: WeightsFile['weights'] = topicWeights;
