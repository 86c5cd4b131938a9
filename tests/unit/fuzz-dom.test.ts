/**
 * Property-based tests (fast-check) of the text map over random DOMs built in jsdom: every
 * offset of the map's text goes to a DOM position and back to the same offset, every Range the
 * map makes covers exactly the text it was asked for, and text inside skipped or editable
 * elements never enters the map. (Nesting ten thousand deep is tried in a real browser by
 * tests/e2e/hostile.test.ts: jsdom itself runs out of stack building such a tree here.)
 */
import fc from 'fast-check';
import { JSDOM } from 'jsdom';
import { describe, expect, it } from 'vitest';
import {
  buildTextMap,
  offsetOf,
  positionAt,
  rangeFor,
  spanHasRange,
  textMapOfParagraphs,
  type TextMap,
} from '../../lib/dom/textmap';

export const RUNS = 300;

type Tree = { text: string } | { tag: string; attrs: [string, string][]; children: Tree[] };

const TAGS = ['p', 'div', 'span', 'b', 'a', 'li', 'h2', 'br', 'section', 'em', 'blockquote'];
/** Elements whose text must never be in the map. */
const SKIPPED_TAGS = ['script', 'style', 'textarea', 'button', 'select', 'template', 'noscript'];

const textArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('', ' ', '\n', '\t\r\n', 'Beijing “said” ', '\u202e', '👍🏽', '\ud800', 'a\u00a0b'),
);

const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ text: textArb }),
    fc.record({
      tag: fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...TAGS) },
        { weight: 1, arbitrary: fc.constantFrom(...SKIPPED_TAGS) },
      ),
      attrs: fc.oneof(
        { weight: 5, arbitrary: fc.constant<[string, string][]>([]) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<[string, string][]>(
            [['contenteditable', 'true']],
            [['contenteditable', 'false']],
            [['hidden', '']],
            [['aria-hidden', 'true']],
          ),
        },
      ),
      children: fc.array(tie('tree'), { maxLength: 5 }),
    }),
  ),
}));

function build(doc: Document, node: Tree, into: Node): void {
  if ('text' in node) {
    into.appendChild(doc.createTextNode(node.text));
    return;
  }
  const element = doc.createElement(node.tag);
  for (const [name, value] of node.attrs) element.setAttribute(name, value);
  // Children of <template> go to its content, out of the document's tree, as in a browser.
  const target =
    element instanceof doc.defaultView!.HTMLTemplateElement ? element.content : element;
  for (const child of node.children) build(doc, child, target);
  into.appendChild(element);
}

/** One jsdom window for every run (making one costs more than a run); each run empties it. */
const shared = new JSDOM('<!doctype html><body></body>').window.document;

function domOf(trees: Tree[]): Document {
  shared.body.replaceChildren();
  for (const t of trees) build(shared, t, shared.body);
  return shared;
}

/** Offsets inside a node's text (not in a line break between blocks). */
function inNode(map: TextMap, offset: number): boolean {
  return map.nodes.some((node, i) => {
    const start = map.starts[i]!;
    return offset >= start && offset <= start + node.data.length;
  });
}

const flatten = (s: string) => s.replace(/[\n\r\t\f\v]/g, ' ');

function checkMap(map: TextMap): void {
  // The map's text is its nodes' text, in order, at their starts.
  expect(map.nodes.length).toBe(map.starts.length);
  map.nodes.forEach((node, i) => {
    const start = map.starts[i]!;
    expect(map.text.slice(start, start + node.data.length)).toBe(flatten(node.data));
    if (i > 0)
      expect(start).toBeGreaterThanOrEqual(map.starts[i - 1]! + map.nodes[i - 1]!.data.length);
  });
  // Offset → position → offset, for every offset in a node.
  for (let offset = 0; offset <= map.text.length; offset++) {
    if (!inNode(map, offset)) continue;
    for (const bias of ['start', 'end'] as const) {
      const position = positionAt(map, offset, bias)!;
      expect(offsetOf(map, position.node, position.offset)).toBe(offset);
    }
  }
}

describe('text map ↔ range round trip on random DOMs', { timeout: 60_000 }, () => {
  it('maps every offset back exactly (buildTextMap over the whole body)', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 6 }), (trees) => {
        const doc = domOf(trees);
        const map = buildTextMap([doc.body]);
        checkMap(map);
        // Nothing from skipped, hidden or editable elements is in the map.
        for (const node of map.nodes) {
          for (let el = node.parentElement; el && el !== doc.body; el = el.parentElement) {
            expect(SKIPPED_TAGS).not.toContain(el.localName);
            const editable = el.getAttribute('contenteditable');
            expect(editable === null || editable === 'false').toBe(true);
            expect(el.hasAttribute('hidden')).toBe(false);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('makes ranges that cover exactly the requested text', () => {
    fc.assert(
      fc.property(
        fc.array(tree, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        (trees, a, b) => {
          const doc = domOf(trees);
          const map = buildTextMap([doc.body]);
          if (map.text.length === 0) {
            expect(rangeFor(map, 0, 0)).toBeNull();
            return;
          }
          const start = a % (map.text.length + 1);
          const end = start + (b % (map.text.length - start + 1));
          const range = rangeFor(map, start, end)!;
          expect(range).not.toBeNull();
          expect(spanHasRange(map, start, end)).toBe(!range.collapsed);
          if (inNode(map, start)) {
            expect(offsetOf(map, range.startContainer, range.startOffset)).toBe(start);
          }
          if (inNode(map, end)) {
            expect(offsetOf(map, range.endContainer, range.endOffset)).toBe(end);
          }
          // The map's own text of the range, line breaks between blocks left out, is what the
          // Range holds once the skipped elements' text is taken out of it.
          const mapped = map.nodes
            .map((node, i) => {
              const from = Math.max(start, map.starts[i]!) - map.starts[i]!;
              const to = Math.min(end, map.starts[i]! + node.data.length) - map.starts[i]!;
              return to > from ? node.data.slice(from, to) : '';
            })
            .join('');
          const walker = doc.createTreeWalker(doc.body, 4);
          let inRange = '';
          const mappedNodes = new Set<Node>(map.nodes);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (!mappedNodes.has(n) || !range.intersectsNode(n)) continue;
            const text = (n as Text).data;
            const from = n === range.startContainer ? range.startOffset : 0;
            const to = n === range.endContainer ? range.endOffset : text.length;
            inRange += text.slice(from, to);
          }
          expect(inRange).toBe(mapped);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('maps chosen paragraphs back exactly (textMapOfParagraphs)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(textArb, { maxLength: 5 }), { maxLength: 6 }), (paras) => {
        const doc = domOf([]);
        const paragraphs = paras.map((texts) => {
          const p = doc.createElement('p');
          doc.body.append(p);
          return texts.map((t) => p.appendChild(doc.createTextNode(t)));
        });
        checkMap(textMapOfParagraphs(paragraphs));
      }),
      { numRuns: RUNS },
    );
  });
});
