/**
 * Who said each quotation. Looks at the words around each quote (the rest of its sentence, the
 * sentence before a quote that opens a paragraph), so the work is linear in the text: every
 * character between quotes is tokenized once and each quote reads a bounded window.
 */
import type { Speaker } from '../annotate/types';
import type { QuoteSpan } from './quotes';

export interface ResolvedEntity {
  id: string;
  name: string;
  /** Entity type when known; names of people are what pronouns and surnames refer back to. */
  type?: string;
  /** Named by an alias that needs context ("Li", "Wang"): taken once the text has named them. */
  ambiguous?: boolean;
}

export interface SpeakerResolver {
  /** A name or alias as written on the page → the KB entity it names, or null. */
  resolve(name: string): ResolvedEntity | null;
  /** A title such as "the Chinese foreign minister" → the KB entity holding it, or null. */
  resolveTitle?(title: string): ResolvedEntity | null;
  /** Whether a title's head ("the veteran diplomat") fits a KB person's role, for references back. */
  titleFits?(title: string, entityId: string): boolean;
}

export interface AttributeOptions {
  /**
   * Keep speakers the text leaves unnamed, as it puts them ("a senior US official"), instead
   * of reporting no speaker: the knowledge base records who said a quote in the sources' words.
   */
  unnamed?: boolean;
}

/** The `via` values, so callers and tests can tell the rules apart. */
export const VIA = {
  saidName: 'said X',
  nameSaid: 'X said',
  accordingTo: 'according to X',
  title: 'title',
  pronoun: 'pronoun',
  surname: 'surname',
  sameSentence: 'same sentence',
  previousQuote: 'previous quote',
  precedingSentence: 'preceding sentence',
} as const;

/** German verbs of saying, which German also puts before the subject ("nannte er", "sagte Qin"). */
const GERMAN_SPEECH_VERBS = new Set(
  `sagte sagt sagten erklärte erklärt betonte betont fügte meinte warnte forderte nannte
  bezeichnete kritisierte unterstrich versicherte hoffe hofft hoffte wünsche bekräftigte
  bekräftigt mahnte mahnt warnt fordert meint unterstreicht versichert äußerte schrieb ergänzte
  ergänzt räumte sprach`.split(/\s+/),
);
const SPEECH_VERBS = new Set(
  `said says say saying told tells added adds noted notes stated states declared declares explained
  explains insisted insists warned warns stressed stresses emphasized emphasised emphasizes
  emphasises asked asks replied replies remarked remarks wrote writes tweeted argued argues
  continued continues urged urges acknowledged admitted announced announces commented observed
  recalled reiterated reiterates underlined underscored informed quipped cautioned claimed claims
  maintained suggested suggests concluded concludes described describes describe called calls reminded
  assured promised vowed lamented complained conceded countered responded answered pointed
  blamed demanded saw sees viewed views telling according pledged pledges affirmed reaffirmed
  hailed praised criticized criticised condemned accused denied confirmed predicted asserted
  contended expressed signaled signalled highlighted mentioned joked posted retorted elaborated
  pressed shouted yelled thinks believes repeated repeats
  dit déclaré déclare ajouté affirmé affirme souligné souligne indiqué expliqué assuré averti
  estimé estime appelé qualifié insisté répondu lancé martelé prévenu rappelé rappelle jugé juge
  précisé précise poursuivi poursuit conclu conclut noté note observé observe relevé relève
  répété répète réitéré dénoncé dénonce regretté regrette salué salue reconnu reconnaît confié
  confie plaidé plaide explique ajoute indique assure exhorté exhorte demandé invité`
    .split(/\s+/)
    .concat(...GERMAN_SPEECH_VERBS),
);

/** Words that mean "according to" before a name: "laut Qin", "selon M. Xi". */
const ACCORDING = new Set(['selon', 'laut']);
/** Auxiliaries between subject and participle: "Qin a déclaré", "Xi hat gesagt", "avait estimé". */
const AUXILIARIES = new Set(['a', 'avait', 'ont', 'hat', 'hatte', 'haben']);
/** French inversion after a quotation: "a-t-il ajouté", "a-t-elle dit". */
const INVERTED_PRONOUN = /^\p{L}+-t-(?:il|elle)$|^\p{L}+-(?:il|elle)$/u;

/** Verbs after which the name that follows is the listener, never the speaker ("told Blinken"). */
const OBJECT_VERBS = new Set([
  'told',
  'tells',
  'informed',
  'reminded',
  'assured',
  'asked',
  'asks',
  'urged',
  'urges',
  'blamed',
  'called',
  'calls',
  'described',
  'describes',
  'telling',
  'saw',
  'sees',
  'viewed',
  'views',
  'praised',
  'criticized',
  'criticised',
  'condemned',
  'accused',
]);

const TITLE_NOUNS = new Set(
  `minister president secretary spokesman spokeswoman spokesperson official officials ambassador
  diplomat diplomats envoy chief leader premier adviser advisor analyst expert source sources
  governor senator general admiral commander chairman chairwoman director head counterpart
  ministry department delegation representative deputy aide aides negotiator mayor king queen
  prime chancellor professor researcher fellow economist diplomacy host moderator panelist
  lawmaker legislator congressman congresswoman lawyer scholar speaker reporter journalist embassy
  colonel captain lieutenant brigadier
  correspondent
  außenminister aussenminister verteidigungsminister präsident sprecher sprecherin diplomatin
  botschafter staatschef regierungschef kanzler ministerium außenministerium
  ministre président porte-parole diplomate ambassadeur dirigeant responsable secrétaire
  ministère administrator commissioner chair ceo executive founder side seite amtskollege
  amtskollegin homologue boss 发言人 部长 外长 防长 主席 总统 国务卿 大使 总理 官员 教授 研究员
  学者 专家 主任 院长 所长 司长 秘书长 领导人 diplomatin ministerin präsidentin berater beraterin`.split(
    /\s+/,
  ),
);

/** A title noun, also as the last part of a compound ("US-Diplomat", "Vize-Präsident"). */
const isTitleNoun = (t: Token | undefined) =>
  t !== undefined &&
  !t.punct &&
  (TITLE_NOUNS.has(t.lower) ||
    TITLE_NOUNS.has(t.lower.split('-').pop() ?? '') ||
    (t.cap && compoundHead(t.lower) !== null));

/** Heads of German compound titles: "Chefdiplomat", "Außenamtssprecher", "Regierungschefin". */
const COMPOUND_HEADS = [
  'diplomat',
  'diplomatin',
  'minister',
  'ministerin',
  'sprecher',
  'sprecherin',
  'präsident',
  'präsidentin',
  'botschafter',
  'botschafterin',
  'berater',
  'beraterin',
  'chef',
  'chefin',
];

/** The title noun a German compound ends in ("chefdiplomat" → "diplomat"), or null. */
function compoundHead(word: string): string | null {
  for (const head of COMPOUND_HEADS) {
    if (word.length >= head.length + 3 && word.endsWith(head)) return head;
  }
  return null;
}

/** Nationality adjectives that follow a title noun in French ("le dirigeant chinois"). */
const TRAILING_ADJECTIVES = new Set([
  'chinois',
  'chinoise',
  'américain',
  'américaine',
  'taïwanais',
  'russe',
]);

/** Title heads that name an institution, which speaks under its own name when the KB lacks it. */
const INSTITUTION_HEADS = new Set([
  'side',
  'embassy',
  'seite',
  'ministry',
  'department',
  'delegation',
  'ministerium',
  'außenministerium',
  'ministère',
]);

/** "His counterpart", "his Chinese counterpart", "sein Amtskollege", "son homologue chinois". */
const COUNTERPART =
  /^(?:his|her|their|sein|seine|seinem|seinen|ihr|ihre|ihrem|ihren|son|sa)\s+(?:\S+\s+){0,2}(?:counterpart|amtskollege|amtskollegin|homologue)(?:\s+\S+)?$/iu;

/** Titles that say a woman or a man holds them: "spokeswoman", "Sprecherin"; "spokesman". */
const FEMALE_TITLES =
  /^(?:spokes|chair|congress|business|states)woman$|(?:sprecher|minister|präsident|diplomat|botschafter|berater|chef|kanzler|kolleg)in$/u;
const MALE_TITLES = /^(?:spokes|chair|congress|business|states)man$/;

/**
 * Heads of titles that vary how a text names someone it has just named, not new people: "the
 * Pentagon chief", and "the analyst" for a scholar just introduced by their post.
 */
const VARIATION_HEADS = /^(?:chief|head|boss|analyst|expert|scholar)$/;

/** A definite article opening a title: "the", "der", "le", "l’". */
const DEFINITE_ARTICLE = /^(?:the|der|die|das|le|la|les)\s+|^l['’]/i;

/** "Pour sa part", "de son côté", "for his part": first and last words of the phrase. */
const FOR_ONES_PART = new Set(['pour part', 'de côté', 'for part', 'on side']);

type Gender = 'f' | 'm';

/** The gender a pronoun or an honorific says, when it says one. */
function pronounGender(word: string): Gender | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (/^(?:she|elle|sie|她|ms|mrs|mme|frau|madam)$/.test(w) || /-t-elle$|-elle$/.test(w))
    return 'f';
  if (/^(?:he|il|er|他|mr|m|herr|sir)$/.test(w) || /-t-il$|-il$/.test(w)) return 'm';
  return null;
}

/** Pronouns that refer back to a person: English, German "er", French "il"/"elle". */
const PRONOUNS = new Set(['he', 'she', 'er', 'sie', 'il', 'elle']);
const ADVERBS = new Set(
  'also then later again once further still had has have was is would will previously reportedly a avait hat hatte außerdem zudem auch aussi toutefois pourtant également encore ensuite alors néanmoins cependant déjà notamment'.split(
    ' ',
  ),
);
const PREPOSITIONS = new Set(
  'with to by for of from at on in into about against between among met meet meets meeting received invited'.split(
    ' ',
  ),
);

/** A speech verb as written in running text (lower case: "States" is not "states"). */
const isVerb = (t: Token) => !t.cap && SPEECH_VERBS.has(t.lower) && t.lower !== 'according';

/** A speech verb at token `v`, also "went on" ("“…,” he went on", "She went on: “…”"). */
const speechVerbAt = (tokens: Token[], v: number) =>
  isVerb(tokens[v]!) ||
  (tokens[v]!.lower === 'went' && !tokens[v]!.cap && tokens[v + 1]?.lower === 'on');

/** Capitalized words that start sentences but never name a speaker. */
const NOT_NAMES = new Set(
  `the a an it its this that these those he she they we i you his her their our but and or so
  then also both according after before while when if in on at for from with as by yet still
  however meanwhile earlier later mr mrs ms dr monday tuesday wednesday thursday friday saturday
  sunday january february march april may june july august september october november december
  another some many most several few other others all each every neither either once following
  den dem einen einem eines einer
  given unlike like including speaking writing asked pressed meeting greeting welcoming receiving
  hosting visiting citing echoing because although though whether would could should about
  accordingly unless
  there here what why how who selon laut le la les der die das ein eine un une dans nach mit pour
  sur sa son ses leur sein seine ihr ihre für analysts officials experts critics observers
  commentators diplomats users netizens people americans lawmakers legislators scholars
  researchers residents protesters executives investors economists reporters journalists sources
  authorities negotiators delegates companies businesses over during despite amid under across
  since until through throughout within without upon`.split(/\s+/),
);

const MONTHS_SHORT = new Set('jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '));
/** "Oct. 21" is a date; "Jun" and "Jan" alone are given names ("Dong Jun"). */
const isMonthDate = (tokens: Token[], j: number) =>
  MONTHS_SHORT.has(tokens[j]!.lower) &&
  tokens[j + 1]?.text === '.' &&
  /^\d/.test(tokens[j + 2]?.text ?? '');
const CONTRACTION = /^(?:i|it|that|he|she|we|you|they|there|here|what|who|let)['’]/;

const HONORIFICS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sir',
  'madam',
  'm',
  'mme',
  'herr',
  'frau',
]);
/** Offices written short before a name: "Rep. Mike Gallagher", "Sen. Marco Rubio". */
const OFFICE_ABBREVIATIONS = new Set([
  'rep',
  'sen',
  'gov',
  'gen',
  'lt',
  'col',
  'maj',
  'brig',
  'adm',
  'capt',
  'cmdr',
  'sgt',
]);
/** An honorific, or an office written short with its dot, in front of a name. */
const isHonorific = (t: Token) =>
  HONORIFICS.has(t.lower) || (OFFICE_ABBREVIATIONS.has(t.lower) && t.text.endsWith('.'));
const ABBREVIATIONS = new Set([
  ...OFFICE_ABBREVIATIONS,
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'prof',
  'jr',
  'sr',
  'no',
  'm',
  'mme',
]);
const PARTICLES = new Set(['de', 'da', 'di', 'van', 'von', 'der', 'bin', 'al', 'la', 'le', 'du']);
const DETERMINERS = new Set(
  'the a an his her its their another one der die das ein eine le la les un une son sa'.split(' '),
);
/** Words that join clauses: a title never reaches back over one ("…, but China’s ministry said"). */
const CONJUNCTIONS = new Set(
  'but and or while when as after before although though because since whereas yet if aber und oder mais et ou'.split(
    ' ',
  ),
);

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  /** Punctuation token: , ; : . ! ? and dashes. */
  punct: boolean;
  cap: boolean;
  /** The token starts a new line (paragraph): a name never runs across one. */
  line: boolean;
}

const TOKEN = /[\p{L}\p{N}]+(?:[.'’-][\p{L}\p{N}]+)*|[,;:.!?\u2014\u2013()]|(?<=\s)--?(?=\s)/gu;

/** TOKEN's punctuation: every other token starts with a letter or a digit. */
const PUNCTUATION = new Set([
  ',',
  ';',
  ':',
  '.',
  '!',
  '?',
  '\u2014',
  '\u2013',
  '(',
  ')',
  '-',
  '--',
]);

/** Whether a token starts with a capital; plain ASCII needs no Unicode lookup. */
function startsCapital(word: string): boolean {
  const first = word.charCodeAt(0);
  return first < 0x80 ? first >= 65 && first <= 90 : /^\p{Lu}/u.test(word);
}

export function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  const slice = text.slice(start, end);
  /** The first line break after the previous token, -1 when there is none. */
  let lineBreak = slice.indexOf('\n');
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(slice); m; m = TOKEN.exec(slice)) {
    let word = m[0];
    const punct = word.length <= 2 && PUNCTUATION.has(word);
    if (!punct && slice[TOKEN.lastIndex] === '.') {
      const bare = word.toLowerCase();
      // "U.S.", "Mr.", and a middle initial: "Bonnie S. Glaser".
      if (ABBREVIATIONS.has(bare) || /^(\p{L}\.)+\p{L}$/u.test(word) || /^\p{Lu}$/u.test(word)) {
        word += '.';
        TOKEN.lastIndex++;
      }
    }
    // Possessives name the owner, not a speaker: "Blinken’s visit".
    const base = word.endsWith("'s") || word.endsWith('’s') ? word.slice(0, -2) : word;
    const lower = base.toLowerCase();
    const previous = tokens[tokens.length - 1];
    const line = previous !== undefined && lineBreak >= 0 && lineBreak < m.index;
    const localEnd = m.index + word.length;
    if (lineBreak >= 0 && lineBreak < localEnd) lineBreak = slice.indexOf('\n', localEnd);
    tokens.push({
      text: word,
      lower: lower.endsWith('.') ? lower.slice(0, -1) : lower,
      start: start + m.index,
      end: start + localEnd,
      punct,
      cap: !punct && startsCapital(word),
      line,
    });
  }
  return tokens;
}

