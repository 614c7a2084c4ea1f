import type { QueryClient, QueryKey } from '@tanstack/query-core';
import { type LazyListOptions, resolveLazyListOptions } from '../list/lazyListOptions.ts';
import { optionError } from '../options.ts';
import { layoutFor } from '../paging/layoutFor.ts';
import { normalizeWindow } from '../planner/listWindow.ts';
import type { PageRange } from '../planner/planWindow.ts';
import { backoffDelay } from '../scheduler/backoffDelay.ts';
import { pageQueryKey, shouldRetryPage } from '../scheduler/pageQuery.ts';
import type { LazyListSource } from '../sources/source.ts';
import { type ListPrefetchHost, prefetchListPages } from './prefetchList.ts';
import type { PrefetchResult } from './prefetchResult.ts';

const OWNER = 'prefetchLazyList';

/**
 * The rows `prefetchLazyList` loads: half-open `[start, end)` in the list's units (item indexes;
 * keys for `rangeSource`). Default `{ start: 0, end: 1 }`: the page holding the first row.
 *
 * @example
 * const firstScreen: PrefetchWindow = { start: 0, end: 40 };
 */
export interface PrefetchWindow {
  readonly start: number;
  readonly end: number;
}

/**
 * Loads the pages a list will show first into `client`, exactly as the list would ask for them
 * (the same `[...key, 'page', n]` query keys and page data), and resolves when they are there:
 * on a server before rendering (then `dehydrate(client)` carries them to the browser, where
 * `hydrate` puts them in the browser's client and the list shows them in its first render without
 * a request), or in a route loader. Failed pages are retried with the list's `retry` policy; the
 * promise never rejects but resolves with one result per page (`'loaded'`, `'cached'` or
 * `'error'` with the error). Cursor pages are walked from the start cursor. Throws a TypeError
 * naming the option for a missing client, a bad key, source or window.
 *
 * @example
 * // On the server, per request:
 * const client = new QueryClient();
 * await prefetchLazyList(client, { key: ['users'], source: usersSource }, { start: 0, end: 40 });
 * const html = renderToString(<QueryClientProvider client={client}><Users /></QueryClientProvider>);
 * const state = JSON.stringify(dehydrate(client)); // hydrate(browserClient, state) before hydrateRoot
 */
export function prefetchLazyList<T>(
  client: QueryClient,
  options: LazyListOptions<T>,
  window: PrefetchWindow = { start: 0, end: 1 },
): Promise<PrefetchResult[]> {
  // The client is set up once, like an option: development builds only (decision 0054).
  if (
    process.env.NODE_ENV !== 'production' &&
    (typeof client?.fetchQuery !== 'function' || typeof client.getQueryData !== 'function')
  ) {
    throw optionError(OWNER, 'client', 'a QueryClient from @tanstack/query-core 5', client);
  }
  const resolved = resolveLazyListOptions({ ...options, queryClient: client });
  const { start, end } = normalizeWindow(window, OWNER);
  const pages = pagesOf(resolved.source, start, end);
  if (pages === null) return Promise.resolve([]);
  const { attempts, baseDelayMs, maxDelayMs, random } = resolved;
  const host: ListPrefetchHost = {
    getData: (queryKey) => client.getQueryData(queryKey),
    prefetch(queryKey: QueryKey, loader: (signal: AbortSignal) => Promise<unknown>, { meta }) {
      let called = false;
      // The list's own page options (pageQuery.ts), so the list finds the page fresh; the retries
      // are query-core's here (no list scheduler runs), timed by lazyflow's one backoff.
      return client
        .fetchQuery({
          queryKey,
          queryFn: ({ signal }) => {
            called = true;
            return loader(signal);
          },
          retry: (failures, error) => failures < attempts - 1 && shouldRetryPage(error),
          retryDelay: (failures) => backoffDelay(failures + 1, { baseDelayMs, maxDelayMs, random }),
          staleTime: Number.POSITIVE_INFINITY,
          gcTime: Number.POSITIVE_INFINITY,
          meta, // the page's shape, as the list's own fetch (pageQuery.ts)
        })
        .then(
          (): PrefetchResult => ({ status: called ? 'loaded' : 'cached', key: queryKey }),
          (error: unknown): PrefetchResult => ({ status: 'error', key: queryKey, error }),
        );
    },
  };
  return prefetchListPages(host, { key: resolved.key, source: resolved.source, pages });
}

/**
 * The query keys of the pages a list created with `options` needs first to show `window`
 * (default: the first row), known before anything is loaded: offset and range pages by
 * arithmetic; for a cursor source only the start cursor's page (each later page needs the cursor
 * the one before it returns). Their data in the QueryClient is what the list shows in its first
 * render (a Suspense mode waits for it). Throws a TypeError naming the option on bad input.
 *
 * @example
 * lazyListPageKeys({ key: ['users'], source: offsetSource({ pageSize: 100, fetchPage }) }, { start: 0, end: 250 });
 * // [['users', 'page', 0], ['users', 'page', 1], ['users', 'page', 2]]
 */
export function lazyListPageKeys<T>(
  options: Pick<LazyListOptions<T>, 'key' | 'source'>,
  window: PrefetchWindow = { start: 0, end: 1 },
): QueryKey[] {
  const { key, source } = options;
  if (process.env.NODE_ENV !== 'production' && !Array.isArray(key))
    throw optionError(OWNER, 'key', 'an array (the list key)', key); // an option (decision 0054)
  const { start, end } = normalizeWindow(window, OWNER);
  const pages = source?.kind === 'cursor' ? { first: 0, last: 0 } : pagesOf(source, start, end);
  const keys: QueryKey[] = [];
  if (pages !== null)
    for (let page = pages.first; page <= pages.last; page++) keys.push(pageQueryKey(key, page));
  return keys;
}

/**
 * The pages covering `[start, end)` before anything is loaded: offset and range pages by
 * arithmetic, cursor pages from the start cursor (page 0) on, one page per `pageSize` rows.
 */
function pagesOf<T>(source: LazyListSource<T>, start: number, end: number): PageRange | null {
  if (source?.kind !== 'offset' && source?.kind !== 'cursor' && source?.kind !== 'range') {
    const expected =
      'an offset, cursor or range source (autoSource picks how to load only when its list starts)';
    throw optionError(OWNER, 'source', expected, source);
  }
  if (source.kind === 'cursor') {
    return { first: 0, last: Math.max(0, Math.ceil(end / source.pageSize) - 1) };
  }
  return layoutFor(source).pagesFor(start, Math.max(end, start + 1));
}
