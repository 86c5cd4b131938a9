/**
 * The page pipeline, pure over a Document: gate → article body → text map → news? → topic? and,
 * only on a news article about US–China relations, quotes, speakers, entity mentions and corpus
 * links. The content script and `npm run annotate` both run these steps, so what the CLI prints
 * is what the extension does: the CLI in one go (`annotate`), the content script in slices that
 * give the main thread back between stages (`annotateInSlices`).
 */
import { gate, type GateResult } from '../dom/gate';
import { textMapOfParagraphs, type TextMap } from '../dom/textmap';
import { extractBody, type BodyResult } from '../extract/body';
import { noiseKind } from '../extract/noise';
import { collapseWhitespace } from '../extract/whitespace';
import { classifyNews } from '../classify/news';
import { classifyTopic } from '../classify/topic';
import { attributeSteps, speakerOf } from '../attribution';
import { readText } from '../doc/text';
import { tokenAt } from '../doc/tokens';
import type { Doc, Token } from '../doc/types';
import { rankQuotes, type RankInput } from '../text/rank';
import { linkQuote } from '../link';
import type { MatcherIndex } from '../match/matcher';
import { publishedDay } from '../extract/published';
import { completeDocumentSteps, readQuotes } from './document';
import { findMentions } from '../match/aliases';
import type { Features } from '../classify/logistic';
import type {
  EntitySummary,
  NewsVerdict,
  PageAnnotation,
  PageQuote,
  Span,
  TopicVerdict,
} from './types';
import { runSteps } from '../steps';

export interface AnnotateOptions {
  /** Run the pipeline even when the gate finds no article-sized text (the CLI's `--force`). */
  skipGate?: boolean;
  /** Annotate whatever the verdicts (for inspecting a page that stays quiet by default). */
  always?: boolean;
  /**
   * Read at most about this many characters of body text (pathological pages): mapping stops
   * after the paragraph that crosses it, and the verdicts, quotes and mentions are taken from
   * the paragraphs mapped. The body is looked for in the first SCAN_FACTOR times as many
   * characters of the page's text.
   */
  maxChars?: number;
}

/**
 * How much more of the page's text than `maxChars` the body search looks at: room for the
 * navigation, teasers and headers before an article, and enough of the article to tell its
 * container apart. Every real page of the test set is shorter than this at the content
 * script's `maxChars`, so only pages far longer than any article are searched in part.
 */
export const SCAN_FACTOR = 3;

export interface AnnotateResult {
  gate: GateResult;
  body: BodyResult;
  map: TextMap;
  headline: string;
  annotation: PageAnnotation;
  /** The document model of the body text, when the page was read past its verdicts. */
  model: Doc | null;
  /** The day the page says it was published (YYYY-MM-DD), when it says. */
  published: string | null;
  /** What the verdicts were weighed from (for fitting their weights and for debugging). */
  features: { news: Features; topic: Features };
  /** Body paragraphs left unread because of `maxChars`. */
  unread: number;
  /** Whether `maxChars` left text unread: paragraphs of the body, or the page past the search. */
  cut: boolean;
}

const EMPTY_MAP: TextMap = { text: '', nodes: [], starts: [] };

/** The headline: the page's h1 (the one nearest the body when there are several), else og:title. */
export function headlineOf(doc: Document, body: BodyResult): string {
  const collapse = (s: string | null | undefined) => collapseWhitespace(s ?? '');
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
    model: null,
    published: null,
    features: { news: {}, topic: {} },
    unread: 0,
    cut: false,
  };
}

/**
 * The pipeline as steps: each `yield` separates two stages, where a caller may give the main
 * thread back before going on.
 */
