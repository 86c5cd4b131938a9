/**
 * The evidence that a page's quotation reports one of the knowledge base's statements, as
 * features a person could check: the wording (what the quotation shares with everything the
 * outlets and translations said), the speaker (the same entity, another, or none named on either
 * side), and the occasion (the page's date, the years and months named around the quotation, the
 * dated events its paragraph names). Candidates are the statements that share distinctive words
 * with the quotation and the statements of its speaker.
 */
import { fold } from '../doc/tokens';
import type { Doc, Span, Token } from '../doc/types';
import type { MatcherIndex } from '../match/matcher';
import { daysBetween, datesAgree, eventsNamed, saidAround } from './occasion';
import {
  overlap,
  pageFingerprint,
  similarityOf,
  statementsOf,
  type Fingerprint,
  type Overlap,
} from './wording';

export type Features = Record<string, number>;

/** What a page tells about one of its quotations. */
export interface QuoteOnPage {
  text: string;
  span: Span;
  /** The quotation's own tokens. */
  tokens?: readonly Token[];
  /** The speaker's KB entity, when the page's speaker is one. */
  speakerId: string | null;
  /** Whether the page names anyone for it (a person or body the KB may not know). */
  speakerNamed: boolean;
}

/** A statement that the quotation may report, with what speaks for and against it. */
export interface Candidate {
  /** Index into the matcher index's quotes. */
  statement: number;
  /** The wording closest to the page's. */
  variant: number;
  features: Features;
}

/** Statements scored in full per quotation, at most, from the word index. */
const MAX_BY_WORDS = 8;
/** Postings longer than this are skipped when the quotation has rarer words to go by. */
const MAX_POSTING = 200;

const normalized = (s: string) =>
  fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export function candidatesFor(
  doc: Doc,
  quote: QuoteOnPage,
  index: MatcherIndex,
  published: string | null,
): Candidate[] {
  const statements = statementsOf(index);
  const own = pageFingerprint(quote.text, index, quote.tokens);
  const byRarity = [...own.stems]
    .map((s) => ({ s, list: statements.postings.get(s) }))
    .filter((x): x is { s: string; list: number[] } => x.list !== undefined)
    .sort((a, b) => a.list.length - b.list.length);
  const votes = new Map<number, number>();
  for (const [k, { s, list }] of byRarity.entries()) {
    if (k > 0 && list.length > MAX_POSTING) break;
    const w = statements.weight(s);
    const seen = new Set<number>();
    for (const v of list) {
      const q = index.variants[v]!.quote;
      if (seen.has(q)) continue;
      seen.add(q);
      votes.set(q, (votes.get(q) ?? 0) + w);
    }
  }
  const chosen = new Set(
    [...votes.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_BY_WORDS)
      .map(([q]) => q),
  );
  if (quote.speakerId) {
    index.quotes.forEach((q, i) => {
      if (q.speaker === quote.speakerId) chosen.add(i);
    });
  }
  if (chosen.size === 0) return [];

  const said = saidAround(doc, quote.span);
  const events = eventsNamed(doc, quote.span, index);
  const exact = normalized(quote.text);

  const candidates: Candidate[] = [];
  /** Each candidate's wording similarity, whatever the quotation's length. */
  const similarities: number[] = [];
  for (const i of chosen) {
    const statement = index.quotes[i]!;
    let best: { variant: number; o: Overlap; score: number } | null = null;
    for (const v of statements.wordings[i]!) {
      const o = overlap(own, statements.prints[v]!, statements.weight);
      const score = similarityOf(o, own.weight);
      if (!best || score > best.score) best = { variant: v, o, score };
    }
    if (!best) continue;
    const vocabulary = overlap(own, statements.vocabularies[i]!, statements.weight);
    const f: Features = {};
    wordingFeatures(f, own, best.o, best.score, vocabulary);
    if (statements.wordings[i]!.some((v) => normalized(index.variants[v]!.text) === exact))
      f['words.verbatim'] = 1;
    speakerFeatures(f, quote, statement.speaker, statements.bySpeaker);
    occasionFeatures(f, statement.date, published, said, events);
    combinedFeatures(f);
    candidates.push({ statement: i, variant: best.variant, features: f });
    similarities.push(best.score);
  }
  // How the candidates compare: the best wording, and by how much.
  const top = Math.max(...similarities);
  const second = Math.max(0, ...similarities.filter((_, k) => k !== similarities.indexOf(top)));
  candidates.forEach((c, k) => {
    if (similarities[k] === top && top > 0) {
      c.features['rank.best'] = 1;
      c.features['rank.margin'] = top - second;
    }
  });
  return candidates;
}

