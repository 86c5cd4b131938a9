/**
 * Coreference: mentions grouped into entities. Names first — a surname, a given name or a
 * shorter form joins the fuller name it belongs to, before or after it ("Clarke" … "Steve
 * Clarke"), the most recent one when several fit; a knowledge-base name joins its KB entity.
 * Then titles ("the spokeswoman", "the ministry") join the entity the text gave that title or
 * organisation word, and pronouns the nearest person before them whose gender fits. An entity
 * is reported by the fullest name the page gives (or the KB's canonical name).
 */
import { LEXICON, givenName } from '../doc/lexicon';
import type { DocEntity, DocText, Gender, Mention, MentionKind } from '../doc/types';
import type { KnownEntities } from './recognize';
import { titleWords } from './titles';

/** The words of a name mention as keys ("steve clarke"), punctuation left out. */
function nameKeys(doc: DocText, m: Mention): string[] {
  const keys: string[] = [];
  for (let i = m.from; i < m.to; i++) {
    const t = doc.tokens[i]!;
    if (t.kind === 'word') keys.push(t.key);
    else if (t.kind === 'cjk') keys.push(t.key);
  }
  return keys;
}

interface Building {
  entity: DocEntity;
  /** Keys of the fullest name so far. */
  keys: string[];
  /** Every distinct key sequence seen for it. */
  forms: Set<string>;
  /** Titles the text gave it ("spokesman", "foreign minister"), as lower-case words. */
  titles: Set<string>;
  /** Token index of its latest mention. */
  last: number;
  /** Evidence per kind, the strongest wins. */
  votes: Record<MentionKind, number>;
  familyFirst: boolean;
  /** Its place in creation order (the entity's index). */
  index: number;
}

/** How much a mention says about its entity's kind: a name of unknown kind says nothing. */
const KIND_WEIGHT = (m: Mention, kb: boolean): number =>
  kb ? 5 : m.kind === 'other' ? 0 : m.title ? 2 : 1;

/** Whether a name of one word (`key`) can be a shorter form of `e`'s full name. */
function shortFormOf(e: Building, key: string): 'surname' | 'given' | null {
  const k = e.keys.filter((w, i) => i === 0 || !LEXICON.nameSuffixes.has(w));
  if (k.length < 2) return null;
  if (e.familyFirst ? k[0] === key : k[k.length - 1] === key) return 'surname';
  // Compound surnames and names written family-first that the lists miss.
  if (k[k.length - 1] === key || k[0] === key) return k[0] === key ? 'given' : 'surname';
  return null;
}

/** Whether `m` stands alone in brackets right after `name`: "Name (Other Name)", "名字（Name）". */
function bracketedAfter(doc: DocText, name: Mention, m: Mention): boolean {
  if (!/^\s*[(（]\s*$/.test(doc.text.slice(name.end, m.start))) return false;
  return /^\s*[)）]/.test(doc.text.slice(m.end, m.end + 3));
}

/** Whether `short` is a prefix or suffix of `long` (word-wise), shorter by at least one word. */
function partOf(short: readonly string[], long: readonly string[]): boolean {
  if (short.length >= long.length) return false;
  const prefix = short.every((k, i) => long[i] === k);
  const suffix = short.every((k, i) => long[long.length - short.length + i] === k);
  return prefix || suffix;
}

