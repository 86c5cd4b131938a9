import { describe, expect, it } from 'vitest';
import { clusterQuotes, HintConflict, type QuoteItem } from '../../lib/kb/cluster';

let at = 0;
/** A quotation as the build hands it to the clustering; sentence numbers are unique unless given. */
function item(source: string, text: string, fields: Partial<QuoteItem> = {}): QuoteItem {
  at += 100;
  return {
    source,
    text,
    start: at,
    end: at + text.length,
    speaker: null,
    date: '',
    sourceDate: '2023-06-19',
    heading: false,
    sentence: at,
    ...fields,
  };
}

describe('clusterQuotes', () => {
  it('gathers translations of one statement by one speaker across sources', () => {
    const items = [
      item('a', 'at their lowest point since diplomatic relations were established.', {
        speaker: 'qin-gang',
      }),
      item('b', 'at its lowest point', { speaker: 'qin-gang' }),
      item('c', 'the lowest point', { speaker: 'qin-gang' }),
      item('d', 'We must reverse the downward spiral of relations', { speaker: 'wang-yi' }),
    ];
    expect(clusterQuotes(items)).toEqual([[0, 1, 2], [3]]);
  });

  it('never joins two speakers, however alike the words', () => {
    const items = [
      item('a', 'core core interests', { speaker: 'qin-gang' }),
      item('b', 'core interests', { speaker: 'wang-yi' }),
      item('c', 'Taiwan is China’s core interests on which there is no compromise', {
        speakerName: 'A senior official',
      }),
      item('d', 'Taiwan is China’s core interests on which there is no compromise', {
        speaker: 'wang-yi',
      }),
    ];
    const groups = clusterQuotes(items);
    for (const group of groups) {
      const speakers = new Set(group.map((i) => items[i]!.speaker ?? items[i]!.speakerName));
      expect(speakers.size).toBe(1);
    }
    expect(groups).toEqual([[0], [1, 3], [2]]);
  });

  it('takes a one- or two-word fragment only from the same speaker, by a distinctive word', () => {
    const items = [
      item('a', 'came at a critical juncture in relations, a choice between dialogue or conflict', {
        speaker: 'wang-yi',
      }),
      item('b', 'critical', { speaker: 'wang-yi' }),
      item('c', 'juncture', { speaker: null }),
    ];
    expect(clusterQuotes(items)).toEqual([[0, 1], [2]]);
  });

  it('keeps apart statements whose stated days differ, or said after a source was published', () => {
    const items = [
      item('a', 'we look forward to meeting again in the coming months', {
        speaker: 'joe-biden',
        date: '2023-06-17',
      }),
      item('b', 'we look forward to meeting again in the coming months', {
        speaker: 'joe-biden',
        date: '2023-06-18',
      }),
      item('c', 'we look forward to meeting again in the coming months', {
        speaker: 'joe-biden',
        sourceDate: '2023-06-16',
      }),
      item('d', 'we look forward to meeting again in the next months', { speaker: 'joe-biden' }),
    ];
    expect(clusterQuotes(items)).toEqual([[0, 3], [1], [2]]);
  });

  it('joins fragments of one sentence by one speaker, but not two statements others carry', () => {
    const items = [
      item('a', 'misperception', { speaker: 'wang-yi', sentence: 1 }),
      item('a', 'root cause', { speaker: 'wang-yi', sentence: 1 }),
      item('a', 'the lowest point', { speaker: 'qin-gang', sentence: 2 }),
      item('a', 'raised clear demands', { speaker: 'qin-gang', sentence: 2 }),
      item('b', 'at the lowest point', { speaker: 'qin-gang' }),
      item('b', 'clear demands on the Taiwan issue', { speaker: 'qin-gang' }),
    ];
    expect(clusterQuotes(items)).toEqual([
      [0, 1],
      [2, 4],
      [3, 5],
    ]);
  });

  it('lets a heading join the quotation it repeats, and drops one that repeats nothing', () => {
    const items = [
      item('a', 'Taiwan issue touches the core of China’s core interests', { heading: true }),
      item('a', 'The Taiwan issue goes to the heart of China’s core interests,', {
        speaker: 'qin-gang',
      }),
      item('a', 'A thaw at last', { heading: true }),
    ];
    expect(clusterQuotes(items)).toEqual([[0, 1]]);
  });

  it('applies merge and split hints, and refuses a merge of two speakers', () => {
    const items = [
      item('a', 'constructive and fair', {}),
      item('b', 'Frank, substantial and constructive', { speaker: 'matthew-miller' }),
      item('c', 'at its lowest point', { speaker: 'qin-gang' }),
      item('d', 'at the lowest point', { speaker: 'qin-gang' }),
    ];
    expect(clusterQuotes(items)).toEqual([[0], [1], [2, 3]]);
    expect(clusterQuotes(items, { merges: [[0, 1]], splits: [[2, 3]] })).toEqual([
      [0, 1],
      [2],
      [3],
    ]);
    expect(() => clusterQuotes(items, { merges: [[1, 2]] })).toThrow(HintConflict);
  });
});
