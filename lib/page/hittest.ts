/**
 * Which highlight is under a point. Highlights receive no events, so the content script listens
 * on the document and asks here. `highlightsFromPoint` answers directly where the browser has
 * it; otherwise the caret position at the point is turned into a text-map offset and looked up
 * among the drawn spans by binary search.
 */
import type { Span } from '../doc/types';
import type { TextMap } from '../dom/textmap';
import type { HighlightKind } from './highlighter';

/** One drawn highlight: its place in the text map and what it stands for. */
export interface Target {
  kind: HighlightKind;
  span: Span;
  /** For quotes: the index in the annotation's quotes; for entities: the entity id. */
  ref: { type: 'quote'; index: number } | { type: 'entity'; id: string };
}

/**
 * Spans sorted by start, with the running maximum of their ends, so overlapping spans (an
 * entity inside a quote) are all found.
 */
export interface SpanIndex {
  readonly targets: readonly Target[];
  readonly starts: readonly number[];
  readonly maxEnds: readonly number[];
}

export function indexSpans(targets: readonly Target[]): SpanIndex {
  const sorted = [...targets].sort(
    (a, b) => a.span.start - b.span.start || a.span.end - b.span.end,
  );
  const starts: number[] = [];
  const maxEnds: number[] = [];
  let maxEnd = -Infinity;
  for (const target of sorted) {
    starts.push(target.span.start);
    maxEnd = Math.max(maxEnd, target.span.end);
    maxEnds.push(maxEnd);
  }
  return { targets: sorted, starts, maxEnds };
}

/** Index of the last span starting at or before `offset`, or -1. */
function lastStartAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Every target whose span holds `offset`, innermost (shortest) first: a name inside a quote
 * opens the name's card, the rest of the quote opens the quote's.
 */
export function targetsAt(index: SpanIndex, offset: number): Target[] {
  const hits: Target[] = [];
  for (let i = lastStartAtOrBefore(index.starts, offset); i >= 0; i--) {
    if (index.maxEnds[i]! <= offset) break;
    const target = index.targets[i]!;
    if (target.span.end > offset) hits.push(target);
  }
  return hits.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
}

/** A constant-time map from the text map's nodes to their index. */
export function nodeIndex(map: TextMap): Map<Node, number> {
  const index = new Map<Node, number>();
  map.nodes.forEach((node, i) => index.set(node, i));
  return index;
}

export function textOffset(
  map: TextMap,
  nodes: Map<Node, number>,
  node: Node,
  offset: number,
): number {
  const i = nodes.get(node);
  return i === undefined ? -1 : map.starts[i]! + offset;
}

interface HighlightHit {
  highlight: Highlight;
  ranges: AbstractRange[];
}

type PointDocument = Document & {
  caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
};

type PointRegistry = HighlightRegistry & {
  highlightsFromPoint?: (x: number, y: number) => HighlightHit[];
};

export interface HitContext {
  doc: Document;
  map: TextMap;
  nodes: Map<Node, number>;
  index: SpanIndex;
  /** The registry to ask with `highlightsFromPoint`; null to go by caret position only. */
  registry: HighlightRegistry | null;
  /** The kind a highlight object was registered for; null for highlights that are not ours. */
  kindOf: (highlight: Highlight) => HighlightKind | 'focus' | null;
}

/** The text-map offset of the character under a point, by caret position; -1 when none. */
export function caretOffset(context: HitContext, x: number, y: number): number {
  const doc = context.doc as PointDocument;
  let node: Node | null = null;
  let offset = 0;
  if (typeof doc.caretPositionFromPoint === 'function') {
    const position = doc.caretPositionFromPoint(x, y);
    if (position) ({ offsetNode: node, offset } = position);
  } else if (typeof doc.caretRangeFromPoint === 'function') {
    const range = doc.caretRangeFromPoint(x, y);
    if (range) ({ startContainer: node, startOffset: offset } = range);
  }
  if (!node || node.nodeType !== 3) return -1;
  // The caret falls between characters: pick the one whose box holds the point.
  const text = node as Text;
  for (const candidate of [offset, offset - 1]) {
    if (candidate < 0 || candidate >= text.data.length) continue;
    const range = doc.createRange();
    range.setStart(text, candidate);
    range.setEnd(text, candidate + 1);
    const rects = typeof range.getClientRects === 'function' ? range.getClientRects() : [];
    for (const rect of Array.from(rects)) {
      if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) {
        return textOffset(context.map, context.nodes, text, candidate);
      }
    }
  }
  return -1;
}

/** The target under a point, innermost first, or null. */
export function hitTest(context: HitContext, x: number, y: number): Target | null {
  const registry = context.registry as PointRegistry | null;
  const hits =
    registry && typeof registry.highlightsFromPoint === 'function'
      ? registry.highlightsFromPoint(x, y)
      : [];
  // Chromium's highlightsFromPoint finds nothing at all under a device scale factor of 2 (a
  // page zoomed to 200%, or emulated): then the caret position answers.
  if (hits.length > 0) {
    // Ranges map back to text offsets; the span index then names what they stand for.
    const candidates: Target[] = [];
    for (const hit of hits) {
      const kind = context.kindOf(hit.highlight);
      if (kind === null || kind === 'focus') continue;
      for (const range of hit.ranges) {
        const start = textOffset(
          context.map,
          context.nodes,
          range.startContainer,
          range.startOffset,
        );
        if (start < 0) continue;
        const match = targetsAt(context.index, start).find(
          (t) => t.kind === kind && t.span.start === start,
        );
        if (match) candidates.push(match);
      }
    }
    candidates.sort((a, b) => a.span.end - a.span.start - (b.span.end - b.span.start));
    return candidates[0] ?? null;
  }
  const offset = caretOffset(context, x, y);
  return offset < 0 ? null : (targetsAt(context.index, offset)[0] ?? null);
}

/** The next (or previous) target after the one at `from`, wrapping around; for keyboard travel. */
export function stepTarget(
  index: SpanIndex,
  from: Target | null,
  direction: 1 | -1,
  filter: (target: Target) => boolean = () => true,
): Target | null {
  const list = index.targets.filter(filter);
  if (list.length === 0) return null;
  if (!from) return direction === 1 ? list[0]! : list[list.length - 1]!;
  const at = list.findIndex((t) => t === from);
  if (at >= 0) return list[(at + direction + list.length) % list.length]!;
  // The current one is gone (re-annotated): continue from its position in the text.
  if (direction === 1) return list.find((t) => t.span.start > from.span.start) ?? list[0]!;
  return [...list].reverse().find((t) => t.span.start < from.span.start) ?? list[list.length - 1]!;
}
