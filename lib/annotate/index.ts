/**
 * The page pipeline: gate → article body → text map (`read.ts`, on the page's thread) → news?
 * → topic? and, only on a news article about US–China relations, quotes, speakers, entity
 * mentions and corpus links (`analyseSteps`, pure over plain data). The extension runs the
 * first half in the content script and the second in the background; `npm run annotate` runs
 * both in one go (`annotate`), so what the CLI prints is what the extension does.
 */
import { gate, type GateResult } from '../dom/gate';
import type { TextMap } from '../dom/textmap';
import { classifyNews } from '../classify/news';
import { classifyTopic } from '../classify/topic';
import { attributeSteps, speakerOf } from '../attribution';
import { readText } from '../doc/text';
import { tokenAt } from '../doc/tokens';
import type { Doc, Token } from '../doc/types';
import { rankQuotes, type RankInput } from '../text/rank';
import { linkQuote } from '../link';
import type { MatcherIndex } from '../match/matcher';
import { completeDocumentSteps, readQuotes } from './document';
import { findMentions } from '../match/aliases';
import type { Features } from '../classify/logistic';
import type {
  EntitySummary,
  NewsVerdict,
  PageAnnotation,
  PageQuote,
  PageText,
  TopicVerdict,
} from './types';
import { runSteps } from '../steps';
import { readPageSteps, type PageRead } from './read';

export { headlineOf, SCAN_FACTOR } from './read';

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

/** What the analysis finds in a page's text. */
export interface Analysis {
  annotation: PageAnnotation;
  /** The document model of the body text, when the page was read past its verdicts. */
  model: Doc | null;
  /** What the verdicts were weighed from (for fitting their weights and for debugging). */
  features: { news: Features; topic: Features };
}

export interface AnnotateResult extends Analysis, Omit<PageRead, 'page'> {
  gate: GateResult;
  headline: string;
  /** The day the page says it was published (YYYY-MM-DD), when it says. */
  published: string | null;
}

const EMPTY_MAP: TextMap = { text: '', nodes: [], starts: [] };

/**
 * The whole reading as steps, page and analysis together (the CLI, the eval): each `yield`
 * separates two stages, where a caller may give the thread back before going on.
 */
export function* annotateSteps(
  doc: Document,
  index: MatcherIndex,
  options: AnnotateOptions = {},
): Generator<void, AnnotateResult, void> {
  const gateResult = gate(doc);
  if (!gateResult.passed && !options.skipGate) {
    const reason = `no article-sized text (${gateResult.reason})`;
    return {
      gate: gateResult,
      body: {
        root: null,
        paragraphs: [],
        text: '',
        via: 'gated out',
        pageChars: 0,
        pageLinkChars: 0,
      },
      map: EMPTY_MAP,
      headline: '',
      published: null,
      annotation: {
        news: { news: false, score: 0, reasons: [reason] },
        topic: { relevant: false, score: 0, reasons: [reason] },
        active: false,
        quotes: [],
        mentions: [],
        entities: [],
      },
      model: null,
      features: { news: {}, topic: {} },
      unread: 0,
      cut: false,
    };
  }
  yield;
  const { page, ...read } = yield* readPageSteps(doc, options.maxChars);
  yield;
  const analysis = yield* analyseSteps(page, index, options);
  return {
    gate: gateResult,
    ...read,
    headline: page.headline,
    published: page.published,
    ...analysis,
  };
}

/**
 * The analysis of a page's text, as steps: news? topic? and, on a news article about US–China
 * relations (or `always`), quotes, speakers, entity mentions, corpus links and ranks. Pure over
 * plain data, so it runs wherever the knowledge base is: in the background for the extension,
 * in Node for the CLI.
 */
export function* analyseSteps(
  page: PageText,
  index: MatcherIndex,
  options: Pick<AnnotateOptions, 'always'> = {},
): Generator<void, Analysis, void> {
  const base = readText(page.text);
  const quotesRead = readQuotes(base, page.blockquotes);
  yield;
  const newsVerdict = classifyNews({
    meta: page.meta,
    paragraphs: page.paragraphs,
    text: base,
    quotes: quotesRead,
    pageChars: page.pageChars,
    pageLinkChars: page.pageLinkChars,
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
    headline: page.headline,
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
    return {
      annotation: { news, topic, active, quotes: [], mentions: [], entities: [] },
      model: null,
      features,
    };
  }

  yield;
  const model = yield* completeDocumentSteps(
    base,
    index,
    { context: [page.headline, page.description].filter(Boolean).join('\n') },
    { quotes: quotesRead, kbMentions },
  );
  yield;
  const ranked = yield* quoteSteps(model, index, page.published);
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
  return { annotation: { news, topic, active, quotes, mentions, entities }, model, features };
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

/** The whole pipeline in one go (the CLI, the eval, tests). */
export function annotate(
  doc: Document,
  index: MatcherIndex,
  options: AnnotateOptions = {},
): AnnotateResult {
  return runSteps(annotateSteps(doc, index, options));
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
