/**
 * Clippings: quotes a reader saved from a card, each with its citation. The schema checks what
 * crosses a message boundary and what an import file holds; export writes Markdown for reading
 * and JSON that imports back unchanged.
 */
import * as v from 'valibot';
import type { Result } from '../result';
import { collapseWhitespace } from '../extract/whitespace';

const Text = v.pipe(v.string(), v.trim(), v.minLength(1));
const IsoDate = v.pipe(v.string(), v.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'an ISO date'));

export const Citation = v.object({
  outlet: Text,
  title: v.string(),
  date: IsoDate,
  /** The corpus source id, when the citation comes from the knowledge base. */
  source: v.optional(v.string()),
});
export type Citation = v.InferOutput<typeof Citation>;

export const Clipping = v.object({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  text: v.pipe(Text, v.maxLength(5000)),
  speaker: v.nullable(v.string()),
  /** The corpus quote cluster, when the quote is linked to one. */
  quoteId: v.nullable(v.string()),
  citations: v.array(Citation),
  /** The page it was read on. */
  page: v.nullable(v.object({ url: v.pipe(v.string(), v.url()), title: v.string() })),
  savedAt: v.pipe(v.string(), v.isoTimestamp('an ISO timestamp')),
});
export type Clipping = v.InferOutput<typeof Clipping>;

export const EXPORT_FORMAT = 'bilateral-clippings';

const ExportFile = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(1),
  clippings: v.pipe(v.array(Clipping), v.maxLength(10000)),
});

export function clippingsToJson(clippings: readonly Clipping[]): string {
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: 1, clippings }, null, 2)}\n`;
}

/** One citation line: "Outlet, “Title”, 2023-06-19". */
export function formatCitation(citation: Citation): string {
  return [citation.outlet, citation.title ? `“${citation.title}”` : '', citation.date]
    .filter(Boolean)
    .join(', ');
}

export function clippingsToMarkdown(clippings: readonly Clipping[], heading: string): string {
  const lines = [`# ${heading}`, ''];
  for (const clipping of clippings) {
    lines.push(`> ${clipping.text.replace(/\n+/g, ' ')}`, '');
    if (clipping.speaker) lines.push(`— ${clipping.speaker}`, '');
    for (const citation of clipping.citations) lines.push(`- ${formatCitation(citation)}`);
    if (clipping.page) lines.push(`- <${clipping.page.url}>`);
    lines.push(`- ${clipping.savedAt}`, '');
  }
  return lines.join('\n');
}

/** `clippingsToMarkdown` opens with a level-one heading; no JSON file starts with `#`. */
function isMarkdownExport(text: string): boolean {
  return /^\uFEFF?\s*# /.test(text);
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
  const checked = v.safeParse(ExportFile, raw);
  if (!checked.success) {
    const issue = checked.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') || 'file';
    return { ok: false, error: `${path}: ${issue.message}` };
  }
  const ids = new Set<string>();
  for (const clipping of checked.output.clippings) {
    if (ids.has(clipping.id))
      return { ok: false, error: `clippings: id ${clipping.id} appears twice` };
    ids.add(clipping.id);
  }
  return { ok: true, value: checked.output.clippings };
}

export interface ClippingInput {
  text: string;
  speaker: string | null;
  /** The corpus statement and the sources behind it, when the quote is linked to one. */
  quote: { id: string; variants: { source: string }[] } | null;
  sources: readonly { id: string; outlet: string; title: string; date: string }[];
  page: { url: string; title: string } | null;
}

/** A clipping of a quote, cited with every source that carried it. */
export function clippingOf(
  input: ClippingInput,
  now: Date = new Date(),
  random = Math.random,
): Clipping {
  const carried = new Set(input.quote?.variants.map((variant) => variant.source) ?? []);
  return {
    id: `${now.getTime().toString(36)}-${random().toString(36).slice(2, 8)}`,
    text: collapseWhitespace(input.text),
    speaker: input.speaker,
    quoteId: input.quote?.id ?? null,
    citations: input.sources
      .filter((source) => carried.has(source.id))
      .map((source) => ({
        outlet: source.outlet,
        title: source.title,
        date: source.date,
        source: source.id,
      })),
    page: input.page,
    savedAt: now.toISOString(),
  };
}
