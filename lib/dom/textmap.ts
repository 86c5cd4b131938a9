/**
 * A text map: the text of some DOM subtrees as one string, with every offset traceable to the
 * text node it came from. Matching works on the string; highlighting turns offsets back into
 * Ranges. Node text keeps its length so that offsets map back exactly (line breaks inside a node
 * become spaces); block boundaries add a newline that belongs to no node.
 */

/** Elements whose text is never article text. */
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'BUTTON',
  'SVG',
  'svg',
  'MATH',
  'CANVAS',
  'IFRAME',
  'OBJECT',
  'VIDEO',
  'AUDIO',
]);

/** Elements that end a line of text; judged by tag so Node (jsdom) and browsers agree. */
export const BLOCK_TAGS = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BR',
  'DD',
  'DETAILS',
  'DIALOG',
  'DIV',
  'DL',
  'DT',
  'FIELDSET',
  'FIGCAPTION',
  'FIGURE',
  'FOOTER',
  'FORM',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);

/**
 * Line breaks and tabs inside a text node become spaces, one for one: offsets still map to the
 * node, and a '\n' in the map always means a block boundary (what the quote scanner relies on).
 */
const flatten = (data: string) => data.replace(/[\n\r\t\f\v]/g, ' ');

export interface TextMap {
  readonly text: string;
  readonly nodes: readonly Text[];
  /** `starts[i]` is the offset in `text` where `nodes[i]` begins. */
  readonly starts: readonly number[];
}

export interface TextMapOptions {
  /** Return false to leave an element and everything in it out of the map. */
  include?: (element: Element) => boolean;
  /** Stop after this many characters (a safety bound for pathological pages). */
  maxChars?: number;
}

/** Whether an element is editable or hidden by markup, and so never annotated. */
export function isExcludedElement(element: Element): boolean {
  if (SKIPPED.has(element.tagName)) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

export function buildTextMap(roots: readonly Node[], options: TextMapOptions = {}): TextMap {
  const { include, maxChars = Number.POSITIVE_INFINITY } = options;
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let length = 0;
  let pendingBreak = false;

  const breakLine = () => {
    if (length > 0) pendingBreak = true;
  };

  for (const root of roots) {
    const doc = root.ownerDocument ?? (root as Document);
    const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
      acceptNode(node) {
        if (node.nodeType !== 1) return 1; /* FILTER_ACCEPT */
        const element = node as Element;
        if (isExcludedElement(element)) return 2; /* FILTER_REJECT */
        if (include && !include(element)) return 2;
        return 1;
      },
    });
    breakLine();
    let lastBlock: Element | null = null;
    for (let node = walker.nextNode(); node && length < maxChars; node = walker.nextNode()) {
      if (node.nodeType === 1) {
        if (BLOCK_TAGS.has((node as Element).tagName)) {
          breakLine();
          lastBlock = node as Element;
        }
        continue;
      }
      const data = (node as Text).data;
      if (data.length === 0) continue;
      if (lastBlock && !lastBlock.contains(node)) {
        // Text after a block closed (e.g. "</p>tail") starts a new line too.
        breakLine();
        lastBlock = null;
      }
      if (pendingBreak) {
        parts.push('\n');
        length += 1;
        pendingBreak = false;
      }
      nodes.push(node as Text);
      starts.push(length);
      parts.push(flatten(data));
      length += data.length;
    }
  }
  return { text: parts.join(''), nodes, starts };
}

/**
 * A text map of chosen paragraphs, each given as its own text nodes in order (what the body
 * extractor returns): node text verbatim, one newline between paragraphs.
 */
export function textMapOfParagraphs(
  paragraphs: readonly (readonly Text[])[],
  options: Pick<TextMapOptions, 'maxChars'> = {},
): TextMap {
  const { maxChars = Number.POSITIVE_INFINITY } = options;
  const parts: string[] = [];
  const nodes: Text[] = [];
  const starts: number[] = [];
  let length = 0;
  for (const paragraph of paragraphs) {
    if (length >= maxChars) break;
    let first = true;
    for (const node of paragraph) {
      if (node.data.length === 0) continue;
      if (first && length > 0) {
        parts.push('\n');
        length += 1;
      }
      first = false;
      nodes.push(node);
      starts.push(length);
      parts.push(flatten(node.data));
      length += node.data.length;
    }
  }
  return { text: parts.join(''), nodes, starts };
}

/** Index of the node that holds offset `offset` (the next node for an offset in a line break). */
export function nodeIndexAt(map: TextMap, offset: number): number {
  const { starts } = map;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Position {
  node: Text;
  offset: number;
}

/** The DOM position of a text offset; offsets in a line break move to the next node's start. */
export function positionAt(map: TextMap, offset: number, bias: 'start' | 'end'): Position | null {
  const at = placeAt(map, offset, bias);
  return at && { node: map.nodes[at.index]!, offset: at.offset };
}

/** `positionAt` as the node's index in the map. */
function placeAt(
  map: TextMap,
  offset: number,
  bias: 'start' | 'end',
): { index: number; offset: number } | null {
  if (map.nodes.length === 0) return null;
  const index = nodeIndexAt(map, offset);
  const length = map.nodes[index]!.data.length;
  const local = offset - map.starts[index]!;
  if (local < 0) return { index, offset: 0 };
  if (local > length) {
    // Offset sits in a line break after this node.
    if (bias === 'end' || index + 1 >= map.nodes.length) return { index, offset: length };
    return { index: index + 1, offset: 0 };
  }
  return { index, offset: local };
}

/** A live Range over `[start, end)` of the map's text, or null when the map is empty. */
export function rangeFor(map: TextMap, start: number, end: number): Range | null {
  const from = positionAt(map, start, 'start');
  const to = positionAt(map, end, 'end');
  if (!from || !to) return null;
  const range = from.node.ownerDocument.createRange();
  range.setStart(from.node, from.offset);
  range.setEnd(to.node, to.offset);
  return range;
}

/**
 * Whether `rangeFor` gives a range that is not collapsed, told without making one: a live
 * Range costs the browser bookkeeping on every later change to its nodes, and a page may have
 * thousands of spans of which few are drawn.
 */
export function spanHasRange(map: TextMap, start: number, end: number): boolean {
  const from = placeAt(map, start, 'start');
  const to = placeAt(map, end, 'end');
  if (!from || !to) return false;
  // Nodes are in document order; an end before the start collapses the range onto the end.
  return from.index < to.index || (from.index === to.index && from.offset < to.offset);
}

/** The text offset of a DOM position inside the map, or -1 when the node is not mapped. */
export function offsetOf(map: TextMap, node: Node, offset: number): number {
  // Linear in the node count only when called; callers ask once per pointer event.
  const index = map.nodes.indexOf(node as Text);
  return index < 0 ? -1 : map.starts[index]! + offset;
}
