import type { QueryClient } from '@tanstack/query-core';
import type { MemoryMonitor } from '../memory/createMemoryMonitor.ts';
import { assertObject, assertPositiveInteger, optionError } from '../options.ts';
import { assertQueryClient } from '../scheduler/assertQueryClient.ts';

/**
 * Options for `createPrefetcher`.
 *
 * @example
 * createPrefetcher({ concurrency: 3, queryClient, memoryMonitor: monitor, cancelAt: 'critical' });
 */
export interface PrefetcherOptions {
  /**
   * Loads running at once. Default 2: prefetches are background work and should leave most of
   * the browser's connections to the lists on screen.
   */
  concurrency?: number;
  /**
   * Where results go, and where lists must look for them. Default `sharedQueryClient()`, the
   * client the React hooks use unless given another (looked up at the first prefetch).
   */
  queryClient?: QueryClient;
  /**
   * Memory monitor to follow; default the one set with `setDefaultMemoryMonitor`, looked up
   * when the prefetcher gets work or a subscriber; `null` opts out.
   */
  memoryMonitor?: MemoryMonitor | null;
  /**
   * Pressure level at which queued prefetches are dropped, running ones aborted and new ones
   * refused until the level falls below it again. Default `'high'`.
   */
  cancelAt?: 'high' | 'critical';
}

/**
 * {@link PrefetcherOptions} with defaults applied (the client and monitor stay lazy).
 *
 * @example
 * const resolved: ResolvedPrefetcherOptions = resolvePrefetcherOptions({});
 */
export interface ResolvedPrefetcherOptions {
  readonly concurrency: number;
  readonly queryClient: QueryClient | undefined;
  readonly memoryMonitor: MemoryMonitor | null | undefined;
  readonly cancelAt: 'high' | 'critical';
}

const OWNER = 'createPrefetcher';

/**
 * Fills the defaults of {@link PrefetcherOptions}; in development builds (decision 0054) first
 * throws a TypeError naming a bad option.
 *
 * @example
 * resolvePrefetcherOptions({ concurrency: 3 }).cancelAt; // 'high'
 */
export function resolvePrefetcherOptions(options: PrefetcherOptions): ResolvedPrefetcherOptions {
  if (process.env.NODE_ENV !== 'production') checkPrefetcherOptions(options);
  const { concurrency = 2, queryClient, memoryMonitor, cancelAt = 'high' } = options;
  return { concurrency, queryClient, memoryMonitor, cancelAt };
}

/** Throws a TypeError naming the first bad option of `createPrefetcher`. Development builds only. */
function checkPrefetcherOptions(options: PrefetcherOptions): void {
  assertObject(OWNER, 'options', options);
  const { concurrency = 2, queryClient, memoryMonitor, cancelAt = 'high' } = options;
  assertPositiveInteger(OWNER, 'concurrency', concurrency);
  if (queryClient !== undefined) assertQueryClient(OWNER, 'queryClient', queryClient);
  if (
    memoryMonitor !== undefined &&
    memoryMonitor !== null &&
    typeof memoryMonitor.subscribe !== 'function'
  ) {
    throw optionError(OWNER, 'memoryMonitor', 'a MemoryMonitor or null', memoryMonitor);
  }
  if (cancelAt !== 'high' && cancelAt !== 'critical') {
    throw optionError(OWNER, 'cancelAt', "'high' or 'critical'", cancelAt);
  }
}
