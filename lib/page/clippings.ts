/**
 * Clippings: quotes a reader saved from a card. A clipping cites the page it was saved from,
 * with the page's own wording exactly as printed there; when the quote is linked to a
 * knowledge-base statement, the corpus's wordings are kept apart, each with its own outlet and
 * date, so no outlet is ever credited with words it did not print. The schema checks what
 * crosses a message boundary and what an import file holds; export writes Markdown for reading
 * and JSON that imports back unchanged.
 */
import * as v from 'valibot';
import type { Result } from '../result';
import { collapseWhitespace } from '../extract/whitespace';

const Text = v.pipe(v.string(), v.trim(), v.minLength(1));
const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'an ISO date'));
const Short = v.pipe(v.string(), v.maxLength(1000));

/** The page a clipping was saved from, as the page describes itself. */
export const PageSource = v.object({
  url: v.pipe(v.string(), v.url()),
  title: Short,
  /** The publication's name (og:site_name and the like), else the page's host. */
  outlet: Short,
  /** The byline, when the page gives one. */
  author: v.nullable(Short),
  /** The day the page says it was published, when it says. */
  published: v.nullable(IsoDate),
});
export type PageSource = v.InferOutput<typeof PageSource>;

/** One outlet's wording of the linked statement, as the knowledge base holds it. */
export const CorpusWording = v.object({
  /** The corpus source id. */
  source: v.string(),
  outlet: Text,
  title: Short,
  date: IsoDate,
  /**
   * The words this outlet printed. Null for clippings saved before the wordings were kept:
   * those knew only which outlets carried the statement, not what each printed.
   */
  text: v.nullable(v.pipe(v.string(), v.maxLength(5000))),
});
export type CorpusWording = v.InferOutput<typeof CorpusWording>;

export const Clipping = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  /** The quotation exactly as the page printed it (from the knowledge base: its first wording). */
  text: v.pipe(Text, v.maxLength(5000)),
  speaker: v.nullable(v.string()),
  /** The corpus quote cluster, when the quote is linked to one. */
  quoteId: v.nullable(v.string()),
  /** The page it was saved from; null for a quote saved from the knowledge-base browser. */
  page: v.nullable(PageSource),
  /** The corpus's wordings of the linked statement, in date order; empty when not linked. */
  corpus: v.array(CorpusWording),
  savedAt: v.pipe(v.string(), v.isoTimestamp('an ISO timestamp')),
});
export type Clipping = v.InferOutput<typeof Clipping>;

export const EXPORT_FORMAT = 'bilateral-clippings';
/**
 * Version 1 files cited the corpus outlets in `citations` next to the page's own wording and
 * knew the page only by address and title; they still import, read as `fromLegacy` reads them.
 */
export const EXPORT_VERSION = 2;

const ExportFile = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(EXPORT_VERSION),
  clippings: v.pipe(v.array(Clipping), v.maxLength(10000)),
});

/** A clipping as version 1 files and earlier databases kept it. */
const LegacyClipping = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  text: v.pipe(Text, v.maxLength(5000)),
  speaker: v.nullable(v.string()),
  quoteId: v.nullable(v.string()),
  citations: v.array(
    v.object({
      outlet: Text,
      title: v.string(),
      date: IsoDate,
      source: v.optional(v.string()),
    }),
  ),
  page: v.nullable(v.object({ url: v.pipe(v.string(), v.url()), title: v.string() })),
  savedAt: v.pipe(v.string(), v.isoTimestamp('an ISO timestamp')),
});
type LegacyClipping = v.InferOutput<typeof LegacyClipping>;

const LegacyFile = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(1),
  clippings: v.pipe(v.array(LegacyClipping), v.maxLength(10000)),
});

