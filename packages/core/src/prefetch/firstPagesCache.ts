import { cacheDatasetKey } from '../cache/cacheTier.ts';
import type { PageCache } from '../cache/pageCache.ts';
import type { LazyListOptions } from '../list/lazyListOptions.ts';
import { isPageData } from '../sources/pageData.ts';
import { estimateBytes } from '../store/estimateBytes.ts';

type CachedListOptions<T> = Pick<LazyListOptions<T>, 'key' | 'source' | 'estimateBytes'> & {
  readonly cache: PageCache;
};

/**
 * The persistent cache's side of a Suspense list's first pages (decision 0092), which load
 * through `prefetchLazyList` and not through the list: `read` looks `pages` up in the list's
 * cache (what the list's own lookup would find; pages of another shape are left out) and never
 * rejects; `write` queues pages fetched from the network, as the list writes those it fetches.
 *
 * @internal
 * @example
 * const found = await firstPagesCache(options).read([0]); // Map { 0 => { items, total } }
 */
export function firstPagesCache<T>(options: CachedListOptions<T>): {
  read(pages: readonly number[]): Promise<ReadonlyMap<number, unknown>>;
  write(page: number, data: unknown): void;
} {
  const { cache, source } = options;
  const key = cacheDatasetKey(options.key, source);
  return {
    read: (pages) =>
      cache.read(key, pages).then(
        (found) => new Map([...found].filter(([, data]) => isPageData(source.kind, data))),
        () => new Map(),
      ),
    write(page, data) {
      if (!isPageData(source.kind, data)) return;
      const { items } = data as { items: readonly unknown[] };
      void cache.write(key, page, data, (options.estimateBytes ?? estimateBytes)(items)).catch(() => {});
    },
  };
}
