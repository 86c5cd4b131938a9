/**
 * Republishers' noise: lines and paragraphs that sit inside an article's text but are not the
 * article (navigation, "See also …" link spam, ad-break markers, author bios, comment prompts).
 * Pure string tests, so the same rules clean the corpus at build time and web pages in the
 * content script. Patterns are anchored to the whole paragraph, so a sentence of the article
 * that merely contains "read more" is kept.
 */

import { collapseWhitespace } from './whitespace';

export type NoiseKind =
  /** Breadcrumbs, "Back to top", "Home News …". */
  | 'navigation'
  /** "See also …", "Also read …", "Read also …": a link to another story. */
  | 'see-also'
  /** Headings of related-link blocks: "Related Posts", "More about …". */
  | 'related'
  /** Ad-break markers: "Advertisement", "sequel after announcement". */
  | 'ad'
  /** A byline or a lone author name. */
  | 'byline'
  /** An author biography. */
  | 'bio'
  /** Comment prompts: "Leave a Reply", "Your email address will not be published". */
  | 'comments'
  /** "Read more at Bloomberg.com", "Source: Blick": pointers to where the story came from. */
  | 'source-link'
  /** A bare date line or "Updated on …". */
  | 'dateline'
  /** Leftover markup, image file names, gallery counters. */
  | 'debris'
  /** "Follow:", "Share", social buttons. */
  | 'social';

const RULES: readonly (readonly [NoiseKind, RegExp])[] = [
  [
    'see-also',
    /^(see also|also read|read also|lire aussi|à lire aussi|siehe auch|lesen sie auch|mehr zum thema)\b[\s:>»-]/i,
  ],
  ['see-also', /^(read more|more on this story|related)\s*:/i],
  [
    'ad',
    /^(advertisement|advertising|ad|anzeige|werbung|publicité|sponsored( content)?|sequel after (this )?(announcement|advertisement)|la suite après (cette )?(publicité|l'annonce)|continue reading (below|after)( the)?( advertisement| ad)?|story continues below( advertisement)?|article continues (below|after)( advertisement)?)\.?$/i,
  ],
  [
    'related',
    /^(related( posts| news| articles| stories| content| coverage)?|more (news|stories|articles)( on| about| from)? ?[^.!?]{0,60}|more about [^.!?]{1,60}|recommended( for you)?|you may also like|you might also like|trending( now)?|most read|popular( now)?|in other news|top stories)$/i,
  ],
  [
    'comments',
    /^(leave a (reply|comment)|post a comment|add a comment|comments?( \(\d+\))?|\d+ comments?|your email address will not be published\..*|required fields are marked.*|cancel reply|join the (conversation|discussion)|show comments)$/i,
  ],
  [
    'source-link',
    /^(read (more|the full story|the original) (at|on) \S+|source: [^.]{1,60}|originally published (at|on|by) .{1,80}|via [A-Z][\w.]+)$/i,
  ],
  [
    'navigation',
    /^(back to top|skip to (main )?content|home|menu|search|home [›»>/|] .{0,200}|home news\b.*)$/i,
  ],
  [
    'social',
    /^(follow( us)?( on .{1,40})?:?|share( this( article| story)?)?:?|tweet|share on (facebook|twitter|x|whatsapp|linkedin)|facebook|twitter|whatsapp|linkedin|email|print)$/i,
  ],
  // "By Jane Doe", "By Jane Doe and John Roe", "by admin"; not "By Monday the talks had ended".
  [
    'byline',
    /^([Bb]y|[Vv]on|[Pp]ar) ((admin|staff|editor|redaction|rédaction|redaktion)|[\p{Lu}][\p{L}'’.-]*( [\p{Lu}][\p{L}'’.-]*){0,3}((,| and| und| et) [\p{Lu}][\p{L}'’.-]*( [\p{Lu}][\p{L}'’.-]*){0,3})*)$/u,
  ],
  [
    'dateline',
    /^((updated|published|posted|aktualisiert|mis à jour)( on| am| le)?:? )?(\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2}\.? (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zä]*\.? \d{4})( (at )?\d{1,2}:\d{2}( ?[ap]\.?m\.?)?( [A-Z]{2,4})?)?$/i,
  ],
  [
    'debris',
    /^(class=|<\/?[a-z][^>]*>?$|[\w-]+\.(jpe?g|png|gif|webp|svg)$|\d+\s*\/\s*\d+$|[\w-]*=[”"'][^”"']*[”"']>?$)/i,
  ],
  // An author's self-description: "I am Jane Doe, a passionate journalist …".
  [
    'bio',
    /^(i am|i'm|i’m) [\p{Lu}][\p{L}'’-]+( [\p{Lu}][\p{L}'’-]+)+, (an? |the )?.{0,80}\b(journalist|writer|editor|author|reporter|blogger|correspondent)\b/iu,
  ],
  [
    'bio',
    /^[\p{Lu}][\p{L}'’-]+( [\p{Lu}][\p{L}'’-]+)+ is an? .{0,60}\b(journalist|writer|editor|author|reporter|blogger|correspondent)\b.{0,300}$/u,
  ],
  // Byline glued to a job title: "John HilligEditor News".
  [
    'byline',
    /^[\p{Lu}][\p{Ll}'’-]+ [\p{Lu}][\p{Ll}'’-]+(Editor|Reporter|Correspondent|Redakteur(in)?)\b.{0,30}$/u,
  ],
];

