import { describe, expect, it } from 'vitest';
import type { Discrepancy } from '../../lib/kb/types';
import { sortDisagreements } from '../../lib/page/disagreements';
import { readCurated } from '../../lib/kb/curated';
import { loadCorpus } from './kb-corpus';

const shipped = () => readCurated(loadCorpus()).discrepancies;

const length: Discrepancy = {
  id: 'length',
  subject: 'How long the talks lasted',
  claims: [
    { value: 'Seven and a half hours', sources: ['a', 'b'] },
    { value: 'More than five hours', sources: ['c'] },
  ],
};
const name: Discrepancy = {
  id: 'name',
  subject: 'The minister’s name',
  claims: [
    { value: 'Qin Gang', sources: ['a', 'b'] },
    { value: 'Chen Gang', sources: ['c'], error: 'a misspelt name' },
  ],
};
const invitation: Discrepancy = {
  id: 'invitation',
  subject: 'Who invited whom',
  claims: [
    { value: 'The US invited Qin', sources: ['a'] },
    { value: '"Secretary Qin" invited "Gang"', sources: ['b'], error: 'names swapped' },
    { value: 'China proposed the visit', sources: ['c'] },
  ],
};

describe('sortDisagreements', () => {
  it('puts substance first and errors in a source’s text apart', () => {
    const { substance, errors } = sortDisagreements([name, length, invitation]);
    expect(substance.map((d) => [d.discrepancy.id, d.claims.map((c) => c.value)])).toEqual([
      ['length', ['Seven and a half hours', 'More than five hours']],
      ['invitation', ['The US invited Qin', 'China proposed the visit']],
    ]);
    expect(
      errors.map((e) => [
        e.discrepancy.id,
        e.errors.map((c) => c.value),
        e.correct.map((c) => c.value),
      ]),
    ).toEqual([
      // Nothing but an error: what the other sources print goes with it.
      ['name', ['Chen Gang'], ['Qin Gang']],
      ['invitation', ['"Secretary Qin" invited "Gang"'], []],
    ]);
  });

  it('on the shipped knowledge base, keeps the long talks as substance and folds the misspellings', () => {
    const { substance, errors } = sortDisagreements(shipped());
    const ids = (list: { discrepancy: Discrepancy }[]) => list.map((d) => d.discrepancy.id);
    expect(ids(substance)).toContain('sunday-talks-length');
    expect(ids(substance)).not.toContain('blinken-name-spelling');
    expect(ids(errors)).toEqual(
      expect.arrayContaining(['blinken-name-spelling', 'qin-gang-name', 'qin-gang-title']),
    );
    // Every disagreement is shown somewhere.
    expect(new Set([...ids(substance), ...ids(errors)]).size).toBe(shipped().length);
  });
});
