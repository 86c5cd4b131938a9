import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHoverIntent } from '../../lib/page/hover';

const DELAY = 500;

/** A hover intent over named highlights, with what is under the pointer set by the test. */
function setup() {
  let under: string | null = null;
  const opened: string[] = [];
  const intent = createHoverIntent<string>({
    delay: DELAY,
    slop: 4,
    same: (a, b) => a === b,
    under: () => under,
    open: (target) => opened.push(target),
    timers: {
      set: (callback, ms) => setTimeout(callback, ms) as unknown as number,
      clear: (id) => clearTimeout(id),
    },
  });
  /** The pointer at a screen point with `target` under it, as one animation frame sees it. */
  const at = (x: number, y: number, target: string | null) => {
    under = target;
    intent.pointer(x, y);
    intent.over(target);
  };
  /** The page moves under a resting pointer, bringing `target` under it. */
  const contentBrings = (target: string | null, scroll = true) => {
    under = target;
    if (scroll) intent.contentMoved();
  };
  return { intent, opened, at, contentBrings };
}

describe('hover intent', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('opens once the pointer has moved onto a highlight and stayed for the delay', () => {
    const { opened, at } = setup();
    at(10, 10, null);
    at(20, 12, 'blinken');
    vi.advanceTimersByTime(DELAY - 1);
    expect(opened).toEqual([]);
    // Moving on within the same highlight neither restarts nor doubles the wait.
    at(24, 12, 'blinken');
    vi.advanceTimersByTime(1);
    expect(opened).toEqual(['blinken']);
    vi.advanceTimersByTime(DELAY * 2);
    expect(opened).toEqual(['blinken']);
  });

  it('opens nothing when the pointer passes over a highlight', () => {
    const { opened, at } = setup();
    at(10, 10, null);
    at(20, 10, 'blinken');
    vi.advanceTimersByTime(200);
    at(40, 10, null);
    at(60, 10, 'qin');
    vi.advanceTimersByTime(200);
    at(80, 10, null);
    vi.advanceTimersByTime(DELAY * 2);
    expect(opened).toEqual([]);
  });

  it('opens nothing for a highlight that scrolls under a resting pointer', () => {
    const { opened, at, contentBrings } = setup();
    at(10, 10, null);
    contentBrings('beijing');
    // Browsers send pointer events at the same screen point after a scroll.
    at(10, 10, 'beijing');
    vi.advanceTimersByTime(DELAY * 3);
    expect(opened).toEqual([]);
    // Once the pointer moves on it, it is pointed at.
    at(16, 10, 'beijing');
    vi.advanceTimersByTime(DELAY);
    expect(opened).toEqual(['beijing']);
  });

  it('opens nothing when content moves the highlight away during the wait', () => {
    const { opened, at, contentBrings } = setup();
    at(10, 10, null);
    at(20, 10, 'blinken');
    vi.advanceTimersByTime(300);
    // A reflow without any event: another highlight is under the pointer when the wait ends.
    contentBrings('qin', false);
    vi.advanceTimersByTime(DELAY);
    expect(opened).toEqual([]);
  });

  it('forgets the pending intent on a scroll and when cancelled', () => {
    const { intent, opened, at } = setup();
    at(10, 10, null);
    at(20, 10, 'blinken');
    intent.contentMoved();
    vi.advanceTimersByTime(DELAY * 2);
    at(30, 10, 'blinken');
    intent.cancel();
    vi.advanceTimersByTime(DELAY * 2);
    expect(opened).toEqual([]);
  });

  it('does not take a resting hand’s tremor for movement, but a slow move is one', () => {
    const { opened, at, contentBrings } = setup();
    at(10, 10, null);
    contentBrings('beijing');
    at(11, 10, 'beijing');
    at(10, 11, 'beijing');
    at(12, 11, 'beijing');
    vi.advanceTimersByTime(DELAY * 3);
    expect(opened).toEqual([]);
    // Pixel by pixel, the pointer has gone far enough from where it rested.
    at(13, 10, 'beijing');
    at(14, 10, 'beijing');
    vi.advanceTimersByTime(DELAY);
    expect(opened).toEqual(['beijing']);
  });

  it('does not take the first pointer event for movement', () => {
    const { opened, at } = setup();
    at(20, 10, 'blinken');
    vi.advanceTimersByTime(DELAY * 2);
    expect(opened).toEqual([]);
  });
});
