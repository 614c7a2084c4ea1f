import type { QueryKey, QueryMeta } from '@tanstack/query-core';
import { pageRejection } from '../errors.ts';
import { assertObject, assertPositiveInteger, optionError } from '../options.ts';
import type { ListLayout } from '../paging/layout.ts';
import { layoutFor } from '../paging/layoutFor.ts';
import type { PageRange } from '../planner/planWindow.ts';
import { pageQueryKey, shapeMeta } from '../scheduler/pageQuery.ts';
import { pageShape } from '../sources/adopt.ts';
import type { LazyListSource } from '../sources/source.ts';
import { type PrefetchPriority, priorityRank } from './prefetchPriority.ts';
import type { PrefetchResult } from './prefetchResult.ts';

/**
 * Options of `prefetcher.prefetchList`: the list's own `key` and `source`, and which pages.
 *
 * @example
 * prefetcher.prefetchList({ key: ['feed'], source: feedSource, pages: 2, priority: 'high' });
 */
export interface PrefetchListOptions<T> {
  /** The key the list will be created with. */
  key: QueryKey;
  /**
   * The source the list will be created with (or one built the same way): offset, cursor or
   * range; not `autoSource`, which picks how to load only when its list starts.
   */
  source: LazyListSource<T>;
  /**
   * Pages to load: the first N (default 1), or `{ first, last }`. Cursor sources walk from
   * ordinal 0 (their first page) outwards, so their range must include 0; range sources count
   * in buckets, so pass the buckets the view will open on.
   */
  pages?: number | PageRange;
  /** Priority of every page. Default `'normal'`. */
  priority?: PrefetchPriority;
}

/**
 * What {@link prefetchListPages} needs from a prefetcher.
 *
 * @example
 * const host: ListPrefetchHost = { prefetch: prefetcher.prefetch.bind(prefetcher), getData: (key) => client.getQueryData(key) };
 */
export interface ListPrefetchHost {
  /** `meta`: the page's shape (`shapeMeta`), as a list's own fetch sets it. */
  prefetch(
    key: QueryKey,
    loader: (signal: AbortSignal) => Promise<unknown>,
    options: { priority: PrefetchPriority; meta: QueryMeta | undefined },
  ): Promise<PrefetchResult>;
  /** The data the QueryClient holds for `key`. */
  getData(key: QueryKey): unknown;
}

const OWNER = 'prefetchList';

/** The part of a list layout the prefetcher drives. */
type PageLoader = Pick<ListLayout<unknown>, 'reachedStart' | 'reachedEnd' | 'load' | 'accept'>;

/**
 * The layout `createLazyList` picks for `source` (`layoutFor`). Pages are loaded through it so
 * the prefetched data is, by construction, what the list's own first fetch would store: the
 * same `loadPage` call, the same cursor, the same validation.
 */
function loaderFor<T>(source: LazyListSource<T>): PageLoader {
  // autoSource decides how to load (eager, paged, streamed) when its list starts; a stream has no pages to warm.
  if (source?.kind === 'auto')
    throw optionError(OWNER, 'source', 'an offset, cursor or range source (not autoSource)', source);
  if (source?.kind !== 'offset' && source?.kind !== 'cursor' && source?.kind !== 'range')
    throw optionError(
      OWNER,
      'source',
      'a lazyflow source (offsetSource, cursorSource, rangeSource…)',
      source,
    );
  return layoutFor(source);
}

function resolvePages(pages: number | PageRange, kind: LazyListSource<unknown>['kind']): PageRange {
  if (typeof pages === 'number') {
    assertPositiveInteger(OWNER, 'pages', pages);
    return { first: 0, last: pages - 1 };
  }
  assertObject(OWNER, 'pages', pages);
  const { first, last } = pages;
  if (!Number.isInteger(first) || !Number.isInteger(last) || first > last) {
    throw optionError(OWNER, 'pages', 'a count or { first, last } integers with first <= last', pages);
  }
  // Offset pages start at 0: page -1 would ask the server for offset -pageSize.
  if (kind === 'offset' && first < 0) {
    throw optionError(OWNER, 'pages', 'a range of pages >= 0 for an offset source', pages);
  }
  if (kind === 'cursor' && (first > 0 || last < 0)) {
    throw optionError(
      OWNER,
      'pages',
      'a range including 0 for a cursor source (it walks from page 0)',
      pages,
    );
  }
  return { first, last };
}

