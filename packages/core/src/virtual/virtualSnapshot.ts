import type { LazyListSnapshot, LazyListStatus } from '../list/LazyList.ts';
import type { LazyListStats } from '../list/listStats.ts';
import type { ItemState } from '../store/itemState.ts';
import type { ScrollScale } from './scrollScale.ts';
import type { SizeIndex } from './sizeIndex.ts';
import type { StickyBox, StickyRowsKind } from './stickyRows.ts';

/**
 * Where `scrollToIndex` puts the item: 'auto' scrolls only as far as needed to show it whole.
 *
 * @example
 * view.scrollToIndex(1_000, { align: 'center' }); // 'start' | 'center' | 'end' | 'auto'
 */
export type ScrollAlign = 'start' | 'center' | 'end' | 'auto';

/**
 * One rendered item.
 *
 * @example
 * for (const row of view.getSnapshot().rows) place(row.index, row.start, row.state);
 */
export interface VirtualRow<T> {
  /** Display index (for `data-index` and `aria-posinset − 1`). */
  readonly index: number;
  /**
   * Stable key, the React key: with the list's `getItemKey`, a loaded row's key is its item's key
   * (a row follows its item when items are inserted above); otherwise, and for rows not loaded
   * yet (then `'lazyflow:row:<n>'`, so it never equals an item key), the position, which
   * survives history prepended above it.
   */
  readonly key: string | number;
  /** The position without what was prepended (`index − prependedCount`): a number that survives prepends. */
  readonly position: number;
  /** Offset of the row from the start of the content, px (use as translateY / translateX). */
  readonly start: number;
  /** Size along the scroll axis: measured, or estimated until measured. */
  readonly size: number;
  /** Column in a grid (`lanes` > 1), else 0. */
  readonly lane: number;
  readonly state: ItemState<T>;
  /**
   * For a row of `stickyIndexes`: the box it sticks in (its section, from `start` to the next
   * sticky row). Place a box over that span (with `top`: sticky offsets ignore transforms) and
   * the row inside it with `position: sticky` (see docs/virtual-list.md). Undefined for other rows.
   */
  readonly sticky?: StickyBox;
}

/**
 * An immutable view of a virtual list; the same object until something rendered changed.
 *
 * @example
 * const { rows, totalSize } = view.getSnapshot();
 * content.style.height = `${totalSize}px`;
 */
export interface VirtualListSnapshot<T> {
  readonly rows: readonly VirtualRow<T>[];
  /** Size to give the content element (capped for lists taller than the browser allows). */
  readonly totalSize: number;
  /** The content's real extent in px (rows, gaps and scroll padding). */
  readonly virtualSize: number;
  /** Whether `totalSize` < `virtualSize` (positions are mapped, see docs/virtual-list.md). */
  readonly scaled: boolean;
  /** Item count; use it for `aria-setsize`. */
  readonly count: number;
  readonly status: LazyListStatus;
  readonly error: unknown;
  readonly stats: LazyListStats;
  /** Visible items `[start, end)`, or null before layout. */
  readonly range: { readonly start: number; readonly end: number } | null;
  readonly viewportSize: number;
  readonly isScrolling: boolean;
  /** Whether the viewport touches the end (within `endThreshold`). */
  readonly atEnd: boolean;
  /** `anchor: 'end'`: items appended while the view was away from the end. */
  readonly newItems: number;
  /** Item index with keyboard focus (roving tabindex), or null. */
  readonly focusedIndex: number | null;
  /** The underlying lazy list snapshot. */
  readonly list: LazyListSnapshot<T>;
}

