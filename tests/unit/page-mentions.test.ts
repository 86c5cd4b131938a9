import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import places from '../../lib/doc/lexicon/places.json';
import { readText } from '../../lib/doc/text';
import { fold } from '../../lib/doc/tokens';
import type { EntityType, KnowledgeBase } from '../../lib/kb/types';
import { findMentions } from '../../lib/match/aliases';
import { buildMatcherIndex } from '../../lib/match/matcher';
import {
  chooseMentions,
  COUNTRIES_AND_CAPITALS,
  datelineEnd,
  isTimeZone,
  mentionChoice,
  type MentionChoice,
} from '../../lib/page/mentions';
import { DEFAULT_SETTINGS } from '../../lib/page/prefs';
import { fixtureKb } from './fixtures/kb';

const index = buildMatcherIndex(fixtureKb);
const typeOf = (id: string) => index.entities[id]?.type;

const DEFAULT_CHOICE = mentionChoice(DEFAULT_SETTINGS);
const EVERYTHING: MentionChoice = {
  all: true,
  countries: true,
  kinds: { person: true, organization: true, place: true, event: true, concept: true },
};

/** What is drawn in `text` under a choice, as [entity id, words]. */
function drawn(text: string, choice: MentionChoice = DEFAULT_CHOICE) {
  const chosen = chooseMentions(text, findMentions(readText(text), index), typeOf, choice);
  return chosen.drawn.map((m) => [m.entityId, text.slice(m.span.start, m.span.end)]);
}

describe('chooseMentions', () => {
  const article = [
    'Antony Blinken met Qin Gang in Beijing. China said Blinken was welcome.',
    'Later Blinken met Wang Yi, and Qin Gang spoke of core interests and core interests again.',
  ].join('\n');

  it('draws only the first mention of each entity, and no country or capital, by default', () => {
    expect(drawn(article)).toEqual([
      ['antony-blinken', 'Antony Blinken'],
      ['qin-gang', 'Qin Gang'],
      ['wang-yi', 'Wang Yi'],
      ['core-interests', 'core interests'],
    ]);
  });

  it('keeps the other mentions of the drawn entities for the card to step through', () => {
    const chosen = chooseMentions(
      article,
      findMentions(readText(article), index),
      typeOf,
      DEFAULT_CHOICE,
    );
    expect(chosen.more.map((m) => article.slice(m.span.start, m.span.end))).toEqual([
      'Blinken',
      'Blinken',
      'Qin Gang',
      'core interests',
    ]);
    // Countries are not drawn, so they have nothing to step through either.
    expect(chosen.more.some((m) => COUNTRIES_AND_CAPITALS.has(m.entityId))).toBe(false);
  });

  it('draws every mention, countries and capitals on request', () => {
    expect(drawn(article, { ...DEFAULT_CHOICE, all: true }).map(([, words]) => words)).toEqual([
      'Antony Blinken',
      'Qin Gang',
      'Blinken',
      'Blinken',
      'Wang Yi',
      'Qin Gang',
      'core interests',
      'core interests',
    ]);
    expect(drawn(article, { ...DEFAULT_CHOICE, countries: true })).toContainEqual([
      'beijing',
      'Beijing',
    ]);
    expect(drawn(article, { ...DEFAULT_CHOICE, countries: true })).toContainEqual([
      'china',
      'China',
    ]);
  });

  it('leaves out the kinds switched off', () => {
    const kinds: Record<EntityType, boolean> = { ...EVERYTHING.kinds, person: false };
    expect(drawn(article, { ...EVERYTHING, all: false, kinds })).toEqual([
      ['beijing', 'Beijing'],
      ['china', 'China'],
      ['core-interests', 'core interests'],
    ]);
  });

  it('lets a longer name win over a name inside it, which then is not its first mention', () => {
    const kb: KnowledgeBase = structuredClone(fixtureKb);
    kb.entities.push({
      id: 'blinken-visit',
      name: 'Blinken’s visit to Beijing',
      type: 'event',
      aliases: ['Blinken’s visit to Beijing'],
      role: 'Visit',
      description: 'The visit.',
      facts: [],
      mentions: {},
    });
    const withVisit = buildMatcherIndex(kb);
    const text = 'Blinken’s visit to Beijing began. Blinken arrived.';
    const chosen = chooseMentions(
      text,
      findMentions(readText(text), withVisit),
      (id) => withVisit.entities[id]?.type,
      { ...EVERYTHING, all: false },
    );
    expect(chosen.drawn.map((m) => text.slice(m.span.start, m.span.end))).toEqual([
      'Blinken’s visit to Beijing',
      'Blinken',
    ]);
    expect(chosen.drawn[1]!.span.start).toBe(text.indexOf('Blinken arrived'));
  });

  it('does not draw datelines, and takes the first mention after them', () => {
    const text = [
      'BEIJING (Reuters) — Antony Blinken arrived in Beijing on Sunday.',
      'WASHINGTON, June 19 (AP) - Qin Gang spoke to Blinken.',
    ].join('\n');
    const places = drawn(text, { ...DEFAULT_CHOICE, countries: true });
    expect(places).toContainEqual(['beijing', 'Beijing']);
    const beijing = chooseMentions(
      text,
      findMentions(readText(text), index),
      typeOf,
      EVERYTHING,
    ).drawn.filter((m) => m.entityId === 'beijing');
    expect(beijing.map((m) => m.span.start)).toEqual([text.indexOf('Beijing on')]);
    expect(drawn(text, EVERYTHING).map(([id]) => id)).not.toContain('washington');
  });

  it('does not draw a place named as a time', () => {
    const text = [
      'The talks began at 9:30 a.m. Beijing time, said Qin Gang.',
      '10:42 Beijing',
      'Washington, 9:15 ET',
      'Les entretiens ont commencé à 9h30, heure de Beijing.',
    ].join('\n');
    expect(drawn(text, EVERYTHING)).toEqual([['qin-gang', 'Qin Gang']]);
  });
});

