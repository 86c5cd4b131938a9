// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createHighlighter,
  highlightCss,
  highlightEnv,
  highlightName,
  luminance,
  pageTheme,
  parseRgb,
  type HighlightEnv,
} from '../../lib/page/highlighter';

/** jsdom has neither `CSS.highlights` nor `Highlight`: these stand in with the spec's shape. */
class FakeHighlight extends Set<AbstractRange> {
  priority = 0;
  constructor(...ranges: AbstractRange[]) {
    super(ranges);
  }
}

class FakeSheet {
  text = '';
  replaceSync(text: string) {
    this.text = text;
  }
}

function fakeEnv(): HighlightEnv & { registry: Map<string, FakeHighlight> } {
  return {
    registry: new Map() as unknown as HighlightRegistry & Map<string, FakeHighlight>,
    Highlight: FakeHighlight as unknown as typeof Highlight,
    CSSStyleSheet: FakeSheet as unknown as typeof CSSStyleSheet,
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
    expect(document.adoptedStyleSheets).toHaveLength(2);
    expect((document.adoptedStyleSheets[1] as unknown as FakeSheet).text).toContain(
      '::highlight(bilateral-quote)',
    );
  });

  it('redraws without leaving stale highlights or a second sheet', () => {
    const env = fakeEnv();
    const highlighter = createHighlighter(document, env);
    highlighter.draw([{ kind: 'person', range: rangeOver(text, 0, 7) }], 'light');
    highlighter.draw([{ kind: 'quote', range: rangeOver(text, 41, 54) }], 'dark');
    expect([...env.registry.keys()]).toEqual(['bilateral-quote']);
    expect(document.adoptedStyleSheets).toHaveLength(2);
    expect((document.adoptedStyleSheets[1] as unknown as FakeSheet).text).toBe(
      highlightCss('dark'),
    );
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
    expect(document.adoptedStyleSheets).toEqual([pageSheet]);
    // Clearing twice is harmless.
    highlighter.clear();
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

  it('gives every entity type its own underline style and colour', () => {
    const css = highlightCss('light');
    const styles = ['person', 'organization', 'place', 'event', 'concept'].map((kind) => {
      const rule = css.split('\n').find((line) => line.includes(`bilateral-${kind})`))!;
      return /underline (\w+) (#[0-9a-f]+)/.exec(rule)!.slice(1).join(' ');
    });
    expect(new Set(styles).size).toBe(5);
    expect(css).not.toContain('undefined');
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
