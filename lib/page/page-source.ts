/**
 * How a page cites itself: title, outlet, author and publication day from its markup, for the
 * clippings saved on it. Read when a clipping is saved, not on every page.
 */
import { publishedDay } from '../extract/published';
import { hostOutlet, type PageSource } from './clippings';

const MAX = 300;

const clean = (text: string | null | undefined) =>
  (text ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX);

/** The first non-blank content of a meta tag named (property, name or itemprop) `key`. */
function meta(doc: Document, keys: readonly string[]): string {
  const list = doc.getElementsByTagName('meta');
  for (const key of keys) {
    for (let i = 0; i < list.length; i++) {
      const tag = list[i]!;
      const name =
        tag.getAttribute('property') ?? tag.getAttribute('name') ?? tag.getAttribute('itemprop');
      const content = clean(tag.getAttribute('content'));
      if (name === key && content) return content;
    }
  }
  return '';
}

/** A person or organisation named in JSON-LD: a string, `{name}`, or a list of those. */
function names(value: unknown): string[] {
  if (typeof value === 'string') return [clean(value)];
  if (Array.isArray(value)) return value.flatMap(names);
  if (value && typeof value === 'object') {
    const name = (value as Record<string, unknown>)['name'];
    return typeof name === 'string' ? [clean(name)] : [];
  }
  return [];
}

/** The first JSON-LD record (arrays and @graph included) that has `field`. */
function fromJsonLd(doc: Document, field: string): unknown {
  const scripts = doc.getElementsByTagName('script');
  const visit = (value: unknown, depth: number): unknown => {
    if (depth > 5 || value === null || typeof value !== 'object') return undefined;
    if (Array.isArray(value)) {
      for (const item of value) {
        const found = visit(item, depth + 1);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    const record = value as Record<string, unknown>;
    if (Object.hasOwn(record, field)) return record[field];
    return visit(record['@graph'], depth + 1);
  };
  for (let i = 0; i < scripts.length; i++) {
    const script = scripts[i]!;
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json')
      continue;
    try {
      const found = visit(JSON.parse(script.textContent ?? ''), 0);
      if (found !== undefined) return found;
    } catch {
      // A broken block says nothing.
    }
  }
  return undefined;
}

const isAddress = (text: string) => /^(https?:)?\/\//i.test(text);

/** The byline: meta author, JSON-LD author, or a rel/itemprop author element's text. */
function authorOf(doc: Document): string | null {
  const tagged = meta(doc, ['author', 'article:author', 'byl']);
  // article:author is often the author's page, not a name.
  if (tagged && !isAddress(tagged)) return tagged.replace(/^by\s+/i, '');
  const ld = [...new Set(names(fromJsonLd(doc, 'author')).filter((n) => n && !isAddress(n)))];
  if (ld.length > 0) return ld.join(', ').slice(0, MAX);
  const element = doc.querySelector('[itemprop="author"], [rel="author"]');
  if (element) {
    const named = element.querySelector('[itemprop="name"]') ?? element;
    const text = clean(named.textContent).replace(/^by\s+/i, '');
    if (text && !isAddress(text)) return text;
  }
  return null;
}

/** The page's own citation, from its markup; `url` is the address it was read at. */
export function pageSource(doc: Document, url: string): PageSource {
  const publisher = names(fromJsonLd(doc, 'publisher'))[0] ?? '';
  return {
    url,
    title: meta(doc, ['og:title']) || clean(doc.title),
    outlet: meta(doc, ['og:site_name', 'application-name']) || publisher || hostOutlet(url) || url,
    author: authorOf(doc),
    published: publishedDay(doc),
  };
}
