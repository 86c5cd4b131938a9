/**
 * Mentions: the names, titles and pronouns in a text that may refer to someone, each with a
 * kind (person, organisation, place, other) weighed from evidence — the knowledge base, titles
 * and honorifics, given names, organisation and place words, the places list, the text's own
 * use of a word in lower case — and with the title written before a name kept apart from it
 * ("Chinese President Xi Jinping" → name "Xi Jinping", title "Chinese President").
 */
import { LEXICON, givenName } from '../doc/lexicon';
import type {
  DocText,
  EntityMention,
  Gender,
  Mention,
  MentionKind,
  QuoteSpan,
  Token,
} from '../doc/types';

/** What the knowledge base says of its entities, as the names stage needs it. */
export interface KnownEntities {
  /** Kind and canonical name of a KB entity, by id. */
  entity(id: string): { name: string; kind: MentionKind } | null;
  /** The KB entity a name (token keys joined by spaces) stands for alone, if exactly one. */
  resolve(key: string): string | null;
  /** The one entity a name stands for when the KB gives it only with context ("Xi"). */
  resolveAmbiguous(key: string): string | null;
  /** KB people whose role fits a title ("foreign minister", "Chinese leader"). */
  titleHolders(title: string): string[];
  /** The title words of a KB person's role ("china", "foreign", "minister"). */
  roleWords(id: string): string[];
}

const isSpaceGap = (text: string, a: Token, b: Token) => {
  for (let i = a.outer; i < b.start; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 0xa0) return false;
  }
  return a.outer < b.start;
};

/** Gap inside a name: one space, or a hyphen or apostrophe joining parts ("Yu-ting", "O'Brien"). */
function nameGap(text: string, a: Token, b: Token): boolean {
  if (a.outer !== a.end) return false; // a possessive ends a name
  if (isSpaceGap(text, a, b)) return true;
  const gap = text.slice(a.end, b.start);
  return gap === '-' || gap === '\u2010' || gap === '\u2011' || gap === "'" || gap === '\u2019';
}

/** Marks, per token, whether it lies inside a quotation. */
export function quotedTokens(doc: DocText, quotes: readonly QuoteSpan[]): Uint8Array {
  const inside = new Uint8Array(doc.tokens.length);
  let t = 0;
  const spans = quotes.flatMap((q) => (q.parts.length > 0 ? q.parts : [q]));
  spans.sort((a, b) => a.start - b.start);
  for (const s of spans) {
    while (t < doc.tokens.length && doc.tokens[t]!.start < s.start) t++;
    for (let i = t; i < doc.tokens.length && doc.tokens[i]!.start < s.end; i++) inside[i] = 1;
  }
  return inside;
}

