/**
 * Who could have said a quotation: the candidates and the features that describe each. A
 * candidate is a mention near the quotation (a name, a title or a pronoun, outside any
 * quotation), "the previous quotation's speaker", or "nobody". Each is described by a few
 * general features — where it stands relative to the quotation, which attribution pattern links
 * them, what it is — and the choice among them is made by fitted weights (model.ts).
 */
import { LEXICON } from '../doc/lexicon';
import type { Doc, Mention, QuoteSpan, Token } from '../doc/types';
import { tokenAt } from '../doc/tokens';
import { equivalentTitle } from '../names/coref';
import { titleWords } from '../names/titles';
import { countWords } from '../text/quotes';
import { signatureNameEnd } from '../text/signatures';

export type Features = Record<string, number>;

export interface Candidate {
  /** 'mention': a mention of the text; 'previous': the previous quotation's speaker; 'none'. */
  type: 'mention' | 'previous' | 'none';
  /** Index into doc.mentions (type 'mention'). */
  mention: number;
  /** Index into doc.entities, or -1 (nobody, or a title or pronoun that names no one). */
  entity: number;
  features: Features;
}

/** Where a quotation sits in the text, in tokens and sentences. */
export interface QuoteContext {
  quote: QuoteSpan;
  /** Token range of the quotation's inside. */
  from: number;
  to: number;
  /** Sentences holding its start and its end. */
  firstSentence: number;
  lastSentence: number;
  /** Lead: tokens of the first sentence before it (after any earlier quotation there). */
  leadFrom: number;
  /** Tail: tokens of the last sentence after it (before any later quotation there). */
  tailTo: number;
  paragraph: number;
}

export function quoteContexts(doc: Doc): QuoteContext[] {
  const { tokens, sentences } = doc;
  const contexts: QuoteContext[] = doc.quotes.map((quote) => {
    const from = tokenAt(tokens, quote.start);
    const to = tokenAt(tokens, quote.end);
    const firstSentence = sentenceAt(doc, Math.min(from, tokens.length - 1), quote.start);
    const lastSentence = sentenceAt(doc, Math.max(0, to - 1), quote.end - 1);
    return {
      quote,
      from,
      to,
      firstSentence,
      lastSentence,
      leadFrom: sentences[firstSentence]?.from ?? from,
      tailTo: sentences[lastSentence]?.to ?? to,
      paragraph: sentences[firstSentence]?.paragraph ?? 0,
    };
  });
  // "“观众的口味变了。”分析师何立群说": a quotation that ends its sentence, with the next one
  // written right after its closing mark, is attributed there: that sentence is its tail.
  for (const c of contexts) {
    const sentence = sentences[c.lastSentence];
    const next = sentences[c.lastSentence + 1];
    if (!sentence || !next || next.paragraph !== sentence.paragraph) continue;
    if (c.tailTo !== sentence.to || !onlyPunct(tokens, c.to, sentence.to)) continue;
    if (!/^[^\s\p{L}\p{N}]*$/u.test(doc.text.slice(sentence.end, next.start))) continue;
    c.tailTo = next.to;
  }
  // Quotations sharing a sentence bound each other's lead and tail.
  for (let i = 1; i < contexts.length; i++) {
    const a = contexts[i - 1]!;
    const b = contexts[i]!;
    if (b.leadFrom < a.to) b.leadFrom = Math.min(b.from, a.to);
    if (a.tailTo > b.from) a.tailTo = Math.max(a.to, b.from);
  }
  return contexts;
}

/** Paragraphs after a quotation where the signature of an embedded post may stand. */
const SIGNATURE_REACH = 2;

/**
 * The name in a signature line within SIGNATURE_REACH paragraphs after paragraph `p` ("— Jane
 * Doe (@janedoe) May 3, 2024"), as a token range.
 */
