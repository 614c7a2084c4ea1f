import type { QueryKey } from '@tanstack/query-core';
import type { LazyListSource } from '../sources/source.ts';
import type { CacheTier, CacheTierCalls, CacheTierFlow } from './cacheTier.ts';
import type { PageCache } from './pageCache.ts';

/**
 * Where a cache a list accepts carries the list's side of the protocol (`cacheTier.ts`): set by
 * `idbCache` and `pageCache`, so a list without a cache does not bundle it (decision 0019).
 *
 * @internal
 * @example
 * const tier = (cache as CarriesTier)[LIST_TIER](cache, key, source, flow, { onCached, onChecked, retry });
 */
export const LIST_TIER: unique symbol = Symbol.for('lazyflow.cacheTier');

/**
 * A page cache with the list's tier on it.
 *
 * @internal
 * @example
 * if (typeof (cache as Partial<CarriesTier>)[LIST_TIER] === 'function') useIt(cache);
 */
export interface CarriesTier {
  readonly [LIST_TIER]: <T, F extends CacheTierFlow>(
    cache: PageCache,
    key: QueryKey,
    source: LazyListSource<T>,
    flow: F,
    calls: CacheTierCalls<F>,
  ) => CacheTier<F>;
}
