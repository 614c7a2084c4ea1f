import type { ListLayout } from '../paging/layout.ts';
import type { ListWindow } from '../planner/listWindow.ts';
import type { PageRange } from '../planner/planWindow.ts';
import type { CountKind, SnapshotReader } from '../store/itemState.ts';
import type { PageState } from '../store/pageStore.ts';
import { type DatasetMoves, NO_MOVES } from './datasetMoves.ts';
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
  /** Whether the list has `getItemKey` (rows and saved positions follow items, not indexes). */
  readonly keyed: boolean;
  /** The item's own key (`getItemKey`) when it is loaded and the list has `getItemKey`; else undefined. */
  keyOf(index: number): string | number | undefined;
  /** Where the loaded item with `key` is, looked for within `radius` of `near`; undefined if not there. */
  indexOfKey(key: string | number, near: number, radius?: number): number | undefined;
  /**
   * Keys `getItemKey` returned for two items in and around the window (a bug in the data, or rows
   * that moved between two page requests). The later item's `keyOf` is undefined, so rows never
   * share a key; each key is also reported once with `console.warn`.
   */
  readonly duplicateKeys: readonly DuplicateKey[];
  /**
   * Rows inserted or deleted on the server under the pages held, as responses showed it (a new
   * `total` or `version`, pages whose keys overlap): how often, why, by how many rows the total
   * moved, and whether the refetch around the window is still running (decision 0012). Only
   * with `moves: watchMoves` (`@lazyflow/core/moves`, decision 0023); else always count 0.
   */
  readonly moves: DatasetMoves;
}

/**
 * A key `getItemKey` returned for more than one item, and the indexes of the first two.
 *
 * @example
 * for (const { key, indexes } of snapshot.duplicateKeys) console.warn(key, indexes);
 */
export interface DuplicateKey {
  readonly key: string | number;
  readonly indexes: readonly [number, number];
}

/** Items around the window checked for duplicate keys, on each side. */
const KEY_CHECK_MARGIN = 64;
/** At most this many items are checked per snapshot (a huge window on a tall screen). */
const KEY_CHECK_LIMIT = 4_096;

/** Duplicate keys in and around the window, and the later indexes, which lose their key. */
function duplicatesAround<T>(
  reader: SnapshotReader<T>,
  getItemKey: (item: T) => string | number,
  window: ListWindow | null,
): { found: DuplicateKey[]; shadowed: Set<number> } {
  const found: DuplicateKey[] = [];
  const shadowed = new Set<number>();
  if (window === null) return { found, shadowed };
  const from = Math.max(0, window.start - KEY_CHECK_MARGIN);
  const to = Math.min(window.end + KEY_CHECK_MARGIN, from + KEY_CHECK_LIMIT);
  const first = new Map<string | number, number>();
  for (let index = from; index < to; index++) {
    const state = reader.getItem(index);
    if (state.status !== 'loaded') continue;
    const key = getItemKey(state.item);
    const seen = first.get(key);
    if (seen === undefined) first.set(key, index);
    else {
      shadowed.add(index);
      if (!found.some((duplicate) => duplicate.key === key)) found.push({ key, indexes: [seen, index] });
    }
  }
  return { found, shadowed };
}

/**
 * What a snapshot reads of its list's layout: the layout itself, or a view of it with the waiting
 * inserts shown (decision 0048).
 *
 * @example
 * const view: SnapshotLayout<User> = layout;
 */
export type SnapshotLayout<T> = Pick<
  ListLayout<T>,
  'count' | 'countKind' | 'prependedCount' | 'reachedStart' | 'reachedEnd' | 'reader'
>;

/** What {@link buildSnapshot} reads. */
export interface SnapshotInput<T> {
  readonly pages: ReadonlyMap<number, PageState<T>>;
  readonly layout: SnapshotLayout<T>;
  readonly window: ListWindow | null;
  readonly visible: PageRange | null | undefined;
  readonly stats: LazyListStats;
  readonly getItemKey?: ((item: T) => string | number) | undefined;
  readonly moves?: DatasetMoves | undefined;
}

const NO_DUPLICATES = { found: [], shadowed: new Set<number>() } as const;

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
  const reader = layout.reader(pages);
  const { getItemKey } = input;
  const { found, shadowed } =
    getItemKey === undefined ? NO_DUPLICATES : duplicatesAround(reader, getItemKey, input.window);
  const keyOf = (index: number): string | number | undefined => {
    if (getItemKey === undefined || shadowed.has(index)) return undefined;
    const state = reader.getItem(index);
    return state.status === 'loaded' ? getItemKey(state.item) : undefined;
  };
  return Object.freeze({
    ...reader,
    keyed: getItemKey !== undefined,
    keyOf,
    indexOfKey(key: string | number, near: number, radius = 2_000): number | undefined {
      if (getItemKey === undefined) return undefined;
      for (let d = 0; d <= radius; d++) {
        if (keyOf(near + d) === key) return near + d;
        if (d > 0 && keyOf(near - d) === key) return near - d;
      }
      return undefined;
    },
    duplicateKeys: found,
    moves: input.moves ?? NO_MOVES,
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
