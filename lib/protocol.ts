/**
 * The one message protocol between Bilateral's contexts: a map per direction from method name
 * to the schema of its parameters (checked at the receiving end) and the type of its result.
 * Every answer is a `Result`, so a failure on the other side is a value, never a hang.
 */
import * as v from 'valibot';
import type { Result } from './result';
import { Clipping } from './page/clippings';
import type { Segment } from './page/wording';
import type { EntityCard, QuoteCard } from './db/kb';
import type { SearchHit } from './kb/search';
import type { Discrepancy, KnowledgeBase, Quote, Source, TimelineEvent } from './kb/types';
import type { PageAnnotation, PageText } from './annotate/types';
import { META_KEYS } from './extract/meta';

export const PROTOCOL = 'bilateral/1';

const Topic = v.object({
  relevant: v.boolean(),
  score: v.number(),
  reasons: v.array(v.string()),
});

/** What the content script found on its page; the popup renders it. */
export const PageState = v.object({
  url: v.string(),
  /**
   * gated-out: the cheap gate found no article-sized text; quiet: an article, but not one
   * Bilateral annotates; active: annotated; off: switched off by the reader; unsupported: the
   * browser lacks the CSS Custom Highlight API; error: annotation failed (see `error`).
   */
  phase: v.picklist(['gated-out', 'quiet', 'active', 'off', 'unsupported', 'error']),
  gate: v.object({
    passed: v.boolean(),
    chars: v.number(),
    reason: v.string(),
    /** The gate saw both a US and a China term in the text it read. */
    topical: v.optional(v.boolean()),
  }),
  news: v.optional(v.boolean()),
  topic: v.optional(Topic),
  quotes: v.array(
    v.object({
      index: v.number(),
      text: v.string(),
      speaker: v.nullable(v.string()),
      /** The ranker's score, by which the popup picks the few it shows at once. */
      score: v.optional(v.number()),
    }),
  ),
  entityCount: v.number(),
  error: v.optional(v.string()),
  /** All quotations found (`quotes` lists the key ones). */
  quoteCount: v.optional(v.number()),
  /** Highlighted entity mentions. */
  mentionCount: v.optional(v.number()),
  /** When phase is off: which switch turned it off. */
  offBy: v.optional(v.picklist(['page', 'site', 'global'])),
  /** Set when the work budget stopped Bilateral on this page: what it skipped and why. */
  budget: v.optional(v.string()),
  /**
   * What the last reading that drew cost, in milliseconds: `pageMs` on the page's own thread
   * (gate, body, text map, drawing), `longestMs` the longest of it done without giving the
   * thread back, `analysisMs` waiting for the background's analysis,
   * `highlightMs` until the highlights were drawn, counted from the script's start when
   * `first`, else from the start of this reading.
   */
  timing: v.optional(
    v.object({
      pageMs: v.number(),
      longestMs: v.number(),
      analysisMs: v.number(),
      highlightMs: v.number(),
      first: v.boolean(),
    }),
  ),
});
export type PageState = v.InferOutput<typeof PageState>;

/**
 * The reader's defaults, kept in IndexedDB by the background. A setting stored by an earlier
 * version lacks the later fields; each reads as its default (lib/page/prefs.ts).
 */
export const Settings = v.object({
  /** Bilateral works everywhere (the global switch). */
  enabled: v.boolean(),
  quotes: v.boolean(),
  entities: v.boolean(),
  /** Every mention of a name underlined, not only its first in the article. */
  allMentions: v.boolean(),
  /** Each kind of name underlined or not (when `entities` is on). */
  people: v.boolean(),
  organizations: v.boolean(),
  places: v.boolean(),
  events: v.boolean(),
  concepts: v.boolean(),
  /** Countries and capitals ("China", "Beijing") underlined too. */
  countries: v.boolean(),
  /** Cards open on click and by keyboard only, never by pointing. */
  clickOnly: v.boolean(),
});
export type Settings = v.InferOutput<typeof Settings>;

export const SiteChoice = v.picklist(['always', 'never']);
export type SiteChoice = v.InferOutput<typeof SiteChoice>;

/** A site is a host name as `location.hostname` gives it. */
const Host = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(253),
  v.regex(/^[^\s/]+$/, 'a host name'),
);

/** What applies on one site: the defaults and the site's own choice (null: follow defaults). */
export const Prefs = v.object({
  settings: Settings,
  host: v.string(),
  site: v.nullable(SiteChoice),
});
export type Prefs = v.InferOutput<typeof Prefs>;

export interface SiteEntry {
  host: string;
  choice: SiteChoice;
}

