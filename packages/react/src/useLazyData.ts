import type { LazyListOptions, LazyListSnapshot } from '@lazyflow/core';
import { useMemo } from 'react';
import { type LazyDataControls, useListEngine } from './useListEngine.ts';

export type { LazyDataControls } from './useListEngine.ts';

/**
 * What {@link useLazyData} returns: the lazy list's snapshot (`count`, `getItem(i)`, `status`, `stats`…) plus controls.
 *
 * @example
 * const data: UseLazyDataResult<User> = useLazyData<User>({ key: ['users'], source });
 * const label = (index: number) => {
 *   const state = data.getItem(index);
 *   return state.status === 'loaded' ? state.item.name : 'Loading…';
 * };
 */
export interface UseLazyDataResult<T> extends LazyListSnapshot<T>, LazyDataControls<T> {}

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
  const { controls, snapshot } = useListEngine(options);
  return useMemo(() => Object.freeze({ ...snapshot, ...controls }), [controls, snapshot]);
}
