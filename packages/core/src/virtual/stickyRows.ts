/**
 * The span a sticky row stays pinned in, px from the content's start like `VirtualRow.start`:
 * from the row's own start to the next sticky row's start (or the content's end), cut to a band
 * of a few viewports around the view. Render an absolutely placed box over it and the row inside
 * it with `position: sticky`: the browser pins the row and the next box pushes it out, on the
 * compositor, so it never lags a frame behind the scroll.
 *
 * @example
 * // <div style={{ position: 'absolute', top: box.start, height: box.end - box.start }}>
 * //   <div style={{ position: 'sticky', top: scrollPaddingStart }}>{header}</div>
 * // </div>
 * const box: StickyBox = { start: 0, end: 3_600 };
 */
export interface StickyBox {
  readonly start: number;
  readonly end: number;
}

/**
 * Sorted, distinct row keys of sticky item indexes (display indexes; with `lanes` the row
 * holding the item is sticky).
 *
 * @example
 * stickyRowKeys([0, 10, 11, 40], 2, 0); // [0, 5, 20]
 */
export function stickyRowKeys(
  indexes: readonly number[],
  lanes: number,
  prepended: number,
): readonly number[] {
  const rows: number[] = [];
  for (const index of indexes) {
    const row = Math.floor((index - prepended) / lanes);
    if (rows.length === 0 || rows[rows.length - 1] !== row) rows.push(row);
  }
  return rows;
}

/**
 * Position in `rows` (sorted) of the last sticky row at or before `row`, or -1: the sticky row
 * a view whose first row is `row` pins.
 *
 * @example
 * lastStickyAtOrBefore([0, 50, 120], 99); // 1 (row 50)
 */
