/**
 * Article-body extraction over a live Document, in one pass and without cloning it: the page's
 * text is grouped into paragraph units (text under the same nearest block element), the units'
 * scores flow to their ancestors, the best-scoring container wins, and its units are kept unless
 * they sit in page furniture (navigation, related stories, share bars, comments, captions…) or
 * are mostly links. The result names the elements to map, so the text map covers just the body
 * and every offset still leads back to a text node of the page.
 */
import { runSteps } from '../steps';
import { BLOCK_TAGS, isExcludedElement } from '../dom/textmap';
import { collapseWhitespace } from './whitespace';

export interface BodyParagraph {
  element: Element;
  /** The paragraph's own text nodes, in document order (nested paragraphs are separate). */
  nodes: Text[];
  /** Text with whitespace collapsed. */
  text: string;
  heading: boolean;
}

export interface BodyResult {
  /** The container the body was found in, or null when the page has no body of text. */
  root: Element | null;
  /** The kept paragraphs in the order their text begins. */
  paragraphs: BodyParagraph[];
  /** The body as text: paragraphs separated by blank lines. */
  text: string;
  /** Where the body came from, for people reading eval output. */
  via: string;
  /** Visible text characters in the page (the part looked at), and how many are link text. */
  pageChars: number;
  pageLinkChars: number;
  /** True when `maxScanChars` stopped the walk: the page's text after that point was not seen. */
  partial?: boolean;
}

/** Class/id words of containers that hold article text. */
const POSITIVE =
  /article|story|entry|post-?(body|content|text)|\bbody\b|body-?(text|copy)|content|main|text|blog|hentry|h-entry|prose|rich-?text/i;
/** Class/id words of page furniture: what sits around an article. */
const NEGATIVE =
  /comment|disqus|related|recirc|more-?(stories|news|from)|read-?more|recommend|promo|sponsor|advert|\bads?\b|-ad-|ad-?(slot|unit|container|wrapper)|outbrain|taboola|share|sharing|social|newsletter|subscribe|signup|sign-up|cookie|consent|gdpr|banner|breadcrumb|masthead|\bnav|menu|sidebar|widget|footer|header|popup|modal|toolbar|pagination|pager|\btags?\b|tag-?list|caption|credit|byline|author-?(bio|info|box)|bio-?box|dateline|timestamp|meta|print|hidden|skip|jump|trending|most-?(read|popular|viewed)|right-?rail|side-?rail|teaser|topics|feedback|rating|survey|poll|video-?player|gallery|carousel|slideshow|inline-?(link|related)|whatsapp|email-?(signup|alert)|alert|notice|paywall|piano|login|signin|donate|contact|tooltip|headline|\btitle|kicker|buckets?|infobox|navbox|\btoc\b|table-of-contents/i;
/** Words that rescue an element whose class also names furniture ("article-header" still fails). */
const BODY_WORDS =
  /article-?body|story-?body|entry-?content|post-?content|article-?content|article-?text|body-?text|main-?content|page-?content|story-?content|articlebody|post-?body|text-?body|content-?body|paywall-?content/i;

const FURNITURE_TAGS = new Set([
  'NAV',
  'ASIDE',
  'FOOTER',
  'HEADER',
  'FORM',
  'FIGURE',
  'FIGCAPTION',
  'MENU',
  'DIALOG',
  'H1',
  'ADDRESS',
  'TIME',
  'CAPTION',
]);
/** Tags whose element is one paragraph, never a container. */
const PARAGRAPH_TAGS = new Set([
  'P',
  'LI',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'PRE',
  'BLOCKQUOTE',
  'DD',
  'DT',
  'TD',
  'TH',
  'FIGCAPTION',
  'ADDRESS',
  'SUMMARY',
]);
const HEADING_TAGS = new Set(['H2', 'H3', 'H4', 'H5', 'H6']);
const TAG_WEIGHT: Record<string, number> = {
  ARTICLE: 10,
  MAIN: 5,
  SECTION: 2,
  DIV: 5,
  PRE: 3,
  TD: 3,
  BLOCKQUOTE: 3,
  ADDRESS: -3,
  OL: -3,
  UL: -3,
  DL: -3,
  DD: -3,
  DT: -3,
  LI: -3,
  FORM: -3,
  H1: -5,
  H2: -5,
  H3: -5,
  H4: -5,
  H5: -5,
  H6: -5,
  TH: -5,
};
/** Paragraph units shorter than this do not vote for their container. */
const MIN_SCORED_CHARS = 25;
const COMMAS = /[,，、،]/g;
const ARTICLE_TYPES =
  /^(NewsArticle|Article|ReportageNews|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|BlogPosting|Report|LiveBlogPosting|ScholarlyArticle|TechArticle|SocialMediaPosting)$/;

