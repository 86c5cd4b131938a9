/**
 * Reads and checks the curated half of the knowledge base (corpus/*.json, corpus/*.yaml). Takes
 * file contents, not paths, so tests can feed broken data. Every problem is collected with its
 * file, its entry and what is wrong, and the build stops on any of them.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { Equivalences } from '../match/normalize';
import type { Claim, EntityType, Fact, Source } from './types';
import { aliasKey } from './normalize';

export const CORPUS_FILES = {
  sources: 'corpus/sources.json',
  entities: 'corpus/entities.yaml',
  events: 'corpus/events.yaml',
  discrepancies: 'corpus/discrepancies.yaml',
  quotes: 'corpus/quotes.yaml',
  equivalences: 'corpus/equivalences.yaml',
} as const;

export interface CorpusInput {
  /** Contents of corpus/sources.json. */
  sources: string;
  entities: string;
  events: string;
  discrepancies: string;
  quotes: string;
  equivalences: string;
  /** Article text by file name as sources.json names it (e.g. "000_….txt"). */
  articles: Record<string, string>;
}

export interface Problem {
  file: string;
  entry: string;
  message: string;
}

export class KbBuildError extends Error {
  constructor(readonly problems: Problem[]) {
    super(
      `The knowledge base has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  ${p.file}: ${p.entry}: ${p.message}`).join('\n'),
    );
    this.name = 'KbBuildError';
  }
}

export interface CuratedEntity {
  id: string;
  name: string;
  type: EntityType;
  aliases: string[];
  ambiguousAliases: string[];
  role: string;
  description: string;
  facts: Fact[];
  date?: string;
}

export interface CuratedEvent {
  id: string;
  date: string;
  title: string;
  sources: string[];
  entity?: string;
  entities: string[];
  evidence: Evidence;
}

export interface CuratedDiscrepancy {
  id: string;
  subject: string;
  entities: string[];
  claims: (Claim & { evidence: Evidence })[];
}

/** A quotation as one source carries it; `context`, when given, picks one of several occurrences. */
export interface QuoteRef {
  source: string;
  text: string;
  context?: string;
}

/** Who said a quotation, where speaker attribution gets it wrong or finds no one. */
export interface SpeakerCorrection extends QuoteRef {
  id: string;
  speaker: string | null;
  /** Who spoke, as the source puts it, when the KB has no entity for them. */
  speakerName?: string;
  reason: string;
}

/** A statement a source reports without quote marks, in its verified wording. */
export interface UnquotedStatement {
  id: string;
  source: string;
  text: string;
  speaker: string | null;
  speakerName?: string;
  date?: string;
  reason: string;
}

/** Quotations that are (merge) or are not (split) one statement, where wording similarity errs. */
export interface QuoteHint {
  id: string;
  wordings: QuoteRef[];
  reason: string;
}

/** corpus/quotes.yaml: what the build cannot derive about quotes. */
export interface CuratedQuotes {
  corrections: SpeakerCorrection[];
  unquoted: UnquotedStatement[];
  merges: QuoteHint[];
  splits: QuoteHint[];
}

/** Excerpts per source id. */
export type Evidence = Record<string, string[]>;

export interface Curated {
  sources: Source[];
  entities: CuratedEntity[];
  events: CuratedEvent[];
  discrepancies: CuratedDiscrepancy[];
  quotes: CuratedQuotes;
  equivalences: Equivalences;
  /** Article text by source id. */
  texts: Record<string, string>;
}

const ENTITY_TYPES: readonly EntityType[] = ['person', 'organization', 'place', 'event', 'concept'];
const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LANGUAGE = /^[a-z]{2,3}(?:-[A-Z]{2})?$/;

/** YYYY, YYYY-MM or YYYY-MM-DD, with a real month and day. */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return false;
  const month = m[2] === undefined ? 1 : Number(m[2]);
  if (month < 1 || month > 12) return false;
  if (m[3] === undefined) return true;
  const day = Number(m[3]);
  const days = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return day >= 1 && day <= days;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Collects problems for one file; each check names the entry it is about. */
