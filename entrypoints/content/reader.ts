/**
 * The reading experience on an annotated page: draws the highlights, hit-tests the pointer,
 * opens cards by hover intent, click and keyboard, and tears all of it down through one
 * AbortSignal. It holds no knowledge of its own: data comes through the functions passed in.
 */
import type { EntityMention, PageAnnotation, Span } from '../../lib/annotate/types';
import { rangeFor, spanHasRange, type TextMap } from '../../lib/dom/textmap';
import type { Translate } from '../../lib/i18n';
import { shownVariants, type EntityCardData, type QuoteCardData } from '../../lib/page/cards';
import { quotationAsShown } from '../../lib/page/quotation';
import type { Segment } from '../../lib/page/wording';
import { clippingOf, type Clipping } from '../../lib/page/clippings';
import { pageSource } from '../../lib/page/page-source';
import { pageSpeaker } from '../../lib/page/page-speaker';
import { publishedDay } from '../../lib/extract/published';
import { pageTheme, type Highlighter, type Mark } from '../../lib/page/highlighter';
import { createHoverIntent } from '../../lib/page/hover';
import { chooseMentions, type MentionChoice } from '../../lib/page/mentions';
import {
  hitTest,
  indexSpans,
  nodeIndex,
  stepTarget,
  type HitContext,
  type SpanIndex,
  type Target,
} from '../../lib/page/hittest';
import type { Result } from '../../lib/result';
import type { CardLayer, CardView, createCardLayer } from './cards';

/**
 * How long the pointer, moved onto a highlight, stays there before its card opens (like page
 * previews); a pointer that rests while the page moves under it opens nothing (lib/page/hover).
 */
export const HOVER_DELAY_MS = 500;
/** How far the pointer must go to be moving, not a resting hand's tremor. */
export const HOVER_SLOP_PX = 4;
/** How long a hover-opened card stays after the pointer leaves, to allow moving into it. */
export const GRACE_MS = 350;
const FLASH_MS = 1600;

export interface ReaderDeps {
  doc: Document;
  signal: AbortSignal;
  t: Translate;
  highlighter: Highlighter;
  loadEntity: (id: string) => Promise<Result<EntityCardData>>;
  loadQuote: (id: string) => Promise<Result<QuoteCardData>>;
  compareWordings: (wordings: string[]) => Promise<Result<Segment[][]>>;
  saveClipping: (clipping: Clipping) => Promise<Result<Clipping>>;
  /** Loads the cards' code (a separate file, fetched the first time a card opens). */
  loadCards: () => Promise<typeof createCardLayer>;
}

export interface Show {
  quotes: boolean;
  entities: boolean;
  /** Which names are underlined: first mentions or all, which kinds, countries and capitals. */
  mentions: MentionChoice;
  /** Pointing at a highlight opens its card; off, cards open on click and keyboard only. */
  hover: boolean;
}

export interface Reader {
  /** Draws (or redraws) the highlights for an annotation; replaces what was there. */
  show(annotation: PageAnnotation, map: TextMap, what: Show): { quotes: number; mentions: number };
  /** Scrolls to a key quote and flashes it. */
  reveal(quoteIndex: number): boolean;
}

interface Drawn {
  annotation: PageAnnotation;
  map: TextMap;
  /** The highlights drawn: what the pointer hits and Alt+Shift+N / P travel. */
  index: SpanIndex;
  /**
   * The drawn highlights and the other mentions of the entities drawn (not underlined): a
   * card steps through every mention of its entity.
   */
  all: SpanIndex;
  context: HitContext;
  /** The live Range of a target, made when first asked for: most mentions never are. */
  rangeOf: (target: Target) => Range | null;
  hover: boolean;
}

const reducedMotion = (doc: Document) =>
  doc.defaultView?.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/** The sentence-ish neighbourhood of a span: its paragraph, trimmed around the span. */
function contextOf(map: TextMap, start: number, end: number): string {
  const from = map.text.lastIndexOf('\n', start - 1) + 1;
  let to = map.text.indexOf('\n', end);
  if (to < 0) to = map.text.length;
  const paragraph = map.text.slice(Math.max(from, start - 300), Math.min(to, end + 300));
  return paragraph.replace(/\s+/g, ' ').trim();
}

