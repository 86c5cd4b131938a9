// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createHighlighter,
  HIGHLIGHT_KINDS,
  highlightEnv,
  highlightName,
  luminance,
  pageTheme,
  parseRgb,
  type HighlightEnv,
} from '../../lib/page/highlighter';
import { LEGEND } from '../../lib/page/legend';

/** jsdom has neither `CSS.highlights` nor `Highlight`: these stand in with the spec's shape. */
class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}

class FakeSheet {}

function fakeEnv(): HighlightEnv & { registry: Map<string, FakeHighlight> } {
  return {
    registry: new Map() as unknown as HighlightRegistry & Map<string, FakeHighlight>,
    Highlight: FakeHighlight as unknown as typeof Highlight,
  } as HighlightEnv & { registry: Map<string, FakeHighlight> };
}

function rangeOver(text: Text, start: number, end: number): Range {
  const range = document.createRange();
  range.setStart(text, start);
  range.setEnd(text, end);
  return range;
}

describe('highlighter', () => {
  let pageSheet: FakeSheet;
  let text: Text;
  beforeEach(() => {
    document.body.textContent = 'Blinken met Qin Gang in Beijing and said "we must talk".';
    text = document.body.firstChild as Text;
    pageSheet = new FakeSheet();
    (document as unknown as { adoptedStyleSheets: unknown[] }).adoptedStyleSheets = [pageSheet];
  });

  it('reports the API missing and touches nothing', () => {
    expect(highlightEnv(window)).toBeNull();
    const highlighter = createHighlighter(document);
    expect(highlighter.supported).toBe(false);
    highlighter.draw([{ kind: 'quote', range: rangeOver(text, 0, 5) }], 'light');
    expect(document.adoptedStyleSheets).toEqual([pageSheet]);
  });

  it('registers one highlight per kind with its ranges and priority', () => {
    const env = fakeEnv();
    const highlighter = createHighlighter(document, env);
    const blinken = rangeOver(text, 0, 7);
    const qin = rangeOver(text, 12, 19);
    const beijing = rangeOver(text, 23, 30);
    const quote = rangeOver(text, 41, 54);
    highlighter.draw(
      [
        { kind: 'person', range: blinken },
        { kind: 'person', range: qin },
        { kind: 'place', range: beijing },
        { kind: 'quote', range: quote },
      ],
      'light',
    );
    expect([...env.registry.keys()].sort()).toEqual([
      'bilateral-person',
      'bilateral-place',
      'bilateral-quote',
    ]);
    expect([...env.registry.get('bilateral-person')!]).toEqual([blinken, qin]);
    const person = env.registry.get('bilateral-person')!;
    const quoteHighlight = env.registry.get('bilateral-quote')!;
    expect(person.priority).toBeGreaterThan(quoteHighlight.priority);
    expect(highlighter.kindOf(person as unknown as Highlight)).toBe('person');
    // The page's style sheets are left as they are: the rules come with the content script.
    expect(document.adoptedStyleSheets).toEqual([pageSheet]);
  });

  it('redraws without leaving stale highlights, under the dark names on a dark page', () => {
    const env = fakeEnv();
    const highlighter = createHighlighter(document, env);
    highlighter.draw([{ kind: 'person', range: rangeOver(text, 0, 7) }], 'light');
    highlighter.focus(rangeOver(text, 0, 7));
    highlighter.draw([{ kind: 'quote', range: rangeOver(text, 41, 54) }], 'dark');
    expect([...env.registry.keys()]).toEqual(['bilateral-quote-dark']);
    highlighter.focus(rangeOver(text, 41, 54));
    expect([...env.registry.keys()].sort()).toEqual([
      'bilateral-focus-dark',
      'bilateral-quote-dark',
    ]);
    const focus = env.registry.get('bilateral-focus-dark')!;
    expect(highlighter.kindOf(focus as unknown as Highlight)).toBe('focus');
    highlighter.draw([{ kind: 'quote', range: rangeOver(text, 41, 54) }], 'dark');
    expect(env.registry.has('bilateral-focus-dark')).toBe(true);
  });

  it('clear() removes exactly what it added', () => {
    const env = fakeEnv();
    const pages = new FakeHighlight(rangeOver(text, 0, 3));
    env.registry.set('page-own', pages);
    const highlighter = createHighlighter(document, env);
    highlighter.draw(
      [
        { kind: 'event', range: rangeOver(text, 0, 7) },
        { kind: 'concept', range: rangeOver(text, 8, 11) },
      ],
      'light',
    );
    highlighter.focus(rangeOver(text, 0, 7));
    expect(env.registry.has(highlightName('focus'))).toBe(true);
    highlighter.clear();
    expect([...env.registry.entries()]).toEqual([['page-own', pages]]);
    // Clearing twice is harmless.
    highlighter.clear();
    expect([...env.registry.entries()]).toEqual([['page-own', pages]]);
    expect(document.adoptedStyleSheets).toEqual([pageSheet]);
  });

  it('leaves a highlight that someone else registered under our name in the meantime', () => {
    const env = fakeEnv();
    const highlighter = createHighlighter(document, env);
    highlighter.draw([{ kind: 'quote', range: rangeOver(text, 41, 54) }], 'light');
    const other = new FakeHighlight();
    env.registry.set('bilateral-quote', other);
    highlighter.clear();
    expect(env.registry.get('bilateral-quote')).toBe(other);
  });

  it('has a rule in highlights.css for every name it registers, in both themes', () => {
    const css = readFileSync('entrypoints/content/highlights.css', 'utf8');
    const rules = new Map<string, string>();
    for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      for (const [, name] of selectors!.matchAll(/::highlight\(([\w-]+)\)/g)) {
        rules.set(name!, `${rules.get(name!) ?? ''}${body}`);
      }
    }
    const names = [...HIGHLIGHT_KINDS, 'focus' as const].flatMap((kind) =>
      (['light', 'dark'] as const).map((theme) => highlightName(kind, theme)),
    );
    expect([...rules.keys()].sort()).toEqual([...names].sort());
    // Quotes and the focus mark tint the text; each entity type has its own line and colour.
    for (const theme of ['light', 'dark'] as const) {
      expect(rules.get(highlightName('quote', theme))).toMatch(/background-color/);
      expect(rules.get(highlightName('focus', theme))).toMatch(/background-color/);
      const looks = (['person', 'organization', 'place', 'event', 'concept'] as const).map(
        (kind) => {
          const rule = rules.get(highlightName(kind, theme))!;
          expect(rule).toMatch(/text-decoration-line: underline/);
          return `${/text-decoration-style: (\w+)/.exec(rule)![1]} ${/text-decoration-color: (#[0-9a-f]+)/.exec(rule)![1]}`;
        },
      );
      expect(new Set(looks).size).toBe(5);
    }
  });
});

