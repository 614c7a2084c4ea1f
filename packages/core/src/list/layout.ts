import type { ListWindow } from '../planner/listWindow.ts';
import type { PageRange, WindowPlan } from '../planner/planWindow.ts';
import type { PageState } from '../store/pageStore.ts';
import type { CountKind, SnapshotReader } from './itemState.ts';

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
  /** Fetches one page through the source (validated). */
  load(page: number, signal: AbortSignal): Promise<unknown>;
  /** Records a fetched page; returns its items and how far display indexes shifted (prepends). */
  accept(page: number, data: unknown): { items: readonly T[]; shift: number };
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
  /** Forgets counts and structure (`invalidate()`). */
  reset(): void;
  reader(pages: ReadonlyMap<number, PageState<T>>): SnapshotReader<T>;
}
