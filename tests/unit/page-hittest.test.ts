// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { buildTextMap, rangeFor, type TextMap } from '../../lib/dom/textmap';
import {
  hitTest,
  indexSpans,
  nodeIndex,
  stepTarget,
  targetsAt,
  type HitContext,
  type Target,
} from '../../lib/page/hittest';
import type { HighlightKind } from '../../lib/page/highlighter';

const quote: Target = {
  kind: 'quote',
  span: { start: 10, end: 40 },
  ref: { type: 'quote', index: 0 },
};
const wang: Target = {
  kind: 'person',
  span: { start: 12, end: 20 },
  ref: { type: 'entity', id: 'wang-yi' },
};
const beijing: Target = {
  kind: 'place',
  span: { start: 50, end: 57 },
  ref: { type: 'entity', id: 'beijing' },
};
const taiwan: Target = {
  kind: 'place',
  span: { start: 70, end: 76 },
  ref: { type: 'entity', id: 'taiwan' },
};

describe('span lookup', () => {
  const index = indexSpans([taiwan, beijing, wang, quote]);

  it.each([
    [9, []],
    [10, [quote]],
    [12, [wang, quote]],
    [19, [wang, quote]],
    [20, [quote]],
    [39, [quote]],
    [40, []],
    [55, [beijing]],
    [60, []],
    [75, [taiwan]],
    [76, []],
  ])('offset %i', (offset, expected) => {
    expect(targetsAt(index, offset)).toEqual(expected);
  });

  it('finds a long span that starts before shorter closed ones', () => {
    const long: Target = {
      kind: 'quote',
      span: { start: 0, end: 100 },
      ref: { type: 'quote', index: 1 },
    };
    const inner = indexSpans([long, beijing, taiwan]);
    expect(targetsAt(inner, 65)).toEqual([long]);
    expect(targetsAt(inner, 72)).toEqual([taiwan, long]);
  });

  it('steps forward and back in text order, wrapping', () => {
    expect(stepTarget(index, null, 1)).toBe(quote);
    expect(stepTarget(index, null, -1)).toBe(taiwan);
    expect(stepTarget(index, quote, 1)).toBe(wang);
    expect(stepTarget(index, taiwan, 1)).toBe(quote);
    expect(stepTarget(index, quote, -1)).toBe(taiwan);
    expect(stepTarget(index, wang, 1, (t) => t.kind === 'place')).toBe(beijing);
    const gone: Target = { ...beijing, ref: { type: 'entity', id: 'x' } };
    expect(stepTarget(index, gone, 1)).toBe(taiwan);
    expect(stepTarget(index, gone, -1)).toBe(wang);
    expect(stepTarget(indexSpans([]), null, 1)).toBeNull();
  });
});

describe('hitTest', () => {
  let map: TextMap;
  let context: HitContext;
  let targets: Target[];

  beforeEach(() => {
    document.body.replaceChildren();
    const p = document.createElement('p');
    p.append(
      'Wang Yi said ',
      Object.assign(document.createElement('em'), { textContent: '"talks go on"' }),
      ' in Beijing.',
    );
    document.body.append(p);
    map = buildTextMap([document.body]);
    const text = map.text;
    const at = (s: string) => ({ start: text.indexOf(s), end: text.indexOf(s) + s.length });
    targets = [
      { kind: 'person', span: at('Wang Yi'), ref: { type: 'entity', id: 'wang-yi' } },
      { kind: 'quote', span: at('talks go on'), ref: { type: 'quote', index: 0 } },
      { kind: 'place', span: at('Beijing'), ref: { type: 'entity', id: 'beijing' } },
    ];
    context = {
      doc: document,
      map,
      nodes: nodeIndex(map),
      index: indexSpans(targets),
      registry: null,
      kindOf: () => null,
    };
  });

  /** Lays the text out as one line of 10-pixel characters at y 0..20, as a browser would. */
  function layOut() {
    const offsetOfNode = (node: Node) => map.starts[map.nodes.indexOf(node as Text)]!;
    Range.prototype.getClientRects = function (this: Range) {
      const start = offsetOfNode(this.startContainer) + this.startOffset;
      const end = offsetOfNode(this.endContainer) + this.endOffset;
      return [{ left: start * 10, right: end * 10, top: 0, bottom: 20 }] as unknown as DOMRectList;
    };
    (document as unknown as { caretPositionFromPoint: unknown }).caretPositionFromPoint = (
      x: number,
      y: number,
    ) => {
      if (y > 20) return null;
      const offset = Math.round(x / 10);
      const i = map.starts.findLastIndex((s) => s <= offset);
      const node = map.nodes[Math.max(0, i)]!;
      return {
        offsetNode: node,
        offset: Math.min(offset - map.starts[Math.max(0, i)]!, node.data.length),
      };
    };
  }

  it('finds the target under the point by caret position', () => {
    layOut();
    const x = (s: string) => (map.text.indexOf(s) + 0.5) * 10;
    expect(hitTest(context, x('Yi'), 10)?.ref).toEqual({ type: 'entity', id: 'wang-yi' });
    expect(hitTest(context, x('go'), 10)?.ref).toEqual({ type: 'quote', index: 0 });
    expect(hitTest(context, x('jing'), 10)?.ref).toEqual({ type: 'entity', id: 'beijing' });
    expect(hitTest(context, x('said'), 10)).toBeNull();
    expect(hitTest(context, x('said'), 50)).toBeNull();
    expect(hitTest(context, 2000, 10)).toBeNull();
  });

  it('uses highlightsFromPoint when the registry has it, going by the kind of each highlight', () => {
    const quoteHighlight = {} as Highlight;
    const personHighlight = {} as Highlight;
    const kinds = new Map<Highlight, HighlightKind>([
      [quoteHighlight, 'quote'],
      [personHighlight, 'person'],
    ]);
    const quoteRange = rangeFor(map, targets[1]!.span.start, targets[1]!.span.end)!;
    let answer: { highlight: Highlight; ranges: AbstractRange[] }[] = [];
    const registry = { highlightsFromPoint: () => answer } as unknown as HighlightRegistry;
    context = { ...context, registry, kindOf: (h) => kinds.get(h) ?? null };
    answer = [{ highlight: quoteHighlight, ranges: [quoteRange] }];
    expect(hitTest(context, 0, 0)).toBe(context.index.targets.find((t) => t.kind === 'quote'));
    answer = [{ highlight: {} as Highlight, ranges: [quoteRange] }];
    expect(hitTest(context, 0, 0)).toBeNull();
  });

  it('goes by caret position where highlightsFromPoint finds nothing at all (Chromium at 200% zoom)', () => {
    layOut();
    const registry = { highlightsFromPoint: () => [] } as unknown as HighlightRegistry;
    context = { ...context, registry, kindOf: () => 'person' };
    const x = (s: string) => (map.text.indexOf(s) + 0.5) * 10;
    expect(hitTest(context, x('Yi'), 10)?.ref).toEqual({ type: 'entity', id: 'wang-yi' });
    expect(hitTest(context, x('said'), 10)).toBeNull();
  });
});
