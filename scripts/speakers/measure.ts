/**
 * Speaker accuracy on labeled pages: of the quotations whose label names someone, how many the
 * pipeline gives to that person (a quotation it does not find counts as wrong), with the
 * precision of the names it reports and the kinds of mistakes.
 */
import { LEXICON } from '../../lib/doc/lexicon';
import { tokenize } from '../../lib/doc/tokens';
import type { MatcherIndex } from '../../lib/match/matcher';
import { isNamed, readLabeledPage, sameSpeaker, normName, type LabeledPage } from './labeled';
import { nextTurn } from '../load-page';

export interface SpeakerScore {
  pages: number;
  /** Quotations whose label names someone with high confidence (low-confidence labels aside). */
  named: number;
  /** Labels set aside because a careful reader could decide otherwise. */
  lowConfidence: number;
  /** …given to that person. */
  right: number;
  /** …given to no one. */
  none: number;
  /** …given to someone else. */
  wrong: number;
  /** …not found as a quotation at all. */
  unmatched: number;
  /** …given to a part of the labeled name ("Clarke" for "Steve Clarke"). */
  partial: number;
  /** Reported speakers on labeled quotations, and how many were right. */
  reported: number;
  reportedRight: number;
  /** Reported speakers that are places or words that are no names. */
  notNames: string[];
}

/** A reported name that cannot be anyone's: a place, or no capitalised word at all. */
function notAName(name: string, kind: string | undefined): boolean {
  if (kind === 'place') return true;
  const tokens = tokenize(name).filter((t) => t.kind !== 'punct');
  if (tokens.length === 0) return true;
  if (LEXICON.places.matchAt(tokens, 0) === tokens.length) return true;
  // No capitalised word at all, or a lone ordinary or title word ("General", "Officials").
  if (tokens.every((t) => t.kind === 'word' && !t.cap && !t.upper)) return true;
  if (
    tokens.length === 1 &&
    (LEXICON.notNames.has(tokens[0]!.key) || LEXICON.titles.hasWord(tokens[0]!.key))
  )
    return true;
  // An article opening it: a description, not a name ("A group", "The company").
  return tokens[0]!.kind === 'word' && LEXICON.indefinites.has(tokens[0]!.key);
}

export async function measureSpeakers(
  pages: readonly LabeledPage[],
  index: MatcherIndex,
  realDir: string,
  miss?: (page: LabeledPage, line: string) => void,
): Promise<SpeakerScore> {
  const s: SpeakerScore = {
    pages: pages.length,
    named: 0,
    lowConfidence: 0,
    right: 0,
    none: 0,
    wrong: 0,
    unmatched: 0,
    partial: 0,
    reported: 0,
    reportedRight: 0,
    notNames: [],
  };
  for (const page of pages) {
    await nextTurn();
    const { result, model, quoteOf } = readLabeledPage(page, index, realDir);
    const byStart = new Map(result.annotation.quotes.map((q) => [q.span.start, q]));
    page.labels.forEach((label, i) => {
      if (label.low) {
        s.lowConfidence++;
        return;
      }
      const at = quoteOf[i]!;
      const named = isNamed(label);
      if (named) s.named++;
      const clip = label.text.length > 50 ? `${label.text.slice(0, 47)}…` : label.text;
      if (at < 0) {
        if (named) {
          s.unmatched++;
          miss?.(page, `quote not found “${clip}” (${label.speaker})`);
        }
        return;
      }
      const docQuote = model.quotes[at]!;
      const speaker = byStart.get(docQuote.start)?.speaker ?? null;
      if (speaker) {
        s.reported++;
        const kind = speaker.entityId ? index.entities[speaker.entityId]?.type : undefined;
        if (notAName(speaker.name, kind)) s.notNames.push(`${page.file}: ${speaker.name}`);
      }
      const right = named
        ? speaker !== null && sameSpeaker(speaker.name, speaker.entityId, label.speaker!, index)
        : speaker === null;
      if (speaker && right) s.reportedRight++;
      if (!named) {
        if (!right) miss?.(page, `“${clip}”: ${speaker?.name} for an unnamed or no speaker`);
        return;
      }
      if (right) s.right++;
      else if (speaker === null) {
        s.none++;
        miss?.(page, `“${clip}”: nobody, labeled ${label.speaker}`);
      } else {
        s.wrong++;
        const said = normName(speaker.name).split(' ');
        const want = normName(label.speaker!).split(' ');
        if (said.length < want.length && said.every((w) => want.includes(w))) s.partial++;
        miss?.(page, `“${clip}”: ${speaker.name}, labeled ${label.speaker}`);
      }
    });
  }
  return s;
}
