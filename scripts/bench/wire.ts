/**
 * Turns the product's lib/ modules into the harness's stage functions. bundle.ts imports only
 * the modules that exist in the checkout and passes null for the others, so the bench measures
 * whatever part of the pipeline has landed and reports the rest as not run. The shapes are
 * checked at run time: a module that lacks the export the content script uses is an error
 * with its name, not a silent skip.
 */
import type { Annotated, Pipeline } from './harness';

type Fn = (...args: never[]) => unknown;
type Module = Record<string, unknown>;

/** Keeps the hit-test index alive while the highlights are drawn, as the reader does. */
export const drawn: { hitTest: unknown } = { hitTest: null };

export interface StageModules {
  gate: Module;
  textmap: Module;
  annotate: Module | null;
  highlighter: Module | null;
  hittest: Module | null;
}

function exported<T extends Fn>(module: Module, name: string, file: string): T {
  const value = module[name];
  if (typeof value !== 'function') throw new Error(`${file} has no exported function ${name}`);
  return value as T;
}

interface Spanned {
  span: { start: number; end: number };
}
interface FullAnnotation {
  active: boolean;
  quotes: (Spanned & { key: boolean; repeatOf?: number })[];
  mentions: (Spanned & { entityId: string })[];
  entities: { id: string; type: string }[];
}

export function wire(modules: StageModules): Pipeline {
  const gate = exported<Pipeline['gate']>(modules.gate, 'gate', 'lib/dom/gate.ts');
  const present: Record<string, boolean> = {
    'lib/dom/gate.ts': true,
    'lib/annotate/index.ts': modules.annotate !== null,
    'lib/page/highlighter.ts': modules.highlighter !== null,
    'lib/page/hittest.ts': modules.hittest !== null,
  };
  const annotate = modules.annotate
    ? exported<(doc: Document, index: unknown) => Annotated>(
        modules.annotate,
        'annotate',
        'lib/annotate/index.ts',
      )
    : null;
  const loadIndex = annotate ? (json: string): unknown => JSON.parse(json) : null;

  let highlight: Pipeline['highlight'] = null;
  if (modules.highlighter) {
    type Highlighter = { draw(marks: unknown[], theme: string): void; clear(): void };
    const createHighlighter = exported<(doc: Document) => Highlighter>(
      modules.highlighter,
      'createHighlighter',
      'lib/page/highlighter.ts',
    );
    const pageTheme = exported<(doc: Document) => string>(
      modules.highlighter,
      'pageTheme',
      'lib/page/highlighter.ts',
    );
    const rangeFor = exported<(map: unknown, start: number, end: number) => Range | null>(
      modules.textmap,
      'rangeFor',
      'lib/dom/textmap.ts',
    );
    const hittest = modules.hittest;
    const indexSpans = hittest
      ? exported<(targets: unknown[]) => unknown>(hittest, 'indexSpans', 'lib/page/hittest.ts')
      : null;
    const nodeIndex = hittest
      ? exported<(map: unknown) => unknown>(hittest, 'nodeIndex', 'lib/page/hittest.ts')
      : null;
    // As the content script's reader draws an annotation: key quotes (not their repeats) and
    // entity mentions become ranges, the hit-test index is built, and the highlights drawn.
    highlight = (doc, annotated) => {
      const annotation = annotated.annotation as unknown as FullAnnotation;
      const types = new Map(annotation.entities.map((entity) => [entity.id, entity.type]));
      const targets: { kind: string; span: Spanned['span']; ref: unknown }[] = [];
      annotation.quotes.forEach((quote, index) => {
        if (quote.key && quote.repeatOf === undefined) {
          targets.push({ kind: 'quote', span: quote.span, ref: { type: 'quote', index } });
        }
      });
      for (const mention of annotation.mentions) {
        const kind = types.get(mention.entityId);
        if (kind)
          targets.push({ kind, span: mention.span, ref: { type: 'entity', id: mention.entityId } });
      }
      const marks: { kind: string; range: Range }[] = [];
      const kept: unknown[] = [];
      for (const target of targets) {
        const range = rangeFor(annotated.map, target.span.start, target.span.end);
        if (!range || range.collapsed) continue;
        kept.push(target);
        marks.push({ kind: target.kind, range });
      }
      drawn.hitTest = [indexSpans?.(kept), nodeIndex?.(annotated.map)];
      const highlighter = createHighlighter(doc);
      highlighter.draw(marks, pageTheme(doc));
      return () => {
        highlighter.clear();
        drawn.hitTest = null;
      };
    };
  }
  return { gate, loadIndex, annotate, highlight, present };
}
