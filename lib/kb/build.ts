/**
 * Builds the knowledge base from the corpus with the same code that reads web pages: the
 * noise filter cleans each article, the quote scanner and speaker attribution find who said
 * what, the alias matcher counts mentions, and quote similarity gathers one statement's
 * wordings across outlets. Curated data (corpus/*.yaml) is checked first; for quotes it holds
 * only what the derivation cannot know (speaker corrections, unquoted wordings, merge/split hints).
 */
import { dropNoise, type NoiseKind } from '../extract/noise';
import { completeDocument } from '../annotate/document';
import { attributeQuotes, speakerOf, type Speaker } from '../attribution';
import { readText } from '../doc/text';
import { fold, phraseKey as aliasKey } from '../doc/tokens';
import { findMentions } from '../match/aliases';
import { buildMatcherIndex, type MatcherIndex } from '../match/matcher';
import { contentStems, type Equivalences } from '../match/normalize';
import { clusterQuotes, HintConflict, type QuoteItem } from './cluster';
import {
  KbBuildError,
  readCurated,
  type Curated,
  type CorpusInput,
  type Evidence,
  type Problem,
  type QuoteRef,
} from './curated';
import { contentHash } from './normalize';
import type {
  Entity,
  KnowledgeBase,
  Quote,
  QuoteVariant,
  Source,
  TimelineEvent,
  Discrepancy,
} from './types';

export { SAME_STATEMENT } from './cluster';

export interface SourceReport {
  source: string;
  /** Paragraphs kept as article text. */
  paragraphs: number;
  dropped: { kind: NoiseKind | 'footer'; text: string }[];
  /** Quotations the scanner found in the article body (outermost ones). */
  quotesFound: number;
  /** Of those, the ones taken as statements (not scare quotes, titles or stray headings). */
  taken: number;
}

export type HintKind = 'correction' | 'unquoted' | 'merge' | 'split';

export interface BuildReport {
  sources: SourceReport[];
  /** Quotes whose wordings and speaker the scan, attribution and clustering found alone. */
  derived: number;
  /** Quotes a curated hint shaped (a corrected speaker, an unquoted wording, a merge or split). */
  hinted: number;
  /** Curated hints that changed the result. */
  applied: { id: string; kind: HintKind }[];
  /** Curated hints the build did not need or could not use, and why. */
  unused: { id: string; kind: HintKind; why: string }[];
  /** Speaker corrections: what attribution found and what the curators say instead. */
  corrections: { id: string; source: string; text: string; found: string; now: string }[];
}

export interface BuildResult {
  kb: KnowledgeBase;
  matcher: MatcherIndex;
  report: BuildReport;
}

/** An article's body after noise removal, with a way back to offsets in the file. */
interface Body {
  text: string;
  /** Maps an offset in `text` to the offset in the file. */
  toFile(offset: number): number;
}

function articleBody(file: string, report: SourceReport): Body {
  const { kept, dropped } = dropNoise(file);
  report.paragraphs = kept.length;
  report.dropped = dropped.map(({ kind, text }) => ({ kind, text }));
  const segments: { at: number; fileAt: number }[] = [];
  let text = '';
  for (const paragraph of kept) {
    if (text) text += '\n\n';
    segments.push({ at: text.length, fileAt: paragraph.start });
    text += paragraph.text;
  }
  return {
    text,
    toFile(offset) {
      let segment = segments[0];
      for (const s of segments) {
        if (s.at > offset) break;
        segment = s;
      }
      return segment ? segment.fileAt + (offset - segment.at) : offset;
    },
  };
}

function occurrences(haystack: string, needle: string): [number, number][] {
  const found: [number, number][] = [];
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    found.push([i, i + needle.length]);
  }
  return found;
}

const excerpts = (evidence: Evidence): QuoteVariant[] =>
  Object.entries(evidence).flatMap(([source, texts]) => texts.map((text) => ({ source, text })));