class Checker {
  constructor(
    readonly file: string,
    private readonly problems: Problem[],
  ) {}

  fail(entry: string, message: string): void {
    this.problems.push({ file: this.file, entry, message });
  }

  keys(entry: string, o: Obj, allowed: readonly string[]): void {
    for (const key of Object.keys(o)) {
      if (!allowed.includes(key)) this.fail(entry, `unknown field "${key}"`);
    }
  }

  string(entry: string, o: Obj, key: string, opts: { optional?: boolean } = {}): string {
    const value = o[key];
    if (value === undefined && opts.optional) return '';
    if (typeof value !== 'string' || !value.trim()) {
      this.fail(entry, `"${key}" must be a non-empty string`);
      return '';
    }
    return value;
  }

  date(entry: string, o: Obj, key: string, opts: { optional?: boolean } = {}): string {
    const value = o[key];
    if (value === undefined && opts.optional) return '';
    if (typeof value !== 'string') {
      this.fail(entry, `"${key}" must be an ISO date written as a string (quote a bare year)`);
      return '';
    }
    if (!isIsoDate(value)) {
      this.fail(entry, `"${key}" is not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): "${value}"`);
      return '';
    }
    return value;
  }

  strings(entry: string, o: Obj, key: string, opts: { optional?: boolean } = {}): string[] {
    const value = o[key];
    if (value === undefined || value === null) {
      if (!opts.optional) this.fail(entry, `"${key}" is missing`);
      return [];
    }
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || !v.trim())) {
      this.fail(entry, `"${key}" must be a list of non-empty strings`);
      return [];
    }
    return value as string[];
  }

  list(entry: string, o: Obj, key: string): unknown[] {
    const value = o[key];
    if (!Array.isArray(value)) {
      this.fail(entry, `"${key}" must be a list`);
      return [];
    }
    return value;
  }
}