/** Longer than any text the content script sends (its reading stops near 60,000 characters). */
const MAX_PAGE_TEXT = 400_000;
const Line = v.pipe(v.string(), v.maxLength(2000));
const Offsets = v.object({
  start: v.pipe(v.number(), v.integer(), v.minValue(0)),
  end: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

/** What the page's thread hands the analysis (lib/annotate/types.ts `PageText`). */
export const PageTextSchema = v.object({
  text: v.pipe(v.string(), v.maxLength(MAX_PAGE_TEXT)),
  paragraphs: v.pipe(
    v.array(v.pipe(v.string(), v.maxLength(MAX_PAGE_TEXT))),
    v.maxLength(MAX_PAGE_TEXT / 2),
  ),
  blockquotes: v.pipe(v.array(Offsets), v.maxLength(10_000)),
  headline: Line,
  description: Line,
  published: v.nullable(v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))),
  meta: v.object({
    url: v.pipe(v.string(), v.maxLength(10_000)),
    title: v.pipe(v.string(), v.maxLength(10_000)),
    canonical: v.pipe(v.string(), v.maxLength(10_000)),
    metas: v.record(v.picklist(META_KEYS), v.pipe(v.string(), v.maxLength(10_000))),
    schemaTypes: v.pipe(v.array(Line), v.maxLength(1000)),
    publishers: v.pipe(v.array(Line), v.maxLength(1000)),
    bylineNear: v.boolean(),
    dateNear: v.boolean(),
    encyclopediaMarkup: v.boolean(),
  }),
  pageChars: v.pipe(v.number(), v.minValue(0)),
  pageLinkChars: v.pipe(v.number(), v.minValue(0)),
}) satisfies v.GenericSchema<PageText>;

/** A knowledge-base id (entity, quote, source). */
const KbId = v.pipe(v.string(), v.minLength(1), v.maxLength(200));
const KbRef = v.object({ id: KbId });

const TabRef = v.object({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) });

/** Who may call a method: a content script (a tab), an extension page, or either. */
type Caller = 'content' | 'extension' | 'any';

interface MethodSpec<S extends v.GenericSchema> {
  caller: Caller;
  params: S;
}

const method = <S extends v.GenericSchema>(caller: Caller, params: S): MethodSpec<S> => ({
  caller,
  params,
});

/** Content scripts and extension pages → background. */
export const toBackground = {
  'page/report': method('content', PageState),
  'tab/state': method('extension', TabRef),
  'prefs/get': method('any', v.object({ host: v.string() })),
  'settings/set': method('extension', v.partial(Settings)),
  'site/set': method('extension', v.object({ host: Host, choice: v.nullable(SiteChoice) })),
  'site/list': method('extension', v.null()),
  'tab/enable': method('extension', v.object({ ...TabRef.entries, on: v.nullable(v.boolean()) })),
  'tab/reveal': method(
    'extension',
    v.object({ ...TabRef.entries, index: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  ),
  'clip/save': method('any', Clipping),
  'clip/list': method('extension', v.null()),
  'clip/remove': method('extension', v.object({ id: v.string() })),
  'clip/import': method('extension', v.object({ clippings: v.array(Clipping) })),
  /** Word-level differences between wordings of one statement (kept out of content scripts). */
  'quote/compare': method(
    'any',
    v.object({
      wordings: v.pipe(v.array(v.pipe(v.string(), v.maxLength(5000))), v.maxLength(20)),
    }),
  ),
  /**
   * The analysis of a page's text (lib/annotate `analyseSteps`), run here where the knowledge
   * base lives so the page's thread does none of it. `always`: whatever the verdicts.
   */
  'page/analyse': method('content', v.object({ page: PageTextSchema, always: v.boolean() })),
  'kb/entity': method('any', KbRef),
  'kb/quote': method('any', KbRef),
  'kb/search': method(
    'any',
    v.object({
      text: v.pipe(v.string(), v.maxLength(200)),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100))),
    }),
  ),
  /** The timeline, earliest first; with `entity`, only the entries about it. */
  'kb/events': method('any', v.object({ entity: v.optional(KbId) })),
  /** Where the sources disagree; with `entity`, only about it. */
  'kb/discrepancies': method('any', v.object({ entity: v.optional(KbId) })),
  'kb/quotes-by': method('any', v.object({ speaker: KbId })),
  'kb/sources': method('any', v.null()),
  /** The whole knowledge base, for the settings page's browser to read by kind. */
  'kb/browse': method('extension', v.null()),
};

