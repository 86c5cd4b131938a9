/**
 * `npm run lint:firefox`: Mozilla's add-on linter (web-ext lint, offline) over the Firefox
 * build. Any error fails, and so does any warning but one: Preact's own renderer assigns
 * `innerHTML` for `dangerouslySetInnerHTML`, a code path our code never takes (ESLint forbids
 * the prop), and the linter flags it in every bundle that contains Preact. That warning is
 * accepted only where the flagged text really is Preact's assignment.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cmd, type LintMessage } from 'web-ext';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = path.resolve(root, process.argv[2] ?? '.output/firefox-mv3');

/** Offset of a 1-based line and column in a text. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return -1;
    offset = next + 1;
  }
  return offset + column - 1;
}

/**
 * True when the warning points at Preact's `el.innerHTML = newHtml.__html` inside its
 * `dangerouslySetInnerHTML` branch (minified: `e.innerHTML=f.__html`).
 */
export function isPreactInnerHtml(message: LintMessage, dir: string): boolean {
  if (message.code !== 'UNSAFE_VAR_ASSIGNMENT' || !/innerHTML/.test(message.message)) return false;
  if (!message.file || message.line === undefined || message.column === undefined) return false;
  const file = path.join(dir, message.file);
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const at = offsetOf(text, message.line, message.column);
  if (at < 0) return false;
  const assignment = /^[\w$]+\.innerHTML=[\w$]+\.__html/.test(text.slice(at, at + 80));
  const branch = text.slice(Math.max(0, at - 600), at).includes('dangerouslySetInnerHTML');
  return assignment && branch;
}

/**
 * True when the warning points at one of the content script's two dynamic imports: the
 * extension's own packaged `page-reader.js` or `cards.js`, by `runtime.getURL` with a fixed path
 * (minified: `import(x.default.runtime.getURL(\`/cards.js\`))`). No page-supplied value
 * reaches them.
 */
export function isOwnBundleImport(message: LintMessage, dir: string): boolean {
  if (message.code !== 'UNSAFE_VAR_ASSIGNMENT' || !/call to import/.test(message.message)) {
    return false;
  }
  if (!message.file || message.line === undefined || message.column === undefined) return false;
  const file = path.join(dir, message.file);
  if (!existsSync(file)) return false;
  const text = readFileSync(file, 'utf8');
  const at = offsetOf(text, message.line, message.column);
  if (at < 0) return false;
  return /^import\([\w$.]*runtime\.getURL\([`'"]\/(?:page-reader|cards)\.js[`'"]\)\)/.test(
    text.slice(at, at + 80),
  );
}

function describe(message: LintMessage): string {
  const where = message.file
    ? `${message.file}${message.line !== undefined ? `:${message.line}:${message.column ?? 0}` : ''}`
    : 'add-on';
  return `  ${message._type.toUpperCase()} ${message.code} (${where}): ${message.message}`;
}

async function main(): Promise<number> {
  if (!existsSync(path.join(sourceDir, 'manifest.json'))) {
    console.error(`✖ No Firefox build at ${sourceDir}: run \`npm run build\` first.`);
    return 1;
  }
  const report = await cmd.lint({ sourceDir, output: 'none' }, { shouldExitProgram: false });
  const accepted = report.warnings.filter(
    (warning) => isPreactInnerHtml(warning, sourceDir) || isOwnBundleImport(warning, sourceDir),
  );
  const failing = [
    ...report.errors,
    ...report.warnings.filter((warning) => !accepted.includes(warning)),
  ];

  console.log(`web-ext lint ${path.relative(root, sourceDir)}:`);
  for (const message of failing) console.log(describe(message));
  for (const message of accepted) {
    const why = isOwnBundleImport(message, sourceDir)
      ? "the content script's import of the extension's own page-reader.js or cards.js"
      : "Preact's own dangerouslySetInnerHTML path";
    console.log(`${describe(message)}\n    accepted: ${why}`);
  }
  for (const message of report.notices) console.log(describe(message));
  const { errors, warnings, notices } = report.summary;
  console.log(
    `${failing.length === 0 ? '✔' : '✖'} ${errors} errors, ${warnings} warnings ` +
      `(${accepted.length} accepted), ${notices} notices`,
  );
  return failing.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      `✖ web-ext lint could not run: ${error instanceof Error ? error.stack : String(error)}`,
    );
    process.exit(1);
  },
);