function signatureAfter(doc: Doc, p: number): { from: number; to: number } | null {
  for (let k = p + 1; k <= p + SIGNATURE_REACH && k < doc.paragraphs.length; k++) {
    const paragraph = doc.paragraphs[k]!;
    const nameEnd = signatureNameEnd(doc.text.slice(paragraph.start, paragraph.end));
    if (nameEnd < 0) continue;
    let to = paragraph.from;
    while (to < paragraph.to && doc.tokens[to]!.end <= paragraph.start + nameEnd) to++;
    return { from: paragraph.from, to };
  }
  return null;
}

/** Whether tokens [from, to) are punctuation only (a quotation's closing marks). */
function onlyPunct(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (tokens[i]!.kind !== 'punct') return false;
  return true;
}

/** The sentence of the token nearest a character offset. */
function sentenceAt(doc: Doc, token: number, offset: number): number {
  const s = doc.sentenceOfToken[token];
  if (s !== undefined && s >= 0) return s;
  // No token at all (an empty text): the last sentence starting before the offset.
  let best = 0;
  doc.sentences.forEach((sentence, i) => {
    if (sentence.start <= offset) best = i;
  });
  return best;
}

const isSpeechVerb = (tokens: readonly Token[], i: number, end: number): number => {
  const t = tokens[i];
  if (!t || t.kind === 'punct' || (t.cap && t.kind === 'word' && !t.upper && i > 0)) return 0;
  return LEXICON.speechVerbs.matchAt(tokens, i, end);
};

/** Index of the first speech verb in [from, to), or -1. */
function verbIn(tokens: readonly Token[], from: number, to: number): number {
  for (let i = from; i < to; i++) if (isSpeechVerb(tokens, i, to) > 0) return i;
  return -1;
}

/** Tokens between a and b (exclusive) that are only adverbs or auxiliaries ("also", "has"). */
function onlyAdverbs(tokens: readonly Token[], a: number, b: number): boolean {
  if (b - a > 4) return false;
  for (let i = a; i < b; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' || !LEXICON.beforeSpeechAdverbs.has(t.key)) return false;
  }
  return true;
}

const log1p = (n: number) => Math.log(1 + Math.max(0, n));

/** Mentions whose first token lies in [from, to). */
function mentionsIn(doc: Doc, from: number, to: number): number[] {
  const out: number[] = [];
  const ms = doc.mentions;
  let lo = 0;
  let hi = ms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ms[mid]!.from < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < ms.length && ms[i]!.from < to; i++) out.push(i);
  return out;
}

type Region =
  | 'lead'
  | 'tail'
  | 'prevSentence'
  | 'earlierSentence'
  | 'prevParagraph'
  | 'farBefore'
  | 'nextSentence'
  | 'nextParagraph'
  | 'signature';

/** What the attribution of earlier quotations tells about this one. */
export interface History {
  /** Entity said the previous quotation (or -1), and where that quotation was. */
  previousEntity: number;
  previous: QuoteContext | null;
  /** Entities that said any earlier quotation. */
  speakers: Set<number>;
  /** The speakers of earlier quotations, latest first, each once (a conversation's voices). */
  recent: number[];
}

