import {
  createLazyList,
  createVirtualList,
  type LazyList,
  type LazyListOptions,
  type NavigationKeyEvent,
  type SavedScroll,
  type ScrollAlign,
  sharedQueryClient,
  type VirtualList,
  type VirtualListOptions,
  type VirtualListSnapshot,
} from '@lazyflow/core';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useEngine } from './useEngine.ts';

/** Options of {@link useLazyList}: the lazy list's (key, source, prefetch, memory…) plus the view's. */
export interface UseLazyListOptions<T>
  extends LazyListOptions<T>,
    Omit<VirtualListOptions<T>, 'list' | 'scrollElement' | 'scrollTarget'> {
  /** The scrolling element (from a ref); not needed with `useWindowScroll`. */
  getScrollElement?: () => HTMLElement | null;
}

/** What {@link useLazyList} returns: an immutable snapshot plus stable controls. */
export interface UseLazyListResult<T> extends VirtualListSnapshot<T> {
  readonly scrollToIndex: (index: number, options?: { align?: ScrollAlign }) => void;
  /** Callback ref for each row element (which needs `data-index={row.index}`). */
  readonly measureElement: (element: Element | null) => (() => void) | undefined;
  /** The scroll position by key, for `restore` after a remount or reload. */
  readonly saveScroll: () => SavedScroll;
  /** Arrow keys, PageUp/PageDown, Home/End between rows; put it on the scroll element. */
  readonly onKeyDown: (event: NavigationKeyEvent) => void;
  readonly focusIndex: (index: number) => void;
  /** Adds items after the last one (a sent message, a stream batch); false if they cannot be placed yet. */
  readonly append: (items: readonly T[]) => boolean;
  /** Retries failed pages. */
  readonly retry: () => void;
  /** Refetches the window, keeping what is shown until fresh data lands. */
  readonly refresh: () => void;
}

interface ListEngine<T> {
  /** The list key, serialized: a layout change keeps the scroll position, a new key does not. */
  readonly dataKey: string;
  readonly list: LazyList<T>;
  readonly view: VirtualList<T>;
  /** Stores the scroll position in the list's cache, if it has one; `now` writes it at once. */
  saveScroll(now?: boolean): void;
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => VirtualListSnapshot<T>;
  destroy(): void;
}

/**
 * A virtualized, lazily loaded list as React state. Creates a `createLazyList` +
 * `createVirtualList` pair per `key` (and per layout shape: lanes, gap, direction, anchor),
 * shares pages with other lists of the same key through one QueryClient (unless you pass
 * yours), aborts its requests on unmount, and returns an immutable snapshot (safe for React
 * Compiler). Changing the layout (`lanes` after a resize…) keeps the scroll position by
 * anchor; a new `key` (a filter, a sort, a query) is other data and starts at the top (at the
 * end with `anchor: 'end'`), unless `restore` or the cache says otherwise.
 *
 * @example
 * function Users() {
 *   const ref = useRef<HTMLDivElement>(null);
 *   const list = useLazyList<User>({
 *     key: ['users'],
 *     source: offsetSource({ pageSize: 100, fetchPage: ({ offset, limit, signal }) => api.users(offset, limit, signal) }),
 *     getScrollElement: () => ref.current,
 *     estimateSize: () => 36,
 *   });
 *   return (
 *     <div ref={ref} role="list" onKeyDown={list.onKeyDown} style={{ height: 600, overflow: 'auto' }}>
 *       <div style={{ height: list.totalSize, position: 'relative' }}>
 *         {list.rows.map((row) => (
 *           <div key={row.key} ref={list.measureElement} data-index={row.index} role="listitem"
 *             aria-setsize={list.count} aria-posinset={row.index + 1}
 *             style={{ position: 'absolute', width: '100%', transform: `translateY(${row.start}px)` }}>
 *             {row.state.status === 'loaded' ? row.state.item.name : 'Loading…'}
 *           </div>
 *         ))}
 *       </div>
 *     </div>
 *   );
 * }
 */
