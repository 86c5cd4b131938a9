/**
 * How strongly an article is about relations between the United States and China — not China
 * alone, not the US alone, not China and a third power. The evidence is the article's own
 * sentences: both sides named in the same sentence, with words of relations (talks, tariffs,
 * sanctions, visit…), in the headline and lead more than in passing further down, and neither
 * side crowded out by another country. Every number behind the verdict comes back as a reason
 * a reader can check.
 */
import { isWord, tokenize, type Token } from '../doc/tokens';
import type { DocText } from '../doc/types';

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
export const TOPIC_LEXICON: TopicLexicon = {
  us: [
    'United States',
    'U.S.',
    'US',
    'USA',
    'U.S.A.',
    'American',
    'Americans',
    'Washington',
    'White House',
    'State Department',
    'Department of State',
    'Pentagon',
    'Commerce Department',
    'Congress',
    'Biden',
    'Trump',
    'Obama',
    'Blinken',
    'Yellen',
    'Raimondo',
    'Kerry',
    'Pompeo',
    'Pelosi',
    'Esper',
    'Lloyd Austin',
    'Jake Sullivan',
    'Kamala Harris',
    'Lighthizer',
    'Mnuchin',
    'Vereinigte Staaten',
    'Vereinigten Staaten',
    'USA',
    'amerikanisch',
    'amerikanische',
    'amerikanischen',
    'Amerikaner',
    'Washingtons',
    'États-Unis',
    'Etats-Unis',
    'américain',
    'américaine',
    'américains',
    'Estados Unidos',
    'estadounidense',
    'Stati Uniti',
    'Соединённые Штаты',
    'США',
    '美国',
    '美方',
    '华盛顿',
    '拜登',
    '布林肯',
    '特朗普',
    '米国',
    '米政府',
    'アメリカ',
    'トランプ',
    '미국',
  ],
  china: [
    'China',
    'Chinese',
    'Beijing',
    'Peking',
    'Xi Jinping',
    'Xi',
    'PRC',
    "People's Republic",
    'People’s Republic',
    'Communist Party',
    'CCP',
    'CPC',
    'Wang Yi',
    'Qin Gang',
    'Li Qiang',
    'Li Keqiang',
    'Liu He',
    'He Lifeng',
    'Li Shangfu',
    'Dong Jun',
    'Zhongnanhai',
    'Chinas',
    'chinesisch',
    'chinesische',
    'chinesischen',
    'Chinesen',
    'Chine',
    'chinois',
    'chinoise',
    'chinoises',
    'Pékin',
    'Cina',
    'Китай',
    'Китая',
    'китайский',
    '中国',
    '中方',
    '北京',
    '习近平',
    '王毅',
    '秦刚',
    '中国政府',
    '習近平',
    '習氏',
    '중국',
  ],
  pair: [
    'US-China',
    'U.S.-China',
    'US–China',
    'U.S.–China',
    'China-US',
    'China-U.S.',
    'China–US',
    'China–U.S.',
    'Sino-US',
    'Sino-U.S.',
    'Sino-American',
    'US-Chinese',
    'U.S.-Chinese',
    'American-Chinese',
    'Chinese-American relations',
    'Washington and Beijing',
    'Beijing and Washington',
    'United States and China',
    'China and the United States',
    'China and the US',
    'China and the U.S.',
    'US and China',
    'U.S. and China',
    'USA und China',
    'China und den USA',
    'China und die USA',
    'chinesisch-amerikanisch',
    'chinesisch-amerikanischen',
    'amerikanisch-chinesisch',
    'amerikanisch-chinesischen',
    'sino-américain',
    'sino-américaine',
    'sino-américaines',
    'sino-américains',
    'la Chine et les États-Unis',
    'les États-Unis et la Chine',
    'Pékin et Washington',
    'Washington et Pékin',
    '中美',
    '美中',
    '米中',
    '日米中',
    '미중',
  ],
  relation: [
    'relations',
    'relationship',
    'ties',
    'talks',
    'talk',
    'meeting',
    'met',
    'meet',
    'summit',
    'visit',
    'visited',
    'visiting',
    'trip',
    'diplomacy',
    'diplomatic',
    'diplomat',
    'diplomats',
    'bilateral',
    'tensions',
    'tension',
    'rivalry',
    'competition',
    'tariff',
    'tariffs',
    'trade war',
    'trade deal',
    'trade talks',
    'trade',
    'sanctions',
    'sanction',
    'export controls',
    'negotiations',
    'negotiators',
    'negotiate',
    'agreement',
    'deal',
    'dialogue',
    'communication',
    'channels',
    'cooperation',
    'confrontation',
    'conflict',
    'dispute',
    'accused',
    'accuses',
    'warned',
    'counterpart',
    'military',
    'balloon',
    'Taiwan',
    'decoupling',
    'ambassador',
    'embassy',
    'Beziehungen',
    'Beziehung',
    'Gespräche',
    'Gespräch',
    'Treffen',
    'Besuch',
    'Zölle',
    'Handelskrieg',
    'Spannungen',
    'Außenminister',
    'relations',
    'tensions',
    'visite',
    'rencontre',
    'entretien',
    'entretiens',
    'droits de douane',
    'guerre commerciale',
    'relaciones',
    'aranceles',
    '关系',
    '会谈',
    '会见',
    '访问',
    '访华',
    '关税',
    '贸易战',
    '对话',
    '関係',
    '首脳',
    '会談',
    '関税',
    '貿易',
    '電話',
    '관계',
    '무역',
  ],
  other: [
    'European Union',
    'EU',
    'Brussels',
    'European Commission',
    'Europe',
    'Russia',
    'Russian',
    'Moscow',
    'Kremlin',
    'Putin',
    'Japan',
    'Japanese',
    'Tokyo',
    'India',
    'Indian',
    'New Delhi',
    'Britain',
    'British',
    'UK',
    'London',
    'Germany',
    'German',
    'Berlin',
    'France',
    'French',
    'Paris',
    'Australia',
    'Canberra',
    'Philippines',
    'Manila',
    'Vietnam',
    'Hanoi',
    'South Korea',
    'Seoul',
    'North Korea',
    'Pyongyang',
    'Hong Kong',
    'Ukraine',
    'Kyiv',
    'Brasil',
    'Brazil',
    'Europäische Union',
    'Brüssel',
    'Russland',
    'Union européenne',
    'Bruxelles',
    'Russie',
    '欧盟',
    '俄罗斯',
    '日本',
    '香港',
  ],
  ignore: [
    'Latin America',
    'Latin American',
    'South America',
    'South American',
    'Central America',
    'Central American',
    'North America',
    'North American',
    'Washington Post',
    'Washington State',
    'Washington state',
    'Washington Wizards',
    'Washington Capitals',
    'Washington Nationals',
    'Washington Commanders',
    'Washington Mystics',
    'Washington Spirit',
    'University of Washington',
    'George Washington',
    'American Express',
    'American Airlines',
    'Bank of America',
    'Beijing Guoan',
    'Beijing Ducks',
    'Beijing Royal Fighters',
    'China Grove',
    'South China Sea',
    'South China Morning Post',
    'East China Sea',
    'fine china',
    'Made in China',
    'Chinese New Year',
  ],
};

