/**
 * Runs a callback later, off the hot path (scrolling, rendering).
 *
 * @example
 * const idle: IdleSchedule = (callback) => setTimeout(callback, 0); // write batches on the next task
 */
export type IdleSchedule = (callback: () => void) => void;

/**
 * `requestIdleCallback` with a 1 s deadline where it exists (Safari has none), else a 50 ms
 * timer; looked up at call time, so nothing touches `window` at import.
 *
 * @example
 * defaultIdleSchedule(() => console.log('idle'));
 */
export const defaultIdleSchedule: IdleSchedule = (callback) => {
  if (typeof globalThis.requestIdleCallback === 'function') {
    globalThis.requestIdleCallback(() => callback(), { timeout: 1_000 });
  } else {
    globalThis.setTimeout(callback, 50);
  }
};
