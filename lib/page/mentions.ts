/**
 * Which of the knowledge base's mentions on a page the reader sees underlined. The pipeline
 * finds every mention (the cards, counts and links need them all); underlining them all buries
 * the article, so by default only the first mention of each entity is drawn, countries and
 * capitals not at all, never a name inside a longer one, and never the place name of a dateline
 * ("BEIJING (Reuters) —") or of a time ("9 a.m. Beijing time"). The reader's settings widen it.
 */
import type { EntityMention, Span } from '../doc/types';
import type { EntityType } from '../kb/types';
import type { Settings } from '../protocol';
import countriesAndCapitals from './countries-capitals.json';

/**
 * The KB's countries and capitals ("China", "Washington"): named in nearly every sentence of
 * the news Bilateral reads, so an underline there tells the reader nothing. The list is data
 * (countries-capitals.json); a unit test keeps it equal to the KB's places that the word lists
 * (lib/doc/lexicon/places.json) know as a country or a capital.
 */
export const COUNTRIES_AND_CAPITALS: ReadonlySet<string> = new Set(countriesAndCapitals);

/** The setting that switches each kind of name on or off. */
export const KIND_SETTING = {
  person: 'people',
  organization: 'organizations',
  place: 'places',
  event: 'events',
  concept: 'concepts',
} as const satisfies Record<EntityType, keyof Settings>;

export interface MentionChoice {
  /** Every mention, not only each entity's first. */
  all: boolean;
  /** Kinds of entity underlined. */
  kinds: Readonly<Record<EntityType, boolean>>;
  /** Countries and capitals too. */
  countries: boolean;
}

export function mentionChoice(settings: Settings): MentionChoice {
  return {
    all: settings.allMentions,
    kinds: {
      person: settings[KIND_SETTING.person],
      organization: settings[KIND_SETTING.organization],
      place: settings[KIND_SETTING.place],
      event: settings[KIND_SETTING.event],
      concept: settings[KIND_SETTING.concept],
    },
    countries: settings.countries,
  };
}

const WORD_GAP = '[ \\t\\u00a0]';
/** A dateline's dash: a dash, or a hyphen or two standing apart ("BEIJING (Reuters) -"). */
const DATELINE_DASH = `(?:[\\u2014\\u2013]|-{1,2}(?=${WORD_GAP}))`;
/** "(Reuters)", "(AP)", "(dpa)": the agency of a dateline. */
const AGENCY = `(?:\\([^()\\n]{1,40}\\)${WORD_GAP}*)`;

/**
 * Datelines as papers print them at the start of a paragraph:
 * - in capitals, perhaps with a region or a date, then the agency and a dash, or alone on its
 *   line: "BEIJING —", "TAIPEI, Taiwan (AP) —", "BEIJING, June 19 (Reuters) -",
 *   "PÉKIN, 19 juin (AFP) -";
 * - capitalized, then an agency or a dash standing apart: "Beijing (Reuters) -", "Peking – ";
 * - capitalized, alone as a sentence, as German papers write it: "Washington. Nach zwei …".
 */
const DATELINES = [
  new RegExp(
    `^\\s*\\p{Lu}[\\p{Lu}\\p{M}.'\\u2019-]*(?:${WORD_GAP}+\\p{Lu}[\\p{Lu}\\p{M}.'\\u2019-]*){0,3}` +
      `(?:,${WORD_GAP}*[^,()\\n\\u2014\\u2013]{1,30}?){0,2}${WORD_GAP}*${AGENCY}?(?:${DATELINE_DASH}|\\s*$)`,
    'u',
  ),
  new RegExp(
    `^\\s*\\p{Lu}\\p{Ll}+(?:${WORD_GAP}+\\p{Lu}\\p{Ll}+){0,2}` +
      `(?:${WORD_GAP}*${AGENCY}|${WORD_GAP}+)${DATELINE_DASH}(?=${WORD_GAP})`,
    'u',
  ),
  /^\s*\p{Lu}\p{Ll}{3,}(?:[ \t\u00a0]+\p{Lu}\p{Ll}+){0,2}\.(?=[ \t\u00a0]+\p{Lu})/u,
];

