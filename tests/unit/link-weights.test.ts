/**
 * The corpus-link weights and threshold are data fitted by `npm run fit`: this fails when they
 * are stale, that is when the evidence the linker computes on the labeled pages, or the labels,
 * are no longer what the weights were fitted on, or when the file is not what fitting gives.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LINK_MODEL } from '../../lib/link';
import { loadMatcher } from '../../scripts/annotate';
import { LINK_WEIGHTS_FILE } from '../../scripts/fit';
import {
  chooseThreshold,
  examplesOfRead,
  linkFitPages,
  linkWeightsFile,
  readLinkPage,
} from '../../scripts/links/fit';
import { mapPages } from '../../scripts/load-page';
import { digest } from '../../scripts/speakers/fit';

const committed = JSON.parse(readFileSync(LINK_WEIGHTS_FILE, 'utf8')) as ReturnType<
  typeof linkWeightsFile
>;

describe('lib/link/weights.json', () => {
  it('is exactly what `npm run fit` gives on the pages it is fitted on', async () => {
    const index = loadMatcher();
    const pages = await mapPages(linkFitPages(index), (page) => ({
      page,
      read: readLinkPage(page, index),
    }));
    expect(pages.length).toBeGreaterThan(100);
    const perPage = pages.map(({ page, read }) => examplesOfRead(page, read, index));
    expect(Object.keys(committed.data.digests).sort()).toEqual(perPage.map((p) => p.page).sort());
    for (const p of perPage) {
      expect([p.page, digest(p.examples)]).toEqual([p.page, committed.data.digests[p.page]]);
    }
    expect(linkWeightsFile(perPage, pages, index)).toEqual(committed);
    expect(LINK_MODEL.threshold).toBe(committed.threshold);
  }, 300_000);

  it('sets the threshold at the lowest confidence whose links are right often enough', () => {
    const links = [
      { confidence: 0.9, right: true },
      { confidence: 0.8, right: true },
      { confidence: 0.6, right: false },
      { confidence: 0.5, right: true },
    ];
    expect(chooseThreshold(links)).toBe(0.61);
    // Nothing reaches the precision wanted: the threshold with the best precision.
    expect(
      chooseThreshold([
        { confidence: 0.7, right: false },
        { confidence: 0.4, right: true },
      ]),
    ).toBe(0);
  });
});
