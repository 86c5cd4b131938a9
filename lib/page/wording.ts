/**
 * Word-level differences between the wordings outlets gave the same statement. The first
 * wording is the reference: every other wording marks the words it does not share with it,
 * and the reference marks the words that at least one other wording lacks.
 */
import { diffWords } from 'diff';

export interface Segment {
  text: string;
  /** The words differ from the reference (or, in the reference, are missing somewhere else). */
  changed: boolean;
}

function merge(segments: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const segment of segments) {
    if (segment.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.changed === segment.changed) last.text += segment.text;
    else out.push({ ...segment });
  }
  return out;
}

/** Each wording split into changed and shared segments, in the order given. */
export function compareWordings(wordings: readonly string[]): Segment[][] {
  if (wordings.length === 0) return [];
  const reference = wordings[0]!;
  const missingInReference = new Array<boolean>(reference.length).fill(false);
  const others = wordings.slice(1).map((wording) => {
    const changes = diffWords(reference, wording, { ignoreCase: true });
    const segments: Segment[] = [];
    let at = 0;
    for (const change of changes) {
      if (change.removed) {
        // The change's value is the reference's own text here, so its length advances `at`.
        for (let i = at; i < at + change.value.length; i++) {
          if (/\S/.test(reference[i] ?? '')) missingInReference[i] = true;
        }
        at += change.value.length;
      } else if (change.added) {
        segments.push({ text: change.value, changed: /\S/.test(change.value) });
      } else {
        segments.push({ text: change.value, changed: false });
        at += change.value.length;
      }
    }
    return merge(segments);
  });
  const referenceSegments = merge(
    Array.from(reference, (char, i) => ({ text: char, changed: missingInReference[i]! })),
  );
  return [referenceSegments, ...others];
}