/** What `buildSnapshot` needs from the engine. */
export interface SnapshotInput<T> {
  readonly previous: VirtualListSnapshot<T> | null;
  readonly data: LazyListSnapshot<T>;
  readonly sizes: SizeIndex;
  readonly scale: ScrollScale;
  readonly virtual: number;
  readonly physical: number;
  readonly viewport: number;
  readonly lanes: number;
  readonly overscan: number;
  /** Items per second while scrolling. */
  readonly velocity: number;
  /**
   * Items the scroll moves per event while scrolling (0 at rest or unknown): the rendered rows
   * lean that far ahead, where the next paint will be (see `buildSnapshot`).
   */
  readonly stride?: number;
  readonly direction: 'forward' | 'backward';
  readonly isScrolling: boolean;
  readonly atEnd: boolean;
  readonly newItems: number;
  readonly focusedKey: number | null;
  /** Scroll padding before the first row and after the last, px: rows start after it. */
  readonly paddingStart: number;
  readonly paddingEnd: number;
  /** Sorted row keys of the sticky rows (`stickyRowKeys`). */
  readonly stickyRows: readonly number[];
  /** `sticky: stickyRows`, the code that boxes them: needed when `stickyRows` is not empty. */
  readonly sticky?: StickyRowsKind | null | undefined;
  /** Masonry: turns the laid-out rows (chunks of items) into placed items. */
  readonly placeRows?: ((rows: readonly VirtualRow<T>[]) => VirtualRow<T>[]) | undefined;
}

/** Rows touching the viewport, `[first, last]` by row key. */
export interface VisibleRows {
  readonly first: number;
  readonly last: number;
}

/**
 * The rows a viewport at `virtual` touches, and the items `[start, end)` they hold: what is
 * rendered (plus overscan) and what the lazy list is asked to load.
 *
 * @example
 * visibleRows(sizes, 3_600, 600, 1, 0, 1_000_000); // { first: 100, last: 116, start: 100, end: 117 }
 */
export function visibleRows(
  sizes: SizeIndex,
  virtual: number,
  viewport: number,
  lanes: number,
  prepended: number,
  count: number,
): VisibleRows & { readonly start: number; readonly end: number } {
  const first = sizes.rowAt(virtual);
  // Every row touching the viewport, to its last fraction of a pixel (a scaled list's positions
  // are fractional); only a row starting less than 1e-7 px above the bottom edge is left out.
  const last = sizes.rowAt(Math.max(virtual, virtual + viewport - 1e-7));
  const start = Math.max(0, first * lanes + prepended);
  return { first, last, start, end: Math.max(start, Math.min(count, (last + 1) * lanes + prepended)) };
}

/**
 * The items to load before anything is laid out: a viewport's worth from `row` (the row a
 * restore or a scroll-to-index will show first), by the size estimate.
 *
 * @example
 * firstWindow(1_000, { lanes: 1, prepended: 0, viewport: 600, estimateSize: () => 36 }); // { start: 1000, end: 1017 }
 */
export function firstWindow(
  row: number,
  layout: { lanes: number; prepended: number; viewport: number; estimateSize: (index: number) => number },
): { readonly start: number; readonly end: number } {
  const { lanes, prepended, viewport, estimateSize } = layout;
  const start = Math.max(0, row * lanes + prepended);
  const per = Math.max(1, estimateSize(start));
  return { start, end: start + Math.max(1, Math.ceil(viewport / per)) * lanes };
}

/**
 * The window the lazy list is asked for: the visible items widened by `overscan` rows each side
 * (clamped to the items), because those rows are rendered too. The list shows a landing page at
 * once only when it is on the window's pages; any other landing is folded in within its
 * `statsIntervalMs` (1 s by default), so without this the rows rendered just above a jump stayed
 * placeholders, at the placeholder's size, for up to a second (issue #16 item 2).
 *
 * @example
 * renderedWindow({ start: 500_000, end: 500_017 }, 5, 1, 1_000_000); // { start: 499_995, end: 500_022 }
 */
export function renderedWindow(
  window: { readonly start: number; readonly end: number },
  overscan: number,
  lanes: number,
  count: number,
): { readonly start: number; readonly end: number } {
  if (count <= 0 || overscan <= 0) return window;
  const extra = overscan * lanes;
  const end = window.end >= count ? window.end : Math.min(count, window.end + extra);
  return { start: Math.max(0, window.start - extra), end };
}

