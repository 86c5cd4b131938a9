/**
 * Builds the knowledge base from the corpus with the same code that reads web pages: the
 * noise filter cleans each article, the quote scanner and speaker attribution find who said
 * what, the alias matcher counts mentions, and quote similarity gathers one statement's
 * wordings across outlets. Curated data (corpus/*.yaml) is checked first and wins where it
 * says more (speaker, date, occasion, wordings a source carries without quote marks).
 */
import { TOPIC_LEXICON } from '../classify/topic';
import { dropNoise, type NoiseKind } from '../extract/noise';
import { findMentions, speakerResolver } from '../match/aliases';
import { buildMatcherIndex, quoteSimilarity, type MatcherIndex } from '../match/link';
import { scanQuotes } from '../text/quotes';
import { attributeSpeakers } from '../text/speakers';
import {
  KbBuildError,
  readCurated,
  type Curated,
  type CuratedQuote,
  type CorpusInput,
  type Evidence,
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

/** Two wordings at least this similar are taken for the same statement. */
export const SAME_STATEMENT = 0.6;

export interface SourceReport {
  source: string;
  /** Paragraphs kept as article text. */
  paragraphs: number;
  dropped: { kind: NoiseKind | 'footer'; text: string }[];
  /** Quotations the scanner found in the article body (outermost ones). */
  quotesFound: number;
  /** Of those, the ones that fell inside a curated wording. */
  matchedCurated: number;
}

export interface BuildReport {
  sources: SourceReport[];
  /** Curated wordings the scanner did not find as quotations (kept as curated). */
  curatedOnly: { quote: string; source: string; text: string }[];
  /** Quotations found automatically that joined no curated quote. */
  autoQuotes: number;
  /** Where speaker attribution names someone else than the curated speaker, for curators. */
  speakerConflicts: { quote: string; source: string; curated: string | null; found: string }[];
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

function slug(text: string, words = 6): string {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
      .split(' ')
      .slice(0, words)
      .join('-') || 'quote'
  );
}

interface Cluster {
  quote: Quote;
  curated: boolean;
  /** Speakers attribution found for the quotations gathered here. */
  speakers: string[];
}

function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  let bestCount = 0;
  for (const [v, n] of counts) {
    if (n > bestCount) [best, bestCount] = [v, n];
  }
  return best;
}

