/**
 * `npm run fit`: fits the weights of the four decisions weighed from features — who said a
 * quotation (lib/attribution/weights.json), is the page news (lib/classify/news-weights.json),
 * is it about US–China relations (lib/classify/topic-weights.json), which corpus statement a
 * quotation reports (lib/link/weights.json) — on the parts fitting may read: the fit part of the
 * real-journalism labels, the written dev pages and the fit parts of the topic, voices and links
 * sets. The report parts and the test split are never read here.
 *   --only speakers,news,topic,links   some of them
 *   --cv     grouped cross-validation by page, held out from fitting (--grid: several penalties)
 *   --check  fit again and exit 1 when a committed weights file differs (it is stale)
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMatcher } from './annotate';
import { mapPages } from './load-page';
import { realPagesDir } from './real-pages';
import {
  crossValidateVerdict,
  readVerdictData,
  verdictWeightsFile,
  type Verdict,
} from './verdicts/fit';
import {
  chooseThreshold,
  examplesOfRead as linkExamplesOfRead,
  heldOutLinks,
  LINK_OPTIONS,
  linkAccuracy,
  linkFitPages,
  linkWeightsFile,
  readLinkPage,
} from './links/fit';
import { labeledPages, readLabeledPage, type Split } from './speakers/labeled';
import {
  accuracyOn,
  attributionAccuracy,
  digest,
  examplesOf,
  examplesOfRead,
  FIT_OPTIONS,
  fitWeights,
  type PageExamples,
} from './speakers/fit';

const repoDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const WEIGHTS_FILE = path.join(repoDir, 'lib', 'attribution', 'weights.json');
export const LINK_WEIGHTS_FILE = path.join(repoDir, 'lib', 'link', 'weights.json');
export const VERDICT_FILES: Record<Verdict, string> = {
  news: path.join(repoDir, 'lib', 'classify', 'news-weights.json'),
  topic: path.join(repoDir, 'lib', 'classify', 'topic-weights.json'),
};

export async function collectExamples(): Promise<PageExamples[]> {
  const index = loadMatcher();
  const realDir = realPagesDir();
  const pages = labeledPages(FIT_SPLITS);
  return mapPages(pages, (p) => examplesOf(p, index, realDir));
}

/** The labeled parts that fitting may read: never the report parts or the test split. */
const FIT_SPLITS = new Set<Split>(['fit', 'dev', 'topic-fit', 'voices-fit']);

/**
 * Grouped cross-validation by page: weights fitted without a fold's pages, measured on them as
 * the pipeline attributes (named-speaker accuracy), for each penalty.
 */
async function crossValidate(lambdas: number[], folds = 5): Promise<void> {
  const index = loadMatcher();
  const realDir = realPagesDir();
  const pages = await mapPages(labeledPages(FIT_SPLITS), (page) => ({
    page,
    read: readLabeledPage(page, index, realDir),
  }));
  const examples = pages.map(({ page, read }) => examplesOfRead(page, read, index));
  for (const lambda of lambdas) {
    let right = 0;
    let named = 0;
    const bySplit = new Map<string, { right: number; named: number }>();
    for (let k = 0; k < folds; k++) {
      const train = examples.filter((_, i) => i % folds !== k).flatMap((p) => p.examples);
      const { weights } = fitWeights(train, { ...FIT_OPTIONS, lambda });
      pages.forEach((p, i) => {
        if (i % folds !== k) return;
        const score = attributionAccuracy([p], weights, index);
        right += score.right;
        named += score.named;
        const s = bySplit.get(p.page.split) ?? { right: 0, named: 0 };
        s.right += score.right;
        s.named += score.named;
        bySplit.set(p.page.split, s);
      });
    }
    const parts = [...bySplit].map(([k, v]) => `${k} ${(v.right / v.named).toFixed(3)}`).join(', ');
    console.log(
      `lambda ${lambda}: held-out accuracy ${(right / named).toFixed(3)} (${right}/${named}; ${parts})`,
    );
  }
}

export function weightsFileFor(perPage: PageExamples[]) {
  const examples = perPage.flatMap((p) => p.examples);
  const { weights, loss } = fitWeights(examples);
  return {
    about:
      'Speaker attribution weights (lib/attribution/candidates.ts features), fitted by `npm run fit` on tests/eval/real/speakers.json (fit part) and tests/eval/labels.json (dev pages). Do not edit by hand.',
    command: 'npm run fit',
    options: FIT_OPTIONS,
    data: {
      pages: perPage.length,
      examples: examples.length,
      unreachable: perPage.reduce((a, p) => a + p.unreachable, 0),
      digests: Object.fromEntries(perPage.map((p) => [p.page, digest(p.examples)])),
    },
    loss,
    weights,
  };
}

