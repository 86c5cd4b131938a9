/**
 * Hover intent: when pointing at a highlight means "show me its card". A reader's pointer often
 * rests on the text while the page scrolls or reflows under it; a card that then opens is one
 * nobody asked for. So only the pointer's own movement counts: a card opens once the pointer
 * has moved onto a highlight and stayed on it for the delay, and the highlight is still under
 * it then. A highlight that arrives under a resting pointer (a scroll, content loading above)
 * opens nothing until the pointer moves again, and the tremor of a hand resting on the mouse
 * (a pixel or two) is not movement.
 */

export interface Timers {
  set(callback: () => void, ms: number): number;
  clear(id: number | undefined): void;
}

export interface HoverIntentOptions<T> {
  /** How long the pointer stays on a highlight before its card opens. */
  delay: number;
  /** How far, in CSS pixels, the pointer must go from where it rested to be moving. */
  slop: number;
  same(a: T, b: T): boolean;
  /** What is under the pointer now: content may have moved since the last pointer event. */
  under(): T | null;
  /** The reader means it: open the card. */
  open(target: T): void;
  timers: Timers;
}

export interface HoverIntent<T> {
  /**
   * A pointer event at a point on the screen. Browsers also send pointer events when content
   * moves under a resting pointer; those keep the same screen point and are not movement.
   */
  pointer(screenX: number, screenY: number): void;
  /** What is under the pointer after the events since the last call. */
  over(target: T | null): void;
  /** The content moved under the pointer (a scroll): whatever is under it was not pointed at. */
  contentMoved(): void;
  /** Forgets any pending intent. */
  cancel(): void;
}

export function createHoverIntent<T>(options: HoverIntentOptions<T>): HoverIntent<T> {
  const { delay, slop, same, under, open, timers } = options;
  /** Where the pointer was when it last counted as moving (or first seen). */
  let anchor: { x: number; y: number } | null = null;
  let moved = false;
  let current: T | null = null;
  let timer: number | undefined;

  const stop = () => {
    timers.clear(timer);
    timer = undefined;
  };

  return {
    pointer(x, y) {
      // The first event only says where the pointer is: it may have rested there all along.
      if (!anchor) anchor = { x, y };
      else if (Math.hypot(x - anchor.x, y - anchor.y) >= slop) {
        moved = true;
        anchor = { x, y };
      }
    },
    over(target) {
      const wasMoved = moved;
      moved = false;
      const changed = target === null || current === null || !same(target, current);
      if (changed) {
        stop();
        // A highlight that came under a resting pointer is not one it was moved onto.
        current = wasMoved ? target : null;
      }
      if (!current || !wasMoved || timer !== undefined) return;
      const wanted = current;
      timer = timers.set(() => {
        timer = undefined;
        const now = under();
        if (now !== null && current !== null && same(now, wanted) && same(current, wanted)) {
          open(wanted);
        }
      }, delay);
    },
    contentMoved() {
      stop();
      current = null;
    },
    cancel() {
      stop();
      current = null;
      moved = false;
    },
  };
}
