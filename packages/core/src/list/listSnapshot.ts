import type { ListLayout } from '../paging/layout.ts';
import type { ListWindow } from '../planner/listWindow.ts';
import type { PageRange } from '../planner/planWindow.ts';
import type { CountKind, SnapshotReader } from '../store/itemState.ts';
import type { PageState } from '../store/pageStore.ts';
import type { LazyListStats } from './listStats.ts';

/**
 * Overall state of what the window shows.
 *
 * @example
 * if (list.getSnapshot().status === 'error') showRetry();
 */
export type LazyListStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * An immutable view of a lazy list; the same object is returned until something changed.
 * `getItem(i)` answers for any index in O(1) (O(log pages) for cursor sources).
 *
 * @example
 * const snapshot: LazyListSnapshot<User> = list.getSnapshot();
 * const row = snapshot.getItem(42); // { status: 'loaded', item } | { status: 'loading' } | …
 */
export interface LazyListSnapshot<T> extends SnapshotReader<T> {
  readonly count: number;
  readonly countKind: CountKind;
  /** 'idle' before a window is set; otherwise the worst state among the visible pages. */
  readonly status: LazyListStatus;
  /** The first visible page's error when `status` is 'error'. */
  readonly error: unknown;
  readonly window: ListWindow | null;
  readonly pages: ReadonlyMap<number, PageState<T>>;
  readonly stats: LazyListStats;
  /** Cursor sources: items prepended before the first page fetched (display index of key 0). */
  readonly prependedCount: number;
  readonly reachedStart: boolean;
  readonly reachedEnd: boolean;
}

/** What {@link buildSnapshot} reads. */
export interface SnapshotInput<T> {
  readonly pages: ReadonlyMap<number, PageState<T>>;
  readonly layout: ListLayout<T>;
  readonly window: ListWindow | null;
  readonly visible: PageRange | null | undefined;
  readonly stats: LazyListStats;
}

/**
 * Freezes a snapshot. A visible page that failed but still has (stale) items counts as ready:
 * the view keeps showing them.
 *
 * @example
 * const snapshot = buildSnapshot({ pages: store.freeze(), layout, window, visible: plan.visible, stats });
 */
export function buildSnapshot<T>(input: SnapshotInput<T>): LazyListSnapshot<T> {
  const { pages, layout, visible } = input;
  let status: LazyListStatus = input.window === null ? 'idle' : 'ready';
  let error: unknown;
  if (visible != null) {
    for (let index = visible.first; index <= visible.last; index++) {
      const page = pages.get(index);
      if (page?.status === 'error' && page.items === undefined) {
        status = 'error';
        error ??= page.error;
      } else if (page?.items === undefined && status !== 'error') status = 'loading';
    }
  }
  return Object.freeze({
    ...layout.reader(pages),
    count: layout.count,
    countKind: layout.countKind,
    status,
    error,
    window: input.window,
    pages,
    stats: input.stats,
    prependedCount: layout.prependedCount,
    reachedStart: layout.reachedStart,
    reachedEnd: layout.reachedEnd,
  });
}