/** Every candidate for one quotation, with its features. */
export function candidatesFor(doc: Doc, ctx: QuoteContext, history: History): Candidate[] {
  const { tokens, sentences, paragraphs } = doc;
  const candidates: Candidate[] = [];
  const first = sentences[ctx.firstSentence];
  const last = sentences[ctx.lastSentence];
  if (!first || !last) return [noneCandidate(doc, ctx, false)];
  const paragraph = paragraphs[first.paragraph]!;

  const regions: { region: Region; from: number; to: number }[] = [
    { region: 'lead', from: ctx.leadFrom, to: ctx.from },
    { region: 'tail', from: ctx.to, to: ctx.tailTo },
  ];
  const prev = sentences[ctx.firstSentence - 1];
  if (prev && prev.paragraph === first.paragraph) {
    regions.push({ region: 'prevSentence', from: prev.from, to: prev.to });
    if (prev.from > paragraph.from) {
      regions.push({ region: 'earlierSentence', from: paragraph.from, to: prev.from });
    }
  }
  if (first.paragraph > 0 && (prev === undefined || prev.paragraph !== first.paragraph)) {
    const pp = paragraphs[first.paragraph - 1]!;
    regions.push({ region: 'prevParagraph', from: pp.from, to: pp.to });
    // Further back: a feature names someone once and quotes them paragraphs later.
    if (first.paragraph > 1) {
      const far = paragraphs[Math.max(0, first.paragraph - 4)]!;
      regions.push({ region: 'farBefore', from: far.from, to: pp.from });
    }
  }
  const next = sentences[ctx.lastSentence + 1];
  if (next && next.paragraph === last.paragraph) {
    regions.push({ region: 'nextSentence', from: next.from, to: next.to });
  } else if (next && next.paragraph === last.paragraph + 1) {
    regions.push({ region: 'nextParagraph', from: next.from, to: next.to });
  }
  // An embedded post signed below it: "— PFF CLE Browns (@PFF_Browns) November 15, 2019".
  // Read before the paragraphs around, which may hold the same line.
  const signature = signatureAfter(doc, last.paragraph);
  if (signature) regions.splice(2, 0, { region: 'signature', ...signature });

  const leadVerb = verbIn(tokens, ctx.leadFrom, ctx.from);
  const tailVerb = verbIn(tokens, ctx.to, ctx.tailTo);
  const lastLead = tokens[ctx.from - 1];
  const leadColon = ctx.from > ctx.leadFrom && lastLead?.kind === 'punct' && lastLead.key === ':';
  const ownSentenceHasVerb = leadVerb >= 0 || tailVerb >= 0;

  const seen = new Set<number>();
  for (const { region, from, to } of regions) {
    const inRegion = mentionsIn(doc, from, to);
    // Nearest to the quotation first: the last mention of a region before it, the first after.
    const before =
      region !== 'tail' &&
      region !== 'nextSentence' &&
      region !== 'nextParagraph' &&
      region !== 'signature';
    let rank = 0;
    const ordered = before ? [...inRegion].reverse() : inRegion;
    for (const mi of ordered) {
      const m = doc.mentions[mi]!;
      if (m.inQuote || seen.has(mi)) continue;
      if (m.to > ctx.from && m.from < ctx.to) continue;
      const entity = m.entity >= 0 ? doc.entities[m.entity]! : null;
      const kind = entity ? entity.kind : m.kind;
      if (kind === 'place') continue;
      // Inside a title run of another name ("NASA" in "NASA Administrator Jim Bridenstine").
      seen.add(mi);
      const f: Features = {};
      f[`loc.${region}`] = 1;
      f['loc.rank0'] = rank === 0 ? 1 : 0;
      rank++;
      const distance = before ? ctx.from - m.to : m.from - ctx.to;
      f['loc.dist'] = log1p(distance) / 4;
      f[`form.${m.form}`] = 1;
      f[`kind.${kind}`] = 1;
      if (m.form === 'name' && m.to - m.from === 1 && (!entity || entity.name === m.text))
        f['name.single'] = 1;
      if (m.resolvedBy && m.form === 'title') f[`title.${m.resolvedBy}`] = 1;
      if (m.form === 'title' && LEXICON.indefinites.has(tokens[m.from]!.key))
        f['title.indefinite'] = 1;
      if (m.form === 'title' && m.kind === 'organization') f['title.organization'] = 1;
      addCues(doc, ctx, m, region, f, { leadVerb, tailVerb, leadColon });
      // A definite title stands for one of the people the text gave that title or named just
      // before: each is a candidate, with how well the title fits.
      if (m.form === 'title' && m.kind === 'person' && !f['title.indefinite']) {
        const referents = referentsOfTitle(doc, mi, history);
        if (referents.length > 0) {
          for (const r of referents) {
            const g: Features = { ...f, ...r.features };
            addEntityFeatures(g, r.entity, doc, history);
            candidates.push({ type: 'mention', mention: mi, entity: r.entity, features: g });
          }
          continue;
        }
      }
      // "the statement said", "the readout said": the document of whoever spoke before.
      const head = m.form === 'title' ? ((m.title ?? '').split(' ').pop() ?? '') : '';
      if (m.entity < 0 && LEXICON.documentHeads.has(head) && history.previousEntity >= 0) {
        f['title.document'] = 1;
        addEntityFeatures(f, history.previousEntity, doc, history);
        candidates.push({
          type: 'mention',
          mention: mi,
          entity: history.previousEntity,
          features: f,
        });
        continue;
      }
      if (m.form === 'pronoun') {
        // A pronoun stands for one of the people named before it: each is a candidate, with
        // what makes it a likely antecedent.
        const antecedents = antecedentsOf(doc, mi, history);
        if (antecedents.length === 0) {
          candidates.push({
            type: 'mention',
            mention: mi,
            entity: -1,
            features: { ...f, 'pronoun.unresolved': 1, 'entity.none': 1 },
          });
        }
        for (const a of antecedents) {
          const g: Features = { ...f, ...a.features };
          addEntityFeatures(g, a.entity, doc, history);
          candidates.push({ type: 'mention', mention: mi, entity: a.entity, features: g });
        }
        continue;
      }
      if (!entity) f['entity.none'] = 1;
      else addEntityFeatures(f, m.entity, doc, history);
      candidates.push({ type: 'mention', mention: mi, entity: m.entity, features: f });
    }
  }

  if (history.previous && history.previousEntity >= 0) {
    const p = history.previous;
    const f: Features = { 'prev.bias': 1 };
    const pPara = sentences[p.lastSentence]?.paragraph ?? -1;
    if (pPara === first.paragraph) f['prev.sameParagraph'] = 1;
    else if (pPara === first.paragraph - 1) f['prev.lastParagraph'] = 1;
    else f['prev.far'] = 1;
    if (p.lastSentence === ctx.firstSentence) f['prev.sameSentence'] = 1;
    if (!ownSentenceHasVerb) f['prev.noVerb'] = 1;
    if (ctx.from - paragraph.from <= 1) f['prev.opensParagraph'] = 1;
    f['prev.dist'] = log1p(ctx.from - p.to) / 4;
    candidates.push({
      type: 'previous',
      mention: -1,
      entity: history.previousEntity,
      features: f,
    });
  }
  // The other voices of a conversation: a speaker of an earlier quotation than the last.
  for (const [k, e] of history.recent.entries()) {
    if (k === 0 || k > 3 || e === history.previousEntity) continue;
    const f: Features = { 'recent.bias': 1 };
    f[`recent.rank${k}`] = 1;
    if (!ownSentenceHasVerb) f['recent.noVerb'] = 1;
    if (ctx.from - paragraph.from <= 1) f['recent.opensParagraph'] = 1;
    candidates.push({ type: 'previous', mention: -1, entity: e, features: f });
  }
  const none = noneCandidate(doc, ctx, ownSentenceHasVerb);
  // A verb of saying right before or after a quotation makes it someone's words, however short.
  if (leadVerb >= 0 && ctx.from - leadVerb <= 8) none.features['none.verbBefore'] = 1;
  if (tailVerb >= 0 && tailVerb - ctx.to <= 4) none.features['none.verbAfter'] = 1;
  candidates.push(none);
  return candidates;
}

