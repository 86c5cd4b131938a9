/**
 * KB entities named in a text: one tokenizing pass, then at each word a hash lookup of the
 * word windows up to the longest alias (stopping as soon as no alias starts that way), so the
 * cost is linear in the text whatever the number of aliases.
 */
import type { DocText, EntityMention, Token } from '../doc/types';
import { phraseKey } from '../doc/tokens';
import type { AliasEntry, MatcherIndex } from './matcher';
import { isStopword } from './normalize';
import { titleWords } from '../names/titles';
import { LEXICON } from '../doc/lexicon';
import type { KnownEntities } from '../names';

type WordToken = Token;

/** An event's or idea's alias read as a set of lemmas, for wordings in another order. */
interface IdeaLemmas {
  lemmas: string[];
  entry: AliasEntry;
}

interface PreparedAliases {
  /** `index.aliases` as a map: one lookup per word window of the text. */
  aliases: Map<string, AliasEntry>;
  /** Whether an entry names events and ideas only (they are read in a pass of their own). */
  idea: (entry: AliasEntry) => boolean;
  /** Lemma → the event and idea aliases of two or more content words that hold it. */
  ideaLemmas: Map<string, IdeaLemmas[]>;
  /** Every alias key and every proper word-prefix of one. */
  prefixes: Set<string>;
  /** otherNumber's answers so far: a page asks again for the same words. */
  otherNumbers: Map<string, AliasEntry | null>;
  /** Title word → indices into `index.titles`. */
  titlesByWord: Map<string, number[]>;
}

const cache = new WeakMap<MatcherIndex, PreparedAliases>();

function prepare(index: MatcherIndex): PreparedAliases {
  const cached = cache.get(index);
  if (cached) return cached;
  const aliases = new Map(Object.entries(index.aliases));
  const prefixes = new Set<string>();
  for (const key of aliases.keys()) {
    const words = key.split(' ');
    for (let n = 1; n < words.length; n++) prefixes.add(words.slice(0, n).join(' '));
  }
  const titlesByWord = new Map<string, number[]>();
  index.titles.forEach((t, i) => {
    for (const w of t.words) {
      const list = titlesByWord.get(w);
      if (list) list.push(i);
      else titlesByWord.set(w, [i]);
    }
  });
  const ideas = new WeakSet<AliasEntry>();
  const nameLemmas = new Set<string>();
  for (const [key, entry] of aliases) {
    if (!key.includes(' ') && entry.ids.some((id) => !isIdea(index.entities[id]?.type)))
      nameLemmas.add(lemma(key));
  }
  const ideaLemmas = new Map<string, IdeaLemmas[]>();
  for (const [key, entry] of aliases) {
    const types = entry.ids.map((id) => index.entities[id]?.type);
    if (!types.every(isIdea)) continue;
    ideas.add(entry);
    if (entry.ids.length !== 1 || /[\u3040-\u30ff\u3400-\u9fff]/.test(key)) continue;
    const lemmas = [...new Set(contentLemmas(key.split(' ')))];
    // Two of its words at least must be common words: names alone ("China … relations") are
    // too often near each other by chance.
    if (lemmas.filter((l) => !nameLemmas.has(l)).length < 1 || lemmas.length < 2) continue;
    // Indexed by its longest lemma: the rarest, as a rule.
    const first = lemmas.reduce((a, b) => (b.length > a.length ? b : a));
    const list = ideaLemmas.get(first) ?? [];
    list.push({ lemmas, entry });
    ideaLemmas.set(first, list);
  }
  const result: PreparedAliases = {
    aliases,
    idea: (entry) => ideas.has(entry),
    ideaLemmas,
    prefixes,
    titlesByWord,
    otherNumbers: new Map(),
  };
  cache.set(index, result);
  return result;
}

const isIdea = (type: string | undefined) => type === 'event' || type === 'concept';

/**
 * A word's lemma, as far as spelling shows it: folded, the plural and a final "e" or "y" taken
 * off ("exchanges", "exchange" → "exchang"; "universities", "university" → "universiti").
 */
