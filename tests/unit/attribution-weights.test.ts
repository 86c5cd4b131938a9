/**
 * The attribution weights are data fitted by `npm run fit`: this fails when they are stale, that
 * is when the features the code computes on the labeled pages, or the labels, are no longer the
 * ones the weights were fitted on, or when the weights are not what fitting them gives.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMatcher } from '../../scripts/annotate';
import { labeledPages } from '../../scripts/speakers/labeled';
import { digest, examplesOf, fitWeights, type Example } from '../../scripts/speakers/fit';
import { weightsFileFor, WEIGHTS_FILE } from '../../scripts/fit';

const committed = JSON.parse(readFileSync(WEIGHTS_FILE, 'utf8')) as ReturnType<
  typeof weightsFileFor
>;
const realDir =
  process.env.BILATERAL_REAL_PAGES ??
  path.join(__dirname, '..', '..', '..', 'shared', 'real-pages');
const haveRealPages = existsSync(path.join(realDir, 'index.json'));

describe('lib/attribution/weights.json', () => {
  it('was fitted on what the code reads on the written pages today', () => {
    const index = loadMatcher();
    const pages = labeledPages(new Set(['dev', 'topic-fit', 'voices-fit']));
    expect(pages.length).toBeGreaterThan(50);
    for (const page of pages) {
      const now = digest(examplesOf(page, index, realDir).examples);
      expect([page.file, now]).toEqual([page.file, committed.data.digests[page.file]]);
    }
  }, 120_000);

  it.runIf(haveRealPages)(
    'is exactly what `npm run fit` gives on every page it is fitted on',
    () => {
      const index = loadMatcher();
      const pages = labeledPages(new Set(['fit', 'dev', 'topic-fit', 'voices-fit']));
      const perPage = pages.map((p) => examplesOf(p, index, realDir));
      expect(Object.keys(committed.data.digests).sort()).toEqual(perPage.map((p) => p.page).sort());
      for (const p of perPage) {
        expect([p.page, digest(p.examples)]).toEqual([p.page, committed.data.digests[p.page]]);
      }
      expect(weightsFileFor(perPage)).toEqual(committed);
    },
    240_000,
  );

  it('comes from a deterministic fit that refits to itself', () => {
    const examples: Example[] = [
      { page: 'a', candidates: [{ features: { x: 1 } }, { features: { y: 1 } }], positives: [0] },
      {
        page: 'b',
        candidates: [{ features: { x: 1, z: 1 } }, { features: { y: 1 } }],
        positives: [0],
      },
      { page: 'c', candidates: [{ features: { y: 1 } }, { features: { x: 1 } }], positives: [1] },
    ];
    const a = fitWeights(examples);
    expect(fitWeights(examples)).toEqual(a);
    expect(a.weights.x).toBeGreaterThan(0);
    expect(a.weights.y).toBeLessThan(0);
  });
});
