/**
 * When a quotation was said, as the page tells it: the day the page was published, the years and
 * months named around the quotation, and the knowledge base's events its paragraph names (each
 * with a date). A statement of 18 June 2023 is not what a page published in 2022 quotes, nor a
 * quotation its own sentence places "in March" or "in 2024".
 */
import type { Doc, Span } from '../doc/types';
import type { MatcherIndex } from '../match/matcher';
import calendar from './calendar.json';

/** English and German months are written with a capital ("May", not "may"); French ones not. */
const CAPITALISED_MONTHS = new Map<string, number>();
const LOWER_MONTHS = new Map<string, number>();
for (const [language, names] of Object.entries(calendar.months)) {
  const into = language === 'fr' ? LOWER_MONTHS : CAPITALISED_MONTHS;
  names.forEach((name, i) => into.set(name, i + 1));
}
const YEAR = /(?<![\p{L}\p{N}])(19[5-9]\d|20\d\d)(?![\p{L}\p{N}])/gu;
/** "3月", "十一月": Chinese months, by numeral. */
const CJK_MONTH = /(\d{1,2}|十[一二]?|[一二三四五六七八九])月/g;
const CJK_NUMERAL: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
};

const DAY_WORDS = new Set(
  [...calendar.days.en, ...calendar.days.de, ...calendar.days.fr].map((d) => d.toLowerCase()),
);
const CJK_DAYS = new RegExp(calendar.days.zh.join('|'));

/** What the text around a quotation says of when: years and months it names, and whether a day. */
export interface Said {
  years: Set<number>;
  months: Set<number>;
  /** A day of the week, today or yesterday: said in the days before the page appeared. */
  day: boolean;
}

/**
 * Years and months named in the quotation's own sentence and the one before it (within its
 * paragraph), outside the quotation: "said in March", "told reporters in Munich in 2024".
 */
export function saidAround(doc: Doc, quote: Span): Said {
  const said: Said = { years: new Set(), months: new Set(), day: false };
  const first = sentenceAt(doc, quote.start);
  if (first < 0) return said;
  const paragraph = doc.sentences[first]!.paragraph;
  let from = first;
  if (from > 0 && doc.sentences[from - 1]!.paragraph === paragraph) from--;
  let to = sentenceAt(doc, Math.max(quote.start, quote.end - 1));
  if (to < first) to = first;
  const start = doc.sentences[from]!.start;
  const end = doc.sentences[to]!.end;
  const around = doc.text.slice(start, quote.start) + ' ' + doc.text.slice(quote.end, end);
  for (const m of around.matchAll(YEAR)) said.years.add(Number(m[1]));
  for (const m of around.matchAll(CJK_MONTH)) {
    const n = /^\d/.test(m[1]!) ? Number(m[1]) : (CJK_NUMERAL[m[1]!] ?? 0);
    if (n >= 1 && n <= 12) said.months.add(n);
  }
  if (CJK_DAYS.test(around)) said.day = true;
  for (const m of around.matchAll(/\p{L}+(?:['’]\p{L}+)?\.?/gu)) {
    const word = m[0];
    if (DAY_WORDS.has(word.toLowerCase().replace('’', "'"))) said.day = true;
    const lower = word.toLowerCase();
    const month = /^\p{Lu}/u.test(word)
      ? (CAPITALISED_MONTHS.get(lower) ?? CAPITALISED_MONTHS.get(lower.replace(/\.$/, '')))
      : (LOWER_MONTHS.get(lower) ?? LOWER_MONTHS.get(lower.replace(/\.$/, '')));
    if (month !== undefined) said.months.add(month);
  }
  return said;
}

function sentenceAt(doc: Doc, offset: number): number {
  let lo = 0;
  let hi = doc.sentences.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = doc.sentences[mid]!;
    if (offset < s.start) hi = mid - 1;
    else if (offset >= s.end) lo = mid + 1;
    else return mid;
  }
  return Math.min(Math.max(0, lo - 1), doc.sentences.length - 1);
}

/** Whether two dates of different precision agree ("2023-06" holds "2023-06-18"). */
export function datesAgree(a: string, b: string): boolean {
  return a.startsWith(b) || b.startsWith(a);
}

/** Days from date `a` to date `b` (YYYY-MM-DD, or less precise: the first day is taken). */
export function daysBetween(a: string, b: string): number {
  const day = (d: string) =>
    Date.parse(`${d}${d.length === 4 ? '-01-01' : d.length === 7 ? '-01' : ''}T00:00:00Z`);
  return Math.round((day(b) - day(a)) / 86_400_000);
}

/** The dates of the knowledge base's events named near a quotation and on its page. */
export interface EventsNamed {
  paragraph: string[];
  page: string[];
}

/** The page's mentions of dated KB events, in text order, and how often each date is named. */
interface DatedMentions {
  mentions: { start: number; end: number; date: string }[];
  count: Map<string, number>;
}

const datedCache = new WeakMap<Doc, WeakMap<MatcherIndex, DatedMentions>>();

function datedMentions(doc: Doc, index: MatcherIndex): DatedMentions {
  let byIndex = datedCache.get(doc);
  if (!byIndex) datedCache.set(doc, (byIndex = new WeakMap()));
  let dated = byIndex.get(index);
  if (!dated) {
    dated = { mentions: [], count: new Map() };
    for (const m of doc.kbMentions) {
      const date = index.entities[m.entityId]?.date;
      if (!date) continue;
      dated.mentions.push({ start: m.span.start, end: m.span.end, date });
      dated.count.set(date, (dated.count.get(date) ?? 0) + 1);
    }
    dated.mentions.sort((a, b) => a.start - b.start);
    byIndex.set(index, dated);
  }
  return dated;
}

/** Index of the first mention starting at or after `offset`. */
function firstFrom(mentions: DatedMentions['mentions'], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The dates of the KB events the quotation's paragraph names, and of all the page names; an
 * event the quotation itself names ("since ties were established") is what was said, not when.
 * The page's dated mentions are gathered once per page, so each quotation costs a search.
 */
export function eventsNamed(doc: Doc, quote: Span, index: MatcherIndex): EventsNamed {
  const { mentions, count } = datedMentions(doc, index);
  if (mentions.length === 0) return { paragraph: [], page: [] };
  const inside = (m: { start: number; end: number }) =>
    m.start >= quote.start && m.end <= quote.end;
  const left = new Map(count);
  for (let i = firstFrom(mentions, quote.start); i < mentions.length; i++) {
    const m = mentions[i]!;
    if (m.start >= quote.end) break;
    if (inside(m)) left.set(m.date, left.get(m.date)! - 1);
  }
  const page = [...left].filter(([, n]) => n > 0).map(([date]) => date);
  const paragraph = new Set<string>();
  const at = sentenceAt(doc, quote.start);
  const p = at >= 0 ? doc.paragraphs[doc.sentences[at]!.paragraph] : undefined;
  if (p) {
    for (let i = firstFrom(mentions, p.start); i < mentions.length; i++) {
      const m = mentions[i]!;
      if (m.start >= p.end) break;
      if (m.end <= p.end && !inside(m)) paragraph.add(m.date);
    }
  }
  return { paragraph: [...paragraph], page };
}