/** Longer than any stock bio: a dozen of its short sentences. */
const STOCK_BIO_MAX_CHARS = 600;

/** "Beer nerd. Food fanatic. Alcohol scholar." — a stock bio of short two-word sentences. */
function isStockBio(text: string): boolean {
  // Checked before the text is cut into sentences: most paragraphs are article text.
  if (text.length > STOCK_BIO_MAX_CHARS || /\d/.test(text)) return false;
  const stripped = text.replace(/^["“]|["”]$/g, '');
  const sentences = stripped.split(/(?<=\.)\s+/).filter(Boolean);
  // Box scores and lists of figures are made of short sentences too, but carry digits (above).
  if (sentences.length < 4) return false;
  return sentences.every((s) => /^[\p{Lu}][^.]{0,40}\.$/u.test(s) && s.split(/\s+/).length <= 5);
}

/**
 * What kind of noise a paragraph (or line) is, or null when it reads as article text.
 * Whitespace is collapsed first; empty text is not noise.
 */
export function noiseKind(text: string): NoiseKind | null {
  const t = collapseWhitespace(text);
  if (!t) return null;
  for (const [kind, pattern] of RULES) if (pattern.test(t)) return kind;
  if (isStockBio(t)) return 'bio';
  return null;
}

/**
 * Noise that ends the article: everything after it is the republisher's footer (author box,
 * comments, related posts), even lines that would pass on their own.
 */
const ENDS_ARTICLE: ReadonlySet<NoiseKind> = new Set(['source-link', 'comments']);

/** Noise that, as the first line of a block, makes the whole block a list of links. */
const BLOCK_HEADINGS: ReadonlySet<NoiseKind> = new Set(['related', 'see-also']);

export interface Paragraph {
  text: string;
  /** Offset of the paragraph's first character in the text it was cut from. */
  start: number;
}

export interface CleanedText {
  /** Paragraphs that are article text, in order, verbatim. */
  kept: Paragraph[];
  /** Paragraphs dropped, with the reason. */
  dropped: (Paragraph & { kind: NoiseKind | 'footer' })[];
}

/** Cuts text into paragraphs at blank lines (single newlines stay inside a paragraph). */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const pattern = /[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*/g;
  for (const match of text.matchAll(pattern)) {
    const raw = match[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) paragraphs.push({ text: trimmed, start: match.index + lead });
  }
  return paragraphs;
}

/**
 * Splits plain text into paragraphs and drops the noise: each line judged by `noiseKind`, a
 * related-links block judged by its heading line, and everything after a
 * footer marker ("Source: …", "Read more at …", a comment prompt) dropped as
 * footer once the article has had some text.
 */
export function dropNoise(text: string): CleanedText {
  const kept: Paragraph[] = [];
  const dropped: CleanedText['dropped'] = [];
  let footer = false;
  const judge = (paragraph: Paragraph) => {
    if (footer) {
      dropped.push({ ...paragraph, kind: 'footer' });
      return;
    }
    const kind = noiseKind(paragraph.text);
    if (!kind) {
      kept.push(paragraph);
      return;
    }
    dropped.push({ ...paragraph, kind });
    if (ENDS_ARTICLE.has(kind) && kept.length > 0) footer = true;
  };
  for (const block of splitParagraphs(text)) {
    const lines = block.text.split('\n');
    const heading = lines.length > 1 ? noiseKind(lines[0]!) : null;
    if (!footer && heading && BLOCK_HEADINGS.has(heading)) {
      dropped.push({ ...block, kind: heading });
      continue;
    }
    // Lines of one block are judged one by one: a photo caption, a file name and a byline
    // often arrive glued together without blank lines between them.
    let offset = block.start;
    for (const line of lines) {
      const lead = line.length - line.trimStart().length;
      if (line.trim()) judge({ text: line.trim(), start: offset + lead });
      offset += line.length + 1;
    }
  }
  return { kept, dropped };
}
