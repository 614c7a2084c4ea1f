// react-window's pages (the list and the grid) load rows the same way: react-window-infinite-loader
// v2's `useInfiniteLoader` over a sparse Map (random access), as in the loader's README.
// In libs/, not shared/: bench/run/bundle.mjs leaves shared/ out, and this is the pages' own code.
import type { Item } from '@lazyflow/mocks';
import { useCallback, useEffect, useState } from 'react';
import { useInfiniteLoader } from 'react-window-infinite-loader';
import { fetchItems } from '../shared/fetchItems.ts';

/** What {@link useInfiniteLoaderRows} gives a react-window page. */
export interface InfiniteLoaderRows {
  /** The rows loaded so far by index; the same Map for the page's life. */
  readonly rows: Map<number, Item>;
  /** Bumped when rows arrive, so the List or Grid re-renders its rows. */
  readonly version: number;
  /** The dataset's size once the first page came; 0 before. */
  readonly rowCount: number;
  /** The loader's callback: hand it the visible row range. */
  readonly onRowsRendered: (range: { startIndex: number; stopIndex: number }) => void;
}

/**
 * The loader's `isRowLoaded`, `loadMoreRows(startIndex, stopIndex)` and `rowCount`, with
 * `minimumBatchSize` the bench's page size; the first page is asked for on mount, since the size of
 * the dataset comes with it.
 *
 * @example
 * const { rows, version, rowCount, onRowsRendered } = useInfiniteLoaderRows(total, pageSize);
 */
export function useInfiniteLoaderRows(total: number, pageSize: number): InfiniteLoaderRows {
  const [rows] = useState(() => new Map<number, Item>());
  const [version, setVersion] = useState(0);
  const [rowCount, setRowCount] = useState(0);

  const isRowLoaded = useCallback((index: number) => rows.has(index), [rows]);
  const loadMoreRows = useCallback(
    async (startIndex: number, stopIndex: number) => {
      const page = await fetchItems({ offset: startIndex, limit: stopIndex - startIndex + 1, total });
      page.items.forEach((item, i) => {
        rows.set(startIndex + i, item);
      });
      setRowCount(page.total);
      setVersion((v) => v + 1);
    },
    [rows, total],
  );
  const onRowsRendered = useInfiniteLoader({
    isRowLoaded,
    loadMoreRows,
    rowCount,
    minimumBatchSize: pageSize,
  });

  useEffect(() => {
    loadMoreRows(0, pageSize - 1);
  }, [loadMoreRows, pageSize]);

  return { rows, version, rowCount, onRowsRendered };
}
