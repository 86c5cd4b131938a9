/**
 * Signature lines of embedded posts: a dash, who posted, and a handle, as social sites print
 * them under a post ("— Jane Doe (@janedoe) May 3, 2024").
 */

const SIGNATURE = /^\s*[—–-]\s*([^()\n]{2,60}?)\s*\(@\w{1,30}\)/u;

/** Whether a line is a post's signature. */
export function isSignatureLine(line: string): boolean {
  return SIGNATURE.test(line);
}

/** The length of a signature line's name part (after the dash, before the handle), or -1. */
export function signatureNameEnd(line: string): number {
  const m = SIGNATURE.exec(line);
  if (!m) return -1;
  return m.index + m[0].lastIndexOf('(');
}
