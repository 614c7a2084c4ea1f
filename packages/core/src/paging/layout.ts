import type { ListWindow } from '../planner/listWindow.ts';
import type { PageRange, WindowPlan } from '../planner/planWindow.ts';
import type { LoadStrategy } from '../sources/chooseStrategy.ts';
import type { FetchPriority } from '../sources/fetchPriority.ts';
import type { CountKind, SnapshotReader } from '../store/itemState.ts';
import type { PageState } from '../store/pageStore.ts';

/** A page rewritten by `append`: its items now, and the page data to store for it in the QueryClient. */
export interface AppendedPage<T> {
  readonly page: number;
  readonly items: readonly T[];
  readonly data: unknown;
}

/** What the engine passes to a layout's planner, on top of the window. */
export interface LayoutPlanInput {
  readonly prefetch: number;
  readonly flingVelocity: number;
  readonly loaded: { has(page: number): boolean };
  readonly inFlight: ReadonlySet<number>;
}

/** How a layout loads, for `snapshot.stats`. */
export interface LoadingFigures {
  /** Items one request asks for now (0 for range sources). */
  readonly pageSize: number;
  /** null while `autoSource` has not decided yet. */
  readonly strategy: LoadStrategy | null;
  /** Why `autoSource` chose its strategy (null for the other sources), or why its stream stopped. */
  readonly strategyReason: string | null;
}

/** What a layout that works on its own (a stream feeding it) may call on its list. */
export interface LayoutHost<T> {
  append(items: readonly T[]): boolean;
  /** The source has `count` items now (`LazyList.grow`). */
  grow(count: number): boolean;
  /** Something the snapshot shows changed (e.g. the stream's status). */
  changed(): void;
}

/**
 * How a source's pages map onto window units. One per source kind: offset (fixed-size pages
 * of item indexes), cursor (variable pages walked from ordinal 0), range (fixed key buckets).
 */
export interface ListLayout<T> {
  readonly count: number;
  readonly countKind: CountKind;
  /** Display index of the first item of ordinal 0 (cursor sources); 0 otherwise. */
  readonly prependedCount: number;
  readonly reachedStart: boolean;
  readonly reachedEnd: boolean;
  plan(window: ListWindow, input: LayoutPlanInput): WindowPlan;
  /** Pages covering `[start, end)` in window units, or null. */
  pagesFor(start: number, end: number): PageRange | null;
  /**
   * Fetches one page through the source (validated); `isLoaded` says which pages the list holds,
   * `priority` is the `fetch` hint the source passes on (decision 0026).
   */
  load(
    page: number,
    signal: AbortSignal,
    isLoaded: (page: number) => boolean,
    priority: FetchPriority,
  ): Promise<unknown>;
  /**
   * Records a fetched page; returns its items, how far display indexes shifted (prepends) and which
   * pages it made stale (past a smaller total, walked from cursors no longer given): a fetched
   * page's list drops those it holds.
   */
  accept(
    page: number,
    data: unknown,
  ): { items: readonly T[]; shift: number; stale?: ((page: number) => boolean) | undefined };
  /**
   * Adds items after the last one. Returns the loaded pages that now hold them (items landing in
   * a page that is not loaded are not stored: it is fetched when needed), or null when this
   * layout cannot append (range sources; a cursor list whose newest page is not loaded yet).
   * `loaded(page)` gives a page's items, null for a page present without items (loading, failed)
   * and undefined for an absent one.
   */
  append(
    items: readonly T[],
    loaded: (page: number) => readonly T[] | null | undefined,
  ): AppendedPage<T>[] | null;
  /**
   * The source has `count` items now (a log that grew, decision 0084): the count becomes at least
   * that, exact. Returns the items per page (a loaded page holding fewer than its share of the new
   * count is fetched again). Absent on layouts that do not grow (cursor and range sources).
   */
  grow?(count: number): number;
  /** Forgets counts and structure (`invalidate()`), after `refreshSource()` (which resets the source). */
  reset(): void;
  /** Forgets what the source memoized (`refresh()`): pages are fetched again. */
  refreshSource(): void;
  loading(): LoadingFigures;
  /**
   * Whether page data the app wrote into the QueryClient (`setQueryData`) has this layout's page
   * shape; one that has not is not shown. Absent: taken as it is (`autoSource`).
   */
  isPageData?(data: unknown): boolean;
  /**
   * The pages the QueryClient holds at the list's creation, in the order the list takes them,
   * from `found(page)`. Absent: every page found, in page order. Cursor pages: one run walked
   * from page 0 outwards (each needs its neighbour's cursor).
   */
  cachedRun?<P>(found: (page: number) => P | undefined): P[];
  /** Starts work of its own while the list has subscribers (`autoSource`'s stream). */
  attach?(host: LayoutHost<T>): void;
  detach?(): void;
  /** `retry()` of the list: the layout's own work retries too (a stream that stopped). */
  retry?(): void;
  reader(pages: ReadonlyMap<number, PageState<T>>): SnapshotReader<T>;
}
