/**
 * How strongly an article is about relations between the United States and China — not China
 * alone, not the US alone, not China and a third power. The evidence is the article's own
 * sentences: both sides named in the same sentence, with words of relations (talks, tariffs,
 * sanctions, visit…), in the headline and lead more than in passing further down, and neither
 * side crowded out by another country. Every number behind the verdict comes back as a reason
 * a reader can check.
 */
import type { TopicVerdict } from '../annotate/types';

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
  /** Body paragraphs in order. */
  paragraphs: readonly string[];
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;

function escape(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const alternation = (terms: string[]) =>
  terms
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');

/**
 * A term list as alternations without look-behind, so the engine can skip ahead to a term's
 * first character; whether a hit starts a word is checked afterwards (a look-behind in the
 * expression made it try every position of the text). The look-ahead stays: it lets a shorter
 * term match where a longer one runs on into a word ("trade" in "trade warfare").
 */
interface TermList {
  /** CJK terms, which match anywhere. */
  cjk: RegExp | null;
  /** Latin terms ending in a letter or digit: whole words. */
  word: RegExp[];
  /** Latin terms ending otherwise ("U.S."): a word start is enough. */
  dotted: RegExp[];
}

function compileList(terms: readonly string[]): TermList {
  const cjk: string[] = [];
  const lists = {
    word: { cased: [] as string[], caseless: [] as string[] },
    dotted: { cased: [] as string[], caseless: [] as string[] },
  };
  for (const term of new Set(terms)) {
    if (CJK.test(term)) {
      cjk.push(term);
      continue;
    }
    const shape = /[\p{L}\p{N}]$/u.test(term) ? lists.word : lists.dotted;
    (/\p{Lu}/u.test(term) ? shape.cased : shape.caseless).push(term);
  }
  const after = '(?![\\p{L}\\p{N}])';
  const build = (
    { cased, caseless }: { cased: string[]; caseless: string[] },
    end: string,
  ): RegExp[] => [
    ...(cased.length ? [new RegExp(`(?:${alternation(cased)})${end}`, 'gu')] : []),
    ...(caseless.length ? [new RegExp(`(?:${alternation(caseless)})${end}`, 'giu')] : []),
  ];
  return {
    cjk: cjk.length ? new RegExp(alternation(cjk), 'gu') : null,
    word: build(lists.word, after),
    dotted: build(lists.dotted, ''),
  };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);

/** Calls `hit` with the start and end of every whole-word match of the list in `text`. */
function eachHit(list: TermList, text: string, hit: (start: number, end: number) => void): void {
  if (list.cjk) {
    list.cjk.lastIndex = 0;
    for (let m = list.cjk.exec(text); m; m = list.cjk.exec(text))
      hit(m.index, m.index + m[0].length);
  }
  for (const re of [...list.word, ...list.dotted]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (!isWordChar(text[m.index - 1])) hit(m.index, m.index + m[0].length);
      // Inside a word ("Trump" in "antiTrump"): a term may still start just after.
      else re.lastIndex = m.index + 1;
    }
  }
}

/** Regular expressions per word list, built once per lexicon. */
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
      ignore: compileList(lexicon.ignore),
      us: compileList(lexicon.us),
      china: compileList(lexicon.china),
      pair: compileList(lexicon.pair),
      relation: compileList(lexicon.relation),
      other: compileList(lexicon.other),
    };
    compiledCache.set(lexicon, compiled);
  }
  return compiled;
}

function count(list: TermList, text: string): number {
  let n = 0;
  eachHit(list, text, () => n++);
  return n;
}

/** The text with every hit of the list blanked out, so no other list counts those words. */
function blank(list: TermList, text: string): string {
  let out = '';
  let from = 0;
  const hits: [number, number][] = [];
  eachHit(list, text, (start, end) => hits.push([start, end]));
  if (hits.length === 0) return text;
  hits.sort((a, b) => a[0] - b[0]);
  for (const [start, end] of hits) {
    if (start < from) continue;
    out += `${text.slice(from, start)} `;
    from = end;
  }
  return out + text.slice(from);
}

/** Sentences of a paragraph; CJK full stops end sentences without a following space. */
export function sentencesOf(paragraph: string): string[] {
  return paragraph
    .split(/(?<=[.!?…]["'’”»)]?)\s+(?=["'‘“«(]?\p{Lu})|(?<=[。！？])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

interface SentenceCounts {
  us: number;
  china: number;
  pair: number;
  relation: number;
  other: number;
}

function countSentence(c: Compiled, raw: string): SentenceCounts {
  const sentence = blank(c.ignore, raw);
  const pair = count(c.pair, sentence);
  // A pair compound names both sides once; the side lists must not count it again.
  const rest = pair > 0 ? blank(c.pair, sentence) : sentence;
  return {
    us: count(c.us, rest) + pair,
    china: count(c.china, rest) + pair,
    pair,
    relation: count(c.relation, rest),
    other: count(c.other, rest),
  };
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
  input.paragraphs.forEach((paragraph, index) => {
    for (const sentence of sentencesOf(paragraph)) {
      sentences++;
      const s = countSentence(c, sentence);
      us += s.us;
      china += s.china;
      other += s.other;
      const hasBoth = s.us > 0 && s.china > 0;
      if (hasBoth) {
        both++;
        if (s.relation > 0 || s.pair > 0) bothWithRelation++;
      }
      if (index < LEAD_PARAGRAPHS) {
        leadBoth ||= hasBoth;
        leadUs ||= s.us > 0;
        leadChina ||= s.china > 0;
      }
    }
  });
  const head = countSentence(c, input.headline);
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
