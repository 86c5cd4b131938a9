/**
 * Timing arithmetic shared by the in-page harness and the report. Pages see `performance.now()`
 * coarsened to about 0.1 ms, so one call of a fast stage cannot be timed directly: it is
 * repeated until the loop has run for at least `minSampleMs`, and the loop's time is divided by
 * the number of calls.
 */

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface Sampled {
  /** Median of the samples, in milliseconds per call. */
  ms: number;
  /** One value per run, each in milliseconds per call. */
  samples: number[];
  /** Calls per run (1 when a single call took long enough to time on its own). */
  calls: number;
}

export interface SampleOptions {
  /** Runs wanted; fewer when the stage is slow, never fewer than `minRuns`. */
  runs: number;
  minRuns: number;
  /** Shortest loop that is timed; below it the timer's resolution dominates. */
  minSampleMs: number;
  /** Runs past `minRuns` stop once this much time went into the stage. */
  maxTotalMs: number;
  now: () => number;
  /** Called after every call, e.g. to undo what the stage drew; not timed. */
  reset?: () => void;
}

/**
 * Times `fn` over `runs` runs and returns the median per-call time. The first call decides how
 * a run is timed: alone if it took at least `minSampleMs`, otherwise as a loop of calls that
 * runs until `minSampleMs` have passed. `reset` runs after every call outside the timed part of single-call runs; in loops it
 * runs inside the loop, so stages that need a reset are timed together with it.
 */
export function sample(fn: () => void, options: SampleOptions): Sampled {
  const { runs, minRuns, minSampleMs, maxTotalMs, now, reset } = options;
  const more = (taken: number, spent: number, next: number) =>
    taken < runs && (taken < minRuns || spent + next <= maxTotalMs);
  const t0 = now();
  fn();
  const first = now() - t0;
  reset?.();
  const samples: number[] = [];
  let calls = 1;
  if (first >= minSampleMs) {
    samples.push(first);
    let spent = first;
    while (more(samples.length, spent, first)) {
      const start = now();
      fn();
      const elapsed = now() - start;
      reset?.();
      samples.push(elapsed);
      spent += elapsed;
    }
  } else {
    let spent = 0;
    while (more(samples.length, spent, minSampleMs)) {
      let n = 0;
      const start = now();
      let elapsed: number;
      do {
        fn();
        reset?.();
        n++;
        elapsed = now() - start;
      } while (elapsed < minSampleMs);
      calls = n;
      samples.push(elapsed / n);
      spent += elapsed;
    }
  }
  return { ms: median(samples)!, samples, calls };
}

/** `a / b`, or null when either is missing or `b` is zero. */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || b === 0) return null;
  return a / b;
}

/** Sum of the values that are present, or null when none is. */
export function sumPresent(values: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const value of values) if (value !== null) total = (total ?? 0) + value;
  return total;
}

/**
 * `sample` for a stage that gives the main thread back between slices: each call is awaited,
 * and its time is the wall time to its end, the pauses included, as a reader waits for it.
 */
export async function sampleAsync(
  fn: () => Promise<void>,
  options: SampleOptions,
): Promise<Sampled> {
  const { runs, minRuns, minSampleMs, maxTotalMs, now, reset } = options;
  const more = (taken: number, spent: number, next: number) =>
    taken < runs && (taken < minRuns || spent + next <= maxTotalMs);
  const t0 = now();
  await fn();
  const first = now() - t0;
  reset?.();
  const samples: number[] = [];
  let calls = 1;
  if (first >= minSampleMs) {
    samples.push(first);
    let spent = first;
    while (more(samples.length, spent, first)) {
      const start = now();
      await fn();
      const elapsed = now() - start;
      reset?.();
      samples.push(elapsed);
      spent += elapsed;
    }
  } else {
    let spent = 0;
    while (more(samples.length, spent, minSampleMs)) {
      let n = 0;
      const start = now();
      let elapsed: number;
      do {
        await fn();
        reset?.();
        n++;
        elapsed = now() - start;
      } while (elapsed < minSampleMs);
      calls = n;
      samples.push(elapsed / n);
      spent += elapsed;
    }
  }
  return { ms: median(samples)!, samples, calls };
}
