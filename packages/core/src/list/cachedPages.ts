import type { QueryClient, QueryKey } from '@tanstack/query-core';
import { hashKey } from '@tanstack/query-core';
import type { ListLayout } from '../paging/layout.ts';
import { layoutFor } from '../paging/layoutFor.ts';
import { isOtherShape, keepPageQuery, pageQueriesOf, pageQueryKey } from '../scheduler/pageQuery.ts';
import { pageShape } from '../sources/adopt.ts';
import type { LazyListSource } from '../sources/source.ts';

/** A page the QueryClient already holds when a list is created. */
export interface CachedPage {
  readonly page: number;
  readonly data: unknown;
  /** Invalidated (or its last refetch failed): shown, then fetched again like any stale page. */
  readonly stale: boolean;
}

/**
 * The pages of `key` that `client` holds already, in the order the list must take them: a
 * hydrated server render (`prefetchLazyList` + `dehydrate`/`hydrate`), a prefetch, or the pages
 * a list with the same key left behind. A list shows them in its very first snapshot, so a
 * hydrating render matches the server's markup and fetches none of them. Offset and range pages
 * are taken as they are; cursor pages as the layout's `cachedRun` takes them (one run walked
 * from page 0 outwards). `autoSource` decides how to load only when it starts: none.
 *
 * Each page found gets `gcTime: Infinity`, as pages the list fetches itself do: the list removes
 * a page's query when it evicts the page, and query-core's timer (5 minutes for a hydrated
 * query) must not take one the list still shows out of reach of `invalidateQueries`.
 *
 * @example
 * for (const { page, data, stale } of cachedPages(client, ['users'], source)) land(page, data, stale);
 */
export function cachedPages<T>(
  client: QueryClient | undefined,
  key: QueryKey,
  source: LazyListSource<T>,
  layout: Pick<ListLayout<T>, 'cachedRun' | 'isPageData'> = layoutFor(source),
): CachedPage[] {
  if (client === undefined || source.kind === 'auto') return [];
  const cache = client.getQueryCache();
  const shape = pageShape(source);
  const found = (page: number): CachedPage | undefined => {
    const query = cache.get(hashKey(pageQueryKey(key, page)));
    // Data of another shape (a list of another source on the key) is not this list's page.
    // So is a page fetched for another page size (the shape in the query's meta).
    if (
      query?.state.data === undefined ||
      isOtherShape(query, shape) ||
      layout.isPageData?.(query.state.data) === false
    )
      return undefined;
    keepPageQuery(client, query);
    return {
      page,
      data: query.state.data,
      stale: query.state.isInvalidated || query.state.status === 'error',
    };
  };
  if (layout.cachedRun) return layout.cachedRun(found);
  const pages = pageQueriesOf(client, key).flatMap(([page]) => found(page) ?? []);
  return pages.sort((a, b) => a.page - b.page);
}