/** Whether token i opens its sentence, or follows an opening mark, colon or dash there. */
function atClauseStart(doc: DocText, i: number): boolean {
  const s = doc.sentences[doc.sentenceOfToken[i]!];
  if (!s || s.from === i) return true;
  const prev = doc.tokens[i - 1]!;
  if (prev.kind === 'punct' && (prev.key === ':' || prev.key === '—')) return true;
  const gap = doc.text.slice(prev.outer, doc.tokens[i]!.start);
  return /["\u201c\u201e\u00ab\u2018]/.test(gap);
}

interface Run {
  from: number;
  to: number;
}

/** A syllable of romanised Chinese or Korean: "ting", "te", "wen", "hui", "myung". */
const PINYIN_SYLLABLE =
  /^(?:[bcdfghjklmnpqrstwxyz]|ch|sh|zh|ts|hs|tz)?[wy]?[aeiouv]{1,3}(?:n|ng|r|k|l|m|p)?$/;

/** A token that may be part of a capitalised name. */
function capWord(t: Token): boolean {
  return t.kind === 'word' && (t.cap || (t.upper && /\D/.test(t.key)));
}

/**
 * Capitalised runs in one paragraph: capitalised words joined by spaces, hyphens or
 * apostrophes, with particles ("van", "bin") and initials ("George W. Bush") inside, and "of"
 * or "for" after an organisation word or a title ("Ministry of Commerce", "Secretary of State").
 */
function capitalRuns(doc: DocText, from: number, to: number): Run[] {
  const { tokens, text } = doc;
  const runs: Run[] = [];
  let i = from;
  while (i < to) {
    const t = tokens[i]!;
    if (!capWord(t)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to) {
      const prev = tokens[j - 1]!;
      const cur = tokens[j]!;
      // A possessive ends a name, unless an organisation's name goes on after it
      // ("Cuyahoga County Prosecutor’s Office", "Alzheimer’s Families Network").
      if (prev.outer !== prev.end) {
        const org = capWord(cur) && prev.outer < cur.start ? capitalsEndingInOrg(doc, j, to) : 0;
        if (org === 0) break;
        j += org;
        continue;
      }
      if (capWord(cur) && nameGap(text, prev, cur)) {
        j++;
        continue;
      }
      // The second syllable of a hyphenated given name: "Yu-ting", "Ching-te".
      if (
        cur.kind === 'word' &&
        !cur.cap &&
        PINYIN_SYLLABLE.test(cur.key) &&
        text.slice(prev.end, cur.start) === '-' &&
        prev.cap
      ) {
        j++;
        continue;
      }
      // An initial's full stop: "W." in "George W. Bush".
      if (
        cur.kind === 'punct' &&
        cur.key === '.' &&
        prev.end - prev.start === 1 &&
        prev.cap &&
        cur.start === prev.end &&
        tokens[j + 1] &&
        capWord(tokens[j + 1]!) &&
        isSpaceGap(text, cur, tokens[j + 1]!)
      ) {
        j += 1;
        continue;
      }
      // An abbreviated title's full stop: "Mr. Blinken", "Gov. Kristi Noem", "Lt. Gen. Li".
      if (
        cur.kind === 'punct' &&
        cur.key === '.' &&
        cur.start === prev.end &&
        prev.kind === 'word' &&
        LEXICON.abbreviations.has(prev.key) &&
        !LEXICON.calendar.has(prev.key) &&
        tokens[j + 1] &&
        capWord(tokens[j + 1]!) &&
        isSpaceGap(text, cur, tokens[j + 1]!)
      ) {
        j += 1;
        continue;
      }
      // A full stop after a capital letter already consumed: skip it to the next word.
      if (
        prev.kind === 'punct' &&
        prev.key === '.' &&
        capWord(cur) &&
        isSpaceGap(text, prev, cur)
      ) {
        j++;
        continue;
      }
      const next = tokens[j + 1];
      if (
        cur.kind === 'word' &&
        !cur.cap &&
        next &&
        capWord(next) &&
        isSpaceGap(text, prev, cur) &&
        isSpaceGap(text, cur, next)
      ) {
        const joins =
          LEXICON.particles.has(cur.key) ||
          ((cur.key === 'of' || cur.key === 'for' || cur.key === 'de' || cur.key === 'du') &&
            (LEXICON.orgHeads.matchEndingAt(tokens, j - 1, i) > 0 ||
              LEXICON.titles.matchEndingAt(tokens, j - 1, i) > 0 ||
              LEXICON.placeHeads.has(prev.key))) ||
          // "Food and Drug Administration": "and" inside an organisation's name.
          (AND_WORDS.has(cur.key) && capitalsEndingInOrg(doc, j + 1, to) > 0);
        if (joins) {
          j += 2;
          continue;
        }
      }
      // An elided particle: "Conseil d’État", "Côte d’Ivoire".
      if (
        cur.kind === 'word' &&
        !cur.cap &&
        (cur.key === 'd' || cur.key === 'l') &&
        next &&
        capWord(next) &&
        isSpaceGap(text, prev, cur) &&
        /^['\u2019]$/.test(text.slice(cur.end, next.start))
      ) {
        j += 2;
        continue;
      }
      break;
    }
    // A trailing initial's stop is not part of the run.
    while (j > i && tokens[j - 1]!.kind === 'punct') j--;
    runs.push({ from: i, to: j });
    i = j;
  }
  return runs;
}

const AND_WORDS = new Set(['and', 'und', 'et', '&']);

/**
 * Length of the capitalised words from `at` when they end in an organisation's word ("Office",
 * "Network", "Administration"), else 0.
 */
function capitalsEndingInOrg(doc: DocText, at: number, to: number): number {
  const { tokens, text } = doc;
  let j = at;
  while (j < to && j - at < 6 && capWord(tokens[j]!)) {
    if (j > at && !nameGap(text, tokens[j - 1]!, tokens[j]!)) break;
    j++;
  }
  for (let end = j; end > at; end--) {
    if (LEXICON.orgHeads.matchEndingAt(tokens, end - 1, at) > 0) return end - at;
  }
  return 0;
}

/**
 * Index just past the title prefix of a run: the last title or honorific in it that still
 * leaves a name after it ("Indiana House Speaker | Brian Bosma", "U.S. Secretary of State |
 * Antony Blinken", "Mr. | Blinken"), or past place words and nationalities opening it before a
 * given name ("Australian | Scott Morrison"). The run's start when there is none.
 */
function titlePrefixEnd(tokens: readonly Token[], run: Run): number {
  // An organisation's name is not split by a title word inside it ("General Motors").
  if (LEXICON.orgHeads.matchEndingAt(tokens, run.to - 1, run.from) > 0) return run.from;
  let end = run.from;
  for (let at = run.from; at < run.to; at++) {
    const n = Math.max(
      LEXICON.titles.matchAt(tokens, at, run.to),
      LEXICON.honorifics.matchAt(tokens, at, run.to),
      compoundTitle(tokens[at]!) ? 1 : 0,
    );
    if (n > 0 && at + n < run.to) end = at + n;
  }
  // "Minister of Public Security Wang Xiaohong": the office runs on to where a name starts.
  if (end > run.from && end < run.to && tokens[end]!.key === 'of') {
    let at = end + 1;
    while (at < run.to - 1 && !nameStart(tokens[at]!) && run.to - at > 2) at++;
    end = at < run.to ? at : end;
  }
  // Skip a stop after an abbreviated title ("Sen.").
  while (end < run.to && tokens[end]!.kind === 'punct') end++;
  // A royal title right before the name stays in it ("Prince Andrew").
  for (let n = 3; n >= 1; n--) {
    if (end - n >= run.from && LEXICON.nameTitles.matchAt(tokens, end - n, end) === n) {
      end -= n;
      break;
    }
  }
  if (end > run.from && end < run.to) return end;
  let at = run.from;
  while (at < run.to - 1) {
    const t = tokens[at]!;
    const place = LEXICON.places.matchAt(tokens, at, run.to);
    if (place > 0) at += place;
    else if (LEXICON.demonyms.has(t.key)) at++;
    else break;
  }
  if (at > run.from && at < run.to && givenName(tokens[at]!.key)) return at;
  // "Virginia Democrat Mark Warner", "Sportdirektor Holger Brandt", "Meteorologist Daniel
  // Okoro": words that are no given names (a place, a party, a capitalised description) before a
  // given name that opens a name of two or three words.
  for (let g = run.from + 1; g <= run.to - 2; g++) {
    if (!givenName(tokens[g]!.key) || run.to - g > 3) continue;
    if (tokens[g - 1]!.outer !== tokens[g]!.start - 1) continue;
    let qualifiers = true;
    for (let k = run.from; k < g; k++) {
      const t = tokens[k]!;
      // A family name written first opens the name ("Nguyen Quoc Hung").
      if (
        givenName(t.key) ||
        LEXICON.familyFirst.has(t.key) ||
        LEXICON.particles.has(t.key) ||
        t.kind !== 'word'
      )
        qualifiers = false;
    }
    if (qualifiers) return g;
  }
  return run.from;
}

/** A German compound ending in a title: "Amerikanistin", "Regierungssprecher", "Chefdiplomat". */
function compoundTitle(t: Token): boolean {
  if (t.kind !== 'word' || !t.cap) return false;
  for (const suffix of LEXICON.titleSuffixes) {
    if (t.key.length > suffix.length + 2 && t.key.endsWith(suffix)) return true;
  }
  return false;
}

/** A word that may start a personal name: a given name or a family name written first. */
function nameStart(t: Token): boolean {
  return givenName(t.key) !== null || LEXICON.familyFirst.has(t.key);
}

/** Length of an organisation's name starting at `at` that ends in an organisation word. */
function orgNameLength(tokens: readonly Token[], at: number, to: number): number {
  for (let j = Math.min(to, at + 8); j > at; j--) {
    if (LEXICON.orgHeads.matchEndingAt(tokens, j - 1, at) > 0) return j - at;
  }
  return 0;
}

export interface RecognizeInput {
  doc: DocText;
  quoted: Uint8Array;
  kbMentions: readonly EntityMention[];
  known: KnownEntities;
}

/** Everything the coreference step needs besides the mentions. */
export interface Recognized {
  mentions: Mention[];
  /** Per mention: the KB entity its words name, when the KB knows them. */
  kb: (string | null)[];
}

const ORG_WORDS_AS_PERSON_TITLE = new Set(['chief', 'head', 'leader']);

/** The kind of a name from its own words, before coreference pools the evidence. */
function kindOfName(
  doc: DocText,
  from: number,
  to: number,
  titled: boolean,
  kbKind: MentionKind | null,
): MentionKind {
  const { tokens } = doc;
  if (kbKind) return kbKind;
  const first = tokens[from]!;
  const last = tokens[to - 1]!;
  if (titled) return 'person';
  if (LEXICON.orgHeads.matchEndingAt(tokens, to - 1, from) > 0) {
    return ORG_WORDS_AS_PERSON_TITLE.has(last.key) ? 'other' : 'organization';
  }
  // "Ministry of Commerce", "University of Oxford", "Bank of America".
  for (let i = from + 1; i < to - 1; i++) {
    const k = tokens[i]!.key;
    if (
      (k === 'of' || k === 'for' || k === 'de' || k === 'des' || k === 'du') &&
      LEXICON.orgHeads.matchEndingAt(tokens, i - 1, from) > 0
    )
      return 'organization';
  }
  if (LEXICON.places.matchAt(tokens, from, to) === to - from) return 'place';
  if (givenName(first.key) && to - from >= 2 && to - from <= 4) return 'person';
  if (LEXICON.placeHeads.has(last.key) && to - from >= 2) return 'place';
  if (to - from === 1 && LEXICON.demonyms.has(first.key)) return 'other';
  if (LEXICON.familyFirst.has(first.key) && to - from >= 2 && to - from <= 3) return 'person';
  if (to - from === 1 && first.upper && first.end - first.start >= 2) return 'organization';
  return 'other';
}

/** The gender a word before or in a name says (honorific, gendered title, given name). */
function genderOf(tokens: readonly Token[], from: number, to: number): Gender | null {
  for (let i = from; i < to; i++) {
    const key = tokens[i]!.key;
    if (LEXICON.femaleWords.has(key)) return 'female';
    if (LEXICON.maleWords.has(key)) return 'male';
  }
  return null;
}

/**
 * Names, titles and pronouns of the text, in order. Names inside quotations are kept (a
 * quotation may name someone the page later quotes) and marked.
 */
export function recognize(input: RecognizeInput): Recognized {
  const { doc, quoted, known } = input;
  const { tokens, text } = doc;
  const mentions: Mention[] = [];
  const kbOf: (string | null)[] = [];

  // Words the text also writes in lower case are ordinary words when they open a sentence.
  const lowerSeen = new Set<string>();
  for (const t of tokens) if (t.kind === 'word' && !t.cap && !t.upper) lowerSeen.add(t.key);
  // …unless the text also capitalises them mid-sentence ("says Early" makes "Early says" a name).
  const capitalSeen = new Set<string>();
  tokens.forEach((t, i) => {
    if (t.kind === 'word' && t.cap && !t.upper && !atClauseStart(doc, i)) capitalSeen.add(t.key);
  });

  // Last words of longer capitalised runs: "Doctor" alone is a name where "Ken Doctor" is.
  const surnamesSeen = new Set<string>();
  for (const p of doc.paragraphs) {
    for (const run of capitalRuns(doc, p.from, p.to)) {
      if (run.to - run.from >= 2) surnamesSeen.add(tokens[run.to - 1]!.key);
    }
  }

  /**
   * Names in Chinese characters read so far, to be read again without the evidence that found
   * them: Chinese names (王毅, 陈女士, 周睿) and the family names of foreign ones (汉森).
   */
  const hanNamesSeen = new Set<string>();

  // KB mentions by their first token.
  const kbStart = new Map<number, { to: number; id: string }>();
  {
    let k = 0;
    for (const m of input.kbMentions) {
      while (k < tokens.length && tokens[k]!.start < m.span.start) k++;
      let end = k;
      while (end < tokens.length && tokens[end]!.start < m.span.end) end++;
      if (end > k) kbStart.set(k, { to: end, id: m.entityId });
    }
  }

  const push = (m: Mention, kb: string | null) => {
    mentions.push(m);
    kbOf.push(kb);
  };

  const nameMention = (
    from: number,
    to: number,
    titleFrom: number,
    kbId: string | null,
    kindHint: MentionKind | null,
  ) => {
    const titled = titleFrom < from;
    const kbEntity = kbId ? known.entity(kbId) : null;
    const kind = kindHint ?? kindOfName(doc, from, to, titled, kbEntity ? kbEntity.kind : null);
    // An institution's country belongs to the name the page gives it: "China’s Commerce Ministry".
    const owner = tokens[from - 1];
    if (
      kind === 'organization' &&
      !kbId &&
      titleFrom === from &&
      owner &&
      owner.outer > owner.end &&
      owner.outer === tokens[from]!.start - 1 &&
      (LEXICON.places.matchAt(tokens, from - 1, from) === 1 || kbStart.get(from - 1))
    ) {
      push(
        {
          from,
          to,
          start: owner.start,
          end: tokens[to - 1]!.end,
          kind,
          form: 'name',
          text: text.slice(owner.start, tokens[to - 1]!.end).replace(/\s+/g, ' '),
          titleFrom: from - 1,
          title: null,
          gender: null,
          entity: -1,
          inQuote: quoted[from] === 1,
        },
        null,
      );
      return;
    }
    const titleText = titled
      ? text.slice(tokens[titleFrom]!.start, tokens[from - 1]!.end).replace(/\s+/g, ' ')
      : null;
    push(
      {
        from,
        to,
        start: tokens[from]!.start,
        end: tokens[to - 1]!.end,
        kind,
        form: 'name',
        // A dot lost to the page's encoding ("斯蒂芬妮?席尔霍尔茨") is shown as the dot it was.
        text: text
          .slice(tokens[from]!.start, tokens[to - 1]!.end)
          .replace(/\s+/g, ' ')
          .replace(/(?<=\p{Script=Han})\?(?=\p{Script=Han})/gu, '·'),
        titleFrom,
        title: titleText,
        gender: genderOf(tokens, titleFrom, from) ?? genderOfGiven(tokens[from]!.key, to - from),
        entity: -1,
        inQuote: quoted[from] === 1,
      },
      kbId,
    );
  };

  for (const p of doc.paragraphs) {
    let i = p.from;
    const runs = capitalRuns(doc, p.from, p.to);
    let r = 0;
    while (i < p.to) {
      const t = tokens[i]!;
      const kb = kbStart.get(i);
      // Knowledge-base names that are not capitalised runs (Chinese names, "the White House").
      if (kb && (t.kind === 'cjk' || !capWord(t))) {
        const entity = known.entity(kb.id);
        if (entity && entity.kind !== 'other') {
          nameMention(i, kb.to, hanTitleStart(doc, i), kb.id, null);
          i = kb.to;
          continue;
        }
      }
      if (t.kind === 'cjk') {
        const foreign = transliteratedName(doc, i, p.to, hanNamesSeen);
        if (foreign) {
          nameMention(foreign.from, foreign.to, hanTitleStart(doc, foreign.from), null, 'person');
          if (foreign.surname >= 0) hanNamesSeen.add(keysBetween(doc, foreign.surname, foreign.to));
          i = foreign.to;
          continue;
        }
        // A name the page gave before, now without a title or a verb: 汉森 after 戴夫·汉森,
        // 周睿原计划 after 周睿（化名）.
        const again = knownNameAt(doc, i, p.to, hanNamesSeen);
        if (again) {
          nameMention(i, again, hanTitleStart(doc, i), null, 'person');
          i = again;
          continue;
        }
        const han = hanName(doc, i, p.to);
        if (han) {
          nameMention(han.from, han.to, han.titleFrom, null, 'person');
          hanNamesSeen.add(keysBetween(doc, han.from, han.to));
          i = han.to;
          continue;
        }
        const pronoun = hanPronoun(doc, i);
        if (pronoun) {
          push(pronounMention(doc, i, i + pronoun.length, pronoun.gender, quoted), null);
          i += pronoun.length;
          continue;
        }
        i++;
        continue;
      }
      // A title or a pronoun, also capitalised at a sentence's start ("The minister said", "He
      // said"), unless it opens a name ("He Lifeng").
      if (t.kind === 'word' && (!t.cap || atClauseStart(doc, i))) {
        const title = titleMention(doc, i, p.to, quoted);
        if (title) {
          // A name the KB knows inside it is that entity ("the Chinese foreign ministry").
          let known = false;
          for (let k = i + 1; k < title.to && !known; k++) {
            const kb = kbStart.get(k);
            if (kb && kb.to === title.to) {
              nameMention(k, kb.to, i, kb.id, null);
              known = true;
            }
          }
          if (!known) push(title.mention, null);
          i = title.to;
          continue;
        }
        const gender = pronounGender(t.key);
        const next = tokens[i + 1];
        const opensName =
          t.cap && next !== undefined && capWord(next) && LEXICON.familyFirst.has(t.key);
        if (gender !== undefined && !opensName) {
          if (!quoted[i]) push(pronounMention(doc, i, i + 1, gender, quoted), null);
          i++;
          continue;
        }
      }
      while (r < runs.length && runs[r]!.to <= i) r++;
      const run = runs[r];
      if (run && run.from <= i && i < run.to) {
        i = readRun({ from: i, to: run.to }) ?? run.to;
        continue;
      }
      i++;
    }

    /** "He Lifeng": a family name that is also a common word, opening a two-word name. */
    function familyNameFirst(at: number, to: number): boolean {
      return (
        to - at >= 2 &&
        to - at <= 3 &&
        LEXICON.familyFirst.has(tokens[at]!.key) &&
        !LEXICON.notNames.has(tokens[at + 1]!.key)
      );
    }

    /**
     * "Talking about his record, he said", "Building a business … gives you": a lone capitalised
     * word in -ing opening a clause and followed by a lower-case word is a verb, not a name,
     * unless the text also capitalises it elsewhere or knows it as a name.
     */
    function openingParticiple(at: number, to: number): boolean {
      const { key } = tokens[at]!;
      if (to - at !== 1 || key.length < 6 || !key.endsWith('ing')) return false;
      const next = tokens[at + 1];
      if (!next || next.kind !== 'word' || next.cap || next.upper) return false;
      return !capitalSeen.has(key) && !givenName(key) && !kbStart.has(at);
    }

    /**
     * "Children growing up …": a lone capitalised word opening a clause that English usually
     * writes in lower case, and that the text never gives as the last word of a name.
     */
    function commonAlone(at: number, to: number): boolean {
      const { key } = tokens[at]!;
      return to - at === 1 && LEXICON.commonWords.has(key) && !surnamesSeen.has(key);
    }

    /** Mentions of one capitalised run; returns where reading goes on. */
    function readRun(run: Run): number | undefined {
      let from = run.from;
      // Articles, prepositions and conjunctions never open a name, wherever they stand ("To
      // LeBron James" in a capitalised heading).
      while (from < run.to - 1 && FUNCTION_WORDS.has(tokens[from]!.key)) from++;
      // Ordinary words opening a sentence ("The", "But", "Officials") are not names.
      while (
        from < run.to &&
        atClauseStart(doc, from) &&
        !familyNameFirst(from, run.to) &&
        (LEXICON.notNames.has(tokens[from]!.key) ||
          openingParticiple(from, run.to) ||
          ((lowerSeen.has(tokens[from]!.key) || commonAlone(from, run.to)) &&
            !capitalSeen.has(tokens[from]!.key) &&
            !givenName(tokens[from]!.key) &&
            !kbStart.has(from) &&
            !LEXICON.titles.matchAt(tokens, from, run.to) &&
            !LEXICON.honorifics.matchAt(tokens, from, run.to)))
      ) {
        from++;
      }
      // "Big Machine": an ordinary word opening a name whose other words are no ordinary words.
      if (
        from === run.from + 1 &&
        run.to - from === 1 &&
        !LEXICON.notNames.has(tokens[run.from]!.key) &&
        !lowerSeen.has(tokens[from]!.key) &&
        !givenName(tokens[from]!.key) &&
        !LEXICON.titles.matchAt(tokens, from, run.to) &&
        !LEXICON.demonyms.has(tokens[run.from]!.key) &&
        !LEXICON.places.matchAt(tokens, from, run.to)
      ) {
        from = run.from;
      }
      // Months and days are never names ("Monday", "June 19").
      while (from < run.to && LEXICON.calendar.has(tokens[from]!.key) && !kbStart.has(from)) from++;
      if (from >= run.to) return run.to;
      // An organisation named after a place ("China Coast Guard", "China Daily") is one name.
      if (orgNameLength(tokens, from, run.to) === run.to - from && run.to - from >= 2) {
        readPlainRun({ from, to: run.to });
        return run.to;
      }
      // A KB name inside the run decides its extent ("U.S. Secretary of State Antony Blinken").
      let at = from;
      while (at < run.to) {
        const kb = kbStart.get(at);
        if (kb && kb.to <= run.to) {
          const entity = known.entity(kb.id);
          const kind = entity ? entity.kind : null;
          let titleFrom = kind === 'person' ? titleStart(doc, from, at) : at;
          if (at > from && titleFrom === at) readPlainRun({ from, to: at });
          // A KB alias that carries a title ("President Xi Jinping"): the title stays apart.
          let nameFrom = at;
          if (kind === 'person') {
            const split = titlePrefixEnd(tokens, { from: at, to: kb.to });
            if (split > at) {
              nameFrom = split;
              titleFrom = Math.min(titleFrom, at);
            }
          }
          nameMention(nameFrom, kb.to, titleFrom, kb.id, null);
          from = kb.to;
          at = kb.to;
          continue;
        }
        at++;
      }
      if (from < run.to) readPlainRun({ from, to: run.to });
      return run.to;
    }

    function readPlainRun(run: Run) {
      const nameStart = titlePrefixEnd(tokens, run);
      const from = nameStart;
      const to = run.to;
      if (to <= from) return;
      // A lower-case title right before the run names a person ("spokesman Matthew Miller").
      let titleFrom = nameStart > run.from ? run.from : from;
      if (titleFrom === from) titleFrom = lowerTitleBefore(doc, from);
      const resolved = known.resolve(
        tokens
          .slice(from, to)
          .filter((t) => t.kind !== 'punct')
          .map((t) => t.key)
          .join(' '),
      );
      // A one-word run that is an ordinary word of the text, not at a sentence start, is still
      // a name (mid-sentence capitals are names); a lone title word is not.
      if (
        to - from === 1 &&
        LEXICON.titles.hasWord(tokens[from]!.key) &&
        nameStart === run.from &&
        !surnamesSeen.has(tokens[from]!.key)
      )
        return;
      nameMention(from, to, titleFrom, resolved, null);
    }
  }
  return { mentions, kb: kbOf };
}

/** The gender a given name alone suggests (not for one-word mentions, which are surnames). */
function genderOfGiven(key: string, words: number): Gender | null {
  if (words < 2) return null;
  const g = givenName(key);
  return g === 'female' || g === 'male' ? g : null;
}

/** Start of a title written before a name inside the same run, e.g. "President" before "Xi". */
function titleStart(doc: DocText, runFrom: number, nameFrom: number): number {
  const end = titlePrefixEnd(doc.tokens, { from: runFrom, to: nameFrom + 1 });
  return end === nameFrom && runFrom < nameFrom ? runFrom : lowerTitleBefore(doc, nameFrom);
}

/**
 * Where a lower-case title right before a name starts ("spokesman Matthew Miller", "State
 * Department spokesman Matthew Miller", "chief executive Tim Cook"), or `from` when there is none.
 */
function lowerTitleBefore(doc: DocText, from: number): number {
  const { tokens, text } = doc;
  const prev = tokens[from - 1];
  if (!prev || prev.kind !== 'word' || !isSpaceGap(text, prev, tokens[from]!)) return from;
  const n = LEXICON.titles.matchEndingAt(tokens, from - 1, Math.max(0, from - 4));
  if (n === 0) return from;
  let start = from - n;
  // Qualifiers of the title: "State Department", "Chinese", "senior".
  while (start > 0) {
    const t = tokens[start - 1]!;
    if (t.kind !== 'word' || !isSpaceGap(text, t, tokens[start]!)) break;
    if (t.cap || LEXICON.demonyms.has(t.key) || t.key === 'senior' || t.key === 'top') start--;
    else break;
    if (from - start > 6) break;
  }
  return start;
}

/** Chinese titles right before a name: 外交部发言人汪文斌. */
function hanTitleStart(doc: DocText, from: number): number {
  const n = LEXICON.titles.matchEndingAt(doc.tokens, from - 1, Math.max(0, from - 10));
  return n > 0 ? from - n : from;
}

/**
 * A Chinese personal name the KB does not know: a family name and one or two characters, right
 * after a title (发言人汪文斌) or right before a verb of saying (王毅表示).
 */
function hanName(
  doc: DocText,
  i: number,
  end: number,
): { from: number; to: number; titleFrom: number } | null {
  const { tokens } = doc;
  const one = tokens[i]!.key;
  const two = i + 1 < end ? one + tokens[i + 1]!.key : '';
  const surname = LEXICON.hanSurnames.has(two) ? 2 : LEXICON.hanSurnames.has(one) ? 1 : 0;
  if (surname === 0) return null;
  const titleFrom = hanTitleStart(doc, i);
  // A name starts where a word can, or after a word for a person (…人, …员, …家), not inside a
  // word ("声明中称" holds no name).
  // (When no word can start at `i`, a character comes right before it.)
  if (!opensHanWord(doc, i) && !LEXICON.hanPersonEndings.has(tokens[i - 1]!.key)) return null;
  // A family name and an honorific: 陈女士, 王先生 (how a page names someone who asked not to be
  // named in full).
  const honorific = LEXICON.honorifics.matchAt(tokens, i + surname, end);
  if (honorific > 0) return { from: i, to: i + surname + honorific, titleFrom };
  const fits = (given: number) => {
    const to = i + surname + given;
    if (to > end) return null;
    for (let k = i; k < to; k++) if (tokens[k]!.kind !== 'cjk') return null;
    return { to, verb: LEXICON.speechVerbs.matchAt(tokens, to, end) > 0 };
  };
  const long = fits(2);
  const short = fits(1);
  // A name the page marks as a pseudonym or a transliteration: 周睿（化名）.
  for (const form of [long, short]) {
    if (
      form &&
      HAN_NAME_NOTE.test(doc.text.slice(tokens[form.to - 1]!.end, tokens[form.to - 1]!.end + 6))
    )
      return { from: i, to: form.to, titleFrom };
  }
  // Two given characters unless the second is a word that follows names (毛宁在, 毛宁还说).
  const longFits = long !== null && !LEXICON.hanAfterName.has(tokens[long.to - 1]!.key);
  // A verb of saying right after the name says where it ends (王毅表示, 李强表示).
  if (long?.verb && longFits) return { from: i, to: long.to, titleFrom };
  if (short && (short.verb || (long?.verb && !longFits)))
    return { from: i, to: short.to, titleFrom };
  if (titleFrom === i) return null;
  if (longFits) return { from: i, to: long.to, titleFrom };
  return short ? { from: i, to: short.to, titleFrom } : null;
}

/** A note in brackets right after a name: a pseudonym (化名) or a transliteration (音译). */
const HAN_NAME_NOTE = /^[（(]\s*(?:化名|音译|译音)\s*[)）]/;

/**
 * A foreign name written in Chinese characters, its parts joined by a middle dot: 戴夫·汉森,
 * 斯蒂芬妮·席尔霍尔茨. Each part is two to five characters. Returns the end token, or 0.
 */
function transliteratedName(
  doc: DocText,
  i: number,
  end: number,
  known: ReadonlySet<string>,
): { from: number; to: number; surname: number } | null {
  const { tokens } = doc;
  if (!opensHanWord(doc, i)) return null;
  let j = i;
  let parts = 0;
  let partLength = 0;
  /** Where the first part ends (its dot). */
  let firstDot = -1;
  /** Whether the last part ended at a boundary, not at the five-character limit. */
  let clear = true;
  while (j < end && tokens[j]!.kind === 'cjk') {
    partLength++;
    const next = tokens[j + 1];
    j++;
    const dot = nameDotAfter(doc, j - 1, end);
    if (dot > 0) {
      if (partLength < 2 || partLength > 5) return null;
      if (parts === 0) firstDot = j;
      parts++;
      partLength = 0;
      j = dot;
      continue;
    }
    if (!next || next.start !== tokens[j - 1]!.end) break;
    // Before the first dot: the first part goes on (戴夫), up to five characters.
    if (parts === 0) {
      if (partLength >= 5) return null;
      continue;
    }
    // A family name the page gave before ends here: 戴夫?汉森 in 戴夫?汉森这样的专家.
    if (known.has(keysBetween(doc, j - partLength, j))) break;
    // …or a word that is not part of a name begins: 这样, 的, 等.
    if (partLength >= 2 && LEXICON.hanWordBefore.has(next.key)) break;
    if (partLength >= 2 && (LEXICON.speechVerbs.matchAt(tokens, j, end) > 0 || next.kind !== 'cjk'))
      break;
    if (partLength >= 5) {
      clear = false;
      break;
    }
  }
  if (parts === 0 || partLength < 2) return null;
  // The first part may have taken in a title or a word before the name: 宇航员巴兹, 在和尼尔.
  let from = i;
  for (let k = i + 1; k <= firstDot - 2; k++) {
    if (hanTitleStart(doc, k) < k || LEXICON.hanWordBefore.has(tokens[k - 1]!.key)) from = k;
  }
  return { from, to: j, surname: clear ? j - partLength : -1 };
}

/**
 * The token after the dot that joins two parts of a foreign name, when one follows token `k`
 * (·, ・, or a "?" where a page lost the dot's encoding); 0 otherwise.
 */
function nameDotAfter(doc: DocText, k: number, end: number): number {
  const { tokens, text } = doc;
  const next = tokens[k + 1];
  if (!next || k + 1 >= end) return 0;
  const gap = text.slice(tokens[k]!.end, next.start);
  if (DOTS.has(gap)) return next.kind === 'cjk' ? k + 1 : 0;
  if (gap !== '' || next.kind !== 'punct' || !DOTS.has(text.slice(next.start, next.end))) return 0;
  const after = tokens[k + 2];
  return after && after.kind === 'cjk' && after.start === next.end && k + 2 < end ? k + 2 : 0;
}

const DOTS = new Set(['·', '・', '?']);

/** The keys of tokens [from, to) run together (Chinese characters). */
function keysBetween(doc: DocText, from: number, to: number): string {
  let out = '';
  for (let k = from; k < to; k++) out += doc.tokens[k]!.key;
  return out;
}

/**
 * Whether a Chinese word can start at token `i`: after a boundary (punctuation, space, another
 * script), a title (教授戴夫·汉森) or a character that ends a phrase (像, 的, 和…); unspaced text
 * shows no other word boundary.
 */
function opensHanWord(doc: DocText, i: number): boolean {
  const prev = doc.tokens[i - 1];
  if (!prev || prev.kind !== 'cjk' || prev.end !== doc.tokens[i]!.start) return true;
  return hanTitleStart(doc, i) < i || LEXICON.hanWordBefore.has(prev.key);
}

/** The end token of one of `names` written at token `i` as a word of its own, or 0. */
function knownNameAt(doc: DocText, i: number, end: number, names: ReadonlySet<string>): number {
  if (names.size === 0 || !opensHanWord(doc, i)) return 0;
  const { tokens } = doc;
  let best = 0;
  for (const name of names) {
    const to = i + name.length;
    if (to > end || to <= best) continue;
    let same = true;
    for (let k = 0; k < name.length && same; k++) {
      const t = tokens[i + k]!;
      same =
        t.kind === 'cjk' && t.key === name[k] && (k === 0 || tokens[i + k - 1]!.end === t.start);
    }
    if (same) best = to;
  }
  return best;
}

function hanPronoun(doc: DocText, i: number): { length: number; gender: Gender | null } | null {
  const t = doc.tokens[i]!;
  const next = doc.tokens[i + 1];
  if (t.key !== '他' && t.key !== '她') return null;
  if (next && next.key === '们') return { length: 2, gender: null };
  return { length: 1, gender: t.key === '她' ? 'female' : 'male' };
}

/**
 * The gender of a third-person subject pronoun (the ones that can stand for a speaker); null for
 * "they" and German "sie"; undefined for any other word.
 */
function pronounGender(key: string): Gender | null | undefined {
  return THIRD_PERSON.get(key);
}

const THIRD_PERSON = new Map<string, Gender | null>([
  ['he', 'male'],
  ['she', 'female'],
  ['they', null],
  ['er', 'male'],
  ['sie', null],
  ['il', 'male'],
  ['elle', 'female'],
  ['ils', null],
  ['elles', null],
]);

function pronounMention(
  doc: DocText,
  from: number,
  to: number,
  gender: Gender | null,
  quoted: Uint8Array,
): Mention {
  const { tokens, text } = doc;
  const plural = gender === null && !['sie', 'er'].includes(tokens[from]!.key);
  return {
    from,
    to,
    start: tokens[from]!.start,
    end: tokens[to - 1]!.end,
    kind: plural ? 'other' : 'person',
    form: 'pronoun',
    text: text.slice(tokens[from]!.start, tokens[to - 1]!.end),
    titleFrom: from,
    title: null,
    gender,
    entity: -1,
    inQuote: quoted[from] === 1,
  };
}

/** Words that never open a name. */
const FUNCTION_WORDS = new Set(
  'the a an to of in on at for with from by and or but as into onto upon about der die das ein eine und oder mit von zu im am für le la les un une et ou dans pour par avec'.split(
    ' ',
  ),
);

/** Words that end a title's run of qualifiers: they begin another phrase. */
const NOT_QUALIFIERS = new Set(
  'the a an and or but of to in on at by for with from as that this who which whose said says is was are were has have had will would not also der die das und oder von mit zu le la les et ou de du des à'.split(
    ' ',
  ),
);

const DETERMINERS = new Set(
  'the a an one another his her their its our this that der die das ein eine einer le la les un une l son sa ses leur'.split(
    ' ',
  ),
);

/**
 * A title used as a mention: a determiner, up to three qualifiers, and a title, an
 * organisation word or an unnamed source's noun ("the spokeswoman", "a senior official", "the
 * ministry", "his Chinese counterpart", "China's top diplomat"). Not when a name follows
 * (then the title belongs to the name).
 */
function titleMention(
  doc: DocText,
  i: number,
  end: number,
  quoted: Uint8Array,
): { mention: Mention; to: number } | null {
  const { tokens, text } = doc;
  const t = tokens[i]!;
  const possessor = i > 0 && tokens[i - 1]!.outer > tokens[i - 1]!.end;
  if (!DETERMINERS.has(t.key) && !possessor) return null;
  let j = possessor ? i : i + 1;
  for (let q = 0; q < 4 && j < end; q++) {
    const w = tokens[j]!;
    if (w.kind !== 'word') return null;
    const title = LEXICON.titles.matchAt(tokens, j, end);
    const unnamed = LEXICON.unnamedHeads.has(w.key) ? 1 : 0;
    const org = w.cap ? 0 : LEXICON.orgHeads.matchAt(tokens, j, end);
    const n = Math.max(title, unnamed, org);
    if (n > 0) {
      const after = tokens[j + n];
      // A longer title ("the foreign minister") is read whole; a name after it owns it.
      if (
        after &&
        after.kind === 'word' &&
        after.cap &&
        isSpaceGap(text, tokens[j + n - 1]!, after)
      )
        return null;
      if (
        after &&
        after.kind === 'word' &&
        !after.cap &&
        LEXICON.titles.matchAt(tokens, j + n, end)
      )
        continue;
      const head = tokens[j + n - 1]!;
      const kind: MentionKind = org > 0 && org >= title ? 'organization' : 'person';
      // An institution's owner belongs to its name: "China’s commerce ministry".
      const from = possessor && kind === 'organization' && tokens[i - 1]!.cap ? i - 1 : i;
      return {
        mention: {
          from,
          to: j + n,
          start: tokens[from]!.start,
          end: head.end,
          kind,
          form: 'title',
          text: text.slice(tokens[from]!.start, head.end).replace(/\s+/g, ' '),
          titleFrom: from,
          // With its qualifiers: "chinese foreign minister", "treasury chief".
          title: text
            .slice(tokens[possessor ? i : i + 1]!.start, head.end)
            .replace(/\s+/g, ' ')
            .toLowerCase(),
          gender: genderOf(tokens, j, j + n),
          entity: -1,
          inQuote: quoted[from] === 1,
        },
        to: j + n,
      };
    }
    // Qualifiers: "senior", "Chinese", "foreign", "U.S.", "State Department".
    if (!NOT_QUALIFIERS.has(w.key) && !LEXICON.speechVerbs.hasWord(w.key)) {
      j++;
      continue;
    }
    return null;
  }
  return null;
}