/**
 * Travel rendered ahead of a fast scroll beyond `overscan`, in seconds: two 60 Hz frames, what
 * the compositor may scroll before the next render lands, so a fling shows rows, never blank
 * space. More would only add rows to lay out in every frame of an ordinary scroll (at 0.1 s a
 * 5,000 px/s scroll of 36 px rows rendered a third more rows than it shows).
 */
const LOOKAHEAD_SECONDS = 1 / 30;

/**
 * Rows kept behind a moving scroll (in place of `overscan`): rows it leaves are never seen again
 * while it moves, and every row rendered is laid out again in each frame (issue #16 item 2: in a
 * 20,000 px/s fling every row is new in every frame, so each row kept costs its full render).
 */
const TRAILING_ROWS = 1;

/**
 * Lays out the rows to render: the visible rows, `overscan` rows each side, extra rows ahead
 * of a fast scroll, and the focused row wherever it is. Returns `previous` when equal.
 *
 * @example
 * const snapshot = buildSnapshot({ previous: null, data, sizes, scale, virtual: 0, physical: 0, viewport: 600, lanes: 1, overscan: 5, velocity: 0, direction: 'forward', isScrolling: false, atEnd: false, newItems: 0, focusedKey: null, paddingStart: 0, paddingEnd: 0, stickyRows: [] });
 */
export function buildSnapshot<T>(input: SnapshotInput<T>): VirtualListSnapshot<T> {
  const { data, sizes, lanes, virtual, viewport, paddingStart, sticky } = input;
  const stickyRows = input.stickyRows;
  const count = data.count;
  const prepended = data.prependedCount;
  // Content px of a row: after the padding, minus virtual − physical (the scale's offset).
  const shift = input.virtual - input.physical - paddingStart;
  const rows: VirtualRow<T>[] = [];
  let range: { start: number; end: number } | null = null;
  if (count > 0 && sizes.hi > sizes.lo) {
    const {
      first,
      last,
      start: rangeStart,
      end: rangeEnd,
    } = visibleRows(sizes, virtual - paddingStart, viewport, lanes, prepended, count);
    const visibleCount = last - first + 1;
    // Ahead of a moving scroll: the overscan, plus up to as many again for two frames of travel
    // (at most a viewport); behind it: TRAILING_ROWS. At rest: the overscan each side.
    const { overscan, velocity, direction } = input;
    const travel = Math.ceil((velocity / lanes) * LOOKAHEAD_SECONDS) - overscan;
    // Rows the next paint is ahead of the position read, beyond the overscan (at most a viewport):
    // rendered ahead in place of as many rows it will have left behind (issue #16 item 2).
    const ahead =
      velocity > 0
        ? Math.min(visibleCount, Math.max(0, Math.ceil((input.stride ?? 0) / lanes) - overscan))
        : 0;
    const lead = overscan + Math.max(ahead, Math.min(overscan, visibleCount, travel));
    const trail = velocity > 0 ? Math.min(overscan, TRAILING_ROWS) - ahead : overscan;
    const from = Math.max(sizes.lo, first - (velocity > 0 && direction === 'backward' ? lead : trail));
    const to = Math.min(sizes.hi - 1, last + (velocity > 0 && direction === 'forward' ? lead : trail));
    const keyed = data.keyed;
    // Sticky rows (with `sticky: stickyRows`): boxes, and the section's row pinned above `from`.
    const place =
      sticky && stickyRows.length > 0
        ? sticky.place({ rows: stickyRows, sizes, shift, virtual, physical: input.physical, viewport, from })
        : null;
    const push = (row: number, sticky: StickyBox | undefined) => {
      const start = sizes.start(row) - shift;
      const size = sizes.size(row);
      for (let lane = 0; lane < lanes; lane++) {
        const position = row * lanes + lane;
        const index = position + prepended;
        if (index < 0 || index >= count) continue;
        const key = keyed ? (data.keyOf(index) ?? `lazyflow:row:${position}`) : position;
        rows.push({ index, key, position, start, size, lane, state: data.getItem(index), sticky });
      }
    };
    const focusedRow = input.focusedKey === null ? null : Math.floor(input.focusedKey / lanes);
    const focusedAbove = focusedRow !== null && focusedRow < from && focusedRow >= sizes.lo;
    // The section's sticky row is rendered wherever it is (a section of any length, never measured).
    const pinned = place?.pinned ?? null;
    if (focusedAbove && (pinned === null || focusedRow < pinned.row)) push(focusedRow, undefined);
    if (pinned !== null) push(pinned.row, pinned.box);
    if (focusedAbove && pinned !== null && focusedRow > pinned.row) push(focusedRow, undefined);
    for (let row = from; row <= to; row++) push(row, place?.box(row));
    if (focusedRow !== null && focusedRow > to && focusedRow < sizes.hi)
      push(focusedRow, place?.box(focusedRow));
    range = { start: rangeStart, end: rangeEnd };
  }
  const next: VirtualListSnapshot<T> = {
    rows: input.placeRows === undefined ? rows : input.placeRows(rows),
    totalSize: input.scale.physicalSize,
    virtualSize: sizes.total + paddingStart + input.paddingEnd,
    scaled: input.scale.scaled,
    count,
    status: data.status,
    error: data.error,
    stats: data.stats,
    range,
    viewportSize: viewport,
    isScrolling: input.isScrolling,
    atEnd: input.atEnd,
    newItems: input.newItems,
    focusedIndex: input.focusedKey === null ? null : input.focusedKey + prepended,
    list: data,
  };
  const previous = input.previous;
  return previous !== null && sameSnapshot(previous, next) ? previous : Object.freeze(next);
}

