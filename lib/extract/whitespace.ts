/** Two spaces in a row, and any whitespace but a space: two plain scans beat one alternation. */
const DOUBLE_SPACE = / {2}/;
const OTHER_SPACE = /[^\S ]/;

/**
 * Runs of whitespace as one space, and none at either end. Most text it is given is collapsed
 * already (a paragraph's text read again), and that is found without building a new string.
 */
export function collapseWhitespace(text: string): string {
  return DOUBLE_SPACE.test(text) || OTHER_SPACE.test(text)
    ? text.replace(/\s+/g, ' ').trim()
    : text.trim();
}
