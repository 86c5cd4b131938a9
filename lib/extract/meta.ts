/**
 * What a page says about itself in its markup, read once on the page's thread and handed to the
 * verdicts with its text: meta tags, schema.org types, the publisher's names, and whether a
 * byline, a machine-readable date or an encyclopedia's furniture sits around the article. Plain
 * data, so the analysis can run where the page's DOM is not.
 */

/** The meta tags the verdicts read (by property, name or itemprop). */
export const META_KEYS = [
  'og:type',
  'og:url',
  'og:site_name',
  'application-name',
  'publisher',
  'article:published_time',
  'datePublished',
  'date',
  'pubdate',
  'author',
  'article:author',
] as const;

export type MetaKey = (typeof META_KEYS)[number];

export interface PageMeta {
  /** The page's address as loaded. */
  url: string;
  /** The document's <title>. */
  title: string;
  /** The page's canonical address (link rel=canonical), or ''. */
  canonical: string;
  /** The first value of each meta tag the verdicts read that the page has. */
  metas: Partial<Record<MetaKey, string>>;
  /** schema.org @type values of the JSON-LD and of the article's microdata ancestors. */
  schemaTypes: string[];
  /** The publisher's names given in JSON-LD. */
  publishers: string[];
  /** A byline element (rel/itemprop author, a byline class) near the article's start. */
  bylineNear: boolean;
  /** A machine-readable date (<time datetime>, itemprop datePublished) near the article's start. */
  dateNear: boolean;
  /** MediaWiki's markup (content text, infobox, reference list). */
  encyclopediaMarkup: boolean;
}

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

/** The parsed JSON-LD blocks; a broken block says nothing. */
function jsonLd(doc: Document): unknown[] {
  const blocks: unknown[] = [];
  for (const script of jsonLdScripts(doc)) {
    try {
      blocks.push(JSON.parse(script.textContent ?? ''));
    } catch {
      // Broken JSON-LD says nothing either way.
    }
  }
  return blocks;
}

/** Walks JSON-LD values (arrays and @graph included) to a bounded depth. */
function visitJsonLd(value: unknown, visit: (record: Record<string, unknown>) => void, depth = 0) {
  if (depth > 5 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) visitJsonLd(item, visit, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  visit(record);
  if ('@graph' in record) visitJsonLd(record['@graph'], visit, depth + 1);
}

/** The page's own summary of itself: the first og:description, description or twitter:description. */
function isDescription(meta: Element): boolean {
  const name = meta.getAttribute('name');
  return (
    meta.getAttribute('property') === 'og:description' ||
    name === 'description' ||
    name === 'twitter:description'
  );
}

/**
 * The meta tags the verdicts read and the page's description, in one pass over the page's meta
 * elements (a selector query walks the whole of a long page when nothing matches).
 */
function metaTags(doc: Document): { metas: PageMeta['metas']; description: string } {
  const wanted = new Set<string>(META_KEYS);
  const metas: PageMeta['metas'] = {};
  let description: string | null = null;
  const list = doc.getElementsByTagName('meta');
  for (let i = 0; i < list.length; i++) {
    const meta = list[i]!;
    if (description === null && isDescription(meta))
      description = meta.getAttribute('content') ?? '';
    const name =
      meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop');
    const content = meta.getAttribute('content');
    // The first tag of a name wins, even when it is blank, as the verdicts were fitted.
    if (name && content && wanted.has(name) && !(name in metas))
      metas[name as MetaKey] = content.trim();
  }
  return { metas, description: description ?? '' };
}

/** The canonical address (the first link rel=canonical's href), or ''. */
function canonicalOf(doc: Document): string {
  const links = doc.getElementsByTagName('link');
  for (let i = 0; i < links.length; i++) {
    if (links[i]!.getAttribute('rel') === 'canonical') return links[i]!.getAttribute('href') ?? '';
  }
  return '';
}

/** The schema.org @type values declared in the page's JSON-LD and the article's ancestors. */
export function schemaTypes(doc: Document, root: Element | null = null): string[] {
  return typesOf(jsonLd(doc), doc, root);
}

function typesOf(blocks: unknown[], doc: Document, root: Element | null): string[] {
  const types: string[] = [];
  for (const block of blocks) {
    visitJsonLd(block, (record) => {
      const type = record['@type'];
      for (const t of Array.isArray(type) ? type : [type]) if (typeof t === 'string') types.push(t);
    });
  }
  // Microdata: the types on the article's ancestors (an attribute query over a whole long page
  // is slow in some engines, and the article's own type sits on one of them).
  for (let el: Element | null = root ?? doc.body; el; el = el.parentElement) {
    const match = /schema\.org\/(\w+)/.exec(el.getAttribute('itemtype') ?? '');
    if (match) types.push(match[1]!);
  }
  return types;
}

function publishersOf(blocks: unknown[]): string[] {
  const names: string[] = [];
  for (const block of blocks) {
    visitJsonLd(block, (record) => {
      const publisher = record['publisher'];
      if (typeof publisher === 'string') names.push(publisher);
      else if (publisher && typeof publisher === 'object') {
        const name = (publisher as Record<string, unknown>)['name'];
        if (typeof name === 'string') names.push(name);
      }
    });
  }
  return names;
}

/** The article around the body: its <article>, else two levels up from the body's container. */
function scopeOf(doc: Document, root: Element | null | undefined): Node {
  if (!root) return doc.body ?? doc;
  const article = root.closest('article');
  if (article) return article;
  return root.parentElement?.parentElement ?? root.parentElement ?? root;
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

/**
 * What the page says about itself, and its description (raw: og:description, description or
 * twitter:description, whichever comes first); `root` is the article body's container.
 */
export function pageMeta(
  doc: Document,
  root: Element | null = null,
): { meta: PageMeta; description: string } {
  const blocks = jsonLd(doc);
  const scope = scopeOf(doc, root);
  const { metas, description } = metaTags(doc);
  const meta: PageMeta = {
    url: doc.URL,
    title: doc.title ?? '',
    canonical: canonicalOf(doc),
    metas,
    schemaTypes: typesOf(blocks, doc, root),
    publishers: publishersOf(blocks),
    bylineNear: near(doc, scope, isByline),
    dateNear: near(doc, scope, isDate),
    encyclopediaMarkup:
      doc.getElementById('mw-content-text') !== null ||
      doc.getElementsByClassName('mw-parser-output').length > 0 ||
      doc.getElementsByClassName('infobox').length > 0 ||
      doc.getElementsByClassName('reflist').length > 0,
  };
  return { meta, description };
}