export function* annotateSteps(
  doc: Document,
  index: MatcherIndex,
  options: AnnotateOptions = {},
): Generator<void, AnnotateResult, void> {
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

  yield;
  const body = extractBody(doc, {
    noise: noiseKind,
    ...(options.maxChars === undefined ? {} : { maxScanChars: options.maxChars * SCAN_FACTOR }),
  });
  yield;
  const read = readParagraphs(body, options.maxChars);
  const map = textMapOfParagraphs(
    read.map((p) => p.nodes),
    options.maxChars === undefined ? {} : { maxChars: options.maxChars },
  );
  const paragraphs = read.map((p) => p.text);
  const unread = body.paragraphs.length - read.length;
  const cut = unread > 0 || body.partial === true;
  const headline = headlineOf(doc, body);
  const base = readText(map.text);
  const quotesRead = readQuotes(base, blockquoteSpans(map));
  yield;
  const newsVerdict = classifyNews({
    doc,
    paragraphs,
    text: base,
    quotes: quotesRead,
    pageChars: body.pageChars,
    pageLinkChars: body.pageLinkChars,
    root: body.root,
  });
  const news: NewsVerdict = {
    news: newsVerdict.news,
    score: newsVerdict.score,
    reasons: newsVerdict.reasons,
  };
  yield;
  const kbMentions = findMentions(base, index);
  yield;
  const topicVerdict = classifyTopic({
    headline,
    text: base,
    kb: { mentions: kbMentions, typeOf: (id) => index.entities[id]?.type },
  });
  const topicScore: TopicVerdict = {
    relevant: topicVerdict.relevant,
    score: topicVerdict.score,
    reasons: topicVerdict.reasons,
  };
  const features = { news: newsVerdict.features, topic: topicVerdict.features };
  // The topic is a property of an article: an index of US–China stories is not one.
  const topic: TopicVerdict = news.news
    ? topicScore
    : { ...topicScore, relevant: false, reasons: [...topicScore.reasons, 'not a news article'] };
  const active = news.news && topic.relevant;
  if (!active && !options.always) {
    return { ...quiet(gateResult, body, map, headline, news, topic), features, unread, cut };
  }

  yield;
  const model = yield* completeDocumentSteps(
    base,
    index,
    { context: [headline, descriptionOf(doc)].filter(Boolean).join('\n') },
    { quotes: quotesRead, kbMentions },
  );
  yield;
  const published = publishedDay(doc);
  const ranked = yield* quoteSteps(model, index, published);
  const quotes = directQuotations(ranked);
  const mentions = model.kbMentions;
  const counts = new Map<string, number>();
  for (const m of mentions) counts.set(m.entityId, (counts.get(m.entityId) ?? 0) + 1);
  const entities: EntitySummary[] = [];
  for (const [id, mentionCount] of counts) {
    const entity = index.entities[id];
    if (entity) entities.push({ id, name: entity.name, type: entity.type, mentions: mentionCount });
  }
  entities.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name));
  return {
    gate: gateResult,
    body,
    map,
    headline,
    annotation: { news, topic, active, quotes, mentions, entities },
    model,
    published,
    features,
    unread,
    cut,
  };
}

/** The page's own summary of itself (og:description or the description meta), or ''. */
function descriptionOf(doc: Document): string {
  const meta = doc.querySelector(
    'meta[property="og:description"], meta[name="description"], meta[name="twitter:description"]',
  );
  return collapseWhitespace(meta?.getAttribute('content') ?? '').slice(0, 500);
}

/** Corpus links looked up between two pauses of `quoteSteps`. */
const LINKS_PER_STEP = 40;

/**
 * The document's quotations as PageQuotes: speakers, corpus links and ranks. Each `yield` is a
 * point where a caller may give the main thread back: after the speakers, and between batches
 * of corpus links.
 */
export function* quoteSteps(
  doc: Doc,
  index: MatcherIndex,
  published: string | null = null,
): Generator<void, PageQuote[], void> {
  const attributions = yield* attributeSteps(doc);
  const items: RankInput[] = [];
  for (const [i, quote] of doc.quotes.entries()) {
    if (i % LINKS_PER_STEP === 0) yield;
    const speaker = speakerOf(doc, attributions[i]!);
    const corpus =
      quote.kind === 'title'
        ? null
        : linkQuote(
            doc,
            {
              text: quote.text,
              span: quote,
              tokens: tokensWithin(doc, quote),
              speakerId: speaker?.entityId ?? null,
              speakerNamed: speaker !== null,
            },
            index,
            published,
          );
    items.push({ quote, speaker, corpus });
  }
  const ranks = rankQuotes(items, (id) => index.entities[id]?.type === 'person');
  return items.map(({ quote, speaker, corpus }, i) => {
    const rank = ranks[i]!;
    const page: PageQuote = {
      text: quote.text,
      span: { start: quote.start, end: quote.end },
      speaker,
      key: rank.key,
      score: rank.score,
      corpus,
      kind: quote.kind,
    };
    if (rank.repeatOf !== undefined) page.repeatOf = rank.repeatOf;
    return page;
  });
}

