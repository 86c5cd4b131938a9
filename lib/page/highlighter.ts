/**
 * The one module that touches the page's highlights. It registers one CSS Custom Highlight per
 * kind (key quotes, and entities by type) plus a focus highlight, under names whose
 * `::highlight()` rules the browser added to the page with the content script
 * (entrypoints/content/highlights.css): no element and no style sheet is added to the page, and
 * drawing restyles only the text it marks. `clear()` removes exactly what was registered and
 * leaves anything the page registered alone.
 */
import type { EntityType } from '../kb/types';

export const HIGHLIGHT_PREFIX = 'bilateral-';

export const ENTITY_KINDS = [
  'person',
  'organization',
  'place',
  'event',
  'concept',
] as const satisfies readonly EntityType[];

export type HighlightKind = 'quote' | EntityType;
export const HIGHLIGHT_KINDS: readonly HighlightKind[] = ['quote', ...ENTITY_KINDS];

export type Theme = 'light' | 'dark';

/**
 * Name of the highlight for one kind on a page of this theme; `focus` marks the highlight a
 * card or the popup points at. highlights.css styles every name.
 */
export function highlightName(kind: HighlightKind | 'focus', theme: Theme = 'light'): string {
  return `${HIGHLIGHT_PREFIX}${kind}${theme === 'dark' ? '-dark' : ''}`;
}

/**
 * Priorities decide which highlight paints on top where they overlap: an entity inside a quote
 * keeps its underline over the quote's background, and the focus mark is above everything.
 */
const PRIORITY: Record<HighlightKind | 'focus', number> = {
  quote: 1,
  concept: 2,
  event: 3,
  place: 4,
  organization: 5,
  person: 6,
  focus: 10,
};

/** The parts of a window the highlighter uses; tests pass a stand-in. */
export interface HighlightEnv {
  registry: HighlightRegistry;
  Highlight: typeof Highlight;
}

/** The CSS Custom Highlight API of a window, or null when the browser lacks it. */
export function highlightEnv(win: Window = window): HighlightEnv | null {
  const scope = win as Window & {
    CSS?: { highlights?: HighlightRegistry };
    Highlight?: typeof Highlight;
  };
  const registry = scope.CSS?.highlights;
  if (!registry || typeof scope.Highlight !== 'function') return null;
  return { registry, Highlight: scope.Highlight };
}

export interface Mark {
  kind: HighlightKind;
  range: AbstractRange;
}

/** Parses `rgb(…)`/`rgba(…)` as `getComputedStyle` reports colours; null for anything else. */
export function parseRgb(value: string): [number, number, number, number] | null {
  const match =
    /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(
      value.trim(),
    );
  if (!match) return null;
  let alpha = 1;
  if (match[4] !== undefined) {
    alpha = match[4].endsWith('%') ? parseFloat(match[4]) / 100 : parseFloat(match[4]);
  }
  return [Number(match[1]), Number(match[2]), Number(match[3]), alpha];
}

/** WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function luminance([r, g, b]: readonly number[]): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
}

/**
 * Whether the page reads as dark: the first opaque background from `from` up to the root
 * decides; a page with no background anywhere is judged by its text colour (light text means a
 * dark canvas).
 */
export function pageTheme(doc: Document, from: Element | null = doc.body): Theme {
  const view = doc.defaultView;
  if (!view) return 'light';
  for (let element = from; element; element = element.parentElement) {
    const rgba = parseRgb(view.getComputedStyle(element).backgroundColor);
    if (rgba && rgba[3] >= 0.5) return luminance(rgba) < 0.35 ? 'dark' : 'light';
  }
  const text = parseRgb(view.getComputedStyle(from ?? doc.documentElement).color);
  return text && luminance(text) > 0.5 ? 'dark' : 'light';
}

export interface Highlighter {
  readonly supported: boolean;
  /** Replaces whatever was drawn with these marks. */
  draw(marks: readonly Mark[], theme: Theme): void;
  /** Marks one range as the current one (a card is open on it), or none. */
  focus(range: AbstractRange | null): void;
  /** The highlight object registered for a kind, for hit-testing. */
  kindOf(highlight: Highlight): HighlightKind | 'focus' | null;
  /** Removes every highlight this highlighter registered. */
  clear(): void;
}

export function createHighlighter(
  doc: Document = document,
  env: HighlightEnv | null = highlightEnv(doc.defaultView ?? window),
): Highlighter {
  if (!env) {
    return {
      supported: false,
      draw() {},
      focus() {},
      kindOf: () => null,
      clear() {},
    };
  }
  /** What this highlighter registered, by name. */
  const owned = new Map<string, Highlight>();
  const kinds = new Map<Highlight, HighlightKind | 'focus'>();
  let drawnTheme: Theme = 'light';

  const unregister = (name: string) => {
    const highlight = owned.get(name);
    if (!highlight) return;
    if (env.registry.get(name) === highlight) env.registry.delete(name);
    owned.delete(name);
    kinds.delete(highlight);
  };

  const register = (kind: HighlightKind | 'focus', ranges: AbstractRange[]) => {
    const name = highlightName(kind, drawnTheme);
    unregister(name);
    if (ranges.length === 0) return;
    const highlight = new env.Highlight(...ranges);
    highlight.priority = PRIORITY[kind];
    env.registry.set(name, highlight);
    owned.set(name, highlight);
    kinds.set(highlight, kind);
  };

  return {
    supported: true,
    draw(marks, theme) {
      if (theme !== drawnTheme) {
        // The page turned dark or light: the other theme's names go, focus included.
        for (const name of [...owned.keys()]) unregister(name);
        drawnTheme = theme;
      }
      const byKind = new Map<HighlightKind, AbstractRange[]>();
      for (const mark of marks) {
        const list = byKind.get(mark.kind);
        if (list) list.push(mark.range);
        else byKind.set(mark.kind, [mark.range]);
      }
      for (const kind of HIGHLIGHT_KINDS) register(kind, byKind.get(kind) ?? []);
    },
    focus(range) {
      register('focus', range ? [range] : []);
    },
    kindOf(highlight) {
      return kinds.get(highlight) ?? null;
    },
    clear() {
      for (const name of [...owned.keys()]) unregister(name);
    },
  };
}