describe('the legend', () => {
  it('shows every kind as highlights.css draws it, in both themes', () => {
    const css = readFileSync('entrypoints/content/highlights.css', 'utf8');
    const rules = new Map<string, string>();
    for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      for (const [, name] of selectors!.matchAll(/::highlight\(([\w-]+)\)/g)) {
        rules.set(name!, `${rules.get(name!) ?? ''}${body}`);
      }
    }
    expect(LEGEND.map((entry) => entry.kind)).toEqual([...HIGHLIGHT_KINDS]);
    for (const entry of LEGEND) {
      for (const theme of ['light', 'dark'] as const) {
        const rule = rules.get(highlightName(entry.kind, theme))!;
        const colour = theme === 'light' ? entry.light : entry.dark;
        if (entry.mark === 'tint') {
          expect(rule).toContain(`background-color: ${colour};`);
        } else {
          expect(rule).toContain(`text-decoration-style: ${entry.mark};`);
          expect(rule).toContain(`text-decoration-color: ${colour};`);
        }
      }
    }
  });
});

describe('page theme', () => {
  it.each([
    ['rgb(255, 255, 255)', [255, 255, 255, 1]],
    ['rgba(0, 0, 0, 0)', [0, 0, 0, 0]],
    ['rgb(10 20 30 / 50%)', [10, 20, 30, 0.5]],
    ['color(srgb 1 1 1)', null],
  ])('parses %s', (value, expected) => {
    expect(parseRgb(value)).toEqual(expected);
  });

  it('measures luminance', () => {
    expect(luminance([0, 0, 0])).toBe(0);
    expect(luminance([255, 255, 255])).toBeCloseTo(1);
  });

  it('reads the first opaque background up the tree', () => {
    document.documentElement.style.backgroundColor = 'rgb(18, 18, 18)';
    document.body.style.backgroundColor = 'transparent';
    document.body.innerText = 'x';
    expect(pageTheme(document)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(250, 250, 245)';
    expect(pageTheme(document)).toBe('light');
    document.body.style.backgroundColor = '';
    document.documentElement.style.backgroundColor = '';
    document.body.style.color = 'rgb(230, 230, 230)';
    expect(pageTheme(document)).toBe('dark');
    document.body.style.color = '';
    expect(pageTheme(document)).toBe('light');
  });
});
