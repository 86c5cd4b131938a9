/**
 * The words of quotations as quote linking compares them: content words of the page's tokens
 * (lib/doc/tokens), compounds and elisions read as one, German, French and Chinese words put in
 * English, stems taken, synonyms mapped.
 */
import { tokenize, type Token } from '../doc/tokens';

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

const CJK_RUN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/**
 * Words of a quotation from its tokens: a hyphenated or elided compound is read whole
 * ("sino-us", "l'homme" → "homme") and then by its parts, a run of Chinese characters by the
 * glossary, "plus bas" as "lowest point".
 */
function quoteWords(text: string, tokens: readonly Token[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct') continue;
    if (t.kind === 'cjk' || CJK_RUN.test(t.key)) {
      let run = t.key;
      while (
        tokens[i + 1] &&
        tokens[i + 1]!.kind === 'cjk' &&
        tokens[i + 1]!.start === tokens[i]!.end
      ) {
        run += tokens[++i]!.key;
      }
      chineseWords(run, words);
      continue;
    }
    let w = t.key;
    while (tokens[i + 1] && tokens[i + 1]!.kind === 'word' && tokens[i]!.outer === tokens[i]!.end) {
      const gap = text.slice(tokens[i]!.end, tokens[i + 1]!.start);
      const joint = /^[-\u2010\u2011]$/.test(gap) ? '-' : /^['\u2019]$/.test(gap) ? "'" : null;
      if (!joint) break;
      w += joint + tokens[++i]!.key;
    }
    w = w.replace(/^(?:l|d|qu|j|n|s|c)'/, '');
    if (w === 'plus' && tokens[i + 1]?.key === 'bas') {
      words.push('lowest', 'point');
      i++;
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
export function contentStems(text: string, tokens: readonly Token[] = tokenize(text)): string[] {
  return stemsOf(quoteWords(text, tokens));
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
export function quoteFeatures(
  text: string,
  tokens: readonly Token[] = tokenize(text),
): { stems: string[]; grams: Set<string> } {
  const words = quoteWords(text, tokens);
  return { stems: stemsOf(words), grams: gramsOf(words) };
}

/** How much a stem says about which statement this is, before corpus statistics. */
export function baseWeight(s: string): number {
  if (COMMON.has(s) || COMMON.has(`${s}s`)) return 0.35;
  return s.length <= 3 ? 0.7 : 1;
}

/** Character trigrams of the content words, padded at word edges. */
export function trigrams(text: string): Set<string> {
  return gramsOf(quoteWords(text, tokenize(text)));
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