describe('datelineEnd', () => {
  it.each([
    ['BEIJING (Reuters) — China said', 'BEIJING (Reuters) —'],
    ['BEIJING, June 19 (Reuters) - China said', 'BEIJING, June 19 (Reuters) -'],
    ['TAIPEI, Taiwan (AP) — The island', 'TAIPEI, Taiwan (AP) —'],
    ['WASHINGTON — The secretary', 'WASHINGTON —'],
    ['  HONG KONG -- Markets', '  HONG KONG --'],
    ['PÉKIN, 19 juin (AFP) - Le chef', 'PÉKIN, 19 juin (AFP) -'],
    ['Beijing (dpa) - Der Außenminister', 'Beijing (dpa) -'],
    ['Peking – Die Gespräche', 'Peking –'],
    ['Washington. Nach zwei Tagen', 'Washington.'],
    ['BEIJING', 'BEIJING'],
  ])('%j opens with the dateline %j', (line, dateline) => {
    expect(datelineEnd(line, 0)).toBe(dateline.length);
  });

  it.each([
    'Beijing said on Sunday that talks went well.',
    'China (the PRC) is a party.',
    'US officials — who asked not to be named — said so.',
    'Mr. Blinken said so.',
    'The US — and China — agree.',
  ])('%j opens with no dateline', (line) => {
    expect(datelineEnd(line, 0)).toBe(-1);
  });

  it('reads the line that starts at the offset, not beyond it', () => {
    const text = 'First paragraph.\nBEIJING — Second.';
    expect(datelineEnd(text, 17)).toBe(text.indexOf('—') + 1);
    expect(datelineEnd(text, 0)).toBe(-1);
  });
});

describe('isTimeZone', () => {
  const at = (text: string, words: string) => {
    const start = text.indexOf(words);
    return isTimeZone(text, { start, end: start + words.length });
  };

  it('knows a zone and a live blog’s timestamp', () => {
    expect(at('at 9 a.m. Beijing time on Monday', 'Beijing')).toBe(true);
    expect(at('北京时间9点', '北京')).toBe(true);
    expect(at('10:42 BST Beijing', 'Beijing')).toBe(true);
    expect(at('Beijing, 10.42am', 'Beijing')).toBe(true);
  });

  it('leaves the place named in a sentence alone', () => {
    expect(at('At 10:42 Beijing announced new talks.', 'Beijing')).toBe(false);
    expect(at('Blinken flew to Beijing at 10:42 on Sunday.', 'Beijing')).toBe(false);
    expect(at('It was time for Beijing to act.', 'Beijing')).toBe(false);
  });
});

describe('countries-capitals.json', () => {
  it('lists exactly the KB’s places that the word lists know as a country or a capital', () => {
    const kb = JSON.parse(
      readFileSync(path.join(__dirname, '../../generated/kb.json'), 'utf8'),
    ) as KnowledgeBase;
    const known = new Set([...places.countries, ...places.capitals].map(fold));
    const expected = kb.entities
      .filter((entity) => entity.type === 'place')
      .filter((entity) =>
        [entity.name, ...entity.aliases, ...(entity.ambiguousAliases ?? [])].some((name) =>
          known.has(fold(name)),
        ),
      )
      .map((entity) => entity.id)
      .sort();
    expect([...COUNTRIES_AND_CAPITALS].sort()).toEqual(expected);
  });
});
