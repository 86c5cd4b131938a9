/**
 * Checks tests/eval/labels.json against the pages and the corpus, so that the ground truth the
 * pipeline is scored against is itself verified:
 * - every page under pages/{test,dev} has exactly one label and every label names a page;
 * - each quote's text occurs in the page's article body (whitespace collapsed);
 * - each corpus wording occurs byte for byte in one of corpus/*.txt;
 * - each entity occurs in the article body, each chromeOnly name in the page but not in the body;
 * - pages load nothing from the network (no script, stylesheet, image or frame URLs).
 *
 * Usage: npx tsx tests/eval/check-labels.ts
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSDOM } from 'jsdom';

const evalDir = dirname(fileURLToPath(import.meta.url));
const repoDir = join(evalDir, '..', '..');
const corpusDir = join(repoDir, 'corpus');

interface QuoteLabel {
  text: string;
  speaker: string | null;
  corpus: string | null;
  key: boolean;
}

interface PageLabel {
  file: string;
  split: 'test' | 'dev';
  kind: string;
  news: boolean;
  topic: boolean;
  body: string | null;
  bodyExclude?: string | null;
  quotes: QuoteLabel[];
  entities: string[];
  chromeOnly: string[];
}

const errors: string[] = [];
const fail = (file: string, message: string): void => {
  errors.push(`${file}: ${message}`);
};

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

function validate(raw: unknown, index: number): PageLabel | null {
  const where = `labels[${index}]`;
  if (typeof raw !== 'object' || raw === null) {
    fail(where, 'not an object');
    return null;
  }
  const o = raw as Record<string, unknown>;
  const problems: string[] = [];
  if (!isString(o.file)) problems.push('file must be a string');
  if (o.split !== 'test' && o.split !== 'dev') problems.push('split must be "test" or "dev"');
  if (!isString(o.kind) || !/^(positive|negative):[a-z0-9-]+$/.test(o.kind))
    problems.push('kind must look like "positive:wire" or "negative:us-only"');
  if (typeof o.news !== 'boolean') problems.push('news must be a boolean');
  if (typeof o.topic !== 'boolean') problems.push('topic must be a boolean');
  if (!isStringOrNull(o.body)) problems.push('body must be a CSS selector or null');
  if (o.bodyExclude !== undefined && !isStringOrNull(o.bodyExclude))
    problems.push('bodyExclude must be a CSS selector or null');
  if (!Array.isArray(o.quotes)) problems.push('quotes must be an array');
  else
    o.quotes.forEach((q: unknown, i) => {
      const r = (typeof q === 'object' && q !== null ? q : {}) as Record<string, unknown>;
      if (!isString(r.text) || r.text.trim() === '') problems.push(`quotes[${i}].text`);
      if (!isStringOrNull(r.speaker)) problems.push(`quotes[${i}].speaker`);
      if (!isStringOrNull(r.corpus)) problems.push(`quotes[${i}].corpus`);
      if (typeof r.key !== 'boolean') problems.push(`quotes[${i}].key`);
    });
  for (const field of ['entities', 'chromeOnly'] as const) {
    const v = o[field];
    if (!Array.isArray(v) || !v.every(isString)) problems.push(`${field} must be strings`);
  }
  if (problems.length > 0) {
    fail(isString(o.file) ? o.file : where, `bad label: ${problems.join('; ')}`);
    return null;
  }
  return o as unknown as PageLabel;
}

const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD']);
const BLOCK =
  /^(ADDRESS|ARTICLE|ASIDE|BLOCKQUOTE|BR|DD|DIV|DL|DT|FIELDSET|FIGCAPTION|FIGURE|FOOTER|FORM|H[1-6]|HEADER|HR|LI|MAIN|NAV|OL|P|PRE|SECTION|TABLE|TD|TH|TR|UL)$/;

/** Visible text of `root`, a space at block boundaries, whitespace collapsed. */
function textOf(root: Element, exclude: Set<Element>): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      parts.push(node.nodeValue ?? '');
      return;
    }
    if (node.nodeType !== 1) return;
    const el = node as Element;
    if (SKIP.has(el.tagName) || exclude.has(el)) return;
    const block = BLOCK.test(el.tagName);
    if (block) parts.push(' ');
    for (const child of Array.from(el.childNodes)) walk(child);
    if (block) parts.push(' ');
  };
  walk(root);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

const corpus = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => ({ file: f, text: readFileSync(join(corpusDir, f), 'utf8') }));
if (corpus.length === 0) fail('corpus', `no .txt files in ${corpusDir}`);

let labelsRaw: unknown;
try {
  labelsRaw = JSON.parse(readFileSync(join(evalDir, 'labels.json'), 'utf8'));
} catch (e) {
  console.error(`labels.json cannot be read: ${(e as Error).message}`);
  process.exit(1);
}
if (!Array.isArray(labelsRaw)) {
  console.error('labels.json must be an array');
  process.exit(1);
}
const labels = labelsRaw.map(validate).filter((l): l is PageLabel => l !== null);

