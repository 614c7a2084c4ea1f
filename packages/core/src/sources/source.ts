import type { AdoptResult } from './adopt.ts';
import type { AutoSource } from './autoSource.ts';
import type { Cursor } from './cursor.ts';
import type { FetchPriority } from './fetchPriority.ts';

// The protocol between a source and the list engine. A source only knows how to obtain items:
// no React, no DOM, no cache. Sources validate what the app's fetch function returned and
// throw PageShapeError on a wrong shape, so the engine can store it as the page's error.

/**
 * One page of an offset source: its items and, when the server knows them, the total count and
 * the dataset's version. A `total` or `version` that differs from the one the list knows tells it
 * that the dataset moved under the pages it holds (decision 0012): it refetches them.
 *
 * @example
 * const page: OffsetPage<User> = { items: users, total: 1_000_000, version: 'etag-41' };
 */
export interface OffsetPage<T> {
  readonly items: readonly T[];
  readonly total?: number | undefined;
  /**
   * The version of the whole dataset this page was read from (a revision number, an ETag), when
   * the server has one: compared by `===` only. Pages of different versions are never shown
   * side by side once the list has refetched (see `LazyListSnapshot.moves`).
   */
  readonly version?: string | number | undefined;
}

/**
 * A random-access source: page N is fetched directly. Built by `offsetSource` and `eagerSource`.
 *
 * @example
 * const source: OffsetSource<User> = offsetSource({ pageSize: 100, fetchPage });
 */
export interface OffsetSource<T> {
  readonly kind: 'offset';
  readonly pageSize: number;
  /** The count known before any fetch (e.g. 0 for a list grown by `append`). */
  readonly initialCount?: number | undefined;
  /**
   * Page `page` when the source holds it already, with no request (an `eagerSource` array): a
   * list shows it in its first snapshot, so the first render has the data. Undefined: fetch it.
   */
  initialPage?(page: number): OffsetPage<T> | undefined;
  /**
   * Fetches page `page`. `isLoaded` (from the list) tells which pages are held already, so a
   * source that fetches several pages per request (`pageSize: autoPageSize`) leaves them out.
   */
  loadPage(request: {
    readonly page: number;
    readonly signal: AbortSignal;
    readonly isLoaded?: (page: number) => boolean;
    /** `'high'`: the page is on screen; `'low'`: prefetch. */
    readonly priority: FetchPriority;
  }): Promise<OffsetPage<T>>;
  /**
   * Fetches `limit` items from server offset `offset`, whatever the page boundaries: a list with
   * local inserts or removes (`insert`, `remove`) asks the server for the items it still knows.
   */
  loadSpan?(request: {
    readonly offset: number;
    readonly limit: number;
    readonly signal: AbortSignal;
    /** Default `'high'` (a list re-reading what it holds). */
    readonly priority?: FetchPriority;
  }): Promise<OffsetPage<T>>;
  /** Items one request asks for now, when it differs from `pageSize` (`pageSize: autoPageSize`). */
  currentPageSize?(): number;
  /** `'eager'` for `eagerSource` (everything loaded at once); shown in `stats.strategy`. */
  readonly strategy?: 'eager';
  /** Forgets anything memoized; called by `refresh()` and `invalidate()`. */
  reset?(): void;
  /** Takes a newer source's functions, keeping this one's state (see `adopt.ts`); built-in sources have it. */
  adopt?(next: unknown): AdoptResult;
  /**
   * Tells its count as it grows (a stream log's source, decision 0084): a list on this source
   * listens while it has subscribers and grows with each count (`LazyList.grow`). Returns the
   * function that stops listening.
   */
  watchCount?(listener: (count: number) => void): () => void;
}

/**
 * One page of a cursor source. Items are in display (ascending) order whichever direction fetched them.
 *
 * @example
 * const page: CursorPage<Post> = { items, nextCursor: 'c2', prevCursor: null };
 */
export interface CursorPage<T> {
  readonly items: readonly T[];
  /** Cursor for the page after this one, or null at the end. */
  readonly nextCursor: Cursor | null;
  /** Cursor for the page before this one, or null at the start. */
  readonly prevCursor: Cursor | null;
}

/**
 * A sequential source walked in both directions from a starting cursor. Built by `cursorSource`.
 *
 * @example
 * const source: CursorSource<Post> = cursorSource({ pageSize: 50, fetchPage });
 */
export interface CursorSource<T> {
  readonly kind: 'cursor';
  readonly pageSize: number;
  readonly initialCursor: Cursor | null;
  /** Direction used for the first page: `'backward'` without a cursor starts at the newest end. */
  readonly initialDirection: 'forward' | 'backward';
  /** Items one request asks for now, when it differs from `pageSize` (`pageSize: autoPageSize`). */
  currentPageSize?(): number;
  loadPage(request: {
    readonly page: number;
    readonly cursor: Cursor | null;
    readonly direction: 'forward' | 'backward';
    readonly signal: AbortSignal;
    readonly priority: FetchPriority;
  }): Promise<CursorPage<T>>;
  /** Takes a newer source's functions, keeping this one's state (see `adopt.ts`); built-in sources have it. */
  adopt?(next: unknown): AdoptResult;
}

/**
 * A key-range source (time series): the key axis is cut into fixed buckets. Built by `rangeSource`.
 *
 * @example
 * const source: RangeSource<Point> = rangeSource({ bucket: 60_000, fetchRange });
 */
export interface RangeSource<T> {
  readonly kind: 'range';
  /** Bucket width in key units. Bucket b covers [b × bucket, (b + 1) × bucket). */
  readonly bucket: number;
  /** Reads an item's key, so snapshots can return exactly the items of a key range. */
  readonly getKey: ((item: T) => number) | undefined;
  loadBucket(request: {
    readonly bucket: number;
    readonly from: number;
    readonly to: number;
    readonly signal: AbortSignal;
    readonly priority: FetchPriority;
  }): Promise<{ readonly items: readonly T[] }>;
  /** Takes a newer source's functions, keeping this one's state (see `adopt.ts`); built-in sources have it. */
  adopt?(next: unknown): AdoptResult;
}

/**
 * Anything `createLazyList` accepts as `source`.
 *
 * @example
 * const source: LazyListSource<User> = useCursor ? cursorSource({ pageSize: 50, fetchPage: byCursor }) : offsetSource({ pageSize: 100, fetchPage });
 */
export type LazyListSource<T> = OffsetSource<T> | CursorSource<T> | RangeSource<T> | AutoSource<T>;