function parseDocument(
  checker: Checker,
  text: string,
  kind: 'json' | 'yaml',
  root: string,
): unknown[] {
  let data: unknown;
  try {
    data = kind === 'json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos
        ? `line ${error.linePos[0].line}`
        : 'document';
    checker.fail(where, `cannot parse: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
  if (!isObj(data) || !Array.isArray(data[root])) {
    checker.fail('document', `must be an object with a list "${root}"`);
    return [];
  }
  return data[root] as unknown[];
}

/** Where a text occurs in a source: exactly, as written. */
export const occursIn = (haystack: string, needle: string) => haystack.includes(needle);

function evidenceOf(
  c: Checker,
  entry: string,
  raw: unknown,
  sourceIds: ReadonlySet<string>,
  texts: Record<string, string>,
): Evidence {
  const evidence: Evidence = {};
  if (raw === undefined) return evidence;
  if (!isObj(raw)) {
    c.fail(entry, '"evidence" must map source ids to an excerpt or a list of excerpts');
    return evidence;
  }
  for (const [source, value] of Object.entries(raw)) {
    const excerpts = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(excerpts) || excerpts.some((e) => typeof e !== 'string' || !e.trim())) {
      c.fail(entry, `evidence for "${source}" must be an excerpt or a list of excerpts`);
      continue;
    }
    if (!sourceIds.has(source)) {
      c.fail(entry, `evidence cites unknown source "${source}"`);
      continue;
    }
    for (const excerpt of excerpts as string[]) {
      if (!occursIn(texts[source] ?? '', excerpt)) {
        c.fail(entry, `evidence "${excerpt}" does not occur in source "${source}"`);
      }
    }
    evidence[source] = excerpts as string[];
  }
  return evidence;
}

function citedSources(
  c: Checker,
  entry: string,
  o: Obj,
  sourceIds: ReadonlySet<string>,
  evidence: Evidence,
  opts: { optional: boolean },
): string[] {
  const listed = c.strings(entry, o, 'sources', { optional: opts.optional });
  for (const id of listed) if (!sourceIds.has(id)) c.fail(entry, `cites unknown source "${id}"`);
  const all = [...new Set([...listed, ...Object.keys(evidence)])].filter((id) => sourceIds.has(id));
  if (all.length === 0 && (listed.length > 0 || !opts.optional)) {
    c.fail(entry, 'cites no existing source');
  } else if (all.length === 0) {
    c.fail(entry, 'cites no source (give "sources" or "evidence")');
  }
  return all;
}

function label(index: number, o: unknown): string {
  const id = isObj(o) && typeof o.id === 'string' ? ` (${o.id})` : '';
  return `#${index + 1}${id}`;
}

function readSources(input: CorpusInput, problems: Problem[]) {
  const c = new Checker(CORPUS_FILES.sources, problems);
  const sources: Source[] = [];
  const texts: Record<string, string> = {};
  const seen = new Set<string>();
  parseDocument(c, input.sources, 'json', 'sources').forEach((raw, i) => {
    const entry = label(i, raw);
    if (!isObj(raw)) return c.fail(entry, 'must be an object');
    c.keys(entry, raw, ['id', 'outlet', 'title', 'date', 'language', 'file', 'credit']);
    const id = c.string(entry, raw, 'id');
    if (id && !ID.test(id)) c.fail(entry, `id "${id}" must be kebab-case ASCII`);
    if (id && seen.has(id)) c.fail(entry, `duplicate id "${id}"`);
    seen.add(id);
    const date = c.date(entry, raw, 'date');
    if (date && date.length !== 10) c.fail(entry, `"date" must be a full day (YYYY-MM-DD)`);
    const language = c.string(entry, raw, 'language');
    if (language && !LANGUAGE.test(language)) c.fail(entry, `"language" is not a language code`);
    const file = c.string(entry, raw, 'file');
    if (file && input.articles[file] === undefined) {
      c.fail(entry, `file "${file}" is not in corpus/`);
    }
    const source: Source = {
      id,
      outlet: c.string(entry, raw, 'outlet'),
      title: c.string(entry, raw, 'title'),
      date,
      language,
      file,
    };
    const credit = c.string(entry, raw, 'credit', { optional: true });
    if (credit) source.credit = credit;
    sources.push(source);
    if (id && file) texts[id] = input.articles[file] ?? '';
  });
  return { sources, texts };
}

function readEntities(
  input: CorpusInput,
  problems: Problem[],
  sourceIds: ReadonlySet<string>,
  texts: Record<string, string>,
): CuratedEntity[] {
  const c = new Checker(CORPUS_FILES.entities, problems);
  const entities: CuratedEntity[] = [];
  const seen = new Set<string>();
  /** Normalised alias → the entity that claims it and the alias as written. */
  const claims = new Map<string, { id: string; alias: string }>();
  parseDocument(c, input.entities, 'yaml', 'entities').forEach((raw, i) => {
    const entry = label(i, raw);
    if (!isObj(raw)) return c.fail(entry, 'must be an object');
    c.keys(entry, raw, [
      'id',
      'name',
      'type',
      'aliases',
      'ambiguousAliases',
      'role',
      'description',
      'facts',
      'date',
    ]);
    const id = c.string(entry, raw, 'id');
    if (id && !ID.test(id)) c.fail(entry, `id "${id}" must be kebab-case ASCII`);
    if (id && seen.has(id)) c.fail(entry, `duplicate id "${id}"`);
    seen.add(id);
    const type = raw.type as EntityType;
    if (!ENTITY_TYPES.includes(type)) {
      c.fail(entry, `"type" must be one of ${ENTITY_TYPES.join(', ')}, not "${String(raw.type)}"`);
    }
    const name = c.string(entry, raw, 'name');
    const aliases = c.strings(entry, raw, 'aliases');
    const ambiguousAliases = c.strings(entry, raw, 'ambiguousAliases', { optional: true });
    for (const alias of [name, ...aliases, ...ambiguousAliases]) {
      if (!alias) continue;
      const key = aliasKey(alias);
      if (!key) {
        c.fail(entry, `alias "${alias}" has no letters`);
        continue;
      }
      const owner = claims.get(key);
      if (owner && owner.id !== id) {
        c.fail(entry, `alias "${alias}" is already claimed by "${owner.id}" (as "${owner.alias}")`);
      } else if (!owner) {
        claims.set(key, { id, alias });
      }
    }
    const facts: Fact[] = [];
    const rawFacts = c.list(entry, raw, 'facts');
    if (Array.isArray(raw.facts) && rawFacts.length === 0) c.fail(entry, 'has no facts');
    rawFacts.forEach((f, j) => {
      const factEntry = `${entry} fact #${j + 1}`;
      if (!isObj(f)) return c.fail(factEntry, 'must be an object');
      c.keys(factEntry, f, ['text', 'sources', 'evidence']);
      const evidence = evidenceOf(c, factEntry, f.evidence, sourceIds, texts);
      const sources = citedSources(c, factEntry, f, sourceIds, evidence, { optional: false });
      const fact: Fact = { text: c.string(factEntry, f, 'text'), sources };
      const excerpts = Object.entries(evidence).flatMap(([source, texts]) =>
        texts.map((text) => ({ source, text })),
      );
      if (excerpts.length) fact.excerpts = excerpts;
      facts.push(fact);
    });
    const entity: CuratedEntity = {
      id,
      name,
      type,
      aliases,
      ambiguousAliases,
      role: c.string(entry, raw, 'role'),
      description: c.string(entry, raw, 'description'),
      facts,
    };
    if (type === 'event') {
      entity.date = c.date(entry, raw, 'date');
    } else if (raw.date !== undefined) {
      entity.date = c.date(entry, raw, 'date');
    }
    entities.push(entity);
  });
  return entities;
}

function checkEntityRefs(
  c: Checker,
  entry: string,
  ids: readonly string[],
  entityIds: ReadonlySet<string>,
) {
  for (const id of ids) if (!entityIds.has(id)) c.fail(entry, `names unknown entity "${id}"`);
}

function readEvents(
  input: CorpusInput,
  problems: Problem[],
  sourceIds: ReadonlySet<string>,
  texts: Record<string, string>,
  entities: readonly CuratedEntity[],
): CuratedEvent[] {
  const c = new Checker(CORPUS_FILES.events, problems);
  const entityIds = new Set(entities.map((e) => e.id));
  const seen = new Set<string>();
  const events: CuratedEvent[] = [];
  parseDocument(c, input.events, 'yaml', 'events').forEach((raw, i) => {
    const entry = label(i, raw);
    if (!isObj(raw)) return c.fail(entry, 'must be an object');
    c.keys(entry, raw, ['id', 'date', 'title', 'entity', 'entities', 'sources', 'evidence']);
    const id = c.string(entry, raw, 'id');
    if (id && !ID.test(id)) c.fail(entry, `id "${id}" must be kebab-case ASCII`);
    if (id && seen.has(id)) c.fail(entry, `duplicate id "${id}"`);
    seen.add(id);
    const evidence = evidenceOf(c, entry, raw.evidence, sourceIds, texts);
    const event: CuratedEvent = {
      id,
      date: c.date(entry, raw, 'date'),
      title: c.string(entry, raw, 'title'),
      sources: citedSources(c, entry, raw, sourceIds, evidence, { optional: true }),
      entities: c.strings(entry, raw, 'entities', { optional: true }),
      evidence,
    };
    checkEntityRefs(c, entry, event.entities, entityIds);
    if (raw.entity !== undefined) {
      const owner = c.string(entry, raw, 'entity');
      const target = entities.find((e) => e.id === owner);
      if (owner && !target) c.fail(entry, `names unknown entity "${owner}"`);
      else if (target && target.type !== 'event') {
        c.fail(entry, `"entity" must be an event entity; "${owner}" is a ${target.type}`);
      }
      event.entity = owner;
    }
    events.push(event);
  });
  return events;
}

function readDiscrepancies(
  input: CorpusInput,
  problems: Problem[],
  sourceIds: ReadonlySet<string>,
  texts: Record<string, string>,
  entityIds: ReadonlySet<string>,
): CuratedDiscrepancy[] {
  const c = new Checker(CORPUS_FILES.discrepancies, problems);
  const seen = new Set<string>();
  const out: CuratedDiscrepancy[] = [];
  parseDocument(c, input.discrepancies, 'yaml', 'discrepancies').forEach((raw, i) => {
    const entry = label(i, raw);
    if (!isObj(raw)) return c.fail(entry, 'must be an object');
    c.keys(entry, raw, ['id', 'subject', 'entities', 'claims']);
    const id = c.string(entry, raw, 'id');
    if (id && !ID.test(id)) c.fail(entry, `id "${id}" must be kebab-case ASCII`);
    if (id && seen.has(id)) c.fail(entry, `duplicate id "${id}"`);
    seen.add(id);
    const entities = c.strings(entry, raw, 'entities', { optional: true });
    checkEntityRefs(c, entry, entities, entityIds);
    const rawClaims = c.list(entry, raw, 'claims');
    if (Array.isArray(raw.claims) && rawClaims.length < 2) {
      c.fail(entry, 'a disagreement needs at least two claims');
    }
    const claims = rawClaims.map((cl, j) => {
      const claimEntry = `${entry} claim #${j + 1}`;
      if (!isObj(cl)) {
        c.fail(claimEntry, 'must be an object');
        return { value: '', sources: [], evidence: {} };
      }
      c.keys(claimEntry, cl, ['value', 'sources', 'evidence', 'error']);
      if (cl.evidence === undefined) c.fail(claimEntry, 'has no "evidence"');
      const evidence = evidenceOf(c, claimEntry, cl.evidence, sourceIds, texts);
      const error = c.string(claimEntry, cl, 'error', { optional: true });
      return {
        value: c.string(claimEntry, cl, 'value'),
        sources: citedSources(c, claimEntry, cl, sourceIds, evidence, { optional: true }),
        evidence,
        ...(error ? { error } : {}),
      };
    });
    if (claims.length >= 2 && claims.every((claim) => claim.error)) {
      c.fail(
        entry,
        'every claim is marked an error: at least one must say what the sources get right',
      );
    }
    out.push({ id, subject: c.string(entry, raw, 'subject'), entities, claims });
  });
  return out;
}

const QUOTE_LISTS = ['corrections', 'unquoted', 'merges', 'splits'] as const;

function readQuotes(
  input: CorpusInput,
  problems: Problem[],
  sourceIds: ReadonlySet<string>,
  texts: Record<string, string>,
  entityIds: ReadonlySet<string>,
): CuratedQuotes {
  const c = new Checker(CORPUS_FILES.quotes, problems);
  const out: CuratedQuotes = { corrections: [], unquoted: [], merges: [], splits: [] };
  let data: unknown;
  try {
    data = parseYaml(input.quotes);
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos
        ? `line ${error.linePos[0].line}`
        : 'document';
    c.fail(where, `cannot parse: ${error instanceof Error ? error.message : String(error)}`);
    return out;
  }
  if (!isObj(data)) {
    c.fail('document', `must be an object with the lists ${QUOTE_LISTS.join(', ')}`);
    return out;
  }
  c.keys('document', data, QUOTE_LISTS);
  const seen = new Set<string>();

  /** A wording in a source, exactly as written there (and inside its context, when given). */
  const ref = (entry: string, o: Obj, key = 'text'): QuoteRef | null => {
    const source = c.string(entry, o, 'source');
    const text = c.string(entry, o, key);
    const context = c.string(entry, o, 'context', { optional: true });
    if (!source || !text) return null;
    if (!sourceIds.has(source)) {
      c.fail(entry, `cites unknown source "${source}"`);
      return null;
    }
    const file = texts[source] ?? '';
    if (!occursIn(file, text)) {
      c.fail(entry, `wording "${text}" does not occur in source "${source}"`);
      return null;
    }
    if (context) {
      if (!occursIn(file, context)) {
        c.fail(entry, `context "${context}" does not occur in source "${source}"`);
        return null;
      }
      if (!context.includes(text)) {
        c.fail(entry, `context "${context}" does not contain the wording "${text}"`);
        return null;
      }
      return { source, text, context };
    }
    return { source, text };
  };

  const speakerOf = (entry: string, o: Obj) => {
    let speaker: string | null = null;
    if (o.speaker !== null) {
      speaker = c.string(entry, o, 'speaker');
      if (speaker && !entityIds.has(speaker)) c.fail(entry, `speaker "${speaker}" is no entity`);
    }
    const speakerName = c.string(entry, o, 'speakerName', { optional: true });
    if (speakerName && speaker) c.fail(entry, 'give "speaker" or "speakerName", not both');
    return { speaker, speakerName };
  };

  for (const list of QUOTE_LISTS) {
    const raw = data[list];
    if (raw === undefined || raw === null) continue;
    if (!Array.isArray(raw)) {
      c.fail('document', `"${list}" must be a list`);
      continue;
    }
    raw.forEach((item: unknown, i) => {
      const entry = `${list} ${label(i, item)}`;
      if (!isObj(item)) return c.fail(entry, 'must be an object');
      const id = c.string(entry, item, 'id');
      if (id && !ID.test(id)) c.fail(entry, `id "${id}" must be kebab-case ASCII`);
      if (id && seen.has(id)) c.fail(entry, `duplicate id "${id}"`);
      seen.add(id);
      const reason = c.string(entry, item, 'reason');
      if (list === 'corrections') {
        c.keys(entry, item, [
          'id',
          'source',
          'quote',
          'context',
          'speaker',
          'speakerName',
          'reason',
        ]);
        const at = ref(entry, item, 'quote');
        const { speaker, speakerName } = speakerOf(entry, item);
        if (!at) return;
        const correction: SpeakerCorrection = { id, ...at, speaker, reason };
        if (speakerName) correction.speakerName = speakerName;
        out.corrections.push(correction);
      } else if (list === 'unquoted') {
        c.keys(entry, item, ['id', 'source', 'text', 'speaker', 'speakerName', 'date', 'reason']);
        const at = ref(entry, item);
        const { speaker, speakerName } = speakerOf(entry, item);
        if (!speaker && !speakerName)
          c.fail(entry, 'names no speaker ("speaker" or "speakerName")');
        const date = c.date(entry, item, 'date', { optional: true });
        if (!at) return;
        const statement: UnquotedStatement = {
          id,
          source: at.source,
          text: at.text,
          speaker,
          reason,
        };
        if (speakerName) statement.speakerName = speakerName;
        if (date) statement.date = date;
        out.unquoted.push(statement);
      } else {
        c.keys(entry, item, ['id', 'wordings', 'reason']);
        const wordings = c.list(entry, item, 'wordings').flatMap((w, j) => {
          const wEntry = `${entry} wording #${j + 1}`;
          if (!isObj(w)) {
            c.fail(wEntry, 'must be an object with "source" and "quote"');
            return [];
          }
          c.keys(wEntry, w, ['source', 'quote', 'context']);
          const at = ref(wEntry, w, 'quote');
          return at ? [at] : [];
        });
        if (Array.isArray(item.wordings) && item.wordings.length < 2) {
          c.fail(entry, 'a hint needs at least two wordings');
        }
        out[list].push({ id, wordings, reason });
      }
    });
  }
  return out;
}

const EQUIVALENCE_SECTIONS = ['english', 'german', 'french', 'chinese'] as const;
/** Keys as the linker reads page words: lower case, accents stripped (and ß as ss) outside English. */
const EQUIVALENCE_KEY: Record<(typeof EQUIVALENCE_SECTIONS)[number], RegExp> = {
  english: /^[a-z0-9]+(?:[-'][a-z0-9]+)*$/,
  german: /^[a-z]+$/,
  french: /^[a-z]+$/,
  chinese: /^\p{Script=Han}{2,}$/u,
};
const ENGLISH_WORDS = /^[a-z0-9]+(?:[-'][a-z0-9]+)*(?: [a-z0-9]+(?:[-'][a-z0-9]+)*)*$/;

/** corpus/equivalences.yaml: four tables of word → English word(s). */
function readEquivalences(input: CorpusInput, problems: Problem[]): Equivalences {
  const c = new Checker(CORPUS_FILES.equivalences, problems);
  const out: Equivalences = { english: {}, german: {}, french: {}, chinese: {} };
  let data: unknown;
  try {
    data = parseYaml(input.equivalences);
  } catch (error) {
    c.fail('document', `cannot parse: ${error instanceof Error ? error.message : String(error)}`);
    return out;
  }
  if (!isObj(data)) {
    c.fail('document', `must be an object with the tables ${EQUIVALENCE_SECTIONS.join(', ')}`);
    return out;
  }
  c.keys('document', data, EQUIVALENCE_SECTIONS);
  for (const section of EQUIVALENCE_SECTIONS) {
    const table = data[section];
    if (!isObj(table)) {
      c.fail(section, 'must be a table of word: English');
      continue;
    }
    for (const [key, value] of Object.entries(table)) {
      const entry = `${section}.${key}`;
      if (!EQUIVALENCE_KEY[section].test(key)) {
        c.fail(
          entry,
          section === 'chinese'
            ? 'a key must be two or more Han characters'
            : 'a key must be one lower-case word without accents',
        );
        continue;
      }
      if (typeof value !== 'string' || !ENGLISH_WORDS.test(value)) {
        c.fail(entry, 'the value must be English words in lower case');
        continue;
      }
      out[section][key] = value;
    }
  }
  // An English synonym leads to a word in one step: a chain or a loop would hide what it means.
  for (const [key, value] of Object.entries(out.english)) {
    if (value === key) c.fail(`english.${key}`, 'maps to itself');
    else if (Object.hasOwn(out.english, value))
      c.fail(`english.${key}`, `maps to "${value}", which is itself mapped: map to the last word`);
  }
  for (const [key, value] of Object.entries(out.german)) {
    const french = out.french[key];
    if (french !== undefined && french !== value)
      c.fail(`german.${key}`, `is also french.${key} with another meaning ("${french}")`);
  }
  return out;
}

/** Parses and checks every curated file; throws KbBuildError listing all problems. */
export function readCurated(input: CorpusInput): Curated {
  const problems: Problem[] = [];
  const { sources, texts } = readSources(input, problems);
  const sourceIds = new Set(sources.map((s) => s.id).filter(Boolean));
  const entities = readEntities(input, problems, sourceIds, texts);
  const entityIds = new Set(entities.map((e) => e.id).filter(Boolean));
  const events = readEvents(input, problems, sourceIds, texts, entities);
  const discrepancies = readDiscrepancies(input, problems, sourceIds, texts, entityIds);
  const quotes = readQuotes(input, problems, sourceIds, texts, entityIds);
  const equivalences = readEquivalences(input, problems);
  if (problems.length > 0) throw new KbBuildError(problems);
  return { sources, entities, events, discrepancies, quotes, equivalences, texts };
}