const pagesOnDisk = (['test', 'dev'] as const).flatMap((split) =>
  readdirSync(join(evalDir, 'pages', split))
    .filter((f) => f.endsWith('.html'))
    .map((f) => `pages/${split}/${f}`),
);
const labelled = new Map<string, number>();
for (const l of labels) labelled.set(l.file, (labelled.get(l.file) ?? 0) + 1);
for (const p of pagesOnDisk) if (!labelled.has(p)) fail(p, 'page has no label');
for (const [f, n] of labelled) {
  if (n > 1) fail(f, `labelled ${n} times`);
  if (!pagesOnDisk.includes(f)) fail(f, 'label names a page that does not exist');
}

const decoder = new TextDecoder('utf-8', { fatal: true });
let quoteCount = 0;
let corpusLinkCount = 0;

for (const label of labels) {
  const file = label.file;
  if (!file.startsWith(`pages/${label.split}/`))
    fail(file, `split "${label.split}" but file is elsewhere`);
  if (label.topic && !label.news) fail(file, 'topic is true but news is false');
  if (label.kind.startsWith('positive:') !== label.topic)
    fail(file, `kind ${label.kind} disagrees with topic=${label.topic}`);
  let html: string;
  try {
    html = decoder.decode(readFileSync(join(evalDir, file)));
  } catch (e) {
    fail(file, `cannot be read as UTF-8: ${(e as Error).message}`);
    continue;
  }
  const { document } = new JSDOM(html).window;

  for (const el of Array.from(
    document.querySelectorAll('script[src], link[rel~="stylesheet"][href], img[src], iframe[src]'),
  )) {
    const url = el.getAttribute('src') ?? el.getAttribute('href') ?? '';
    if (!url.startsWith('data:'))
      fail(file, `loads an external resource: <${el.tagName.toLowerCase()}> ${url}`);
  }
  const ogType = document.querySelector('meta[property="og:type"]')?.getAttribute('content');
  if (!ogType) fail(file, 'no og:type meta tag');
  if (label.news && ogType !== 'article') fail(file, `news page with og:type "${ogType}"`);

  const pageText = textOf(document.body, new Set());
  let bodyText = pageText;
  if (label.body !== null) {
    const roots = Array.from(document.querySelectorAll(label.body));
    if (roots.length === 0) fail(file, `body selector "${label.body}" matches nothing`);
    const exclude = new Set(
      label.bodyExclude ? Array.from(document.querySelectorAll(label.bodyExclude)) : [],
    );
    bodyText = roots.map((r) => textOf(r, exclude)).join(' ');
  }

  const seen = new Set<string>();
  for (const q of label.quotes) {
    quoteCount += 1;
    const text = collapse(q.text);
    if (seen.has(text)) fail(file, `quote listed twice: "${text}"`);
    seen.add(text);
    if (!bodyText.includes(text)) fail(file, `quote not in the article body: "${text}"`);
    // The key rule of README.md, where it is mechanical (three-word quotes are judged by hand).
    const words = /\p{Script=Han}/u.test(text)
      ? null
      : (text.match(/[\p{L}\p{N}’'-]+/gu) ?? []).length;
    if (q.key && q.speaker === null) fail(file, `key quote without a speaker: "${text}"`);
    if (words !== null && words <= 2 && q.key)
      fail(file, `one- or two-word quote marked key: "${text}"`);
    if (words !== null && words >= 4 && q.speaker !== null && !q.key)
      fail(file, `quote of ${words} words by ${q.speaker} not marked key: "${text}"`);
    if (q.corpus !== null) {
      corpusLinkCount += 1;
      if (!corpus.some((c) => c.text.includes(q.corpus as string)))
        fail(file, `corpus wording not in any corpus/*.txt: "${q.corpus}"`);
    }
  }
  for (const name of label.entities) {
    if (!bodyText.includes(collapse(name))) fail(file, `entity not in the article body: "${name}"`);
  }
  for (const name of label.chromeOnly) {
    if (!pageText.includes(collapse(name)))
      fail(file, `chromeOnly name not on the page: "${name}"`);
    else if (bodyText.includes(collapse(name)))
      fail(file, `chromeOnly name is in the article body: "${name}"`);
  }
}

const summary = new Map<string, number>();
for (const l of labels) {
  const k = `${l.split} ${l.kind.split(':')[0]}`;
  summary.set(k, (summary.get(k) ?? 0) + 1);
}
console.log(
  `${labels.length} labelled pages (${[...summary].map(([k, n]) => `${k}: ${n}`).join(', ')}), ` +
    `${quoteCount} quotes, ${corpusLinkCount} corpus links, ${corpus.length} corpus files ` +
    `(${relative(process.cwd(), corpusDir) || '.'})`,
);
if (errors.length > 0) {
  for (const e of errors) console.error(`✗ ${e}`);
  console.error(`${errors.length} problem(s)`);
  process.exit(1);
}
console.log('labels OK');
