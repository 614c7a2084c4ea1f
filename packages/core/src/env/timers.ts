/**
 * Timer functions the scheduler uses; injectable so tests can use fake timers or a custom clock.
 *
 * @example
 * const timers: Timers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (handle) => clearTimeout(handle as number) };
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * Timers that look up the global functions at call time (not import time), so
 * `vi.useFakeTimers()` installed after import still applies, and SSR imports stay side-effect free.
 *
 * @example
 * const handle = defaultTimers.setTimeout(() => console.log('tick'), 100);
 * defaultTimers.clearTimeout(handle);
 */
export const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

/**
 * `performance.now()` when available, else `Date.now()`; looked up at call time.
 *
 * @example
 * const started = defaultNow();
 */
export function defaultNow(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
