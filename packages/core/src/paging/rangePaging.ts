import { rangeSource as plainRangeSource, type RangeSourceOptions } from '../sources/rangeSource.ts';
import type { RangeSource } from '../sources/source.ts';
import { withLayout } from './layoutFor.ts';
import { RangeLayout } from './rangeLayout.ts';

/**
 * A key-range source (time series, maps): the key axis is cut into fixed buckets so panning
 * the window fetches only buckets not seen yet. Set the list's window in key units.
 *
 * The source carries its paging ({@link RangeLayout}): lists over other sources do not bundle it.
 *
 * @example
 * const source = rangeSource<Point>({
 *   bucket: 60_000,
 *   getKey: (p) => p.t,
 *   fetchRange: ({ from, to, signal }) =>
 *     fetch(`/api/metrics?from=${from}&to=${to}&step=1000`, { signal }).then((r) => r.json()),
 * });
 */
export function rangeSource<T>(options: RangeSourceOptions<T>): RangeSource<T> {
  return withLayout(plainRangeSource(options), (source) => new RangeLayout(source));
}
