import {
  createLazyList,
  createVirtualList,
  type LazyList,
  type LazyListOptions,
  type LazyListUpdate,
  type NavigationKeyEvent,
  type SavedScroll,
  type ScrollToIndexOptions,
  type VirtualList,
  type VirtualListOptions,
  type VirtualListSnapshot,
  type VirtualListUpdate,
} from '@lazyflow/core';
import { type SyntheticEvent, useMemo, useRef, version } from 'react';
import { useClientLayoutEffect } from './clientLayoutEffect.ts';
import { deferredAppend } from './deferredAppend.ts';
import { listUpdate, pick } from './listUpdate.ts';
import { type HeldRows, type ListPlaceholder, NO_ROWS_HELD, usePlaceholder } from './placeholder.ts';
import { clientId, useLazyflowClient } from './queryClient.ts';
import { useEngine } from './useEngine.ts';
import { type ItemWriteControls, writeControls } from './writeControls.ts';

/**
 * Options of {@link useLazyList}: the lazy list's (key, source, prefetch, memory…) plus the view's.
 *
 * @example
 * const options: UseLazyListOptions<User> = {
 *   key: ['users', filter],
 *   source: offsetSource({ pageSize: 100, fetchPage: ({ offset, limit, signal }) => api.users(filter, offset, limit, signal) }),
 *   getScrollElement: () => ref.current,
 *   estimateSize: () => 36,
 *   memory: { maxBytes: 20_000_000 },
 * };
 */
export interface UseLazyListOptions<T>
  extends LazyListOptions<T>,
    Omit<VirtualListOptions<T>, 'list' | 'scrollElement' | 'scrollTarget' | 'persist'> {
  /** The scrolling element (from a ref); not needed with `useWindowScroll`. */
  getScrollElement?: () => HTMLElement | null;
  /**
   * `keepPreviousRows` (from `@lazyflow/react`): after a `key` change, show the old key's rows
   * (`isPlaceholder`) until the new key's first visible page lands. Default `'none'`.
   */
  placeholder?: ListPlaceholder | 'none';
}

/**
 * The controls of {@link useLazyList}: the same functions for the list's whole life.
 *
 * @example
 * const { scrollToIndex }: LazyListControls<User> = useLazyList<User>(options);
 * useEffect(() => scrollToIndex(selected, { align: 'center' }), [scrollToIndex, selected]); // reruns only for a new selection
 */
export interface LazyListControls<T> extends ItemWriteControls<T> {
  /** `{ align, behavior: 'smooth' }`: see `ScrollToIndexOptions` (a smooth flight loads only where it lands). */
  readonly scrollToIndex: (index: number, options?: ScrollToIndexOptions) => void;
  /** Callback ref for each row element (which needs `data-index={row.index}`). */
  readonly measureElement: (element: Element | null) => (() => void) | undefined;
  /** The scroll position by key, for `restore` after a remount or reload. */
  readonly saveScroll: () => SavedScroll;
  /**
   * Arrow keys, PageUp/PageDown, Home/End between rows; put it on the scroll element, and pass
   * `keyboard: keyboardNavigation` from `@lazyflow/core/keyboard` (decision 0058).
   */
  readonly onKeyDown: (event: NavigationKeyEvent) => void;
  readonly focusIndex: (index: number) => void;
  /** Adds items after the last one (a sent message, a stream batch); false if they cannot be placed yet. */
  readonly append: (items: readonly T[]) => boolean;
  /**
   * Tells an offset list its source has `count` items now (a log that grew: `createStreamLog`
   * from `@lazyflow/core/stream`); false for cursor and range sources.
   */
  readonly grow: (count: number) => boolean;
  /**
   * Retries the failed page `pageIndex`, or every failed page: with no argument, or as an
   * `onClick` handler (the click event is no page index).
   */
  readonly retry: (pageIndex?: number | SyntheticEvent) => void;
  /** Refetches the window, keeping what is shown until fresh data lands. */
  readonly refresh: () => void;
}

/**
 * What {@link useLazyList} returns: an immutable snapshot plus stable controls.
 *
 * @example
 * const list: UseLazyListResult<User> = useLazyList<User>(options);
 * const loaded = list.rows.filter((row) => row.state.status === 'loaded').length;
 */
export interface UseLazyListResult<T> extends VirtualListSnapshot<T>, LazyListControls<T> {
  /** With `placeholder: keepPreviousRows`: these are the previous key's rows, shown until the new key's land. */
  readonly isPlaceholder: boolean;
}