/**
 * `data-` attributes for the list's container that benchmarks and tests read: rows rendered,
 * rows still placeholders, items in total. Computed only when called.
 *
 * @example
 * <div ref={ref} {...listDataAttributes(list)}>…</div>
 */
export function listDataAttributes(
  snapshot: Pick<VirtualListSnapshot<unknown>, 'rows' | 'count' | 'status'>,
): {
  'data-rendered': number;
  'data-placeholders': number;
  'data-count': number;
  'data-status': string;
} {
  let placeholders = 0;
  for (const row of snapshot.rows) if (row.state.status !== 'loaded') placeholders += 1;
  return {
    'data-rendered': snapshot.rows.length,
    'data-placeholders': placeholders,
    'data-count': snapshot.count,
    'data-status': snapshot.status,
  };
}

/** Fields of a snapshot compared as they are (`range` and `rows` are compared by their contents). */
const SAME_FIELDS = [
  'list',
  'totalSize',
  'virtualSize',
  'count',
  'isScrolling',
  'atEnd',
  'newItems',
  'focusedIndex',
  'viewportSize',
] as const;

function sameSnapshot<T>(a: VirtualListSnapshot<T>, b: VirtualListSnapshot<T>): boolean {
  for (const field of SAME_FIELDS) if (a[field] !== b[field]) return false;
  if (a.range?.start !== b.range?.start || a.range?.end !== b.range?.end || a.rows.length !== b.rows.length) {
    return false;
  }
  for (let i = 0; i < a.rows.length; i++) {
    const x = a.rows[i];
    const y = b.rows[i];
    // States come from `list`, the same snapshot here, so equal keys mean equal states.
    if (x?.key !== y?.key || x?.start !== y?.start || x?.size !== y?.size || x?.lane !== y?.lane)
      return false;
    if (x?.sticky?.start !== y?.sticky?.start || x?.sticky?.end !== y?.sticky?.end) return false;
  }
  return true;
}