export function lastStickyAtOrBefore(rows: readonly number[], row: number): number {
  let low = 0;
  let high = rows.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if ((rows[mid] ?? 0) <= row) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

/**
 * A sticky row's box (see {@link StickyBox}) from its start and the next sticky row's start.
 * Far sections (a scaled list of 100,000,000 rows) would span more px than a browser lays
 * out, so the box is cut to a band around `viewTop` that moves in steps of `2 × viewport` (at
 * least 1,024 px): the snapshot changes only when the band steps, and the band always reaches
 * more than a step beyond both edges of the view, more than a scroll moves before the next
 * snapshot is rendered.
 *
 * @example
 * stickyBox(-2_000_000_000, 7_000_900, 7_000_000, 600); // { start: 6_998_400, end: 7_000_900 }
 */
export function stickyBox(rowStart: number, nextStart: number, viewTop: number, viewport: number): StickyBox {
  const step = Math.max(1_024, 2 * viewport);
  const band = Math.floor(viewTop / step);
  const start = Math.max(rowStart, (band - 1) * step);
  const end = Math.min(nextStart, (band + 3) * step);
  return { start, end: Math.max(start, end) };
}

/** Where a snapshot's rows are and what the sticky rows need of them (see {@link placeStickyRows}). */
export interface StickyPlacementInput {
  /** Sorted row keys of the sticky rows. */
  readonly rows: readonly number[];
  readonly sizes: {
    readonly lo: number;
    readonly hi: number;
    readonly total: number;
    start(row: number): number;
    rowAt(offset: number): number;
  };
  /** Content px of a row start: its start minus this. */
  readonly shift: number;
  /** The virtual scroll position (the section read is the one at it). */
  readonly virtual: number;
  readonly physical: number;
  readonly viewport: number;
  /** The first row rendered in order (rows above it are rendered only when pinned or focused). */
  readonly from: number;
}

/** The sticky rows of one snapshot: the section's row rendered above the others, and each row's box. */
export interface StickyPlacement {
  /** The sticky row of the section read when it is above `from` (rendered wherever it is), with its box. */
  readonly pinned: { readonly row: number; readonly box: StickyBox } | null;
  /** The box of `row` when it is a sticky row; ask in ascending order of rows. */
  box(row: number): StickyBox | undefined;
}

/**
 * The sticky part of `buildSnapshot` (decision 0027: it comes with `sticky: stickyRows`): which
 * sticky row is pinned above the rendered rows, and the box of every sticky row rendered, up to
 * the next sticky row (or the content's end).
 *
 * @example
 * const place = placeStickyRows({ rows: [0, 40], sizes, shift: 0, virtual: 2_000, physical: 2_000, viewport: 600, from: 50 });
 * place.pinned?.row; // 40: its section is read, and it is above the rows rendered
 */
export function placeStickyRows(input: StickyPlacementInput): StickyPlacement {
  const { rows, sizes, shift } = input;
  const boxAt = (at: number): StickyBox => {
    const next = rows[at + 1];
    const end = next === undefined || next >= sizes.hi ? sizes.total : sizes.start(next);
    return stickyBox(sizes.start(rows[at] ?? 0) - shift, end - shift, input.physical, input.viewport);
  };
  let next = lastStickyAtOrBefore(rows, input.from - 1) + 1;
  const at = lastStickyAtOrBefore(rows, sizes.rowAt(input.virtual));
  const row = at < 0 ? null : (rows[at] ?? null);
  return {
    pinned: row !== null && row < input.from && row >= sizes.lo ? { row, box: boxAt(at) } : null,
    box(row) {
      while (next < rows.length && (rows[next] ?? 0) < row) next++;
      return rows[next] === row ? boxAt(next) : undefined;
    },
  };
}

/**
 * Fetches the pages of sticky rows that are placeholders (a section's sticky row far above the
 * window is on no page the window loads). Rows already loading or loaded are left alone.
 *
 * @example
 * loadStickyRows(snapshot.rows, list);
 */
export function loadStickyRows(
  rows: readonly {
    readonly index: number;
    readonly sticky?: StickyBox | undefined;
    readonly state: { status: string };
  }[],
  list: { prefetch(range: { start: number; end: number }): void },
): void {
  for (const row of rows) {
    if (row.sticky !== undefined && row.state.status === 'placeholder')
      list.prefetch({ start: row.index, end: row.index + 1 });
  }
}

/**
 * Whether two index lists hold the same indexes (hooks pass a new array on every render).
 *
 * @example
 * sameIndexes([0, 40], [0, 40]); // true
 */
export function sameIndexes(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * {@link stickyRowKeys}, recomputed only when the indexes, lanes or prepended count change.
 *
 * @example
 * const sticky = new StickyRows();
 * sticky.rows([0, 40], 1, 0); // [0, 40], the same array on the next call
 */
export class StickyRows {
  #indexes: readonly number[] = [];
  #lanes = 1;
  #prepended = 0;
  #rows: readonly number[] = [];

  rows(indexes: readonly number[], lanes: number, prepended: number): readonly number[] {
    if (indexes.length === 0) return indexes;
    if (indexes !== this.#indexes || lanes !== this.#lanes || prepended !== this.#prepended) {
      this.#indexes = indexes;
      this.#lanes = lanes;
      this.#prepended = prepended;
      this.#rows = stickyRowKeys(indexes, lanes, prepended);
    }
    return this.#rows;
  }
}

/**
 * The sticky rows' code a virtual list runs, given as `sticky: stickyRows` (decision 0027).
 *
 * @example
 * import { stickyRows } from '@lazyflow/core/sticky';
 * const sticky: StickyRowsKind = stickyRows;
 * const view = createVirtualList({ list, scrollElement, sticky, stickyIndexes: [0, 40, 95] });
 */
export interface StickyRowsKind {
  readonly kind: 'sticky-rows';
  /** Checks `stickyIndexes` (`assertStickyIndexes`). */
  readonly check: (value: unknown, count: number | null) => void;
  /** A memo of the sticky row keys (see {@link StickyRows}). */
  readonly create: () => StickyRows;
  readonly lastAtOrBefore: (rows: readonly number[], row: number) => number;
  readonly box: (rowStart: number, nextStart: number, viewTop: number, viewport: number) => StickyBox;
  readonly place: typeof placeStickyRows;
  readonly load: typeof loadStickyRows;
}