interface ListEngine<T> {
  /** The list key, serialized: the same key with another axis or anchor keeps the scroll position. */
  readonly dataKey: string;
  readonly list: LazyList<T>;
  readonly view: VirtualList<T>;
  readonly controls: LazyListControls<T>;
  readonly held: HeldRows<T>;
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => VirtualListSnapshot<T>;
  readonly deferring: () => boolean;
  destroy(): void;
}

/**
 * A virtualized, lazily loaded list as React state. Creates one `createLazyList` +
 * `createVirtualList` pair per `key` (and per source shape, direction, `anchor` and scroll
 * target: other pages or another axis), and pushes every other option to it after each commit
 * with `setOptions`: a `fetchPage` closing over a new token, `estimateSize`, `overscan`,
 * `lanes`, `gap`, `memory`, `prefetch`, `eagerSource(items)` apply on the next render without
 * losing the scroll position. Pages are queries in the app's QueryClient (React Query's
 * `QueryClientProvider`, else `LazyflowProvider`, else one client shared by the page), so they show
 * in its devtools and `invalidateQueries({ queryKey: key })` reaches the list; unmount aborts requests. A new `key` (a filter, a sort, a
 * query) is other data and starts at the top (at the end with `anchor: 'end'`), unless `restore`
 * or the `cache` says otherwise. The controls keep their identity for the list's life.
 *
 * @example
 * function Users() {
 *   const ref = useRef<HTMLDivElement>(null);
 *   const list = useLazyList<User>({
 *     key: ['users'],
 *     source: offsetSource({ pageSize: 100, fetchPage: ({ offset, limit, signal }) => api.users(offset, limit, signal) }),
 *     getScrollElement: () => ref.current,
 *     estimateSize: () => 36,
 *     keyboard: keyboardNavigation, // from '@lazyflow/core/keyboard': what onKeyDown runs
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
  const { key, source, horizontal = false, anchor = 'start', useWindowScroll = false } = options;
  const shape = 'bucket' in source ? source.bucket : source.pageSize;
  const queryClient = useLazyflowClient(options.queryClient);
  const identity = JSON.stringify([
    key,
    source.kind,
    shape,
    horizontal,
    anchor,
    useWindowScroll,
    clientId(queryClient),
  ]);
  const { engine, snapshot } = useEngine<VirtualListSnapshot<T>, ListEngine<T>>(identity, (previous) =>
    createEngine({ ...options, queryClient }, latest, previous),
  );
  // Options go to the engine after each commit, but only those that changed: a scroll commits
  // 60 times a second, and re-resolving unchanged options there is wasted work (issue #16).
  const pushed = useRef<PushedOptions<T> | null>(null);
  useClientLayoutEffect(() => {
    latest.current = options;
    const list = listUpdate(options);
    let view: VirtualListUpdate = pick(options, VIEW_UPDATE);
    const last = pushed.current?.engine === engine ? pushed.current : null;
    if (last === null || !sameValues(last.list, list)) engine.list.setOptions(list);
    // An inline `estimateSize` giving the estimates of the one the view has is not pushed (the
    // view keeps its own, decision 0016): each push re-resolved every option, in each frame of a
    // scroll, for nothing (issue #16).
    if (last === null || !sameValues(last.view, view, engine.view.getSnapshot()))
      engine.view.setOptions(view);
    else view = last.view;
    pushed.current = { engine, list, view };
  });
  // After each rendered snapshot, on purpose (`snapshot` is not read inside).
  useClientLayoutEffect(() => {
    engine.view.commit(); // scroll writes and focus wait until the rows are in the DOM
  }, [engine, snapshot]);
  const { shown, isPlaceholder } = usePlaceholder(engine.held, snapshot, options.placeholder);
  return useMemo(
    () => Object.freeze({ ...shown, isPlaceholder, ...engine.controls }),
    [engine, shown, isPlaceholder],
  );
}

interface PushedOptions<T> {
  readonly engine: ListEngine<T>;
  readonly list: LazyListUpdate<T>;
  readonly view: VirtualListUpdate;
}

/** What the hook pushes to its running view after each commit (`VirtualList.setOptions`). */
const VIEW_UPDATE = [
  'estimateSize',
  'overscan',
  'lanes',
  'gap',
  'layout',
  'endThreshold',
  'isScrollingResetDelayMs',
  'isScrollingResetDelay',
  'scrollPaddingStart',
  'scrollPaddingEnd',
  'stickyIndexes',
] as const satisfies readonly (keyof VirtualListUpdate)[];

