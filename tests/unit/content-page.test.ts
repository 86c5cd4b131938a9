// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { runPage, TIME_BUDGET_MS, type PageDeps } from '../../entrypoints/content/page';
import type { PageAnnotation, PageText } from '../../lib/annotate/types';
import { buildTextMap } from '../../lib/dom/textmap';
import { DEFAULT_SETTINGS } from '../../lib/page/prefs';
import type { PageState, Prefs } from '../../lib/protocol';

const PARAGRAPH =
  'Secretary of State Antony Blinken met Qin Gang in Beijing on Sunday, and both sides called the talks candid and constructive after years of strain. ';

/** Paragraphs of text, built as nodes (tests follow the no-markup-from-strings rule too). */
function setParagraphs(texts: string[]) {
  document.body.replaceChildren(
    ...texts.map((text) => Object.assign(document.createElement('p'), { textContent: text })),
  );
}
const article = () => setParagraphs(Array.from({ length: 6 }, () => PARAGRAPH.repeat(2)));

const prefs = (over: Partial<Prefs> = {}): Prefs => ({
  host: 'localhost',
  site: null,
  settings: DEFAULT_SETTINGS,
  ...over,
});

/** The CSS Custom Highlight API as jsdom lacks it. */
function installHighlights() {
  const registry = new Map<string, Set<unknown>>();
  class FakeHighlight extends Set<unknown> {
    priority = 0;
    constructor(...ranges: unknown[]) {
      super(ranges);
    }
  }
  Object.assign(window, { Highlight: FakeHighlight });
  Object.assign(window.CSS ?? (window.CSS = {} as typeof CSS), { highlights: registry });
  (document as unknown as { adoptedStyleSheets: unknown[] }).adoptedStyleSheets = [];
  return registry;
}

function context() {
  const controller = new AbortController();
  const invalidated: (() => void)[] = [];
  return {
    controller,
    ctx: {
      signal: controller.signal,
      onInvalidated: (cb: () => void) => {
        invalidated.push(cb);
        return () => undefined;
      },
      addEventListener: () => undefined,
    },
    invalidate: () => {
      controller.abort();
      invalidated.forEach((cb) => cb());
    },
  };
}

function deps(over: Partial<PageDeps> = {}) {
  const reports: PageState[] = [];
  const annotation = (text: string): PageAnnotation => {
    const at = text.indexOf('Antony Blinken');
    return {
      news: { news: true, score: 1, reasons: [] },
      topic: { relevant: true, score: 0.9, reasons: ['both named'] },
      active: true,
      quotes: [],
      mentions: [{ entityId: 'antony-blinken', span: { start: at, end: at + 14 } }],
      entities: [{ id: 'antony-blinken', name: 'Antony Blinken', type: 'person', mentions: 1 }],
    };
  };
  const value: PageDeps & { reports: PageState[] } = {
    reports,
    t: (key) => key,
    read: vi.fn(async (doc: Document) => {
      const map = buildTextMap([doc.body]);
      return { map, page: pageText(map.text), cut: false };
    }),
    analyse: vi.fn(async (page: PageText) => ({ ok: true as const, value: annotation(page.text) })),
    getPrefs: vi.fn(async () => ({ ok: true as const, value: prefs() })),
    report: vi.fn(async (state: PageState) => {
      reports.push(state);
    }),
    loadEntity: vi.fn(),
    loadQuote: vi.fn(),
    saveClipping: vi.fn(),
    compareWordings: vi.fn(),
    loadCards: vi.fn(),
    ...over,
  };
  return value;
}

function pageText(text: string): PageText {
  return {
    text,
    paragraphs: text.split('\n'),
    blockquotes: [],
    headline: '',
    description: '',
    published: null,
    meta: {
      url: location.href,
      title: '',
      canonical: '',
      metas: {},
      schemaTypes: [],
      publishers: [],
      bylineNear: false,
      dateNear: false,
      encyclopediaMarkup: false,
    },
    pageChars: text.length,
    pageLinkChars: 0,
  };
}

