/**
 * `npx tsx scripts/label-sheet.ts PATH...`: a page of ../shared/real-pages as a person labels it,
 * for growing the hand-made labels (tests/eval/real/). It prints the article text a reference
 * extractor found (the benchmark's hand-made `articleBody`, else Readability's article), its
 * paragraphs numbered, then every quotation of five words or more with the first words that
 * name it in a label (`contains`). It prints no verdict or speaker of the pipeline: labels are
 * made from the text alone. PATH is relative to the real-pages folder (as in index.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { scanQuotes, countWords } from '../lib/text/quotes';
import { loadPage } from './load-page';
import { realPagesDir } from './real-pages';

const BLOCKS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE DD DIV DL DT FIGCAPTION FIGURE FOOTER H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TD TH TR UL BR'.split(
    ' ',
  ),
);

/** Text of an element with a line break at every block boundary. */
function blockText(root: Node): string {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      // Line breaks in the page's source are not paragraph breaks.
      out.push((node as Text).data.replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const block = BLOCKS.has((node as Element).tagName);
    if (block) out.push('\n');
    for (let child = node.firstChild; child; child = child.nextSibling) walk(child);
    if (block) out.push('\n');
  };
  walk(root);
  return out.join('');
}

/** The reference article text: paragraphs separated by '\n'. */
export function referenceText(realDir: string, page: string): { title: string; text: string } {
  const dir = path.dirname(path.join(realDir, page));
  const html = readFileSync(path.join(realDir, page), 'utf8');
  const loaded = loadPage(html, 'https://example.invalid/');
  const title = (loaded.doc.title ?? '').replace(/\s+/g, ' ').trim();
  let text: string;
  const truth = path.join(dir, 'ground-truth.json');
  if (existsSync(truth)) {
    text = (JSON.parse(readFileSync(truth, 'utf8')) as { articleBody: string }).articleBody;
  } else {
    const article = new Readability(loaded.doc.cloneNode(true) as Document).parse();
    // Readability gives HTML; it is parsed like a saved page, scripts off.
    const content = loadPage(`<body>${article?.content ?? ''}</body>`);
    text = blockText(content.doc.body);
    content.close();
  }
  loaded.close();
  const paragraphs = text
    .split('\n')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0);
  return { title, text: paragraphs.join('\n') };
}

/** A page's labels cover its first quotations, so that no long page outweighs the rest. */
const MAX_QUOTES = 25;

/** The first eight words of a quotation: what a label's `contains` holds. */
export function containsOf(quote: string): string {
  return quote.split(' ').slice(0, 8).join(' ');
}

export function sheet(realDir: string, page: string): string {
  const { title, text } = referenceText(realDir, page);
  const lines = [`# page: ${page}`, `# title: ${title}`, ''];
  const paragraphs = text.split('\n');
  const starts: number[] = [];
  let at = 0;
  paragraphs.forEach((p, i) => {
    starts.push(at);
    at += p.length + 1;
    lines.push(`[P${i + 1}] ${p}`);
  });
  const paragraphAt = (offset: number) => {
    let i = 0;
    while (i + 1 < starts.length && starts[i + 1]! <= offset) i++;
    return i + 1;
  };
  lines.push('', '# quotations of five words or more');
  let n = 0;
  for (const q of scanQuotes(text)) {
    if (q.depth > 0 || countWords(q.text) < 5) continue;
    if (++n > MAX_QUOTES) {
      lines.push(`(further quotations not listed: a page is labeled in its first ${MAX_QUOTES})`);
      break;
    }
    lines.push(`Q${n} [P${paragraphAt(q.start)}] contains: ${JSON.stringify(containsOf(q.text))}`);
    lines.push(`    full: ${q.text}`);
  }
  if (n === 0) lines.push('(none)');
  return lines.join('\n');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pages = process.argv.slice(2);
  if (pages.length === 0) {
    console.error('usage: npx tsx scripts/label-sheet.ts PATH... (paths as in index.json)');
    process.exit(2);
  }
  const realDir = realPagesDir();
  for (const page of pages) console.log(sheet(realDir, page) + '\n');
}