/**
 * A card layer whose code arrives on first use; calls made before it has arrived wait for it,
 * and only the latest `show` or `hide` is carried out.
 */
function lazyLayer(load: () => Promise<CardLayer>, signal: AbortSignal): CardLayer {
  let layer: CardLayer | null = null;
  let loading: Promise<CardLayer> | null = null;
  let pending: ((layer: CardLayer) => void) | null = null;
  const run = (action: (layer: CardLayer) => void) => {
    if (layer) return action(layer);
    pending = action;
    loading ??= load().then((loaded) => {
      layer = loaded;
      if (signal.aborted) loaded.destroy();
      else pending?.(loaded);
      pending = null;
      return loaded;
    });
    loading.catch(() => (loading = null));
  };
  return {
    get host() {
      return layer?.host ?? null;
    },
    show: (...args) => run((l) => l.show(...args)),
    hide: () => {
      if (layer) layer.hide();
      else pending = null;
    },
    contains: (target) => layer?.contains(target) ?? false,
    destroy: () => {
      pending = null;
      layer?.destroy();
    },
  };
}

export function createReader(deps: ReaderDeps): Reader {
  const { doc, signal, t, highlighter } = deps;
  const view = doc.defaultView!;
  const layer = lazyLayer(() => deps.loadCards().then((create) => create(doc, t)), signal);
  let drawn: Drawn | null = null;

  let open: {
    target: Target;
    pinned: boolean;
    returnFocus: Element | null;
    view: CardView;
  } | null = null;
  let hoverTarget: Target | null = null;
  let graceTimer: number | undefined;
  let flashTimer: number | undefined;
  let frame: number | undefined;
  let pointer = { x: 0, y: 0 };
  let pointerInCard = false;
  let generation = 0;

  const clearTimers = () => {
    intent.cancel();
    view.clearTimeout(graceTimer);
    view.clearTimeout(flashTimer);
    if (frame !== undefined) view.cancelAnimationFrame(frame);
  };

  const sameTarget = (a: Target | null, b: Target | null) =>
    a !== null && b !== null && a.span.start === b.span.start && a.kind === b.kind;

  /**
   * Targets of the same thing, in page order: the quotes, or every mention of one entity,
   * underlined or not.
   */
  const siblings = (target: Target): Target[] => {
    if (!drawn) return [];
    return drawn.all.targets.filter((other) =>
      target.ref.type === 'quote'
        ? other.ref.type === 'quote'
        : other.ref.type === 'entity' && other.ref.id === target.ref.id,
    );
  };

  const close = (returnFocus: boolean) => {
    if (!open) return;
    const focusBack = open.returnFocus;
    open = null;
    generation++;
    layer.hide();
    highlighter.focus(null);
    if (returnFocus && focusBack instanceof view.HTMLElement && focusBack.isConnected) {
      focusBack.focus({ preventScroll: true });
    } else if (returnFocus) {
      (doc.activeElement as HTMLElement | null)?.blur?.();
    }
  };

  const render = () => {
    if (!open || !drawn) return;
    const range = drawn.rangeOf(open.target);
    if (!range) return;
    const current = open;
    layer.show(
      range,
      current.view,
      {
        onClose: () => close(true),
        onStep: (direction) => step(direction, current.target),
        onSave: () => void save(),
        onOpenEntity: (id) => showEntity(id),
        onOpenPageSpeaker: (name) => showPageSpeaker(name),
        onOpenQuote: (index) => showQuote(index),
      },
      // The background behind the highlight decides, not only the page's body.
      pageTheme(doc, range.startContainer.parentElement),
    );
  };

  const openCard = (target: Target, via: 'hover' | 'click' | 'keyboard') => {
    if (!drawn) return;
    const range = drawn.rangeOf(target);
    if (!range) return;
    const returnFocus =
      open?.returnFocus ?? (via === 'hover' ? null : (doc.activeElement ?? doc.body));
    const list = siblings(target);
    const place = { index: Math.max(0, list.indexOf(target)), count: list.length };
    open = {
      target,
      pinned: via !== 'hover',
      returnFocus,
      view: { status: 'loading', place, autoFocus: via !== 'hover' },
    };
    view.clearTimeout(flashTimer);
    highlighter.focus(range);
    render();
    const ticket = ++generation;
    void load(target, drawn).then((next) => {
      if (ticket !== generation || !open) return;
      open.view = { ...next, place, autoFocus: open.view.autoFocus };
      render();
    });
  };

  /** The page's publication day, read from its markup when a card first needs it. */
  let published: { day: string | null } | null = null;
  const pageDate = () => (published ??= { day: publishedDay(doc) }).day;

  const load = async (target: Target, at: Drawn): Promise<CardView> => {
    if (target.ref.type === 'entity') {
      const answer = await deps.loadEntity(target.ref.id);
      return answer.ok
        ? {
            status: 'ready',
            autoFocus: false,
            content: { type: 'entity', data: answer.value, pageDate: pageDate() },
          }
        : { status: 'error', autoFocus: false, error: answer.error };
    }
    const quote = at.annotation.quotes[target.ref.index]!;
    const page = {
      text: quotationAsShown(quote.text),
      speaker: quote.speaker?.name ?? null,
      speakerId: quote.speaker?.entityId ?? null,
      context: contextOf(at.map, quote.span.start, quote.span.end),
      confidence: quote.corpus?.confidence ?? null,
      evidence: quote.corpus?.evidence ?? null,
    };
    if (!quote.corpus) {
      return {
        status: 'ready',
        autoFocus: false,
        content: { type: 'quote', page, data: null, segments: null },
      };
    }
    const answer = await deps.loadQuote(quote.corpus.id);
    if (!answer.ok) return { status: 'error', autoFocus: false, error: answer.error };
    // Without the comparison the card still shows every wording, unmarked.
    const compared = await deps.compareWordings(shownVariants(answer.value).map((v) => v.text));
    return {
      status: 'ready',
      autoFocus: false,
      content: {
        type: 'quote',
        page,
        data: answer.value,
        segments: compared.ok ? compared.value : null,
      },
    };
  };

  /** The open quote card gives way to its speaker's card, at the same place. */
  const showEntity = (id: string) => {
    if (!open) return;
    const current = open;
    current.view = { status: 'loading', autoFocus: true };
    render();
    const ticket = ++generation;
    void deps.loadEntity(id).then((answer) => {
      if (ticket !== generation || open !== current) return;
      current.view = answer.ok
        ? {
            status: 'ready',
            autoFocus: true,
            content: { type: 'entity', data: answer.value, pageDate: pageDate() },
          }
        : { status: 'error', autoFocus: true, error: answer.error };
      render();
    });
  };

  /**
   * The open quote card gives way to what the page says about its speaker, when the knowledge
   * base does not know them: read from the page's own text and quotations, nothing to load.
   */
  const showPageSpeaker = (name: string) => {
    if (!open || !drawn) return;
    const at = drawn;
    const highlighted = new Set(
      at.index.targets.flatMap((t) => (t.ref.type === 'quote' ? [t.ref.index] : [])),
    );
    generation++;
    open.view = {
      status: 'ready',
      autoFocus: true,
      content: {
        type: 'speaker',
        data: pageSpeaker(name, at.annotation.quotes, at.map.text, (i) => highlighted.has(i)),
      },
    };
    render();
  };

  /** One of the page's highlighted quotations, from a speaker's card: scrolled to and opened. */
  const showQuote = (index: number) => {
    if (!drawn) return;
    const target = drawn.index.targets.find((t) => t.ref.type === 'quote' && t.ref.index === index);
    const range = target && drawn.rangeOf(target);
    if (!target || !range) return;
    scrollTo(range);
    openCard(target, 'keyboard');
  };

  const save = async () => {
    if (!open || open.view.content?.type !== 'quote') return;
    const current = open;
    const { page, data } = open.view.content;
    const clipping = clippingOf({
      text: page.text,
      speaker: page.speaker,
      quote: data?.quote ?? null,
      sources: data?.sources ?? [],
      // The page cites itself; the corpus's wordings stay apart, each with its own outlet.
      page: pageSource(doc, view.location.href),
    });
    const answer = await deps.saveClipping(clipping);
    if (open !== current) return;
    current.view = answer.ok
      ? { ...current.view, saved: true, saveError: undefined, autoFocus: false }
      : { ...current.view, saveError: answer.error, autoFocus: false };
    render();
  };

  const scrollTo = (range: Range) => {
    const element = range.startContainer.parentElement;
    // No smooth scrolling for readers who asked for less motion, nor in a hidden tab, where
    // an animation may never run.
    const instant = reducedMotion(doc) || doc.visibilityState === 'hidden';
    element?.scrollIntoView({ block: 'center', behavior: instant ? 'auto' : 'smooth' });
  };

  const step = (direction: 1 | -1, from: Target | null, sameThing = true) => {
    if (!drawn) return;
    // Within a card: the same entity's next mention, underlined or not; otherwise the next
    // highlight.
    const next =
      sameThing && from
        ? stepTarget(drawn.all, from, direction, (t: Target) => siblings(from).includes(t))
        : stepTarget(drawn.index, from, direction);
    if (!next) return;
    const range = drawn.rangeOf(next);
    if (range) scrollTo(range);
    openCard(next, 'keyboard');
  };

  const underPointer = () =>
    drawn && !pointerInCard ? hitTest(drawn.context, pointer.x, pointer.y) : null;

  // Pointer: hover intent (movement onto a highlight, not content moving under a resting
  // pointer), with a grace period to move into the card.
  const intent = createHoverIntent<Target>({
    delay: HOVER_DELAY_MS,
    slop: HOVER_SLOP_PX,
    same: sameTarget,
    under: underPointer,
    open: (target) => {
      if (!drawn?.hover || open?.pinned || (open && sameTarget(open.target, target))) return;
      openCard(target, 'hover');
    },
    timers: {
      set: (callback, ms) => view.setTimeout(callback, ms),
      clear: (id) => view.clearTimeout(id),
    },
  });

  const onPointerFrame = () => {
    frame = undefined;
    if (!drawn) return;
    const target = underPointer();
    intent.over(drawn.hover ? target : null);
    if (sameTarget(target, hoverTarget)) return;
    hoverTarget = target;
    if (target) {
      view.clearTimeout(graceTimer);
    } else if (open && !open.pinned && !pointerInCard) {
      view.clearTimeout(graceTimer);
      graceTimer = view.setTimeout(() => {
        if (open && !open.pinned && !pointerInCard && hoverTarget === null) close(false);
      }, GRACE_MS);
    }
  };

  doc.addEventListener(
    'pointermove',
    (event) => {
      pointer = { x: event.clientX, y: event.clientY };
      intent.pointer(event.screenX, event.screenY);
      pointerInCard = layer.contains(event.target);
      if (pointerInCard) view.clearTimeout(graceTimer);
      frame ??= view.requestAnimationFrame(onPointerFrame);
    },
    { passive: true, signal },
  );

  // A scroll moves the page under the pointer: what comes under it was not pointed at.
  doc.addEventListener('scroll', () => intent.contentMoved(), {
    passive: true,
    capture: true,
    signal,
  });

  doc.addEventListener(
    'click',
    (event) => {
      if (!drawn || event.button !== 0 || layer.contains(event.target)) return;
      const selection = doc.getSelection();
      if (selection && !selection.isCollapsed) return;
      const target = hitTest(drawn.context, event.clientX, event.clientY);
      // A highlight inside a link keeps the link's click; its card opens by hover or keyboard.
      const inLink = (event.target as Element | null)?.closest?.('a[href]');
      if (target && !inLink) openCard(target, 'click');
      else if (open) close(false);
    },
    { signal },
  );

  doc.addEventListener(
    'keydown',
    (event) => {
      if (event.key === 'Escape' && open) {
        event.stopPropagation();
        close(true);
        return;
      }
      // Alt+Shift+N / Alt+Shift+P: next / previous highlight (by code: Alt changes the key).
      if (event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey) {
        const direction = event.code === 'KeyN' ? 1 : event.code === 'KeyP' ? -1 : 0;
        if (direction === 0 || !drawn) return;
        event.preventDefault();
        step(direction, open?.target ?? null, false);
      }
    },
    { signal, capture: true },
  );

  signal.addEventListener(
    'abort',
    () => {
      clearTimers();
      open = null;
      layer.destroy();
      highlighter.clear();
      drawn = null;
    },
    { once: true },
  );

  return {
    show(annotation, map, what) {
      // A new reading may be of a new page (in-page navigation): its date is read afresh.
      published = null;
      const types = new Map(annotation.entities.map((entity) => [entity.id, entity.type]));
      // Every target below passed `drawable`: its Range is never collapsed.
      const ranges = new Map<Target, Range | null>();
      const rangeOf = (target: Target) => {
        let range = ranges.get(target);
        if (range === undefined) {
          range = rangeFor(map, target.span.start, target.span.end);
          ranges.set(target, range);
        }
        return range;
      };
      const drawable = (span: Span) => spanHasRange(map, span.start, span.end);
      const kept: Target[] = [];
      if (what.quotes) {
        annotation.quotes.forEach((quote, index) => {
          if (!quote.key || quote.repeatOf !== undefined || !drawable(quote.span)) return;
          kept.push({ kind: 'quote', span: quote.span, ref: { type: 'quote', index } });
        });
      }
      const quiet: Target[] = [];
      if (what.entities) {
        // Only mentions that can be drawn compete to be their entity's first.
        const chosen = chooseMentions(
          map.text,
          annotation.mentions.filter(
            (mention) => types.has(mention.entityId) && drawable(mention.span),
          ),
          (id) => types.get(id),
          what.mentions,
        );
        const add = (list: Target[]) => (mention: EntityMention) => {
          list.push({
            kind: types.get(mention.entityId)!,
            span: mention.span,
            ref: { type: 'entity', id: mention.entityId },
          });
        };
        chosen.drawn.forEach(add(kept));
        chosen.more.forEach(add(quiet));
      }
      const marks: Mark[] = kept.flatMap((target) => {
        const range = rangeOf(target);
        return range ? [{ kind: target.kind, range }] : [];
      });
      const index = indexSpans(kept);
      const all = indexSpans([...kept, ...quiet]);
      const previous = open?.target ?? null;
      drawn = {
        annotation,
        map,
        index,
        all,
        rangeOf,
        hover: what.hover,
        context: {
          doc,
          map,
          nodes: nodeIndex(map),
          index,
          registry: highlighter.supported
            ? (doc.defaultView as Window & { CSS: { highlights: HighlightRegistry } }).CSS
                .highlights
            : null,
          kindOf: (highlight) => highlighter.kindOf(highlight),
        },
      };
      if (!what.hover) intent.cancel();
      const first = marks[0]?.range.startContainer.parentElement ?? doc.body;
      highlighter.draw(marks, pageTheme(doc, first));
      // An open card stays open when its highlight (or unmarked mention) survives the redraw.
      if (previous) {
        const same = all.targets.find((target) => sameTarget(target, previous));
        if (same && open) {
          open.target = same;
          highlighter.focus(rangeOf(same));
          render();
        } else close(false);
      }
      return {
        quotes: kept.filter((t) => t.kind === 'quote').length,
        mentions: kept.filter((t) => t.kind !== 'quote').length,
      };
    },
    reveal(quoteIndex) {
      if (!drawn) return false;
      const target = drawn.index.targets.find(
        (t) => t.ref.type === 'quote' && t.ref.index === quoteIndex,
      );
      const range = target && drawn.rangeOf(target);
      if (!range) return false;
      scrollTo(range);
      if (!open) {
        highlighter.focus(range);
        view.clearTimeout(flashTimer);
        flashTimer = view.setTimeout(() => {
          if (!open) highlighter.focus(null);
        }, FLASH_MS);
      }
      return true;
    },
  };
}