/**
 * Whether two option records of the same shape hold the same values (`Object.is`, one level).
 * With `shown`, two functions (the view's `estimateSize`, built anew on each render) are the same
 * when they give the same estimates for the first and last item and the rows shown, as
 * `VirtualList.setOptions` counts them (decision 0016).
 */
function sameValues<O extends object>(a: O, b: O, shown?: VirtualListSnapshot<unknown>): boolean {
  for (const name of Object.keys(b) as (keyof O)[]) {
    // Under `typeof y === 'function'`, `x` is a function the view took, or undefined (not given).
    const x = a[name] as ((index: number) => number) | undefined;
    const y = b[name];
    if (
      !Object.is(x, y) &&
      !(
        shown &&
        typeof y === 'function' &&
        [0, shown.count - 1, ...shown.rows.map((row) => row.index)].every((i) => i < 0 || x?.(i) === y(i))
      )
    )
      return false;
  }
  return true;
}

const TOP: SavedScroll = Object.freeze({ anchorKey: 0, offsetInItem: 0, sizes: [] });

/** React 19 calls the cleanup a callback ref returns; React 18 warns about it (and calls the ref with null). */
const REF_CLEANUP = Number.parseInt(version, 10) >= 19;

function createEngine<T>(
  options: UseLazyListOptions<T>,
  latest: { readonly current: UseLazyListOptions<T> },
  previous: ListEngine<T> | null,
): ListEngine<T> {
  const { getScrollElement, useWindowScroll, restore, scrollMargin, anchor, ...rest } = options;
  // Same key, other axis or anchor: same rows, same place. A new key is other data (a filter, a
  // sort, a query): it starts at the top (or the end, for a chat), not at the old list's offset,
  // which the scroll element would otherwise keep.
  const dataKey = JSON.stringify(rest.key);
  const sameData = previous !== null && previous.dataKey === dataKey;
  const keep = options.placeholder;
  const list = createLazyList<T>(rest);
  const { cache, key } = rest;
  const view = createVirtualList<T>({
    ...rest,
    list,
    anchor,
    ...(useWindowScroll === true
      ? { useWindowScroll: true }
      : { scrollElement: () => latest.current.getScrollElement?.() ?? null }),
    // A new key on the same element starts at the top (TOP); a first list takes where the element
    // already is (an app's own restoration in its first layout effect).
    restore: sameData
      ? previous.view.saveScroll()
      : (restore ?? (anchor === 'end' || previous === null ? null : TOP)),
    // Read at each use: a list that moves in the page (content above it grows) needs no remount.
    scrollMargin: () => {
      const margin = latest.current.scrollMargin ?? scrollMargin ?? 0;
      return typeof margin === 'function' ? margin() : margin;
    },
    // With an IndexedDB cache the scroll position is stored beside the pages (read by the view
    // when it is first subscribed, never during render), so a reload lands on the same row.
    persist: cache && {
      ...(sameData || restore != null ? {} : { load: () => cache.loadScroll(key) }),
      save: (saved) => cache.saveScroll(key, saved),
      flush: () => cache.flush(),
    },
  });
  const { append, deferring } = deferredAppend(list);
  const controls: LazyListControls<T> = {
    scrollToIndex: (index, scroll) => view.scrollToIndex(index, scroll),
    measureElement: REF_CLEANUP
      ? view.measureElement
      : (element) => {
          view.measureElement(element);
          return undefined;
        },
    saveScroll: () => view.saveScroll(),
    onKeyDown: view.onKeyDown,
    focusIndex: (index) => view.focusIndex(index),
    append,
    grow: (count) => list.grow(count),
    retry: (pageIndex) => list.retry(pageIndex as number | undefined), // an event: every page
    refresh: () => list.refresh(),
    ...writeControls(list),
  };
  return {
    deferring,
    dataKey,
    list,
    view,
    controls,
    // A new key (other data) with a placeholder holds the previous list's rows (keepPreviousRows;
    // any other value is a TypeError from usePlaceholder in the same render).
    held:
      previous === null || sameData || typeof keep !== 'object' || keep?.kind !== 'previous-rows'
        ? NO_ROWS_HELD
        : keep.hold({
            held: previous.held,
            getSnapshot: previous.getSnapshot,
            saveScroll: previous.controls.saveScroll,
          }),
    subscribe: view.subscribe,
    getSnapshot: view.getSnapshot,
    destroy() {
      view.destroy();
      list.destroy();
    },
  };
}
