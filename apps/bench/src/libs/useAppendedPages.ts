// virtua's and react-virtuoso's pages load rows the same way, as their load-more examples do: one
// page after the last, appended to `data`. No random access: row N needs every page before it, so
// the harness's jump loads page after page and scrolls once row N is there.
// In libs/, not shared/: bench/run/bundle.mjs leaves shared/ out, and this is the pages' own code.
import type { Item } from '@lazyflow/mocks';
import { type RefObject, useCallback, useEffect, useRef, useState } from 'react';
import { fetchItems } from '../shared/fetchItems.ts';
import { useBenchHandle } from '../shared/useBenchHandle.ts';

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

/**
 * Registers the page's bench handle: `jumpTo(index)` loads page after page until row `index` is
 * loaded, then (after that render) calls `scrollToIndex(index)`; `heldRows` is the rows loaded.
 *
 * @example
 * useJumpByLoading(pages, total, (index) => ref.current?.scrollToIndex(index, { align: 'start' }));
 */
export function useJumpByLoading(
  pages: AppendedPages,
  total: number,
  scrollToIndex: (index: number) => void,
): void {
  const { loaded, loadMore } = pages;
  const count = pages.items.length;
  const [jumpTarget, setJumpTarget] = useState<number | null>(null);
  // A new scrollToIndex each render runs this effect more often, but it acts only where the target
  // or the count changed: when the target is null or not loaded yet it does nothing.
  useEffect(() => {
    if (jumpTarget === null || count <= jumpTarget) return;
    scrollToIndex(jumpTarget);
    setJumpTarget(null);
  }, [jumpTarget, count, scrollToIndex]);

  useBenchHandle({
    jumpTo: async (index) => {
      setJumpTarget(index);
      while (loaded.current.length <= index && loaded.current.length < total) await loadMore();
    },
    heldRows: () => loaded.current.length,
  });
}
