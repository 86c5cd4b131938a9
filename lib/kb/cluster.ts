/**
 * Gathers the quotations found in the corpus into statements: the same words carried by
 * different outlets (in different translations), or repeated by one outlet. Two quotations are
 * one statement when their speakers agree, their dates agree, and their wordings are similar
 * (`quoteSimilarity`), with the speaker's agreement counting for something and a fragment of
 * one or two words taken only from the same speaker with a distinctive word of the other's.
 * Fragments quoted in one sentence by one speaker (“misperception” … “root cause”) are one
 * statement, and a heading that quotes the article takes the quotation it repeats.
 */
import { quoteSimilarity } from '../link/wording';
import { contentStems, NO_EQUIVALENCES, type Equivalences } from '../match/normalize';

export interface QuoteItem {
  source: string;
  /** The wording exactly as the source has it. */
  text: string;
  /** Where the source holds it (offsets into the source file). */
  start: number;
  end: number;
  speaker: string | null;
  /** Who spoke, as the source puts it, when the KB has no entity for them. */
  speakerName?: string;
  /** A date the text gives for the statement ("on Sunday", "last week"), or ''. */
  date: string;
  /** The source's publication date: the statement is no later. */
  sourceDate: string;
  /** A heading or title line that quotes the article: it repeats a quotation of the same source. */
  heading: boolean;
  /** Quotations of one source with the same sentence number share a sentence. */
  sentence: number;
}

/** Two quotations at least this alike (after the speaker bonus) are one statement. */
export const SAME_STATEMENT = 0.6;
/** What the speaker's agreement adds to the similarity of two wordings. */
const SAME_SPEAKER_BONUS = 0.1;
/** A heading repeats the quotation of its article that is at least this alike. */
const HEADING_MATCH = 0.5;
/** Fewer content words than this: a fragment, only linked by the same speaker. */
const FRAGMENT_WORDS = 3;

/** Speaker key: entity id, or the name as the sources give it; null when unknown. */
function speakerKey(item: QuoteItem): string | null {
  if (item.speaker) return item.speaker;
  if (item.speakerName) return `name:${item.speakerName.toLowerCase()}`;
  return null;
}

export interface ClusterOptions {
  /** The curated equivalences wordings are compared through. */
  equivalences?: Equivalences;
  /** Groups of item indices to be one statement. */
  merges?: number[][];
  /** Groups of item indices no two of which may be one statement. */
  splits?: number[][];
}

/** Why a hint could not be applied. */
export class HintConflict extends Error {
  constructor(
    readonly hint: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Clusters `items` into statements; returns groups of item indices in order of their first
 * item. Items that are headings and repeat nothing are left out.
 */
export function clusterQuotes(items: readonly QuoteItem[], options: ClusterOptions = {}) {
  const n = items.length;
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  const members = new Map<number, number[]>(items.map((_, i) => [i, [i]]));
  const apart = new Set<string>();
  for (const group of options.splits ?? []) {
    for (const a of group) for (const b of group) if (a !== b) apart.add(`${a} ${b}`);
  }

  const compatible = (a: number, b: number): boolean => {
    const all = [...members.get(find(a))!, ...members.get(find(b))!];
    const speakers = new Set(all.map((i) => speakerKey(items[i]!)).filter((k) => k !== null));
    if (speakers.size > 1) return false;
    const dates = new Set(all.map((i) => items[i]!.date).filter(Boolean));
    const days = [...dates].filter((d) => d.length === 10);
    if (new Set(days).size > 1) return false;
    for (const d of dates) {
      if (days[0] && !days[0].startsWith(d)) return false;
      if (all.some((i) => items[i]!.sourceDate < d)) return false;
    }
    for (const x of members.get(find(a))!) {
      for (const y of members.get(find(b))!) if (apart.has(`${x} ${y}`)) return false;
    }
    return true;
  };
  const union = (a: number, b: number) => {
    const [ra, rb] = [find(a), find(b)];
    if (ra === rb) return;
    const [keep, drop] = ra < rb ? [ra, rb] : [rb, ra];
    parent[drop] = keep;
    members.get(keep)!.push(...members.get(drop)!);
    members.delete(drop);
  };
  const sources = (i: number) => new Set(members.get(find(i))!.map((m) => items[m]!.source));

  (options.merges ?? []).forEach((group, h) => {
    for (const i of group.slice(1)) {
      if (find(i) === find(group[0]!)) continue;
      if (!compatible(group[0]!, i)) {
        throw new HintConflict(h, 'would make one quote of different speakers or dates');
      }
      union(group[0]!, i);
    }
  });

  // How many quotations hold each content word: a word only two share is distinctive.
  const eq = options.equivalences ?? NO_EQUIVALENCES;
  const stems = items.map((item) => new Set(contentStems(item.text, eq)));
  const holders = new Map<string, number>();
  for (const set of stems) for (const s of set) holders.set(s, (holders.get(s) ?? 0) + 1);

  const score = (i: number, j: number): number => {
    const [a, b] = [items[i]!, items[j]!];
    const [ka, kb] = [speakerKey(a), speakerKey(b)];
    if (ka && kb && ka !== kb) return 0;
    const same = ka !== null && ka === kb;
    let s = quoteSimilarity(a.text, b.text, eq);
    const [small, big] = stems[i]!.size <= stems[j]!.size ? [i, j] : [j, i];
    if (stems[small]!.size < FRAGMENT_WORDS) {
      // "critical", "very good": only the same statement from the same speaker.
      if (!same) return 0;
      const words = [...stems[small]!];
      const contained = words.length > 0 && words.every((w) => stems[big]!.has(w));
      if (contained && words.some((w) => holders.get(w)! <= 2)) s = Math.max(s, SAME_STATEMENT);
    }
    return same ? s + SAME_SPEAKER_BONUS : s;
  };

  const pairs: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (items[i]!.heading) continue;
    for (let j = i + 1; j < n; j++) {
      if (items[j]!.heading) continue;
      const s = score(i, j);
      if (s >= SAME_STATEMENT) pairs.push({ i, j, s });
    }
  }
  pairs.sort((x, y) => y.s - x.s || x.i - y.i || x.j - y.j);
  for (const { i, j } of pairs) if (find(i) !== find(j) && compatible(i, j)) union(i, j);

  // Fragments of one sentence by one speaker, unless each already stands for a statement
  // other outlets carry too ("the lowest point" … “raised clear demands” are two statements).
  for (let i = 1; i < n; i++) {
    const [prev, item] = [items[i - 1]!, items[i]!];
    if (item.heading || prev.heading || prev.source !== item.source) continue;
    if (prev.sentence !== item.sentence || find(i - 1) === find(i)) continue;
    if (sources(i - 1).size > 1 && sources(i).size > 1) continue;
    if (compatible(i - 1, i)) union(i - 1, i);
  }

  // A heading joins the quotation of its own article it repeats.
  const dropped = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (!items[i]!.heading || members.get(find(i))!.length > 1) continue;
    let best = -1;
    let bestScore = HEADING_MATCH;
    for (let j = 0; j < n; j++) {
      if (j === i || items[j]!.heading || items[j]!.source !== items[i]!.source) continue;
      const s = quoteSimilarity(items[i]!.text, items[j]!.text, eq);
      if (s >= bestScore && compatible(i, j)) [best, bestScore] = [j, s];
    }
    if (best >= 0) union(best, i);
    else dropped.add(i);
  }

  return [...members.values()]
    .map((group) => group.filter((i) => !dropped.has(i)).sort((a, b) => a - b))
    .filter((group) => group.length > 0)
    .sort((a, b) => a[0]! - b[0]!);
}