/** Entities the text makes the subject of a verb of saying somewhere ("Noem said", "said Noem"). */
const speakersOf = new WeakMap<Doc, Set<number>>();

function speakingEntities(doc: Doc): Set<number> {
  let found = speakersOf.get(doc);
  if (found) return found;
  found = new Set();
  const { tokens } = doc;
  for (const m of doc.mentions) {
    if (m.entity < 0 || m.inQuote) continue;
    let i = m.to;
    while (i < m.to + 2 && tokens[i] && LEXICON.beforeSpeechAdverbs.has(tokens[i]!.key)) i++;
    const after = isSpeechVerb(tokens, i, tokens.length) > 0;
    const prev = tokens[m.titleFrom - 1];
    const before =
      prev !== undefined &&
      prev.kind === 'word' &&
      !prev.cap &&
      LEXICON.speechVerbs.hasWord(prev.key);
    if (after || before) found.add(m.entity);
  }
  speakersOf.set(doc, found);
  return found;
}

function addEntityFeatures(f: Features, e: number, doc: Doc, history: History): void {
  const entity = doc.entities[e]!;
  if (speakingEntities(doc).has(e)) f['entity.speaks'] = 1;
  if (entity.kb && entity.kind === 'person') f['entity.kbPerson'] = 1;
  f['entity.mentions'] = log1p(entity.mentions.length) / 2;
  if (history.speakers.has(e)) f['entity.spokeBefore'] = 1;
  if (history.previousEntity === e) f['entity.previousSpeaker'] = 1;
}

