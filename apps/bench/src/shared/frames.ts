// Timing helpers every scenario uses (list, stream and reload alike): frames, paint, polling,
// and the page error that stops a scenario.

let pageError: string | null = null;

/** Set by the page's error boundary: every scenario stops and reports it. */
export function reportPageError(message: string): void {
  pageError ??= message;
}

/** Thrown inside a scenario; `runScenario` turns it into `{ kind: 'failed', reason }`. */
export class ScenarioFailure extends Error {}

/** Throws the page's error, if it reported one. */
export function throwIfPageError(): void {
  if (pageError) throw new ScenarioFailure(pageError);
}

export const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/**
 * Resolves in the first task after the current frame is rendered. Called from a rAF callback,
 * what it sees is what that frame painted: layout, ResizeObserver callbacks and any scroll
 * corrections made in them have run, the next frame's scroll events have not.
 */
export const afterPaint = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls once per frame until `done()`; the elapsed ms, or null after `capMs`. */
export async function waitFor(done: () => boolean, capMs: number): Promise<number | null> {
  const start = performance.now();
  for (;;) {
    throwIfPageError();
    if (done()) return performance.now() - start;
    if (performance.now() - start >= capMs) return null;
    await nextFrame();
  }
}

/**
 * Collects `longtask` entries from now until `stop()`: their count, sum and longest, in ms, and
 * when each started (ms after `origin`, a `performance.now()` time; 0 by default).
 */
export function watchLongTasks(): (origin?: number) => {
  count: number;
  totalMs: number;
  longestMs: number;
  starts: number[];
} {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => {
    entries.push(...list.getEntries());
  });
  observer.observe({ type: 'longtask' });
  return (origin = 0) => {
    entries.push(...observer.takeRecords());
    observer.disconnect();
    const durations = entries.map((entry) => entry.duration);
    return {
      count: durations.length,
      totalMs: durations.reduce((a, b) => a + b, 0),
      longestMs: durations.reduce((a, b) => Math.max(a, b), 0),
      starts: entries.map((entry) => Math.round(entry.startTime - origin)),
    };
  };
}
