import { describe, expect, it } from 'vitest';
import { pageRole, pageSpeaker } from '../../lib/page/page-speaker';

const TEXT = [
  'Trade negotiators met again this week.',
  'Maria Castell, a senior fellow at the Pacific Trade Forum in Singapore, said the two sides were further apart. “Tariffs alone will not bring the factories home,” Castell said.',
  '“Neither capital wants to be the first to blink,” Castell said.',
  'said Helen Marsh, the council’s chair, after the vote.',
  'Tom Brennan, who runs the boatyard, said the boat was old.',
].join('\n');

describe('pageRole', () => {
  it('takes the apposition beside the name', () => {
    expect(pageRole(TEXT, 'Maria Castell')).toBe(
      'a senior fellow at the Pacific Trade Forum in Singapore',
    );
    expect(pageRole(TEXT, 'Helen Marsh')).toBe('the council’s chair');
  });

  it('gives none where the page gives none, nor from inside a word', () => {
    expect(pageRole(TEXT, 'Tom Brennan')).toBeNull();
    expect(pageRole('Cornell, a university, said', 'Nell')).toBeNull();
    expect(pageRole(TEXT, '')).toBeNull();
    expect(pageRole('A (b) said', '(b)')).toBeNull();
  });
});

describe('pageSpeaker', () => {
  it('lists the speaker’s quotations on the page, as shown, pull-quote repeats left out', () => {
    const castell = { name: 'Maria Castell', entityId: null };
    const quotes = [
      { text: 'Tariffs alone will not bring the factories home,', speaker: castell },
      { text: 'a wall', speaker: { name: 'Commerce Ministry', entityId: null } },
      { text: 'Neither capital wants to be the first to blink', speaker: castell },
      { text: 'Tariffs alone will not bring the factories home', speaker: castell, repeatOf: 0 },
      { text: 'Unattributed', speaker: null },
    ];
    expect(pageSpeaker('Maria Castell', quotes, TEXT, (i) => i === 0)).toEqual({
      name: 'Maria Castell',
      role: 'a senior fellow at the Pacific Trade Forum in Singapore',
      quotes: [
        { index: 0, text: 'Tariffs alone will not bring the factories home', drawn: true },
        { index: 2, text: 'Neither capital wants to be the first to blink', drawn: false },
      ],
    });
  });
});
