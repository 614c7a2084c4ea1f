// lazyflow's pages (the list and the grid) read `/api/items` through one offsetSource, as in
// docs/lazy-list.md and docs/grid.md.
// In libs/, not shared/: bench/run/bundle.mjs leaves shared/ out, and this is the pages' own code.
import { type OffsetSource, offsetSource } from '@lazyflow/core';
import type { Item } from '@lazyflow/mocks';
import { useMemo } from 'react';
import { fetchItems } from '../shared/fetchItems.ts';

/**
 * An offsetSource of `total` items in pages of `pageSize`, through the counted
 * {@link fetchItems} (with lazyflow's fetch priority); the same object until either changes.
 *
 * @example
 * const list = useLazyList<Item>({ key: ['bench-items'], source: useItemsSource(total, pageSize), … });
 */
export function useItemsSource(total: number, pageSize: number): OffsetSource<Item> {
  return useMemo(
    () =>
      offsetSource<Item>({
        pageSize,
        fetchPage: ({ offset, limit, signal, priority }) =>
          fetchItems({ offset, limit, total, signal, priority }),
      }),
    [pageSize, total],
  );
}
