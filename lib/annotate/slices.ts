/**
 * What the content script needs to read a page in slices. Pauses give the main thread back
 * between slices of work, behind whatever the page has queued: a task posted with
 * `scheduler.postTask()` at its default priority where the browser has it, else a message to
 * ourselves, which unlike `setTimeout(0)` is not clamped to 4 ms once timers nest. Not
 * `scheduler.yield()`: its continuation runs ahead of the page's own queued tasks, so the page's
 * scripts would wait for the whole reading as if it were one long task.
 */
import type { Pause } from '../steps';

/**
 * The content script reads about this many characters of an article body (some 10,000 words,
 * more than a long read has), so no stage of the reading runs long enough to freeze the page.
 */
export const MAX_BODY_CHARS = 60_000;

interface SchedulerScope {
  scheduler?: { postTask?: (callback: () => void) => Promise<void> };
}

export function pauseFor(scope: SchedulerScope & typeof globalThis = globalThis): Pause {
  const scheduler = scope.scheduler;
  if (scheduler && typeof scheduler.postTask === 'function') {
    return () => scheduler.postTask!(() => undefined);
  }
  return () =>
    new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
}
