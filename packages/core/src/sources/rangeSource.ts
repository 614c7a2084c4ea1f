import { PageShapeError } from '../errors.ts';
import { assertFunction, assertObject, assertPositiveNumber, optionError } from '../options.ts';
import { adoptable } from './adopt.ts';
import type { FetchPriority } from './fetchPriority.ts';
import type { RangeSource } from './source.ts';

/**
 * What `fetchRange` receives: a half-open key range `[from, to)` covering exactly one bucket.
 *
 * @example
 * rangeSource<Point>({
 *   bucket: 60_000,
 *   fetchRange: ({ from, to, signal }: RangeFetchParams) => fetch(`/api/metrics?from=${from}&to=${to}`, { signal }).then((r) => r.json()),
 * });
 */
export interface RangeFetchParams {
  readonly from: number;
  readonly to: number;
  readonly signal: AbortSignal;
  /** `'high'` when the bucket is on screen, `'low'` for prefetch: pass it on to `fetch` (decision 0026). */
  readonly priority: FetchPriority;
}

/**
 * Options for {@link rangeSource}.
 *
 * @example
 * rangeSource<Point>({ bucket: 60_000, getKey: (p) => p.t, fetchRange });
 */
export interface RangeSourceOptions<T> {
  /** Bucket width in key units (e.g. 60_000 for one minute of a time series). */
  bucket: number;
  /** Fetches the items whose keys fall in `[from, to)`; resolves with an array or `{ items }`/`{ points }`. */
  fetchRange: (
    params: RangeFetchParams,
  ) => Promise<readonly T[] | { items: readonly T[] } | { points: readonly T[] }>;
  /** Reads an item's key; lets `getRange` return exactly the items of a range. */
  getKey?: (item: T) => number;
}

/**
 * A key-range source (time series, maps): the key axis is cut into fixed buckets so panning
 * the window fetches only buckets not seen yet. Set the list's window in key units.
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
  if (process.env.NODE_ENV !== 'production') {
    // Option checks: development builds only (decision 0054).
    assertObject('rangeSource', 'options', options);
    assertPositiveNumber('rangeSource', 'bucket', options.bucket);
    if (!Number.isFinite(options.bucket))
      throw optionError('rangeSource', 'bucket', 'a finite number > 0', options.bucket);
    assertFunction('rangeSource', 'fetchRange', options.fetchRange);
    if (options.getKey !== undefined) assertFunction('rangeSource', 'getKey', options.getKey);
  }
  const { bucket, fetchRange, getKey } = options;
  const cell = { current: fetchRange };
  const source: RangeSource<T> = {
    kind: 'range',
    bucket,
    getKey,
    async loadBucket({ bucket: index, from, to, signal, priority }) {
      const raw: unknown = await cell.current({ from, to, signal, priority });
      if (Array.isArray(raw)) return { items: raw as readonly T[] };
      if (typeof raw === 'object' && raw !== null) {
        if ('items' in raw && Array.isArray(raw.items)) return { items: raw.items as readonly T[] };
        if ('points' in raw && Array.isArray(raw.points)) return { items: raw.points as readonly T[] };
      }
      throw new PageShapeError(
        'rangeSource',
        index,
        'fetchRange',
        'an array, { items: unknown[] } or { points: unknown[] }',
        raw,
      );
    },
  };
  return adoptable(source, `range:${bucket}`, cell);
}
