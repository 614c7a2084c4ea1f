// virtua's and react-virtuoso's pages load rows the same way, as their load-more examples do: one
// page after the last, appended to `data`. No random access: row N needs every page before it.
// In libs/, not shared/: bench/run/bundle.mjs leaves shared/ out, and this is the pages' own code.
import type { Item } from '@lazyflow/mocks';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { fetchItems } from '../shared/fetchItems.ts';

/** What {@link useAppendedPages} gives a load-more page. */
export interface AppendedPages {
  /** The rows loaded so far, a new array after each page: the list's `data`. */
  readonly items: Item[];
  /** The same rows, current outside render (a jump's loop reads it between pages). */
  readonly loaded: RefObject<Item[]>;
  /** Fetches the page after the last one; while one is in flight, returns that one. */
  readonly loadMore: () => Promise<void>;
}

/**
 * The rows of a list that grows one page at a time from the top; the first page is asked for on
 * mount.
 *
 * @example
 * const { items, loaded, loadMore } = useAppendedPages(total, pageSize);
 */
export function useAppendedPages(total: number, pageSize: number): AppendedPages {
  const [items, setItems] = useState<Item[]>([]);
  const loaded = useRef<Item[]>([]);
  const inFlight = useRef<Promise<void> | null>(null);

  const loadMore = useCallback((): Promise<void> => {
    inFlight.current ??= fetchItems({ offset: loaded.current.length, limit: pageSize, total })
      .then((page) => {
        loaded.current = [...loaded.current, ...page.items];
        setItems(loaded.current);
      })
      .finally(() => {
        inFlight.current = null;
      });
    return inFlight.current;
  }, [pageSize, total]);

  useEffect(() => {
    loadMore();
  }, [loadMore]);

  return { items, loaded, loadMore };
}