const ARTICLES = new Set(['the', 'a', 'an', 'der', 'die', 'das', 'le', 'la', 'les', 'un', 'une']);

/** How many people named before a pronoun are its candidates. */
const MAX_ANTECEDENTS = 4;

/**
 * The people a pronoun may stand for: the entities named before it (outside quotations), back
 * to the start of the paragraph before, nearest first, and the previous quotation's speaker.
 * A person whose gender the text gives and the pronoun contradicts is left out.
 */
const firstMentions = new WeakMap<Doc, Int32Array>();

/**
 * For each sentence, the index of its first mention outside quotations, or -1: found once per
 * page, since every quotation's candidates ask it.
 */
function firstMentionOfSentence(doc: Doc): Int32Array {
  let first = firstMentions.get(doc);
  if (!first) {
    first = new Int32Array(doc.sentences.length).fill(-1);
    doc.mentions.forEach((c, j) => {
      if (c.inQuote) return;
      const s = doc.sentenceOfToken[c.from]!;
      if (first![s] === -1) first![s] = j;
    });
    firstMentions.set(doc, first);
  }
  return first;
}

function antecedentsOf(
  doc: Doc,
  mi: number,
  history: History,
): { entity: number; features: Features }[] {
  const m = doc.mentions[mi]!;
  const paragraph = doc.sentences[doc.sentenceOfToken[m.from]!]!.paragraph;
  const floor = doc.paragraphs[Math.max(0, paragraph - 1)]!.from;
  const plural = m.gender === null && m.kind !== 'person';
  const out: { entity: number; features: Features }[] = [];
  const seen = new Set<number>();
  const firstOf = firstMentionOfSentence(doc);
  for (let j = mi - 1; j >= 0 && out.length < MAX_ANTECEDENTS; j--) {
    const c = doc.mentions[j]!;
    if (c.from < floor) break;
    if (c.inQuote || c.entity < 0 || c.form === 'pronoun' || seen.has(c.entity)) continue;
    const e = doc.entities[c.entity]!;
    if (e.kind === 'place') continue;
    if (!plural && e.kind === 'organization') continue;
    if (m.gender && e.gender && m.gender !== e.gender) continue;
    seen.add(c.entity);
    const f: Features = {};
    f[`ante.rank${out.length}`] = 1;
    if (firstOf[doc.sentenceOfToken[c.from]!] === j) f['ante.subject'] = 1;
    if (m.gender && e.gender === m.gender) f['ante.gender'] = 1;
    if (e.kind === 'person') f['ante.person'] = 1;
    if (c.entity === history.previousEntity) f['ante.previousSpeaker'] = 1;
    if (c.entity === m.entity) f['ante.coref'] = 1;
    const before = doc.tokens[c.titleFrom - 1];
    if (
      before &&
      before.kind === 'word' &&
      (LEXICON.prepositions.has(before.key) || LEXICON.listenerVerbs.has(before.key))
    )
      f['ante.object'] = 1;
    if (doc.sentences[doc.sentenceOfToken[c.from]!]!.paragraph === paragraph)
      f['ante.samePara'] = 1;
    out.push({ entity: c.entity, features: f });
  }
  const prev = history.previousEntity;
  if (prev >= 0 && !seen.has(prev) && out.length <= MAX_ANTECEDENTS) {
    const e = doc.entities[prev]!;
    if (!(m.gender && e.gender && m.gender !== e.gender) && e.kind !== 'place') {
      out.push({ entity: prev, features: { 'ante.previousSpeaker': 1, 'ante.far': 1 } });
    }
  }
  return out;
}