export function corefer(
  doc: DocText,
  mentions: Mention[],
  kbOf: readonly (string | null)[],
  known: KnownEntities,
): DocEntity[] {
  const built: Building[] = [];
  const byKb = new Map<string, Building>();
  /** Each form to the first entity (in creation order) that has it: a page names thousands. */
  const byForm = new Map<string, Building>();
  const addForm = (b: Building, form: string) => {
    b.forms.add(form);
    const had = byForm.get(form);
    if (!had || had.index > b.index) byForm.set(form, b);
  };
  const withForm = (keys: readonly string[]) => byForm.get(keys.join(' '));

  const create = (m: Mention, index: number, keys: string[], kb: string | null): Building => {
    const b: Building = {
      entity: { name: m.text, kind: m.kind, kb, gender: m.gender, mentions: [], titles: [] },
      keys,
      forms: new Set(),
      titles: new Set(),
      last: m.from,
      votes: { person: 0, organization: 0, place: 0, other: 0 },
      familyFirst: keys.length >= 2 && LEXICON.familyFirst.has(keys[0]!) && !givenName(keys[0]!),
      index: built.length,
    };
    built.push(b);
    addForm(b, keys.join(' '));
    if (kb) byKb.set(kb, b);
    return b;
  };

  const join = (
    b: Building,
    m: Mention,
    index: number,
    keys: string[] | null,
    kb: boolean,
    alias = false,
  ) => {
    m.entity = b.index;
    b.entity.mentions.push(index);
    b.last = m.from;
    b.votes[m.kind] += KIND_WEIGHT(m, kb);
    if (m.gender && !b.entity.gender) b.entity.gender = m.gender;
    if (m.title) for (const w of m.title.toLowerCase().split(/\s+/)) b.titles.add(w);
    if (keys) {
      addForm(b, keys.join(' '));
      if (!alias && keys.length > b.keys.length && !b.entity.kb) {
        b.keys = keys;
        b.entity.name = m.text;
        b.familyFirst =
          keys.length >= 2 && LEXICON.familyFirst.has(keys[0]!) && !givenName(keys[0]!);
      }
    }
  };

  // Names. Two passes: the first builds entities from full names and KB names; the second
  // places shorter forms, so that "Clarke" written before "Steve Clarke" still joins him.
  const names = mentions
    .map((m, i) => ({ m, i }))
    .filter(({ m }) => m.form === 'name' && m.kind !== 'place');
  const pending: { m: Mention; i: number; keys: string[] }[] = [];
  /** First and last words of the full names the KB does not know ("Chen" of "Chen Hui"). */
  const ownNameEnds = new Set<string>();
  for (const { m, i } of names) {
    if (kbOf[i] || m.to - m.from < 2) continue;
    ownNameEnds.add(doc.tokens[m.from]!.key);
    ownNameEnds.add(doc.tokens[m.to - 1]!.key);
  }
  let previous: Mention | null = null;
  for (const { m, i } of names) {
    const before = previous;
    previous = m;
    const keys = nameKeys(doc, m);
    if (keys.length === 0) continue;
    // The same name in another script, in brackets right after it: 戴夫·汉森（Dave Hanson）.
    // It joins the name the text gives, which stays the one reported.
    if (before && before.entity >= 0 && !kbOf[i] && bracketedAfter(doc, before, m)) {
      join(built[before.entity]!, m, i, keys, false, true);
      continue;
    }
    let kb = kbOf[i] ?? null;
    // A one-word name the KB gives to someone only with context ("Chen", "Wang") is the page's
    // own person when the page gives a full name that ends or starts with it ("Chen Hui").
    if (kb && keys.length === 1 && known.resolve(keys[0]!) === null) {
      if (ownNameEnds.has(keys[0]!)) kb = null;
    }
    if (kb) {
      const b = byKb.get(kb) ?? create(m, i, keys, kb);
      const entity = known.entity(kb);
      if (entity) b.entity.name = entity.name;
      join(b, m, i, keys, true);
      continue;
    }
    const exact = withForm(keys);
    if (exact) {
      join(exact, m, i, keys, false);
      continue;
    }
    if (kbOf[i] && keys.length === 1) {
      pending.push({ m, i, keys });
      continue;
    }
    if (keys.length >= 2 && m.kind !== 'organization') {
      // "Yoon Suk" and "Yoon Suk Yeol": one person.
      const longer = built.find((b) => partOf(keys, b.keys) || partOf(b.keys, keys));
      if (longer && longer.votes.organization === 0) {
        join(longer, m, i, keys, false);
        continue;
      }
      join(create(m, i, keys, null), m, i, keys, false);
      continue;
    }
    pending.push({ m, i, keys });
  }
  // Shorter forms: the most recent fitting entity before the mention, else the first after it.
  for (const { m, i, keys } of pending) {
    let best: Building | null = null;
    let bestAt = -Infinity;
    let bestKind: 'surname' | 'given' | null = null;
    if (keys.length === 1) {
      for (const b of built) {
        if (b.votes.organization > b.votes.person) continue;
        const fit = shortFormOf(b, keys[0]!);
        if (!fit) continue;
        // Before the mention: the latest mention of b before it; after: far away counts less.
        const before = lastMentionBefore(mentions, b.entity.mentions, m.from);
        const at = before >= 0 ? before : -1e6 - firstMentionAfter(mentions, b.entity.mentions);
        const better =
          (bestKind === 'given' && fit === 'surname') ||
          ((fit === bestKind || bestKind === null) && at > bestAt);
        if (better) {
          best = b;
          bestAt = at;
          bestKind = fit;
        }
      }
    }
    if (best && !(bestKind === 'given' && m.kind === 'organization')) {
      join(best, m, i, null, false);
    } else {
      const exact = withForm(keys);
      if (exact) join(exact, m, i, keys, false);
      else join(create(m, i, keys, null), m, i, keys, false);
    }
  }
  // A person the page names only by a word the KB gives one person, with context ("Xi").
  for (const b of built) {
    if (b.entity.kb || b.keys.length !== 1 || b.votes.organization > 0 || b.votes.place > 0)
      continue;
    const id = known.resolveAmbiguous(b.keys[0]!);
    const entity = id ? known.entity(id) : null;
    if (id && entity?.kind === 'person' && !byKb.has(id)) {
      b.entity.kb = id;
      b.entity.name = entity.name;
      byKb.set(id, b);
    }
  }
  // Places are entities too (they are never speakers, but a title may name one).
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.form !== 'name' || m.kind !== 'place' || m.entity >= 0) continue;
    const keys = nameKeys(doc, m);
    const kb = kbOf[i] ?? null;
    const b = (kb && byKb.get(kb)) || withForm(keys) || create(m, i, keys, kb);
    join(b, m, i, keys, kb !== null);
  }
  // Appositive titles: "Wang Lei, an economist at …" gives Wang Lei the title "economist".
  for (let i = 0; i + 1 < mentions.length; i++) {
    const m = mentions[i]!;
    const next = mentions[i + 1]!;
    if (m.form !== 'name' || m.entity < 0 || next.form !== 'title') continue;
    const between = doc.text.slice(m.end, next.start);
    if (/^['’]?s?\s*,\s*$/.test(between) && next.title) {
      const b = built[m.entity]!;
      for (const w of next.title.split(/\s+/)) b.titles.add(w);
      next.entity = m.entity;
      b.entity.mentions.push(i + 1);
      b.votes.person += next.kind === 'person' ? 1 : 0;
    }
  }

  // Titles, then pronouns, in text order, each against what the text named before it; an
  // entity's kind is settled from its names and titles before any pronoun is read.
  for (const form of ['title', 'pronoun'] as const) {
    if (form === 'pronoun') for (const b of built) settleKind(b);
    for (let i = 0; i < mentions.length; i++) readReference(i, form);
  }

  for (const b of built) {
    b.entity.mentions.sort((x, y) => x - y);
    const words = new Set<string>();
    for (const t of b.titles) for (const w of titleWords(t)) words.add(w);
    if (b.entity.kb) for (const w of known.roleWords(b.entity.kb)) words.add(w);
    b.entity.titles = [...words];
    for (const i of b.entity.mentions) {
      const m = mentions[i]!;
      if (m.form === 'name' && b.entity.kind !== 'other') m.kind = b.entity.kind;
    }
  }
  return built.map((b) => b.entity);

  /**
   * The kind the evidence says: the knowledge base's, else an organisation's or a place's words
   * (which a title or a given name seldom contradict), else a person's title, honorific or
   * given name, else unknown ("other": a surname alone, a product, a team).
   */
  function settleKind(b: Building): void {
    if (b.entity.kb) {
      b.entity.kind = known.entity(b.entity.kb)?.kind ?? b.entity.kind;
      return;
    }
    const v = b.votes;
    b.entity.kind =
      v.organization > 0 && v.organization >= v.person / 2
        ? 'organization'
        : v.place > 0 && v.place >= v.person
          ? 'place'
          : v.person > 0
            ? 'person'
            : 'other';
  }

  function readReference(i: number, form: 'title' | 'pronoun'): void {
    const m = mentions[i]!;
    if (m.entity >= 0 || m.form !== form) return;
    let target: Building | null;
    if (m.form === 'title' && m.kind === 'organization' && namesAnInstitution(m)) {
      // "China’s commerce ministry", "the Chinese foreign ministry": an institution the page
      // names only so; later "the ministry" refers to it.
      const keys = nameKeys(doc, m).filter((k) => !DEFINITE.has(k));
      const name = m.text.replace(/^(?:the|der|die|das|le|la|les|l['’])\s*/i, '');
      target = withForm(keys) ?? null;
      if (!target) {
        target = create({ ...m, text: name }, i, keys, null);
        target.entity.name = name;
      }
      target.votes.organization += 1;
      m.resolvedBy = 'title';
    } else {
      target = m.form === 'title' ? titleReferent(m, i) : pronounReferent(m, i);
    }
    if (target) {
      const b = target;
      m.resolvedBy ??= m.form === 'pronoun' ? 'pronoun' : 'title';
      m.entity = b.index;
      b.entity.mentions.push(i);
      if (m.form === 'title' && m.kind !== 'other') b.votes[m.kind] += 1;
      if (m.gender && !b.entity.gender && m.form === 'pronoun') b.entity.gender = m.gender;
    }
  }

  /** The entity a title refers to: the latest one the text gave that title or head word. */
  function titleReferent(m: Mention, i: number): Building | null {
    const words = (m.title ?? '').split(/\s+/);
    const head = words[words.length - 1] ?? '';
    const indefinite = LEXICON.indefinites.has(doc.tokens[m.from]!.key);
    if (indefinite || !head) return null;
    let best: Building | null = null;
    let bestAt = -1;
    for (const b of built) {
      let fits: boolean;
      if (m.kind === 'organization') {
        fits =
          b.keys.includes(head) ||
          (b.votes.organization > 0 && (b.titles.has(head) || GENERIC_ORGS.has(head)));
      } else {
        fits = b.titles.has(head) || equivalentTitle(b.titles, head);
        if (m.gender && b.entity.gender && m.gender !== b.entity.gender) fits = false;
      }
      if (!fits) continue;
      // The latest mention before the title; none, and the entity is not yet named there.
      const at = lastMentionBefore(mentions, b.entity.mentions, m.from);
      if (at >= 0 && at > bestAt) {
        best = b;
        bestAt = at;
      }
    }
    if (best || m.kind === 'organization') return best;
    // A KB person the page names whose role fits: "the Chinese leader" for Xi Jinping.
    const holders = known.titleHolders(m.title ?? '');
    for (const b of built) {
      if (!b.entity.kb || !holders.includes(b.entity.kb)) continue;
      const at = lastMentionBefore(mentions, b.entity.mentions, m.from);
      if (at > bestAt) {
        best = b;
        bestAt = at;
      }
    }
    if (best) {
      m.resolvedBy = 'role';
      return best;
    }
    // A definite title that varies how the text names someone it just named ("the Treasury
    // chief", "the veteran diplomat"): the latest person named in this or the sentence before.
    const sentence = doc.sentenceOfToken[m.from]!;
    const qualifiers = words.slice(0, -1).filter((w) => !LEXICON.demonyms.has(w) && w.length > 3);
    let recent: Building | null = null;
    for (let j = i - 1; j >= 0; j--) {
      const c = mentions[j]!;
      if (doc.sentenceOfToken[c.from]! < sentence - 2) break;
      if (c.inQuote || c.entity < 0 || c.form !== 'name') continue;
      const b = built[c.entity]!;
      if (b.votes.person === 0 || b.votes.organization > 0 || b.votes.place > 0) continue;
      if (m.gender && b.entity.gender && m.gender !== b.entity.gender) continue;
      // "the Treasury chief": the one the text called something of the Treasury.
      if (qualifiers.some((q) => b.titles.has(q))) {
        m.resolvedBy = 'recent';
        return b;
      }
      if (!recent && doc.sentenceOfToken[c.from]! >= sentence - 1) recent = b;
    }
    if (recent) {
      m.resolvedBy = 'recent';
      return recent;
    }
    void i;
    return null;
  }

  /** The person a pronoun most likely refers to: the nearest fitting one in recent sentences. */
  function pronounReferent(m: Mention, i: number): Building | null {
    const paragraph = doc.sentences[doc.sentenceOfToken[m.from]!]!.paragraph;
    const floor = doc.paragraphs[Math.max(0, paragraph - 1)]!.from;
    for (let j = i - 1; j >= 0; j--) {
      const c = mentions[j]!;
      if (c.from < floor) break;
      if (c.inQuote || c.entity < 0) continue;
      // A pronoun read before links the chain ("Taylor Swift posted …" ¶ "She claimed …" ¶
      // "…," she said, two paragraphs after the name): the same pronoun, the same person.
      if (c.form === 'pronoun' && c.gender !== m.gender) continue;
      const b = built[c.entity]!;
      const kind = b.entity.kind;
      if (kind === 'place') continue;
      // "they"/"sie": a group or an institution as readily as a person.
      if (m.gender === null) return b;
      if (kind !== 'person' && kind !== 'other') continue;
      if (b.entity.gender && b.entity.gender !== m.gender) continue;
      return b;
    }
    return null;
  }
}

/** Words that stand for any organisation the text named: "the group", "the company". */
const GENERIC_ORGS = new Set(
  'group company firm organization organisation coalition body institution union agency association club team label network outlet publication newspaper'.split(
    ' ',
  ),
);

const DEFINITE = new Set(['the', 'der', 'die', 'das', 'le', 'la', 'les', 'l']);

/**
 * Whether an organisation word names a particular institution: with a capitalised owner or
 * qualifier ("China’s commerce ministry", "the Chinese foreign ministry", "the US military").
 */
function namesAnInstitution(m: Mention): boolean {
  // Capitals after an opening article: "the Chinese foreign ministry", "China’s commerce
  // ministry"; never an indefinite one ("a group" names no institution).
  const words = m.text.split(/\s+/);
  if (/^(?:a|an|one|ein|eine|un|une)$/i.test(words[0] ?? '')) return false;
  const rest = /^(?:the|der|die|das|le|la|les)$/i.test(words[0] ?? '') ? words.slice(1) : words;
  return rest.some((w) => /^\p{Lu}/u.test(w));
}

/** Titles that name the same post in other words: spokesman / spokeswoman / spokesperson. */
export function equivalentTitle(titles: Set<string>, head: string): boolean {
  const group = TITLE_GROUPS.find((g) => g.has(head));
  if (!group) return false;
  for (const t of titles) if (group.has(t)) return true;
  return false;
}

/** Titles a text uses for one post in turn: "the ambassador" … "the envoy". */
export const TITLE_GROUPS = [
  'spokesman spokeswoman spokesperson',
  'ambassador envoy diplomat',
  'leader president chairman',
  'chief head director boss',
  'premier prime',
  'senator lawmaker congressman congresswoman representative',
  'analyst expert scholar researcher professor economist fellow',
  'general commander admiral',
  'ceo executive founder',
  'sprecher sprecherin',
  'porte-parole',
].map((g) => new Set(g.split(' ')));

function lastMentionBefore(mentions: readonly Mention[], list: readonly number[], at: number) {
  let best = -1;
  for (const i of list) {
    const from = mentions[i]!.from;
    if (from < at && from > best) best = from;
  }
  return best;
}

function firstMentionAfter(mentions: readonly Mention[], list: readonly number[]) {
  let best = Infinity;
  for (const i of list) best = Math.min(best, mentions[i]!.from);
  return best;
}

export type { Gender };

/**
 * Gives an entity the page names only by one word ("Noem") the full name the text around the
 * article gives ("South Dakota Gov. Kristi Noem" in the headline): the one full person's name
 * there that ends with the word (or starts with it, for a given name or a family name written
 * first).
 */
export function fullerNames(
  doc: DocText,
  mentions: readonly Mention[],
  entities: DocEntity[],
  context: DocText,
  around: readonly Mention[],
  known: KnownEntities,
): void {
  const full = around
    .filter(
      (m) =>
        m.form === 'name' && m.to - m.from >= 2 && m.kind !== 'organization' && m.kind !== 'place',
    )
    .map((m) => ({ m, keys: nameKeys(context, m) }));
  for (const e of entities) {
    if (e.kb || e.kind === 'organization' || e.kind === 'place') continue;
    const own = e.mentions.map((i) => mentions[i]!).filter((m) => m.form === 'name');
    if (own.length === 0 || own.some((m) => m.to - m.from >= 2)) continue;
    const key = nameKeys(doc, own[0]!)[0];
    if (!key) continue;
    const fits = full.filter(
      ({ keys }) =>
        keys[keys.length - 1] === key || (keys[0] === key && LEXICON.familyFirst.has(key)),
    );
    const names = new Set(fits.map((f) => f.keys.join(' ')));
    if (names.size !== 1) continue;
    const chosen = fits[0]!;
    e.name = chosen.m.text;
    const kb = known.resolve(chosen.keys.join(' '));
    const entity = kb ? known.entity(kb) : null;
    if (kb && entity) {
      e.kb = kb;
      e.name = entity.name;
      e.kind = entity.kind;
    } else if (chosen.m.kind === 'person') e.kind = 'person';
  }
}