async function main(argv: string[]): Promise<number> {
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
  const wanted = (what: string) => only === undefined || only.split(',').includes(what);
  const check = argv.includes('--check');
  let stale = false;
  const write = (file: string, value: unknown, what: string) => {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    if (check) {
      if (readFileSync(file, 'utf8') !== text) {
        console.error(`${path.relative(repoDir, file)} is stale: run \`npm run fit\``);
        stale = true;
      } else console.log(`${path.relative(repoDir, file)} is what \`npm run fit\` gives`);
      return;
    }
    writeFileSync(file, text);
    console.log(what);
  };

  if (wanted('news') || wanted('topic')) {
    const data = await readVerdictData(loadMatcher(), realPagesDir());
    for (const verdict of ['news', 'topic'] as const) {
      if (!wanted(verdict)) continue;
      if (argv.includes('--cv')) {
        const grid = argv.includes('--grid') ? [0.25, 0.5, 1, 2, 4] : [undefined];
        for (const lambda of grid) {
          const cv = crossValidateVerdict(verdict, data, 5, lambda);
          console.log(
            `${verdict}${lambda === undefined ? '' : ` lambda ${lambda}`}: held-out accuracy ${cv.accuracy.toFixed(3)}, precision ${cv.precision.toFixed(3)}, recall ${cv.recall.toFixed(3)} (${cv.examples} pages)`,
          );
          for (const part of cv.bySplit) {
            console.log(
              `    ${part.split}: accuracy ${part.accuracy.toFixed(3)}, precision ${part.precision.toFixed(3)}, recall ${part.recall.toFixed(3)} (${part.pages} pages)`,
            );
          }
        }
        continue;
      }
      const file = verdictWeightsFile(verdict, data);
      write(
        VERDICT_FILES[verdict],
        file,
        `${verdict}: fitted on ${file.data.pages} pages (${file.data.positives} positive), loss ${file.loss}`,
      );
    }
  }
  if (wanted('speakers')) {
    if (argv.includes('--cv')) {
      const grid = argv.includes('--grid') ? [0.5, 1, 2, 4, 8] : [FIT_OPTIONS.lambda];
      await crossValidate(grid);
    } else {
      const perPage = await collectExamples();
      const examples = perPage.flatMap((p) => p.examples);
      const file = weightsFileFor(perPage);
      write(
        WEIGHTS_FILE,
        file,
        `speakers: fitted on ${file.data.pages} pages, ${file.data.examples} quotations (${file.data.unreachable} with no right candidate); training accuracy ${accuracyOn(examples, file.weights).toFixed(3)}, loss ${file.loss}`,
      );
    }
  }
  // The links' features include who said each quotation: weighed with the speaker weights just
  // written, which this process loaded before, so in a fresh process.
  const speakersWritten = wanted('speakers') && !check && !argv.includes('--cv');
  if (wanted('links') && speakersWritten) {
    const child = spawnSync(
      process.execPath,
      [...process.execArgv, process.argv[1]!, '--only', 'links'],
      { stdio: 'inherit' },
    );
    if (child.status !== 0) return 1;
  } else if (wanted('links')) {
    const index = loadMatcher();
    const pages = await mapPages(linkFitPages(index), (page) => ({
      page,
      read: readLinkPage(page, index),
    }));
    const perPage = pages.map(({ page, read }) => linkExamplesOfRead(page, read, index));
    if (argv.includes('--cv')) {
      const grid = argv.includes('--grid') ? [0.25, 0.5, 1, 2, 4] : [LINK_OPTIONS.lambda];
      for (const lambda of grid) {
        const held = heldOutLinks(pages, perPage, index, { ...LINK_OPTIONS, lambda });
        const threshold = chooseThreshold(held.links);
        for (const t of [0, threshold]) {
          const shown = held.links.filter((l) => l.confidence >= t);
          const right = shown.filter((l) => l.right).length;
          console.log(
            `links lambda ${lambda}, threshold ${t}: held-out recall ${(right / held.labeled).toFixed(3)} (${right}/${held.labeled}), precision ${(right / Math.max(1, shown.length)).toFixed(3)} (${right}/${shown.length})`,
          );
        }
      }
    } else {
      const file = linkWeightsFile(perPage, pages, index);
      const fitted = linkAccuracy(pages, file, index);
      write(
        LINK_WEIGHTS_FILE,
        file,
        `links: fitted on ${file.data.pages} pages, ${file.data.examples} quotations (${file.data.unreachable} statements not considered); threshold ${file.threshold} (held-out precision ${file.heldOut.precision}, recall ${file.heldOut.recall}); training recall ${fitted.recall.toFixed(3)}, precision ${fitted.precision.toFixed(3)}, loss ${file.loss}`,
      );
    }
  }
  return stale ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(`fit: ${(error as Error).message}`);
      process.exitCode = 1;
    },
  );
}