export interface TopicInput {
  /** The article's headline (empty when unknown). */
  headline: string;
  /** The body as the document model reads it: its tokens and sentences. */
  text: DocText;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

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

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export interface TopicOptions {
  lexicon?: TopicLexicon;
  /** Score at or above which the article counts as about US–China relations. */
  threshold?: number;
}

export const TOPIC_THRESHOLD = 0.5;

export function classifyTopic(input: TopicInput, options: TopicOptions = {}): TopicVerdict {
  const lexicon = options.lexicon ?? TOPIC_LEXICON;
  const threshold = options.threshold ?? TOPIC_THRESHOLD;
  const c = compile(lexicon);

  let sentences = 0;
  let us = 0;
  let china = 0;
  let other = 0;
  let both = 0;
  let bothWithRelation = 0;
  let leadBoth = false;
  let leadUs = false;
  let leadChina = false;
  const LEAD_PARAGRAPHS = 2;
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
    const hasBoth = counts.us > 0 && counts.china > 0;
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
  const headUs = head.us > 0 || leadUs;
  const headChina = head.china > 0 || leadChina;

  const reasons: string[] = [];
  if (sentences === 0) {
    return { relevant: false, score: 0, reasons: ['no article text'] };
  }
  const denominator = Math.max(8, sentences);
  const bothShare = both / denominator;
  const relationShare = bothWithRelation / denominator;
  const smaller = Math.min(us, china);
  const balance = smaller / Math.max(1, Math.max(us, china));
  // Another power that is named more than the US is China's counterpart here (EU–China,
  // China–Russia); more than China, the US's (US–Ukraine).
  const crowded = other >= Math.max(3, us * 1.2);

  let z = -4;
  z += headBoth ? 2.2 : head.us > 0 || head.china > 0 ? (leadBoth ? 1.2 : 0.3) : leadBoth ? 0.8 : 0;
  z += 10 * Math.min(bothShare, 0.3);
  z += 8 * Math.min(relationShare, 0.3);
  z += 0.25 * Math.min(bothWithRelation, 8);
  z += 1.2 * balance;
  if (smaller < 3) z -= 2;
  if (!headUs || !headChina) z -= 1;
  if (crowded) z -= 2.5;
  const score = Math.round(sigmoid(z) * 1000) / 1000;

  reasons.push(`${china} mentions of China and ${us} of the United States`);
  reasons.push(
    `${both} of ${sentences} sentences name both, ${bothWithRelation} of them with words of relations (talks, tariffs, visits…)`,
  );
  if (headBoth) reasons.push('the headline names both sides');
  else if (leadBoth) reasons.push('the opening paragraphs name both sides');
  else if (head.us + head.china > 0) reasons.push('the headline names one side only');
  else reasons.push('neither the headline nor the opening names both sides');
  if (smaller < 3)
    reasons.push(us < china ? 'the US is barely mentioned' : 'China is barely mentioned');
  if (crowded) reasons.push(`${other} mentions of other powers: one of them is the counterpart`);
  return { relevant: score >= threshold, score, reasons };
}

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const alternation = (terms: string[]) =>
  terms
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** One side's terms for the quick look: a plain alternation, word boundaries checked per hit. */
interface QuickSide {
  cased: RegExp | null;
  caseless: RegExp | null;
}

/**
 * Plain alternations without look-behind, so the engine can skip ahead to a term's first
 * character; a hit inside a longer word is rejected afterwards.
 */
function quickSide(terms: readonly string[]): QuickSide {
  const cased: string[] = [];
  const caseless: string[] = [];
  for (const term of new Set(terms))
    (/\p{Lu}/u.test(term) || CJK.test(term) ? cased : caseless).push(term);
  const build = (list: string[], flags: string) =>
    list.length ? new RegExp(alternation(list), flags) : null;
  return { cased: build(cased, 'g'), caseless: build(caseless, 'gi') };
}

function quickFind(side: QuickSide, text: string): boolean {
  for (const re of [side.cased, side.caseless]) {
    if (!re) continue;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const term = m[0];
      const before = text[m.index - 1];
      const after = text[m.index + term.length];
      const cjk = CJK.test(term);
      const endsInWord = WORD_CHAR.test(term[term.length - 1]!);
      if (
        cjk ||
        ((before === undefined || !WORD_CHAR.test(before)) &&
          (!endsInWord || after === undefined || !WORD_CHAR.test(after)))
      ) {
        return true;
      }
      re.lastIndex = m.index + 1;
    }
  }
  return false;
}

const quickCache = new WeakMap<
  TopicLexicon,
  { us: QuickSide; china: QuickSide; pair: QuickSide }
>();

/**
 * Whether a text names both sides at all: a US term and a China term, or a pair compound
 * ("US-China", "中美"). Every article the topic check can find relevant names both, so the gate
 * uses this on the text it reads anyway to leave other pages before the matcher index loads.
 * Phrases of the ignore list are not blanked: this check may let a page through, never hold a
 * relevant one back. A side already known to be named is not looked for again.
 */
export function namesBothSides(
  text: string,
  lexicon: TopicLexicon = TOPIC_LEXICON,
  known: { us: boolean; china: boolean } = { us: false, china: false },
): { us: boolean; china: boolean } {
  let quick = quickCache.get(lexicon);
  if (!quick) {
    quick = {
      us: quickSide(lexicon.us),
      china: quickSide(lexicon.china),
      pair: quickSide(lexicon.pair),
    };
    quickCache.set(lexicon, quick);
  }
  const china = known.china || quickFind(quick.china, text);
  const us = known.us || quickFind(quick.us, text);
  if (us && china) return { us, china };
  return quickFind(quick.pair, text) ? { us: true, china: true } : { us, china };
}