export function lemma(key: string): string {
  let w = key.replace(/['\u2019]s$/, '');
  if (w.length <= 3) return w;
  if (w.endsWith('ies')) w = `${w.slice(0, -3)}i`;
  else if (w.endsWith('y')) w = `${w.slice(0, -1)}i`;
  else if (w.endsWith('es') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function contentLemmas(keys: readonly string[]): string[] {
  return keys.filter((k) => k.length > 1 && !isStopword(k)).map(lemma);
}

/** Content words an idea's words may stand apart by: "exchanges between the two universities". */
const IDEA_SLACK = 2;
/** What ends the stretch an idea's words are looked for in. */
const CLAUSE_END = /[.!?;:\u3002\uff01\uff1f\uff1b]/;

/**
 * Events and ideas named in other words than an alias, word order and number aside: every
 * content lemma of an alias of two or more found close together in one clause ("channels of
 * communication" for "communication channels", "exchanges between universities" for
 * "university exchanges"). Never one word alone.
 */
function ideaHitsByLemma(
  prepared: PreparedAliases,
  text: string,
  tokens: readonly WordToken[],
  taken: readonly Hit[],
): Hit[] {
  if (prepared.ideaLemmas.size === 0) return [];
  const covered = new Uint8Array(tokens.length);
  for (const h of taken) for (let i = h.from; i < h.to; i++) covered[i] = 1;
  const content: number[] = [];
  const lemmas: string[] = [];
  tokens.forEach((t, i) => {
    if (t.key.length > 1 && !isStopword(t.key)) {
      content.push(i);
      lemmas.push(lemma(t.key));
    }
  });
  const hits: Hit[] = [];
  for (let c = 0; c < content.length; c++) {
    const list = prepared.ideaLemmas.get(lemmas[c]!);
    if (!list) continue;
    for (const idea of list) {
      const reach = idea.lemmas.length - 1 + IDEA_SLACK;
      let from = content[c]!;
      let to = content[c]! + 1;
      let all = true;
      for (const want of idea.lemmas) {
        if (want === lemmas[c]) continue;
        let found = -1;
        for (let d = Math.max(0, c - reach); d <= Math.min(content.length - 1, c + reach); d++) {
          if (d !== c && lemmas[d] === want) {
            found = content[d]!;
            break;
          }
        }
        if (found < 0) {
          all = false;
          break;
        }
        from = Math.min(from, found);
        to = Math.max(to, found + 1);
      }
      if (!all || to - from > idea.lemmas.length + 4 * IDEA_SLACK) continue;
      if (CLAUSE_END.test(text.slice(tokens[from]!.end, tokens[to - 1]!.start))) continue;
      let free = true;
      for (let i = from; i < to && free; i++) if (covered[i]) free = false;
      if (!free) continue;
      for (let i = from; i < to; i++) covered[i] = 1;
      hits.push({ from, to, entry: idea.entry });
      break;
    }
  }
  return hits;
}

/** Words a name may follow and still be the person it names ("President Xi", "Mr. Wang"). */
const TITLE_BEFORE = new Set(
  `mr mrs ms dr president premier minister secretary spokesman spokeswoman spokesperson chairman
  ambassador envoy general senator governor diplomat counterpart leader chief director adviser
  advisor founder professor`.split(/\s+/),
);

/** Chinese titles written right before a name: 发言人米勒, 国务卿布林肯, 习主席. */
const CJK_TITLE_BEFORE = /(?:发言人|国务卿|外长|部长|主席|总统|大使|总理|防长|先生|女士)$/u;

/** Ordinary words that open sentences before a name: "Later Xi spoke", "But Wang said". */
const SENTENCE_OPENERS = new Set(
  `later then but and so yet when while after before meanwhile however still also today
  yesterday now here there in on at as if for with by from since until during the a an this that
  both even only instead earlier afterwards separately`.split(/\s+/),
);

/** Heads of titles that name institutions rather than people. */
const INSTITUTIONS = new Set(
  'department ministry office agency embassy government council delegation administration ministerium außenministerium ministere'.split(
    ' ',
  ),
);

/**
 * What may stand between the words of one name: spaces, line breaks, a hyphen or an en dash
 * ("US–China relations"), an initial's dot, a French elision's apostrophe ("département d’État",
 * "droits de l’homme").
 */
const NAME_GAP = /^(?:[\s.\u00a0\-\u2010\u2011\u2013]*|['\u2019])$/;
/** What joins coordinated names: "Washington and Beijing", "Washington–Beijing". */
const COORDINATION = /^\s*(?:and|or|&|,|-|\u2013|\u2014|\/|versus|vs\.?)\s*$/i;

function caseFits(
  entry: AliasEntry,
  tokens: readonly WordToken[],
  from: number,
  to: number,
): boolean {
  if (entry.acronym) {
    for (let i = from; i < to; i++) if (!tokens[i]!.upper) return false;
    return true;
  }
  if (entry.proper) {
    for (let i = from; i < to; i++) if (tokens[i]!.cap) return true;
    return false;
  }
  return true;
}

/**
 * Whether a one-word hit is part of a longer personal name the KB does not know: the next word
 * is a capitalized word in the same name ("Chen Hui"), or the word before is a capitalized word
 * in mid-sentence that is not a title ("Henry Wang" when only "Wang" is an alias).
 */
function partOfLongerName(text: string, tokens: readonly WordToken[], hit: Hit): boolean {
  if (hit.to - hit.from !== 1) return false;
  const self = tokens[hit.from]!;
  const next = tokens[hit.to];
  if (
    next &&
    self.outer === self.end &&
    next.cap &&
    !next.upper &&
    /^[ \u00a0]+$/.test(text.slice(self.outer, next.start))
  ) {
    return true;
  }
  const prev = tokens[hit.from - 1];
  if (!prev || !prev.cap || prev.upper || TITLE_BEFORE.has(prev.key) || prev.outer !== prev.end)
    return false;
  if (!/^[ \u00a0]+$/.test(text.slice(prev.outer, self.start))) return false;
  // A capitalized word that starts a sentence may be an ordinary word ("Later Xi spoke") or a
  // first name ("George Washington crossed").
  const before = text.slice(Math.max(0, prev.start - 3), prev.start);
  const startsSentence = prev.start === 0 || /(?:[.!?:;\n"“”«»„]\s*|^\s*)$/.test(before);
  return !startsSentence || !SENTENCE_OPENERS.has(prev.key);
}

/**
 * Whether a place's name is a word of a longer place name the KB does not know: followed by a
 * capitalized head such as "Sea" or "Strait" ("South China Sea", "Taiwan Strait",
 * "Taiwan-Straße"), or after one and "of" ("Strait of Taiwan", "Republic of China"). The heads
 * are the word lists' place heads (lib/doc/lexicon).
 */
function insideLongerPlaceName(text: string, tokens: readonly WordToken[], hit: Hit): boolean {
  const last = tokens[hit.to - 1]!;
  const next = tokens[hit.to];
  if (
    next &&
    next.cap &&
    last.outer === last.end &&
    LEXICON.placeHeads.has(next.key) &&
    /^(?:[ \u00a0]+|[-\u2010\u2011])$/.test(text.slice(last.end, next.start))
  ) {
    return true;
  }
  const of = tokens[hit.from - 1];
  const head = tokens[hit.from - 2];
  return (
    of !== undefined &&
    head !== undefined &&
    of.key === 'of' &&
    head.cap &&
    LEXICON.placeHeads.has(head.key) &&
    /^[ \u00a0]+$/.test(text.slice(head.outer, of.start)) &&
    /^[ \u00a0]+$/.test(text.slice(of.end, tokens[hit.from]!.start))
  );
}

/**
 * A place name opening a paragraph as a dateline: in capitals before a comma, bracket or dash
 * ("WASHINGTON (AP) —"), or capitalized before a full stop or dash ("Washington. Nach zwei
 * Tagen …", "Peking – "), as German and French papers write it.
 */
function isDateline(text: string, tokens: readonly WordToken[], hit: Hit): boolean {
  const first = tokens[hit.from]!;
  const last = tokens[hit.to - 1]!;
  if (!first.cap) return false;
  const lineStart = text.lastIndexOf('\n', first.start - 1) + 1;
  if (text.slice(lineStart, first.start).trim() !== '') return false;
  const after = text.slice(last.outer, last.outer + 3);
  if (first.upper) return /^\s*[,(\u2014\u2013-]/.test(after);
  return /^(?:\.\s|\s+[\u2014\u2013-]\s)/.test(after);
}

/**
 * The alias a common noun names in the other number: "hotlines" for "hotline", "export control"
 * for "export controls", "Kommunikationskanälen" (German dative plural) for
 * "Kommunikationskanäle". Only for aliases written in lower case in the KB (concepts, events):
 * a proper name with an "s" added or taken away is another name.
 */
function otherNumber(prepared: PreparedAliases, key: string): AliasEntry | null {
  const known = prepared.otherNumbers.get(key);
  if (known !== undefined) return known;
  const entry = otherNumberOf(prepared.aliases, key);
  // Bounded: the CLI and the eval read many pages with one index.
  if (prepared.otherNumbers.size >= MAX_REMEMBERED) prepared.otherNumbers.clear();
  prepared.otherNumbers.set(key, entry);
  return entry;
}

/** How many answers otherNumber keeps per index. */
const MAX_REMEMBERED = 50_000;

function otherNumberOf(aliases: Map<string, AliasEntry>, key: string): AliasEntry | null {
  const cut = key.lastIndexOf(' ') + 1;
  const stem = key.slice(0, cut);
  const word = key.slice(cut);
  if (word.length < 4 || !/^[a-z]+$/.test(word)) return null;
  const forms: string[] = [];
  if (word.endsWith('ies')) forms.push(`${word.slice(0, -3)}y`);
  else if (word.endsWith('s') && !word.endsWith('ss')) forms.push(word.slice(0, -1));
  else if (word.endsWith('en')) forms.push(word.slice(0, -1));
  if (word.endsWith('y')) forms.push(`${word.slice(0, -1)}ies`);
  else if (!word.endsWith('s')) forms.push(`${word}s`);
  for (const form of forms) {
    const entry = aliases.get(stem + form);
    if (entry && !entry.proper && !entry.acronym) return entry;
  }
  return null;
}

/** The KB alias entry a name as written stands for, as the matcher reads it ("hotlines" → "hotline"). */
export function aliasEntry(index: MatcherIndex, name: string): AliasEntry | null {
  const prepared = prepare(index);
  const key = phraseKey(name);
  return prepared.aliases.get(key) ?? otherNumber(prepared, key);
}

interface Hit {
  from: number;
  to: number;
  entry: AliasEntry;
}

/**
 * Every mention of a KB entity in `text`, in order, spans on the name itself (a possessive
 * "’s" left out). Case, accents, possessives and runs of whitespace or line breaks inside a
 * name are forgiven; acronyms must be in capitals and proper names capitalized somewhere. The
 * longest alias at a position wins. Ambiguous aliases ("Xi", "Wang", "Washington") count only
 * with context: the entity named unambiguously earlier in the text, a title right before the
 * name ("President Xi"), coordination with another entity of the same type ("Washington and
 * Beijing"), or, for places and institutions, a clear mention of another of their kind earlier.
 * Never inside a longer name the KB does not know ("Chen Hui", "George Washington", "South China
 * Sea", "Strait of Taiwan").
 */
export function findMentions(
  doc: Pick<DocText, 'text' | 'words'>,
  index: MatcherIndex,
): EntityMention[] {
  const prepared = prepare(index);
  const { text, words: tokens } = doc;
  // Names first, then events and ideas in a pass of their own, so that "Blinken's visit to
  // Beijing" names the visit, Blinken and Beijing.
  const ideaHits = scanAliases(prepared, index, doc, true);
  ideaHits.push(...ideaHitsByLemma(prepared, text, tokens, ideaHits));
  ideaHits.sort((a, b) => a.from - b.from);
  const ideas = resolveHits(ideaHits, index, text, tokens);
  const names = resolveHits(scanAliases(prepared, index, doc, false), index, text, tokens);
  return [...names, ...ideas].sort(
    (a, b) => a.span.start - b.span.start || b.span.end - a.span.end,
  );
}

/** Alias hits, longest first at each word, of names (`ideas` false) or of events and ideas. */
function scanAliases(
  prepared: PreparedAliases,
  index: MatcherIndex,
  doc: Pick<DocText, 'text' | 'words'>,
  ideas: boolean,
): Hit[] {
  const { aliases, prefixes } = prepared;
  const { text, words: tokens } = doc;
  const hits: Hit[] = [];
  const max = Math.max(1, index.maxAliasWords);
  const wanted = (entry: AliasEntry) => prepared.idea(entry) === ideas;
  for (let i = 0; i < tokens.length;) {
    let best: Hit | null = null;
    let key = '';
    for (let n = 1; n <= max && i + n <= tokens.length; n++) {
      const t = tokens[i + n - 1]!;
      if (n > 1) {
        const prev = tokens[i + n - 2]!;
        if (!NAME_GAP.test(text.slice(prev.outer, t.start))) break;
        key = `${key} ${t.key}`;
      } else {
        key = t.key;
      }
      const entry = aliases.get(key);
      if (entry && wanted(entry) && caseFits(entry, tokens, i, i + n))
        best = { from: i, to: i + n, entry };
      else {
        const other = otherNumber(prepared, key);
        if (other && wanted(other)) best = { from: i, to: i + n, entry: other };
      }
      if (!prefixes.has(key)) break;
    }
    if (best) {
      hits.push(best);
      i = best.to;
    } else {
      i++;
    }
  }
  return hits;
}

/** The entities alias hits stand for, ambiguous ones resolved by context or left out. */
function resolveHits(
  hits: readonly Hit[],
  index: MatcherIndex,
  text: string,
  tokens: readonly WordToken[],
): EntityMention[] {
  const mentions: EntityMention[] = [];
  /** Entity id → token index where it was last named (unambiguously or with context). */
  const lastNamed = new Map<string, number>();
  /** Types of places and institutions named so far by a clear alias. */
  const clearTypes = new Set<string>();

  const typeOf = (id: string) => index.entities[id]?.type;
  const clear = (h: Hit) => !h.entry.ambiguous && h.entry.ids.length === 1;

  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h]!;
    // "China" in "South China Sea" names the sea, not the country.
    if (
      hit.entry.ids.every((c) => typeOf(c) === 'place') &&
      insideLongerPlaceName(text, tokens, hit)
    ) {
      continue;
    }
    let id: string | null = null;
    if (clear(hit)) {
      id = hit.entry.ids[0]!;
    } else if (partOfLongerName(text, tokens, hit)) {
      // "Chen" in "Chen Yu-ting", "Wang" in "Wang Xiaohong": someone else with that name.
      continue;
    } else {
      const ids = hit.entry.ids;
      // Named before: the most recently named candidate.
      let recent = -1;
      for (const c of ids) {
        const at = lastNamed.get(c);
        if (at !== undefined && at > recent) {
          recent = at;
          id = c;
        }
      }
      if (!id) {
        const before = tokens[hit.from - 1];
        const at = tokens[hit.from]!.start;
        const titled =
          (before !== undefined &&
            TITLE_BEFORE.has(before.key) &&
            NAME_GAP.test(text.slice(before.outer, at))) ||
          CJK_TITLE_BEFORE.test(text.slice(Math.max(0, at - 4), at));
        const people = ids.filter((c) => typeOf(c) === 'person');
        if (titled && people.length === 1) id = people[0]!;
      }
      if (!id) {
        // Coordinated with a clear mention of the same type on either side.
        const neighbours = [hits[h - 1], hits[h + 1]];
        for (const n of neighbours) {
          if (!n || !clear(n)) continue;
          const [a, b] = n.from < hit.from ? [n, hit] : [hit, n];
          const gap = text.slice(tokens[a.to - 1]!.outer, tokens[b.from]!.start);
          if (!COORDINATION.test(gap)) continue;
          const type = typeOf(n.entry.ids[0]!);
          const same = ids.filter((c) => typeOf(c) === type);
          if (same.length === 1) {
            id = same[0]!;
            break;
          }
        }
      }
    }
    if (!id && hit.entry.ids.length === 1) {
      // A place or institution named only by an ambiguous alias ("Washington") counts once the
      // text has clearly named another place or institution ("Beijing", "the State Department"),
      // or as a dateline ("WASHINGTON (AP) —").
      const only = hit.entry.ids[0]!;
      const type = typeOf(only);
      if (type && type !== 'person' && (clearTypes.size > 0 || isDateline(text, tokens, hit))) {
        id = only;
      }
    }
    if (!id) continue;
    if (clear(hit) && typeOf(id) !== 'person') clearTypes.add(typeOf(id) ?? '');
    lastNamed.set(id, hit.from);
    const first = tokens[hit.from]!;
    const last = tokens[hit.to - 1]!;
    mentions.push({ entityId: id, span: { start: first.start, end: last.end } });
  }
  return mentions;
}

/**
 * What the names stage asks of the knowledge base (lib/names): an entity's kind and canonical
 * name, the one entity a name stands for, and the KB people whose role fits a title ("the
 * foreign minister", "the Chinese leader"), each answer read from the matcher index.
 */
export function knownEntities(index: MatcherIndex): KnownEntities {
  const { aliases, titlesByWord } = prepare(index);
  return {
    entity(id) {
      const e = index.entities[id];
      if (!e) return null;
      const kind =
        e.type === 'person' || e.type === 'organization' || e.type === 'place' ? e.type : 'other';
      return { name: e.name, kind };
    },
    resolve(key) {
      const entry = aliases.get(key);
      return entry && entry.ids.length === 1 && !entry.ambiguous ? entry.ids[0]! : null;
    },
    resolveAmbiguous(key) {
      const entry = aliases.get(key);
      return entry && entry.ids.length === 1 ? entry.ids[0]! : null;
    },
    roleWords(id) {
      return [...new Set(index.titles.filter((t) => t.id === id).flatMap((t) => t.words))];
    },
    titleHolders(title) {
      const words = titleWords(title);
      if (words.length === 0) return [];
      // "the State Department" names an institution, never the person whose role mentions it.
      const head = phraseKey(title).split(' ').pop() ?? '';
      if (INSTITUTIONS.has(head)) return [];
      const lists = words.map((w) => titlesByWord.get(w) ?? []);
      if (lists.some((l) => l.length === 0)) return [];
      const rarest = lists.reduce((a, b) => (b.length < a.length ? b : a));
      const matches = rarest.filter((i) => words.every((w) => index.titles[i]!.words.includes(w)));
      return [...new Set(matches.map((i) => index.titles[i]!.id))];
    },
  };
}