export interface BackgroundResults {
  'page/report': null;
  'tab/state': PageState | null;
  'prefs/get': Prefs;
  'settings/set': Settings;
  'site/set': null;
  'site/list': SiteEntry[];
  /** The tab's new state; null when no content script answers there. */
  'tab/enable': PageState | null;
  'tab/reveal': boolean;
  'clip/save': Clipping;
  'clip/list': Clipping[];
  'clip/remove': null;
  /** How many were added and how many were already there (same id). */
  'clip/import': { added: number; skipped: number };
  'quote/compare': Segment[][];
  'page/analyse': PageAnnotation;
  /** The entity with its quotes, disagreements, cited sources and the timeline; null if unknown. */
  'kb/entity': EntityCard | null;
  /** The quote cluster with its speaker and sources; null if unknown. */
  'kb/quote': QuoteCard | null;
  'kb/search': SearchHit[];
  'kb/events': TimelineEvent[];
  'kb/discrepancies': Discrepancy[];
  'kb/quotes-by': Quote[];
  'kb/sources': Source[];
  'kb/browse': KnowledgeBase;
}

/** Background and extension pages → a tab's content script. */
export const toContent = {
  'page/state': method('extension', v.null()),
  /** The defaults or a site's choice changed; every open tab hears it at once. */
  'prefs/changed': method(
    'extension',
    v.object({
      settings: v.optional(Settings),
      site: v.optional(v.object({ host: v.string(), choice: v.nullable(SiteChoice) })),
    }),
  ),
  /** Switches highlights on this page on or off (null: the other way round). */
  'page/enable': method('extension', v.object({ on: v.nullable(v.boolean()) })),
  /** Scrolls to a key quote and flashes it. */
  'page/reveal': method('extension', v.object({ index: v.number() })),
};

export interface ContentResults {
  'page/state': PageState;
  'prefs/changed': null;
  'page/enable': PageState;
  'page/reveal': boolean;
}

export type Spec = Record<string, MethodSpec<v.GenericSchema>>;
export type ParamsOf<S extends Spec, M extends keyof S> = v.InferOutput<S[M]['params']>;

export interface Envelope {
  protocol: typeof PROTOCOL;
  method: string;
  params: unknown;
}

export function envelope(methodName: string, params: unknown): Envelope {
  return { protocol: PROTOCOL, method: methodName, params };
}

export type Parsed<S extends Spec> = {
  [M in keyof S & string]: { method: M; params: ParamsOf<S, M> };
}[keyof S & string];

/**
 * Checks a raw message against a direction's map. Anything that is not a Bilateral envelope,
 * names an unknown method, comes from a caller the method does not accept, or carries
 * parameters of the wrong shape is refused with a reason.
 */
export function parseMessage<S extends Spec>(
  spec: S,
  raw: unknown,
  caller: Exclude<Caller, 'any'>,
): Result<Parsed<S>> {
  if (typeof raw !== 'object' || raw === null) return { ok: false, error: 'not a message' };
  const { protocol, method: name, params } = raw as Partial<Envelope>;
  if (protocol !== PROTOCOL) return { ok: false, error: 'not a Bilateral message' };
  if (typeof name !== 'string' || !Object.hasOwn(spec, name)) {
    return { ok: false, error: `unknown method ${String(name)}` };
  }
  const entry = spec[name]!;
  if (entry.caller !== 'any' && entry.caller !== caller) {
    return { ok: false, error: `${name} is not accepted from a ${caller} context` };
  }
  const checked = v.safeParse(entry.params, params ?? null);
  if (!checked.success) {
    const issue = checked.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') || 'params';
    return { ok: false, error: `${name}: ${path}: ${issue.message}` };
  }
  return { ok: true, value: { method: name, params: checked.output } as Parsed<S> };
}

export type Handlers<S extends Spec, R extends { [M in keyof S]: unknown }, Context> = {
  [M in keyof S & string]: (params: ParamsOf<S, M>, context: Context) => Promise<R[M]> | R[M];
};

/** A typed caller over any transport; the transport is a parameter so tests can pass their own. */
export function createClient<S extends Spec, R extends { [M in keyof S]: unknown }>(
  send: (message: Envelope) => Promise<unknown>,
) {
  return async function call<M extends keyof S & string>(
    name: M,
    params: ParamsOf<S, M>,
  ): Promise<Result<R[M]>> {
    try {
      const answer = (await send(envelope(name, params))) as Result<R[M]> | undefined;
      if (answer && typeof answer === 'object' && 'ok' in answer) return answer;
      return { ok: false, error: `${name}: no answer` };
    } catch (error) {
      return {
        ok: false,
        error: `${name}: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  };
}

/** Runs the handler for a checked message and turns a throw into a failed Result. */
export async function dispatch<S extends Spec, R extends { [M in keyof S]: unknown }, Context>(
  spec: S,
  handlers: Handlers<S, R, Context>,
  raw: unknown,
  caller: Exclude<Caller, 'any'>,
  context: Context,
): Promise<Result<unknown>> {
  const parsed = parseMessage(spec, raw, caller);
  if (!parsed.ok) return parsed;
  const { method: name, params } = parsed.value;
  try {
    const handler = handlers[name] as (p: unknown, c: Context) => unknown;
    return { ok: true, value: await handler(params, context) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
