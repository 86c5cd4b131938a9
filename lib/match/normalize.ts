/**
 * Text normalization shared by alias matching and quote linking: accent and case folding,
 * word tokens with offsets into the original string (so spans stay exact), content-word stems.
 */

/** Accents, case, typographic apostrophes and dashes folded; dots of "U.S." dropped. */
export function fold(word: string): string {
  // Most words are plain ASCII: skip Unicode normalization for them.
  if (!/[^ -~]/.test(word)) return word.toLowerCase();
  return word
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc\u2032]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .toLowerCase();
}

export interface WordToken {
  start: number;
  /** End of the word without a possessive "'s" ("Blinken" in "Blinken’s"). */
  end: number;
  /** End including the possessive, where the next gap starts. */
  outer: number;
  /** Folded form: "blinken", "us" for "U.S.". */
  key: string;
  /** No lower-case letter in the original ("US", "CCTV", "BLINKEN"). */
  upper: boolean;
  /** Starts with an upper-case letter. */
  cap: boolean;
}

const WORD = /(?:\p{L}\.){2,}|[\p{L}\p{N}\p{M}]+(?:['’][sS](?![\p{L}\p{N}]))?/gu;

/** Whether a string is all printable ASCII: most words are, and need no Unicode checks. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
  }
  return true;
}

/** Word tokens of `text` in order; one regex pass, offsets into `text` itself. */
export function wordTokens(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m; m = WORD.exec(text)) {
    const raw = m[0];
    const ascii = isAscii(raw);
    if (!ascii && CJK.test(raw)) {
      // Chinese and Japanese write no spaces: every character is a word, so "习近平" matches
      // inside "国家主席习近平在…" as three words in a row.
      pushCjk(tokens, raw, m.index);
      continue;
    }
    const last = raw.charCodeAt(raw.length - 1);
    const apostrophe = raw.charCodeAt(raw.length - 2);
    const possessive =
      raw.length > 2 &&
      (last === 115 || last === 83) &&
      (apostrophe === 39 || apostrophe === 0x2019)
        ? 2
        : 0;
    const word = possessive ? raw.slice(0, -2) : raw;
    if (ascii) {
      // The same answers as below, without Unicode property lookups: "U.S." → "us".
      const lower = word.toLowerCase();
      const first = word.charCodeAt(0);
      tokens.push({
        start: m.index,
        end: m.index + word.length,
        outer: m.index + raw.length,
        key: lower.includes('.') ? lower.replace(/\./g, '') : lower,
        upper: word === word.toUpperCase(),
        cap: first >= 65 && first <= 90,
      });
      continue;
    }
    tokens.push({
      start: m.index,
      end: m.index + word.length,
      outer: m.index + raw.length,
      key: fold(word).replace(/\./g, ''),
      upper: !/\p{Ll}/u.test(word),
      cap: /^\p{Lu}/u.test(word),
    });
  }
  return tokens;
}

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Tokens of a run that mixes CJK characters with other letters: one per CJK character. */
function pushCjk(tokens: WordToken[], raw: string, at: number): void {
  let i = 0;
  while (i < raw.length) {
    const c = raw[i]!;
    let j = i + 1;
    if (!CJK.test(c)) while (j < raw.length && !CJK.test(raw[j]!)) j++;
    const word = raw.slice(i, j);
    tokens.push({
      start: at + i,
      end: at + j,
      outer: at + j,
      key: fold(word),
      upper: !/\p{Ll}/u.test(word),
      cap: /^\p{Lu}/u.test(word),
    });
    i = j;
  }
}

/** Alias key: folded tokens joined by one space ("Blinken’s" → "blinken", "U.S." → "us"). */
export function aliasKey(text: string): string {
  return wordTokens(text)
    .map((t) => t.key)
    .join(' ');
}

const STOPWORDS = new Set(
  `a an the and or but nor of to in on at by for with from as into onto about over under than
  then that this these those there here it its it's their they them he she his her him we us our
  you your i me my is are was were be been being am do does did done has have had having will
  would shall should can could may might must not no so such very too also just only more most
  much many some any all both each every which who whom whose what when where why how if while
  since until after before again further once own same other another up down out off between
  through during against among per via mr mrs ms dr said says say told tell according
  der die das den dem des ein eine einen einem und oder ist sind war wir ich sie er es zu mit von
  auf fur nicht sich im am an aber dass auch noch nur sehr haben hat
  le la les des du de et est un une au aux en dans pour que qui ne pas se sur par ce cette ces
  son sa ses leur leurs nous vous il elle ils elles on sont avec tres plus davantage`.split(/\s+/),
);

/** Words that nearly every article on the topic uses; they count, but little. */
const COMMON = new Set(
  'china chinese us american united state states relation country countries beijing washington two side sides'.split(
    ' ',
  ),
);

/** Wordings that translations of one statement swap for each other. */
const SYNONYMS: Record<string, string> = {
  ties: 'relations',
  relationship: 'relations',
  relationships: 'relations',
  nations: 'countries',
  nation: 'country',
  misconceptions: 'misunderstanding',
  misconception: 'misunderstanding',
  misperceptions: 'misunderstanding',
  misperception: 'misunderstanding',
  misunderstandings: 'misunderstanding',
  candid: 'frank',
  honest: 'frank',
  sincere: 'frank',
  substantial: 'substantive',
  'in-depth': 'substantive',
  coming: 'next',
  upcoming: 'next',
  establishment: 'established',
  'sino-us': 'us-china',
  'sino-american': 'us-china',
  'china-us': 'us-china',
  'sino-americain': 'us-china',
  'sino-americaine': 'us-china',
  'sino-americaines': 'us-china',
  'sino-americains': 'us-china',
  'chinesisch-amerikanisch': 'us-china',
  'chinesisch-amerikanischen': 'us-china',
  'us-chinesisch': 'us-china',
  'us-chinesischen': 'us-china',
};

/**
 * German and French words of the statements the corpus carries → English, so that a page
 * quoting Qin or Xi in translation still shares words with the corpus wording. Keys are folded
 * (accents stripped); inflected forms reach them through `translate`'s ending fallback.
 */
const GLOSSARY: Record<string, string> = {
  // German
  beziehungen: 'relations',
  beziehung: 'relations',
  verhaltnis: 'relations',
  tiefpunkt: 'lowest point',
  tiefsten: 'lowest',
  niedrigsten: 'lowest',
  punkt: 'point',
  diplomatisch: 'diplomatic',
  aufnahme: 'established',
  etablierung: 'established',
  grundlegend: 'fundamental',
  interess: 'interests',
  kern: 'core',
  kerninteress: 'core interests',
  frage: 'issue',
  stabil: 'stable',
  berechenbar: 'predictable',
  konstruktiv: 'constructive',
  richtung: 'direction',
  arbeit: 'work',
  arbeiten: 'work',
  zusammenarbeit: 'cooperation',
  frei: 'free',
  offen: 'open',
  ordnung: 'order',
  regel: 'rules',
  international: 'international',
  unerwartet: 'unexpected',
  zufallig: 'occasional',
  zwischenfall: 'incidents',
  ruhig: 'calm',
  professionell: 'professional',
  rational: 'rational',
  versucht: 'tried',
  kontakt: 'touch',
  telefon: 'phone',
  niemand: 'no one',
  fortschritt: 'progress',
  einigung: 'agreement',
  positiv: 'positive',
  beitrag: 'contributions',
  beitrage: 'contributions',
  stabilisierung: 'stabilization',
  stabilitat: 'stability',
  umkehren: 'reverse',
  abwartsspirale: 'downward spiral',
  spirale: 'spiral',
  offenheit: 'frank',
  substanziell: 'substantial',
  dialog: 'dialogue',
  konflikt: 'conflict',
  kompromiss: 'compromise',
  ruckzug: 'retreat',
  spielraum: 'room',
  kritisch: 'critical',
  peinlich: 'embarrassing',
  beabsichtigt: 'intended',
  monat: 'months',
  gut: 'good',
  mehrmals: 'several times',
  peking: 'beijing',
  // French
  pekin: 'beijing',
  relation: 'relations',
  niveau: 'level',
  diplomatique: 'diplomatic',
  etablissement: 'established',
  fondamental: 'fundamental',
  interet: 'interests',
  coeur: 'core',
  question: 'issue',
  stable: 'stable',
  previsible: 'predictable',
  constructive: 'constructive',
  constructif: 'constructive',
  direction: 'direction',
  travailler: 'work',
  libre: 'free',
  ouvert: 'open',
  ordre: 'order',
  regle: 'rules',
  inattendu: 'unexpected',
  incident: 'incidents',
  calme: 'calm',
  professionnel: 'professional',
  rationnel: 'rational',
  progres: 'progress',
  accord: 'agreement',
  positif: 'positive',
  positive: 'positive',
  contribution: 'contributions',
  stabilisation: 'stabilization',
  stabilite: 'stability',
  inverser: 'reverse',
  descendant: 'downward',
  descendante: 'downward',
  franc: 'frank',
  franche: 'frank',
  substantiel: 'substantial',
  substantielle: 'substantial',
  dialogue: 'dialogue',
  conflit: 'conflict',
  cooperation: 'cooperation',
  compromis: 'compromise',
  recul: 'retreat',
  critique: 'critical',
  embarrassant: 'embarrassing',
  intentionnel: 'intended',
  mois: 'months',
  prochain: 'next',
  bien: 'good',
  essaye: 'tried',
  telephone: 'phone',
  personne: 'no one',
  repondu: 'answered',
  peuple: 'peoples',
  attente: 'expectations',
  communaute: 'community',
};

/**
 * Chinese words of the statements the corpus carries and of the talk around them → English.
 * Chinese writes no spaces, so a run of Han characters is read by longest match against these
 * keys; characters no key covers say nothing and are skipped.
 */
const CHINESE: Record<string, string> = {
  中美关系: 'china-us relations',
  美中关系: 'china-us relations',
  两国关系: 'relations countries',
  双边关系: 'bilateral relations',
  外交关系: 'diplomatic relations',
  关系: 'relations',
  最低点: 'lowest point',
  最低谷: 'lowest point',
  低谷: 'lowest point',
  谷底: 'lowest point',
  最低: 'lowest',
  建交: 'diplomatic relations established',
  台湾问题: 'taiwan issue',
  台湾: 'taiwan',
  核心利益: 'core interests',
  核心: 'core',
  利益: 'interests',
  根本利益: 'fundamental interests',
  问题: 'issue',
  螺旋式下降: 'downward spiral',
  下行螺旋: 'downward spiral',
  螺旋: 'spiral',
  下滑: 'downward',
  下降: 'downward',
  扭转: 'reverse',
  逆转: 'reverse',
  止住: 'halt',
  遏制: 'halt',
  妥协: 'compromise',
  让步: 'concession',
  退让: 'concession',
  后退: 'retreat',
  撤退: 'retreat',
  余地: 'room',
  关键: 'critical',
  关头: 'juncture',
  节点: 'juncture',
  很好: 'good',
  非常好: 'good',
  进展: 'progress',
  一致: 'agreement',
  共识: 'agreement',
  具体问题: 'specific issues',
  具体: 'specific',
  积极: 'positive',
  贡献: 'contributions',
  稳定: 'stable',
  误解: 'misunderstanding',
  误判: 'misperception',
  错误认知: 'misperception',
  坦诚: 'frank',
  坦率: 'frank',
  深入: 'substantive',
  实质性: 'substantive',
  建设性: 'constructive',
  尴尬: 'embarrassing',
  故意: 'intentional',
  有意: 'intentional',
  沟通: 'communication',
  渠道: 'channels',
  解决: 'resolve',
  重大: 'major',
  主要: 'major',
  对话: 'dialogue',
  冲突: 'conflict',
  对抗: 'confrontation',
  合作: 'cooperation',
  根源: 'root cause',
  根本原因: 'root cause',
  两国人民: 'peoples',
  人民: 'peoples',
  国际社会: 'international community',
  期待: 'expectations',
  方向: 'direction',
  规则: 'rules',
  秩序: 'order',
  中国: 'china',
  美国: 'us',
  北京: 'beijing',
  华盛顿: 'washington',
};
const CHINESE_LONGEST = Math.max(...Object.keys(CHINESE).map((k) => k.length));
const HAN = /\p{Script=Han}/u;

/** English words for a run of Chinese, by longest match of the glossary at each character. */
function chineseWords(run: string, into: string[]): void {
  for (let i = 0; i < run.length;) {
    let step = 1;
    for (let n = Math.min(CHINESE_LONGEST, run.length - i); n >= 2; n--) {
      const key = run.slice(i, i + n);
      if (Object.hasOwn(CHINESE, key)) {
        into.push(...CHINESE[key]!.split(' '));
        step = n;
        break;
      }
    }
    i += step;
  }
}

/** German and French endings tried, longest first, when a word is not in the glossary as is. */
const FOREIGN_ENDINGS = ['ungen', 'en', 'er', 'es', 'em', 'e', 'n', 's', 'x'];

/** A German or French word in English (possibly two words), or the word itself. */
export function translate(word: string): string {
  const w = word.replace(/ß/g, 'ss');
  if (Object.hasOwn(GLOSSARY, w)) return GLOSSARY[w]!;
  for (const ending of FOREIGN_ENDINGS) {
    if (w.length - ending.length < 3 || !w.endsWith(ending)) continue;
    const base = w.slice(0, -ending.length);
    if (Object.hasOwn(GLOSSARY, base)) return GLOSSARY[base]!;
  }
  return word;
}

const SUFFIXES = [
  'izations',
  'ization',
  'ations',
  'ation',
  'ments',
  'ment',
  'ness',
  'ings',
  'ing',
  'ions',
  'ion',
  'ies',
  'ied',
  'ed',
  'es',
  'ly',
  's',
];

/** A light suffix-stripping stem: "relations", "relationship" → "relat"; "established" → "establish". */
export function stem(word: string): string {
  // Own keys only: page words such as "constructor" must not reach Object.prototype.
  let w = Object.hasOwn(SYNONYMS, word) ? SYNONYMS[word]! : word;
  // "stable", "stability", "stabilise", "stabilization": one idea across wordings.
  if (/^stab(?:le|ility|ili[sz])/.test(w)) return 'stabil';
  for (let round = 0; round < 2; round++) {
    if (w.endsWith('ship') && w.length > 7) {
      w = w.slice(0, -4);
      continue;
    }
    const suffix = SUFFIXES.find((s) => w.endsWith(s) && w.length - s.length >= 4);
    if (!suffix) break;
    w = w.slice(0, -suffix.length);
    if (suffix === 'ies' || suffix === 'ied') w += 'y';
    if (round === 0 && !/(?:ion|ation|ment|ness)$/.test(w)) break;
  }
  return w;
}

/** Folded words of a quotation (hyphenated compounds kept whole, then also split). */
function quoteWords(text: string): string[] {
  const words: string[] = [];
  // "au plus bas": the French for "at the lowest point" has no word for "point".
  const folded = fold(text).replace(/\bplus bas\b/g, 'lowest point');
  for (const m of folded.matchAll(/[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu)) {
    const w = m[0].replace(/'s$/, '').replace(/^(?:l|d|qu|j|n|s|c)'/, '');
    if (HAN.test(w)) {
      chineseWords(w, words);
      continue;
    }
    if (Object.hasOwn(SYNONYMS, w)) {
      words.push(w);
      continue;
    }
    for (const part of w.includes('-') ? w.split('-') : [w]) {
      if (STOPWORDS.has(part)) continue;
      words.push(...translate(part).split(' '));
    }
  }
  return words;
}

/** Distinct content stems of a quotation: stopwords dropped, synonyms mapped, stems taken. */
export function contentStems(text: string): string[] {
  return stemsOf(quoteWords(text));
}

function stemsOf(words: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const w of words) {
    if (STOPWORDS.has(w) || w.length < 2) continue;
    seen.add(stem(w));
  }
  return [...seen];
}

/** `contentStems` and `trigrams` of one quotation, its words read once. */
export function quoteFeatures(text: string): { stems: string[]; grams: Set<string> } {
  const words = quoteWords(text);
  return { stems: stemsOf(words), grams: gramsOf(words) };
}

/** How much a stem says about which statement this is, before corpus statistics. */
export function baseWeight(s: string): number {
  if (COMMON.has(s) || COMMON.has(`${s}s`)) return 0.35;
  return s.length <= 3 ? 0.7 : 1;
}

/** Character trigrams of the content words, padded at word edges. */
export function trigrams(text: string): Set<string> {
  return gramsOf(quoteWords(text));
}

function gramsOf(words: readonly string[]): Set<string> {
  const grams = new Set<string>();
  for (const w of words) {
    if (STOPWORDS.has(w)) continue;
    const padded = ` ${w} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}