function wordingFeatures(
  f: Features,
  own: Fingerprint,
  best: Overlap,
  score: number,
  vocabulary: Overlap,
): void {
  // A wording of a word or two matches many statements perfectly: its agreement is evidence in
  // proportion to how much wording there is.
  const size = Math.min(1, own.weight / 2.5);
  f['words.similarity'] = score * size;
  f['words.covered'] = vocabulary.covered * size;
  f['words.coveredBy'] = best.coveredBy * size;
  f['words.dice'] = best.dice * size;
  f['chars.dice'] = best.chars * size;
  f['words.shared'] = Math.log1p(vocabulary.shared) / 2;
  if (own.weight < 2.5) f['words.few'] = 1;
  if (vocabulary.shared === 0) f['words.none'] = 1;
}

function speakerFeatures(
  f: Features,
  quote: QuoteOnPage,
  speaker: string | null,
  bySpeaker: Map<string, number>,
): void {
  if (quote.speakerId && speaker) {
    if (quote.speakerId === speaker) {
      f['speaker.same'] = 1;
      // A speaker with one statement in the corpus leaves less to choose between.
      f['speaker.fewStatements'] = 1 / (bySpeaker.get(speaker) ?? 1);
    } else f['speaker.other'] = 1;
  } else if (!speaker) {
    // The corpus names no one ("a senior US official"): the page may not either, or name a
    // person the corpus did not.
    f[quote.speakerId ? 'speaker.namedForUnnamed' : 'speaker.bothUnnamed'] = 1;
  } else f[quote.speakerNamed ? 'speaker.unknownPerson' : 'speaker.none'] = 1;
}

function occasionFeatures(
  f: Features,
  date: string,
  published: string | null,
  said: ReturnType<typeof saidAround>,
  events: ReturnType<typeof eventsNamed>,
): void {
  if (published) {
    const days = daysBetween(date, published);
    if (days < -1) f['page.before'] = 1;
    else if (days <= 7) f['page.days'] = 1;
    else if (days <= 45) f['page.weeks'] = 1;
    else f['page.later'] = 1;
    // "said on Friday" on a page of a later month: said that week, not on the statement's day.
    if (said.day && days > 7) f['said.dayLater'] = 1;
  } else f['page.undated'] = 1;
  const year = Number(date.slice(0, 4));
  const month = date.length >= 7 ? Number(date.slice(5, 7)) : 0;
  if (said.years.has(year)) f['said.year'] = 1;
  else if (said.years.size > 0) f['said.otherYear'] = 1;
  if (month && said.months.has(month)) f['said.month'] = 1;
  else if (month && said.months.size > 0 && !(said.years.size > 0 && !said.years.has(year)))
    f['said.otherMonth'] = 1;
  if (events.paragraph.some((d) => datesAgree(d, date))) f['event.paragraph'] = 1;
  else if (events.paragraph.length > 0) f['event.otherInParagraph'] = 1;
  if (events.page.some((d) => datesAgree(d, date))) f['event.page'] = 1;
}

/**
 * Evidence that weighs differently together than apart: a fragment of a few words is common
 * property unless the speaker, the occasion or the date backs it.
 */
function combinedFeatures(f: Features): void {
  const backed = f['speaker.same'] || f['event.paragraph'] || f['page.days'] || f['said.month'];
  if (f['words.few'] && !backed) f['few.unbacked'] = 1;
}

/** A wording's words whose stems a quotation shares, in the wording's order, for the card. */
export function sharedWords(
  index: MatcherIndex,
  variant: number,
  text: string,
  tokens?: readonly Token[],
): string[] {
  const own = pageFingerprint(text, index, tokens);
  const print = statementsOf(index).prints[variant]!;
  const common = new Set([...print.stems].filter((s) => own.stems.has(s)));
  if (common.size === 0) return [];
  const words: string[] = [];
  for (const word of index.variants[variant]!.text.split(/[^\p{L}\p{N}'’-]+/u)) {
    if (!word) continue;
    const stems = pageFingerprint(word, index).stems;
    if ([...stems].some((s) => common.has(s)) && !words.includes(word)) words.push(word);
  }
  return words;
}
