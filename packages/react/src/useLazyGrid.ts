import {
  type ColumnAlign,
  type ColumnWindow,
  createGridColumns,
  type GridColumn,
  type GridColumnOptions,
  type GridColumns,
  type ScrollAlign,
  type VirtualRow,
} from '@lazyflow/core';
import { createGridKeyboard, keyboardNavigation } from '@lazyflow/core/keyboard';
import {
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useEngine } from './useEngine.ts';
import { type UseLazyListOptions, type UseLazyListResult, useLazyList } from './useLazyList.ts';

/**
 * Options of {@link useLazyGrid}: {@link useLazyList}'s (rows) plus the columns and the header.
 * Not `useWindowScroll`: the columns scroll inside the grid's own element (`getScrollElement`).
 *
 * @example
 * const options: UseLazyGridOptions<Order> = {
 *   key: ['orders'], source, getScrollElement: () => ref.current, estimateSize: () => 36,
 *   columns: { count: 24, estimateWidth: 140, pinnedStart: 1 }, headerHeight: 40,
 * };
 */
export interface UseLazyGridOptions<T> extends Omit<UseLazyListOptions<T>, 'useWindowScroll'> {
  /** The columns: count, width estimates, pinned columns, overscan. */
  columns: GridColumnOptions;
  /**
   * Height of the header row rendered inside the scroller with {@link UseLazyGridResult.headerProps}
   * (sticky at the top), px; rows start below it and `scrollToCell` keeps them clear of it. Default 0.
   */
  headerHeight?: number;
}

/**
 * Props for one cell (or header cell) element, from `cellProps(row, column)`.
 *
 * @example
 * const Cell = ({ props, text }: { props: GridCellProps; text: string }) => <div {...props}>{text}</div>;
 */
export interface GridCellProps {
  readonly role: 'gridcell' | 'columnheader';
  readonly 'aria-colindex': number;
  readonly 'data-column': number;
  readonly tabIndex: number;
  readonly style: CSSProperties;
}

/**
 * What {@link useLazyGrid} returns: the list's snapshot and controls, the columns, and props for the grid's parts.
 *
 * @example
 * const grid: UseLazyGridResult<Order> = useLazyGrid<Order>(options);
 * const firstVisibleColumn = grid.columns.find((column) => column.pinned === null)?.index;
 */
export interface UseLazyGridResult<T> extends Omit<UseLazyListResult<T>, 'onKeyDown'>, ColumnWindow {
  readonly columnCount: number;
  /** Props for the scroll element: ARIA grid semantics and two-dimensional keyboard navigation. */
  readonly gridProps: {
    readonly role: 'grid';
    readonly 'aria-rowcount': number;
    readonly 'aria-colcount': number;
    readonly onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
    readonly onFocus: (event: FocusEvent<HTMLElement>) => void;
  };
  /** Props for the header row element: sticky at the top, as wide as the grid, ARIA row 1. */
  readonly headerProps: { readonly role: 'row'; readonly 'aria-rowindex': 1; readonly style: CSSProperties };
  /** Props for a row element (`key={row.key}` goes beside them); a grid row is `estimateSize` high. */
  readonly rowProps: (row: VirtualRow<T>) => {
    readonly role: 'row';
    readonly 'aria-rowindex': number;
    readonly 'data-index': number;
    /** -1: the list focuses the row on ArrowUp/ArrowDown…, which hands focus on to its cell. */
    readonly tabIndex: -1;
    readonly style: CSSProperties;
  };
  /** Props for a cell of `row` (or, with `row` null, a header cell) in `column`. */
  readonly cellProps: (row: VirtualRow<T> | null, column: GridColumn) => GridCellProps;
  /** Callback ref for header cells (with `data-column`): their measured widths become the columns'. */
  readonly measureColumn: (element: Element | null) => void;
  /** Scrolls both ways so the cell is in view, clear of the header and the pinned columns. */
  readonly scrollToCell: (
    row: number,
    column: number,
    options?: { align?: ScrollAlign; columnAlign?: ColumnAlign },
  ) => void;
  /** The cell keyboard focus is in (or goes to on Tab), by row index and column. */
  readonly focusedCell: { readonly row: number; readonly column: number };
}

