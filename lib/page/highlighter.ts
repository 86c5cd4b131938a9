/**
 * The one module that touches the page's highlights. It registers one CSS Custom Highlight per
 * kind (key quotes, and entities by type) plus a focus highlight, and one constructed style
 * sheet in `document.adoptedStyleSheets`, because `::highlight()` rules only style text in the
 * scope of the sheet that holds them and this way no element is added to the page. `clear()`
 * removes exactly what was added and leaves anything the page registered alone.
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

/** Name of the highlight for one kind; `focus` marks the highlight a card or the popup points at. */
export function highlightName(kind: HighlightKind | 'focus'): string {
  return `${HIGHLIGHT_PREFIX}${kind}`;
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
  CSSStyleSheet: typeof CSSStyleSheet;
}

/** The CSS Custom Highlight API of a window, or null when the browser lacks it. */
export function highlightEnv(win: Window = window): HighlightEnv | null {
  const scope = win as Window & {
    CSS?: { highlights?: HighlightRegistry };
    Highlight?: typeof Highlight;
    CSSStyleSheet?: typeof CSSStyleSheet;
  };
  const registry = scope.CSS?.highlights;
  if (!registry || typeof scope.Highlight !== 'function') return null;
  if (typeof scope.CSSStyleSheet !== 'function') return null;
  return { registry, Highlight: scope.Highlight, CSSStyleSheet: scope.CSSStyleSheet };
}

export interface Mark {
  kind: HighlightKind;
  range: AbstractRange;
}

export type Theme = 'light' | 'dark';

interface Palette {
  quote: string;
  quoteText: string;
  focus: string;
  entity: Record<EntityType, string>;
}

/** Key quotes get a clear tint, entities a thin coloured underline whose colour and style tell the type. */
const PALETTES: Record<Theme, Palette> = {
  light: {
    quote: 'rgba(255, 196, 0, 0.38)',
    quoteText: 'inherit',
    focus: 'rgba(0, 102, 255, 0.28)',
    entity: {
      person: '#1f5fbf',
      organization: '#0f7b6c',
      place: '#8a4fbf',
      event: '#b3541e',
      concept: '#6b6f76',
    },
  },
  dark: {
    quote: 'rgba(255, 200, 40, 0.28)',
    quoteText: 'inherit',
    focus: 'rgba(90, 160, 255, 0.4)',
    entity: {
      person: '#7fb2ff',
      organization: '#5fd3bd',
      place: '#c9a2f2',
      event: '#ffa36b',
      concept: '#b4b9c1',
    },
  },
};

const DECORATION_STYLE: Record<EntityType, string> = {
  person: 'solid',
  organization: 'dashed',
  place: 'dotted',
  event: 'double',
  concept: 'wavy',
};

/** The `::highlight()` rules for a theme. */
export function highlightCss(theme: Theme): string {
  const palette = PALETTES[theme];
  const rules = [
    `::highlight(${highlightName('quote')}) { background-color: ${palette.quote}; }`,
    `::highlight(${highlightName('focus')}) { background-color: ${palette.focus}; }`,
  ];
  for (const kind of ENTITY_KINDS) {
    rules.push(
      `::highlight(${highlightName(kind)}) { text-decoration: underline ${DECORATION_STYLE[kind]} ${palette.entity[kind]}; text-decoration-thickness: 1.5px; text-underline-offset: 0.18em; }`,
    );
  }
  return rules.join('\n');
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
  /** Removes every highlight and the style sheet this highlighter added. */
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
  const owned = new Map<string, Highlight>();
  const kinds = new Map<Highlight, HighlightKind | 'focus'>();
  let sheet: CSSStyleSheet | null = null;
  let sheetTheme: Theme | null = null;

  const register = (kind: HighlightKind | 'focus', ranges: AbstractRange[]) => {
    const name = highlightName(kind);
    const previous = owned.get(name);
    if (previous && env.registry.get(name) === previous) env.registry.delete(name);
    owned.delete(name);
    if (previous) kinds.delete(previous);
    if (ranges.length === 0) return;
    const highlight = new env.Highlight(...ranges);
    highlight.priority = PRIORITY[kind];
    env.registry.set(name, highlight);
    owned.set(name, highlight);
    kinds.set(highlight, kind);
  };

  const adoptSheet = (theme: Theme) => {
    if (!sheet) {
      sheet = new env.CSSStyleSheet();
      // Assigning a fresh array (rather than push) works through Firefox's content-script
      // wrappers as well as in Chromium.
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    }
    if (sheetTheme !== theme) {
      sheet.replaceSync(highlightCss(theme));
      sheetTheme = theme;
    }
  };

  return {
    supported: true,
    draw(marks, theme) {
      adoptSheet(theme);
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
      for (const [name, highlight] of owned) {
        if (env.registry.get(name) === highlight) env.registry.delete(name);
      }
      owned.clear();
      kinds.clear();
      if (sheet) {
        const ours = sheet;
        doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== ours);
        sheet = null;
        sheetTheme = null;
      }
    },
  };
}
