/**
 * Is this page a news article — one story, reported and dated — rather than a homepage, a section
 * index, an encyclopedia entry, a profile or a product page? The page says so in several ways
 * (article metadata, schema.org types, a byline, a dateline, a publication date) and its shape
 * agrees or not (a body of several real paragraphs against a page of headline links). Each signal
 * adds or takes away weight; the reasons list what was seen.
 */
export interface NewsVerdict {
  news: boolean;
  score: number;
  reasons: string[];
}

export interface NewsInput {
  doc: Document;
  /** The article body's paragraphs as found by the body extractor. */
  paragraphs: readonly string[];
  /** Characters of text in the whole page (for how much of the page the body is). */
  pageChars: number;
  /** Characters of link text in the whole page. */
  pageLinkChars: number;
  /** The body's container: bylines and dates are looked for near it, not in the whole page. */
  root?: Element | null;
}

/** The article around the body: its <article>, else two levels up from the body's container. */
function scopeOf(doc: Document, root: Element | null | undefined): Node {
  if (!root) return doc.body ?? doc;
  const article = root.closest('article');
  if (article) return article;
  return root.parentElement?.parentElement ?? root.parentElement ?? root;
}

const ARTICLE_TYPE =
  /^(NewsArticle|ReportageNews|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|Article|BlogPosting|LiveBlogPosting|Report)$/;
const NOT_ARTICLE_TYPE =
  /^(CollectionPage|ItemList|ProfilePage|Person|Product|Offer|Book|Recipe|SearchResultsPage|WebSite|AboutPage|FAQPage|Event|Movie|SoftwareApplication)$/;

/** "WASHINGTON (Reuters) —", "BEIJING, June 19 (AP) -", "PARIS —": the wire-story opening. */
const DATELINE =
  /^(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})(?:,\s+[A-Z][a-z.]+(?:\s+[A-Z][a-z.]+)?)?(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s/;
const BYLINE = /^(?:by|von|par|por|di|door)\s+\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+){0,3}/iu;
const MONTHS =
  /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|Januar|Februar|März|Mai|Juni|Juli|Oktober|Dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)\b/;
const REPORTING =
  /\b(?:said|says|told|according to|announced|reported|sagte|erklärte|teilte|a déclaré|a dit|selon|dijo|según)\b|(?:表示|说|称|指出|によると|と述べ)/g;
const FIRST_PERSON = /\b(?:I|I'm|I’m|I've|I’ve|me|my|we|we're|we’re|our|us)\b/g;
const ENCYCLOPEDIA_MARKERS =
  /\b(?:From Wikipedia|Wikipedia, the free encyclopedia|This article is about|For other uses, see|Jump to navigation)\b|\[\s*edit\s*\]|\[\d+\]/g;
const PRODUCT_MARKERS =
  /\b(?:Add to (?:cart|basket|bag)|Buy now|In stock|Out of stock|Free shipping|Customer reviews|ISBN(?:-1[03])?:?\s*[\d-]{10,}|Paperback|Hardcover)\b|(?:[$€£]\s?\d+(?:[.,]\d{2}))/gi;
const PROFILE_MARKERS =
  /^(?:Born|Education|Alma mater|Spouse|Children|Political party|Preceded by|Succeeded by|Nationality|Occupation|Years active)\b/;

/** The page's JSON-LD blocks, found by tag (cheaper than an attribute selector everywhere). */
export function jsonLdScripts(doc: Document): Element[] {
  const scripts = doc.getElementsByTagName('script');
  const found: Element[] = [];
  for (let i = 0; i < scripts.length; i++) {
    const script = scripts[i]!;
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() === 'application/ld+json')
      found.push(script);
  }
  return found;
}

const metaCache = new WeakMap<Document, Map<string, string>>();

/** A <meta> value by property or name; the page's meta tags are read once. */
function metaContent(doc: Document, key: string): string | null {
  let metas = metaCache.get(doc);
  if (!metas) {
    metas = new Map();
    const list = doc.getElementsByTagName('meta');
    for (let i = 0; i < list.length; i++) {
      const meta = list[i]!;
      const name =
        meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop');
      const content = meta.getAttribute('content');
      if (name && content && !metas.has(name)) metas.set(name, content.trim());
    }
    metaCache.set(doc, metas);
  }
  return metas.get(key) || null;
}

/** How many elements from the start of the article a byline or date is looked for in. */
const NEAR_ELEMENTS = 400;

/** Whether an element among the first NEAR_ELEMENTS of `scope` satisfies `test`. */
function near(doc: Document, scope: Node, test: (element: Element) => boolean): boolean {
  const walker = doc.createTreeWalker(scope, 0x1);
  for (
    let i = 0, node = walker.nextNode();
    node && i < NEAR_ELEMENTS;
    i++, node = walker.nextNode()
  ) {
    if (test(node as Element)) return true;
  }
  return false;
}

const isByline = (e: Element) =>
  e.getAttribute('rel') === 'author' ||
  e.getAttribute('itemprop') === 'author' ||
  /byline|\bauthor\b/i.test(e.getAttribute('class') ?? '');
const isDate = (e: Element) =>
  (e.tagName === 'TIME' && e.hasAttribute('datetime')) ||
  e.getAttribute('itemprop') === 'datePublished';

