/**
 * The page pipeline, pure over a Document: gate → article body → text map → news? → topic? and,
 * only on a news article about US–China relations, quotes, speakers, entity mentions and corpus
 * links. The content script and `npm run annotate` both call this, so what the CLI prints is
 * what the extension does.
 */
import { gate, type GateResult } from '../dom/gate';
import { textMapOfParagraphs, type TextMap } from '../dom/textmap';
import { extractBody, type BodyResult } from '../extract/body';
import { noiseKind } from '../extract/noise';
import { classifyNews } from '../classify/news';
import { asTopicLexicon, classifyTopic, TOPIC_LEXICON, type TopicLexicon } from '../classify/topic';
import { scanQuotes } from '../text/quotes';
import { attributeSpeakers, type SpeakerResolver } from '../text/speakers';
import { linkQuote, type MatcherIndex } from '../match/link';
import { aliasKey } from '../match/normalize';
import type {
  EntityMention,
  EntitySummary,
  NewsVerdict,
  PageAnnotation,
  PageQuote,
  TopicVerdict,
} from './types';

export interface AnnotateOptions {
  /** Run the pipeline even when the gate finds no article-sized text (the CLI's `--force`). */
  skipGate?: boolean;
  /** Annotate whatever the verdicts (for inspecting a page that stays quiet by default). */
  always?: boolean;
  /** Resolves speaker names and titles; defaults to one over the matcher index's aliases. */
  resolver?: SpeakerResolver;
  /** Stop mapping after this many characters of body text (pathological pages). */
  maxChars?: number;
}

export interface AnnotateResult {
  gate: GateResult;
  body: BodyResult;
  map: TextMap;
  headline: string;
  annotation: PageAnnotation;
}

const EMPTY_MAP: TextMap = { text: '', nodes: [], starts: [] };

/** The headline: the page's h1 (the one nearest the body when there are several), else og:title. */
export function headlineOf(doc: Document, body: BodyResult): string {
  const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
  const h1s = Array.from(doc.getElementsByTagName('h1')).slice(0, 10);
  if (body.root) {
    for (let el: Element | null = body.root; el; el = el.parentElement) {
      const inside = h1s.find((h) => el!.contains(h));
      if (inside && collapse(inside.textContent)) return collapse(inside.textContent);
    }
  }
  const og = doc
    .querySelector('meta[property="og:title"], meta[name="twitter:title"]')
    ?.getAttribute('content');
  if (collapse(og)) return collapse(og);
  if (h1s[0] && collapse(h1s[0].textContent)) return collapse(h1s[0].textContent);
  // "Headline | Site": the site's name is not part of the headline.
  return collapse(doc.title).split(/\s+[|–—-]\s+/)[0] ?? '';
}

/** A speaker resolver over the matcher index: names through its alias table, titles through its role words. */
export function indexResolver(index: MatcherIndex): SpeakerResolver {
  const entity = (id: string) => {
    const e = index.entities[id];
    return e ? { id, name: e.name, type: e.type } : null;
  };
  return {
    resolve(name) {
      const words = name.trim().split(/\s+/);
      // "US Secretary of State Antony Blinken": drop leading words until an alias matches.
      for (let i = 0; i < words.length; i++) {
        const entry = index.aliases[aliasKey(words.slice(i).join(' '))];
        if (entry && entry.ids.length === 1) return entity(entry.ids[0]!);
      }
      return null;
    },
    resolveTitle(title) {
      const words = new Set(
        aliasKey(title)
          .split(/[\s,]+/)
          .filter(Boolean),
      );
      let found: string | null = null;
      for (const t of index.titles) {
        if (t.words.length > 0 && t.words.every((w) => words.has(w))) {
          if (found && found !== t.id) return null;
          found = t.id;
        }
      }
      return found ? entity(found) : null;
    },
  };
}

function quiet(
  gateResult: GateResult,
  body: BodyResult,
  map: TextMap,
  headline: string,
  news: NewsVerdict,
  topic: TopicVerdict,
): AnnotateResult {
  return {
    gate: gateResult,
    body,
    map,
    headline,
    annotation: { news, topic, active: false, quotes: [], mentions: [], entities: [] },
  };
}

export function annotate(
  doc: Document,
  index: MatcherIndex,
  options: AnnotateOptions = {},
): AnnotateResult {
  const gateResult = gate(doc);
  if (!gateResult.passed && !options.skipGate) {
    const reason = `no article-sized text (${gateResult.reason})`;
    const empty = extractBodyless();
    return quiet(
      gateResult,
      empty,
      EMPTY_MAP,
      '',
      { news: false, score: 0, reasons: [reason] },
      { relevant: false, score: 0, reasons: [reason] },
    );
  }

  const body = extractBody(doc, { noise: noiseKind });
  const map = textMapOfParagraphs(
    body.paragraphs.map((p) => p.nodes),
    options.maxChars === undefined ? {} : { maxChars: options.maxChars },
  );
  const paragraphs = body.paragraphs.map((p) => p.text);
  const headline = headlineOf(doc, body);
  const news = classifyNews({
    doc,
    paragraphs,
    pageChars: body.pageChars,
    pageLinkChars: body.pageLinkChars,
  });
  const lexicon: TopicLexicon = asTopicLexicon(index.topic) ?? TOPIC_LEXICON;
  const topicScore = classifyTopic({ headline, paragraphs }, { lexicon });
  // The topic is a property of an article: an index of US–China stories is not one.
  const topic: TopicVerdict = news.news
    ? topicScore
    : { ...topicScore, relevant: false, reasons: [...topicScore.reasons, 'not a news article'] };
  const active = news.news && topic.relevant;
  if (!active && !options.always) return quiet(gateResult, body, map, headline, news, topic);

  const resolver = options.resolver ?? indexResolver(index);
  const spans = scanQuotes(map.text).filter((q) => q.kind === 'quote' && q.depth === 0);
  const speakers = attributeSpeakers(map.text, spans, resolver);
  const seen = new Map<string, number>();
  const quotes: PageQuote[] = spans.map((span, i) => {
    const speaker = speakers[i] ?? null;
    const corpus = linkQuote(span.text, speaker?.entityId ?? null, index);
    const quote: PageQuote = {
      text: span.text,
      span: { start: span.start, end: span.end },
      speaker,
      key: false,
      score: 0,
      corpus,
    };
    const norm = span.text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    const first = seen.get(norm);
    if (first !== undefined) quote.repeatOf = first;
    else seen.set(norm, i);
    return quote;
  });
  rankQuotes(quotes);

  const mentions: EntityMention[] = [];
  const entities: EntitySummary[] = [];
  return {
    gate: gateResult,
    body,
    map,
    headline,
    annotation: { news, topic, active, quotes, mentions, entities },
  };
}

function extractBodyless(): BodyResult {
  return { root: null, paragraphs: [], text: '', via: 'gated out', pageChars: 0, pageLinkChars: 0 };
}

/** Key quotes: said by someone known, or reported by the corpus; repeats never count twice. */
function rankQuotes(quotes: PageQuote[]): void {
  for (const q of quotes) {
    let score = 0;
    if (q.speaker) score += q.speaker.entityId ? 0.5 : 0.3;
    if (q.corpus) score += 0.4 * q.corpus.confidence + 0.2;
    const words = q.text.split(/\s+/).length;
    if (words >= 5) score += 0.1;
    q.score = Math.round(Math.min(1, score) * 1000) / 1000;
    q.key = q.repeatOf === undefined && score >= 0.5;
  }
}
