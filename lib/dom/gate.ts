/**
 * The gate: the cheap first look at every page. It decides from counts alone whether the page
 * holds an article-sized body of text, so pages without one cost almost nothing, and from the
 * same text whether the page names both the United States and China at all, so pages on other
 * subjects stop here too, before the matcher index is loaded.
 */
import { namesBothSides } from '../classify/sides';

export interface GateResult {
  passed: boolean;
  /** Characters of paragraph text counted (counting stops once the page qualifies). */
  chars: number;
  reason: string;
  /**
   * The title, the first heading or the paragraphs read name both sides (a US term and a China
   * term of the topic lexicon). False when the gate did not pass.
   */
  topical: boolean;
}

/** An article has at least this much paragraph text (a short wire brief has ~800). */
export const MIN_ARTICLE_CHARS = 700;
/** …in at least this many paragraphs of some length. */
export const MIN_PARAGRAPHS = 3;
const MIN_PARAGRAPH_CHARS = 60;
/** Counting stops here: enough to know, and bounded on huge pages. */
const MAX_PARAGRAPHS_READ = 400;
/**
 * The topic pre-check looks at this much of the text the gate read (title, first heading, the
 * paragraphs that qualified the page): a relevant article names both sides in its opening, and
 * the bound keeps the check within a fraction of a text pass on pages with giant paragraphs.
 */
const TOPIC_SCAN_CHARS = 4000;

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/g;

/** Length with CJK characters counted three times: one carries about a word's worth of text. */
function weightedLength(text: string): number {
  const cjk = text.match(CJK);
  return text.length + (cjk ? cjk.length * 2 : 0);
}

interface Counted {
  chars: number;
  long: number;
  /** The text read, for the topic terms. */
  texts: string[];
}

/** Paragraphs here are page furniture or editable, never article text. */
const EXCLUDED = 'nav, footer, aside, [contenteditable]:not([contenteditable="false"])';

/** Elements a block of text may be written in, whatever the page calls them. */
const BLOCKS = new Set(['DIV', 'SECTION', 'ARTICLE', 'LI', 'TD', 'SPAN']);
/** How many elements the fallback for pages without paragraphs looks at. */
const MAX_BLOCKS_SEEN = 3000;

/**
 * Divisions (and kin) whose children are text and inline elements only: the paragraphs of pages
 * that write none. Looks at a bounded number of elements.
 */
function leafBlocks(body: HTMLElement): Element[] {
  const found: Element[] = [];
  const all = body.getElementsByTagName('div');
  // Items by index, never `length`: a live collection counts all of a long page to answer it.
  for (let i = 0; i < MAX_BLOCKS_SEEN && found.length < MAX_PARAGRAPHS_READ; i++) {
    const el = all[i];
    if (!el) break;
    let leaf = true;
    for (let c = el.firstElementChild; c && leaf; c = c.nextElementSibling) {
      if (BLOCKS.has(c.tagName) || c.tagName === 'P') leaf = false;
    }
    if (leaf) found.push(el);
  }
  return found;
}

function qualifies({ chars, long }: Counted): boolean {
  return long >= MIN_PARAGRAPHS && chars >= MIN_ARTICLE_CHARS;
}

/** Counts until the page qualifies: on article pages that is a handful of paragraphs. */
function countParagraphs(list: ArrayLike<Element>, into: Counted): void {
  // Paragraphs mostly share their parent, so its ancestors are checked once per parent.
  let parent: Element | null = null;
  let parentExcluded = false;
  // Items by index until one is missing, never `length`: a live collection would count every
  // paragraph of a long page to answer it.
  for (let i = 0; i < MAX_PARAGRAPHS_READ && !qualifies(into); i++) {
    const p = list[i];
    if (!p) break;
    if (p.parentElement !== parent || parent === null) {
      parent = p.parentElement;
      parentExcluded = parent !== null && parent.closest(EXCLUDED) !== null;
    }
    if (parentExcluded || p.matches(EXCLUDED)) continue;
    const text = (p.textContent ?? '').trim();
    into.texts.push(text);
    const length = weightedLength(text);
    into.chars += length;
    if (length >= MIN_PARAGRAPH_CHARS) into.long++;
  }
}

export function gate(doc: Document): GateResult {
  if (!doc.body) return { passed: false, chars: 0, reason: 'no body', topical: false };
  const counted: Counted = {
    chars: 0,
    long: 0,
    texts: [doc.title, doc.body.getElementsByTagName('h1')[0]?.textContent ?? ''],
  };
  countParagraphs(doc.body.getElementsByTagName('p'), counted);
  if (!qualifies(counted)) {
    // Some CMSs write paragraphs as blocks named for them ("zn-body__paragraph").
    countParagraphs(doc.body.querySelectorAll('div[class*="paragraph"]'), counted);
  }
  if (!qualifies(counted)) {
    // Captured pages and apps write paragraphs as plain blocks: count blocks of text that hold
    // no other block.
    countParagraphs(leafBlocks(doc.body), counted);
  }
  if (!qualifies(counted)) {
    // Older pages break text with <br> inside one cell or block: count those blocks.
    const breaks = doc.body.getElementsByTagName('br');
    const blocks = new Set<Element>();
    for (let i = 0; i < MAX_PARAGRAPHS_READ; i++) {
      const br = breaks[i];
      if (!br) break;
      const parent = br.parentElement;
      if (parent && parent !== doc.body) blocks.add(parent);
    }
    const countPiece = (piece: string) => {
      const text = piece.trim();
      if (!text) return;
      counted.texts.push(text);
      const length = weightedLength(text);
      counted.chars += length;
      if (length >= MIN_PARAGRAPH_CHARS) counted.long++;
    };
    for (const block of blocks) {
      if (block.closest('nav, footer, aside')) continue;
      // Each run of text between breaks is a paragraph; a child with breaks of its own is
      // counted as its own block.
      let piece = '';
      for (const node of Array.from(block.childNodes)) {
        if (node.nodeName === 'BR' || blocks.has(node as Element)) {
          countPiece(piece);
          piece = '';
        } else {
          piece += node.textContent ?? '';
        }
      }
      countPiece(piece);
    }
  }
  const { chars, long } = counted;
  if (long < MIN_PARAGRAPHS) {
    return { passed: false, chars, reason: `${long} paragraphs of article length`, topical: false };
  }
  if (chars < MIN_ARTICLE_CHARS) {
    return {
      passed: false,
      chars,
      reason: `${chars} characters of paragraph text`,
      topical: false,
    };
  }
  const reason = `${long} paragraphs, ${chars} characters`;
  // One look over everything read, and only on a page that passed.
  const sides = namesBothSides(counted.texts.join('\n').slice(0, TOPIC_SCAN_CHARS));
  if (!sides.us || !sides.china) {
    const missing = sides.us ? 'China' : sides.china ? 'US' : 'US or China';
    const why = `${reason}; no ${missing} term in the title or the opening paragraphs`;
    return { passed: true, chars, reason: why, topical: false };
  }
  return { passed: true, chars, reason, topical: true };
}