interface Unit {
  element: Element;
  nodes: Text[];
  chars: number;
  linkChars: number;
  text: string;
  /** Indexes into `nodes` where a <br> comes before the node: a line of its own begins. */
  breaks: number[];
  /** Whether a <br> came since the unit's last text node. */
  broken: boolean;
}

interface Tally {
  /** Index of the first and last paragraph unit inside the element. */
  first: number;
  last: number;
  chars: number;
  linkChars: number;
  score: number;
  /** Whether the element has been scored as a candidate container. */
  candidate: boolean;
}

/** Layout words that describe a wrapper's neighbours, not the wrapper: "has-sidebar". */
const LAYOUT = /\b(?:has|with|w|no|and)-(?:sidebar|rail|header|footer|nav|menu|ads?)\b/gi;

function hintsOf(element: Element): string {
  const id = element.getAttribute('id') ?? '';
  const cls = element.getAttribute('class') ?? '';
  const role = element.getAttribute('role') ?? '';
  const itemprop = element.getAttribute('itemprop') ?? '';
  return `${id} ${cls} ${role} ${itemprop}`.replace(LAYOUT, ' ');
}

/** Class and id tokens that name an article container on their own. */
const POSITIVE_TOKEN =
  /^(article|story|entry|post|content|main|body|text|blog|hentry|h-entry|prose|articlebody|maincontent|main-content|page-content)$/i;

function classWeight(element: Element): number {
  const hints = hintsOf(element);
  if (hints.trim() === '') return 0;
  let weight = 0;
  const furniture = NEGATIVE.test(hints);
  if (BODY_WORDS.test(hints)) weight += 25;
  else if (!furniture && hints.split(/\s+/).some((token) => POSITIVE_TOKEN.test(token)))
    weight += 25;
  else if (!furniture && POSITIVE.test(hints)) weight += 10;
  if (furniture && !BODY_WORDS.test(hints)) weight -= 25;
  return weight;
}

