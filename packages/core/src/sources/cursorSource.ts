import { PageShapeError } from '../errors.ts';
import { assertFunction, assertObject, assertPositiveInteger, optionError } from '../options.ts';
import { adoptable } from './adopt.ts';
import type { Cursor } from './cursor.ts';
import type { FetchPriority } from './fetchPriority.ts';
import type { AutoPageSize } from './offsetSource.ts';
import { PageSizer, type PageSizingOptions, resolvePageSizing } from './pageSizing.ts';
import type { CursorPage, CursorSource } from './source.ts';

/**
 * What `fetchPage` receives from a cursor source.
 *
 * @example
 * cursorSource<Post>({
 *   pageSize: 50,
 *   fetchPage: ({ cursor, direction, limit, signal }: CursorFetchParams) =>
 *     fetch(`/api/feed?cursor=${cursor ?? ''}&dir=${direction}&limit=${limit}`, { signal }).then((r) => r.json()),
 * });
 */
export interface CursorFetchParams {
  /** Where to continue from; `null`/`undefined` for the first page. */
  readonly cursor: Cursor | null;
  /** `'forward'` = items after the cursor (newer), `'backward'` = items before it (older). */
  readonly direction: 'forward' | 'backward';
  readonly limit: number;
  readonly signal: AbortSignal;
  /** `'high'` when the page is on screen, `'low'` for prefetch: pass it on to `fetch` (decision 0026). */
  readonly priority: FetchPriority;
}

/**
 * Options for {@link cursorSource}.
 *
 * @example
 * cursorSource<Message>({ pageSize: 50, initialDirection: 'backward', fetchPage });
 */
export interface CursorSourceOptions<T> extends PageSizingOptions<T> {
  /**
   * Items requested per page, or `autoPageSize` (from `@lazyflow/core/sizing`, as for
   * `offsetSource`; `'auto'` means the same here, the cursor source carries its sizer): after the
   * first response each request asks for about `targetPageBytes` (within
   * `[minPageSize, maxPageSize]`). Cursor pages may differ in length anyway, so nothing else
   * changes. The sizing options are read only with `autoPageSize` or `'auto'`.
   */
  pageSize: number | 'auto' | AutoPageSize;
  /** Cursor of the first page; default none (start at one end of the feed). */
  initialCursor?: Cursor | null;
  /** Direction of the first request; `'backward'` without a cursor starts at the newest end. Default 'forward'. */
  initialDirection?: 'forward' | 'backward';
  /** Fetches one page; resolves with `{ items, nextCursor, prevCursor }` (null cursors at the ends). */
  fetchPage: (params: CursorFetchParams) => Promise<{
    items: readonly T[];
    nextCursor: Cursor | null;
    prevCursor: Cursor | null;
  }>;
}

const isCursor = (value: unknown): value is Cursor | null =>
  value === null || typeof value === 'string' || typeof value === 'number';

/**
 * A sequential source over a cursor API, walked in both directions from a starting point.
 * Page ordinals are relative to the first page (older pages get negative ordinals); the list
 * exposes `prependedCount` so a view can keep its anchor when older items are prepended.
 *
 * @example
 * const source = cursorSource<Message>({
 *   pageSize: 50,
 *   initialDirection: 'backward', // open at the newest messages
 *   fetchPage: ({ cursor, direction, limit, signal }) =>
 *     fetch(`/api/feed?cursor=${cursor ?? ''}&limit=${limit}&direction=${direction}`, { signal })
 *       .then((r) => r.json()),
 * });
 */
export function cursorSource<T>(options: CursorSourceOptions<T>): CursorSource<T> {
  if (process.env.NODE_ENV !== 'production') checkCursorSourceOptions(options);
  const { pageSize, fetchPage, initialCursor = null, initialDirection = 'forward' } = options;
  const size = typeof pageSize === 'function' ? 'auto' : pageSize;
  const sizer = size === 'auto' ? new PageSizer(resolvePageSizing('cursorSource', options), 1) : undefined;
  const limitNow = (): number => sizer?.size ?? (size === 'auto' ? 0 : size);
  const cell = { current: fetchPage };
  const source: CursorSource<T> = {
    kind: 'cursor',
    // With 'auto' the unit the planner converts speeds with is the first request's size.
    pageSize: limitNow(),
    initialCursor,
    initialDirection,
    ...(sizer && { currentPageSize: () => sizer.size }),
    async loadPage({ page, cursor, direction, signal, priority }): Promise<CursorPage<T>> {
      const raw: unknown = await cell.current({ cursor, direction, limit: limitNow(), signal, priority });
      const expected =
        '{ items: unknown[], nextCursor: string | number | null, prevCursor: string | number | null }';
      if (
        typeof raw !== 'object' ||
        raw === null ||
        !('items' in raw) ||
        !Array.isArray(raw.items) ||
        !('nextCursor' in raw) ||
        !isCursor(raw.nextCursor) ||
        !('prevCursor' in raw) ||
        !isCursor(raw.prevCursor)
      ) {
        throw new PageShapeError('cursorSource', page, 'fetchPage', expected, raw);
      }
      sizer?.observe(raw.items as readonly T[]);
      return { items: raw.items as readonly T[], nextCursor: raw.nextCursor, prevCursor: raw.prevCursor };
    },
  };
  const shape = `cursor:${size}:${String(initialCursor)}:${initialDirection}`;
  return adoptable(source, shape, cell);
}

/**
 * Throws a TypeError naming the first bad option of `cursorSource` (`resolvePageSizing` checks
 * the sizing options of an auto page size next). Development builds only (decision 0054).
 */
function checkCursorSourceOptions<T>(options: CursorSourceOptions<T>): void {
  assertObject('cursorSource', 'options', options);
  const { pageSize, fetchPage, initialCursor = null, initialDirection = 'forward' } = options;
  if (pageSize !== 'auto' && typeof pageSize !== 'function')
    assertPositiveInteger('cursorSource', 'pageSize', pageSize);
  assertFunction('cursorSource', 'fetchPage', fetchPage);
  if (!isCursor(initialCursor))
    throw optionError('cursorSource', 'initialCursor', 'a string or number', initialCursor);
  if (initialDirection !== 'forward' && initialDirection !== 'backward') {
    throw optionError('cursorSource', 'initialDirection', '"forward" or "backward"', initialDirection);
  }
}
