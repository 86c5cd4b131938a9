/**
 * `npm run test:e2e`: checks that both browsers, both builds, Xvfb and xdotool (for the headful
 * test of the keyboard command) are there (a missing one fails the run with how to get it;
 * nothing is skipped), then runs the end-to-end suite with vitest.
 * Extra arguments go to vitest (e.g. a file filter).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { BROWSERS, BROWSER_INFO, missingPrerequisite, missingXTools, ROOT } from './harness';

const problems = [...BROWSERS.map(missingPrerequisite), missingXTools()].filter(
  (problem) => problem !== null,
);
if (problems.length > 0) {
  for (const problem of problems) console.error(`✖ ${problem}`);
  console.error(
    'The end-to-end tests need both browsers, both builds, Xvfb and xdotool; nothing was run.',
  );
  process.exit(1);
}
for (const name of BROWSERS) {
  console.log(`${BROWSER_INFO[name].label}: ${BROWSER_INFO[name].executable}`);
}

const vitest = path.join(ROOT, 'node_modules/.bin/vitest');
const result = spawnSync(
  vitest,
  ['run', '--config', 'tests/e2e/vitest.config.ts', ...process.argv.slice(2)],
  { cwd: ROOT, stdio: 'inherit' },
);
if (result.error) {
  console.error(`✖ could not start vitest: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