function hiddenByStyle(element: Element): boolean {
  const style = element.getAttribute('style');
  return style !== null && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

/** Whether an element is furniture by its tag, role or class/id words. */
function isFurniture(element: Element): boolean {
  if (FURNITURE_TAGS.has(element.tagName)) return true;
  const role = element.getAttribute('role');
  if (
    role &&
    /^(navigation|banner|contentinfo|complementary|search|menu|menubar|dialog|alert)$/.test(role)
  ) {
    return true;
  }
  const hints = hintsOf(element);
  return NEGATIVE.test(hints) && !BODY_WORDS.test(hints);
}

/** The `articleBody` of the page's schema.org article, if the page declares one. */
export function schemaArticleBody(doc: Document): string | null {
  const scripts = doc.getElementsByTagName('script');
  let best: string | null = null;
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const type = record['@type'];
    const types = Array.isArray(type) ? type : [type];
    const body = record['articleBody'];
    if (
      typeof body === 'string' &&
      types.some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t)) &&
      (best === null || body.length > best.length)
    ) {
      best = body;
    }
    for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'hasPart']) {
      if (key in record) visit(record[key], depth + 1);
    }
  };
  for (const script of Array.from(scripts)) {
    if ((script.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json')
      continue;
    try {
      visit(JSON.parse(script.textContent ?? ''), 0);
    } catch {
      // A page's broken JSON-LD is the page's problem; the DOM still decides.
    }
  }
  return best;
}

/** Word 3-gram keys of a text, for recognising which paragraphs the schema body contains. */
function trigrams(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const keys: string[] = [];
  if (words.length < 3) return words.length > 0 ? [words.join(' ')] : [];
  for (let i = 0; i + 3 <= words.length; i++)
    keys.push(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return keys;
}

export interface BodyOptions {
  /** A classifier of boilerplate paragraphs ("See also", "Leave a Reply"); null keeps the text. */
  noise?: (text: string) => string | null;
  debug?: (line: string) => void;
  /**
   * Look at about this many characters of the page's text, in document order, and no more: a
   * page a hundred times a long read's length costs what a long read costs, in time and memory.
   * The paragraph the walk stops in is left out whole.
   */
  maxScanChars?: number;
}

/** The body of an article in one go. */
export function extractBody(doc: Document, options: BodyOptions = {}): BodyResult {
  return runSteps(extractBodySteps(doc, options));
}

/** Nodes walked between two points where a caller may give the page's thread back. */
const NODES_PER_STEP = 1500;
/** And the stages after it every so many blocks of text. */
const UNITS_PER_STEP = 200;

/**
 * `extractBody` as steps: a long page's walk is broken up every NODES_PER_STEP nodes, and the
 * scoring after it at each of its stages, so no one step holds the page's thread for long.
 */
export function* extractBodySteps(
  doc: Document,
  options: BodyOptions = {},
): Generator<void, BodyResult, void> {
  const body = doc.body;
  const empty: BodyResult = {
    root: null,
    paragraphs: [],
    text: '',
    via: 'no text',
    pageChars: 0,
    pageLinkChars: 0,
  };
  if (!body) return empty;

  // 1. Paragraph units: text grouped by its nearest block element.
  const blockOf = new Map<Element, Element>();
  const linkOf = new Map<Element, boolean>();
  // The ancestor walks below are loops, not recursion: pages nest elements thousands deep,
  // past what the call stack holds. Each remembers its answer for every element it passed.
  const nearestBlock = (element: Element): Element => {
    const passed: Element[] = [];
    let block: Element;
    for (let el: Element = element; ; el = el.parentElement!) {
      const known = blockOf.get(el);
      if (known) {
        block = known;
        break;
      }
      passed.push(el);
      if (el === body || BLOCK_TAGS.has(el.tagName) || !el.parentElement) {
        block = el;
        break;
      }
    }
    for (const el of passed) blockOf.set(el, block);
    return block;
  };
  const inLink = (element: Element): boolean => {
    const passed: Element[] = [];
    let result = false;
    for (let el: Element | null = element; el; el = el.parentElement) {
      const known = linkOf.get(el);
      if (known !== undefined) {
        result = known;
        break;
      }
      passed.push(el);
      if (el.tagName === 'A') {
        result = true;
        break;
      }
      if (el === body || BLOCK_TAGS.has(el.tagName)) break;
    }
    for (const el of passed) linkOf.set(el, result);
    return result;
  };

  const units: Unit[] = [];
  const unitOf = new Map<Element, Unit>();
  const maxScanChars = options.maxScanChars ?? Infinity;
  let scanned = 0;
  let partial = false;
  // No filter callback: calling into a filter for every node costs more than the walk itself.
  // An excluded element's subtree is skipped by moving to its last node before going on.
  const walker = doc.createTreeWalker(body, 0x1 | 0x4);
  let walked = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (++walked % NODES_PER_STEP === 0) yield;
    if (node.nodeType !== 3) {
      const element = node as Element;
      if (isExcludedElement(element) || hiddenByStyle(element)) {
        while (walker.lastChild()) continue;
        continue;
      }
      // Old layouts set paragraphs apart with <br> or <br><br> inside one block.
      if (element.tagName === 'BR' && node.parentElement) {
        const unit = unitOf.get(nearestBlock(node.parentElement));
        if (unit) unit.broken = true;
      }
      continue;
    }
    const data = (node as Text).data;
    if (!/\S/.test(data)) continue;
    const parent = node.parentElement;
    if (!parent) continue;
    const block = nearestBlock(parent);
    let unit = unitOf.get(block);
    if (!unit) {
      unit = {
        element: block,
        nodes: [],
        chars: 0,
        linkChars: 0,
        text: '',
        breaks: [],
        broken: false,
      };
      unitOf.set(block, unit);
      units.push(unit);
    }
    if (unit.broken && unit.nodes.length > 0) unit.breaks.push(unit.nodes.length);
    unit.broken = false;
    unit.nodes.push(node as Text);
    if (inLink(parent)) unit.linkChars += collapseWhitespace(data).length;
    scanned += data.length;
    if (scanned > maxScanChars) {
      // The walk stops inside this paragraph: the rest of its text was not seen.
      partial = true;
      units.splice(units.indexOf(unit), 1);
      unitOf.delete(unit.element);
      break;
    }
  }
  for (let index = 0; index < units.length; index++) {
    if (index % UNITS_PER_STEP === UNITS_PER_STEP - 1) yield;
    const unit = units[index]!;
    const breaks = new Set(unit.breaks);
    unit.text = collapseWhitespace(
      unit.nodes.map((n, i) => (breaks.has(i) ? ` ${n.data}` : n.data)).join(''),
    );
    unit.chars = unit.text.length;
    unit.linkChars = Math.min(unit.linkChars, unit.chars);
  }
  if (units.length === 0) return empty;

  yield;
  // 2. Text and link totals for every ancestor; Readability-style scores for containers.
  const tallies = new Map<Element, Tally>();
  const tallyOf = (element: Element): Tally => {
    let tally = tallies.get(element);
    if (!tally) {
      tally = { first: -1, last: -1, chars: 0, linkChars: 0, score: 0, candidate: false };
      tallies.set(element, tally);
    }
    return tally;
  };
  const schemaBody = schemaArticleBody(doc);
  const schemaKeys = schemaBody && schemaBody.length >= 200 ? new Set(trigrams(schemaBody)) : null;
  const inSchema = new Set<Unit>();

  // titlesBefore[i]: how many title-level headings come before unit i.
  const titlesBefore: number[] = [];
  let titles = 0;
  for (const [index, unit] of units.entries()) {
    if (index % UNITS_PER_STEP === UNITS_PER_STEP - 1) yield;
    titlesBefore.push(titles);
    // A page title, or a linked headline as on a list of stories; a plain subhead is not one.
    const tag = unit.element.tagName;
    if (tag === 'H1' || (/^H[23]$/.test(tag) && unit.linkChars > unit.chars / 2)) titles++;
    for (let el: Element | null = unit.element; el; el = el.parentElement) {
      const tally = tallyOf(el);
      if (tally.first < 0) tally.first = index;
      tally.last = index;
      tally.chars += unit.chars;
      tally.linkChars += unit.linkChars;
      if (el === body) break;
    }
    if (schemaKeys && unit.chars >= 15) {
      const keys = trigrams(unit.text);
      const hits = keys.filter((k) => schemaKeys.has(k)).length;
      if (keys.length > 0 && hits / keys.length >= 0.6) inSchema.add(unit);
    }
  }

  // Text inside furniture (comments, related stories, sidebars) does not vote, unless the
  // "furniture" holds most of the page (a wrapper with an unlucky class name).
  const pageChars = tallyOf(body).chars;
  const voteless = new Map<Element, boolean>();
  const isVoteless = (element: Element): boolean => {
    // Up to the first element already decided (or the body), then decided top down.
    const passed: Element[] = [];
    let above = false;
    for (let el: Element | null = element; el; el = el.parentElement) {
      const known = voteless.get(el);
      if (known !== undefined) {
        above = known;
        break;
      }
      if (el === body) {
        voteless.set(el, false);
        break;
      }
      passed.push(el);
    }
    for (let i = passed.length - 1; i >= 0; i--) {
      const el = passed[i]!;
      const own = isFurniture(el) && tallyOf(el).chars < pageChars * 0.4;
      above = own || above;
      voteless.set(el, above);
    }
    return above;
  };
  for (let index = 0; index < units.length; index++) {
    if (index % UNITS_PER_STEP === UNITS_PER_STEP - 1) yield;
    const unit = units[index]!;
    if (unit.chars < MIN_SCORED_CHARS) continue;
    if (!inSchema.has(unit) && isVoteless(unit.element)) continue;
    if (unit.linkChars / unit.chars > 0.5) continue;
    const commas = (unit.text.match(COMMAS) ?? []).length;
    let points = 1 + commas + Math.min(Math.floor(unit.chars / 100), 3);
    if (inSchema.has(unit)) points *= 3;
    let level = 0;
    // A DIV or SECTION holding text directly is its own container; a P votes for its parent.
    const start = PARAGRAPH_TAGS.has(unit.element.tagName)
      ? unit.element.parentElement
      : unit.element;
    for (let el = start; el && level < 5; el = el.parentElement, level++) {
      const tally = tallyOf(el);
      if (!tally.candidate) {
        tally.candidate = true;
        tally.score += TAG_WEIGHT[el.tagName] ?? 0;
        // A class name vouches for a container only as far as it holds text: a tiny
        // "article-summary" box must not outrank the article.
        const weight = classWeight(el);
        tally.score += weight > 0 ? weight * Math.min(1, tally.chars / 1500) : weight;
      }
      tally.score += points / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
      if (el === body) break;
    }
  }

  let root: Element | null = null;
  let best = -Infinity;
  for (const [element, tally] of tallies) {
    if (!tally.candidate || tally.chars === 0) continue;
    const final = tally.score * (1 - tally.linkChars / tally.chars);
    if (final > best) {
      best = final;
      root = element;
    }
  }
  if (!root) {
    return {
      ...empty,
      pageChars,
      pageLinkChars: tallyOf(body).linkChars,
      ...(partial ? { partial } : {}),
    };
  }
  if (options.debug) {
    const top = [...tallies]
      .filter(([, t]) => t.candidate)
      .map(([e, t]) => [e, t.score * (1 - t.linkChars / Math.max(1, t.chars)), t] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8);
    for (const [e, f, t] of top)
      options.debug(
        `${describe(e)} final=${f.toFixed(1)} score=${t.score.toFixed(1)} chars=${t.chars} links=${t.linkChars}`,
      );
  }

  // A container that holds a paragraph-per-child body often sits one level below the real one
  // (the text split into several sibling blocks around ads); climb while the parent's paragraphs
  // outweigh the candidate clearly and are not mostly links.
  for (let parent = root.parentElement; parent && parent !== body.parentElement;) {
    const up = tallies.get(parent);
    const here = tallies.get(root)!;
    if (!up || !up.candidate) break;
    const upFinal = up.score * (1 - up.linkChars / Math.max(1, up.chars));
    const hereFinal = here.score * (1 - here.linkChars / Math.max(1, here.chars));
    if (upFinal < hereFinal * 0.9 || isFurniture(parent)) break;
    root = parent;
    parent = parent.parentElement;
  }

  yield;
  // 3. Articles split into several blocks (around ads, behind a "read more"): the root's
  // siblings that score well, are paragraphs themselves, or are built like the root join it,
  // and so do same-class containers elsewhere that score well.
  const finalOf = (tally: Tally) =>
    tally.candidate ? tally.score * (1 - tally.linkChars / Math.max(1, tally.chars)) : 0;
  const rootFinal = finalOf(tallies.get(root)!);
  const signature = (element: Element) => {
    const cls = (element.getAttribute('class') ?? '').trim();
    return cls ? `${element.tagName} ${cls}` : null;
  };
  const rootSignature = signature(root);
  const rootTally = tallies.get(root)!;
  /** Whether a title separates the element from the root: then it is another article. */
  const titleBetween = (tally: Tally) => {
    const [from, to] =
      tally.first > rootTally.last ? [rootTally.last, tally.first] : [tally.last, rootTally.first];
    return titlesBefore[to]! - titlesBefore[from + 1]! > 0;
  };
  const roots = new Set<Element>([root]);
  const parent = root.parentElement;
  if (parent && root !== body) {
    for (const sibling of Array.from(parent.children)) {
      if (sibling === root || isFurniture(sibling)) continue;
      const tally = tallies.get(sibling);
      if (!tally || tally.chars === 0) continue;
      const density = tally.linkChars / tally.chars;
      const unit = unitOf.get(sibling);
      if (
        finalOf(tally) >= Math.max(10, rootFinal * 0.2) ||
        (rootSignature !== null &&
          signature(sibling) === rootSignature &&
          density < 0.3 &&
          !titleBetween(tally)) ||
        (unit !== undefined && unit.chars >= 80 && density < 0.25 && /[.!?"”’»)]$/.test(unit.text))
      ) {
        roots.add(sibling);
      }
    }
  }
  if (rootSignature !== null) {
    for (const [element, tally] of tallies) {
      if (roots.has(element) || signature(element) !== rootSignature) continue;
      if (finalOf(tally) < rootFinal * 0.25) continue;
      if (element.contains(root) || root.contains(element) || titleBetween(tally)) continue;
      roots.add(element);
    }
  }
  let rootChars = 0;
  for (const element of roots) rootChars += tallies.get(element)?.chars ?? 0;
  const rootOf = new Map<Element, Element | null>();
  const findRoot = (element: Element | null): Element | null => {
    const passed: Element[] = [];
    let found: Element | null = null;
    for (let el = element; el; el = el.parentElement) {
      if (roots.has(el)) {
        found = el;
        break;
      }
      const known = rootOf.get(el);
      if (known !== undefined) {
        found = known;
        break;
      }
      passed.push(el);
      if (el === body) break;
    }
    for (const el of passed) rootOf.set(el, found);
    return found;
  };

  yield;
  // 4. Keep the roots' paragraphs that are body text.
  const furniture = new Map<Element, boolean>();
  /** Whether something between the unit and its root is furniture that holds little of it. */
  const inFurniture = (element: Element): boolean => {
    const passed: Element[] = [];
    let result = false;
    for (let el: Element | null = element; el; el = el.parentElement) {
      const known = furniture.get(el);
      if (known !== undefined) {
        result = known;
        break;
      }
      passed.push(el);
      if (roots.has(el)) break;
      const tally = tallies.get(el);
      const share = tally ? tally.chars / Math.max(1, rootChars) : 0;
      if (isFurniture(el) && share < 0.5) {
        result = true;
        break;
      }
    }
    for (const el of passed) furniture.set(el, result);
    return result;
  };
  const noise = options.noise;
  const paragraphs: BodyParagraph[] = [];
  for (let index = 0; index < units.length; index++) {
    if (index % UNITS_PER_STEP === UNITS_PER_STEP - 1) yield;
    const unit = units[index]!;
    if (!findRoot(unit.element)) continue;
    if (!inSchema.has(unit)) {
      if (inFurniture(unit.element)) continue;
      const density = unit.linkChars / Math.max(1, unit.chars);
      if (density > 0.5) continue;
      if (unit.element.tagName === 'LI' && density > 0.3 && unit.chars < 120) continue;
      if (noise && noise(unit.text) !== null) continue;
    }
    const heading = HEADING_TAGS.has(unit.element.tagName);
    if (unit.breaks.length === 0) {
      paragraphs.push({ element: unit.element, nodes: unit.nodes, text: unit.text, heading });
      continue;
    }
    // A block of lines set apart by <br>: one paragraph each, so the text map keeps them
    // apart as it does <p>s (and as buildTextMap does).
    const cuts = [0, ...unit.breaks, unit.nodes.length];
    for (let c = 0; c + 1 < cuts.length; c++) {
      const nodes = unit.nodes.slice(cuts[c], cuts[c + 1]);
      const text = collapseWhitespace(nodes.map((n) => n.data).join(''));
      if (text) paragraphs.push({ element: unit.element, nodes, text, heading });
    }
  }

  return {
    root,
    paragraphs,
    text: paragraphs.map((p) => p.text).join('\n\n'),
    via: schemaKeys ? `${describe(root)}, checked against schema.org articleBody` : describe(root),
    pageChars,
    pageLinkChars: tallyOf(body).linkChars,
    ...(partial ? { partial } : {}),
  };
}

function describe(element: Element): string {
  const id = element.getAttribute('id');
  const cls = (element.getAttribute('class') ?? '').trim().split(/\s+/).slice(0, 2).join('.');
  return `${element.tagName.toLowerCase()}${id ? `#${id}` : ''}${cls ? `.${cls}` : ''}`;
}
