/**
 * Hostile pages (tests/fixtures/hostile) in both browsers: pages that replace the globals a
 * script leans on, a million text nodes, a hundred thousand quotation marks, unbalanced quotes,
 * ten thousand levels of nesting, shadow roots and iframes, editable text and form fields, and
 * text written to attack the card. Each page's own script builds its big parts. On every one the
 * content script finishes its reading (its `page/state` answer comes when it is done), the page
 * stays responsive, no error reaches the page, nothing the page wrote runs, and nothing editable
 * is highlighted.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { envelope, type PageState } from '../../lib/protocol';
import type { Result } from '../../lib/result';
import { BROWSERS, FIXTURES_DIR, sessionForFile, waitFor, type ExtensionSession } from './harness';

const HOSTILE_DIR = path.join(FIXTURES_DIR, 'hostile');
const HOST_TAG = 'bilateral-cards';

/** Serves the hostile pages with the shared article put in place of `<!--ARTICLE-->`. */
async function serveHostile(): Promise<{ url(file: string): string; close(): Promise<void> }> {
  const article = await readFile(path.join(HOSTILE_DIR, 'article.html'), 'utf8');
  const server: Server = createServer((request, response) => {
    void (async () => {
      const name = path.basename(new URL(request.url ?? '/', 'http://x').pathname);
      const send = (status: number, body: string) => {
        response.writeHead(status, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
        });
        response.end(body);
      };
      try {
        const html = await readFile(path.join(HOSTILE_DIR, name), 'utf8');
        send(200, html.replace('<!--ARTICLE-->', article));
      } catch {
        send(404, 'Not found');
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: (file) => `http://127.0.0.1:${port}/hostile/${file}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Visit {
  page: Page;
  tabId: number;
  state: PageState;
  /** Everything thrown into the page or logged there as an error. */
  errors: string[];
}

/** Bilateral's highlights as the page sees them: name, and per range where it starts. */
interface SeenHighlight {
  name: string;
  ranges: { text: string; inside: string | null }[];
}

/** Runs in the page. `registry` is read from `realCss` when the page replaced `window.CSS`. */
function seenHighlights(realCss: string | null): SeenHighlight[] {
  const scope = globalThis as unknown as Record<string, { highlights: Map<string, Set<Range>> }>;
  const registry = (realCss ? scope[realCss] : scope.CSS)!.highlights;
  const out: SeenHighlight[] = [];
  registry.forEach((highlight, name) => {
    if (!name.startsWith('bilateral-')) return;
    const ranges: SeenHighlight['ranges'] = [];
    highlight.forEach((range) => {
      const start = range.startContainer;
      const element = start.nodeType === 1 ? (start as Element) : start.parentElement;
      const editable = element?.closest(
        '[contenteditable]:not([contenteditable="false"]), textarea, input, select, option, button',
      );
      ranges.push({ text: range.toString(), inside: editable ? editable.tagName : null });
    });
    out.push({ name, ranges });
  });
  return out;
}

describe.each(BROWSERS)('%s on hostile pages', (name) => {
  let server: Awaited<ReturnType<typeof serveHostile>>;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await serveHostile();
  });
  // Registered before the browser's own hooks, so the server closes after the browser.
  afterAll(async () => {
    await server?.close();
  });
  const { test } = sessionForFile(name, {
    ready: async (launched) => {
      session = launched;
    },
  });

  const askTab = async (tabId: number, message: unknown) =>
    (await session.inExtension(
      (ext, id: number, m: unknown) => ext.tabs.sendMessage(id, m),
      tabId,
      message,
    )) as Result<PageState>;

  /** Opens a hostile page and waits until the content script has finished reading it. */
  const visit = async (file: string): Promise<Visit> => {
    const page = await session.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => {
      errors.push(`uncaught: ${error instanceof Error ? error.message : String(error)}`);
    });
    // Console errors count when they come from Bilateral's code (a missing favicon is the page's).
    page.on('console', (message) => {
      const where = [message.location().url, ...message.stackTrace().map((f) => f.url)].join(' ');
      if (message.type() === 'error' && where.includes(session.extensionOrigin)) {
        errors.push(`console: ${message.text()}`);
      }
    });
    const url = server.url(file);
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const tabId = await session.tabIdOf(url);
    const answer = await askTab(tabId, envelope('page/state', null));
    if (!answer.ok) throw new Error(answer.error);
    // The page still answers at once: nothing of Bilateral's is still running in it.
    expect(await page.evaluate(() => document.readyState)).toBe('complete');
    return { page, tabId, state: answer.value, errors };
  };

  /** Switches the page on whatever its verdicts, so the whole pipeline runs on it. */
  const forceOn = async (visited: Visit): Promise<PageState> => {
    const answer = await askTab(visited.tabId, envelope('page/enable', { on: true }));
    if (!answer.ok) throw new Error(answer.error);
    return answer.value;
  };

  test('replaced globals: Bilateral works and never calls the page’s versions', async () => {
    const visited = await visit('globals.html');
    expect(visited.state.phase).toBe('active');
    expect(visited.state.quotes.length).toBeGreaterThan(0);
    const seen = (await visited.page.evaluate(seenHighlights, '__realCSS')) as SeenHighlight[];
    expect(seen.map((h) => h.name)).toContain('bilateral-quote');
    expect(await visited.page.evaluate('window.__calls.slice()')).toEqual([]);
    expect(visited.errors).toEqual([]);
    await visited.page.close();
  });

  for (const [file, what] of [
    ['million-text-nodes.html', 'a million text nodes'],
    ['quote-marks.html', 'a hundred thousand quotation marks'],
    ['unbalanced-quotes.html', 'unbalanced quotes'],
    ['deep-nesting.html', 'nesting ten thousand deep'],
  ] as const) {
    test(`${what}: reads the page within its budget, switched on as well, and throws nothing`, async () => {
      const visited = await visit(file);
      expect(visited.state.phase).not.toBe('error');
      const forced = await forceOn(visited);
      expect(forced.phase, forced.error).not.toBe('error');
      if (forced.phase !== 'active') {
        // The only other outcome allowed: the work budget stopped Bilateral and said so.
        expect(forced.budget, JSON.stringify(forced)).toBeTypeOf('string');
      }
      if (file === 'million-text-nodes.html') expect(forced.budget).toMatch(/text nodes/);
      // Every quotation stays inside one paragraph, however the marks are arranged.
      for (const quote of forced.quotes) expect(quote.text).not.toMatch(/\n/);
      expect(await visited.page.evaluate(() => 1 + 1)).toBe(2);
      expect(visited.errors).toEqual([]);
      await visited.page.close();
    });
  }

  test('shadow roots and iframes: their content is left exactly as it was', async () => {
    const visited = await visit('shadow-iframes.html');
    expect(visited.state.phase).toBe('active');
    const inside = await visited.page.evaluate(() => {
      const open = document.getElementById('open-host')!.shadowRoot!;
      const frame = (document.getElementById('srcdoc') as HTMLIFrameElement).contentWindow!;
      const frameHighlights: string[] = [];
      (frame as unknown as { CSS: { highlights: Map<string, unknown> } }).CSS.highlights.forEach(
        (_, key) => frameHighlights.push(key),
      );
      return {
        open: open.innerHTML,
        closed: (window as unknown as { __closedText(): string }).__closedText(),
        frameHighlights,
        frameHosts: frame.document.getElementsByTagName('bilateral-cards').length,
      };
    });
    const text =
      '“We will not be the ones to start a new cold war,” Antony Blinken said of China in a paragraph inside a shadow root.';
    expect(inside).toEqual({
      open: `<p>${text}</p>`,
      closed: text,
      frameHighlights: [],
      frameHosts: 0,
    });
    expect(visited.errors).toEqual([]);
    await visited.page.close();
  });

  test('contenteditable and form fields are never highlighted', async () => {
    const visited = await visit('editable.html');
    const forced = await forceOn(visited);
    expect(forced.phase).toBe('active');
    const seen = (await visited.page.evaluate(seenHighlights, null)) as SeenHighlight[];
    const ranges = seen.flatMap((h) => h.ranges);
    expect(ranges.length).toBeGreaterThan(0);
    expect(ranges.filter((r) => r.inside !== null)).toEqual([]);
    expect(visited.errors).toEqual([]);
    await visited.page.close();
  });

  test('text built to attack the card renders as text: no markup, no link, no script, isolated direction', async () => {
    const visited = await visit('card-attack.html');
    expect(visited.state.phase).toBe('active');
    const attack = visited.state.quotes.find((q) => q.text.includes('onerror'));
    expect(attack, JSON.stringify(visited.state.quotes)).toBeDefined();
    // Open the card of that quote through the popup's path: reveal, then click on it.
    const point = await visited.page.evaluate(() => {
      const highlight = (
        globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }
      ).CSS.highlights.get('bilateral-quote')!;
      for (const range of highlight) {
        if (!range.toString().includes('onerror')) continue;
        range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
        const rect = range.getClientRects()[0]!;
        return { x: rect.left + 4, y: rect.top + rect.height / 2 };
      }
      return null;
    });
    expect(point).not.toBeNull();
    await visited.page.mouse.click(point!.x, point!.y);
    const card = await waitFor(
      () =>
        visited.page.evaluate((tag: string) => {
          const host = document.getElementsByTagName(tag)[0];
          const root = host?.shadowRoot;
          const quote = root?.querySelector('.page-quote');
          if (!root || !quote) return null;
          const elements = Array.from(root.querySelectorAll('*'));
          return {
            hosts: document.getElementsByTagName(tag).length,
            tags: [...new Set(elements.map((e) => e.localName))].sort(),
            handlers: elements.flatMap((e) =>
              Array.from(e.attributes)
                .filter((a) => a.name.startsWith('on'))
                .map((a) => `${e.localName}[${a.name}]`),
            ),
            links: elements
              .filter((e) => e.hasAttribute('href') || e.hasAttribute('src'))
              .map((e) => e.outerHTML.slice(0, 80)),
            quote: quote.textContent ?? '',
            bidi: getComputedStyle(quote).unicodeBidi,
          };
        }, HOST_TAG),
      { what: 'the quote card in the shadow host' },
    );
    expect(card.hosts).toBe(1);
    expect(
      card.tags.filter((t) => ['img', 'script', 'iframe', 'object', 'embed', 'a'].includes(t)),
    ).toEqual([]);
    expect(card.handlers).toEqual([]);
    expect(card.links).toEqual([]);
    expect(card.quote).toContain('<img src=x onerror=window.__pwned=1>');
    expect(card.quote).toContain('<script>window.__pwned=2</script>');
    expect(card.quote).toContain('<a href=javascript:window.__pwned=4>click</a>');
    expect(card.quote).toContain('javascript:');
    expect(card.quote).toContain('\u202E');
    // Override characters from the page stay inside the quote's own box.
    expect(['isolate', 'plaintext', 'isolate-override']).toContain(card.bidi);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await visited.page.evaluate('window.__pwned ?? null')).toBeNull();
    expect(visited.errors).toEqual([]);
    await visited.page.close();
  });
});
