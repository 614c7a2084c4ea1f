// IndexedDB faults the cache tells apart. Near quota, Chrome may abort the transaction
// (AbortError, sometimes with a null error), Firefox throws QuotaExceededError and then
// InvalidStateError until the connection is reopened: all three are "quota" and get one
// evict-and-retry. A missing `indexedDB`, a store that cannot be opened (private modes,
// a database without the object store) or one that never answers is "unavailable".
import type { Timers } from '../env/timers.ts';

/** Kind of an IndexedDB failure, by what the cache does about it. */
export type CacheFault = 'quota' | 'clone' | 'unavailable' | 'other';

/** A cache operation that did not settle in time (a blocked or hung IndexedDB). */
export class CacheTimeoutError extends Error {
  override readonly name = 'CacheTimeoutError';
}

const QUOTA = new Set(['QuotaExceededError', 'AbortError', 'InvalidStateError']);
const UNAVAILABLE = new Set([
  'CacheTimeoutError',
  'NotFoundError',
  'SecurityError',
  'UnknownError',
  'VersionError',
  'ReferenceError',
]);

/**
 * Classifies an IndexedDB error. A null error (an aborted transaction without a reason) is
 * treated as quota, which is what aborts near a full disk look like in Chromium.
 *
 * @example
 * classifyCacheError(new DOMException('full', 'QuotaExceededError')); // 'quota'
 */
export function classifyCacheError(error: unknown): CacheFault {
  if (error === null || error === undefined) return 'quota';
  const name = typeof error === 'object' && 'name' in error ? String(error.name) : '';
  if (QUOTA.has(name)) return 'quota';
  if (name === 'DataCloneError') return 'clone';
  if (UNAVAILABLE.has(name)) return 'unavailable';
  return 'other';
}

/**
 * A short description of an error for a warning.
 *
 * @example
 * describeCacheError(new DOMException('disk full', 'QuotaExceededError')); // 'QuotaExceededError: disk full'
 */
export function describeCacheError(error: unknown): string {
  if (error === null || error === undefined) return 'transaction aborted';
  if (typeof error === 'object' && 'name' in error && 'message' in error) {
    return `${String(error.name)}: ${String(error.message)}`;
  }
  return String(error);
}

/**
 * Rejects with {@link CacheTimeoutError} if `work` has not settled after `ms`; a synchronous
 * throw of `work` (idb-keyval touches `indexedDB` synchronously) becomes a rejection.
 *
 * @example
 * const [index] = await withTimeout(() => getMany(['index'], store), 3_000, defaultTimers, 'open');
 */
export function withTimeout<T>(work: () => Promise<T>, ms: number, timers: Timers, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = timers.setTimeout(
      () => reject(new CacheTimeoutError(`IndexedDB ${what} did not finish within ${ms} ms`)),
      ms,
    );
    const settle = (done: () => void) => () => {
      timers.clearTimeout(timer);
      done();
    };
    let running: Promise<T>;
    try {
      running = work();
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (value) => settle(() => resolve(value))(),
      (error: unknown) => settle(() => reject(error))(),
    );
  });
}
