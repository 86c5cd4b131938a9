/**
 * The product's stages as the harness's plain functions, each called the way the extension
 * calls it: on the page's thread the gate, the page's half of the reading and drawing
 * (entrypoints/content/page.ts, page-reader.ts, reader.ts); in the background the matcher
 * index and the analysis (entrypoints/background.ts).
 */
import { analyseSteps } from '../../lib/annotate/index';
import { readPageSteps, type PageRead } from '../../lib/annotate/read';
import { MAX_BODY_CHARS, pauseFor } from '../../lib/annotate/slices';
import type { EntityMention, PageAnnotation, Span } from '../../lib/annotate/types';
import { runInSlices, runSteps } from '../../lib/steps';
import { gate } from '../../lib/dom/gate';
import { rangeFor, spanHasRange, type TextMap } from '../../lib/dom/textmap';
import type { MatcherIndex } from '../../lib/match/matcher';
import { createHighlighter, pageTheme, type Mark } from '../../lib/page/highlighter';
import { indexSpans, nodeIndex, type Target } from '../../lib/page/hittest';
import { chooseMentions, mentionChoice } from '../../lib/page/mentions';
import { DEFAULT_SETTINGS } from '../../lib/page/prefs';
import type { Pipeline } from './harness';

/** The lib/ modules the bundle measures, for the report. */
export const STAGE_MODULES = [
  'lib/dom/gate.ts',
  'lib/annotate/read.ts',
  'lib/annotate/index.ts',
  'lib/page/mentions.ts',
  'lib/page/highlighter.ts',
  'lib/page/hittest.ts',
];

type Annotated = { map: TextMap; annotation: PageAnnotation };

/** Keeps the hit-test index alive while the highlights are drawn, as the reader does. */
export const drawn: { hitTest: unknown } = { hitTest: null };

/**
 * As the reader draws an annotation with the default settings (entrypoints/content/reader.ts):
 * key quotes (not their repeats) and the entity mentions chosen, among those that can be drawn,
 * become ranges; the hit-test indexes of the drawn and of every target are built; the
 * highlights are drawn in the page's theme. Like the reader, it makes a live Range only for a
 * highlight it draws.
 */
export function draw(doc: Document, { map, annotation }: Annotated): () => void {
  const types = new Map(annotation.entities.map((entity) => [entity.id, entity.type]));
  const drawable = (span: Span) => spanHasRange(map, span.start, span.end);
  const kept: Target[] = [];
  annotation.quotes.forEach((quote, index) => {
    if (quote.key && quote.repeatOf === undefined && drawable(quote.span)) {
      kept.push({ kind: 'quote', span: quote.span, ref: { type: 'quote', index } });
    }
  });
  const chosen = chooseMentions(
    map.text,
    annotation.mentions.filter((mention) => types.has(mention.entityId) && drawable(mention.span)),
    (id) => types.get(id),
    mentionChoice(DEFAULT_SETTINGS),
  );
  const quiet: Target[] = [];
  const add = (list: Target[]) => (mention: EntityMention) => {
    list.push({
      kind: types.get(mention.entityId)!,
      span: mention.span,
      ref: { type: 'entity', id: mention.entityId },
    });
  };
  chosen.drawn.forEach(add(kept));
  chosen.more.forEach(add(quiet));
  const marks: Mark[] = kept.flatMap((target) => {
    const range = rangeFor(map, target.span.start, target.span.end);
    return range ? [{ kind: target.kind, range }] : [];
  });
  drawn.hitTest = [indexSpans(kept), indexSpans([...kept, ...quiet]), nodeIndex(map)];
  const highlighter = createHighlighter(doc);
  highlighter.draw(marks, pageTheme(doc));
  return () => {
    highlighter.clear();
    drawn.hitTest = null;
  };
}

export function wire(): Pipeline<MatcherIndex, PageRead, PageAnnotation> {
  return {
    // As the content script reads the gate: a page that names not both sides stops there.
    gate: (doc) => {
      const seen = gate(doc);
      return { ...seen, passed: seen.passed && seen.topical };
    },
    // The background has the index bundled as data; parsing its JSON is the same work.
    loadIndex: (json) => JSON.parse(json) as MatcherIndex,
    // As entrypoints/page-reader.ts runs it.
    read: (doc) => runInSlices(readPageSteps(doc, MAX_BODY_CHARS), pauseFor()),
    // As entrypoints/background.ts runs it, less its pauses (the background's own thread).
    analyse: (page, index) => runSteps(analyseSteps(page, index)).annotation,
    highlight: draw,
    readWhole: (doc) => runSteps(readPageSteps(doc)).page,
    // A bare tokenizing pass: one word-regex scan over the same characters.
    tokenPass: (text) => {
      WORD.lastIndex = 0;
      let words = 0;
      while (WORD.exec(text) !== null) words++;
      return words;
    },
  };
}

const WORD = /[\p{L}\p{N}]+/gu;
