import { PageShapeError } from '../errors.ts';
import {
  assertFunction,
  assertNonNegativeInteger,
  assertObject,
  assertPositiveInteger,
  optionError,
} from '../options.ts';
import { adoptable } from './adopt.ts';
import type { FetchPriority } from './fetchPriority.ts';
import type { PageSizingOptions } from './pageSizing.ts';
import type { OffsetPage, OffsetSource } from './source.ts';

/**
 * What `fetchPage` receives from an offset source.
 *
 * @example
 * offsetSource<User>({
 *   pageSize: 100,
 *   fetchPage: ({ offset, limit, signal, priority }: OffsetFetchParams) =>
 *     fetch(`/api/users?offset=${offset}&limit=${limit}`, { signal, priority }).then((r) => r.json()),
 * });
 */
export interface OffsetFetchParams {
  /**
   * Index of the first item wanted (`page × pageSize`; with `moves: watchMoves` and
   * `getItemKey`, `page × pageSize − 1` for every page after the first: the row before the page
   * comes with it, decision 0074).
   */
  readonly offset: number;
  /** Number of items wanted (`pageSize`, `pageSize + 1` with that row; with `pageSize: autoPageSize`, the adapted size). */
  readonly limit: number;
  /** Page index: the page of `offset` (with `pageSize: autoPageSize`, of the first `minPageSize`-item storage page asked). */
  readonly page: number;
  /** Aborted when the page leaves the window + prefetch zone or the list is destroyed. */
  readonly signal: AbortSignal;
  /**
   * `'high'` when the page is on screen, `'low'` for prefetch (decision 0026): pass it on to
   * `fetch` (`{ signal, priority }`) so the browser sends what the user sees first.
   */
  readonly priority: FetchPriority;
}

/** Where an offset source keeps its `fetchPage`: a later source adopted by the list swaps it. */
export interface FetchPageCell<T> {
  current: OffsetSourceOptions<T>['fetchPage'];
}

/** One request for `limit` items at any server offset, pages counted in units of `unit` items. */
export type LoadSpan<T> = (
  unit: number,
  request: { offset: number; limit: number; signal: AbortSignal; priority?: FetchPriority },
) => Promise<OffsetPage<T>>;

/**
 * `autoPageSize` from `@lazyflow/core/sizing` (decision 0068): what `offsetSource` is given as
 * `pageSize` to size each request by bytes. The sizing code comes with that import, so a list
 * with a fixed page size does not bundle it.
 *
 * @example
 * import { autoPageSize } from '@lazyflow/core/sizing';
 * const pageSize: AutoPageSize = autoPageSize;
 * offsetSource<User>({ pageSize, targetPageBytes: 65_536, fetchPage });
 */
export type AutoPageSize = <T>(
  options: OffsetSourceOptions<T>,
  cell: FetchPageCell<T>,
  loadSpan: LoadSpan<T>,
) => OffsetSource<T>;

/**
 * Options for {@link offsetSource}.
 *
 * @example
 * import { autoPageSize } from '@lazyflow/core/sizing';
 * offsetSource<User>({ pageSize: autoPageSize, targetPageBytes: 65_536, fetchPage });
 */
export interface OffsetSourceOptions<T> extends PageSizingOptions<T> {
  /**
   * Items per page, a positive integer, or `autoPageSize` from `@lazyflow/core/sizing`
   * (decision 0068; the string `'auto'` is refused with a TypeError naming that import): after
   * the first response each request asks for about `targetPageBytes` (within
   * `[minPageSize, maxPageSize]`). Pages are then stored in units of `minPageSize` items and a
   * request covers several units, so a changed size moves no page boundary. The sizing options
   * are read only with `autoPageSize`.
   */
  pageSize: number | AutoPageSize;
  /**
   * Fetches one page; resolves with `{ items, total?, version? }`. Pass `signal` and
   * `priority` on to `fetch`.
   * `version` (a revision or an ETag of the whole dataset) lets the list see that rows were
   * inserted or deleted between two pages it holds (decision 0012).
   */
  fetchPage: (
    params: OffsetFetchParams,
  ) => Promise<{ items: readonly T[]; total?: number; version?: string | number }>;
  /**
   * The count, known exactly before any page is fetched. `0` makes a list that only grows by
   * `append` (a log fed by a stream): nothing is fetched until pages it held are evicted and
   * scrolled back to, and a fetched page never moves the count below what was appended.
   */
  initialCount?: number;
}

/**
 * Checks a page response against `{ items: unknown[], total?: number, version?: string | number }`.
 * Throws PageShapeError naming the page and what was expected.
 *
 * @example
 * parseOffsetPage({ items: [1], total: 10 }, 'offsetSource', 0); // { items: [1], total: 10 }
 */
