import { PageShapeError } from '../errors.ts';
import { assertFunction, assertNonNegativeInteger, assertObject, assertPositiveInteger } from '../options.ts';
import { adoptable } from './adopt.ts';
import type { AutoSizing } from './autoSizing.ts';
import type { FetchPriority } from './fetchPriority.ts';
import type { FetchRange } from './offsetBatcher.ts';
import { type PageSizingOptions, resolvePageSizing } from './pageSizing.ts';
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
  /** Index of the first item wanted (`page × pageSize`). */
  readonly offset: number;
  /** Number of items wanted (`pageSize`; with `pageSize: 'auto'`, the adapted size). */
  readonly limit: number;
  /** Page index (with `pageSize: 'auto'`, of the first `minPageSize`-item storage page asked). */
  readonly page: number;
  /** Aborted when the page leaves the window + prefetch zone or the list is destroyed. */
  readonly signal: AbortSignal;
  /**
   * `'high'` when the page is on screen, `'low'` for prefetch (decision 0026): pass it on to
   * `fetch` (`{ signal, priority }`) so the browser sends what the user sees first.
   */
  readonly priority: FetchPriority;
}

/**
 * Options for {@link offsetSource}.
 *
 * @example
 * offsetSource<User>({ pageSize: 'auto', targetPageBytes: 65_536, fetchPage });
 */
export interface OffsetSourceOptions<T> extends PageSizingOptions<T> {
  /**
   * Items per page, a positive integer, or `'auto'`: after the first response each request asks
   * for about `targetPageBytes` (within `[minPageSize, maxPageSize]`). Pages are then stored in
   * units of `minPageSize` items and a request covers several units, so a changed size moves
   * no page boundary. The sizing options are read only with `'auto'`.
   */
  pageSize: number | 'auto';
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
  if (typeof raw !== 'object' || raw === null || !('items' in raw) || !Array.isArray(raw.items)) {
    throw new PageShapeError(source, page, 'fetchPage', expected, raw);
  }
  const total = 'total' in raw ? raw.total : undefined;
  if (total !== undefined && (typeof total !== 'number' || !Number.isInteger(total) || total < 0)) {
    throw new PageShapeError(source, page, 'fetchPage', `${expected} with total an integer >= 0`, total);
  }
  const version = 'version' in raw ? raw.version : undefined;
  if (version === undefined || version === null) return { items: raw.items as readonly T[], total };
  if (typeof version !== 'string' && !(typeof version === 'number' && Number.isFinite(version))) {
    throw new PageShapeError(
      source,
      page,
      'fetchPage',
      `${expected} with version a string or a finite number`,
      version,
    );
  }
  return { items: raw.items as readonly T[], total, version };
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
 * // Or let each request bring about 64 kB, whatever the items weigh:
 * const tuned = offsetSource<User>({ pageSize: 'auto', targetPageBytes: 65_536, fetchPage });
 */
export function offsetSource<T>(options: OffsetSourceOptions<T>): OffsetSource<T> {
  if (process.env.NODE_ENV !== 'production') {
    // Option checks: development builds only (decision 0054).
    assertObject('offsetSource', 'options', options);
    if (options.pageSize !== 'auto') assertPositiveInteger('offsetSource', 'pageSize', options.pageSize);
    assertFunction('offsetSource', 'fetchPage', options.fetchPage);
    if (options.initialCount !== undefined)
      assertNonNegativeInteger('offsetSource', 'initialCount', options.initialCount);
  }
  const { pageSize, fetchPage, initialCount } = options;
  const cell = { current: fetchPage };
  if (pageSize === 'auto') return autoSizedOffsetSource(options, cell, initialCount);
  const source: OffsetSource<T> = {
    kind: 'offset',
    pageSize,
    initialCount,
    // A page is the span of its items: one request path for pages and spans.
    loadPage: ({ page, signal, priority }) =>
      loadSpan(cell, pageSize, { offset: page * pageSize, limit: pageSize, signal, priority }),
    loadSpan: (request) => loadSpan(cell, pageSize, request),
  };
  return adoptable(source, `offset:${pageSize}`, cell);
}

/**
 * `pageSize: 'auto'`: storage pages of `minPageSize` items served by a batcher whose request
 * size follows the measured bytes per item. The batcher and the sizer are a lazy chunk
 * (`autoSizing.ts`, issue #15 item 7: a list with a fixed page size never loads them), imported
 * when the source is made, so it is there by the first page; until then the planner sees the
 * initial size. A failed import is not kept: the next page imports again.
 */
function autoSizedOffsetSource<T>(
  options: OffsetSourceOptions<T>,
  cell: { current: OffsetSourceOptions<T>['fetchPage'] },
  initialCount: number | undefined,
): OffsetSource<T> {
  const sizing = resolvePageSizing('offsetSource', options);
  const unit = sizing.minPageSize;
  const span: FetchRange<T> = (request) => loadSpan(cell, unit, request);
  let engine: AutoSizing<T> | undefined;
  let loading: Promise<AutoSizing<T>> | undefined;
  const ready = (): Promise<AutoSizing<T>> => {
    if (loading === undefined) {
      const load = import('./autoSizing.ts').then((module) => {
        engine ??= module.autoSizing(sizing, unit, span);
        return engine;
      });
      loading = load;
      load.catch(() => {
        if (loading === load) loading = undefined;
      });
    }
    return loading;
  };
  void ready();
  // Before the chunk is there: `sizeFor(sizing, unit, undefined)` (the sizer's first size)
  // without bundling the sizing arithmetic (the same operations, so the same value).
  const { targetPageBytes: bytes, initialPageSize, maxPageSize } = sizing;
  const startSize = Math.min(
    Math.max(unit, Math.floor(maxPageSize / unit) * unit),
    Math.max(unit, Math.round(bytes / (bytes / initialPageSize) / unit) * unit),
  );
  const source: OffsetSource<T> = {
    kind: 'offset',
    pageSize: unit,
    initialCount,
    currentPageSize: () => engine?.size() ?? startSize,
    loadPage: ({ page, signal, isLoaded, priority }) =>
      engine !== undefined
        ? engine.load(page, signal, isLoaded, priority)
        : ready().then((loaded) => loaded.load(page, signal, isLoaded, priority)),
    loadSpan: span,
    reset: () => engine?.reset(),
  };
  return adoptable(source, `offset:auto:${unit}:${maxPageSize}:${bytes}`, cell);
}

/** One request for `limit` items at any server offset (`OffsetSource.loadSpan`). */
async function loadSpan<T>(
  cell: { current: OffsetSourceOptions<T>['fetchPage'] },
  pageSize: number,
  request: { offset: number; limit: number; signal: AbortSignal; priority?: FetchPriority },
): Promise<OffsetPage<T>> {
  const page = Math.floor(request.offset / pageSize);
  const params = { priority: 'high' as const, ...request, page };
  return parseOffsetPage<T>(await cell.current(params), 'offsetSource', page);
}
