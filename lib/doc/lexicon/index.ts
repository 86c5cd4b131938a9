/**
 * The word lists that reading a page relies on, as data: one JSON file per language (en, de,
 * fr, zh) with the same fields, plus given names, family names and places. Here they are merged
 * across languages (a German verb never appears in an English sentence, so one set serves every
 * page) and turned into phrase sets over token keys, so a list is matched the way the text is
 * tokenized.
 */
import de from './de.json';
import en from './en.json';
import fr from './fr.json';
import zh from './zh.json';
import commonEnglish from './common-en.json';
import names from './names.json';
import places from './places.json';
import { fold, tokenize, isWord, type Token } from '../tokens';

export interface LanguageLexicon {
  abbreviations: string[];
  honorifics: { female: string[]; male: string[]; neutral: string[] };
  titles: string[];
  titlesFemale: string[];
  titlesMale: string[];
  speechVerbs: string[];
  listenerVerbs: string[];
  accordingTo: string[];
  pronouns: { male: string[]; female: string[]; plural: string[]; subject: string[] };
  orgHeads: string[];
  placeHeads: string[];
  notNames: string[];
  prepositions: string[];
  particles: string[];
  nameSuffixes: string[];
  conjunctions: string[];
  unnamedHeads: string[];
  indefinites: string[];
  documentHeads: string[];
  beforeSpeechAdverbs: string[];
  /** Endings that make a capitalised compound a title (German: "Regierungssprecher"). */
  titleSuffixes: string[];
  /** Titles that are part of the name a page gives ("Prince Andrew", "Pope Francis"). */
  nameTitles: string[];
  /** Days, months and feasts: capitalised, never names. */
  calendar: string[];
  /** Parties and political camps written before a name ("Virginia Democrat Mark Warner"). */
  affiliations: string[];
  /** Words that open a line with a colon without being a transcript's speaker ("Note:", "Photo:"). */
  notTurnLabels: string[];
  /** Words that open with a verb of saying without being one (Chinese "问题", a problem). */
  notSpeechVerbs?: string[];
  /** Characters that follow a name rather than end one: 在, 还, 也 (毛宁在记者会上). */
  hanAfterName?: string[];
  /** Characters after which a word starts in unspaced Chinese text (像, 的, 和…). */
  hanWordBefore?: string[];
  /** Last characters of words for a person, after which a name may follow (…人, …员, …家). */
  hanPersonEndings?: string[];
}

const LANGUAGES: LanguageLexicon[] = [en, de, fr, zh];

/** Phrases as token-key sequences, looked up by their first key; longest match wins. */
export class PhraseSet {
  private readonly byFirst = new Map<string, string[][]>();
  readonly size: number;

  /**
   * @param unless phrases that are not of the set although one of its phrases starts them
   *   ("问题", a problem, is not "问", asked): where one is longer than the match, no match.
   */
  constructor(
    phrases: Iterable<string>,
    private readonly unless: PhraseSet | null = null,
  ) {
    // Built when the pipeline loads, from lists of thousands of names and places: each phrase
    // is looked up once, and each first word's phrases sorted once, longest first.
    const seen = new Set<string>();
    for (const phrase of phrases) {
      const keys = tokenize(phrase)
        .filter(isWord)
        .map((t) => t.key);
      if (keys.length === 0) continue;
      const joined = keys.join(' ');
      if (seen.has(joined)) continue;
      seen.add(joined);
      const list = this.byFirst.get(keys[0]!);
      if (list) list.push(keys);
      else this.byFirst.set(keys[0]!, [keys]);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.length - a.length);
    this.size = seen.size;
  }

  /** Whether one token's key is a one-word phrase of the set. */
  hasWord(key: string): boolean {
    return this.byFirst.get(key)?.some((k) => k.length === 1) ?? false;
  }

  /**
   * The number of tokens of the longest phrase that starts at `tokens[i]`, or 0. Only word
   * tokens are compared, and a phrase never runs over punctuation.
   */
  matchAt(tokens: readonly Token[], i: number, end = tokens.length): number {
    const first = tokens[i];
    if (!first || first.kind === 'punct') return 0;
    const list = this.byFirst.get(first.key);
    if (!list) return 0;
    for (const keys of list) {
      if (i + keys.length > end) continue;
      let ok = true;
      for (let k = 1; k < keys.length; k++) {
        const t = tokens[i + k]!;
        if (t.kind === 'punct' || t.key !== keys[k]) {
          ok = false;
          break;
        }
      }
      if (ok) {
        if (this.unless && this.unless.matchAt(tokens, i) > keys.length) return 0;
        return keys.length;
      }
    }
    return 0;
  }

  /** The number of tokens of the longest phrase that ends at `tokens[last]`, or 0. */
  matchEndingAt(tokens: readonly Token[], last: number, floor = 0): number {
    for (let n = Math.min(6, last - floor + 1); n >= 1; n--) {
      if (this.matchAt(tokens, last - n + 1, last + 1) === n) return n;
    }
    return 0;
  }
}