/** The document's tokens inside a quotation (its marks and paragraph breaks between). */
function tokensWithin(doc: Doc, quote: { start: number; end: number }): Token[] {
  const from = tokenAt(doc.tokens, quote.start);
  const to = tokenAt(doc.tokens, quote.end);
  return doc.tokens.slice(from, to);
}

/** The paragraphs read within `maxChars`: up to and including the one that crosses it. */
function readParagraphs(body: BodyResult, maxChars: number | undefined) {
  if (maxChars === undefined) return body.paragraphs;
  let chars = 0;
  let n = 0;
  while (n < body.paragraphs.length && chars < maxChars) {
    chars += body.paragraphs[n]!.text.length + 1;
    n++;
  }
  return n === body.paragraphs.length ? body.paragraphs : body.paragraphs.slice(0, n);
}

/** The whole pipeline in one go (the CLI, the eval, tests). */
export function annotate(
  doc: Document,
  index: MatcherIndex,
  options: AnnotateOptions = {},
): AnnotateResult {
  return runSteps(annotateSteps(doc, index, options));
}

/** Gives the main thread back until the tasks queued before it have run (slices.ts). */
export type Pause = () => Promise<void>;

/**
 * The same steps with the main thread given back whenever a slice of work has run `sliceMs`,
 * so a page with a long article does not freeze while it is read. A step is never split:
 * `maxChars` bounds the longest one.
 */
export async function annotateInSlices(
  doc: Document,
  index: MatcherIndex,
  options: AnnotateOptions,
  pause: Pause,
  sliceMs = 8,
): Promise<AnnotateResult> {
  const steps = annotateSteps(doc, index, options);
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    // Also after the last step: whoever draws the result then starts a task of its own, and
    // the browser's painting of the highlights does not add to this slice.
    if (performance.now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
    if (step.done) return step.value;
  }
}

/**
 * The text of each `<blockquote>` in the body, as spans of the text map: a block quotation set
 * off by markup alone has no marks for the scanner to find. One pass over the mapped nodes,
 * asking each parent element once.
 */
function blockquoteSpans(map: TextMap): Span[] {
  const spans: Span[] = [];
  let current: { block: Element; span: Span } | null = null;
  const blockOf = new Map<Element, Element | null>();
  map.nodes.forEach((node, i) => {
    const parent = node.parentElement;
    let block: Element | null = null;
    if (parent) {
      if (!blockOf.has(parent)) blockOf.set(parent, parent.closest('blockquote'));
      block = blockOf.get(parent) ?? null;
    }
    const start = map.starts[i]!;
    const end = start + node.data.length;
    if (block && current?.block === block) {
      current.span.end = end;
      return;
    }
    if (current) spans.push(current.span);
    current = block ? { block, span: { start, end } } : null;
  });
  if (current) spans.push((current as { span: Span }).span);
  return spans;
}

function extractBodyless(): BodyResult {
  return { root: null, paragraphs: [], text: '', via: 'gated out', pageChars: 0, pageLinkChars: 0 };
}

/**
 * Quotations proper: scare quotes ("so-called “reset”") and titles of works are left out, and
 * `repeatOf` is renumbered to index the list that remains. A short quotation that the text
 * attributes to someone ("Wang told Blinken that Washington must correct its “misperception”")
 * is that person's word, a partial quotation, not a scare quote.
 */
function directQuotations(quotes: PageQuote[]): PageQuote[] {
  const kept: PageQuote[] = [];
  const newIndex = new Map<number, number>();
  quotes.forEach((quote, i) => {
    if (quote.kind === 'title' || (quote.kind === 'scare' && quote.speaker === null)) return;
    newIndex.set(i, kept.length);
    kept.push(quote);
  });
  for (const quote of kept) {
    if (quote.repeatOf === undefined) continue;
    const target = newIndex.get(quote.repeatOf);
    if (target === undefined) delete quote.repeatOf;
    else quote.repeatOf = target;
  }
  return kept;
}
