import { Prefetcher } from './Prefetcher.ts';
import { type PrefetcherOptions, resolvePrefetcherOptions } from './prefetcherOptions.ts';

/**
 * Creates a background prefetcher: `prefetch(key, loader, { priority })` loads data the user
 * is likely to need next (the next route's first page) at most `concurrency` at once, higher
 * priority first, and stores it in the QueryClient under `key`, where a list (or any
 * `fetchQuery`) asking for that key later finds it, or joins the load still running. When
 * memory pressure reaches `cancelAt`, waiting prefetches are dropped, running ones aborted and
 * new ones refused until it falls. Create one per app and share it.
 *
 * @example
 * const prefetcher = createPrefetcher({ concurrency: 2 });
 * // On hover of a "Users" link: the users list's first page, exactly as the list will ask for it.
 * link.addEventListener('pointerenter', () => {
 *   void prefetcher.prefetchList({ key: ['users'], source: usersSource, priority: 'high' });
 * });
 * // Anything else the next view needs, under a key of your own:
 * void prefetcher.prefetch(['user', 7], (signal) => api.user(7, signal), { priority: 'low' });
 */
export function createPrefetcher(options: PrefetcherOptions = {}): Prefetcher {
  return new Prefetcher(resolvePrefetcherOptions(options));
}
