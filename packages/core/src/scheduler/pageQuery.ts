import {
  hashKey,
  isCancelledError,
  partialMatchKey,
  type Query,
  QueryClient,
  type QueryKey,
} from '@tanstack/query-core';
import { isAbortError, PageShapeError } from '../errors.ts';
import type { RunningFetch } from './fetchScheduler.ts';

/**
 * The query key of one page: `[...datasetKey, 'page', pageParam]`.
 *
 * @example
 * pageQueryKey(['users'], 12); // ['users', 'page', 12]
 */
export function pageQueryKey(key: QueryKey, page: number): QueryKey {
  return [...key, 'page', page];
}

/**
 * The page a query key belongs to under `key`, or undefined for any other query.
 *
 * @example
 * pageOfQueryKey(['users'], ['users', 'page', 12]); // 12
 */
export function pageOfQueryKey(key: QueryKey, queryKey: QueryKey): number | undefined {
  if (queryKey.length !== key.length + 2 || queryKey[key.length] !== 'page') return undefined;
  const page = queryKey[key.length + 1];
  if (typeof page !== 'number' || !partialMatchKey(queryKey, key)) return undefined;
  return page;
}

/**
 * The page queries of `key` that `client` holds, each with its page.
 *
 * @example
 * for (const [page, query] of pageQueriesOf(client, ['users'])) console.log(page, query.state.data);
 */
export function pageQueriesOf(client: QueryClient, key: QueryKey): [number, Query][] {
  const found: [number, Query][] = [];
  for (const query of client.getQueryCache().findAll({ queryKey: [...key, 'page'] })) {
    const page = pageOfQueryKey(key, query.queryKey);
    if (page !== undefined) found.push([page, query]);
  }
  return found;
}

/** Why a page query refetched by query-core itself (`refetchQueries`) fails: its list fetched it once. */
const SETTLED_QUERY_FN = `lazyflow: a page query is fetched by its list${
  // The how-to in development builds only (decision 0059).
  process.env.NODE_ENV !== 'production' ? '; refetch it with list.refresh() or invalidateQueries()' : ''
}`;

/**
 * How many list fetches wait on each page query now. Lists on one client and key share a page's
 * query (fetchQuery joins the fetch on its way), so one list letting go of a page (its destroy,
 * last unsubscribe, eviction) cancels or removes the query only when no other list waits on it:
 * as query-core cancels a fetch only once no observer needs it. The last one to let go aborts it.
 */
const waiters = new WeakMap<Query, number>();

/** A page fetched through the QueryClient, and whether it came from the query cache. */
export interface PageQueryResult {
  readonly data: unknown;
  readonly fromCache: boolean;
  /** From the cache: whether its page was fetched in another shape (another `pageSize` or kind). */
  readonly otherShape?: boolean;
}

/**
 * Whether `query` holds a page fetched for another page shape than `shape` (its
 * `meta.lazyflowShape`, set by the list or prefetch that fetched it; see `pageShape`). A page
 * without one (set by the app) or a list without one (a hand-made source) is not told apart.
 *
 * @example
 * if (isOtherShape(query, 'offset:20')) return; // a 10-item page of another list on the key
 */
export function isOtherShape(query: Query | undefined, shape: string | undefined): boolean {
  const other = query?.meta?.lazyflowShape;
  return shape !== undefined && other !== undefined && other !== shape;
}

/** The query meta carrying a page's shape (see {@link isOtherShape}). */
export const shapeMeta = (shape: string | undefined) => (shape ? { lazyflowShape: shape } : undefined);

/**
 * Fetches one page through `queryClient.fetchQuery`, so it shows up in devtools, dedupes with
 * any fetch of the same key, and can be invalidated by the app. query-core's own retry is off
 * (`retry: false`): the lazyflow scheduler retries, because it owns the backoff timers, the
 * attempt count in stats and the rule that a page which left the window stops retrying.
 * `gcTime: Infinity` because the list removes a page's query itself when it evicts the page
 * (query-core's timer would otherwise drop queries the list still shows, and invalidateQueries
 * could no longer reach them). `staleTime: Infinity`: data is fresh until invalidated.
 * `abort()` cancels the query, which aborts the `signal` the source passed to `fetchPage`, once no
 * other list's fetch of the page waits on it (two lists on one client and key share the query).
 *
 * @example
 * const running = fetchPageQuery(client, ['users'], 3, (signal) => source.loadPage({ page: 3, signal }));
 * running.abort();
 */