/** Country words as titles read them (lib/names/titles): "Chinese" and "China" are "china". */
const NATIONS = new Set([
  'china',
  'us',
  'taiwan',
  'russia',
  'japan',
  'uk',
  'eu',
  'germany',
  'france',
  'india',
  'korea',
  'australia',
]);
const COUNTERPARTS = new Set(['counterpart', 'amtskollege', 'amtskollegin', 'homologue']);

/** The entity named first in the sentence of `m`, or in the sentence before when none is. */
function subjectBefore(doc: Doc, m: Mention): number {
  const s = doc.sentenceOfToken[m.from]!;
  for (const k of [s, s - 1]) {
    const sentence = doc.sentences[k];
    if (!sentence) continue;
    const first = doc.mentions.find(
      (o) =>
        o.from >= sentence.from &&
        o.from < Math.min(sentence.to, m.from) &&
        !o.inQuote &&
        o.entity >= 0,
    );
    if (first) return first.entity;
  }
  return -1;
}

/**
 * The people a definite title may stand for: those the text gave the same title (or one of its
 * kind: "the envoy" for an ambassador), the knowledge base's holder of the role that coreference
 * found, and the people named in this or the sentence before. Nearest first.
 */
function referentsOfTitle(
  doc: Doc,
  mi: number,
  history: History,
): { entity: number; features: Features }[] {
  const m = doc.mentions[mi]!;
  const words = titleWords(m.title ?? '');
  const head = words[words.length - 1] ?? '';
  const qualifiers = words.slice(0, -1);
  const nation = qualifiers.find((w) => NATIONS.has(w));
  const sentence = doc.sentenceOfToken[m.from]!;
  const paragraph = doc.sentences[sentence]!.paragraph;
  const floor = doc.paragraphs[Math.max(0, paragraph - 3)]!.from;
  const out: { entity: number; features: Features }[] = [];
  const seen = new Set<number>();
  for (let j = mi - 1; j >= 0 && out.length < MAX_ANTECEDENTS; j--) {
    const c = doc.mentions[j]!;
    if (c.from < floor) break;
    if (c.inQuote || c.entity < 0 || seen.has(c.entity) || c.form === 'pronoun') continue;
    const e = doc.entities[c.entity]!;
    if (e.kind === 'place' || e.kind === 'organization') continue;
    if (m.gender && e.gender && m.gender !== e.gender) continue;
    const titled = e.titles.includes(head);
    const kindred = !titled && equivalentTitle(new Set(e.titles), head);
    const recent = doc.sentenceOfToken[c.from]! >= sentence - 1;
    const coref = c.entity === m.entity;
    const qualified = qualifiers.some((q) => e.titles.includes(q));
    if (!titled && !kindred && !recent && !coref && !qualified) continue;
    seen.add(c.entity);
    const f: Features = {};
    f[`ref.rank${out.length}`] = 1;
    if (titled) f['ref.title'] = 1;
    if (kindred) f['ref.kindred'] = 1;
    if (recent) f['ref.recent'] = 1;
    if (coref) f['ref.coref'] = 1;
    if (qualified) f['ref.qualifier'] = 1;
    // "the Chinese foreign minister" is not the American secretary of state.
    if (nation) {
      if (e.titles.includes(nation)) f['ref.nation'] = 1;
      else if (e.titles.some((w) => NATIONS.has(w))) f['ref.nationClash'] = 1;
    }
    // "his counterpart" is someone other than the one whose counterpart he is.
    if (COUNTERPARTS.has(head) && c.entity === subjectBefore(doc, m))
      f['ref.counterpartsSubject'] = 1;
    if (c.entity === history.previousEntity) f['ref.previousSpeaker'] = 1;
    out.push({ entity: c.entity, features: f });
  }
  // Coreference's answer from the knowledge base's roles, when nobody nearby holds the title.
  if (m.entity >= 0 && !seen.has(m.entity)) {
    out.push({ entity: m.entity, features: { 'ref.coref': 1, 'ref.role': 1 } });
  }
  return out;
}