export function parseOffsetPage<T>(raw: unknown, source: string, page: number): OffsetPage<T> {
  const expected = '{ items: unknown[], total?: number, version?: string | number }';
  // A missing property reads undefined (null reads as no properties): the checks below reject it.
  const { items, total, version } = (raw ?? {}) as { items?: unknown; total?: unknown; version?: unknown };
  if (typeof raw !== 'object' || !Array.isArray(items)) {
    throw new PageShapeError(source, page, 'fetchPage', expected, raw);
  }
  if (total !== undefined && (typeof total !== 'number' || !Number.isInteger(total) || total < 0)) {
    throw new PageShapeError(source, page, 'fetchPage', `${expected} with total an integer >= 0`, total);
  }
  if (version === undefined || version === null) return { items, total };
  if (typeof version !== 'string' && !(typeof version === 'number' && Number.isFinite(version))) {
    throw new PageShapeError(
      source,
      page,
      'fetchPage',
      `${expected} with version a string or a finite number`,
      version,
    );
  }
  return { items, total, version };
}

/**
 * A random-access source over an offset/limit API: a window at item 500,000 fetches only the
 * pages covering it (plus prefetch), never walking from 0.
 *
 * @example
 * const source = offsetSource<User>({
 *   pageSize: 100,
 *   fetchPage: ({ offset, limit, signal }) =>
 *     fetch(`/api/items?offset=${offset}&limit=${limit}`, { signal }).then((r) => r.json()),
 * });
 * // Or let each request bring about 64 kB, whatever the items weigh
 * // (import { autoPageSize } from '@lazyflow/core/sizing'):
 * const tuned = offsetSource<User>({ pageSize: autoPageSize, targetPageBytes: 65_536, fetchPage });
 */
export function offsetSource<T>(options: OffsetSourceOptions<T>): OffsetSource<T> {
  if (process.env.NODE_ENV !== 'production') {
    // Option checks: development builds only (decision 0054); 'auto' is refused below.
    assertObject('offsetSource', 'options', options);
    const size: unknown = options.pageSize;
    if (typeof size !== 'function' && size !== 'auto')
      assertPositiveInteger('offsetSource', 'pageSize', size);
    assertFunction('offsetSource', 'fetchPage', options.fetchPage);
    if (options.initialCount !== undefined)
      assertNonNegativeInteger('offsetSource', 'initialCount', options.initialCount);
  }
  const { pageSize, fetchPage, initialCount } = options;
  // The string of the API before decision 0068, in every build: without its import the source
  // would page by NaN items.
  if ((pageSize as unknown) === 'auto')
    throw optionError(
      'offsetSource',
      'pageSize',
      "a positive integer or autoPageSize from '@lazyflow/core/sizing'",
      pageSize,
    );
  const cell: FetchPageCell<T> = { current: fetchPage };
  if (typeof pageSize === 'function')
    return pageSize(options, cell, (unit, request) => loadSpan(cell, unit, request));
  let warned = false;
  const source: OffsetSource<T> = {
    kind: 'offset',
    pageSize,
    initialCount,
    // A page is the span of its items: one request path for pages and spans.
    loadPage: async ({ page, signal, priority }) => {
      const offset = page * pageSize;
      const data = await loadSpan(cell, pageSize, { offset, limit: pageSize, signal, priority });
      if (process.env.NODE_ENV !== 'production' && !warned) warned = warnOddLength(data, offset, pageSize);
      return data;
    },
    loadSpan: (request) => loadSpan(cell, pageSize, request),
  };
  return adoptable(source, `offset:${pageSize}`, cell);
}

/**
 * Warns (development builds, once per source) of a page with more items than `limit` (those past
 * it are never shown) or fewer than its own `total` leaves room for (those rows stay empty).
 */
function warnOddLength(data: OffsetPage<unknown>, offset: number, limit: number): boolean {
  const { items, total } = data;
  const room = total === undefined ? limit : Math.min(limit, Math.max(0, total - offset));
  if (items.length <= limit && (total === undefined || items.length >= room)) return false;
  const what = items.length > limit ? 'the items past limit are not shown' : 'the rows after them stay empty';
  console.warn(
    `lazyflow: offsetSource fetchPage({ offset: ${offset}, limit: ${limit} }) returned ${items.length} items${total === undefined ? '' : ` with total ${total}`}: ${what}. Return limit items, fewer only at the end.`,
  );
  return true;
}

/** One request for `limit` items at any server offset (`OffsetSource.loadSpan`). */
async function loadSpan<T>(
  cell: FetchPageCell<T>,
  pageSize: number,
  request: { offset: number; limit: number; signal: AbortSignal; priority?: FetchPriority },
): Promise<OffsetPage<T>> {
  const page = Math.floor(request.offset / pageSize);
  const params = { priority: 'high' as const, ...request, page };
  return parseOffsetPage<T>(await cell.current(params), 'offsetSource', page);
}