const all = <K extends keyof LanguageLexicon>(
  field: K,
  pick: (l: LanguageLexicon) => string[] = (l) => l[field] as unknown as string[],
) => LANGUAGES.flatMap(pick);

const keySet = (words: Iterable<string>) => {
  const set = new Set<string>();
  for (const w of words) for (const t of tokenize(w).filter(isWord)) set.add(t.key);
  return set;
};

/** One-word keys (folded) of a list: for lists whose entries are single words. */
const wordSet = (words: Iterable<string>) => {
  const set = new Set<string>();
  for (const w of words) {
    const key = fold(w).replace(/\./g, '');
    if (key) set.add(key);
  }
  return set;
};

export type Gender = 'female' | 'male';

/** Everything merged across the four languages. */
export const LEXICON = {
  abbreviations: wordSet(all('abbreviations')),
  honorifics: new PhraseSet(
    all('honorifics', (l) => [
      ...l.honorifics.female,
      ...l.honorifics.male,
      ...l.honorifics.neutral,
    ]),
  ),
  femaleWords: wordSet([
    ...all('honorifics', (l) => l.honorifics.female),
    ...all('titlesFemale'),
    ...all('pronouns', (l) => l.pronouns.female.filter((p) => p !== 'sie')),
  ]),
  maleWords: wordSet([
    ...all('honorifics', (l) => l.honorifics.male),
    ...all('titlesMale'),
    ...all('pronouns', (l) => l.pronouns.male.filter((p) => p !== 'sein')),
  ]),
  titles: new PhraseSet(all('titles')),
  speechVerbs: new PhraseSet(
    all('speechVerbs'),
    new PhraseSet(all('notSpeechVerbs', (l) => l.notSpeechVerbs ?? [])),
  ),
  listenerVerbs: wordSet(all('listenerVerbs')),
  accordingTo: new PhraseSet(all('accordingTo')),
  subjectPronouns: wordSet(all('pronouns', (l) => l.pronouns.subject)),
  malePronouns: wordSet(all('pronouns', (l) => l.pronouns.male)),
  femalePronouns: wordSet(all('pronouns', (l) => l.pronouns.female)),
  pluralPronouns: wordSet(all('pronouns', (l) => l.pronouns.plural)),
  orgHeads: new PhraseSet(all('orgHeads')),
  placeHeads: wordSet(all('placeHeads')),
  notNames: wordSet(all('notNames')),
  prepositions: wordSet(all('prepositions')),
  particles: wordSet(all('particles')),
  nameSuffixes: wordSet(all('nameSuffixes')),
  conjunctions: wordSet(all('conjunctions')),
  unnamedHeads: wordSet(all('unnamedHeads')),
  indefinites: wordSet(all('indefinites')),
  documentHeads: wordSet(all('documentHeads')),
  beforeSpeechAdverbs: wordSet(all('beforeSpeechAdverbs')),
  titleSuffixes: [...wordSet(all('titleSuffixes'))],
  nameTitles: new PhraseSet(all('nameTitles')),
  calendar: wordSet(all('calendar')),
  affiliations: wordSet(all('affiliations')),
  notTurnLabels: wordSet(all('notTurnLabels')),
  hanWordBefore: new Set(all('hanWordBefore', (l) => l.hanWordBefore ?? [])),
  hanAfterName: new Set(all('hanAfterName', (l) => l.hanAfterName ?? [])),
  hanPersonEndings: new Set(all('hanPersonEndings', (l) => l.hanPersonEndings ?? [])),
  /** English words usually written in lower case (common-en.json, generated). */
  commonWords: new Set(commonEnglish.words),
  givenFemale: keySet(names.given.female),
  givenMale: keySet(names.given.male),
  givenEither: keySet(names.given.either),
  /** Family names written first: "Wang Yi", "Xi Jinping", "Yoon Suk Yeol", "Nguyen Van". */
  familyFirst: keySet([
    ...names.surnames.chinese,
    ...names.surnames.korean,
    ...names.surnames.vietnamese,
  ]),
  hanSurnames: new Set(names.surnames.han),
  places: new PhraseSet([
    ...places.countries,
    ...places.capitals,
    ...places.cities,
    ...places.regions,
    ...places.usStates,
    ...places.chinaProvinces,
  ]),
  hanPlaces: new PhraseSet(places.han),
  demonyms: keySet(places.demonyms),
};

export type Lexicon = typeof LEXICON;

/** Whether a given name is one, and whose it usually is. */
export function givenName(key: string): Gender | 'either' | null {
  if (LEXICON.givenEither.has(key)) return 'either';
  const female = LEXICON.givenFemale.has(key);
  const male = LEXICON.givenMale.has(key);
  if (female && male) return 'either';
  return female ? 'female' : male ? 'male' : null;
}