/** "www.example.com" → "example.com": the name a reader knows a site by. */
export function hostOutlet(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/**
 * A legacy clipping in the current shape. Its citations named the outlets that carried the
 * linked statement, not what each printed, so they become corpus entries without a wording;
 * the page keeps its address and title, its host standing in for the outlet.
 */
function fromLegacy(old: LegacyClipping): Clipping {
  return {
    id: old.id,
    text: old.text,
    speaker: old.speaker,
    quoteId: old.quoteId,
    page: old.page
      ? {
          url: old.page.url,
          title: old.page.title,
          outlet: hostOutlet(old.page.url),
          author: null,
          published: null,
        }
      : null,
    corpus: old.citations.map((citation) => ({
      source: citation.source ?? '',
      outlet: citation.outlet,
      title: citation.title,
      date: citation.date,
      text: null,
    })),
    savedAt: old.savedAt,
  };
}

/**
 * A stored clipping of any shape this or an earlier version wrote, in the current shape; null
 * when it is neither.
 */
export function readClipping(record: unknown): Clipping | null {
  const current = v.safeParse(Clipping, record);
  if (current.success) return current.output;
  const legacy = v.safeParse(LegacyClipping, record);
  return legacy.success ? fromLegacy(legacy.output) : null;
}

export function clippingsToJson(clippings: readonly Clipping[]): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, clippings }, null, 2)}\n`;
}

/** The page citation: "Author, “Title”, Outlet, 2023-06-18" (the parts the page gives). */
export function formatPageSource(page: PageSource): string {
  return [page.author ?? '', page.title ? `“${page.title}”` : '', page.outlet, page.published ?? '']
    .filter(Boolean)
    .join(', ');
}

/** A corpus wording's citation: "Reuters, “Title”, 2023-06-19". */
export function formatCorpusSource(wording: CorpusWording): string {
  return [wording.outlet, wording.title ? `“${wording.title}”` : '', wording.date]
    .filter(Boolean)
    .join(', ');
}

/** The words of the Markdown export, in the reader's language. */
export interface MarkdownLabels {
  heading: string;
  /** Before the page citation ("From the page"). */
  fromPage: string;
  /** Before the corpus wordings ("How the knowledge base's sources worded it"). */
  inCorpus: string;
  /** In place of a wording an earlier version did not keep. */
  wordingNotKept: string;
  /** Before the time it was saved ("Saved"). */
  saved: string;
}

export function clippingsToMarkdown(
  clippings: readonly Clipping[],
  labels: MarkdownLabels,
): string {
  const lines = [`# ${labels.heading}`, ''];
  const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
  for (const clipping of clippings) {
    lines.push(`> ${oneLine(clipping.text)}`, '');
    if (clipping.speaker) lines.push(`— ${clipping.speaker}`, '');
    if (clipping.page) {
      lines.push(
        `${labels.fromPage}: ${formatPageSource(clipping.page)}, <${clipping.page.url}>`,
        '',
      );
    }
    if (clipping.corpus.length > 0) {
      lines.push(`${labels.inCorpus}:`, '');
      for (const wording of clipping.corpus) {
        const words = wording.text ? `“${oneLine(wording.text)}”` : `(${labels.wordingNotKept})`;
        lines.push(`- ${formatCorpusSource(wording)}: ${words}`);
      }
      lines.push('');
    }
    lines.push(`${labels.saved}: ${clipping.savedAt}`, '');
  }
  return lines.join('\n');
}

/** `clippingsToMarkdown` opens with a level-one heading; no JSON file starts with `#`. */
function isMarkdownExport(text: string): boolean {
  return /^\uFEFF?\s*# /.test(text);
}

function firstIssue(issues: readonly v.BaseIssue<unknown>[]): string {
  const issue = issues[0]!;
  const path = issue.path?.map((p) => String(p.key)).join('.') || 'file';
  return `${path}: ${issue.message}`;
}

/**
 * Reads an export file. Either every clipping in it is valid and all are returned, or the
 * answer is an error naming the first problem, so a bad file changes nothing.
 */
export function parseClippingsFile(text: string): Result<Clipping[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    // Markdown is the export for reading: it leaves out what a faithful import needs, so JSON
    // stays the one format that comes back unchanged, and a Markdown file is named as such.
    if (isMarkdownExport(text)) {
      return {
        ok: false,
        error:
          'this is a Markdown export, which is for reading and leaves out what an import needs (ids, linked statements, sources): import the JSON export instead',
      };
    }
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: `not a JSON file (${reason})` };
  }
  if (
    typeof raw !== 'object' ||
    raw === null ||
    (raw as { format?: unknown }).format !== EXPORT_FORMAT
  ) {
    return { ok: false, error: `not a Bilateral clippings file (no "format": "${EXPORT_FORMAT}")` };
  }
  let clippings: Clipping[];
  if ((raw as { version?: unknown }).version === 1) {
    const legacy = v.safeParse(LegacyFile, raw);
    if (!legacy.success) return { ok: false, error: firstIssue(legacy.issues) };
    clippings = legacy.output.clippings.map(fromLegacy);
  } else {
    const checked = v.safeParse(ExportFile, raw);
    if (!checked.success) return { ok: false, error: firstIssue(checked.issues) };
    clippings = checked.output.clippings;
  }
  const ids = new Set<string>();
  for (const clipping of clippings) {
    if (ids.has(clipping.id))
      return { ok: false, error: `clippings: id ${clipping.id} appears twice` };
    ids.add(clipping.id);
  }
  return { ok: true, value: clippings };
}

export interface ClippingInput {
  /** The quotation as the page printed it. */
  text: string;
  speaker: string | null;
  /** The corpus statement and its wordings, when the quote is linked to one. */
  quote: { id: string; variants: readonly { source: string; text: string }[] } | null;
  sources: readonly { id: string; outlet: string; title: string; date: string }[];
  page: PageSource | null;
}

/**
 * A clipping of a quote: the page's wording cited to the page, and the corpus's wordings, each
 * to the source that printed it (in date order; a wording whose source is unknown is left out,
 * as the card leaves it out).
 */
export function clippingOf(
  input: ClippingInput,
  now: Date = new Date(),
  random = Math.random,
): Clipping {
  const sources = new Map(input.sources.map((source) => [source.id, source]));
  const corpus: CorpusWording[] = [];
  for (const variant of input.quote?.variants ?? []) {
    const source = sources.get(variant.source);
    if (!source) continue;
    corpus.push({
      source: source.id,
      outlet: source.outlet,
      title: source.title,
      date: source.date,
      text: collapseWhitespace(variant.text),
    });
  }
  corpus.sort((a, b) => a.date.localeCompare(b.date) || a.outlet.localeCompare(b.outlet));
  return {
    id: `${now.getTime().toString(36)}-${random().toString(36).slice(2, 8)}`,
    text: collapseWhitespace(input.text),
    speaker: input.speaker,
    quoteId: input.quote?.id ?? null,
    page: input.page,
    corpus,
    savedAt: now.toISOString(),
  };
}
