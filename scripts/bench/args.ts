/** Command-line options of `npm run bench`. */

export interface BenchArgs {
  json: string | null;
  svg: string | null;
  pages: string | undefined;
  only: string[];
  runs: number;
  minSampleMs: number;
  maxStageMs: number;
  markjsCapMs: number;
  markjsActiveCapMs: number;
  readabilityCapMs: number;
  strict: boolean;
  profile: boolean;
  worktree: boolean;
  help: boolean;
}

export const USAGE = `Usage: npm run bench -- [options]

  --json FILE          write the results as JSON (design.md section 5)
  --svg FILE           where the chart goes (default docs/bench.svg, none with --only; --no-svg for none)
  --pages DIR          the real-pages folder (default: $BILATERAL_REAL_PAGES or ../shared/real-pages)
  --only TEXT          only pages whose name contains TEXT (repeatable)
  --runs N             runs per stage, the median is reported (default 5)
  --markjs-cap-ms N    stop mark.js after the keyword that crosses N ms (default 150)
  --markjs-active-cap-ms N   the same on US–China pages, where it is compared (default 5000)
  --worktree           measure lib/ as it is on disk (default: as committed at HEAD)
  --profile            print a CPU profile of one pipeline pass per page the gate lets through
  --strict             exit 1 when a budget does not hold
`;

export class ArgsError extends Error {}

function positive(flag: string, value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !Number.isFinite(n) || n <= 0) {
    throw new ArgsError(`${flag} needs a positive number, got ${value ?? 'nothing'}`);
  }
  return n;
}

const DEFAULT_SVG = 'docs/bench.svg';

export function parseArgs(argv: readonly string[]): BenchArgs {
  let svgChosen = false;
  const args: BenchArgs = {
    json: null,
    svg: DEFAULT_SVG,
    pages: undefined,
    only: [],
    runs: 5,
    minSampleMs: 10,
    maxStageMs: 150,
    markjsCapMs: 150,
    markjsActiveCapMs: 5000,
    readabilityCapMs: 300,
    strict: false,
    profile: false,
    worktree: false,
    help: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new ArgsError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--json':
        args.json = value();
        break;
      case '--svg':
        args.svg = value();
        svgChosen = true;
        break;
      case '--no-svg':
        args.svg = null;
        svgChosen = true;
        break;
      case '--pages':
        args.pages = value();
        break;
      case '--only':
        args.only.push(value());
        break;
      case '--runs':
        args.runs = Math.round(positive(flag, argv[++i]));
        break;
      case '--markjs-cap-ms':
        args.markjsCapMs = positive(flag, argv[++i]);
        break;
      case '--worktree':
        args.worktree = true;
        break;
      case '--profile':
        args.profile = true;
        break;
      case '--markjs-active-cap-ms':
        args.markjsActiveCapMs = positive(flag, argv[++i]);
        break;
      case '--strict':
        args.strict = true;
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        throw new ArgsError(`unknown option ${flag}\n\n${USAGE}`);
    }
  }
  // A run over some pages does not redraw the committed chart of all of them.
  if (args.only.length > 0 && !svgChosen) args.svg = null;
  return args;
}
