import type { QueryKey } from '@tanstack/query-core';

/**
 * Why a prefetch did not load: memory pressure reached the prefetcher's `cancelAt` level
 * (`'pressure'`, also for prefetches refused while it lasts), `cancel()`/`cancelAll()` was
 * called (`'cancel'`), the prefetcher was destroyed (`'destroy'`), or something else cancelled
 * the query or aborted the load, e.g. a list that joined the fetch and no longer needs the page
 * (`'abort'`).
 *
 * @example
 * const result = await prefetcher.prefetch(key, loader);
 * if (result.status === 'cancelled' && result.reason === 'pressure') console.info('skipped: memory is tight');
 */
export type PrefetchCancelReason = 'pressure' | 'cancel' | 'destroy' | 'abort';

/**
 * How a prefetch ended. `'loaded'`: the loader ran and its data is in the QueryClient.
 * `'cached'`: nothing was loaded because the data was there already or another fetch of the
 * key (a list's) was running and served it. `'cancelled'`: see {@link PrefetchCancelReason}.
 * `'error'`: the loader failed; nothing is stored, so a list asking later fetches normally.
 * The promise a prefetch returns always resolves with one of these, never rejects.
 *
 * @example
 * const result = await prefetcher.prefetch(['user', 7], (signal) => api.user(7, signal));
 * if (result.status === 'error') console.warn('prefetch failed', result.error);
 */
export type PrefetchResult =
  | { readonly status: 'loaded' | 'cached'; readonly key: QueryKey }
  | { readonly status: 'cancelled'; readonly key: QueryKey; readonly reason: PrefetchCancelReason }
  | { readonly status: 'error'; readonly key: QueryKey; readonly error: unknown };

/**
 * The `status` of a {@link PrefetchResult}.
 *
 * @example
 * const counts: Record<PrefetchStatus, number> = { loaded: 0, cached: 0, cancelled: 0, error: 0 };
 */
export type PrefetchStatus = PrefetchResult['status'];