/**
 * Prefetches a list's pages under `pageQueryKey(key, page)`, loaded exactly as the list will
 * ask for them, so a list created later with the same key, source and QueryClient shows them
 * without a request. Offset and range pages are queued at once (in page order); cursor pages
 * are walked one after the other from page 0, each continuing from the cursor the previous
 * one returned, and the walk stops at the first page that is not loaded or at the feed's end.
 * Resolves with one result per page tried. Throws a TypeError on bad options.
 *
 * @example
 * const results = await prefetchListPages(host, { key: ['feed'], source: feed, pages: 2 });
 * results.map((result) => result.status); // ['loaded', 'loaded']
 */
export function prefetchListPages<T>(
  host: ListPrefetchHost,
  options: PrefetchListOptions<T>,
): Promise<PrefetchResult[]> {
  if (process.env.NODE_ENV !== 'production') {
    // Option checks: development builds only (decision 0054). The source's kind (a path taken),
    // `pages` (what to load) and the prefetcher's own checks of key and priority stay in every build.
    assertObject(OWNER, 'options', options);
    if (!Array.isArray(options.key)) throw optionError(OWNER, 'key', 'an array (the list key)', options.key);
    assertObject(OWNER, 'source', options.source);
    priorityRank(options.priority ?? 'normal', OWNER);
  }
  const { key, source, pages = 1, priority = 'normal' } = options;
  const layout = loaderFor(source);
  const range = resolvePages(pages, source.kind);
  // What the client holds counts as loaded, as the list's own store would: a source that
  // fetches several pages per request (`pageSize: autoPageSize`) leaves those out.
  const isLoaded = (page: number) => host.getData(pageQueryKey(key, page)) !== undefined;
  // The page's shape goes with it, as with a list's own fetch: a list of another page size on the
  // key then fetches its own page instead of showing this one as its (pageQuery.ts, isOtherShape).
  const meta = shapeMeta(pageShape(source));
  const load = (page: number) =>
    // A prefetch is never on screen: the `fetch` hint is 'low' (decision 0026).
    host.prefetch(
      pageQueryKey(key, page),
      // `reject()` with no reason: an Error naming the page, as the list's own fetch gives.
      (signal) =>
        layout.load(page, signal, isLoaded, 'low').catch((error: unknown) => {
          throw pageRejection(page, error);
        }),
      { priority, meta },
    );
  if (source.kind !== 'cursor') {
    const results: Promise<PrefetchResult>[] = [];
    for (let page = range.first; page <= range.last; page++) results.push(load(page));
    return Promise.all(results);
  }
  return walkCursor(host, key, layout, range, load);
}

/** Cursor pages: 0, then forward to `last`, then backward to `first`, each from its neighbour's cursor. */
async function walkCursor(
  host: ListPrefetchHost,
  key: QueryKey,
  layout: PageLoader,
  range: PageRange,
  load: (page: number) => Promise<PrefetchResult>,
): Promise<PrefetchResult[]> {
  const results: PrefetchResult[] = [];
  const step = async (page: number): Promise<boolean> => {
    const result = await load(page);
    results.push(result);
    if (result.status !== 'loaded' && result.status !== 'cached') return false;
    const data = host.getData(pageQueryKey(key, page));
    if (data === undefined) return false; // removed meanwhile (a list evicted it): no cursor to go on from
    layout.accept(page, data);
    return true;
  };
  if (!(await step(0))) return results;
  for (let page = 1; page <= range.last && !layout.reachedEnd; page++) if (!(await step(page))) break;
  for (let page = -1; page >= range.first && !layout.reachedStart; page--) if (!(await step(page))) break;
  return results;
}