export function fetchPageQuery(
  client: QueryClient,
  key: QueryKey,
  page: number,
  load: (signal: AbortSignal) => Promise<unknown>,
  shape?: string,
): RunningFetch<PageQueryResult> {
  const queryKey = pageQueryKey(key, page);
  let called = false;
  let aborted = false;
  // The query keeps its options, this queryFn among them, as long as it lives: with gcTime
  // Infinity a page kept for the next list on the key lives on after its list is destroyed. So
  // the queryFn lets go of `load` (which closes over the list, its store and its snapshots) once
  // this fetch has settled; otherwise each remount left the previous list reachable (the soak's
  // heap growth, issue #16 item 5). A list refetches a page with a fetch of its own, never this.
  let loader: typeof load | undefined = load;
  /** The query this fetch waits on (counted in `waiters`) until it settles or is aborted. */
  let joined: Query | undefined;
  const leave = () => {
    const query = joined;
    joined = undefined;
    const left = query === undefined ? 0 : (waiters.get(query) ?? 1) - 1;
    if (query !== undefined) left > 0 ? waiters.set(query, left) : waiters.delete(query);
    return query;
  };
  const run = () => {
    const fetched = client.fetchQuery({
      queryKey,
      queryFn: ({ signal }) => {
        called = true;
        if (loader === undefined) return Promise.reject(new Error(SETTLED_QUERY_FN));
        return loader(signal);
      },
      retry: false,
      staleTime: Number.POSITIVE_INFINITY,
      gcTime: Number.POSITIVE_INFINITY,
      meta: shapeMeta(shape),
    });
    // fetchQuery built the query synchronously; get(hash) is O(1), QueryCache.find walks every query.
    joined = client.getQueryCache().get(hashKey(queryKey));
    if (joined !== undefined) waiters.set(joined, (waiters.get(joined) ?? 0) + 1);
    return fetched;
  };
  const promise = run()
    // Someone else cancelled the shared query this fetch joined (a prefetch aborted under memory
    // pressure, the app's cancelQueries) while the list still wants the page: fetch it again.
    .catch((error: unknown) => {
      leave();
      if (!aborted && isCancelledError(error)) return run();
      throw error;
    })
    .then((data: unknown) => ({
      data,
      fromCache: !called,
      ...(!called && isOtherShape(joined, shape) && { otherShape: true }),
    }))
    .finally(() => {
      leave();
      loader = undefined;
    });
  return {
    promise,
    abort: () => {
      aborted = true;
      const query = leave();
      // Another list on the key still waits on this fetch: it goes on for that one.
      if (query !== undefined && !waiters.has(query)) void query.cancel({ revert: true });
    },
  };
}

/**
 * Whether a failed page fetch is worth another attempt: not a malformed page (the source would
 * send the same again), not an error that says `retryable: false` (a stream log's line that is
 * not JSON, an HTTP 404), not an abort (the page left the window, or `abort()` cancelled its
 * query and query-core rejected with a CancelledError).
 *
 * @example
 * new FetchScheduler({ ...options, shouldRetry: shouldRetryPage });
 */
export function shouldRetryPage(error: unknown): boolean {
  return (
    !(error instanceof PageShapeError) &&
    (error as { retryable?: unknown } | null)?.retryable !== false &&
    !isAbortError(error) &&
    !isCancelledError(error)
  );
}

/**
 * Rebuilds a page query whose gcTime is finite with `gcTime: Infinity`, keeping its state, as a
 * page its list fetched has. query-core keeps the longest gcTime a query has seen but never
 * reschedules the removal timer it started when it was built (a hydrated query, one the app set),
 * so the query is built again. One that is fetching is left alone (the list joins that fetch,
 * which applies the list's options when it ends), and so is one the app observes itself
 * (`useQuery` on a page key): its observers keep it.
 *
 * @example
 * const query = client.getQueryCache().get(hashKey(pageQueryKey(['users'], 3)));
 * if (query !== undefined) keepPageQuery(client, query);
 */
export function keepPageQuery(client: QueryClient, query: Query): void {
  const busy = query.state.fetchStatus !== 'idle' || query.getObserversCount() > 0;
  if (query.gcTime === Number.POSITIVE_INFINITY || busy) return;
  const cache = client.getQueryCache();
  cache.remove(query);
  cache.build(
    client,
    {
      queryKey: query.queryKey,
      queryHash: query.queryHash,
      gcTime: Number.POSITIVE_INFINITY,
      meta: query.meta,
    },
    query.state,
  );
}

/**
 * Removes one page's query from the cache in O(1) (removeQueries filters every query). With
 * `unlessAwaited`, a query another list's fetch still waits on stays (that list lets go of it
 * later); without, a fetch on its way is cancelled and every list waiting asks again.
 *
 * @example
 * removePageQuery(client, ['users'], 12);
 */
function removePageQuery(client: QueryClient, key: QueryKey, page: number, unlessAwaited = false): void {
  const cache = client.getQueryCache();
  const query = cache.get(hashKey(pageQueryKey(key, page)));
  if (query !== undefined && !(unlessAwaited && waiters.has(query))) cache.remove(query);
}

