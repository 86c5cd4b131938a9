/**
 * The one node Bilateral adds to a page: a shadow-root host that holds the open card. It is
 * created when the first card opens, sits outside <body> (so the page's own observers and our
 * text map never see it) and is removed with everything else when the session ends.
 */
import { autoUpdate, computePosition, flip, inline, offset, shift, size } from '@floating-ui/dom';
import { render } from 'preact';
import { EntityCard } from '../../components/cards/EntityCard';
import { QuoteCard } from '../../components/cards/QuoteCard';
import { SpeakerCard } from '../../components/cards/SpeakerCard';
import { I18n } from '../../components/i18n';
import type { Translate } from '../../lib/i18n';
import type { EntityCardData, PagePlace, PageQuoteView, QuoteCardData } from '../../lib/page/cards';
import type { Theme } from '../../lib/page/highlighter';
import type { PageSpeakerData } from '../../lib/page/page-speaker';
import type { Segment } from '../../lib/page/wording';
import cardCss from '../../components/cards/card.css?inline';

export const HOST_TAG = 'bilateral-cards';

export type CardContent =
  | {
      type: 'entity';
      data: EntityCardData;
      /** The page's publication day, so the card can say when the page is later than it. */
      pageDate?: string | null;
    }
  | { type: 'speaker'; data: PageSpeakerData }
  | {
      type: 'quote';
      page: PageQuoteView;
      data: QuoteCardData | null;
      segments: Segment[][] | null;
    };

export interface CardView {
  status: 'loading' | 'ready' | 'error';
  content?: CardContent;
  error?: string;
  place?: PagePlace;
  autoFocus: boolean;
  saved?: boolean;
  saveError?: string;
}

export interface CardHandlers {
  onClose: () => void;
  onStep: (direction: 1 | -1) => void;
  onSave: () => void;
  /** Show a knowledge-base entity's card in place of this one (a quote's speaker). */
  onOpenEntity: (id: string) => void;
  /** Show what the page says about a speaker the knowledge base does not know, in place. */
  onOpenPageSpeaker: (name: string) => void;
  /** Show the card of one of the page's quotations, in place. */
  onOpenQuote: (index: number) => void;
}

export interface CardLayer {
  show(anchor: Range, view: CardView, handlers: CardHandlers, theme: Theme): void;
  hide(): void;
  /** Whether an event happened inside the card (events from a shadow tree retarget to the host). */
  contains(target: EventTarget | null): boolean;
  readonly host: HTMLElement | null;
  destroy(): void;
}

/** The least height a card is given beside its anchor, however little room the window leaves. */
const MIN_CARD_HEIGHT = 160;

function CardLayerView({
  view,
  handlers,
  t,
}: {
  view: CardView;
  handlers: CardHandlers;
  t: Translate;
}) {
  let body;
  if (view.status !== 'ready' || !view.content) {
    body = (
      <section class="card card-status" role="dialog" aria-label={t('cardsRegion')}>
        <p role="status">
          {view.status === 'error' ? t('cardError', view.error ?? '') : t('cardLoading')}
        </p>
      </section>
    );
  } else if (view.content.type === 'entity') {
    body = (
      <EntityCard
        data={view.content.data}
        pageDate={view.content.pageDate}
        place={view.place}
        autoFocus={view.autoFocus}
        onStep={handlers.onStep}
        onClose={handlers.onClose}
      />
    );
  } else if (view.content.type === 'speaker') {
    body = (
      <SpeakerCard
        data={view.content.data}
        autoFocus={view.autoFocus}
        onOpenQuote={handlers.onOpenQuote}
        onClose={handlers.onClose}
      />
    );
  } else {
    body = (
      <QuoteCard
        page={view.content.page}
        data={view.content.data}
        segments={view.content.segments}
        place={view.place}
        autoFocus={view.autoFocus}
        saved={view.saved ?? false}
        saveError={view.saveError}
        onSave={handlers.onSave}
        onStep={handlers.onStep}
        onOpenSpeaker={handlers.onOpenEntity}
        onOpenPageSpeaker={handlers.onOpenPageSpeaker}
        onClose={handlers.onClose}
      />
    );
  }
  return <I18n.Provider value={t}>{body}</I18n.Provider>;
}

export function createCardLayer(doc: Document, t: Translate): CardLayer {
  let host: HTMLElement | null = null;
  let root: ShadowRoot | null = null;
  let frame: HTMLDivElement | null = null;
  let stopAutoUpdate: (() => void) | null = null;

  const ensureHost = () => {
    if (host && root && frame) return frame;
    host = doc.createElement(HOST_TAG);
    // Out of the page's flow and above it; the card inside is positioned in the viewport.
    host.setAttribute(
      'style',
      'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0; z-index: 2147483647;',
    );
    root = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = cardCss;
    frame = doc.createElement('div');
    frame.setAttribute('style', 'position: fixed; top: 0; left: 0;');
    root.append(style, frame);
    doc.documentElement.append(host);
    return frame;
  };

  const stopFollowing = () => {
    stopAutoUpdate?.();
    stopAutoUpdate = null;
  };

  return {
    get host() {
      return host;
    },
    show(anchor, view, handlers, theme) {
      const target = ensureHost();
      host!.dataset.theme = theme;
      render(<CardLayerView view={view} handlers={handlers} t={t} />, target);
      stopFollowing();
      const reference = {
        getBoundingClientRect: () => anchor.getBoundingClientRect(),
        getClientRects: () => anchor.getClientRects(),
        contextElement: anchor.startContainer.parentElement ?? undefined,
      };
      const place = () => {
        void computePosition(reference, target, {
          strategy: 'fixed',
          placement: 'bottom-start',
          // Below the quote or name, else above it, whichever has more room, never over it;
          // then the card takes the height there is on that side and scrolls inside, so its
          // header and close button stay in reach at any zoom and window size.
          middleware: [
            inline(),
            offset(8),
            flip({ padding: 8, fallbackStrategy: 'bestFit' }),
            shift({ padding: 8 }),
            size({
              padding: 8,
              apply({ availableHeight, elements }) {
                elements.floating.style.setProperty(
                  '--card-max-height',
                  `${Math.max(MIN_CARD_HEIGHT, Math.floor(availableHeight))}px`,
                );
              },
            }),
          ],
        }).then(({ x, y }) => {
          target.style.left = `${x}px`;
          target.style.top = `${y}px`;
        });
      };
      stopAutoUpdate = autoUpdate(reference, target, place);
    },
    hide() {
      stopFollowing();
      if (frame) render(null, frame);
    },
    contains(target) {
      return host !== null && target === host;
    },
    destroy() {
      stopFollowing();
      if (frame) render(null, frame);
      host?.remove();
      host = null;
      root = null;
      frame = null;
    },
  };
}