/** Long enough for a second call to the background after its pause. */
const retried = () => new Promise((resolve) => setTimeout(resolve, 400));

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the content script on a page', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => {
    document.body.replaceChildren();
  });

  it('stops at the gate: no prefs, no matcher, nothing drawn', async () => {
    setParagraphs(['Short.']);
    const registry = installHighlights();
    const d = deps();
    runPage(context().ctx, d);
    await settle();
    expect(d.reports.at(-1)?.phase).toBe('gated-out');
    expect(d.getPrefs).not.toHaveBeenCalled();
    expect(d.analyse).not.toHaveBeenCalled();
    expect(registry.size).toBe(0);
  });

  it('says so and touches nothing when the browser lacks the highlight API', async () => {
    article();
    delete (window as { Highlight?: unknown }).Highlight;
    const d = deps();
    runPage(context().ctx, d);
    await settle();
    expect(d.reports.at(-1)?.phase).toBe('unsupported');
    expect(d.analyse).not.toHaveBeenCalled();
  });

  it('never loads the matcher on a site switched off', async () => {
    article();
    installHighlights();
    const d = deps({
      getPrefs: vi.fn(async () => ({ ok: true as const, value: prefs({ site: 'never' }) })),
    });
    runPage(context().ctx, d);
    await settle();
    expect(d.reports.at(-1)).toMatchObject({ phase: 'off', offBy: 'site' });
    expect(d.analyse).not.toHaveBeenCalled();
  });

  it('keeps an article that names not both sides quiet without loading the matcher, unless switched on', async () => {
    setParagraphs(
      Array.from({ length: 6 }, () =>
        'The city council met on Tuesday and agreed on the budget for the coming year. '.repeat(2),
      ),
    );
    installHighlights();
    const d = deps();
    runPage(context().ctx, d);
    await settle();
    expect(d.reports.at(-1)).toMatchObject({ phase: 'quiet', topic: { relevant: false } });
    expect(d.analyse).not.toHaveBeenCalled();
    const forced = deps({
      getPrefs: vi.fn(async () => ({ ok: true as const, value: prefs({ site: 'always' }) })),
    });
    runPage(context().ctx, forced);
    await settle();
    expect(forced.analyse).toHaveBeenCalled();
    expect(forced.reports.at(-1)?.phase).toBe('active');
  });

  it('draws an active page, and releases every highlight when invalidated', async () => {
    article();
    const registry = installHighlights();
    const d = deps();
    const { ctx, invalidate } = context();
    runPage(ctx, d);
    await settle();
    expect(d.reports.at(-1)).toMatchObject({ phase: 'active', entityCount: 1, mentionCount: 1 });
    expect([...registry.keys()]).toEqual(['bilateral-person']);
    invalidate();
    expect(registry.size).toBe(0);
    expect(document.adoptedStyleSheets).toHaveLength(0);
  });

  it('says when the reading cap left text unread', async () => {
    article();
    installHighlights();
    const d = deps();
    const read = d.read;
    d.read = vi.fn(async (...args: Parameters<typeof read>) => ({
      ...(await read(...args)),
      cut: true,
    }));
    runPage(context().ctx, d);
    await settle();
    expect(d.reports.at(-1)).toMatchObject({ phase: 'active' });
    expect(d.reports.at(-1)?.budget).toMatch(/^only the first 60000 characters/);
  });

  it('makes a reading over the time budget the last: later content is not followed', async () => {
    article();
    installHighlights();
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      const d = deps();
      const read = d.read;
      d.read = vi.fn(async (...args: Parameters<typeof read>) => {
        clock += TIME_BUDGET_MS + 1;
        return read(...args);
      });
      const { ctx, invalidate } = context();
      runPage(ctx, d);
      await settle();
      expect(d.reports.at(-1)).toMatchObject({ phase: 'active' });
      expect(d.reports.at(-1)?.budget).toMatch(/over the 1500 ms budget/);
      expect(d.read).toHaveBeenCalledTimes(1);
      // A paragraph arrives: within the budget it would be read after the debounce.
      document.body.append(
        Object.assign(document.createElement('p'), { textContent: PARAGRAPH.repeat(2) }),
      );
      await new Promise((resolve) => setTimeout(resolve, 800));
      expect(d.read).toHaveBeenCalledTimes(1);
      invalidate();
    } finally {
      now.mockRestore();
    }
  });

  it('follows content that arrives later while within the time budget', async () => {
    article();
    installHighlights();
    const d = deps();
    const { ctx, invalidate } = context();
    runPage(ctx, d);
    await settle();
    expect(d.read).toHaveBeenCalledTimes(1);
    document.body.append(
      Object.assign(document.createElement('p'), { textContent: PARAGRAPH.repeat(2) }),
    );
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(d.read).toHaveBeenCalledTimes(2);
    invalidate();
  });

  it('asks the background once more when it does not answer, then says so', async () => {
    article();
    const registry = installHighlights();
    const d = deps();
    const analyse = d.analyse;
    let calls = 0;
    d.analyse = vi.fn(async (...args: Parameters<typeof analyse>) =>
      ++calls === 1
        ? { ok: false as const, error: 'page/analyse: Could not establish connection' }
        : analyse(...args),
    );
    runPage(context().ctx, d);
    await retried();
    expect(d.analyse).toHaveBeenCalledTimes(2);
    expect(d.reports.at(-1)).toMatchObject({ phase: 'active', mentionCount: 1 });
    expect(d.reports.at(-1)?.timing).toMatchObject({ first: true });
    expect(registry.size).toBe(1);

    document.body.replaceChildren();
    article();
    const down = deps({
      analyse: vi.fn(async () => ({ ok: false as const, error: 'page/analyse: no answer' })),
    });
    const none = installHighlights();
    runPage(context().ctx, down);
    await retried();
    expect(down.analyse).toHaveBeenCalledTimes(2);
    expect(down.reports.at(-1)).toMatchObject({ phase: 'error' });
    expect(down.reports.at(-1)?.error).toMatch(/asked twice.*no answer/);
    expect(none.size).toBe(0);
  });

  it('asks for the reader’s settings once more when the background does not answer at first', async () => {
    article();
    installHighlights();
    let calls = 0;
    const d = deps({
      getPrefs: vi.fn(async () =>
        ++calls === 1
          ? { ok: false as const, error: 'prefs/get: Receiving end does not exist.' }
          : { ok: true as const, value: prefs() },
      ),
    });
    runPage(context().ctx, d);
    await retried();
    expect(d.getPrefs).toHaveBeenCalledTimes(2);
    expect(d.reports.at(-1)).toMatchObject({ phase: 'active' });
  });
});