/** The schema.org @type values declared in the page's JSON-LD (nested graphs included). */
export function schemaTypes(doc: Document, root: Element | null = null): string[] {
  const types: string[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 5 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const type = record['@type'];
    for (const t of Array.isArray(type) ? type : [type]) if (typeof t === 'string') types.push(t);
    if ('@graph' in record) visit(record['@graph'], depth + 1);
  };
  for (const script of jsonLdScripts(doc)) {
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // Broken JSON-LD says nothing either way.
    }
  }
  // Microdata: the types on the article's ancestors (an attribute query over a whole long page
  // is slow in some engines, and the article's own type sits on one of them).
  const holders: Element[] = [];
  for (let el: Element | null = root ?? doc.body; el; el = el.parentElement) holders.push(el);
  for (const element of holders) {
    const match = /schema\.org\/(\w+)/.exec(element.getAttribute('itemtype') ?? '');
    if (match) types.push(match[1]!);
  }
  return types;
}

function countMatches(re: RegExp, text: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
}

export const NEWS_THRESHOLD = 0;

export function classifyNews(input: NewsInput): NewsVerdict {
  const { doc, paragraphs } = input;
  const reasons: string[] = [];
  let z = -1.5;
  const note = (weight: number, reason: string) => {
    z += weight;
    reasons.push(reason);
  };

  const ogType = metaContent(doc, 'og:type');
  if (ogType && /article|news/i.test(ogType)) note(1.2, `og:type is "${ogType}"`);
  else if (ogType && /profile|product|book|website|video|music/i.test(ogType)) {
    note(/website/i.test(ogType) ? -0.4 : -1.5, `og:type is "${ogType}"`);
  }
  if (metaContent(doc, 'article:published_time') || metaContent(doc, 'datePublished')) {
    note(0.8, 'article:published_time is set');
  }
  const types = schemaTypes(doc, input.root ?? null);
  const articleType = types.find((t) => ARTICLE_TYPE.test(t));
  const otherType = types.find((t) => NOT_ARTICLE_TYPE.test(t));
  if (articleType) {
    const weight = /News|Reportage|Report/.test(articleType)
      ? 1.6
      : /Blog/.test(articleType)
        ? 0.3
        : 1.0;
    note(weight, `schema.org ${articleType}`);
  }
  if (otherType && !articleType) note(-1.6, `schema.org ${otherType}`);

  const text = paragraphs.join('\n');
  const long = paragraphs.filter((p) => p.length >= 120).length;
  const bodyChars = text.length;
  if (long >= 5) note(1.2, `${long} paragraphs of article length`);
  else if (long >= 3) note(0.6, `${long} paragraphs of article length`);
  else note(-1.5, `only ${long} paragraphs of article length`);

  const lead = paragraphs.slice(0, 3);
  if (lead.some((p) => DATELINE.test(p))) note(1.0, 'a dateline opens the story');
  // Selector queries stay inside the article: on a long page a whole-document attribute
  // query costs more than the rest of the classifier.
  const scope = scopeOf(doc, input.root);
  const bylineElement = metaContent(doc, 'author') !== null || near(doc, scope, isByline);
  if (bylineElement || paragraphs.slice(0, 4).some((p) => p.length < 80 && BYLINE.test(p))) {
    note(0.5, 'a byline');
  }
  const hasTime =
    near(doc, scope, isDate) ||
    paragraphs.slice(0, 4).some((p) => p.length < 120 && MONTHS.test(p) && /\d/.test(p));
  if (hasTime) note(0.4, 'a publication date');

  const reporting = countMatches(REPORTING, text);
  if (reporting >= 3) note(0.8, `${reporting} reporting verbs (said, told, according to…)`);
  else if (reporting === 0) note(-0.8, 'no reporting verbs (said, told, according to…)');

  // A diary or a recipe speaks in the first person outside quotation marks; a report does not.
  const unquoted = text.replace(/[“"„«「][^”"“»」]{0,400}[”"“»」]/g, ' ');
  const words = Math.max(1, unquoted.split(/\s+/).length);
  const firstPerson = countMatches(FIRST_PERSON, unquoted);
  if (firstPerson / words > 0.012 && firstPerson >= 5) {
    note(-1.5, `${firstPerson} first-person words outside quotes: a personal narrative`);
  }

  const bodyShare = bodyChars / Math.max(1, input.pageChars);
  const linkShare = input.pageLinkChars / Math.max(1, input.pageChars);
  if (linkShare > 0.55 && bodyShare < 0.25) {
    note(-2, `${Math.round(linkShare * 100)}% of the page is link text: an index of stories`);
  }

  const encyclopedia =
    countMatches(ENCYCLOPEDIA_MARKERS, text) +
    (doc.getElementById('mw-content-text') ||
    doc.getElementsByClassName('mw-parser-output').length > 0 ||
    doc.getElementsByClassName('infobox').length > 0 ||
    doc.getElementsByClassName('reflist').length > 0
      ? 5
      : 0);
  if (encyclopedia >= 5) note(-3, 'encyclopedia markers (citations [1], [edit], infobox)');
  const product = countMatches(PRODUCT_MARKERS, text);
  if (product >= 3) note(-2.5, `${product} shop markers (prices, "Add to cart", ISBN)`);
  const profile = paragraphs.filter((p) => PROFILE_MARKERS.test(p)).length;
  if (profile >= 2) note(-2.5, `${profile} profile fields (Born, Education, Spouse…)`);

  const score = Math.round((1 / (1 + Math.exp(-z))) * 1000) / 1000;
  return { news: z >= NEWS_THRESHOLD, score, reasons };
}