/**
 * The tokens `tokenize(text, from, to)` returns, taken from the tokens of the whole text
 * without reading it again, or null where the two could differ: a token of the whole text
 * that runs across `from` or `to` (cut in two, or an abbreviation's full stop just past `to`),
 * or a dash at either end, which needs the space outside the window. The first token never
 * starts a new line: nothing before it is in the window.
 */
export function tokensWithin(all: readonly Token[], from: number, to: number): Token[] | null {
  const firstEndingAfter = (offset: number) => {
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (all[mid]!.end > offset) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const first = firstEndingAfter(from);
  const end = firstEndingAfter(to);
  if (all[first] && all[first].start < from) return null;
  if (all[end] && all[end].start < to) return null;
  if (first >= end) return [];
  const head = all[first]!;
  const tail = all[end - 1]!;
  if ((head.punct && head.text.startsWith('-')) || (tail.punct && tail.text.startsWith('-'))) {
    return null;
  }
  const tokens = all.slice(first, end);
  if (head.line) tokens[0] = { ...head, line: false };
  return tokens;
}

/** Whether a word has a Chinese character; all of them lie at U+2E80 or above. */
function hasHan(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    if (word.charCodeAt(i) >= 0x2e80) return /\p{Script=Han}/u.test(word);
  }
  return false;
}

/** Sentence ends in Chinese and Japanese, which need no space after them. */
const CJK_STOPS = new Set(['\u3002', '\uff01', '\uff1f', '\uff1b']);

/** Chinese speech verbs: 说 "said", 表示 "stated", 指出 "pointed out", 强调 "stressed", … */
const CJK_VERBS = '(?:说|表示|指出|强调|称|认为|透露|告诉|介绍|宣布|回应|坦言|提到)';
/** Titles written before a Chinese name: 国家主席习近平, 美国国务卿布林肯. */
const CJK_TITLES =
  /^(?:中国|美国|中方|美方)?(国家主席|主席|总统|副总统|国务卿|外交部长|外长|国防部长|防长|部长|发言人|大使|总理|领导人|官员|教授|研究员)/u;
/** Everything up to a title's last word: "中国外交部发言人汪文斌" → "汪文斌". */
const CJK_TITLE_RUN =
  /^[\p{Script=Han}·]*(主席|总统|国务卿|部长|外长|防长|发言人|大使|总理|领导人|官员|司长|主任|秘书长|教授|研究员|院长|所长|学者|专家)(?=[\p{Script=Han}·]{2,6}$)/u;
/** A date or time before the verb: "18日", "6月18日", "周一", "昨天". */
const CJK_WHEN = /(?:\d+月)?\d+日$|周[一二三四五六日]$|(?:今天|昨天|当天|此前)$/u;
/** Words that end a Chinese subject before its verb: 在 "at", 对 "to", 也 "also", … */
const CJK_SUBJECT_END = /(?:接受|[在对向于也还则并又同和与曾已将会时])[\s\S]*$/u;
const CJK_PRONOUNS = new Set(['他', '她']);
// The subject runs from a clause boundary: "美国总统拜登17日在加利福尼亚州……时称" is read from
// its start, so that 在 cuts it after 拜登 rather than inside the place name.
const CJK_LEAD = new RegExp(
  `(?:^|[^\\p{Script=Han}·\\d])([\\p{Script=Han}·\\d]{1,40}?)${CJK_VERBS}[：:，,]?\\s*[^\\p{Script=Han}]{0,2}[\\p{Script=Han}]{0,6}\\s*$`,
  'u',
);
/** The same with no clause boundary in reach: the last twenty characters before the verb. */
const CJK_LEAD_NEAR = new RegExp(
  `([\\p{Script=Han}·\\d]{1,20})${CJK_VERBS}[：:，,]?\\s*[^\\p{Script=Han}]{0,2}[\\p{Script=Han}]{0,6}\\s*$`,
  'u',
);
/** A sentence that opens with its speaker: "秦刚强调，台湾问题是……是“最突出的风险”". */
const CJK_LEAD_START = new RegExp(`^\\s*([\\p{Script=Han}·\\d]{2,20}?)${CJK_VERBS}[：:，,]`, 'u');
/** What may stand before a Chinese name that is its sentence's subject: nothing, or a title. */
const CJK_SUBJECT_PREFIX =
  /^(?:(?:中国|美国|中方|美方)?[\p{Script=Han}]{0,6}(?:主席|总统|国务卿|部长|外长|防长|发言人|大使|总理|领导人|官员))?$/u;
const CJK_TAIL = new RegExp(
  `^\\s*[，,。]?\\s*([\\p{Script=Han}·]{1,24}?)(?:也|还|又|则)?${CJK_VERBS}`,
  'u',
);

/** The speaker in a Chinese subject before a speech verb: "拜登在会后的记者会上" → "拜登". */
function cjkSubject(raw: string): Candidate | null {
  let subject = raw.replace(CJK_WHEN, '').replace(/^[\d·]+/u, '');
  subject = subject.replace(CJK_SUBJECT_END, '').replace(CJK_WHEN, '');
  // The title stays in front, set off by a space, so that "发言人 米勒" counts as titled.
  const title =
    CJK_TITLES.exec(subject) ?? (subject.length > 4 ? CJK_TITLE_RUN.exec(subject) : null);
  if (title) subject = subject.slice(title[0].length);
  if (CJK_PRONOUNS.has(subject)) return { kind: 'pronoun', text: subject };
  if (subject.length < 2 || subject.length > 6) return null;
  return { kind: 'name', text: title ? `${title[1]} ${subject}` : subject };
}

/** Who opens a Chinese sentence by speaking: "王毅指出，必须……" → 王毅, for a later 他. */
function cjkSentenceSpeaker(sentence: string): Found | null {
  const opening = CJK_LEAD_START.exec(sentence);
  const subject = opening ? cjkSubject(opening[1]!) : null;
  return subject && subject.kind !== 'pronoun' ? { candidate: subject, via: VIA.nameSaid } : null;
}

/** Attribution of a quotation in Chinese text: 习近平指出：「…」, “…”他表示, 拜登说，双方“…”. */
function cjkAttribution(lead: string, tail: string, complete: boolean): Found | null {
  for (const pattern of [CJK_LEAD, CJK_LEAD_START, CJK_LEAD_NEAR]) {
    const before = pattern.exec(lead);
    const subject = before ? cjkSubject(before[1]!) : null;
    if (subject) return { candidate: subject, via: VIA.nameSaid };
  }
  // After a quotation that ends its own sentence (…。」), the next words start a new one.
  const after = CJK_TAIL.exec(tail);
  if (after && (!complete || after.index === 0)) {
    const subject = cjkSubject(after[1]!);
    if (subject && !(complete && lead.trim() !== ''))
      return { candidate: subject, via: VIA.nameSaid };
  }
  return null;
}

/** Closing quote marks after which a sentence may end: “…done.” */
const SENTENCE_CLOSERS = new Set(['\u201d', '\u2019', '\u00bb', '"', "'", '\u300d', '\u300f']);