export function useLazyList<T>(options: UseLazyListOptions<T>): UseLazyListResult<T> {
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  const identity = JSON.stringify([
    options.key,
    options.lanes ?? 1,
    options.gap ?? 0,
    options.horizontal ?? false,
    options.anchor ?? 'start',
    options.overscan ?? 5,
    options.useWindowScroll ?? false,
  ]);
  const { engine, snapshot } = useEngine<VirtualListSnapshot<T>, ListEngine<T>>(identity, (previous) =>
    createEngine(options, latest, previous),
  );
  useEffect(() => {
    // A reload does not unmount: store the position when the page goes away.
    const save = () => engine.saveScroll(true);
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, [engine]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each rendered snapshot on purpose
  useLayoutEffect(() => {
    engine.view.commit(); // scroll writes and focus wait until the rows are in the DOM
  }, [engine, snapshot]);
  return useMemo(() => {
    const { list, view } = engine;
    return Object.freeze({
      ...snapshot,
      scrollToIndex: (index: number, scroll?: { align?: ScrollAlign }) => view.scrollToIndex(index, scroll),
      measureElement: view.measureElement,
      saveScroll: () => view.saveScroll(),
      onKeyDown: view.onKeyDown,
      focusIndex: (index: number) => view.focusIndex(index),
      append: (items: readonly T[]) => list.append(items),
      retry: () => list.retry(),
      refresh: () => list.refresh(),
    });
  }, [engine, snapshot]);
}

const TOP: SavedScroll = Object.freeze({ anchorKey: 0, offsetInItem: 0, sizes: [] });

function createEngine<T>(
  options: UseLazyListOptions<T>,
  latest: { readonly current: UseLazyListOptions<T> },
  previous: ListEngine<T> | null,
): ListEngine<T> {
  const {
    getScrollElement: _getScrollElement,
    useWindowScroll,
    estimateSize: _estimateSize,
    overscan,
    horizontal,
    lanes,
    gap,
    anchor,
    restore,
    scrollMargin,
    initialRect,
    endThreshold,
    isScrollingResetDelay,
    maxPhysicalSize,
    ...listOptions
  } = options;
  // Same key, new layout (lanes after a resize…): same rows, same place. A new key is other
  // data (a filter, a sort, a query): it starts at the top (or the end, for a chat), not at the
  // old list's offset, which the scroll element would otherwise keep.
  const dataKey = JSON.stringify(listOptions.key);
  const sameData = previous !== null && previous.dataKey === dataKey;
  const list = createLazyList<T>({
    ...listOptions,
    queryClient: listOptions.queryClient ?? sharedQueryClient(),
  });
  const view = createVirtualList<T>({
    list,
    ...(useWindowScroll === true
      ? { useWindowScroll: true }
      : { scrollElement: () => latest.current.getScrollElement?.() ?? null }),
    estimateSize: (index) => (latest.current.estimateSize ?? options.estimateSize ?? (() => 36))(index),
    overscan,
    horizontal,
    lanes,
    gap,
    anchor,
    restore: sameData ? previous.view.saveScroll() : (restore ?? (anchor === 'end' ? null : TOP)),
    // Read at each use: a list that moves in the page (content above it grows) needs no remount.
    scrollMargin: () => {
      const margin = latest.current.scrollMargin ?? scrollMargin ?? 0;
      return typeof margin === 'function' ? margin() : margin;
    },
    initialRect,
    endThreshold,
    isScrollingResetDelay,
    maxPhysicalSize,
  });
  // With an IndexedDB cache, the scroll position is stored beside the pages: a reload (or a
  // remount without `restore`) lands on the same row.
  const { cache, key } = listOptions;
  if (cache !== undefined && !sameData && restore == null) {
    void cache.loadScroll(key).then((saved) => saved !== undefined && view.restoreScroll(saved));
  }
  const saveScroll = (now = false) => {
    if (cache === undefined) return;
    cache.saveScroll(key, view.saveScroll());
    if (now) void cache.flush();
  };
  // Also store the position each time scrolling settles: an IndexedDB write started in
  // `pagehide` does not land before Chromium replaces the page on a reload.
  let scrolling = false;
  const stopSaving =
    cache === undefined
      ? undefined
      : view.subscribe(() => {
          const { isScrolling } = view.getSnapshot();
          if (scrolling && !isScrolling) saveScroll(true);
          scrolling = isScrolling;
        });
  return {
    dataKey,
    list,
    view,
    subscribe: view.subscribe,
    getSnapshot: view.getSnapshot,
    saveScroll,
    destroy() {
      stopSaving?.();
      saveScroll();
      view.destroy();
      list.destroy();
    },
  };
}
