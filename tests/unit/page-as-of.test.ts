import { describe, expect, it } from 'vitest';
import type { Entity, Source } from '../../lib/kb/types';
import { entityAsOf, latestDate, pageIsLater } from '../../lib/page/as-of';

const source = (id: string, date: string): Source => ({
  id,
  outlet: id,
  title: '',
  date,
  language: 'en',
  file: `${id}.txt`,
});
const sources = new Map(
  [source('a', '2023-06-18'), source('b', '2023-06-19'), source('c', '2023-06-21')].map((s) => [
    s.id,
    s,
  ]),
);
const entity: Entity = {
  id: 'x',
  name: 'X',
  type: 'person',
  aliases: [],
  role: 'Minister',
  description: 'A minister.',
  facts: [{ text: 'Aged 61.', sources: ['b'] }],
  mentions: { a: 3, c: 0 },
};

describe('as of', () => {
  it('dates a fact by its latest source, unknown sources left out', () => {
    expect(latestDate(['a', 'b', 'gone'], sources)).toBe('2023-06-19');
    expect(latestDate(['gone'], sources)).toBeNull();
  });

  it('dates the role and description by the latest source naming the entity or stating its facts', () => {
    expect(entityAsOf(entity, sources)).toBe('2023-06-19');
    expect(entityAsOf({ ...entity, mentions: { c: 2 } }, sources)).toBe('2023-06-21');
    expect(entityAsOf({ ...entity, mentions: {}, facts: [] }, sources)).toBeNull();
  });

  it('tells a page dated after the sources', () => {
    expect(pageIsLater('2025-03-04', '2023-06-19')).toBe(true);
    expect(pageIsLater('2023-06-19', '2023-06-19')).toBe(false);
    expect(pageIsLater('2023-06-18', '2023-06-19')).toBe(false);
    expect(pageIsLater('2023-07-01', '2023-06')).toBe(true);
    expect(pageIsLater('2023-06-30', '2023-06')).toBe(false);
    expect(pageIsLater(null, '2023-06-19')).toBe(false);
    expect(pageIsLater('2025-01-01', null)).toBe(false);
  });
});