/** Whether text after a closing mark opens with an attribution: "Wang said", "the official added". */
function attributes(after: string): boolean {
  const words = after.match(/[\p{L}\p{N}’'-]+|[,;:.!?]/gu) ?? [];
  for (const w of words.slice(0, 5)) {
    if (/^[,;:.!?]$/.test(w)) return false;
    if (SPEECH_VERBS.has(w) && w !== 'according') return true;
  }
  return false;
}

/**
 * The sentence that ends before offset `at` (the start of another): its start and end, past the
 * whitespace and line break between them, so that "…tone.\n“…”" finds "…tone.".
 */
function sentenceBefore(text: string, at: number): [number, number] {
  let end = at;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  if (end === 0) return [0, 0];
  return [sentenceStart(text, end - 1, 0), end];
}

/** Where the sentence holding `offset` starts, looking back at most `limit` characters. */
function sentenceStart(text: string, offset: number, floor: number, limit = 400): number {
  const min = Math.max(floor, offset - limit);
  for (let i = offset - 1; i >= min; i--) {
    const c = text[i]!;
    if (c === '\n' || CJK_STOPS.has(c)) return i + 1;
    // A sentence that ends inside its closing mark: "…were “punishment.” Lai, speaking …";
    // not when the words after it attribute the quote ("“…established.” Wang said").
    if (
      SENTENCE_CLOSERS.has(c) &&
      /[.!?]/.test(text[i - 1] ?? '') &&
      /\s/.test(text[i + 1] ?? '') &&
      !attributes(text.slice(i + 1, i + 60))
    )
      return i + 1;
    if ((c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? '')) {
      const before = text.slice(Math.max(min, i - 4), i).match(/[\p{L}.]+$/u)?.[0] ?? '';
      const word = before.toLowerCase();
      if (ABBREVIATIONS.has(word) || /^(\p{L}\.)*\p{L}$/u.test(before)) continue;
      return i + 1;
    }
  }
  return min;
}

/** Where the sentence after `offset` ends, looking ahead at most `limit` characters. */
function sentenceEnd(text: string, offset: number, ceiling: number, limit = 300): number {
  const max = Math.min(ceiling, offset + limit, text.length);
  for (let i = offset; i < max; i++) {
    const c = text[i]!;
    if (c === '\n') return i;
    if (CJK_STOPS.has(c)) return i + 1;
    if (
      (c === '.' || c === '!' || c === '?') &&
      SENTENCE_CLOSERS.has(text[i + 1] ?? '') &&
      (i + 2 >= text.length || /\s/.test(text[i + 2]!))
    )
      return i + 2;
    if (
      (c === '.' || c === '!' || c === '?') &&
      (i + 1 >= text.length || /\s/.test(text[i + 1]!))
    ) {
      const before = text.slice(Math.max(0, i - 4), i).match(/[\p{L}.]+$/u)?.[0] ?? '';
      if (ABBREVIATIONS.has(before.toLowerCase()) || /^(\p{L}\.)*\p{L}$/u.test(before)) continue;
      return i + 1;
    }
  }
  return max;
}

interface Candidate {
  kind: 'name' | 'pronoun' | 'title';
  text: string;
}

/**
 * Whether token `j` is a word that cannot be part of a name. "He" is the pronoun, except as
 * the surname before a given name: "He Lifeng", "He Yadong".
 */
function notName(tokens: Token[], j: number): boolean {
  const t = tokens[j]!;
  // "I’ve", "That’s", "It’ll": a contraction opening a sentence (not "O’Brien").
  if (CONTRACTION.test(t.lower)) return true;
  if (isMonthDate(tokens, j)) return true;
  if (!NOT_NAMES.has(t.lower)) return false;
  if (t.text !== 'He') return true;
  const next = tokens[j + 1];
  return !(next?.cap && !NOT_NAMES.has(next.lower) && !isTitleNoun(next) && !isVerb(next));
}

/** The capitalized run (a name) ending at token index `last`, or null. */
function nameEndingAt(tokens: Token[], last: number): string | null {
  let first = last;
  if (!tokens[last]?.cap) return null;
  while (first - 1 >= 0 && !tokens[first]!.line) {
    const t = tokens[first - 1]!;
    if (t.cap && !notName(tokens, first - 1)) first--;
    else if (PARTICLES.has(t.lower) && tokens[first - 2]?.cap) first--;
    else break;
  }
  const words = withoutLeadingNoun(
    tokens.slice(first, last + 1).filter((t) => !isHonorific(t)),
    tokens[first - 1],
  );
  if (words.length === 0 || words.every((t) => NOT_NAMES.has(t.lower))) return null;
  return words.map((t) => t.text.replace(/['’]s$/u, '')).join(' ');
}

/**
 * A capitalized noun between an article and a name is not part of the name: German writes
 * "die Amerikanistin Sabine Oehler", English "the Republican Ted Cruz".
 */
function withoutLeadingNoun(words: Token[], before: Token | undefined): Token[] {
  if (
    words.length === 3 &&
    before !== undefined &&
    DETERMINERS.has(before.lower) &&
    !isTitleNoun(words[0]) &&
    looksLikePersonName([words[1]!.text, words[2]!.text])
  ) {
    return words.slice(1);
  }
  return words;
}

/** The capitalized run starting at token index `first`, or null. */
function nameStartingAt(tokens: Token[], first: number): string | null {
  let i = first;
  while (tokens[i] && isHonorific(tokens[i]!)) i++;
  const words: Token[] = [];
  for (; i < tokens.length && words.length < 5; i++) {
    const t = tokens[i]!;
    if (words.length > 0 && t.line) break;
    if (t.cap && !(words.length === 0 && notName(tokens, i)) && !isMonthDate(tokens, i))
      words.push(t);
    else if (PARTICLES.has(t.lower) && words.length > 0 && tokens[i + 1]?.cap) words.push(t);
    else break;
  }
  if (words.length === 0) return null;
  return withoutLeadingNoun(words, tokens[first - 1])
    .map((t) => t.text.replace(/['’]s$/u, ''))
    .join(' ');
}

/** A title phrase ending at token `last` ("the Chinese foreign minister"), or null. */
function titleEndingAt(tokens: Token[], last: number): { text: string; from: number } | null {
  let headAt = last;
  if (TRAILING_ADJECTIVES.has(tokens[last]?.lower ?? '') && isTitleNoun(tokens[last - 1])) headAt--;
  // "the secretary of state": the head before "of".
  else if (
    !isTitleNoun(tokens[last]) &&
    tokens[last]?.punct === false &&
    tokens[last - 1]?.lower === 'of' &&
    isTitleNoun(tokens[last - 2])
  )
    headAt = last - 2;
  if (!isTitleNoun(tokens[headAt])) return null;
  let first = headAt;
  while (first - 1 >= 0 && last - first < 7) {
    const t = tokens[first - 1]!;
    if (
      t.punct ||
      SPEECH_VERBS.has(t.lower) ||
      PREPOSITIONS.has(t.lower) ||
      CONJUNCTIONS.has(t.lower)
    )
      break;
    first--;
    if (DETERMINERS.has(t.lower)) break;
  }
  const text = tokens
    .slice(first, last + 1)
    .map((t) => t.text)
    .join(' ');
  return { text, from: first };
}

/** A title phrase starting at token `first` ("the Chinese foreign minister"), or null. */
function titleStartingAt(tokens: Token[], first: number): string | null {
  for (let i = first; i < tokens.length && i - first < 7; i++) {
    const t = tokens[i]!;
    if (t.punct) return null;
    if (isTitleNoun(t)) {
      // Extend over a compound head: "State Department spokesman", "foreign minister".
      let end = i;
      while (isTitleNoun(tokens[end + 1]) || TRAILING_ADJECTIVES.has(tokens[end + 1]?.lower ?? ''))
        end++;
      // "the secretary of state", "the minister of commerce".
      const of = tokens[end + 2];
      if (tokens[end + 1]?.lower === 'of' && of && !of.punct && !DETERMINERS.has(of.lower))
        end += 2;
      return tokens
        .slice(first, end + 1)
        .map((x) => x.text)
        .join(' ');
    }
  }
  return null;
}

const INDEFINITES = new Set(['a', 'an', 'one', 'another']);
const RETIRED = new Set(['retired', 'former']);
/** Nouns for people a text does not name: "one person familiar with the talks". */
const UNNAMED_PEOPLE = new Set(['person', 'people', 'insider', 'participant', 'attendee', 'user']);

/** The speaker named right after a speech verb at token `v`: "said Henry Wang, founder of…". */
function subjectAfter(tokens: Token[], v: number): Candidate | null {
  const i = v + 1;
  // "said on Monday X" is rare; "said in a statement" is not a speaker.
  const next = tokens[i];
  if (!next || next.punct) return null;
  if (PRONOUNS.has(next.lower)) return { kind: 'pronoun', text: next.text };
  // "said retired Adm. Harry Harris": a word for a former post before the name.
  if (RETIRED.has(next.lower) && tokens[i + 1]?.cap) return subjectAfter(tokens, v + 1);
  // "said one person familiar with the talks": someone the text leaves unnamed.
  if (INDEFINITES.has(next.lower)) {
    for (let j = i + 1; j < tokens.length && j - i <= 5; j++) {
      const t = tokens[j]!;
      if (t.punct) break;
      if (isTitleNoun(t) || UNNAMED_PEOPLE.has(t.lower)) {
        // "said a spokesman for the embassy, Liu Pengyu": the name set off after the title.
        for (let c = j + 1; c < tokens.length && c - j <= 8; c++) {
          if (tokens[c]!.text !== ',') continue;
          const named = tokens[c + 1]?.cap ? nameStartingAt(tokens, c + 1) : null;
          const after = tokens[nameRunEnd(tokens, c + 1) + 1];
          if (named && looksLikePersonName(named.split(' ')) && (!after || after.punct))
            return { kind: 'name', text: named };
          break;
        }
        return {
          kind: 'title',
          text: tokens
            .slice(i, j + 1)
            .map((w) => w.text)
            .join(' '),
        };
      }
    }
  }
  // A title with a name after it: "said State Department spokesman Matthew Miller".
  for (let j = i; j < tokens.length && j - i < 7; j++) {
    const t = tokens[j]!;
    if (t.punct) break;
    if (isTitleNoun(t) && tokens[j + 1]?.cap && !isTitleNoun(tokens[j + 1])) {
      const name = nameStartingAt(tokens, j + 1);
      // The title stays in front so that "Minister Li" counts as titled.
      if (name) return { kind: 'name', text: `${t.text} ${name}` };
    }
    // "said Secretary of State Antony Blinken": the name follows the title's "of" phrase.
    if (isTitleNoun(t) && tokens[j + 1]?.lower === 'of' && tokens[j + 2]?.cap) {
      const run = nameStartingAt(tokens, j + 2);
      const words = run?.split(' ') ?? [];
      if (words.length >= 2) return { kind: 'name', text: `${t.text} of ${run}` };
    }
  }
  const title = titleStartingAt(tokens, i);
  // A possessive starts a title, not a name: "said China’s foreign minister".
  if (title && /^\p{Lu}[^ ]*['’]s /u.test(title)) return { kind: 'title', text: title };
  const name = nameStartingAt(tokens, i);
  if (name) return { kind: 'name', text: name };
  if (title) return { kind: 'title', text: title };
  return null;
}

/** Index of the first token of the name run ending at `last` (see `nameEndingAt`). */
function nameRunStart(tokens: Token[], last: number): number {
  let first = last;
  while (first - 1 >= 0 && !tokens[first]!.line) {
    const t = tokens[first - 1]!;
    if (t.cap && !notName(tokens, first - 1)) first--;
    else if (PARTICLES.has(t.lower) && tokens[first - 2]?.cap) first--;
    else break;
  }
  return first;
}

interface Subject extends Candidate {
  /** Index of the subject's first token. */
  from: number;
}

/** The speaker ending right before a speech verb at token `v`: "Wang said", "the minister added". */
function subjectBefore(tokens: Token[], v: number): Subject | null {
  let k = v - 1;
  // Skip adverbs between subject and verb: "Xi also said", "he later added", and a phrase
  // that sets the speaker against another: "Xi a pour sa part estimé", "Wang, for his part, said".
  for (;;) {
    while (k >= 0 && ADVERBS.has(tokens[k]!.lower)) k--;
    const phrase = k >= 2 ? tokens.slice(k - 2, k + 1).map((t) => t.lower) : [];
    if (phrase.length === 3 && FOR_ONES_PART.has(`${phrase[0]} ${phrase[2]}`)) k -= 3;
    else break;
  }
  // "Rep. Mike Gallagher (R-Wis.) said": the party and state in brackets belong to the name.
  if (tokens[k]?.text === ')') {
    let open = k - 1;
    while (open > 0 && k - open < 10 && tokens[open]!.text !== '(') open--;
    if (tokens[open]?.text === '(' && open > 0) k = open - 1;
  }
  if (k < 0) return null;
  // "Gen. Zhang Youxia, vice chairman of the commission, who demanded that …": the relative
  // pronoun stands for the person named before it.
  if (tokens[k]!.lower === 'who' && tokens[k - 1]?.text === ',') {
    const name = tokens[k - 2]?.cap ? nameEndingAt(tokens, k - 2) : null;
    if (name && looksLikePersonName(name.split(' ')))
      return { kind: 'name', text: name, from: nameRunStart(tokens, k - 2) };
    return subjectBefore(tokens, k);
  }
  const t = tokens[k]!;
  // An appositive: "Drew Thompson, a visiting fellow at …, said" or "China’s top diplomat, Wang Yi, said".
  if (t.lower === ',' && k >= 1) {
    let c = k - 1;
    while (c >= 0 && tokens[c]!.lower !== ',' && k - c < 40) c--;
    // "Rep. John Moolenaar, R-Mich., chairman of …, said": the party tag is an aside.
    if (c >= 3 && PARTY_TAG.test(tokens[c - 2]!.text) && tokens[c - 1]!.text === '.') {
      if (tokens[c - 3]!.text === ',') c -= 3;
    } else if (c >= 2 && PARTY_TAG.test(tokens[c - 1]!.text) && tokens[c - 2]!.text === ',') c -= 2;
    if (c >= 1 && tokens[c]!.lower === ',') {
      const innerFrom = nameRunStart(tokens, k - 1);
      if (innerFrom === c + 1 && tokens[k - 1]!.cap) {
        const name = nameEndingAt(tokens, k - 1);
        if (name) return { kind: 'name', text: name, from: innerFrom };
      }
      // "The competent authority, China’s Ministry of Commerce, said": the institution named
      // in the appositive.
      const inner = tokens[k - 1]!.cap ? subjectBefore(tokens, k) : null;
      if (inner?.kind === 'name' && inner.from === c + 1) return inner;
      const name = nameEndingAt(tokens, c - 1);
      const nameFrom = nameRunStart(tokens, c - 1);
      // "A senior official travelling with Blinken, speaking on condition of anonymity, said":
      // the name after "with" is an object; the clause's own subject opens it.
      const clauseTitle = (objectFrom: number) =>
        PREPOSITIONS.has(tokens[objectFrom - 1]?.lower ?? '')
          ? clauseOpeningTitle(tokens, objectFrom - 1)
          : null;
      if (name) return clauseTitle(nameFrom) ?? { kind: 'name', text: name, from: nameFrom };
      const title = titleEndingAt(tokens, c - 1);
      // "A Treasury official traveling with the secretary, who briefed …, said": the same.
      if (title)
        return clauseTitle(title.from) ?? { kind: 'title', text: title.text, from: title.from };
      if (PRONOUNS.has(tokens[c - 1]!.lower))
        return { kind: 'pronoun', text: tokens[c - 1]!.text, from: c - 1 };
    }
    return null;
  }
  if (t.punct) return null;
  if (t.lower === 'and' && !t.cap) {
    // Coordinated verbs share the clause's subject: "Xi received Gates and called him “…”".
    let start = k - 1;
    while (start >= 0 && !tokens[start]!.punct) start--;
    const subject = sentenceSubject(tokens.slice(start + 1, k));
    return subject ? { ...subject, from: start + 1 } : null;
  }
  if (PRONOUNS.has(t.lower)) return { kind: 'pronoun', text: t.text, from: k };
  // "The White House readout says": the document speaks for whoever issued it.
  if (DOCUMENTS.has(t.lower) && tokens[k - 1]?.cap) {
    const issuer = nameEndingAt(tokens, k - 1);
    if (issuer) return { kind: 'name', text: issuer, from: nameRunStart(tokens, k - 1) };
  }
  // German capitalizes nouns: "Der chinesische Außenminister" is a title, not a name.
  if (isTitleNoun(t) || TRAILING_ADJECTIVES.has(t.lower)) {
    const title = titleEndingAt(tokens, k);
    if (title) return { kind: 'title', text: title.text, from: title.from };
  }
  const name = nameEndingAt(tokens, k);
  if (name) {
    const from = nameRunStart(tokens, k);
    // "China’s readout of Wang’s meeting with Blinken said": a name after a preposition ends
    // the subject's phrase; the person the document reports is the possessive before it.
    const before = tokens[from - 1]?.lower ?? '';
    const inTitle = before === 'of' && isTitleNoun(tokens[from - 2]);
    const posted = inTitle ? null : postedPerson(tokens, from);
    if (posted) return posted;
    if (OBJECT_PREPOSITIONS.has(before) && !inTitle) return reportedPerson(tokens, from);
    // "Beijing’s embassy in Washington said": the place is where the speaker sits.
    if (before === 'in' && isTitleNoun(tokens[from - 2])) {
      const title = titleEndingAt(tokens, from - 2);
      if (title) return { kind: 'title', text: title.text, from: title.from };
    }
    // "The Chinese Ministry of Commerce said": the "of" phrase completes an institution's
    // name; its last words alone name nothing.
    const head = tokens[from - 2];
    if (inTitle && head!.cap && INSTITUTION_HEADS.has(head!.lower)) {
      const start = nameRunStart(tokens, from - 2);
      const institution = tokens
        .slice(start, from - 1)
        .map((w) => w.text)
        .join(' ');
      if (institution) return { kind: 'name', text: `${institution} of ${name}`, from: start };
    }
    return { kind: 'name', text: name, from };
  }
  const title = titleEndingAt(tokens, k) ?? titleHeadFirst(tokens, k);
  if (title) return { kind: 'title', text: title.text, from: title.from };
  // "a reporter from a Japanese broadcaster asked": the title before the affiliation.
  for (let a = k - 1; a >= 1 && k - a <= 5; a--) {
    const w = tokens[a]!;
    if (w.punct || isVerb(w)) break;
    if (!AFFILIATIONS.has(w.lower) || !isTitleNoun(tokens[a - 1])) continue;
    if (/^spokes/.test(tokens[a - 1]!.lower)) break;
    const held = titleEndingAt(tokens, a - 1);
    if (held) return { kind: 'title', text: held.text, from: held.from };
    break;
  }
  return null;
}

/**
 * The title a clause opens with, when a preposition at `preposition` makes what follows it an
 * object: "A senior official travelling with Blinken" → "A senior official".
 */
function clauseOpeningTitle(tokens: Token[], preposition: number): Subject | null {
  let start = preposition;
  while (start > 0 && !tokens[start - 1]!.punct) start--;
  if (start === preposition || !DETERMINERS.has(tokens[start]!.lower)) return null;
  const opening = titleStartingAt(tokens, start);
  return opening ? { kind: 'title', text: opening, from: start } : null;
}

/** Words that tie a person to where they work: "Chen Hui of the institute", "Weber von der Uni". */
const AFFILIATIONS = new Set([
  'of',
  'at',
  'from',
  'for',
  'with',
  'von',
  'vom',
  'bei',
  'beim',
  'des',
]);

/**
 * The person named before an affiliation that ends right before `from`: in "Chen Hui of the
 * Shanghai Institute said" the institution only says where the speaker works. ("A spokesman
 * for the ministry said" stays the ministry's words: the spokesman speaks for it.)
 */
function postedPerson(tokens: Token[], from: number): Subject | null {
  // Back over the whole affiliation: "Matthias Brenner vom Kieler Institut für Sicherheitspolitik".
  for (let p = from - 1; p >= 1 && from - p <= 10; p--) {
    const t = tokens[p]!;
    if (t.punct || isVerb(t)) return null;
    if (!AFFILIATIONS.has(t.lower) || t.cap) continue;
    const q = p - 1;
    if (!tokens[q]!.cap || isTitleNoun(tokens[q])) continue;
    const name = nameEndingAt(tokens, q);
    if (name && looksLikePersonName(name.split(' ')))
      return { kind: 'name', text: name, from: nameRunStart(tokens, q) };
  }
  return null;
}

/** Prepositions after which a name is an object, never the subject of the verb that follows. */
const OBJECT_PREPOSITIONS = new Set([
  'with',
  'to',
  'by',
  'for',
  'of',
  'from',
  'about',
  'against',
  'between',
  'among',
  'after',
  'before',
  'during',
]);

/**
 * In a subject phrase ending before token `end`, the person whose words a document reports:
 * "the Chinese readout of Wang’s meeting with Blinken" → Wang. Null without such a document.
 */
function reportedPerson(tokens: Token[], end: number): Subject | null {
  let doc = -1;
  for (let j = end - 1; j >= 0 && end - j <= 10; j--) {
    const t = tokens[j]!;
    if (t.punct || isVerb(t)) break;
    if (DOCUMENTS.has(t.lower)) {
      doc = j;
      break;
    }
  }
  if (doc < 0) return null;
  for (let j = doc + 1; j < end; j++) {
    const t = tokens[j]!;
    if (t.cap && /['’]s$/u.test(t.text)) {
      const name = nameEndingAt(tokens, j);
      if (name) return { kind: 'name', text: name, from: nameRunStart(tokens, j) };
    }
  }
  return null;
}

/**
 * A French title whose head comes first, its modifiers after, ending at token `last`: "le
 * ministère chinois des Affaires étrangères", "la porte-parole du ministère".
 */
function titleHeadFirst(tokens: Token[], last: number): { text: string; from: number } | null {
  for (let j = last - 1; j >= 0 && last - j <= 7; j--) {
    const t = tokens[j]!;
    if (t.punct || isVerb(t) || AUXILIARIES.has(t.lower) || ADVERBS.has(t.lower)) return null;
    if ((t.lower === 'le' || t.lower === 'la' || t.lower === 'les') && isTitleNoun(tokens[j + 1])) {
      const text = tokens
        .slice(j, last + 1)
        .map((x) => x.text)
        .join(' ');
      return { text, from: j };
    }
  }
  return null;
}

/**
 * "Xinhua quoted Wang as saying", "Xi was quoted as saying": the person quoted is the speaker,
 * not the outlet that quotes them. `v` is the index of "saying".
 */
function quotedAsSaying(tokens: Token[], v: number): Subject | null {
  if (!AS_SAYING.has(tokens[v]?.lower ?? '') || tokens[v - 1]?.lower !== 'as' || v < 3) return null;
  const k = v - 2;
  if (QUOTING_VERBS.has(tokens[k]!.lower)) return subjectBefore(tokens, k);
  for (let q = k - 1; q >= 0 && k - q <= 6; q--) {
    const t = tokens[q]!;
    if (t.punct) return null;
    if (!QUOTING_VERBS.has(t.lower)) continue;
    // "Wang Yi was quoted by Xinhua as saying": the passive's subject spoke, the agent reported.
    if (tokens[q + 1]?.lower === 'by' && PASSIVE_AUXILIARIES.has(tokens[q - 1]?.lower ?? '')) {
      return subjectBefore(tokens, q);
    }
    if (q + 1 === k && PRONOUNS.has(tokens[k]!.lower)) {
      return { kind: 'pronoun', text: tokens[k]!.text, from: k };
    }
    const name = nameEndingAt(tokens, k);
    const from = nameRunStart(tokens, k);
    if (name && from > q) return { kind: 'name', text: name, from };
    const title = titleEndingAt(tokens, k);
    if (title && title.from > q) return { kind: 'title', text: title.text, from: title.from };
    return null;
  }
  return null;
}

/** "quoted X as saying", "quoted X as telling Y". */
const AS_SAYING = new Set(['saying', 'telling']);
const PASSIVE_AUXILIARIES = new Set(['was', 'is', 'were', 'been']);

/** Verbs that report someone else's words: "quoted X as saying", "cited X as saying". */
const QUOTING_VERBS = new Set(['quoted', 'quotes', 'quoting', 'cited', 'cites']);

interface Attributed {
  quote: QuoteSpan;
  speaker: Speaker | null;
}

interface Found {
  candidate: Candidate;
  via: string;
}

/** "According to X" anywhere in the tokens. */
function accordingTo(tokens: Token[], documents = false): Found | null {
  for (let i = 0; i + 1 < tokens.length; i++) {
    let v = -1;
    if (tokens[i]!.lower === 'according' && tokens[i + 1]!.lower === 'to') v = i + 1;
    else if (ACCORDING.has(tokens[i]!.lower)) v = i;
    if (v < 0) continue;
    const name = documents ? documentSource(tokens, v + 1) : subjectAfter(tokens, v);
    if (name && name.kind !== 'pronoun') return { candidate: name, via: VIA.accordingTo };
  }
  return null;
}

/** Documents that report what an institution said: "according to the White House readout". */
const DOCUMENTS = new Set([
  'readout',
  'statement',
  'transcript',
  'release',
  'summary',
  'communique',
  'communiqué',
]);

/** Who issued the document named from token `from`: "the White House readout" → White House. */
function documentSource(tokens: Token[], from: number): Candidate | null {
  let i = from;
  if (DETERMINERS.has(tokens[i]?.lower ?? '')) i++;
  // "a readout from the Pentagon", "a statement by the Commerce Ministry".
  if (
    DOCUMENTS.has(tokens[i]?.lower ?? '') &&
    ['from', 'by', 'of'].includes(tokens[i + 1]?.lower ?? '')
  ) {
    let n = i + 2;
    if (DETERMINERS.has(tokens[n]?.lower ?? '') && !tokens[n]!.cap) n++;
    const issuer = tokens[n]?.cap ? nameStartingAt(tokens, n) : null;
    return issuer ? { kind: 'name', text: issuer } : null;
  }
  for (let j = i + 1; j < tokens.length && j - i <= 5; j++) {
    const t = tokens[j]!;
    if (t.punct) return null;
    if (!DOCUMENTS.has(t.lower)) continue;
    const words = tokens.slice(i, j);
    // "the Chinese readout" names a side, not who issued it.
    if (words.length === 1 && nationalityOf([titleKey(words[0]!.text)]) !== null) return null;
    if (words.every((w) => w.cap))
      return { kind: 'name', text: words.map((w) => w.text).join(' ') };
    if (isTitleNoun(words[words.length - 1])) {
      return {
        kind: 'title',
        text: tokens
          .slice(from, j)
          .map((w) => w.text)
          .join(' '),
      };
    }
    return null;
  }
  return null;
}

/**
 * Who issued the document named after "read" from token `from`: "a statement from the ministry",
 * "a statement issued by X", "a statement posted on the ministry’s website".
 */
function documentIssuer(tokens: Token[], from: number): Candidate | null {
  let d = from;
  while (d < tokens.length && d - from < 3 && !DOCUMENTS.has(tokens[d]!.lower)) {
    if (tokens[d]!.punct) return null;
    d++;
  }
  if (!DOCUMENTS.has(tokens[d]?.lower ?? '')) return null;
  for (let k = d + 1; k < tokens.length && k - d <= 8; k++) {
    const t = tokens[k]!;
    if (t.punct) return null;
    if (t.lower === 'by' || t.lower === 'from') {
      const name = nameStartingAt(tokens, k + 1);
      if (name) return { kind: 'name', text: name };
      const title = titleStartingAt(tokens, k + 1);
      return title ? { kind: 'title', text: title } : null;
    }
    if (/['’]s$/u.test(t.text) && DETERMINERS.has(tokens[k - 1]?.lower ?? '')) {
      // "on the ministry’s website": the possessor, without its possessive.
      return { kind: 'title', text: `${tokens[k - 1]!.text} ${titleKey(t.text)}` };
    }
  }
  return null;
}

/** Words after the name in a byline-style attribution: "— Xi Jinping to Antony Blinken". */
const BYLINE_LINKS = new Set(['to', 'of', 'at', 'in', 'on']);

/**
 * Attribution in the words after a quote, up to the end of its sentence: "…,” said Henry Wang",
 * "…,” Wang said", "…,” George Magnus, a research associate at …, told Bloomberg TV",
 * "…” between the two, the official added."
 */
function fromTail(tokens: Token[]): Found | null {
  // "…,” as he put it in Beijing?"
  const as = tokens[0]?.text === ',' ? 1 : 0;
  if (tokens[as]?.lower === 'as') {
    const put = inWordsOf(tokens.slice(as));
    if (put) return put;
  }
  let i = 0;
  while (i < tokens.length && tokens[i]!.punct) i++;
  const dashed = i > 0 && /^(?:[\u2014\u2013-]|--)$/.test(tokens[i - 1]!.text);
  // "“…” -- a State Department official": someone the line leaves unnamed.
  if (dashed && INDEFINITES.has(tokens[i]?.lower ?? '')) {
    const title = titleStartingAt(tokens, i);
    if (title) return { candidate: { kind: 'title', text: title }, via: VIA.title };
  }
  if (dashed && tokens[i]?.cap) {
    // A byline-style attribution: "“…” — Antony Blinken" or "— Wang Yi, China’s top diplomat".
    const name = nameStartingAt(tokens, i);
    const after = name ? tokens[nameRunEnd(tokens, i) + 1] : undefined;
    // "— Harriet Long, senior fellow", "— Xi Jinping to Antony Blinken".
    if (name && (!after || after.punct || BYLINE_LINKS.has(after.lower))) {
      return { candidate: { kind: 'name', text: name }, via: VIA.saidName };
    }
  }
  if (AUXILIARIES.has(tokens[i]?.lower ?? '') && tokens[i + 1] && isVerb(tokens[i + 1]!)) i++;
  const first = tokens[i];
  if (!first) return null;
  if (!first.cap && (first.lower === 'read' || first.lower === 'reads')) {
    // "…,” read a statement posted on the ministry’s website": the document's issuer.
    const issuer = documentIssuer(tokens, i + 1);
    if (issuer) return { candidate: issuer, via: VIA.saidName };
  }
  if (INVERTED_PRONOUN.test(first.lower)) {
    return { candidate: { kind: 'pronoun', text: first.text }, via: VIA.nameSaid };
  }
  if (first.lower === 'so' && tokens[i + 1]?.cap) {
    // German: "…“, so Qin."
    const name = nameStartingAt(tokens, i + 1);
    if (name) return { candidate: { kind: 'name', text: name }, via: VIA.saidName };
  }
  if (first.lower === 'so' && DETERMINERS.has(tokens[i + 1]?.lower ?? '')) {
    // "…“, so der Sprecher."
    const title = titleStartingAt(tokens, i + 1);
    if (title) return { candidate: { kind: 'title', text: title }, via: VIA.title };
  }
  if (isVerb(first)) {
    if (OBJECT_VERBS.has(first.lower)) return null;
    const after = subjectAfter(tokens, i);
    return after ? { candidate: after, via: VIA.saidName } : null;
  }
  for (let v = i + 1; v < tokens.length && v - i < 30; v++) {
    const t = tokens[v]!;
    if (t.lower === ';') break;
    if (!speechVerbAt(tokens, v)) continue;
    const quoted = quotedAsSaying(tokens, v);
    if (quoted && quoted.from === i) return { candidate: quoted, via: VIA.nameSaid };
    const subject = subjectBefore(tokens, v);
    if (!subject) {
      // Inverted after a comma, ending the sentence: "…“ Beziehungen, sagte Qin."
      if (tokens[v - 1]?.lower === ',' && !OBJECT_VERBS.has(t.lower)) {
        // German and French invert the pronoun too: "…“ gewesen, sagte er/sie."
        const next = tokens[v + 1];
        const after =
          next?.text === 'sie'
            ? { kind: 'pronoun' as const, text: 'sie' }
            : subjectAfter(tokens, v);
        const rest = tokens.slice(v + 1);
        const punct = rest.findIndex((x) => x.punct);
        const ends = punct < 0 ? rest.length : punct;
        const inverted = after?.kind !== 'pronoun' || /^(?:er|sie|il|elle)$/.test(after.text);
        if (after && inverted && ends >= 1 && ends <= 5) {
          return { candidate: after, via: VIA.saidName };
        }
      }
      continue;
    }
    // Include a title in front of a name: "State Department spokesman Matthew Miller said".
    let from = subject.from;
    if (subject.kind === 'name') {
      let f = from;
      let titled = false;
      while (f - 1 >= i && from - f < 6 && !tokens[f - 1]!.punct && !isVerb(tokens[f - 1]!)) {
        f--;
        if (TITLE_NOUNS.has(tokens[f]!.lower)) titled = true;
      }
      if (titled) from = f;
    }
    if (from - 1 === i && DETERMINERS.has(tokens[i]!.lower)) from = i;
    // "…,” Mr Xi told Biden": the honorific belongs to the name.
    while (from - 1 >= i && isHonorific(tokens[from - 1]!)) from--;
    const atStart = from === i;
    const verbEndsClause = !tokens[v + 1] || tokens[v + 1]!.punct;
    const afterComma = tokens[from - 1]?.lower === ',';
    if (atStart || (verbEndsClause && afterComma)) return { candidate: subject, via: VIA.nameSaid };
    if (v - i > 3 && !verbEndsClause) break;
  }
  return accordingTo(tokens.slice(0, 14));
}

/** Participles that report the words of a sentence's subject in a clause of their own. */
const PARTICIPLES = new Set([
  'saying',
  'calling',
  'accusing',
  'describing',
  'adding',
  'warning',
  'insisting',
  'arguing',
  'urging',
  'noting',
  'stressing',
  'branding',
  'dismissing',
]);

/** Attribution in the words of the sentence before a quote: "Qin told Blinken that …". */
function fromLead(tokens: Token[]): Found | null {
  for (let v = tokens.length - 1; v >= 0; v--) {
    const t = tokens[v]!;
    if (
      PARTICIPLES.has(t.lower) &&
      (tokens[v - 1]?.lower === 'by' || tokens[v - 1]?.text === ',')
    ) {
      // "Price opened the briefing by calling the flight “…”", "…, accusing Washington of
      // “…”": the words are those of the clause's subject.
      const subject = sentenceSubject(tokens);
      if (subject) return { candidate: subject, via: VIA.nameSaid };
    }
    if (!speechVerbAt(tokens, v)) continue;
    // "She thinks … “…”" reports her view; "Qin told Blinken that Beijing believes ties are
    // “…”" reports Qin's words: a verb of opinion counts only with a pronoun for subject.
    if (OPINION_VERBS.has(t.lower) && subjectBefore(tokens, v)?.kind !== 'pronoun') continue;
    const quoted = quotedAsSaying(tokens, v);
    if (quoted) return { candidate: quoted, via: VIA.nameSaid };
    // German puts the verb second: "Nach Angaben des Ministeriums sprach Blinken von „…“".
    let open = v - 1;
    while (open >= 0 && !tokens[open]!.punct) open--;
    if (V2_OPENERS.has(tokens[open + 1]?.lower ?? '') && open + 1 < v && tokens[v + 1]?.cap) {
      const after = subjectAfter(tokens, v);
      if (after && after.kind !== 'title') return { candidate: after, via: VIA.saidName };
    }
    // "Den Zwischenfall nannte er „…“": a German verb with its pronoun subject after it.
    const next = tokens[v + 1];
    if (GERMAN_SPEECH_VERBS.has(t.lower) && next && !next.cap && PRONOUNS.has(next.lower))
      return { candidate: { kind: 'pronoun', text: next.text }, via: VIA.saidName };
    const before = subjectBefore(tokens, v);
    if (before) return { candidate: before, via: VIA.nameSaid };
    if (!OBJECT_VERBS.has(t.lower) && v + 1 < tokens.length && tokens[v + 1]!.cap) {
      // "Said Wang: “…”" is rare; a verb-first lead is usually "says Mr. Russell, …".
      const after = subjectAfter(tokens, v);
      if (after && after.kind === 'name') return { candidate: after, via: VIA.saidName };
    }
  }
  return (
    accordingTo(tokens) ??
    inWordsOf(tokens) ??
    viewOf(tokens) ??
    possessorOfUtterance(tokens) ??
    colonLead(tokens)
  );
}

/** "in the words of X, “…”", "As X put it, “…”": X's words. */
function inWordsOf(tokens: Token[]): Found | null {
  for (let i = 0; i + 3 < tokens.length; i++) {
    const words =
      tokens[i]!.lower === 'in' &&
      tokens[i + 1]!.lower === 'the' &&
      tokens[i + 2]!.lower === 'words';
    if (words && tokens[i + 3]!.lower === 'of') {
      const who = subjectAfter(tokens, i + 3);
      return who && who.kind !== 'pronoun' ? { candidate: who, via: VIA.accordingTo } : null;
    }
    const opensClause = i === 0 || tokens[i - 1]!.punct;
    if (tokens[i]!.lower === 'as' && opensClause) {
      const put = tokens.findIndex((t, j) => j > i && j - i <= 14 && t.lower === 'put');
      if (put > 0 && tokens[put + 1]?.lower === 'it') {
        const who = subjectAfter(tokens, i);
        if (who)
          return { candidate: who, via: who.kind === 'pronoun' ? VIA.pronoun : VIA.accordingTo };
      }
    }
  }
  return null;
}

/**
 * Who a sentence is about when it reports no words: its subject, after an opening phrase and
 * through a title set off before the name ("At the White House, the press secretary, Karine
 * Jean-Pierre, rejected the word."). What a later "she said" may refer to.
 */
function leadSubject(tokens: Token[]): Found | null {
  const rest = afterOpeningPhrase(tokens);
  if (DETERMINERS.has(rest[0]?.lower ?? '')) {
    const title = titleStartingAt(rest, 0);
    const after = title ? title.split(' ').length : -1;
    if (title && rest[after]?.text === ',' && rest[after + 1]?.cap) {
      const name = nameStartingAt(rest, after + 1);
      if (name && rest[nameRunEnd(rest, after + 1) + 1]?.text === ',')
        return { candidate: { kind: 'name', text: name }, via: VIA.nameSaid };
    }
  }
  // A name only: a bare title here ("The foreign minister arrived …") would go to the KB's
  // holder of it rather than to whoever the page is following.
  const subject = sentenceSubject(rest);
  if (subject?.kind !== 'name') return null;
  // "Lindqvist agreed.", "Sullivan went first.", not "Biden administration officials agree.":
  // the word after the subject has to read as its verb.
  const after = rest[nameRunEnd(rest, 0) + 1];
  const verb =
    after !== undefined &&
    (after.lower.endsWith('ed') || ADVERBS.has(after.lower) || PAST_TENSES.has(after.lower));
  return verb ? { candidate: subject, via: VIA.nameSaid } : null;
}

/** Irregular past tenses that follow a subject: "Sullivan went first." */
const PAST_TENSES = new Set(
  `went came made took gave spoke struck sat stood met left held kept saw got ran set put led
  felt found began won lost drew rose fell chose sought thought brought stuck broke shook`.split(
    /\s+/,
  ),
);

/** "For Owen Thackeray, a former negotiator, “…”", "Pour Claire Dubois, « … »": their view. */
function viewOf(tokens: Token[]): Found | null {
  if (!VIEW_OPENERS.has(tokens[0]?.lower ?? '') || !tokens[1]?.cap) return null;
  const name = nameStartingAt(tokens, 1);
  if (!name || tokens[nameRunEnd(tokens, 1) + 1]?.text !== ',') return null;
  return { candidate: { kind: 'name', text: name }, via: VIA.accordingTo };
}

/** "The comments echoed Wang Yi’s warning last year that “…”": the possessor's words. */
function possessorOfUtterance(tokens: Token[]): Found | null {
  for (let u = tokens.length - 1; u >= 1 && tokens.length - u <= 6; u--) {
    const t = tokens[u]!;
    if (t.punct) return null;
    if (!UTTERANCES.has(t.lower)) continue;
    const owner = tokens[u - 1]!;
    if (!owner.cap || !/['’]s$/u.test(owner.text)) return null;
    const name = nameEndingAt(tokens, u - 1);
    return name ? { candidate: { kind: 'name', text: name }, via: VIA.nameSaid } : null;
  }
  return null;
}

/**
 * The person a sentence opens with as its subject: "Raimondo struck a firmer tone.", "He Lifeng,
 * who leads the economic team, was more guarded." A name followed by a verb-like word or an
 * appositive; never a name followed by a preposition or another name.
 */
function sentenceSubject(tokens: Token[]): Candidate | null {
  const first = tokens[0];
  if (!first) return null;
  if (PRONOUNS.has(first.lower)) return { kind: 'pronoun', text: first.text };
  if (first.lower === 'the') {
    // "The Chinese president struck a warm tone."
    const title = titleStartingAt(tokens, 0);
    const next = title ? tokens[title.split(' ').length] : undefined;
    return title && next && !next.cap && !next.punct && !OBJECT_PREPOSITIONS.has(next.lower)
      ? { kind: 'title', text: title }
      : null;
  }
  const name = nameStartingAt(tokens, 0);
  if (!name) return null;
  const end = nameRunEnd(tokens, 0);
  // "Taiwan’s defense ministry said": a possessive opens a noun phrase, the title is the subject.
  if (/['’]s$/u.test(tokens[end]!.text)) {
    const title = titleStartingAt(tokens, 0);
    return title ? { kind: 'title', text: title } : null;
  }
  let next = tokens[end + 1];
  // "State Department spokesman Ned Price opened …": the institution qualifies a title, and
  // the person named after it is the subject.
  let t = end + 1;
  while (isTitleNoun(tokens[t]) && !tokens[t]!.cap) t++;
  if (t > end + 1 && tokens[t]?.cap) {
    const person = nameStartingAt(tokens, t);
    if (!person) return null;
    next = tokens[nameRunEnd(tokens, t) + 1];
    if (!next || next.cap || OBJECT_PREPOSITIONS.has(next.lower)) return null;
    return { kind: 'name', text: person };
  }
  if (!next || next.cap || OBJECT_PREPOSITIONS.has(next.lower) || CONJUNCTIONS.has(next.lower))
    return null;
  if (next.punct && next.text !== ',') return null;
  return { kind: 'name', text: name };
}

/** Possessives before what someone said: "his verdict", "sa réponse", "seine Antwort". */
const POSSESSIVES = new Set(['his', 'her', 'sa', 'son', 'ses', 'seine', 'ihre']);

/** Nouns for what someone said: "Wang’s message was blunt: “…”". */
const UTTERANCES = new Set([
  'message',
  'response',
  'reply',
  'answer',
  'words',
  'verdict',
  'view',
  'warning',
  'point',
  'comment',
  'comments',
  'remarks',
  'assessment',
  'pledge',
  'promise',
  'claim',
  'vow',
  'insistence',
  'assertion',
  'réponse',
  'propos',
  'avertissement',
  'antwort',
  'botschaft',
  'worte',
]);

/** A party and state after a name: "R-Mich.", "D-N.Y.". */
const PARTY_TAG = /^[RDI]-\p{Lu}[\p{L}.]*$/u;

/** The index after a bracketed aside that starts at `i` ("(R-Wis.)"), else `i`. */
function afterParenthesis(tokens: Token[], i: number): number {
  if (tokens[i]?.text !== '(') return i;
  for (let j = i + 1; j < tokens.length && j - i < 10; j++) {
    if (tokens[j]!.text === ')') return j + 1;
  }
  return i;
}

/** Words that set a quotation apart as a term: "so-called", "sogenannte", 所谓. */
const SO_CALLED = /(?:\bso-called|\bsogenannte[nrs]?|\bsoi-disant[es]*|所谓的?)\s*$/iu;

/** Nouns a name qualifies rather than acts through: "the Biden administration", "Xi’s government". */
const ATTRIBUTIVE_HEADS = new Set(
  `administration government team camp era aides campaign presidency doctrine visit trip summit
  meeting talks policy policies remarks comments call`.split(/\s+/),
);

/** Verbs of opinion among the verbs of saying. */
const OPINION_VERBS = new Set(['thinks', 'believes']);

/**
 * The words after a phrase that opens the sentence before its subject ("In a speech on
 * Wednesday, …", "Speaking at a forum, …"), or all of them when there is none.
 */
function afterOpeningPhrase(tokens: Token[]): Token[] {
  const opener = tokens[0]?.lower ?? '';
  if (!PREPOSITIONS.has(opener) && !OPENING_PARTICIPLES.has(opener)) return tokens;
  const comma = tokens.findIndex((t) => t.text === ',');
  return comma > 0 ? tokens.slice(comma + 1) : tokens;
}

/** Participles that open a phrase before the subject: "Speaking at a forum on Friday, Xie …". */
const OPENING_PARTICIPLES = new Set([
  'meeting',
  'greeting',
  'welcoming',
  'receiving',
  'hosting',
  'visiting',
  'citing',
  'echoing',
  'following',
  'speaking',
  'writing',
  'addressing',
  'responding',
  'replying',
  'testifying',
  'answering',
  'commenting',
  'reacting',
  'appearing',
  'asked',
  'pressed',
  'questioned',
  'interviewed',
]);

/**
 * A sentence that introduces the quote after a colon, its subject first: "Owen Thackeray, a
 * former diplomat, put it simply: “…”", "The foreign minister was blunt: “…”".
 */
function colonLead(tokens: Token[]): Found | null {
  if (tokens[tokens.length - 1]?.text !== ':') return null;
  // "In a speech on Wednesday, the Chinese president struck a warmer tone:": the subject
  // follows the opening phrase.
  const rest = afterOpeningPhrase(tokens);
  if (rest !== tokens && rest.length > 1) return colonLead(rest);
  // "His verdict, in the official transcript:", "Chinese state media summarized his message:":
  // the words are those of whom "his" refers to.
  for (let u = 1; u < tokens.length; u++) {
    const owner = tokens[u - 1]!.lower;
    if (POSSESSIVES.has(owner) && UTTERANCES.has(tokens[u]!.lower)) {
      // "his" and "her" say whose; French "sa réponse" does not.
      const text = owner === 'his' ? 'he' : owner === 'her' ? 'she' : owner;
      return { candidate: { kind: 'pronoun', text }, via: VIA.pronoun };
    }
  }
  const name = nameStartingAt(tokens, 0);
  if (name && !name.includes(' ') && nationalityOf([titleKey(name)]) !== null) return null;
  if (name) {
    const words = name.split(' ');
    const end = nameRunEnd(tokens, 0);
    const next = tokens[afterParenthesis(tokens, end + 1)];
    // "Wang’s message was blunt:": the words are the possessor's.
    if (/['’]s$/u.test(tokens[end]!.text)) {
      return UTTERANCES.has(next?.lower ?? '')
        ? { candidate: { kind: 'name', text: name }, via: VIA.nameSaid }
        : null;
    }
    if (
      looksLikePersonName(words) ||
      (next?.text === ',' && words.length <= 3) ||
      // A heading in the style "Blinken: ‘progress is hard’".
      (next?.text === ':' && end + 2 === tokens.length) ||
      // "Wang was blunt:": a one-word name opening the sentence as its subject.
      (words.length === 1 && sentenceSubject(tokens)?.kind === 'name')
    ) {
      return { candidate: { kind: 'name', text: name }, via: VIA.nameSaid };
    }
    return null;
  }
  if (!DETERMINERS.has(tokens[0]?.lower ?? '')) return null;
  // "Der Politikwissenschaftler Jonas Weber … sieht das skeptisch:": German capitalizes the
  // noun before the name.
  const described = tokens[1]?.cap ? nameStartingAt(tokens, 1) : null;
  if (described && looksLikePersonName(described.split(' ')) && described.split(' ').length >= 2)
    return { candidate: { kind: 'name', text: described }, via: VIA.nameSaid };
  const title = titleStartingAt(tokens, 0);
  if (!title) return null;
  // "Sa porte-parole, Mao Ning, s’est montrée prudente :": the name set off after the title.
  const after = title.split(' ').length;
  if (tokens[after]?.text === ',' && tokens[after + 1]?.cap) {
    const named = nameStartingAt(tokens, after + 1);
    const end = named ? after + 1 + named.split(' ').length : -1;
    // "Another analyst, Drew Hammond at the Pacific Forum, disagreed:" names where they work.
    if (named && (tokens[end]?.text === ',' || AFFILIATIONS.has(tokens[end]?.lower ?? ''))) {
      return { candidate: { kind: 'name', text: named }, via: VIA.nameSaid };
    }
  }
  return { candidate: { kind: 'title', text: title }, via: VIA.title };
}

/**
 * The speaker of each quote, in the order given (`quotes` as `scanQuotes` returns them).
 * Rules, first match wins: the words after the quote in its sentence ("…,” said X" / "X said"),
 * the words before it ("X said that “…”", "according to X"); a quote with no attribution takes
 * the speaker of an earlier quote in the same sentence, then that of the previous quote in the
 * same or previous paragraph when it opens a sentence, then a speaker named in the preceding
 * sentence. Pronouns ("he said") and lone surnames resolve to the most recent named person.
 */
export function attributeSpeakers(
  text: string,
  quotes: readonly QuoteSpan[],
  resolver: SpeakerResolver,
  options: AttributeOptions = {},
): (Speaker | null)[] {
  const result: (Speaker | null)[] = [];
  /** Titles of people the page leaves unnamed ("a senior US official"): tracked, reported as null. */
  const anonymous = new Set<string>();
  /** Short forms (surname, given name) of people named so far → their speaker record. */
  const shortNames = new Map<string, Speaker>();
  let lastPerson: Speaker | null = null;
  let scanned = 0;
  let previous: Attributed | null = null;

  /** Offset of the text where `lastPerson` was last named (or spoke). */
  let lastPersonAt = -1;
  let position = 0;

  /**
   * Note a person: their surname and given name become short forms; `subject` says whether the
   * mention can be what a later "he" refers to (not after "with", "to", "met" …).
   */
  /** KB people the text has named so far: a bare title ("the ambassador") refers back to one. */
  const named = new Set<string>();
  /** KB people the text names in full anywhere (two words or more), read once up front. */
  const namedAnywhere = new Set<string>();
  /**
   * Surnames of people the KB lacks, named in full anywhere in the text → that full name (null
   * when two people share it): a live blog may name "Jake Sullivan" only in a later heading.
   */
  const fullNames = new Map<string, string | null>();
  const allTokens = tokenize(text, 0, text.length);
  /** The tokens of `text.slice(from, to)`, taken from `allTokens` (see tokensWithin). */
  const tokensOf = (from: number, to: number): Token[] =>
    tokensWithin(allTokens, from, to) ?? tokenize(text, from, to);
  {
    const tokens = allTokens;
    // Words the text also writes in lower case are words, not given names: "Because Google",
    // "Would Adam Schiff" open sentences.
    const lowerWords = new Set<string>();
    for (const t of tokens) if (!t.cap && !t.punct) lowerWords.add(t.lower);
    for (let i = 0; i < tokens.length; i++) {
      if (!tokens[i]!.cap || (i > 0 && tokens[i - 1]!.cap && !tokens[i]!.line)) continue;
      const end = nameRunEnd(tokens, i);
      if (end <= i) continue;
      const words = tokens.slice(i, end + 1).map((t) => t.text.replace(/['’]s$/u, ''));
      // Every run of two words or more inside the capitalized run: "President Xi Jinping".
      for (let a = 0; a + 1 < words.length; a++) {
        const entity = resolver.resolve(words.slice(a).join(' '));
        if (entity?.type === 'person' && !entity.ambiguous) namedAnywhere.add(entity.id);
      }
      const own = personalPart(words);
      if (
        own.length >= 2 &&
        looksLikePersonName(own) &&
        !lowerWords.has(own[0]!.toLowerCase()) &&
        !resolver.resolve(own.join(' '))
      ) {
        const surname = own[own.length - 1]!.toLowerCase();
        const full = own.join(' ');
        const known = fullNames.get(surname);
        fullNames.set(surname, known === undefined || known === full ? full : null);
      }
    }
  }
  /** The same people, most recently named last (a few), for "the veteran diplomat said". */
  const recentPeople: Speaker[] = [];
  /** People who were the subject of a sentence, most recent last (a few), for "she" and "he". */
  const recentSubjects: Speaker[] = [];
  /** What the text has called each person: "she" or "he", "Ms." or "Mr." (by name). */
  const genders = new Map<string, Gender>();
  /** Speakers that are institutions, never what "he" or "she" refers to. */
  const institutions = new Set<string>();
  /** Where each person was last named (or spoke), by name. */
  const namedAt = new Map<string, number>();
  const remember = (speaker: Speaker, isPerson: boolean, subject = true, written?: string[]) => {
    if (!isPerson) return;
    namedAt.set(speaker.name, position);
    if (speaker.entityId) {
      named.add(speaker.entityId);
      const at = recentPeople.findIndex((p) => p.entityId === speaker.entityId);
      if (at >= 0) recentPeople.splice(at, 1);
      recentPeople.push(speaker);
      if (recentPeople.length > 8) recentPeople.shift();
    }
    if (subject) {
      lastPerson = speaker;
      lastPersonAt = position;
      const at = recentSubjects.findIndex((p) => p.name === speaker.name);
      if (at >= 0) recentSubjects.splice(at, 1);
      recentSubjects.push(speaker);
      if (recentSubjects.length > 8) recentSubjects.shift();
    }
    // The name as the page writes it gives short forms too: after "Daniel Russel", "Russel
    // said" is the KB's Danny Russell.
    for (const form of [speaker.name.split(' '), personalPart(written ?? [])]) {
      const words = form.filter((w) => /^\p{Lu}/u.test(w));
      if (words.length >= 2) {
        shortNames.set(words[words.length - 1]!.toLowerCase(), speaker);
        shortNames.set(words[0]!.toLowerCase(), speaker);
      }
    }
  };

  const isPerson = (entity: ResolvedEntity | null) => !entity?.type || entity.type === 'person';

  /** A candidate that names an institution: "the State Department", "China’s commerce ministry". */
  const isInstitution = (candidate: Candidate): boolean => {
    if (candidate.kind === 'pronoun') return false;
    if (candidate.kind === 'title') {
      const entity = resolver.resolveTitle?.(candidate.text) ?? resolver.resolve(candidate.text);
      return entity ? !isPerson(entity) : !isPersonTitle(candidate.text);
    }
    const entity = resolver.resolve(candidate.text);
    return entity !== null && entity.type !== 'person' && entity.type !== 'place';
  };

  /** Resolve a name: the KB first for full names, the text's own people for short ones. */
  const resolveName = (name: string, via: string): Speaker | null => {
    const words = name.split(' ');
    // "China’s Ministry of Commerce": an institution the KB may lack, never the country in it.
    // Only when the run ends in the head or its "of" phrase: "Defense Department Ely Ratner"
    // is a person.
    const head = words.findIndex((w) => INSTITUTION_HEADS.has(w.toLowerCase()));
    if (words.length > 1 && head >= 0 && (head === words.length - 1 || words[head + 1] === 'of')) {
      let entity =
        resolver.resolve(name) ?? resolver.resolve(name.replace(/^\S+['’]s\s|^the\s/iu, ''));
      // "US Department of State": the KB may know a shorter run of it.
      for (let len = words.length - 1; !entity && len >= 2; len--) {
        for (let s = 0; !entity && s + len <= words.length; s++) {
          const part = resolver.resolve(words.slice(s, s + len).join(' '));
          if (part && part.type !== 'person' && part.type !== 'place') entity = part;
        }
      }
      if (!entity || (entity.type !== 'person' && entity.type !== 'place')) {
        const speaker = entity ? toSpeaker(entity, via) : { name, entityId: null, via };
        institutions.add(speaker.name);
        return speaker;
      }
    }
    if (words.length === 1) {
      const local = shortNames.get(name.toLowerCase());
      if (local) {
        // Only a reference back when the KB alone would not have named this person.
        const known = local.entityId !== null && resolver.resolve(name)?.id === local.entityId;
        const speaker: Speaker = {
          name: local.name,
          entityId: local.entityId,
          via: known ? via : `${via}, ${VIA.surname}`,
        };
        remember(speaker, true);
        return speaker;
      }
    }
    // Try the whole run, then its shorter runs ("State Antony Blinken" → "Antony Blinken"); a
    // person anywhere in the run beats an organization ("according to Qin CCTV" → Qin).
    let fallback: ResolvedEntity | null = null;
    for (let len = Math.min(words.length, 5); len >= 1; len--) {
      for (let s = 0; s + len <= words.length; s++) {
        if (len === 1 && words.length > 1 && inLongerName(words, s)) continue;
        const entity = resolver.resolve(words.slice(s, s + len).join(' '));
        // "Li said" on a travel blog is not Li Shangfu: a short alias needs the full name
        // in the text (before or after: a lead may say "Qin" before naming him in full) or a
        // title in front ("Minister Li").
        const titled = s > 0 && TITLE_NOUNS.has(words[s - 1]!.toLowerCase());
        if (
          entity?.ambiguous &&
          !named.has(entity.id) &&
          !namedAnywhere.has(entity.id) &&
          !titled
        ) {
          // "Washington said": a place still, though its alias needs context to be counted.
          if (entity.type === 'place' && len === words.length) fallback ??= entity;
          continue;
        }
        if (entity && isPerson(entity)) {
          const speaker = toSpeaker(entity, via);
          remember(speaker, true, true, words.slice(s, s + len));
          return speaker;
        }
        fallback ??= entity;
      }
    }
    // A country or a city does not speak: "Beijing has urged … to avoid “…”" reports a policy
    // in the press's shorthand, and whoever said the words is not named.
    // "U.S. Trade Representative Katherine Tai": a place inside the run does not speak, the
    // person the run ends with does.
    const person = fallback?.type === 'place' && looksLikePersonName(personalPart(words));
    if (fallback && !person) {
      if (fallback.type === 'place') return null;
      const speaker = toSpeaker(fallback, via);
      if (isPerson(fallback)) remember(speaker, true);
      else institutions.add(speaker.name);
      return speaker;
    }
    const own = personalPart(words);
    // "Ambassador Xie said" after "Xie Feng, China’s ambassador …": a title before a surname
    // the text has named in full refers back to that person.
    const local = own.length === 1 && own !== words ? shortNames.get(own[0]!.toLowerCase()) : null;
    if (local) {
      const speaker: Speaker = {
        name: local.name,
        entityId: local.entityId,
        via: `${via}, ${VIA.surname}`,
      };
      remember(speaker, true);
      return speaker;
    }
    // "Sullivan went first" with "Jake Sullivan" named elsewhere on the page.
    const full = own.length === 1 ? fullNames.get(own[0]!.toLowerCase()) : undefined;
    if (full) {
      const speaker: Speaker = { name: full, entityId: null, via: `${via}, ${VIA.surname}` };
      remember(speaker, true);
      return speaker;
    }
    const speaker: Speaker = { name: own.join(' '), entityId: null, via };
    remember(speaker, own.length >= 2);
    return speaker;
  };

  const resolveCandidate = (found: Found): Speaker | null => {
    const { candidate, via } = found;
    if (candidate.kind === 'pronoun') {
      const gender = pronounGender(candidate.text);
      const referent = pronounReferent(gender);
      if (!referent) return null;
      if (gender && !genders.has(referent.name)) genders.set(referent.name, gender);
      return { name: referent.name, entityId: referent.entityId, via: VIA.pronoun };
    }
    if (candidate.kind === 'title') {
      // "Chinese diplomats still describe …": a group speaks, no one the text can name.
      const last = candidate.text.toLowerCase().split(' ').pop() ?? '';
      if (
        last.endsWith('s') &&
        TITLE_NOUNS.has(last.slice(0, -1)) &&
        isPersonTitle(last.slice(0, -1))
      ) {
        anonymous.add(candidate.text);
        return { name: candidate.text, entityId: null, via: VIA.title };
      }
      if (COUNTERPART.test(candidate.text)) {
        // "Blinken met Qin Gang. … his counterpart said": whoever "his" is (the person the text
        // has speaking), the counterpart is the other person it named most recently.
        const self = lastPerson as Speaker | null;
        for (let k = recentPeople.length - 1; k >= 0; k--) {
          const person = recentPeople[k]!;
          if (person.entityId !== self?.entityId) {
            return { name: person.name, entityId: person.entityId, via: VIA.title };
          }
        }
        return null;
      }
      if (DEFINITE_ARTICLE.test(candidate.text)) {
        // "the commerce secretary told Wang": the person the text introduced with that title.
        const back = titledPerson(candidate.text);
        if (back) {
          remember(back, true);
          return { name: back.name, entityId: back.entityId, via: VIA.title };
        }
        if (back === null) {
          anonymous.add(candidate.text);
          return { name: candidate.text, entityId: null, via: VIA.title };
        }
      }
      // "the ministry" after "China’s foreign ministry": the institution the text has named.
      const bareHead = /^(?:the|der|die|das|le|la)\s+(\S+)$/i.exec(candidate.text)?.[1];
      const institution = bareHead ? institutionsByHead.get(bareHead.toLowerCase()) : undefined;
      if (institution) {
        institutions.add(institution.name);
        return institution;
      }
      // "A State Department spokesperson": an indefinite title is someone the text leaves
      // unnamed, never the KB person who holds that role.
      const indefinite = /^(?:a|an|one|ein|eine|einer|un|une)\s/i.test(candidate.text);
      const entity = indefinite
        ? null
        : (resolver.resolveTitle?.(candidate.text) ??
          resolver.resolve(candidate.text) ??
          resolver.resolve(candidate.text.replace(DEFINITE_ARTICLE, '')));
      // "A US diplomat … “…,” the ambassador said": a bare title names a KB person only when
      // the text has named them; otherwise it is someone the text leaves unnamed.
      const bare = /^(?:the|der|die|le|la)\s+\S+$/i.test(candidate.text);
      const unnamedHere = bare && entity?.type === 'person' && !named.has(entity.id);
      if (entity?.type === 'place') return null;
      if (entity && !unnamedHere) {
        const speaker = toSpeaker(entity, VIA.title);
        if (isPerson(entity)) remember(speaker, true);
        else institutions.add(speaker.name);
        return speaker;
      }
      if (!entity && /^(?:the|der|die|le|la)\s/i.test(candidate.text) && resolver.titleFits) {
        // A definite title refers back to someone the text has named: "the veteran diplomat".
        for (let k = recentPeople.length - 1; k >= 0; k--) {
          const person = recentPeople[k]!;
          if (resolver.titleFits(candidate.text, person.entityId!)) {
            return { name: person.name, entityId: person.entityId, via: VIA.title };
          }
        }
      }
      const head = candidate.text.toLowerCase().split(' ').pop() ?? '';
      const subject = lastPerson as Speaker | null;
      if (
        !entity &&
        subject &&
        DEFINITE_ARTICLE.test(candidate.text) &&
        VARIATION_HEADS.test(head) &&
        lastPersonAt >= 0 &&
        !text.slice(lastPersonAt, currentSentence).includes('\n')
      ) {
        // Another way of naming the person the paragraph is about: "Defense Secretary Lloyd
        // Austin said … “…,” the Pentagon chief said".
        return { name: subject.name, entityId: subject.entityId, via: VIA.title };
      }
      if (!INSTITUTION_HEADS.has(head.split('-').pop() ?? head)) anonymous.add(candidate.text);
      if (!isPersonTitle(candidate.text)) institutions.add(candidate.text);
      return { name: candidate.text, entityId: null, via: VIA.title };
    }
    return resolveName(candidate.text, via);
  };

  /** Where the sentence of the quote being attributed starts; set per quote. */
  let currentSentence = 0;
  /** The words of that sentence before the quote. */
  let currentLead: Token[] = [];

  /**
   * Who "he" or "she" is: whoever the preceding sentence has speaking ("A senior official, who
   * …, said …. “…,” he said."), else the previous quote's speaker nearby, else the most recent
   * named person.
   */
  const pronounReferent = (gender: Gender | null): Speaker | null => {
    // "She" is not someone the text has called "he", and the other way round.
    const fits = (s: Speaker | null) => {
      const known = s ? genders.get(s.name) : undefined;
      return !gender || !known || known === gender;
    };
    const first = pronounCandidate(gender);
    if (fits(first)) return first;
    for (let k = recentSubjects.length - 1; k >= 0; k--) {
      const person = recentSubjects[k]!;
      if (person.name !== first?.name && fits(person)) return person;
    }
    return null;
  };

  const pronounCandidate = (gender: Gender | null): Speaker | null => {
    // "George Magnus … made a similar point …, when he told an interviewer that “…”": the
    // person this sentence opens with, as its subject (not "Blinken’s visit …").
    const opener = currentLead[0]?.cap ? nameStartingAt(currentLead, 0) : null;
    const openerEnd = opener ? nameRunEnd(currentLead, 0) : -1;
    if (
      opener &&
      lastPerson &&
      lastPersonAt >= currentSentence &&
      !/['’]s$/u.test(currentLead[openerEnd]!.text) &&
      lastPerson.name.split(' ').pop() === opener.split(' ').pop()
    )
      return lastPerson;
    let at = currentSentence;
    for (let step = 0; step < 3 && at > 0; step++) {
      const [from, to] = sentenceBefore(text, at);
      const tokens = tokensOf(from, to);
      // "Taiwan remained the hardest subject, she noted, and had been since … Qin Gang called
      // the island “…”. “…,” she said.": the same "she" spoke before; who she is lies further back.
      const chained = tokens.some(
        (t, i) =>
          PRONOUNS.has(t.lower) &&
          (gender === null || pronounGender(t.text) === gender) &&
          i + 1 < tokens.length &&
          speechVerbAt(tokens, i + 1),
      );
      const found =
        fromLead(tokens) ?? leadSubject(tokens) ?? cjkSentenceSpeaker(text.slice(from, to));
      if (chained && found?.candidate.kind !== 'pronoun' && from < at) {
        at = from;
        continue;
      }
      if (found && found.candidate.kind !== 'pronoun') {
        const s = resolveCandidate(found);
        if (
          s &&
          !institutions.has(s.name) &&
          (found.candidate.kind === 'title'
            ? isPersonTitle(found.candidate.text)
            : s.entityId === null ||
              s.entityId === lastPerson?.entityId ||
              found.via !== VIA.accordingTo)
        )
          return s;
      }
      break;
    }
    const prior = previous as Attributed | null;
    if (
      prior?.speaker &&
      !institutions.has(prior.speaker.name) &&
      prior.quote.end >= lastPersonAt &&
      currentSentence - prior.quote.end < 800
    )
      return prior.speaker;
    return lastPerson;
  };

  /**
   * People the text has given a title, most recent last: "Commerce Secretary Gina Raimondo",
   * "Mao Ning, a spokeswoman for …", and (with no one named) "a senior US official". A definite
   * title later ("the commerce secretary said") refers back to the latest one it fits.
   */
  const titled: { who: Speaker | null; words: Set<string> }[] = [];
  const noteTitle = (who: Speaker | null, words: string[]) => {
    const set = new Set(words.map(titleKey));
    // "Außenamtssprecher Matthew Miller" is who "der Sprecher" is.
    for (const w of [...set]) {
      const head = compoundHead(w);
      if (head) set.add(head);
    }
    if (![...set].some((w) => TITLE_NOUNS.has(w) && !INSTITUTION_HEADS.has(w))) return;
    if (set.size > 16) return;
    const at = who ? titled.findIndex((e) => e.who?.name === who.name) : -1;
    if (at >= 0) {
      for (const w of titled[at]!.words) set.add(w);
      titled.splice(at, 1);
    }
    titled.push({ who, words: set });
    // "Mao Ning, a spokeswoman for …" is whom a later "she" may refer to, not "he".
    if (who && !genders.has(who.name)) {
      for (const w of set) {
        const g = FEMALE_TITLES.test(w) ? 'f' : MALE_TITLES.test(w) ? 'm' : null;
        if (g) {
          genders.set(who.name, g);
          break;
        }
      }
    }
    if (titled.length > 12) titled.shift();
  };

  /** Whom a definite title refers back to: a person, null for someone unnamed, undefined if none fits. */
  const titledPerson = (title: string): Speaker | null | undefined => {
    const words = title
      .split(/\s+/)
      .map(titleKey)
      .filter((w) => w !== '' && !DETERMINERS.has(w));
    // "the secretary of state": the head comes before "of".
    const of = words.indexOf('of');
    const headAt = of > 0 ? of - 1 : words.length - 1;
    const head = words[headAt] && (compoundHead(words[headAt]) ?? words[headAt]);
    if (!head || !TITLE_NOUNS.has(head) || INSTITUTION_HEADS.has(head) || !isPersonTitle(title))
      return undefined;
    const modifiers = words.filter(
      (w, k) => k !== headAt && nationalityOf([w]) === null && !TITLE_FILLERS.has(w),
    );
    const side = nationalityOf(words);
    let holder: ResolvedEntity | null | undefined;
    // "the Treasury chief" for "Treasury Secretary Janet Yellen": a head that only varies the
    // wording is matched by what it is the head of.
    const anyHead = VARIATION_HEADS.test(head) && modifiers.length > 0;
    // The person this sentence has just named comes first: in "the message Wang gave Blinken,
    // when the Chinese diplomat warned …" the title is another way of naming Wang.
    const inSentence = (k: number) => {
      const who = titled[k]!.who;
      return who !== null && (namedAt.get(who.name) ?? -1) >= currentSentence ? 1 : 0;
    };
    const order = titled.map((_, k) => k).sort((a, b) => inSentence(b) - inSentence(a) || b - a);
    // The title as written first, then a kindred word: "the ambassador" is the ambassador the
    // text named, not a "top diplomat" named after him.
    for (const heads of [[head], KINDRED_TITLES.get(head) ?? []]) {
      for (const k of order) {
        const entry = titled[k]!;
        if (!anyHead && !heads.some((h) => entry.words.has(h))) continue;
        if (!modifiers.every((m) => entry.words.has(m))) continue;
        // "the secretary of state" is not "a former assistant secretary of state".
        if ([...RANKS].some((r) => entry.words.has(r) && !words.includes(r))) continue;
        const theirs = nationalityOf(entry.words);
        if (side && theirs && side !== theirs) continue;
        if (!side && theirs && entry.who?.entityId) {
          // "US-Außenminister Blinken … Qin … erklärte der Außenminister": a title without a
          // side is the KB's holder when the text names them, not the other side's.
          holder ??= resolver.resolveTitle?.(title) ?? null;
          if (holder?.type === 'person' && holder.id !== entry.who.entityId && named.has(holder.id))
            continue;
        }
        if (side && !theirs && entry.who?.entityId) {
          // "President Joe Biden" says no side: "the Chinese president" is him only when the KB
          // does not give that title to someone else.
          holder ??= resolver.resolveTitle?.(title) ?? null;
          if (holder?.type === 'person' && holder.id !== entry.who.entityId) continue;
        }
        return entry.who;
      }
      if (anyHead) break;
    }
    return undefined;
  };

  /** Institutions the text has named, by their head word: "the ministry" refers back to one. */
  const institutionsByHead = new Map<string, Speaker>();
  /** The KB institution a phrase ending in its head word at token `i` names ("China’s foreign ministry"). */
  const noteInstitution = (tokens: Token[], i: number) => {
    for (let len = 4; len >= 2; len--) {
      if (i - len + 1 < 0) continue;
      const words = tokens.slice(i - len + 1, i + 1);
      if (words.some((w) => w.punct)) continue;
      const entity = resolver.resolve(words.map((w) => w.text).join(' '));
      if (entity && entity.type !== 'person' && entity.type !== 'place') {
        institutionsByHead.set(tokens[i]!.lower, toSpeaker(entity, VIA.title));
        return;
      }
    }
  };

  /**
   * Register people named in text the quotes do not cover, for pronouns, surnames and titles.
   * `titlesOnly`: words after a quote, whose attribution is already read: only the titles the
   * text gives people there ("…,” said Mao Ning, a spokeswoman for the foreign ministry).
   */
  const scanNames = (from: number, to: number, titlesOnly = false) => {
    if (to <= from) return;
    const tokens = tokensOf(from, to);
    for (let i = 0; i < tokens.length; i++) {
      if (hasHan(tokens[i]!.text)) {
        if (!titlesOnly) scanCjkNames(tokens[i]!);
        continue;
      }
      const unnamedTitle = indefiniteTitle(tokens, i);
      if (unnamedTitle) noteTitle(null, unnamedTitle);
      if (INSTITUTION_HEADS.has(tokens[i]!.lower)) noteInstitution(tokens, i);
      const prevCap = i > 0 && tokens[i - 1]!.cap && !notName(tokens, i - 1) && !tokens[i]!.line;
      if (!tokens[i]!.cap || prevCap) continue;
      const name = nameStartingAt(tokens, i);
      if (!name) continue;
      if (!titlesOnly) position = tokens[i]!.start;
      // Look past a title before the name: "refused to meet US envoy Lloyd Austin" makes
      // Austin the object, not whom a later "he" refers to.
      let b = i - 1;
      while (b >= 0 && i - b <= 4 && (isTitleNoun(tokens[b]) || tokens[b]!.cap)) b--;
      const before = tokens[b];
      // A name right after a verb in mid-clause is its object: "Qin Gang a reçu Antony
      // Blinken", "Xi received Bill Gates". Clause openers and verbs of saying ("said Wang")
      // leave it the subject.
      const midClause =
        before !== undefined &&
        !before.punct &&
        !before.cap &&
        !isTitleNoun(before) &&
        !isVerb(before) &&
        !CLAUSE_OPENERS.has(before.lower) &&
        /^\p{L}+$/u.test(before.text) &&
        (before.lower.endsWith('ed') || RECEIVING.has(before.lower));
      const subject =
        !before ||
        !(
          PREPOSITIONS.has(before.lower) ||
          // "during Blinken’s visit"; "after" and "before" may open a clause with a subject.
          before.lower === 'during' ||
          // "Meeting Blinken in the Great Hall, he said …": the participle's object.
          OPENING_PARTICIPLES.has(tokens[i - 1]?.lower ?? '') ||
          OBJECT_VERBS.has(before.lower) ||
          midClause ||
          // "the Biden administration raised tariffs": the name qualifies a noun.
          ATTRIBUTIVE_HEADS.has(tokens[nameRunEnd(tokens, i) + 1]?.lower ?? '')
        );
      const words = name.split(' ');
      let who: Speaker | null = null;
      /** How many words of the run come before the personal name: a title ("Commerce Secretary"). */
      let titleWords = 0;
      let hit = false;
      // A surname or given name of someone the text has named: "Raimondo made clear …".
      const local = words.length === 1 ? shortNames.get(name.toLowerCase()) : undefined;
      if (local) {
        who = local;
        hit = true;
        if (!titlesOnly) remember(local, true, subject);
      }
      for (let len = Math.min(words.length, 4); len >= 1 && !hit; len--) {
        for (let s = 0; s + len <= words.length && !hit; s++) {
          if (len === 1 && words.length > 1 && inLongerName(words, s)) continue;
          const entity = resolver.resolve(words.slice(s, s + len).join(' '));
          const before = s > 0 ? words[s - 1]! : (tokens[i - 1]?.text ?? '');
          const titled =
            TITLE_NOUNS.has(before.toLowerCase()) || HONORIFICS.has(before.toLowerCase());
          // "Our guide, Li," is not Li Shangfu until the text names him in full.
          if (entity?.ambiguous && !named.has(entity.id) && !titled) continue;
          if (entity?.type === 'person') {
            who = { name: entity.name, entityId: entity.id, via: '' };
            // "Chinese Foreign Minister Wang Yi" resolves whole: its title is the words before
            // the first word of the person's own name.
            const own = new Set(entity.name.toLowerCase().split(' '));
            titleWords = s;
            while (titleWords < s + len - 1 && !own.has(words[titleWords]!.toLowerCase()))
              titleWords++;
            if (!titlesOnly) remember(who, true, subject, words.slice(s, s + len));
            hit = true;
          } else if (entity) {
            hit = len === words.length;
          }
        }
      }
      const own = hit ? [] : personalPart(words);
      if (looksLikePersonName(own)) {
        // Not in the KB, but a later "Thompson said" should still find "Drew Thompson", and
        // "Republican Senator Ted Cruz" is Ted Cruz. When the name opens its sentence, it is
        // that sentence's subject, whom a later "she said" refers to.
        // "Pour Julien Ferrand, le sommet …", "For Ferrand, …": the view is his.
        const view = VIEW_OPENERS.has(tokens[i - 1]?.lower ?? '') ? 1 : 0;
        const prev = tokens[i - 1 - view];
        // "A view shared by Bertrand Lacombe, …", "Un avis partagé par …": the agent of a
        // participle holds the view, as a subject would.
        const agent =
          (prev?.lower === 'by' || prev?.lower === 'par') &&
          /(?:ed|é|ée|és|ées)$/u.test(tokens[i - 2]?.lower ?? '');
        const opens =
          prev === undefined ||
          agent ||
          (prev.punct && '.!?'.includes(prev.text)) ||
          text.slice(prev.end, tokens[i - view]!.start).includes('\n');
        who = { name: own.join(' '), entityId: null, via: '' };
        titleWords = words.length - own.length;
        if (!titlesOnly) remember(who, true, (subject || agent) && opens);
      } else if (!hit && !titlesOnly && words.length === 1 && appositiveName(tokens, i)) {
        // "Our guide, Li, laughed …": a one-word name set off after the noun it names.
        const start = tokens[i - 4];
        const opens = start === undefined || (start.punct && '.!?'.includes(start.text));
        remember({ name, entityId: null, via: '' }, true, opens);
      }
      const honorific = HONORIFICS.has(tokens[i]!.lower) ? pronounGender(tokens[i]!.lower) : null;
      if (who && honorific && !genders.has(who.name)) genders.set(who.name, honorific);
      if (who) {
        const runTitle = words.slice(0, titleWords);
        noteTitle(who, [...runTitle, ...titleAround(tokens, i, nameRunEnd(tokens, i))]);
      }
    }
  };

  /**
   * KB people named in a run of Chinese (no spaces, no capitals): each position tried against
   * the aliases of two to four characters. A name that opens its clause, alone or after a title
   * (美国国务卿布林肯…), is the subject a later 他/她 refers to.
   */
  const scanCjkNames = (token: Token) => {
    const run = token.text;
    for (let j = 0; j + 1 < run.length; j++) {
      for (let len = Math.min(4, run.length - j); len >= 2; len--) {
        const entity = resolver.resolve(run.slice(j, j + len));
        if (entity?.type !== 'person' || entity.ambiguous) continue;
        position = token.start + j;
        const subject = CJK_SUBJECT_PREFIX.test(run.slice(0, j));
        remember({ name: entity.name, entityId: entity.id, via: '' }, true, subject);
        j += len - 1;
        break;
      }
    }
  };

  // Start of the next outermost quote after each quote, in one backward pass.
  const nextOuter: number[] = new Array<number>(quotes.length);
  for (let qi = quotes.length - 1, next = text.length + 1; qi >= 0; qi--) {
    nextOuter[qi] = next;
    if (quotes[qi]!.depth === 0) next = quotes[qi]!.start;
  }

  for (let qi = 0; qi < quotes.length; qi++) {
    const quote = quotes[qi]!;
    // Inner quotes take the speaker of the quotation that holds them.
    if (previous && quote.depth > 0 && quote.start < previous.quote.end) {
      result.push(previous.speaker);
      continue;
    }
    const markStart = Math.max(0, quote.start - 1);
    // "so-called “thaw”", 所谓“中国威胁论”: words the writer holds at a distance, nobody's.
    if (SO_CALLED.test(text.slice(Math.max(0, markStart - 16), markStart))) {
      result.push(null);
      continue;
    }
    scanNames(scanned, markStart);
    // A block quotation set off by markup has no closing mark: its paragraph ends it, and the
    // next paragraph is not its tail.
    const closeAt = quote.open === '' ? quote.end : Math.min(text.length, quote.end + 1);
    const nextStart = nextOuter[qi]!;
    const prior = previous as Attributed | null;
    const priorEnd = prior ? Math.min(markStart, prior.quote.end + 1) : 0;
    const sentence = sentenceStart(text, markStart, priorEnd);
    // No sentence break since the previous quote, which did not end its own sentence either.
    const sharesSentence =
      prior !== null &&
      sentence === priorEnd &&
      !/[.!?]$/.test(prior.quote.text) &&
      !text.slice(priorEnd, markStart).includes('\n');
    currentSentence = sharesSentence ? prior.quote.start : sentence;
    const leadTokens = tokensOf(sentence, markStart);
    currentLead = leadTokens;
    const tailEnd = sentenceEnd(text, closeAt, Math.max(closeAt, nextStart - 1));
    const tailTokens = tokensOf(closeAt, tailEnd);

    let speaker: Speaker | null = null;
    // A quote that ends its sentence ("….”) is followed by a new sentence that may hold the next
    // quote's attribution, not this one's.
    const tailReachesNext =
      nextStart <= text.length && tailEnd >= nextStart - 1 && /[.!?]$/.test(quote.text);
    let tail = tailReachesNext ? null : fromTail(tailTokens);
    // A block quotation followed by its attribution line: "\n— Harriet Long, senior fellow".
    const line = /^[ \t]*\n\s*(?:[\u2014\u2013-]|--)[ \t]*\p{Lu}[^\n]*/u.exec(
      text.slice(closeAt, closeAt + 200),
    );
    if (!tail && line) tail = fromTail(tokensOf(closeAt, closeAt + line[0].length));
    let lead = fromLead(leadTokens);
    if (!tail && !lead && /\p{Script=Han}/u.test(quote.text)) {
      lead = cjkAttribution(
        text.slice(sentence, markStart),
        text.slice(closeAt, tailEnd),
        /[\u3002\uff01\uff1f]$/.test(quote.text),
      );
    }
    const named = [tail, lead].find((f) => f && f.via !== VIA.accordingTo);
    // "…, he said the sides had “made progress” and added, “This is very good.” Drew Thompson
    // cautioned …": a lead that ends in a verb of saying introduces a quote that ends its own
    // sentence; the next sentence is not its tail.
    const introducer = leadTokens.length - 2;
    const introduced =
      /[.!?]$/.test(quote.text) &&
      introducer >= 0 &&
      [',', ':'].includes(leadTokens[introducer + 1]!.text) &&
      speechVerbAt(leadTokens, introducer);
    let chosen = introduced ? lead : (named ?? tail ?? lead);
    // (With no subject of its own, "and added, “…”" continues the sentence's speaker, below.)
    // "Blinken told Wang that the balloon was “…,” the State Department said": the institution
    // reports the words; the person the sentence has saying them is the speaker.
    if (
      tail &&
      chosen === tail &&
      lead &&
      lead.via !== VIA.accordingTo &&
      isInstitution(tail.candidate) &&
      !isInstitution(lead.candidate) &&
      (lead.candidate.kind !== 'title' || /^the\s/i.test(lead.candidate.text))
    ) {
      chosen = lead;
    }
    if (chosen) speaker = resolveCandidate(chosen);

    if (!speaker && sharesSentence && prior.speaker) {
      speaker = { ...prior.speaker, via: VIA.sameSentence };
    }
    const opensSentence = !sharesSentence && leadTokens.every((t) => t.punct);
    if (!speaker && !opensSentence && prior?.speaker) {
      // A partial quote later in the same paragraph continues the last speaker's words.
      const between = text.slice(prior.quote.end, markStart);
      if (!between.includes('\n') && between.length < 400)
        speaker = { ...prior.speaker, via: VIA.previousQuote };
    }
    // A quote that is a whole paragraph without closing punctuation is a heading, not speech.
    const heading =
      opensSentence &&
      tailTokens.length === 0 &&
      !/[.!?,]$/.test(quote.text) &&
      (text[closeAt] === undefined || text[closeAt] === '\n');
    /** The previous quote's speaker, for a quote opening a sentence shortly after it. */
    const continuing = (): Speaker | null => {
      if (!opensSentence || heading || !prior?.speaker) return null;
      const between = text.slice(prior.quote.end, markStart);
      const paragraphs = between.split(/\n\s*/).length - 1;
      if (paragraphs > 1 || tokensOf(prior.quote.end, markStart).length >= 25) return null;
      return { ...prior.speaker, via: VIA.previousQuote };
    };
    // Someone else named as a subject since the previous quote ("Miller said …") may be whom
    // this quote belongs to: the sentence before decides first then.
    const otherSince =
      prior?.speaker != null &&
      lastPersonAt > prior.quote.end &&
      (lastPerson as Speaker | null)?.name !== prior.speaker.name;
    if (!speaker && !otherSince) speaker = continuing();
    if (!speaker && opensSentence && !heading) {
      // The sentence before may introduce it: "Thompson said of the talks: \n “…”".
      const [prevSentence, prevEnd] = sentenceBefore(text, sentence);
      const prevTokens = tokensOf(prevSentence, prevEnd);
      const found = fromLead(prevTokens);
      if (found && found.via !== VIA.accordingTo) {
        const s = resolveCandidate(found);
        if (s) speaker = { ...s, via: VIA.precedingSentence };
      }
      // Or set it up with its subject: "Raimondo struck a firmer tone. “We are not …”".
      // Not from words inside the previous quotation ("“Relations are at …” ¶ “…”").
      const quoted =
        prior !== null && prevSentence >= prior.quote.start - 1 && prevSentence < prior.quote.end;
      const setUp =
        !speaker && !heading && !quoted && (otherSince || !prior?.speaker)
          ? sentenceSubject(prevTokens)
          : null;
      if (setUp) {
        const s = resolveCandidate({ candidate: setUp, via: VIA.precedingSentence });
        if (s && !institutions.has(s.name) && (s.via !== VIA.title || s.entityId !== null))
          speaker = { ...s, via: VIA.precedingSentence };
      }
    }
    if (!speaker && otherSince) speaker = continuing();
    if (!speaker) {
      // Last: the issuer of a document the words are taken from ("…,” according to the White
      // House readout), when nothing closer says who spoke.
      const doc =
        (tailReachesNext ? null : accordingTo(tailTokens.slice(0, 14), true)) ??
        accordingTo(leadTokens, true);
      if (doc) speaker = resolveCandidate(doc);
    }
    if (speaker && speaker.entityId === null && speaker.via !== VIA.title) {
      // Lone surnames not yet seen in the text stay as the page gives them.
      remember(speaker, speaker.name.includes(' '));
    }
    result.push(speaker);
    previous = { quote, speaker };
    // Words after the quote that did not attribute it are running text: people named there are
    // who a later "he" refers to ("….” Lai, speaking at a base, struck a calmer note.").
    if (tail) {
      if (tailEnd > scanned) scanNames(Math.max(scanned, closeAt), tailEnd, true);
      scanned = Math.max(scanned, tailEnd);
    } else {
      scanned = Math.max(scanned, closeAt);
    }
  }
  // An unnamed official is no speaker name; the quotes they said stay theirs, not the next person's.
  if (options.unnamed) return result;
  return result.map((s) => (s && s.entityId === null && anonymous.has(s.name) ? null : s));
}

/** A title word as compared between mentions: lower case, no possessive, no dots ("U.S." → "us"). */
const titleKey = (word: string) =>
  word
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/\./g, '');

/** Words that say which side a title is on: "the Chinese minister" is not "US Commerce Secretary …". */
const NATIONALITIES = new Map([
  ['us', 'us'],
  ['american', 'us'],
  ['america', 'us'],
  ['washington', 'us'],
  ['china', 'cn'],
  ['chinese', 'cn'],
  ['beijing', 'cn'],
  ['prc', 'cn'],
]);
const nationalityOf = (words: Iterable<string>): string | null => {
  let side: string | null = null;
  // "the US ambassador in Beijing", "China’s envoy to Washington": the place after the
  // preposition is where the post is, not the side its holder is on.
  let posting = false;
  for (const word of words) {
    const w = word.split('-')[0]!;
    if (POSTING_PREPOSITIONS.has(w)) {
      posting = true;
      continue;
    }
    const s =
      NATIONALITIES.get(w) ??
      (/^(?:chines|chinois|chinas)/.test(w)
        ? 'cn'
        : /^(?:amerikan|americ|améric)/.test(w)
          ? 'us'
          : undefined);
    if (s && posting) {
      posting = false;
      continue;
    }
    if (s && side && s !== side) return null;
    if (s) side = s;
  }
  return side;
};
const POSTING_PREPOSITIONS = new Set(['in', 'to', 'at']);
/**
 * Titles a later reference may use for someone the text introduced under another: "Xie Feng,
 * China’s ambassador …" is "the Chinese envoy"; "spokesperson Mao Ning" is "the spokeswoman".
 */
const KINDRED_TITLES = new Map([
  ['envoy', ['ambassador', 'diplomat']],
  ['ambassador', ['envoy', 'diplomat']],
  ['diplomat', ['ambassador', 'envoy']],
  ['spokeswoman', ['spokesperson']],
  ['spokesman', ['spokesperson']],
  ['spokesperson', ['spokeswoman', 'spokesman']],
]);
/** Words that make a title a different post: an assistant secretary is not the secretary. */
const RANKS = new Set(['assistant', 'deputy', 'under', 'vice', 'associate']);
/** Words a later title may leave out or add: "the top diplomat", "the former official". */
const TITLE_FILLERS = new Set(['of', 'for', 'at', 'top', 'senior', 'former', 'then', 'new']);

/** Index of the last token of the name run `nameStartingAt(tokens, first)` reads. */
function nameRunEnd(tokens: Token[], first: number): number {
  let i = first;
  while (tokens[i] && isHonorific(tokens[i]!)) i++;
  let last = i - 1;
  for (let n = 0; i < tokens.length && n < 5; i++, n++) {
    const t = tokens[i]!;
    if (n > 0 && t.line) break;
    if (t.cap && !(n === 0 && notName(tokens, i)) && !isMonthDate(tokens, i)) last = i;
    else if (PARTICLES.has(t.lower) && n > 0 && tokens[i + 1]?.cap) last = i;
    else break;
  }
  return last;
}

/** Words after which a name opens a clause as its subject: "that Wang Yi had …". */
const CLAUSE_OPENERS = new Set([...CONJUNCTIONS, 'that', 'then', 'also', 'que', 'dass', 'when']);
/** Past participles that take a person as their object, in English and French. */
const RECEIVING = new Set(['reçu', 'rencontré', 'accueilli', 'appelé', 'empfangen', 'getroffen']);

/** German words opening a clause whose subject follows its verb: "Nach …", "Am Montag …". */
const V2_OPENERS = new Set([
  'nach',
  'laut',
  'am',
  'im',
  'bei',
  'zum',
  'zur',
  'dann',
  'danach',
  'zuvor',
  'später',
  'anschließend',
  'gestern',
  'heute',
]);

/** Words opening a sentence that gives someone's view: "Pour X, …", "For X, …". */
const VIEW_OPENERS = new Set(['pour', 'for', 'selon', 'laut', 'für']);

/** Words that end an appositive title: "Daniel Russel, a former official who …". */
const RELATIVES = new Set(['who', 'which', 'that', 'whose', 'whom', 'where', 'when']);

/**
 * The title the text gives the person named by tokens `first`…`last`: a title right before the
 * name ("spokeswoman Mao Ning"), one set off before it ("China’s top diplomat, Wang Yi") or
 * after it ("Nicholas Burns, the US ambassador,").
 */
function titleAround(tokens: Token[], first: number, last: number): string[] {
  const words: string[] = [];
  let prev = tokens[first - 1];
  if (prev?.lower === 'of' && isTitleNoun(tokens[first - 2])) {
    // "Secretary of State Antony Blinken": the title's head before "of".
    words.push('of');
    first--;
    prev = tokens[first - 1];
  }
  if (prev && isTitleNoun(prev) && (!prev.cap || words.length > 0)) {
    const t = titleEndingAt(tokens, first - 1);
    if (t) words.push(...t.text.split(' '));
  } else if (prev?.text === ',' && isTitleNoun(tokens[first - 2])) {
    const t = titleEndingAt(tokens, first - 2);
    if (t) words.push(...t.text.split(' '));
  }
  // "Gao Shuping, 61, a former diplomat": the age before the title.
  if (tokens[last + 1]?.text === ',' && /^\d+$/.test(tokens[last + 2]?.text ?? ''))
    if (tokens[last + 3]?.text === ',') last += 2;
  const next = tokens[last + 1];
  const opener = tokens[last + 2];
  // "Xie Feng, China’s ambassador to …": a possessive opens the title as an article does.
  const possessive =
    opener !== undefined &&
    /['’]s$/u.test(opener.text) &&
    (isTitleNoun(tokens[last + 3]) || isTitleNoun(tokens[last + 4]));
  if (
    next?.text === ',' &&
    opener &&
    (DETERMINERS.has(opener.lower) || isTitleNoun(opener) || possessive)
  ) {
    for (let k = last + 2; k < tokens.length && k - last < 14; k++) {
      const t = tokens[k]!;
      if (t.punct || RELATIVES.has(t.lower) || isVerb(t)) break;
      words.push(t.text);
    }
  }
  return words;
}

/**
 * An indefinite title at token `i` naming no one: "a senior US official", "one diplomat". A
 * later "the official said" refers back to that person, not to someone named with that title.
 */
function indefiniteTitle(tokens: Token[], i: number): string[] | null {
  if (!INDEFINITES.has(tokens[i]!.lower)) return null;
  // "Mao Ning, a spokeswoman for …", "Gao Shuping, 61, a former diplomat": the title of the
  // person just named.
  if (tokens[i - 1]?.text === ',' && tokens[i - 2]?.cap) return null;
  if (tokens[i - 1]?.text === ',' && /^\d+$/.test(tokens[i - 2]?.text ?? '')) {
    if (tokens[i - 3]?.text === ',' && tokens[i - 4]?.cap) return null;
  }
  for (let j = i + 1; j < tokens.length && j - i <= 6; j++) {
    const t = tokens[j]!;
    if (t.punct || isVerb(t) || PREPOSITIONS.has(t.lower)) return null;
    if (isTitleNoun(t) && !isTitleNoun(tokens[j + 1])) {
      const after = tokens[j + 1];
      // "a spokeswoman, Mao Ning," names her: the name that follows is noted instead.
      if (after?.text === ',' && tokens[j + 2]?.cap) return null;
      const words = tokens.slice(i + 1, j + 1).map((x) => x.text);
      return isPersonTitle(words.join(' ')) ? words : null;
    }
  }
  return null;
}

/**
 * The personal name at the end of a capitalized run the KB does not know: "Public Security Wang
 * Xiaohong" → "Wang Xiaohong". At most three words, none an institution or title word.
 */
function personalPart(words: string[]): string[] {
  let from = words.length;
  while (from > 0 && words.length - from < 3) {
    const w = words[from - 1]!.toLowerCase();
    const bare = w.replace(/\.$/, '');
    if (NON_PERSON_WORDS.has(w) || TITLE_NOUNS.has(w) || ABBREVIATIONS.has(bare)) break;
    if (compoundHead(w) !== null) break;
    if (HONORIFICS.has(bare)) break;
    from--;
  }
  return from === words.length ? words : words.slice(from);
}

/**
 * Whether word `s` of a capitalized run sits inside a longer personal name ("Wang" in "Wang
 * Xiaohong", "Chen" in "Chen Yu-ting"), so that it names someone other than the KB's Wang.
 */
function inLongerName(words: string[], s: number): boolean {
  const nameLike = (w: string | undefined) =>
    w !== undefined &&
    /^\p{Lu}\p{Ll}/u.test(w) &&
    !TITLE_NOUNS.has(w.toLowerCase()) &&
    !NOT_NAMES.has(w.toLowerCase()) &&
    !NON_PERSON_WORDS.has(w.toLowerCase());
  return nameLike(words[s + 1]) || nameLike(words[s - 1]);
}

const NON_PERSON_WORDS = new Set(
  `state department ministry university center centre school institute society council party
  news times post house office agency bank group committee commission union republic kingdom
  states nations city county province sea island strait policy program programme daily tv press
  foundation association corporation company public security affairs foreign defence defense
  national federal commerce trade finance treasury justice interior`.split(/\s+/),
);

/** Possessives and articles that open a noun phrase a name is set off after ("our guide, Li,"). */
const APPOSITION_OPENERS = new Set(['our', 'my', 'your', 'his', 'her', 'their', 'the']);

/** Token `i` is a name between commas right after "our guide" / "the driver": an appositive. */
function appositiveName(tokens: Token[], i: number): boolean {
  const noun = tokens[i - 2];
  const opener = tokens[i - 3];
  return (
    tokens[i - 1]?.text === ',' &&
    tokens[i + 1]?.text === ',' &&
    noun !== undefined &&
    !noun.punct &&
    !noun.cap &&
    opener !== undefined &&
    APPOSITION_OPENERS.has(opener.lower)
  );
}

/** Two or three capitalized words none of which is an institution word: "Drew Thompson". */
function looksLikePersonName(words: string[]): boolean {
  if (words.length < 2 || words.length > 3) return false;
  return words.every(
    (w, k) =>
      (/^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?$/u.test(w) ||
        (k > 0 && k < words.length - 1 && /^\p{Lu}\.$/u.test(w))) &&
      !NON_PERSON_WORDS.has(w.toLowerCase()) &&
      // "He Lifeng": the surname He, not the pronoun, when a given name follows.
      (!NOT_NAMES.has(w.toLowerCase()) || (k === 0 && w === 'He')),
  );
}

/** Titles of people, as against "the US State Department" or "a Chinese foreign ministry statement". */
function isPersonTitle(title: string): boolean {
  const head = title.toLowerCase().split(' ').pop() ?? '';
  return ![
    'ministry',
    'embassy',
    'department',
    'delegation',
    'source',
    'sources',
    'diplomacy',
    'side',
    'seite',
  ].includes(head);
}

function toSpeaker(entity: ResolvedEntity, via: string): Speaker {
  return { name: entity.name, entityId: entity.id, via };
}
