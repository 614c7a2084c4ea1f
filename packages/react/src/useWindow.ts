import type { LazyListOptions, LazyListSnapshot, LazyListStats } from '@lazyflow/core';
import { useEffect, useMemo, useRef } from 'react';
import { useListEngine } from './useListEngine.ts';

/**
 * Options of {@link useWindow}: a lazy list's options plus the range to show.
 *
 * @example
 * const options: UseWindowOptions<Point> = { key: ['cpu'], source: metricsSource, range: { from: Date.now() - 3_600_000, to: Date.now() } };
 */
export interface UseWindowOptions<T> extends LazyListOptions<T> {
  /** Half-open `[from, to)` in the source's units: item indexes, or keys such as ms for `rangeSource`. */
  range: { from: number; to: number };
}

/**
 * What {@link useWindow} returns.
 *
 * @example
 * const { items, status }: UseWindowResult<Point> = useWindow<Point>(options);
 * const path = status === 'error' ? '' : items.map((p, i) => `${i ? 'L' : 'M'}${x(p.t)},${y(p.value)}`).join('');
 */
export interface UseWindowResult<T> {
  /** Loaded items of the range, in order. */
  readonly items: readonly T[];
  /** 'loaded' when every page of the range is in, 'loading' while any is missing, 'error' if one failed. */
  readonly status: 'loaded' | 'loading' | 'error';
  readonly error: unknown;
  readonly stats: LazyListStats;
  readonly count: number;
  /** The whole lazy list snapshot (per-item states, pages). */
  readonly list: LazyListSnapshot<T>;
  readonly retry: () => void;
  readonly refresh: () => void;
}

/**
 * The items of a caller-chosen range as React state, for charts, grids and canvases that do
 * their own layout. Moving the range (pan, zoom) fetches only pages or buckets not held yet,
 * keeps showing what is loaded meanwhile, and aborts requests the range left behind.
 *
 * @example
 * function Chart({ from, to }: { from: number; to: number }) {
 *   const { items, status } = useWindow<MetricPoint>({
 *     key: ['metrics', 'cpu'],
 *     source: rangeSource({ bucket: 3_600_000, fetchRange: ({ from, to, signal }) => api.metrics(from, to, signal) }),
 *     range: { from, to },
 *   });
 *   return <Sparkline points={items} busy={status === 'loading'} />;
 * }
 */
export function useWindow<T>(options: UseWindowOptions<T>): UseWindowResult<T> {
  const { range, ...listOptions } = options;
  const { list, controls, snapshot } = useListEngine<T>({
    ...listOptions,
    initialWindow: { start: range.from, end: range.to },
  });
  const previousFrom = useRef(range.from);
  const { from, to } = range;
  useEffect(() => {
    const direction = from < previousFrom.current ? 'backward' : 'forward';
    previousFrom.current = from;
    list.setWindow({ start: from, end: to, direction, velocity: 0 });
  }, [list, from, to]);
  return useMemo(() => {
    const state = snapshot.getRange(from, to);
    return Object.freeze({
      items: state.items,
      status: state.status,
      error: snapshot.error,
      stats: snapshot.stats,
      count: snapshot.count,
      list: snapshot,
      retry: controls.retry,
      refresh: controls.refresh,
    });
  }, [controls, snapshot, from, to]);
}
