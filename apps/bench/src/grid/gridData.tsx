// What every grid page shows (the grid scenario, issue #19 item 7): 1,000,000 rows × 1,000
// columns, rows fetched by pages of `/api/items` (the same requests for every library), each
// cell's text a function of its row's item and its column. Cells carry `data-row`, `data-col`
// and `data-state`, which the harness reads the same way for every library.
import { hash32, type Item } from '@lazyflow/mocks';
import type { CSSProperties } from 'react';

/** Columns of the grid. */
export const GRID_COLUMNS = 1_000;
/** Row height, px, the same as the list scenarios'. */
export const GRID_ROW_HEIGHT = 36;

/** Width of column `column`, px: the title column is wider. */
export function columnWidth(column: number): number {
  return column === 0 ? 160 : 80;
}

/** The text of a cell: the row's title in column 0, a figure derived from the item elsewhere. */
function cellText(item: Item, column: number): string {
  if (column === 0) return `#${item.id} ${item.title}`;
  return String(hash32(item.id * GRID_COLUMNS + column, 9) % 100_000);
}

/** One cell, loaded or waiting for its row's page. */
export function GridCell({
  row,
  column,
  item,
  style,
  attrs,
}: {
  row: number;
  column: number;
  item: Item | undefined;
  style: CSSProperties;
  /** What the library puts on a cell besides its place (ARIA role and column index, tabIndex). */
  attrs?: Readonly<Record<string, string | number>>;
}) {
  return (
    <div
      {...attrs}
      className={item ? 'cell' : 'cell placeholder'}
      data-row={row}
      data-col={column}
      data-state={item ? 'loaded' : 'placeholder'}
      style={style}
    >
      {item ? cellText(item, column) : null}
    </div>
  );
}
