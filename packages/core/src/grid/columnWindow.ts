import type { SizeIndex } from '../virtual/sizeIndex.ts';
import type { ResolvedColumnOptions } from './columnOptions.ts';

/**
 * One column to render.
 *
 * @example
 * const cell = (column: GridColumn) => ({
 *   width: column.size,
 *   ...(column.pinned === 'start' ? { position: 'sticky', left: column.pinOffset } : { transform: `translateX(${column.start}px)` }),
 * });
 */
export interface GridColumn {
  /** Column index (`aria-colindex − 1`). */
  readonly index: number;
  /** Offset from the grid's left edge, px. */
  readonly start: number;
  /** Width: measured, or estimated until measured. */
  readonly size: number;
  /** `'start'` / `'end'` for pinned columns, else null. */
  readonly pinned: 'start' | 'end' | null;
  /**
   * For pinned columns, the sticky offset: `left` for `'start'` (the widths of the pinned
   * columns before it), `right` for `'end'` (the widths of those after it). 0 otherwise.
   */
  readonly pinOffset: number;
}

/**
 * The columns to render at a horizontal scroll position (a grid's `getSnapshot()`).
 *
 * @example
 * const { columns, totalWidth } = gridColumns.getSnapshot();
 * header.style.width = `${totalWidth}px`;
 * header.replaceChildren(...columns.map((column) => headerCell(column.index, column.size)));
 */
export interface ColumnWindow {
  /** Pinned start columns, then the visible middle ones (with overscan), then pinned end columns. */
  readonly columns: readonly GridColumn[];
  /** Width of every column together, px. */
  readonly totalWidth: number;
  readonly pinnedStartWidth: number;
  readonly pinnedEndWidth: number;
  /** Width of the scroller's client box, px (pinned end columns are placed from it). */
  readonly viewport: number;
}

/**
 * Which columns a grid renders: every pinned column, and the middle columns that intersect
 * the part of the viewport the pinned ones leave free, plus `overscan` on each side.
 *
 * @example
 * columnWindow(sizes, options, { offset: 2_400, viewport: 1_000 }).columns.map((c) => c.index); // [0, 18, 19, …, 29]
 */
export function columnWindow(
  sizes: SizeIndex,
  options: ResolvedColumnOptions,
  view: { readonly offset: number; readonly viewport: number },
): ColumnWindow {
  const { count, pinnedStart, pinnedEnd, overscan } = options;
  const totalWidth = sizes.total;
  const middleEnd = count - pinnedEnd; // first pinned end column
  const pinnedStartWidth = pinnedStart > 0 ? sizes.start(pinnedStart) : 0;
  const pinnedEndWidth = pinnedEnd > 0 ? totalWidth - sizes.start(middleEnd) : 0;
  const columns: GridColumn[] = [];
  const column = (index: number, pinned: GridColumn['pinned'], pinOffset: number): GridColumn => ({
    index,
    start: sizes.start(index),
    size: sizes.size(index),
    pinned,
    pinOffset,
  });
  for (let index = 0; index < pinnedStart; index++) columns.push(column(index, 'start', sizes.start(index)));
  if (middleEnd > pinnedStart && view.viewport > 0) {
    const from = view.offset + pinnedStartWidth;
    const to = Math.max(from, view.offset + view.viewport - pinnedEndWidth);
    const first = Math.max(pinnedStart, clampColumn(sizes.rowAt(from), count) - overscan);
    const last = Math.min(
      middleEnd - 1,
      clampColumn(sizes.rowAt(Math.max(from, to - 0.5)), count) + overscan,
    );
    for (let index = first; index <= last; index++) columns.push(column(index, null, 0));
  }
  for (let index = middleEnd; index < count; index++)
    columns.push(column(index, 'end', totalWidth - sizes.start(index) - sizes.size(index)));
  return { columns, totalWidth, pinnedStartWidth, pinnedEndWidth, viewport: view.viewport };
}

function clampColumn(column: number, count: number): number {
  return Math.min(Math.max(column, 0), Math.max(count - 1, 0));
}
