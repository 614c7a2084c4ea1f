import {
  firstPagesCache,
  type LazyListOptions,
  lazyListPageKeys,
  prefetchLazyList,
  type QueryClient,
} from '@lazyflow/core';
import { hashKey, type Query, type QueryKey } from '@tanstack/query-core';
import { useQueryErrorResetBoundary } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { clientId, useLazyflowClient } from './queryClient.ts';
import { type UseLazyListOptions, type UseLazyListResult, useLazyList } from './useLazyList.ts';

type ResetBoundary = ReturnType<typeof useQueryErrorResetBoundary>;

/** The cache read of a Suspense list's first pages, by the query of its first page. */
const reads = new WeakMap<Query, Promise<boolean>>();

/** The page number of a page query key (`[...key, 'page', n]`). */
const pageOf = (key: QueryKey): number => Number(key[key.length - 1]);

/**
 * Throws until the pages `window` needs first are in `client`: a promise while they load (the
 * nearest `<Suspense>` shows its fallback), the first failed page's error once its retries are
 * spent (the nearest error boundary shows it). After a `QueryErrorResetBoundary` reset, the
 * failed pages are fetched again instead; a new failure ends the reset and is thrown. With a
 * persistent cache, the promise settles as soon as the pages are there from the cache or the
 * network, whichever comes first (decision 0092): pages found in the cache go into `client`
 * invalidated, so the list shows them stale and revalidates them (joining the fetch on its way),
 * as `useLazyList` shows its cached pages; pages fetched here are written to the cache.
 */
function suspendUntilLoaded<T>(client: QueryClient, options: LazyListOptions<T>, reset: ResetBoundary): void {
  const window = options.initialWindow ?? { start: 0, end: 1 };
  const cache = client.getQueryCache();
  const keys = lazyListPageKeys(options, window);
  const queries = keys.map((key) => cache.get(hashKey(key)));
  if (queries.every((query) => query?.state.data !== undefined)) return;
  const failed = queries.find(
    (query) => query?.state.status === 'error' && query.state.fetchStatus === 'idle',
  );
  // After a reset the failed pages load again; if they fail again the reset is over (as in React
  // Query), so the next render throws the new error instead of fetching in a loop.
  if (failed !== undefined && !reset.isReset()) throw failed.state.error;
  const disk = options.cache && firstPagesCache({ ...options, cache: options.cache });
  // Pages already fetching are joined (query-core dedupes by key), so each render throws the same work.
  const network = prefetchLazyList(client, options, window).then((results) => {
    if (results.some((result) => result.status === 'error')) reset.clearReset();
    for (const result of results)
      if (result.status === 'loaded') disk?.write(pageOf(result.key), client.getQueryData(result.key));
    return results.every((result) => result.status !== 'error');
  });
  if (disk === undefined) throw network;
  // One read per page while the pages load: renders of one suspense (StrictMode's two) share it.
  // It starts after the render (IndexedDB is never touched while React renders).
  const first = cache.get(hashKey(keys[0] ?? []));
  const cached =
    (first && reads.get(first)) ??
    Promise.resolve()
      .then(() => disk.read(keys.map(pageOf)))
      .then((found) => {
        if (found.size < keys.length) return false; // kept: the network decides
        if (first) reads.delete(first); // pages shown: a later suspense (after a reset) reads again
        for (const key of keys)
          if (client.getQueryData(key) === undefined) {
            client.setQueryData(key, found.get(pageOf(key)));
            cache.get(hashKey(key))?.invalidate(); // stale: the list revalidates it
          }
        return true;
      });
  if (first) reads.set(first, cached);
  // The first of the two that has the pages; a failure waits for the other.
  throw Promise.race([network.then((ok) => ok || cached), cached.then((found) => found || network)]);
}

/**
 * `useLazyList` for `<Suspense>`: the component suspends until the list's first visible pages
 * are loaded (those holding `initialWindow`, by default the page of the first row), so its first
 * render already shows rows; if they fail after the list's retries, the error goes to the nearest
 * error boundary. Reset it inside React Query's `QueryErrorResetBoundary` (its `reset` makes the
 * failed pages load again on the next render) or call `queryClient.resetQueries({ queryKey: key })`
 * before resetting the boundary. Pages load through the app's QueryClient, where the list then
 * finds them (React Query's `useSuspenseQuery` works the same way). A new `key` suspends again
 * (wrap the change in `startTransition` to keep the old rows meanwhile); later pages, reached by
 * scrolling, load as in `useLazyList` (rows show as loading, nothing suspends). With
 * `enabled: false` nothing loads and nothing suspends. With a `cache`, the suspense ends as soon
 * as the first pages are there from the cache or the network: cached pages show stale and are
 * revalidated, as in `useLazyList` (decision 0092).
 *
 * @example
 * <QueryErrorResetBoundary>
 *   {({ reset }) => (
 *     <ErrorBoundary onReset={reset} fallbackRender={({ resetErrorBoundary }) => <Retry onClick={resetErrorBoundary} />}>
 *       <Suspense fallback={<Spinner />}>
 *         <Users />
 *       </Suspense>
 *     </ErrorBoundary>
 *   )}
 * </QueryErrorResetBoundary>
 * // in Users:
 * const list = useSuspenseLazyList<User>({ key: ['users'], source, getScrollElement: () => ref.current, estimateSize: () => 36 });
 */
export function useSuspenseLazyList<T>(options: UseLazyListOptions<T>): UseLazyListResult<T> {
  const queryClient = useLazyflowClient(options.queryClient);
  const reset = useQueryErrorResetBoundary();
  const identity = JSON.stringify([options.key, clientId(queryClient)]);
  // Once shown, a list never suspends again for the same key: its first pages may be evicted later.
  const [shown, setShown] = useState<string | null>(null);
  if (shown !== identity && options.enabled !== false) suspendUntilLoaded(queryClient, options, reset);
  useEffect(() => {
    reset.clearReset();
    setShown(identity);
  }, [reset, identity]);
  return useLazyList({ ...options, queryClient });
}
