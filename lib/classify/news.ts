/**
 * Is this page a news article — one story, reported and dated — rather than a homepage, a section
 * index, an encyclopedia entry, a profile, a shop, documentation or a personal blog? The page
 * says so in several ways (article metadata, schema.org types, a byline, a dateline, its
 * address), its shape agrees or not (article-length paragraphs against a page of links), and so
 * does its writing (reporting verbs, quotations, names against first and second person). Each
 * feature is weighed by weights fitted on labeled pages (news-weights.json, `npm run fit`); the
 * reasons list the features that weighed most.
 */
import { PhraseSet } from '../doc/lexicon';
import type { MetaKey, PageMeta } from '../extract/meta';
import { phraseKey } from '../doc/tokens';
import type { DocText, Span, Token } from '../doc/types';
import { reasonsOf, weigh, type Features, type WeightsFile } from './logistic';
import newsOutlets from './news-outlets.json';
import { weights as newsWeights } from './news-weights.json';
import newsWords from './news-words.json';

export interface NewsVerdict {
  news: boolean;
  score: number;
  reasons: string[];
}

export interface NewsInput {
  /** What the page says about itself in its markup. */
  meta: PageMeta;
  /** The article body's paragraphs as found by the body extractor. */
  paragraphs: readonly string[];
  /** The body's text as the document model reads it (its one tokenization). */
  text: DocText;
  /** The body's quotations. */
  quotes: readonly Span[];
  /** Characters of text in the whole page (for how much of the page the body is). */
  pageChars: number;
  /** Characters of link text in the whole page. */
  pageLinkChars: number;
}

const NEWS_TYPE =
  /^(?:NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|LiveBlogPosting)$/;
const NOT_ARTICLE_TYPE =
  /^(?:CollectionPage|ItemList|ProfilePage|Person|Product|Offer|Book|Recipe|SearchResultsPage|AboutPage|FAQPage|Event|Movie|SoftwareApplication|Course|HowTo|TechArticle|Store|LocalBusiness|Restaurant|TouristTrip|TouristAttraction|JobPosting)$/;

/** "WASHINGTON (Reuters) —", "BEIJING, June 19 (AP) -", "PARIS —": the wire-story opening. */
const DATELINE =
  /^(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})(?:,\s+[A-Z][a-z.]+(?:\s+[A-Z][a-z.]+)?)?(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s/;
const BYLINE = /^(?:by|von|par|por|di|door)\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}/iu;
const ENCYCLOPEDIA_MARKERS =
  /\b(?:From Wikipedia|Wikipedia, the free encyclopedia|This article is about|For other uses, see|Jump to navigation)\b|\[\s*edit\s*\]|\[\d+\]/g;
const PROFILE_MARKERS =
  /^(?:Born|Education|Alma mater|Spouse|Children|Political party|Preceded by|Succeeded by|Nationality|Occupation|Years active)\b/;

const OUTLET_DOMAINS = new Set(newsOutlets.domains);
const OUTLET_NAMES = new Set(newsOutlets.names.map((n) => n.toLowerCase()));

/** A host or any of its parent domains is a news organisation's ("edition.cnn.com"). */
export function isOutletHost(host: string): boolean {
  const parts = host.toLowerCase().replace(/\.$/, '').split('.');
  for (let i = 0; i < parts.length - 1; i++) {
    if (OUTLET_DOMAINS.has(parts.slice(i).join('.'))) return true;
  }
  return false;
}

