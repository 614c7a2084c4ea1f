import { createLazyList, type LazyList, type LazyListOptions, type LazyListSnapshot } from '@lazyflow/core';
import { useLayoutEffect, useMemo } from 'react';
import { listUpdate } from './listUpdate.ts';
import { clientId, useLazyflowClient } from './queryClient.ts';
import { useEngine } from './useEngine.ts';

/** The controls of {@link useLazyData}: the same functions for the list's whole life. */
export interface LazyDataControls<T> {
  /** The range `[start, end)` your virtualizer shows now; call it after each render. */
  readonly followRange: (start: number, end: number) => void;
  /** Adds items after the last one; false if they cannot be placed yet. */
  readonly append: (items: readonly T[]) => boolean;
  readonly retry: () => void;
  readonly refresh: () => void;
}

/** What {@link useLazyData} returns: the lazy list's snapshot (`count`, `getItem(i)`, `status`, `stats`…) plus controls. */
export interface UseLazyDataResult<T> extends LazyListSnapshot<T>, LazyDataControls<T> {}

interface DataEngine<T> {
  readonly list: LazyList<T>;
  readonly controls: LazyDataControls<T>;
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => LazyListSnapshot<T>;
  destroy(): void;
}

/**
 * lazyflow's data engine for a virtualizer you already use (TanStack Virtual, a grid, a canvas):
 * random access by page, prefetch by direction and speed, byte-bounded memory, the IndexedDB
 * cache, the app's QueryClient. Give your virtualizer `count`, render `getItem(index)`, and
 * report the visible range with `followRange` after each render; speed and direction come from
 * successive ranges. lazyflow's own `useLazyList` adds what a virtualizer cannot: lists past the
 * browser's 33.5M px, and rows that stay still while sizes above them are measured.
 *
 * @example
 * const data = useLazyData<User>({ key: ['users'], source: offsetSource({ pageSize: 100, fetchPage, initialCount: 1_000_000 }) });
 * const virtualizer = useVirtualizer({ count: data.count, getScrollElement: () => ref.current, estimateSize: () => 30 });
 * const { range } = virtualizer;
 * useLayoutEffect(() => data.followRange(range?.startIndex ?? 0, (range?.endIndex ?? 20) + 1));
 * // render virtualizer.getVirtualItems() with data.getItem(item.index)
 */
export function useLazyData<T>(options: LazyListOptions<T>): UseLazyDataResult<T> {
  const { key, source } = options;
  const queryClient = useLazyflowClient(options.queryClient);
  const shape = 'bucket' in source ? source.bucket : source.pageSize;
  const { engine, snapshot } = useEngine<LazyListSnapshot<T>, DataEngine<T>>(
    JSON.stringify([key, source.kind, shape, clientId(queryClient)]),
    () => {
      const list = createLazyList<T>({ ...options, queryClient });
      return {
        list,
        controls: {
          followRange: (start, end) => list.followRange(start, end),
          append: (items) => list.append(items),
          retry: () => list.retry(),
          refresh: () => list.refresh(),
        },
        subscribe: list.subscribe,
        getSnapshot: list.getSnapshot,
        destroy: () => list.destroy(),
      };
    },
  );
  useLayoutEffect(() => {
    engine.list.setOptions(listUpdate(options));
  });
  return useMemo(() => Object.freeze({ ...snapshot, ...engine.controls }), [engine, snapshot]);
}
