import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import type { OffsetSource } from '../sources/source.ts';

/** Options of {@link arraySource}. */
export interface ArraySourceOptions {
  /** Items per page. */
  readonly pageSize: number;
  /**
   * Called with each request before it is answered (to count requests, or to hold the answers:
   * the answer waits for the promise returned, and reads the rows when it is sent).
   */
  readonly onFetch?: (params: OffsetFetchParams) => unknown;
  /** The dataset's `version` sent with every page (decision 0012), read when the page is answered. */
  readonly version?: () => number;
}

/**
 * An offset source over an array, as a test's server: each page is `rows.slice(offset, offset +
 * limit)` with `total: rows.length`, read when the page is answered. `rows` may be a function
 * when the test replaces the array (a server whose rows change); an array changed in place is
 * read as it is.
 *
 * @example
 * const rows = Array.from({ length: 100 }, (_, n) => ({ id: `r${n}` }));
 * const calls: number[] = [];
 * createLazyList({ key: ['rows'], source: arraySource(rows, { pageSize: 10, onFetch: ({ offset }) => calls.push(offset) }) });
 * // Answers held while `gate` is pending, over rows the test replaces:
 * arraySource(() => server.rows, { pageSize: 10, onFetch: () => server.gate });
 */
export function arraySource<T>(
  rows: readonly T[] | (() => readonly T[]),
  { pageSize, onFetch, version }: ArraySourceOptions,
): OffsetSource<T> {
  const read = typeof rows === 'function' ? rows : () => rows;
  const answer = ({ offset, limit }: OffsetFetchParams) => {
    const all = read();
    const items = all.slice(offset, offset + limit);
    return version === undefined
      ? { items, total: all.length }
      : { items, total: all.length, version: version() };
  };
  return offsetSource<T>({
    pageSize,
    // No await unless onFetch holds the answer: the lists' timing stays the one they were tested with.
    fetchPage: (params) => {
      const held = onFetch?.(params);
      return held instanceof Promise ? held.then(() => answer(params)) : Promise.resolve(answer(params));
    },
  });
}