/**
 * A virtualized data grid: rows from {@link useLazyList} (lazy pages, byte-bounded memory, the
 * 100,000,000-row scale, zero-jitter anchoring), columns virtualized sideways with pinned
 * columns at the start and end, a sticky header row inside the scroller, ARIA grid semantics
 * and keyboard navigation in two dimensions (arrows, PageUp/PageDown, Home/End in the row,
 * Ctrl+Home/End for the first/last row). DOM cells stay at (visible rows + overscan) ×
 * (visible columns + overscan + pinned). Data comes by row pages: a page's items carry every
 * column the server sends for those rows.
 *
 * @example
 * function Orders() {
 *   const ref = useRef<HTMLDivElement>(null);
 *   const grid = useLazyGrid<Order>({
 *     key: ['orders'], source, getScrollElement: () => ref.current, estimateSize: () => 36,
 *     columns: { count: COLUMNS.length, estimateWidth: 140, pinnedStart: 1 }, headerHeight: 40,
 *   });
 *   return (
 *     <div ref={ref} {...grid.gridProps} style={{ height: 600, overflow: 'auto' }}>
 *       <div style={{ height: grid.totalSize, width: grid.totalWidth, position: 'relative' }}>
 *         <div {...grid.headerProps}>
 *           {grid.columns.map((c) => <div key={c.index} ref={grid.measureColumn} {...grid.cellProps(null, c)}>{COLUMNS[c.index].title}</div>)}
 *         </div>
 *         {grid.rows.map((row) => (
 *           <div key={row.key} {...grid.rowProps(row)}>
 *             {grid.columns.map((c) => <div key={c.index} {...grid.cellProps(row, c)}>{row.state.status === 'loaded' ? row.state.item[COLUMNS[c.index].field] : ''}</div>)}
 *           </div>
 *         ))}
 *       </div>
 *     </div>
 *   );
 * }
 */
