/**
 * The bench's page server on 127.0.0.1: real pages from the real-pages folder and the generated
 * long pages from memory, every one as `text/html; charset=utf-8` so the header overrides a
 * page's own meta charset (readability/qq declares gb2312 but is stored as UTF-8). Anything
 * else, such as a page's relative image URLs, is a 404. A `script-src 'none'` policy keeps every
 * page script from running; the bench's own code arrives through DevTools, which CSP does not stop.
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import type { BenchPage } from './pages';

export interface PageServer {
  origin: string;
  close(): Promise<void>;
}

export async function servePages(pages: readonly BenchPage[]): Promise<PageServer> {
  const byPath = new Map(pages.map((page) => [page.urlPath, page]));
  const server: Server = createServer((request, response) => {
    const page = byPath.get((request.url ?? '').split('?')[0]!);
    if (!page || request.method !== 'GET') {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    const body = page.html !== undefined ? Promise.resolve(page.html) : readFile(page.file!);
    body.then(
      (content) => {
        response.writeHead(200, {
          'Content-Type': 'text/html; charset=utf-8',
          'Cache-Control': 'no-store',
          // The pages' own scripts (inline, external, event handlers) never run, and whatever
          // they link to elsewhere is refused in the page before a request is made.
          'Content-Security-Policy': "default-src 'self'; script-src 'none'",
        });
        response.end(content);
      },
      (error: Error) => {
        response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(error.message);
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