function hostOf(address: string): string | null {
  const match = /^https?:\/\/([^/?#:]+)/i.exec(address.trim());
  return match ? match[1]! : null;
}

/** Whether the page is published by a news organisation, by its address or its own word. */
function fromOutlet(meta: PageMeta, address: string): boolean {
  for (const candidate of [meta.url, address]) {
    const host = hostOf(candidate);
    if (host && isOutletHost(host)) return true;
  }
  const names = [
    meta.metas['og:site_name'],
    meta.metas['application-name'],
    meta.metas.publisher,
    ...meta.publishers,
  ];
  return names.some((n) => n !== undefined && OUTLET_NAMES.has(n.trim().toLowerCase()));
}

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

/**
 * The features a reader would check to tell a news story from other pages: what the page says it
 * is (metadata, schema.org types, its address), how its text is shaped (article-length
 * paragraphs, the body's share of the page, links), how it is written (reporting verbs,
 * quotations, time words, names, first and second person), and the marks of other kinds of
 * page (encyclopedia, shop, recipe, documentation, profile). Counts are per hundred words and
 * capped, so no single one decides.
 */
export function newsFeatures(input: NewsInput): { features: Features; facts: NewsFacts } {
  const { meta, paragraphs, text } = input;
  const metaContent = (key: MetaKey): string | null => meta.metas[key] || null;
  const f: Features = {};
  const ogType = metaContent('og:type');
  if (ogType && /article|news/i.test(ogType)) f['meta.ogArticle'] = 1;
  else if (ogType && /website/i.test(ogType)) f['meta.ogWebsite'] = 1;
  else if (ogType && /profile|product|book|video|music/i.test(ogType)) f['meta.ogOther'] = 1;
  if (
    metaContent('article:published_time') ||
    metaContent('datePublished') ||
    metaContent('date') ||
    metaContent('pubdate')
  )
    f['meta.published'] = 1;
  const types = meta.schemaTypes;
  if (types.some((t) => NEWS_TYPE.test(t))) f['schema.news'] = 1;
  else if (types.some((t) => /^(?:Article|Report)$/.test(t))) f['schema.article'] = 1;
  else if (types.some((t) => /^(?:BlogPosting|SocialMediaPosting)$/.test(t))) f['schema.blog'] = 1;
  if (types.some((t) => NOT_ARTICLE_TYPE.test(t))) f['schema.other'] = 1;
  const byline =
    metaContent('author') !== null ||
    metaContent('article:author') !== null ||
    meta.bylineNear ||
    paragraphs.slice(0, 4).some((p) => p.length < 80 && BYLINE.test(p));
  if (byline) f['meta.author'] = 1;
  if (meta.dateNear) f['meta.dateElement'] = 1;
  const address = metaContent('og:url') ?? meta.canonical;
  if (/\/(?:19|20)\d\d[/-](?:0?[1-9]|1[0-2])(?:[/-]|$)|\/(?:19|20)\d{6}\b/.test(address))
    f['url.date'] = 1;
  const sections = address.toLowerCase().split(/[/?#]/).slice(3);
  if (sections.some((part) => NEWS_WORDS.newsSections.has(part))) f['url.section'] = 1;
  if (paragraphs.slice(0, 3).some((p) => DATELINE.test(p))) f['text.dateline'] = 1;
  if (fromOutlet(meta, address)) f['site.outlet'] = 1;

  const long = paragraphs.filter((p) => p.length >= 120).length;
  const bodyChars = text.text.length;
  f['body.long'] = Math.log1p(long) / 2;
  if (long < 3) f['body.few'] = 1;
  f['body.share'] = Math.min(1, bodyChars / Math.max(1, input.pageChars));
  f['page.links'] = Math.min(1, input.pageLinkChars / Math.max(1, input.pageChars));

  // Word counts over the text's tokens, quotations aside for the first and second person.
  const { words } = text;
  const quoted = insideSpans(words, input.quotes);
  const per100 = (n: number, of: number, cap: number) =>
    Math.min(cap, (100 * n) / Math.max(50, of));
  let first = 0;
  let second = 0;
  let time = 0;
  let numbers = 0;
  let capitals = 0;
  let outside = 0;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (/^\d/.test(w.key)) numbers++;
    if (NEWS_WORDS.time.has(w.key)) time++;
    if (quoted[i]) continue;
    outside++;
    if (NEWS_WORDS.firstPerson.has(w.key) && !(w.key === 'us' && w.upper)) first++;
    if (NEWS_WORDS.secondPerson.has(w.key)) second++;
    if (
      w.cap &&
      i > 0 &&
      words[i - 1]!.end + 2 >= w.start &&
      !/[.!?:"“]\s*$/.test(text.text.slice(Math.max(0, w.start - 3), w.start))
    )
      capitals++;
  }
  const reporting = countPhrases(NEWS_WORDS.reporting, words);
  f['text.reporting'] = per100(reporting, words.length, 3);
  f['text.quotes'] = per100(input.quotes.length, words.length, 2);
  f['text.firstPerson'] = per100(first, outside, 6) / 2;
  f['text.secondPerson'] = per100(second, outside, 6) / 2;
  f['text.time'] = per100(time, words.length, 3);
  f['text.numbers'] = per100(numbers, words.length, 10) / 5;
  f['text.names'] = per100(capitals, outside, 30) / 10;
  // Fiction and forums are dialogue: paragraphs that open with a quotation.
  const opensWithQuote = paragraphs.filter((p) => /^["“„«「]/.test(p.trim())).length;
  f['text.dialogue'] = Math.min(1, opensWithQuote / Math.max(4, paragraphs.length)) * 2;
  // How-to guides and documentation speak in the imperative: sentences opening with a verb.
  let imperative = 0;
  for (const s of text.sentences) {
    const t = text.tokens[s.from];
    if (t && t.kind === 'word' && NEWS_WORDS.imperative.matchAt(text.tokens, s.from) > 0)
      imperative++;
  }
  f['text.imperative'] = Math.min(0.5, imperative / Math.max(10, text.sentences.length)) * 2;
  f['marks.deals'] = Math.min(3, countPhrases(NEWS_WORDS.deals, words)) / 3;
  if (/\/blogs?\//i.test(address) || /\bblog\b/i.test(metaContent('og:site_name') ?? ''))
    f['url.blog'] = 1;
  const title = meta.title.trim().toLowerCase();
  if (/^(?:\d+\s|how to\b|the best\b|best\b|top \d+|\d+ (?:best|ways|things|tips))/.test(title))
    f['title.listicle'] = 1;
  f['marks.shop'] =
    Math.min(3, countPhrases(NEWS_WORDS.shop, words) + countMatches(PRICE, text.text) / 2) / 3;
  f['marks.recipe'] = per100(countPhrases(NEWS_WORDS.recipe, words), words.length, 4) / 2;
  f['marks.docs'] = per100(countPhrases(NEWS_WORDS.docs, words), words.length, 4) / 2;
  f['marks.code'] = Math.min(1, countMatches(CODE, text.text) / Math.max(1, paragraphs.length * 2));
  const encyclopedia =
    countMatches(ENCYCLOPEDIA_MARKERS, text.text) + (meta.encyclopediaMarkup ? 5 : 0);
  f['marks.encyclopedia'] = Math.min(1, encyclopedia / 5);
  const profile = paragraphs.filter((p) => PROFILE_MARKERS.test(p)).length;
  f['marks.profile'] = Math.min(1, profile / 3);
  return {
    features: f,
    facts: { long, reporting, quotes: input.quotes.length, ogType, types, first, second },
  };
}

/** What the reasons quote back to the reader. */
export interface NewsFacts {
  long: number;
  reporting: number;
  quotes: number;
  ogType: string | null;
  types: string[];
  first: number;
  second: number;
}

function describe(feature: string, facts: NewsFacts): string | null {
  const type = facts.types.find((t) => NEWS_TYPE.test(t)) ?? facts.types[0] ?? '';
  switch (feature) {
    case 'meta.ogArticle':
    case 'meta.ogWebsite':
    case 'meta.ogOther':
      return `og:type is "${facts.ogType}"`;
    case 'meta.published':
      return 'a publication time in its metadata';
    case 'meta.author':
      return 'a byline';
    case 'meta.dateElement':
      return 'a dated story';
    case 'schema.news':
    case 'schema.article':
    case 'schema.blog':
      return `schema.org ${type}`;
    case 'schema.other':
      return `schema.org ${facts.types.find((t) => NOT_ARTICLE_TYPE.test(t)) ?? type}`;
    case 'url.date':
      return 'a date in its address';
    case 'url.section':
      return 'a news section in its address';
    case 'text.dateline':
      return 'a dateline opens the story';
    case 'site.outlet':
      return 'published by a news organisation';
    case 'body.long':
    case 'body.few':
      return `${facts.long} paragraphs of article length`;
    case 'body.share':
      return 'how much of the page the article is';
    case 'page.links':
      return 'how much of the page is links';
    case 'text.reporting':
      return `${facts.reporting} reporting verbs (said, told, according to…)`;
    case 'text.quotes':
      return `${facts.quotes} quotations`;
    case 'text.firstPerson':
      return `${facts.first} first-person words outside quotations`;
    case 'text.secondPerson':
      return `${facts.second} words addressing the reader`;
    case 'text.time':
      return 'words of time (today, Monday, last week…)';
    case 'text.names':
      return 'how many names it gives';
    case 'text.numbers':
      return 'figures';
    case 'text.dialogue':
      return 'dialogue (paragraphs that open with a quotation)';
    case 'text.imperative':
      return 'instructions (sentences that open with a verb)';
    case 'marks.deals':
      return 'deal words (discounts, coupons, lowest price)';
    case 'url.blog':
      return 'a blog';
    case 'title.listicle':
      return 'a title like a list or a guide';
    case 'marks.shop':
      return 'shop marks (prices, "Add to cart", ISBN)';
    case 'marks.recipe':
      return 'recipe words (ingredients, tablespoons…)';
    case 'marks.docs':
      return 'documentation words (install, usage, parameters…)';
    case 'marks.code':
      return 'code';
    case 'marks.encyclopedia':
      return 'encyclopedia marks (citations [1], [edit], infobox)';
    case 'marks.profile':
      return 'profile fields (Born, Education, Spouse…)';
    default:
      return null;
  }
}

/** Is this page a news article? Weighed from `newsFeatures` by the fitted weights. */
export function classifyNews(input: NewsInput): NewsVerdict & { features: Features } {
  const { features, facts } = newsFeatures(input);
  const weighed = weigh(features, NEWS_WEIGHTS);
  const news = weighed.score >= 0.5;
  return {
    news,
    score: weighed.score,
    reasons: reasonsOf(weighed, news, (f) => describe(f, facts)),
    features,
  };
}

const NEWS_WEIGHTS: WeightsFile['weights'] = newsWeights;

const PRICE = /(?:[$€£¥]\s?\d+(?:[.,]\d{2})?|\d+(?:[.,]\d{2})\s?(?:€|EUR|USD))/g;
const CODE = /[{};]\s*$|^\s*(?:const|let|var|function|import|def|return|class)\b/gm;

/** Marks, per word token, whether it lies inside one of the spans. */
function insideSpans(words: readonly Token[], spans: readonly Span[]): Uint8Array {
  const inside = new Uint8Array(words.length);
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let w = 0;
  for (const s of sorted) {
    while (w < words.length && words[w]!.start < s.start) w++;
    for (let i = w; i < words.length && words[i]!.start < s.end; i++) inside[i] = 1;
  }
  return inside;
}

/** How many times the phrases of a set occur in the words. */
function countPhrases(set: PhraseSet, words: readonly Token[]): number {
  let n = 0;
  for (let i = 0; i < words.length;) {
    const m = set.matchAt(words, i);
    if (m > 0) {
      n++;
      i += m;
    } else i++;
  }
  return n;
}

const NEWS_WORDS = {
  firstPerson: new Set(newsWords.firstPerson),
  secondPerson: new Set(newsWords.secondPerson),
  time: new Set(newsWords.time.map((w) => phraseKey(w))),
  shop: new PhraseSet(newsWords.shop),
  recipe: new PhraseSet(newsWords.recipe),
  docs: new PhraseSet(newsWords.docs),
  reporting: new PhraseSet(newsWords.reporting),
  imperative: new PhraseSet(newsWords.imperative),
  deals: new PhraseSet(newsWords.deals),
  newsSections: new Set(newsWords.newsSections),
};
