/**
 * Work written as steps (a generator that yields where the page's thread may be given back),
 * run to the end in one go: for the CLI, the eval, the KB build and the tests.
 */
export function runSteps<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Gives the thread back until the tasks queued before it have run (see lib/annotate/slices). */
export type Pause = () => Promise<void>;

/**
 * Steps run with the thread given back whenever a slice of work has run `sliceMs`, so a long
 * reading does not hold the thread. A step is never split: the work of each is bounded where it
 * is written.
 */
export async function runInSlices<T>(
  steps: Generator<void, T, void>,
  pause: Pause,
  sliceMs = 8,
  /**
   * Adds the time spent in the steps themselves (pauses left out) to `ms`, and keeps in
   * `longest` the longest slice: the longest the thread was held without a pause.
   */
  busy?: Busy,
): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const stepStart = busy ? performance.now() : 0;
    const step = steps.next();
    const now = performance.now();
    if (busy) {
      busy.ms += now - stepStart;
      busy.longest = Math.max(busy.longest ?? 0, now - sliceStart);
    }
    // Also after the last step: whoever uses the result then starts a task of its own.
    if (now - sliceStart >= sliceMs) {
      await pause();
      sliceStart = performance.now();
    }
    if (step.done) return step.value;
  }
}

/** Time a piece of work held the thread: in all, and its longest stretch without a pause. */
export interface Busy {
  ms: number;
  longest?: number;
}