/**
 * One list's page queries: in a shared QueryClient, or in a client of its own (created here,
 * mounted while watched). Watches the invalidations the app makes between {@link PageQueries.watch}
 * and {@link PageQueries.stop} (a list does so while it has subscribers, so a list created in a
 * render React discards leaves no listener on the QueryCache), and on {@link PageQueries.release}
 * decides which pages stay in the client for the next list with the same key.
 *
 * @example
 * const queries = new PageQueries(['users'], sharedClient, (page) => console.log('stale', page));
 * queries.watch();
 * const running = queries.fetch(3, (signal) => source.loadPage({ page: 3, signal }));
 * queries.release([3], () => true); // page 3 stays in sharedClient for a remount
 */
export class PageQueries {
  readonly #key: QueryKey;
  readonly #client: QueryClient;
  readonly #ownsClient: boolean;
  readonly #onInvalidate: (page: number) => void;
  /** The shape of the list's pages (`pageShape(source)`), carried by the queries it fetches. */
  readonly #shape: string | undefined;
  #unwatch: (() => void) | undefined;

  /** `client` undefined = a client of its own; `onInvalidate(page)` hears the app's invalidations of a page. */
  constructor(
    key: QueryKey,
    client: QueryClient | undefined,
    onInvalidate: (page: number) => void,
    shape?: string,
  ) {
    this.#shape = shape;
    this.#key = key;
    this.#ownsClient = client === undefined;
    this.#client = client ?? new QueryClient();
    this.#onInvalidate = onInvalidate;
  }

  /** The QueryClient the pages live in (the app's, or the list's own). */
  get client(): QueryClient {
    return this.#client;
  }

  /**
   * Starts hearing invalidations (idempotent). Pages invalidated while nobody watched are
   * reported at once, so a list that was idle does not keep showing them as fresh.
   */
  watch(): void {
    if (this.#unwatch !== undefined) return;
    if (this.#ownsClient) this.#client.mount();
    // Page queries have no observers, so query-core itself would not refetch one the app
    // invalidates (`invalidateQueries({ queryKey: key })`); the list does.
    this.#unwatch = this.#client.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'invalidate') return;
      const page = pageOfQueryKey(this.#key, event.query.queryKey);
      if (page !== undefined) this.#onInvalidate(page);
    });
    for (const [page, query] of pageQueriesOf(this.#client, this.#key))
      if (query.state.isInvalidated) this.#onInvalidate(page);
  }

  /** Stops hearing invalidations (idempotent); {@link PageQueries.watch} starts again. */
  stop(): void {
    if (this.#unwatch === undefined) return;
    this.#unwatch();
    this.#unwatch = undefined;
    if (this.#ownsClient) this.#client.unmount();
  }

  /** {@link fetchPageQuery} of one page. */
  fetch(page: number, load: (signal: AbortSignal) => Promise<unknown>): RunningFetch<PageQueryResult> {
    return fetchPageQuery(this.#client, this.#key, page, load, this.#shape);
  }

  /** Whether the client holds data for `page` (a remount with a shared client). */
  has(page: number): boolean {
    return this.#client.getQueryData(pageQueryKey(this.#key, page)) !== undefined;
  }

  /**
   * Puts data the list produced itself (appended items) into the page's query, kept as a fetched
   * page is (`gcTime: Infinity`): the list removes the query when it evicts the page, and
   * query-core's default 5 minutes must not take one the list still shows out of the client.
   */
  set(page: number, data: unknown): void {
    const client = this.#client;
    const queryKey = pageQueryKey(this.#key, page);
    // A page new to the cache (an appended one) is built with the gcTime of a fetched page:
    // setQueryData alone would build it with query-core's 5 minutes and start that timer, and
    // keepPageQuery would then build it once more (each append of a stream paid both, issue #16).
    const query = client
      .getQueryCache()
      .build(client, { queryKey, gcTime: Number.POSITIVE_INFINITY, meta: shapeMeta(this.#shape) });
    client.setQueryData(queryKey, data);
    keepPageQuery(client, query); // one built before, with another gcTime (hydrated, set by the app)
  }

  /** {@link removePageQuery} of one page: its data is outdated (a fetch on its way is asked again). */
  remove(page: number): void {
    removePageQuery(this.#client, this.#key, page);
  }

  /** Lets go of one page: its query is removed unless another list's fetch still waits on it. */
  drop(page: number): void {
    removePageQuery(this.#client, this.#key, page, true);
  }

  /** Removes every page query of the list (a refresh or invalidate starts over). */
  removeAll(): void {
    this.#client.removeQueries({ queryKey: [...this.#key, 'page'] });
  }

  /**
   * Stops watching and lets go of the client: a client of its own is emptied; in a
   * shared one, each of `pages` stays if `keep` says so (a list created again with the same key
   * shows it at once) and is removed otherwise.
   */
  release(pages: Iterable<number>, keep: (page: number) => boolean): void {
    this.stop();
    if (this.#ownsClient) {
      this.removeAll();
    } else {
      for (const page of pages) if (!keep(page)) this.drop(page);
    }
  }
}