function slug(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .join('-');
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAY = /\b(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/;
const LAST_WEEK = /\blast week\b/i;

/** The date a day name or "last week" in `text` stands for, seen from a source's date. */
function dateSaid(text: string, sourceDate: string): string {
  const day = WEEKDAY.exec(text);
  const published = new Date(`${sourceDate}T12:00:00Z`);
  if (day) {
    const back = (published.getUTCDay() - WEEKDAYS.indexOf(day[1]!.toLowerCase()) + 7) % 7;
    return new Date(published.getTime() - back * 86_400_000).toISOString().slice(0, 10);
  }
  if (LAST_WEEK.test(text)) {
    return new Date(published.getTime() - 7 * 86_400_000).toISOString().slice(0, 7);
  }
  return '';
}

const SENTENCE_END = /[.!?]["'\u2019\u201d\u00bb]?(?=\s|$)/g;

/** The words around a quotation in its sentence, and the two sentences before it in its paragraph. */
function surroundings(body: string, start: number, end: number) {
  const paraStart = body.lastIndexOf('\n', start) + 1;
  const nl = body.indexOf('\n', end);
  const paraEnd = nl < 0 ? body.length : nl;
  const before = body.slice(paraStart, Math.max(paraStart, start - 1));
  const after = body.slice(Math.min(end + 1, paraEnd), paraEnd);
  const ends = [...before.matchAll(SENTENCE_END)].map((m) => m.index + m[0].length);
  const lead = before.slice(ends.at(-1) ?? 0);
  const tailEnd = after.search(/[.!?](?=\s|$)/);
  const tail = tailEnd < 0 ? after : after.slice(0, tailEnd + 1);
  return { own: `${lead} ${tail}`, earlier: before.slice(ends.at(-3) ?? 0, ends.at(-1) ?? 0) };
}

/**
 * When a quotation was said, as its text tells: a day named in its sentence (around the
 * quotation, not inside it), else in the two sentences before it in its paragraph.
 */
function statedDate(body: string, start: number, end: number, sourceDate: string): string {
  const { own, earlier } = surroundings(body, start, end);
  return dateSaid(own, sourceDate) || dateSaid(earlier, sourceDate);
}

/** Who carried the words, as the quotation's sentence says: "according to state broadcaster CCTV". */
function statedChannel(body: string, start: number, end: number): string {
  const { own } = surroundings(body, start, end);
  const channel = /\baccording to ((?:the |a |an )?[^,.;:“”"()\n]{3,80})/i.exec(own)?.[1];
  return channel ? `According to ${channel.trim()}` : '';
}

/** Where a curated wording sits in its source: one range, or a problem to report. */
function locate(file: string, ref: QuoteRef): [number, number] | string {
  const outer = ref.context ?? ref.text;
  const at = occurrences(file, outer);
  if (at.length !== 1) {
    return `"${outer}" occurs ${at.length} times in source "${ref.source}"; give a "context" that occurs once`;
  }
  const start = at[0]![0] + outer.indexOf(ref.text);
  return [start, start + ref.text.length];
}

/** An id for a quote: its speaker and the words its wordings share, rarest first. */
function quoteId(
  quote: Quote,
  holders: ReadonlyMap<string, number>,
  used: Set<string>,
  eq: Equivalences,
): string {
  const who =
    quote.speaker ??
    (quote.speakerName ? slug(quote.speakerName).replace(/^(?:a|an|the)-/, '') : 'unattributed');
  const longest = quote.variants.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  const stemSets = quote.variants.map((v) => new Set(contentStems(v.text, eq)));
  const words = (slug(longest.text).match(/[a-z0-9]+/g) ?? [])
    .map((word, position) => {
      const stem = contentStems(word, eq)[0];
      const shared = stem ? stemSets.filter((set) => set.has(stem)).length : 0;
      return { word, position, shared, rarity: stem ? (holders.get(stem) ?? 0) : Infinity };
    })
    .filter((w) => w.shared > 0 && !who.split('-').includes(w.word));
  const picked = [...words]
    .sort((a, b) => b.shared - a.shared || a.rarity - b.rarity || a.position - b.position)
    .filter((w, i, all) => all.findIndex((x) => x.word === w.word) === i)
    .slice(0, 3)
    .sort((a, b) => a.position - b.position)
    .map((w) => w.word);
  const base = [who, ...picked].join('-');
  let id = base;
  for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
  used.add(id);
  return id;
}

/** Checks the curated data, then derives mentions, quotes and the rest. */
/** An article and an opening mark right before a quotation: it names a thing (“the “spy” balloon”). */
const NAMED_BY_ARTICLE = /\b(?:the|a|an|der|die|das|le|la|les)\s*["“„«]\s*$/i;

export function buildKnowledgeBase(input: CorpusInput): BuildResult {
  const curated: Curated = readCurated(input);
  const sourceById = new Map<string, Source>(curated.sources.map((s) => [s.id, s]));

  const entities: Entity[] = curated.entities.map((e) => {
    const entity: Entity = {
      id: e.id,
      name: e.name,
      type: e.type,
      aliases: e.aliases,
      role: e.role,
      description: e.description,
      facts: e.facts,
      mentions: {},
    };
    if (e.ambiguousAliases.length) entity.ambiguousAliases = e.ambiguousAliases;
    if (e.date) entity.date = e.date;
    return entity;
  });

  // The matcher needs entities only; it is built again below from the finished KB.
  const draftIndex = buildMatcherIndex(
    {
      sources: curated.sources,
      entities,
      quotes: [],
      events: [],
      discrepancies: [],
    },
    curated.equivalences,
  );
  // Mentions are counted in two passes, names and then events and ideas, so that "Nancy
  // Pelosi's visit to Taiwan" counts for the visit and for Pelosi.
  const isIdea = (e: Entity) => e.type === 'event' || e.type === 'concept';
  const mentionIndexes = [entities.filter((e) => !isIdea(e)), entities.filter(isIdea)].map(
    (group) =>
      buildMatcherIndex(
        {
          sources: curated.sources,
          entities: group,
          quotes: [],
          events: [],
          discrepancies: [],
        },
        curated.equivalences,
      ),
  );
  const entityById = new Map(entities.map((e) => [e.id, e]));

  const report: BuildReport = {
    sources: [],
    derived: 0,
    hinted: 0,
    applied: [],
    unused: [],
    corrections: [],
  };
  const problems: Problem[] = [];
  const fail = (entry: string, message: string) =>
    problems.push({ file: 'corpus/quotes.yaml', entry, message });

  /** Every quotation taken as a statement, and the hint that touched it, if any. */
  const items: QuoteItem[] = [];
  const hintedItems = new Set<number>();
  const terms = new Set<number>();
  /** Sentences ("source sentence-number") in which a quotation has a speaker. */
  const spokenSentences = new Set<string>();
  /** How the source says it got each quotation ("According to a Chinese foreign ministry statement"). */
  const channels = new Map<QuoteItem, string>();

  for (const source of curated.sources) {
    const file = curated.texts[source.id] ?? '';
    const sourceReport: SourceReport = {
      source: source.id,
      paragraphs: 0,
      dropped: [],
      quotesFound: 0,
      taken: 0,
    };
    report.sources.push(sourceReport);
    const body = articleBody(file, sourceReport);
    const text = readText(body.text);

    for (const index of mentionIndexes) {
      for (const mention of findMentions(text, index)) {
        const entity = entityById.get(mention.entityId);
        if (entity) entity.mentions[source.id] = (entity.mentions[source.id] ?? 0) + 1;
      }
    }

    const doc = completeDocument(text, draftIndex);
    const spans = doc.quotes;
    // The KB keeps unnamed speakers by the description the source gives ("a US diplomat").
    const speakers = attributeQuotes(doc).map(
      (a): Speaker | null =>
        speakerOf(doc, a) ?? (a.unnamed ? { name: a.unnamed, entityId: null, via: a.via } : null),
    );
    /** Unnamed speakers introduced so far ("a senior State Department official"), by title head. */
    const introduced = new Map<string, string>();
    sourceReport.quotesFound = spans.length;
    let sentence = 0;
    let previous: (typeof spans)[number] | null = null;
    spans.forEach((span, i) => {
      // A sentence break between two quotations, or one ending the earlier quotation.
      if (
        !previous ||
        /[.!?]$/.test(previous.text) ||
        /[.!?]["'\u2019\u201d]?\s|\n/.test(body.text.slice(previous.end, span.start))
      ) {
        sentence++;
      }
      previous = span;
      if (span.kind === 'title') return;
      const start = body.toFile(span.start);
      const end = body.toFile(span.end - 1) + 1;
      // The wording must be the source's own; a quotation the scanner joined across
      // paragraphs is taken in its first paragraph's words.
      let text = span.text;
      if (file.slice(start, end) !== text) text = file.slice(start, end).split('\n')[0]!.trim();
      if (!text || !file.includes(text)) return;
      const paraStart = body.text.lastIndexOf('\n', span.start) + 1;
      const paraEnd = body.text.indexOf('\n', span.end);
      const paragraph = body.text.slice(paraStart, paraEnd < 0 ? undefined : paraEnd);
      // A short line without a sentence's end that quotes the article: a heading.
      const heading = paragraph.length < 100 && !/[.!?,]["'\u2019\u201d]?\s*$/.test(paragraph);
      const speaker = speakers[i] ?? null;
      // A word or three in quote marks that nobody said is a term ("spy" balloon), and so is
      // one an article names as a thing ("the “one China policy”"), unless a curated correction
      // names a speaker for it below.
      const named =
        span.kind === 'scare' &&
        NAMED_BY_ARTICLE.test(body.text.slice(Math.max(0, span.start - 8), span.start));
      if (span.kind === 'scare' && (!speaker || named) && !heading) terms.add(items.length);
      else if (speaker) spokenSentences.add(`${source.id} ${sentence}`);
      const item: QuoteItem = {
        source: source.id,
        text,
        start,
        end: start + text.length,
        speaker: speaker?.entityId ?? null,
        date: statedDate(body.text, span.start, span.end, source.date),
        sourceDate: source.date,
        heading,
        sentence,
      };
      if (speaker && !speaker.entityId) {
        // "the official added" is the official the text introduced before, not a new speaker.
        const head = speaker.name.toLowerCase().split(' ').pop()!;
        const definite = /^the /i.test(speaker.name);
        const name = (definite && introduced.get(head)) || speaker.name;
        if (!definite) introduced.set(head, name);
        item.speakerName = name.charAt(0).toUpperCase() + name.slice(1);
      }
      const channel = statedChannel(body.text, span.start, span.end);
      if (channel) channels.set(item, channel);
      items.push(item);
    });
  }

  /** Items whose wording lies inside a curated wording's range in its source. */
  const itemsAt = (ref: QuoteRef, entry: string): number[] | null => {
    const file = curated.texts[ref.source] ?? '';
    const range = locate(file, ref);
    if (typeof range === 'string') {
      fail(entry, range);
      return null;
    }
    return items.flatMap((item, i) =>
      item.source === ref.source && item.start >= range[0] && item.end <= range[1] ? [i] : [],
    );
  };
  const speakerLabel = (item: { speaker: string | null; speakerName?: string }) =>
    item.speaker ?? (item.speakerName ? `"${item.speakerName}"` : 'nobody');

  for (const c of curated.quotes.corrections) {
    const entry = `corrections ${c.id}`;
    const found = itemsAt(c, entry);
    if (!found) continue;
    const wrong = found.filter(
      (i) =>
        items[i]!.speaker !== c.speaker || (items[i]!.speakerName ?? '') !== (c.speakerName ?? ''),
    );
    if (found.length === 0) {
      report.unused.push({
        id: c.id,
        kind: 'correction',
        why: 'the scan found no quotation there',
      });
      continue;
    }
    if (wrong.length === 0) {
      report.unused.push({ id: c.id, kind: 'correction', why: 'attribution already agrees' });
      continue;
    }
    report.applied.push({ id: c.id, kind: 'correction' });
    for (const i of wrong) {
      const item = items[i]!;
      report.corrections.push({
        id: c.id,
        source: item.source,
        text: item.text,
        found: speakerLabel(item),
        now: speakerLabel(c),
      });
      item.speaker = c.speaker;
      if (c.speakerName) item.speakerName = c.speakerName;
      else delete item.speakerName;
      hintedItems.add(i);
      terms.delete(i);
    }
  }
  // A term in a sentence whose other quotation has a speaker is a fragment of their words
  // (“several fronts,” … “looking to reduce tensions,” an official told reporters), unless an
  // article makes it the name of a thing (“the “one China policy””).
  for (const i of terms) {
    const item = items[i]!;
    const named = NAMED_BY_ARTICLE.test(
      (curated.texts[item.source] ?? '').slice(Math.max(0, item.start - 8), item.start),
    );
    if (!named && spokenSentences.has(`${item.source} ${item.sentence}`)) terms.delete(i);
  }
  // Terms nobody said are no statements; drop them, keeping the other items' numbers in step.
  for (const i of [...terms].sort((a, b) => b - a)) {
    items.splice(i, 1);
    const shifted = [...hintedItems].map((h) => (h > i ? h - 1 : h));
    hintedItems.clear();
    for (const h of shifted) hintedItems.add(h);
  }

  for (const u of curated.quotes.unquoted) {
    const entry = `unquoted ${u.id}`;
    const found = itemsAt(u, entry);
    if (!found) continue;
    const file = curated.texts[u.source] ?? '';
    const range = locate(file, u) as [number, number];
    const overlapping = items.some(
      (item) => item.source === u.source && item.start < range[1] && item.end > range[0],
    );
    if (overlapping) {
      report.unused.push({ id: u.id, kind: 'unquoted', why: 'the scan finds it in quote marks' });
      continue;
    }
    report.applied.push({ id: u.id, kind: 'unquoted' });
    const source = sourceById.get(u.source)!;
    const item: QuoteItem = {
      source: u.source,
      text: u.text,
      start: range[0],
      end: range[1],
      speaker: u.speaker,
      date: u.date ?? '',
      sourceDate: source.date,
      heading: false,
      sentence: -1 - items.length,
    };
    if (u.speakerName) item.speakerName = u.speakerName;
    hintedItems.add(items.length);
    items.push(item);
  }
  // The clustering reads items in source order and, within a source, in text order.
  const order = items
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) =>
        curated.sources.findIndex((s) => s.id === a.item.source) -
          curated.sources.findIndex((s) => s.id === b.item.source) || a.item.start - b.item.start,
    );
  const sorted = order.map((o) => o.item);
  const renumber = new Map(order.map((o, k) => [o.i, k]));
  const hinted = new Set([...hintedItems].map((i) => renumber.get(i)!));

  const resolveHints = (kind: 'merge' | 'split') =>
    (kind === 'merge' ? curated.quotes.merges : curated.quotes.splits).map((h) => {
      const groups = h.wordings.map((w) => {
        const file = curated.texts[w.source] ?? '';
        const range = locate(file, w);
        if (typeof range === 'string') {
          fail(`${kind}s ${h.id}`, range);
          return [];
        }
        return sorted.flatMap((item, i) =>
          item.source === w.source && item.start >= range[0] && item.end <= range[1] ? [i] : [],
        );
      });
      return { hint: h, groups, all: groups.flat() };
    });
  const merges = resolveHints('merge');
  const splits = resolveHints('split');
  if (problems.length) throw new KbBuildError(problems);

  // Which hints the derivation needs: compare with the clusters found without them.
  const plain = clusterQuotes(sorted, { equivalences: curated.equivalences });
  const clusterOf = new Map<number, number>();
  plain.forEach((group, c) => group.forEach((i) => clusterOf.set(i, c)));
  const usedMerges: number[][] = [];
  for (const { hint, groups, all } of merges) {
    if (groups.some((g) => g.length === 0)) {
      report.unused.push({ id: hint.id, kind: 'merge', why: 'a wording holds no quotation' });
    } else if (new Set(all.map((i) => clusterOf.get(i))).size === 1) {
      report.unused.push({ id: hint.id, kind: 'merge', why: 'derived as one quote already' });
    } else {
      usedMerges.push(all);
      report.applied.push({ id: hint.id, kind: 'merge' });
      for (const i of all) hinted.add(i);
    }
  }
  const usedSplits: number[][] = [];
  for (const { hint, groups, all } of splits) {
    const clusters = groups.map((g) => new Set(g.map((i) => clusterOf.get(i))));
    const together = clusters.some((a, x) =>
      clusters.some((b, y) => x !== y && [...a].some((c) => b.has(c))),
    );
    if (groups.some((g) => g.length === 0)) {
      report.unused.push({ id: hint.id, kind: 'split', why: 'a wording holds no quotation' });
    } else if (!together) {
      report.unused.push({ id: hint.id, kind: 'split', why: 'derived as separate quotes already' });
    } else {
      usedSplits.push(all);
      report.applied.push({ id: hint.id, kind: 'split' });
      for (const i of all) hinted.add(i);
    }
  }
  let groups: number[][];
  try {
    groups = clusterQuotes(sorted, {
      merges: usedMerges,
      splits: usedSplits,
      equivalences: curated.equivalences,
    });
  } catch (error) {
    if (!(error instanceof HintConflict)) throw error;
    const hint = merges.find((m) => m.all === usedMerges[error.hint])!.hint;
    throw new KbBuildError([
      { file: 'corpus/quotes.yaml', entry: `merges ${hint.id}`, message: error.message },
    ]);
  }

  const holders = new Map<string, number>();
  for (const item of sorted) {
    for (const s of contentStems(item.text, curated.equivalences))
      holders.set(s, (holders.get(s) ?? 0) + 1);
  }
  const usedIds = new Set<string>();
  const quotes: Quote[] = groups.map((group) => {
    const members = group.map((i) => sorted[i]!);
    const speaker = members.find((m) => m.speaker)?.speaker ?? null;
    const speakerName = speaker ? undefined : members.find((m) => m.speakerName)?.speakerName;
    const stated = members.map((m) => m.date).filter(Boolean);
    const date =
      stated.find((d) => d.length === 10) ??
      stated[0] ??
      members.map((m) => m.sourceDate).sort()[0]!;
    const variants: QuoteVariant[] = [];
    for (const m of members) {
      if (!variants.some((v) => v.source === m.source && v.text === m.text)) {
        variants.push({ source: m.source, text: m.text });
      }
    }
    const quote: Quote = { id: '', speaker, date, variants };
    // "According to US State Department spokesman Matt Miller" names the speaker, not a channel.
    const names = speaker
      ? [
          entityById.get(speaker)!.name,
          ...entityById.get(speaker)!.aliases,
          ...(entityById.get(speaker)!.ambiguousAliases ?? []),
        ].map(aliasKey)
      : [];
    const occasion = members
      .map((m) => channels.get(m))
      .find((c) => c && !names.some((n) => ` ${aliasKey(c)} `.includes(` ${n} `)));
    if (occasion) quote.occasion = occasion;
    if (speakerName) quote.speakerName = speakerName;
    quote.id = quoteId(quote, holders, usedIds, curated.equivalences);
    if (group.some((i) => hinted.has(i))) report.hinted++;
    else report.derived++;
    return quote;
  });
  for (const s of report.sources) {
    s.taken = sorted.filter((i) => i.source === s.source && i.sentence >= 0).length;
  }

  const events: TimelineEvent[] = curated.events
    .map((e, order) => ({ e, order }))
    .sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.order - b.order))
    .map(({ e }) => {
      const event: TimelineEvent = { id: e.id, date: e.date, title: e.title, sources: e.sources };
      if (e.entity) event.entity = e.entity;
      if (e.entities.length) event.entities = e.entities;
      const ex = excerpts(e.evidence);
      if (ex.length) event.excerpts = ex;
      return event;
    });

  const discrepancies: Discrepancy[] = curated.discrepancies.map((d) => ({
    id: d.id,
    subject: d.subject,
    claims: d.claims.map((c) => ({
      value: c.value,
      sources: c.sources,
      excerpts: excerpts(c.evidence),
      ...(c.error ? { error: c.error } : {}),
    })),
    entities: d.entities,
  }));

  const kb: KnowledgeBase = {
    sources: curated.sources,
    entities,
    quotes,
    events,
    discrepancies,
  };
  kb.version = contentHash(JSON.stringify(kb));
  lintDerived(kb);
  return { kb, matcher: buildMatcherIndex(kb, curated.equivalences), report };
}

/** What the finished KB must hold whatever the derivation did; a failure is a build bug. */
function lintDerived(kb: KnowledgeBase): void {
  const problems: { file: string; entry: string; message: string }[] = [];
  const ids = new Set<string>();
  for (const q of kb.quotes) {
    if (ids.has(q.id))
      problems.push({ file: 'derived quotes', entry: q.id, message: 'duplicate id' });
    ids.add(q.id);
    if (q.variants.length === 0) {
      problems.push({ file: 'derived quotes', entry: q.id, message: 'has no wording' });
    }
  }
  if (problems.length) throw new KbBuildError(problems);
}

/** The knowledge base in exactly the shape of design.md section 3 (no extras). */
export function toContract(kb: KnowledgeBase) {
  return {
    sources: kb.sources.map(({ id, outlet, title, date, language, file }) => ({
      id,
      outlet,
      title,
      date,
      language,
      file,
    })),
    entities: kb.entities.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      // Every alias the corpus uses; the contract has no field for the ambiguous ones.
      aliases: [...new Set([...e.aliases, ...(e.ambiguousAliases ?? [])])],
      role: e.role,
      description: e.description,
      facts: e.facts.map(({ text, sources }) => ({ text, sources })),
      mentions: e.mentions,
    })),
    quotes: kb.quotes.map(({ id, speaker, date, variants }) => ({
      id,
      speaker,
      date,
      variants: variants.map(({ source, text }) => ({ source, text })),
    })),
    events: kb.events.map(({ id, date, title, sources }) => ({ id, date, title, sources })),
    discrepancies: kb.discrepancies.map(({ id, subject, claims }) => ({
      id,
      subject,
      claims: claims.map(({ value, sources }) => ({ value, sources })),
    })),
  };
}
