/**
 * The news and topic weights are data fitted by `npm run fit`: this fails when they are stale,
 * that is when the features the classifiers compute on the labeled pages, or the labels, are no
 * longer the ones the weights were fitted on, or when the weights are not what fitting gives.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMatcher } from '../../scripts/annotate';
import { VERDICT_FILES } from '../../scripts/fit';
import { digest } from '../../scripts/speakers/fit';
import {
  readVerdictData,
  verdictExample,
  verdictWeightsFile,
  type Verdict,
} from '../../scripts/verdicts/fit';
import { readVerdicts, verdictPages } from '../../scripts/verdicts/labeled';

const realDir =
  process.env.BILATERAL_REAL_PAGES ??
  path.join(__dirname, '..', '..', '..', 'shared', 'real-pages');
const haveRealPages = existsSync(path.join(realDir, 'index.json'));
const VERDICTS: Verdict[] = ['news', 'topic'];
const committed = (verdict: Verdict) =>
  JSON.parse(readFileSync(VERDICT_FILES[verdict], 'utf8')) as ReturnType<typeof verdictWeightsFile>;

describe('lib/classify/news-weights.json and topic-weights.json', () => {
  it('were fitted on what the classifiers read on the written pages today', () => {
    const index = loadMatcher();
    const pages = verdictPages(new Set(['dev', 'topic-fit', 'voices-fit']), realDir);
    expect(pages.length).toBeGreaterThan(100);
    for (const page of pages) {
      const read = readVerdicts(page, index, realDir);
      for (const verdict of VERDICTS) {
        const example = verdictExample(verdict, page, read);
        if (!example) continue;
        const now = digest(example.candidates[0]!.features);
        expect([verdict, page.file, now]).toEqual([
          verdict,
          page.file,
          committed(verdict).data.digests[page.file],
        ]);
      }
    }
  }, 240_000);

  it.runIf(haveRealPages)(
    'are exactly what `npm run fit` gives on every page they are fitted on',
    async () => {
      const data = await readVerdictData(loadMatcher(), realDir);
      for (const verdict of VERDICTS) {
        expect(verdictWeightsFile(verdict, data)).toEqual(committed(verdict));
      }
    },
    480_000,
  );
});