/** Checks the curated data, then derives mentions, quotes and the rest. */
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
  const draftIndex = buildMatcherIndex({
    sources: curated.sources,
    entities,
    quotes: [],
    events: [],
    discrepancies: [],
  });
  const resolver = speakerResolver(draftIndex);
  const entityById = new Map(entities.map((e) => [e.id, e]));

  const report: BuildReport = { sources: [], curatedOnly: [], autoQuotes: 0, speakerConflicts: [] };
  const clusters: Cluster[] = curated.quotes.map((q: CuratedQuote) => {
    const quote: Quote = { id: q.id, speaker: q.speaker, date: q.date, variants: q.variants };
    if (q.occasion) quote.occasion = q.occasion;
    if (q.speakerName) quote.speakerName = q.speakerName;
    return { quote, curated: true, speakers: [] };
  });
  const foundVariants = new Set<string>();
  const auto: { source: string; text: string; speaker: string | null; speakerName?: string }[] = [];

  for (const source of curated.sources) {
    const file = curated.texts[source.id] ?? '';
    const sourceReport: SourceReport = {
      source: source.id,
      paragraphs: 0,
      dropped: [],
      quotesFound: 0,
      matchedCurated: 0,
    };
    report.sources.push(sourceReport);
    const body = articleBody(file, sourceReport);

    for (const mention of findMentions(body.text, draftIndex)) {
      const entity = entityById.get(mention.entityId);
      if (entity) entity.mentions[source.id] = (entity.mentions[source.id] ?? 0) + 1;
    }

    const spans = scanQuotes(body.text).filter((s) => s.depth === 0);
    const speakers = attributeSpeakers(body.text, spans, resolver);
    sourceReport.quotesFound = spans.length;
    const curatedHere = clusters.flatMap((cluster) =>
      cluster.curated
        ? cluster.quote.variants
            .filter((v) => v.source === source.id)
            .map((v) => ({ cluster, variant: v, at: occurrences(file, v.text) }))
        : [],
    );

    spans.forEach((span, i) => {
      const start = body.toFile(span.start);
      const end = body.toFile(span.end - 1) + 1;
      const speaker = speakers[i] ?? null;
      // The curated wording that covers this quotation best (a one-word wording may occur
      // inside a longer one).
      let hit: (typeof curatedHere)[number] | null = null;
      let hitScore = 0;
      for (const candidate of curatedHere) {
        for (const [s, e] of candidate.at) {
          const overlap = Math.min(e, end) - Math.max(s, start);
          const score = overlap / Math.max(e - s, end - start);
          if (overlap > 0 && score > hitScore) [hit, hitScore] = [candidate, score];
        }
      }
      if (hit) {
        sourceReport.matchedCurated++;
        foundVariants.add(`${hit.cluster.quote.id}\u0000${source.id}\u0000${hit.variant.text}`);
        const said = speaker?.entityId;
        if (said && said !== hit.cluster.quote.speaker) {
          const { id, speaker: curatedSpeaker } = hit.cluster.quote;
          report.speakerConflicts.push({
            quote: id,
            source: source.id,
            curated: curatedSpeaker,
            found: said,
          });
        }
        return;
      }
      if (span.kind !== 'quote') return;
      // The wording must be the source's own; a quotation the scanner joined across
      // paragraphs is taken in its first paragraph's words.
      let text = span.text;
      if (!file.includes(text)) text = file.slice(start, end).split('\n')[0]!.trim();
      if (!text || !file.includes(text)) return;
      const entry: (typeof auto)[number] = { source: source.id, text, speaker: null };
      if (speaker) {
        entry.speaker = speaker.entityId;
        if (!speaker.entityId) entry.speakerName = speaker.name;
      }
      auto.push(entry);
    });
  }

  for (const cluster of clusters) {
    for (const v of cluster.quote.variants) {
      if (!foundVariants.has(`${cluster.quote.id}\u0000${v.source}\u0000${v.text}`)) {
        report.curatedOnly.push({ quote: cluster.quote.id, source: v.source, text: v.text });
      }
    }
  }

  // Same statement, other outlet: join the most similar cluster, else start a new one.
  const usedIds = new Set(clusters.map((c) => c.quote.id));
  for (const found of auto) {
    let best: Cluster | null = null;
    let bestScore = 0;
    for (const cluster of clusters) {
      for (const v of cluster.quote.variants) {
        const score = quoteSimilarity(found.text, v.text);
        if (score > bestScore) [best, bestScore] = [cluster, score];
      }
    }
    if (best && bestScore >= SAME_STATEMENT) {
      best.quote.variants.push({ source: found.source, text: found.text });
      if (found.speaker) best.speakers.push(found.speaker);
      continue;
    }
    report.autoQuotes++;
    let id = `${found.speaker ?? 'unattributed'}-${slug(found.text)}`;
    for (let n = 2; usedIds.has(id); n++)
      id = `${found.speaker ?? 'unattributed'}-${slug(found.text)}-${n}`;
    usedIds.add(id);
    const quote: Quote = {
      id,
      speaker: found.speaker,
      date: sourceById.get(found.source)?.date ?? '',
      variants: [{ source: found.source, text: found.text }],
    };
    if (found.speakerName) quote.speakerName = found.speakerName;
    clusters.push({ quote, curated: false, speakers: found.speaker ? [found.speaker] : [] });
  }
  for (const cluster of clusters) {
    if (!cluster.curated && !cluster.quote.speaker)
      cluster.quote.speaker = mostCommon(cluster.speakers);
    if (!cluster.curated) {
      const dates = cluster.quote.variants.map((v) => sourceById.get(v.source)?.date ?? '');
      cluster.quote.date = dates.sort()[0] ?? cluster.quote.date;
    }
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
    })),
    entities: d.entities,
  }));

  const kb: KnowledgeBase = {
    sources: curated.sources,
    entities,
    quotes: clusters.map((c) => c.quote),
    events,
    discrepancies,
  };
  kb.version = contentHash(JSON.stringify(kb));
  lintDerived(kb);
  // The content script's topic check reads its lexicon from the index it is sent.
  return { kb, matcher: buildMatcherIndex(kb, { topic: TOPIC_LEXICON }), report };
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