/** Where the dateline that opens the line at `lineStart` ends, or -1 when the line has none. */
export function datelineEnd(text: string, lineStart: number): number {
  let lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = text.length;
  const head = text.slice(lineStart, Math.min(lineEnd, lineStart + 100));
  for (const pattern of DATELINES) {
    const match = pattern.exec(head);
    if (match) return lineStart + match[0].length;
  }
  return -1;
}

/** A clock time: "10:42", "10.42am", "14h05", "9 a.m.", with a zone ("ET", "GMT+8") if any. */
const CLOCK =
  /(?:\b(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:[ \u00a0]?[ap]\.?[ \u00a0]?m\b\.?)?|\b(?:1[0-2]|0?[1-9])[ \u00a0]?[ap]\.?[ \u00a0]?m\b\.?)(?:[ \u00a0]*\(?(?:[A-Z]{0,3}T|UTC|GMT)(?:[+-]\d{1,2})?\)?(?![\w]))?/;

const CLOCK_BEFORE_END = new RegExp(`${CLOCK.source}[ \\t\\u00a0]*$`);
const CLOCK_AFTER_START = new RegExp(
  `^,?[ \\t\\u00a0]*${CLOCK.source}[ \\t\\u00a0]*(?:$|[|\\u00b7])`,
);

/** A place name standing for its time zone: "Beijing time", "北京时间", "heure de Pékin". */
const ZONE_AFTER = /^(?:[ \u00a0]+time\b|时间)/i;
const ZONE_BEFORE = /\bheure[ \u00a0]+(?:de[ \u00a0]+|d['\u2019][ \u00a0]*)$/i;

/**
 * Whether a place is named as a time, not as the place: a zone ("9 a.m. Beijing time"), or the
 * place beside a clock on a live blog's timestamp line ("10:42 Beijing", "Washington, 9:15 ET").
 */
export function isTimeZone(text: string, span: Span): boolean {
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  let lineEnd = text.indexOf('\n', span.end);
  if (lineEnd < 0) lineEnd = text.length;
  const before = text.slice(Math.max(lineStart, span.start - 40), span.start);
  const after = text.slice(span.end, Math.min(lineEnd, span.end + 40));
  if (ZONE_AFTER.test(after) || ZONE_BEFORE.test(before)) return true;
  const rest = text.slice(span.end, lineEnd);
  if (CLOCK_BEFORE_END.test(before) && /^[ \t\u00a0]*(?:$|[,|\u00b7)])/.test(rest)) return true;
  return CLOCK_AFTER_START.test(rest);
}

export interface ChosenMentions {
  /** The mentions to underline, in text order. */
  drawn: EntityMention[];
  /**
   * The other mentions of the entities drawn, in text order: not underlined, but a card steps
   * through them ("2 of 5 on this page").
   */
  more: EntityMention[];
}

/**
 * The mentions to underline under the reader's choice. A mention inside another drawn one is
 * not drawn (the longer name wins: "Blinken" in "Blinken's visit to Beijing"), and it does not
 * count as its entity's first mention; neither do datelines and times.
 */
export function chooseMentions(
  text: string,
  mentions: readonly EntityMention[],
  typeOf: (entityId: string) => EntityType | undefined,
  choice: MentionChoice,
): ChosenMentions {
  const datelines = new Map<number, number>();
  const inDateline = (span: Span) => {
    const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
    let end = datelines.get(lineStart);
    if (end === undefined) {
      end = datelineEnd(text, lineStart);
      datelines.set(lineStart, end);
    }
    return span.end <= end;
  };
  const candidates = mentions
    .filter((mention) => {
      const type = typeOf(mention.entityId);
      if (!type || !choice.kinds[type]) return false;
      if (!choice.countries && COUNTRIES_AND_CAPITALS.has(mention.entityId)) return false;
      if (inDateline(mention.span)) return false;
      return type !== 'place' || !isTimeZone(text, mention.span);
    })
    .sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);

  const drawn: EntityMention[] = [];
  const later: EntityMention[] = [];
  const seen = new Set<string>();
  let outerEnd = -1;
  for (const mention of candidates) {
    const nested = mention.span.end <= outerEnd;
    if (nested || (!choice.all && seen.has(mention.entityId))) {
      later.push(mention);
      continue;
    }
    drawn.push(mention);
    seen.add(mention.entityId);
    outerEnd = Math.max(outerEnd, mention.span.end);
  }
  return { drawn, more: later.filter((mention) => seen.has(mention.entityId)) };
}
