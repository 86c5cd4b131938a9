/**
 * The pages the bench runs over: every page of the real-pages collection, plus long pages made
 * of real article text (US–China articles from the collection's ground truth and the corpus),
 * so that the long pages are ones the extension is active on.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface RealPageEntry {
  name: string;
  source: string;
  path: string;
  bytes: number;
  textChars: number;
  topicUSChina: 'yes' | 'china-only' | 'us-only' | 'no';
}

export interface BenchPage {
  /** `<source>/<name>` for real pages, `generated/<name>` for long pages. */
  name: string;
  /** URL path on the bench's server. */
  urlPath: string;
  /** Labelled US–China by hand (real pages) or built from US–China articles (long pages). */
  usChina: boolean;
  generated: boolean;
  /** Real pages: the file; generated pages: the HTML itself. */
  file?: string;
  html?: string;
}

export class PagesError extends Error {}

/** The real-pages folder: --pages, else BILATERAL_REAL_PAGES, else ../shared/real-pages. */
export function resolvePagesDir(root: string, flag: string | undefined, env: NodeJS.ProcessEnv) {
  const dir = flag ?? env.BILATERAL_REAL_PAGES ?? path.resolve(root, '../shared/real-pages');
  const index = path.join(dir, 'index.json');
  if (!existsSync(index)) {
    throw new PagesError(
      `No real pages at ${dir} (missing ${index}). Point --pages DIR or BILATERAL_REAL_PAGES at ` +
        `the real-pages folder (the one with index.json).`,
    );
  }
  return dir;
}

export function readIndex(dir: string): RealPageEntry[] {
  const file = path.join(dir, 'index.json');
  let entries: unknown;
  try {
    entries = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PagesError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(entries)) throw new PagesError(`${file} is not an array of pages`);
  entries.forEach((entry: Partial<RealPageEntry>, i) => {
    if (typeof entry?.name !== 'string' || typeof entry.path !== 'string') {
      throw new PagesError(`${file}: entry ${i} has no name or path`);
    }
    if (typeof entry.textChars !== 'number') {
      throw new PagesError(`${file}: entry ${i} (${entry.name}) has no textChars`);
    }
  });
  return entries as RealPageEntry[];
}

export function realPages(dir: string, entries: readonly RealPageEntry[]): BenchPage[] {
  return entries.map((entry) => {
    const file = path.resolve(dir, entry.path);
    if (!file.startsWith(path.resolve(dir) + path.sep)) {
      throw new PagesError(`index.json: ${entry.name} points outside ${dir}: ${entry.path}`);
    }
    if (!existsSync(file)) throw new PagesError(`index.json lists ${entry.path}, which is missing`);
    return {
      name: `${entry.source}/${entry.name}`,
      urlPath: `/real/${entry.path.split('/').map(encodeURIComponent).join('/')}`,
      usChina: entry.topicUSChina === 'yes',
      generated: false,
      file,
    };
  });
}

export interface Article {
  title: string;
  paragraphs: string[];
}

/** Paragraphs of at least this length count as article text (drops captions and noise lines). */
const MIN_PARAGRAPH = 80;

export function splitParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n|\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length >= MIN_PARAGRAPH);
}

/**
 * Real US–China article text: the ground-truth bodies of the benchmark pages labelled `yes`,
 * and the corpus articles (first line is the headline).
 */
export function usChinaArticles(dir: string, entries: readonly RealPageEntry[], corpusDir: string) {
  const articles: Article[] = [];
  for (const entry of entries) {
    if (entry.topicUSChina !== 'yes') continue;
    const truth = path.join(dir, path.dirname(entry.path), 'ground-truth.json');
    if (!existsSync(truth)) continue;
    const body = (JSON.parse(readFileSync(truth, 'utf8')) as { articleBody?: string }).articleBody;
    if (typeof body !== 'string') continue;
    const paragraphs = splitParagraphs(body);
    if (paragraphs.length > 0) articles.push({ title: entry.name, paragraphs });
  }
  if (existsSync(corpusDir)) {
    for (const file of readdirSync(corpusDir).sort()) {
      if (!file.endsWith('.txt')) continue;
      const text = readFileSync(path.join(corpusDir, file), 'utf8');
      const title = text.split('\n', 1)[0]!.trim();
      const paragraphs = splitParagraphs(text.slice(title.length));
      if (paragraphs.length > 0) articles.push({ title, paragraphs });
    }
  }
  if (articles.length === 0) {
    throw new PagesError(
      'No US–China article text found for the long pages (ground truth, corpus)',
    );
  }
  return articles;
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * One long news page: the articles in turn, each as a section with its headline and
 * paragraphs, repeated until the paragraph text reaches `targetChars`, inside the usual
 * furniture (navigation, footer) of a news site.
 */
export function longPageHtml(articles: readonly Article[], targetChars: number, title: string) {
  const out: string[] = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeText(title)}</title></head><body>`,
    '<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a></nav></header>',
    `<main><article><h1>${escapeText(title)}</h1>`,
  ];
  let chars = 0;
  for (let round = 0; chars < targetChars; round++) {
    for (const article of articles) {
      if (chars >= targetChars) break;
      out.push(`<section><h2>${escapeText(article.title)}</h2>`);
      for (const paragraph of article.paragraphs) {
        out.push(`<p>${escapeText(paragraph)}</p>`);
        chars += paragraph.length;
      }
      out.push('</section>');
    }
  }
  out.push('</article></main>');
  out.push(
    '<footer><p>© Bilateral bench. Text: corpus articles and benchmark ground truth.</p></footer>',
  );
  out.push('</body></html>');
  return { html: out.join('\n'), chars };
}

export function longPages(
  articles: readonly Article[],
  longestChars: number,
  factors: readonly number[],
): BenchPage[] {
  return factors.map((factor) => {
    const name = `long-${factor}x`;
    const { html } = longPageHtml(
      articles,
      Math.round(longestChars * factor),
      `US–China relations: ${factor}× the longest real page`,
    );
    return {
      name: `generated/${name}`,
      urlPath: `/generated/${name}.html`,
      usChina: true,
      generated: true,
      html,
    };
  });
}
