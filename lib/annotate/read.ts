/**
 * The page's half of the reading, the part that needs its DOM: the article body, the text map
 * of its paragraphs, and the few facts of the markup the verdicts and links weigh. What it hands
 * on (`PageText`) is plain data, so the analysis can run off the page's thread, in the
 * background where the knowledge base lives.
 */
import { textMapOfParagraphs, type TextMap } from '../dom/textmap';
import { extractBodySteps, type BodyResult } from '../extract/body';
import { pageMeta } from '../extract/meta';
import { noiseKind } from '../extract/noise';
import { publishedDay } from '../extract/published';
import { collapseWhitespace } from '../extract/whitespace';
import type { PageText, Span } from './types';

/**
 * How much more of the page's text than `maxChars` the body search looks at: room for the
 * navigation, teasers and headers before an article, and enough of the article to tell its
 * container apart. Every real page of the test set is shorter than this at the content
 * script's `maxChars`, so only pages far longer than any article are searched in part.
 */
export const SCAN_FACTOR = 3;

export interface PageRead {
  body: BodyResult;
  /** The text map of the paragraphs read: what offsets of the analysis point into. */
  map: TextMap;
  /** What the analysis reads. */
  page: PageText;
  /** Body paragraphs left unread because of `maxChars`. */
  unread: number;
  /** Whether `maxChars` left text unread: paragraphs of the body, or the page past the search. */
  cut: boolean;
}

/**
 * Reads the page's article for the analysis, in steps: each `yield` is a point where a caller
 * may give the page's thread back. `maxChars`: read about this many characters of body text
 * at most, looked for in the first SCAN_FACTOR times as many characters of the page's text.
 */
export function* readPageSteps(doc: Document, maxChars?: number): Generator<void, PageRead, void> {
  const body = yield* extractBodySteps(doc, {
    noise: noiseKind,
    ...(maxChars === undefined ? {} : { maxScanChars: maxChars * SCAN_FACTOR }),
  });
  yield;
  const read = readParagraphs(body, maxChars);
  const map = textMapOfParagraphs(
    read.map((p) => p.nodes),
    maxChars === undefined ? {} : { maxChars },
  );
  const unread = body.paragraphs.length - read.length;
  const { meta, description } = pageMeta(doc, body.root);
  const page: PageText = {
    text: map.text,
    paragraphs: read.map((p) => p.text),
    blockquotes: blockquoteSpans(map),
    headline: headlineOf(doc, body),
    description: collapseWhitespace(description).slice(0, 500),
    published: publishedDay(doc),
    meta,
    pageChars: body.pageChars,
    pageLinkChars: body.pageLinkChars,
  };
  return { body, map, page, unread, cut: unread > 0 || body.partial === true };
}

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