export function useLazyGrid<T>(options: UseLazyGridOptions<T>): UseLazyGridResult<T> {
  const { columns: columnOptions, headerHeight = 0, ...listOptions } = options;
  // An option: checked in development builds only (decision 0054).
  const dev = process.env.NODE_ENV !== 'production';
  if (dev && (typeof headerHeight !== 'number' || !Number.isFinite(headerHeight) || headerHeight < 0))
    throw new TypeError(
      `lazyflow: useLazyGrid option "headerHeight" must be a finite number ≥ 0, got ${String(headerHeight)}`,
    );
  // A window-scrolled grid would render its pinned columns only (the columns scroll in an element).
  if (dev && (options as UseLazyListOptions<T>).useWindowScroll)
    throw new TypeError(
      'lazyflow: useLazyGrid does not take "useWindowScroll": its columns scroll inside the grid\'s own element; give getScrollElement',
    );
  const list = useLazyList<T>({
    ...listOptions,
    // gridProps.onKeyDown hands row keys to the list's onKeyDown (decision 0058).
    keyboard: keyboardNavigation,
    scrollPaddingStart: headerHeight + (listOptions.scrollPaddingStart ?? 0),
  });
  const latest = useRef(options);
  latest.current = options;
  const { engine: columns, snapshot: window } = useEngine<ColumnWindow, GridColumns>('grid', () =>
    createGridColumns(latest.current.columns, () => latest.current.getScrollElement?.() ?? null),
  );
  // Column options go to the engine after a commit only when one changed (one-level Object.is):
  // a scroll commits every frame, and each push summed every width again (issue #19 item 7).
  const pushedColumns = useRef<GridColumnOptions | null>(null);
  useLayoutEffect(() => {
    const last = pushedColumns.current;
    if (last !== null && sameOptions(last, columnOptions)) return;
    pushedColumns.current = columnOptions;
    columns.setOptions(columnOptions);
  });
  // Two-dimensional keys (core's createGridKeyboard), to the list and columns the hook has now
  // (a new key makes a new list; StrictMode or <Activity> may make new columns).
  const parts = useRef({ list, columns });
  parts.current = { list, columns };
  const [keys] = useState(() =>
    createGridKeyboard({
      columns: {
        get count() {
          return parts.current.columns.count;
        },
        scrollToColumn: (column, align) => parts.current.columns.scrollToColumn(column, align),
      },
      rows: { onKeyDown: (event) => parts.current.list.onKeyDown(event) },
    }),
  );
  const focused = useSyncExternalStore(keys.subscribe, keys.getSnapshot, keys.getSnapshot);
  // A cell moved to by the keyboard is focused once it is rendered.
  useLayoutEffect(() => keys.rendered());

  const scrollToIndex = list.scrollToIndex;
  const scrollToCell = useCallback(
    (row: number, column: number, cellOptions: { align?: ScrollAlign; columnAlign?: ColumnAlign } = {}) => {
      scrollToIndex(row, { align: cellOptions.align ?? 'auto' });
      columns.scrollToColumn(column, cellOptions.columnAlign ?? 'auto');
    },
    [scrollToIndex, columns],
  );

  const columnCount = columnOptions.count;
  return useMemo(() => {
    const { onKeyDown: _listKeys, ...rest } = list;
    // Fewer rows or columns than when the cell was focused: the last one takes tabIndex 0, or
    // no cell would have it and Tab would pass the grid by.
    let tabRow = Math.min(focused.row, list.count - 1);
    let tabColumn = Math.min(focused.column, columnCount - 1);
    // Its row or column scrolled out of the DOM: one in view takes the tab stop, or Tab would pass
    // the cells by (Chromium then stops on the scroller, where the arrows do nothing). The row is
    // one clear of the sticky header: the first in view ends at most a row below the viewport's top.
    if (!list.rows.some((row) => row.index === tabRow)) {
      const top = list.rows.find((row) => row.index === list.range?.start);
      const clear = top === undefined ? 0 : top.start + top.size + headerHeight;
      tabRow = (list.rows.find((row) => row.start >= clear) ?? top)?.index ?? tabRow;
    }
    if (!window.columns.some((column) => column.index === tabColumn))
      tabColumn = window.columns[0]?.index ?? tabColumn;
    const cellProps = (row: VirtualRow<T> | null, column: GridColumn): GridCellProps => ({
      role: row === null ? 'columnheader' : 'gridcell',
      'aria-colindex': column.index + 1,
      'data-column': column.index,
      tabIndex: row !== null && row.index === tabRow && column.index === tabColumn ? 0 : -1,
      style: cellStyle(column, window, row === null),
    });
    return {
      ...rest,
      ...window,
      columnCount,
      gridProps: {
        role: 'grid' as const,
        'aria-rowcount': list.count + (headerHeight > 0 ? 1 : 0),
        'aria-colcount': columnCount,
        onKeyDown: keys.onKeyDown,
        onFocus: keys.onFocus,
      },
      headerProps: {
        role: 'row' as const,
        'aria-rowindex': 1 as const,
        style: {
          position: 'sticky',
          top: 0,
          zIndex: 3,
          display: 'flex',
          height: headerHeight,
          width: window.totalWidth,
        },
      },
      rowProps: (row: VirtualRow<T>) => ({
        role: 'row' as const,
        'aria-rowindex': row.index + 1 + (headerHeight > 0 ? 1 : 0),
        'data-index': row.index,
        tabIndex: -1 as const,
        style: {
          position: 'absolute',
          top: 0,
          insetInlineStart: 0,
          display: 'flex',
          width: window.totalWidth,
          // Cells between the pinned ones are out of the flow: the row's height is its size
          // (estimateSize), not measured from its content.
          height: row.size,
          transform: `translateY(${row.start}px)`,
        },
      }),
      cellProps,
      measureColumn: columns.measureElement,
      scrollToCell,
      focusedCell: focused,
    };
  }, [list, window, columnCount, headerHeight, keys, columns, scrollToCell, focused]);
}

/** Whether two column option records hold the same values (`Object.is`, one level). */
function sameOptions(a: GridColumnOptions, b: GridColumnOptions): boolean {
  const names = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof GridColumnOptions)[]);
  for (const name of names) if (!Object.is(a[name], b[name])) return false;
  return true;
}

/**
 * Where a cell goes in its row (a flex row as wide as the grid): pinned cells in the flow with
 * `position: sticky`, so the browser keeps them in place on the compositor while the grid
 * scrolls sideways; the middle ones absolutely at their column's offset. Pinned end cells stick
 * by their inline start at the viewport's end edge (an end offset would need a margin to push
 * them to the row's end, and a sticky box never leaves its margin box's place). Offsets are
 * logical (`insetInlineStart`): right to left, the columns run from the right (decision 0091).
 */
function cellStyle(column: GridColumn, window: ColumnWindow, header: boolean): CSSProperties {
  const base: CSSProperties = { width: column.size, boxSizing: 'border-box', flex: 'none' };
  const zIndex = header ? 4 : 2;
  if (column.pinned === 'start')
    return { ...base, position: 'sticky', insetInlineStart: column.pinOffset, zIndex };
  if (column.pinned === 'end') {
    const edge = Math.min(window.viewport, window.totalWidth);
    return { ...base, position: 'sticky', insetInlineStart: edge - column.pinOffset - column.size, zIndex };
  }
  return { ...base, position: 'absolute', top: 0, bottom: 0, insetInlineStart: column.start };
}
