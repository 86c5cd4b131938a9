/**
 * The one message protocol between Bilateral's contexts: a map per direction from method name
 * to the schema of its parameters (checked at the receiving end) and the type of its result.
 * Every answer is a `Result`, so a failure on the other side is a value, never a hang.
 */
import * as v from 'valibot';
import type { Result } from './result';

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
  gate: v.object({ passed: v.boolean(), chars: v.number(), reason: v.string() }),
  news: v.optional(v.boolean()),
  topic: v.optional(Topic),
  quotes: v.array(
    v.object({ index: v.number(), text: v.string(), speaker: v.nullable(v.string()) }),
  ),
  entityCount: v.number(),
  error: v.optional(v.string()),
});
export type PageState = v.InferOutput<typeof PageState>;

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
};

export interface BackgroundResults {
  'page/report': null;
  'tab/state': PageState | null;
}

/** Background and extension pages → a tab's content script. */
export const toContent = {
  'page/state': method('extension', v.null()),
};

export interface ContentResults {
  'page/state': PageState;
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