/**
 * Whether quoted words are written as a title ("Less Money on Testing, More Money on Students"):
 * every word of four letters or more capitalised, and more than one of them. Speech quoted is
 * written as a sentence.
 */
export function titleCased(text: string): boolean {
  const long = text.match(/\p{L}[\p{L}'’-]{3,}/gu) ?? [];
  return long.length >= 2 && long.every((word) => /^\p{Lu}/u.test(word));
}

function noneCandidate(doc: Doc, ctx: QuoteContext, verb: boolean): Candidate {
  // Chinese and Japanese are written without spaces: their words are counted as characters.
  const words = countWords(ctx.quote.text);
  const f: Features = { 'none.bias': 1 };
  if (words <= 3) f['none.short'] = 1;
  if (ctx.quote.kind === 'scare') {
    f['none.scare'] = 1;
    // "the “one China policy”": a name the text uses, not words anyone said here.
    const before = doc.tokens[ctx.from - 1];
    if (before && before.kind === 'word' && ARTICLES.has(before.key)) f['none.term'] = 1;
  }
  if (titleCased(ctx.quote.text)) f['none.titleCase'] = 1;
  if (!verb) f['none.noVerb'] = 1;
  if (!ctx.quote.closed) f['none.unclosed'] = 1;
  if (ctx.quote.open === '') f['none.blockquote'] = 1;
  return { type: 'none', mention: -1, entity: -1, features: f };
}

/** The attribution patterns that link a mention to the quotation. */
function addCues(
  doc: Doc,
  ctx: QuoteContext,
  m: Mention,
  region: Region,
  f: Features,
  q: { leadVerb: number; tailVerb: number; leadColon: boolean },
): void {
  const { tokens, sentences } = doc;
  const sentence = sentences[doc.sentenceOfToken[m.from]!]!;
  const before = tokens[m.titleFrom - 1];
  // The listener or object of a verb or preposition: "told Blinken", "with Wang".
  if (before && before.kind === 'word' && !before.cap) {
    if (LEXICON.prepositions.has(before.key) || LEXICON.listenerVerbs.has(before.key)) {
      f['cue.object'] = 1;
    }
  }
  if (tokens[m.to - 1]!.outer > tokens[m.to - 1]!.end) f['cue.possessive'] = 1;
  // "Xinhua quoted Wang as saying": Wang is the speaker, Xinhua the messenger.
  const as = tokens[m.to];
  if (as?.key === 'as' && /^(?:saying|telling|writing)$/.test(tokens[m.to + 1]?.key ?? ''))
    f['cue.asSaying'] = 1;
  // "according to X", "laut X", "selon X", "in the words of X".
  for (let k = 1; k <= 4; k++) {
    const start = m.titleFrom - k;
    if (start < sentence.from) break;
    if (LEXICON.accordingTo.matchAt(tokens, start, m.titleFrom) === k) {
      f['cue.according'] = 1;
      break;
    }
  }
  if (before && before.kind === 'punct' && before.key === '—') f['cue.dash'] = 1;
  const firstInSentence = firstMentionOfSentence(doc)[doc.sentenceOfToken[m.from]!]!;
  if (firstInSentence >= 0 && doc.mentions[firstInSentence] === m) f['cue.firstInSentence'] = 1;
  // A verb of saying right after the mention ("Wang said", "Wang also told") or right before it
  // ("said Wang", "said State Department spokesman Matthew Miller").
  let verbAfter = -1;
  for (let i = m.to; i < Math.min(sentence.to, m.to + 16); i++) {
    if (isSpeechVerb(tokens, i, sentence.to) > 0) {
      if (onlyAdverbs(tokens, m.to, i) || skipsAppositive(tokens, m.to, i)) verbAfter = i;
      break;
    }
    // Past a clause boundary the verb has another subject.
    const t = tokens[i]!;
    if (t.kind === 'punct' && t.key !== ',' && t.key !== '(' && t.key !== ')') break;
  }
  let verbBefore = -1;
  for (let i = m.titleFrom - 1; i >= Math.max(sentence.from, m.titleFrom - 3); i--) {
    const n = LEXICON.speechVerbs.matchEndingAt(tokens, i, sentence.from);
    if (n > 0 && isSpeechVerb(tokens, i - n + 1, sentence.to) > 0) {
      if (onlyAdverbs(tokens, i + 1, m.titleFrom)) verbBefore = i;
      break;
    }
  }
  // "Foreign Minister Qin Gang, who told him that …"
  const comma = tokens[m.to];
  const who = tokens[m.to + 1];
  if (comma?.key === ',' && who && /^(?:who|qui|der|die)$/.test(who.key)) {
    for (let i = m.to + 2; i < Math.min(sentence.to, m.to + 6); i++) {
      if (isSpeechVerb(tokens, i, sentence.to) > 0) {
        if (onlyAdverbs(tokens, m.to + 2, i)) verbAfter = i;
        break;
      }
    }
  }
  if (verbAfter >= 0) f['cue.verbAfter'] = 1;
  if (verbBefore >= 0) f['cue.verbBefore'] = 1;
  if (region === 'tail') {
    const gap = m.titleFrom - ctx.to;
    if (verbAfter >= 0 && gap <= 2) f['cue.tailSaid'] = 1; // “…,” Wang said
    if (verbBefore >= 0 && verbBefore - ctx.to <= 2) f['cue.tailSaidX'] = 1; // “…,” said Wang
    if (q.tailVerb >= 0) f['cue.tailHasVerb'] = 1;
    if (gap <= 1 && f['cue.dash']) f['cue.signature'] = 1; // “…” — Name
  }
  if (region === 'lead') {
    if (verbAfter >= 0 && verbAfter < ctx.from) {
      f['cue.leadSaid'] = 1; // Wang said: “…”
      // "Xinhua said Xi told Biden to “…”": the verb nearest the quotation introduces it.
      if (verbIn(tokens, verbAfter + 1, ctx.from) < 0) f['cue.leadSaidNearest'] = 1;
    }
    if (q.leadVerb >= 0 && q.leadVerb > m.to) f['cue.leadVerbLater'] = 1;
    if (q.leadColon) f['cue.leadColon'] = 1;
    if (q.leadColon && ctx.from - m.to <= 2) f['cue.nameColon'] = 1; // Wang: “…”
    if (verbBefore >= 0) f['cue.leadSaidX'] = 1;
  }
  if (region === 'prevSentence' || region === 'prevParagraph' || region === 'earlierSentence') {
    const lastTok = tokens[sentence.to - 1];
    if (lastTok && lastTok.kind === 'punct' && lastTok.key === ':') f['cue.introColon'] = 1;
    if (verbAfter >= 0 || verbBefore >= 0) f['cue.saysBefore'] = 1;
    // A line that is the name alone, or "Name:" (a transcript or a live-blog heading).
    const para = doc.paragraphs[sentence.paragraph]!;
    if (para.to - para.from <= 8 && m.from - para.from <= 2) f['cue.shortLine'] = 1;
  }
  if (region === 'nextSentence' || region === 'nextParagraph') {
    if (verbAfter >= 0 || verbBefore >= 0) f['cue.saysAfter'] = 1;
    const para = doc.paragraphs[sentence.paragraph]!;
    if (para.to - para.from <= 14 && (m.titleFrom - para.from <= 1 || f['cue.dash']))
      f['cue.signatureLine'] = 1;
  }
}

/** "Wang, the foreign minister, said": a comma-delimited appositive between name and verb. */
function skipsAppositive(tokens: readonly Token[], from: number, verb: number): boolean {
  const t = tokens[from];
  if (!t || t.kind !== 'punct' || t.key !== ',') return false;
  const comma = tokens[verb - 1];
  return (
    verb - from >= 3 &&
    verb - from <= 14 &&
    comma !== undefined &&
    comma.kind === 'punct' &&
    comma.key === ','
  );
}
