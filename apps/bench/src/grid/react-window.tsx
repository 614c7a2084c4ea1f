// react-window v2 `Grid` (https://react-window.vercel.app/grid) + react-window-infinite-loader v2
// `useInfiniteLoader`, as the list page uses it: `isRowLoaded`, `loadMoreRows(startIndex,
// stopIndex)`, `rowCount`; the Grid's `onCellsRendered` hands the loader its visible row range.
// Rows are kept in a sparse Map (random access); `minimumBatchSize` is the bench's page size.
import type { Item } from '@lazyflow/mocks';
import { type CellComponentProps, Grid, useGridRef } from 'react-window';
import { useInfiniteLoaderRows } from '../libs/useInfiniteLoaderRows.ts';
import type { ListPageProps } from '../shared/params.ts';
import { useBenchHandle } from '../shared/useBenchHandle.ts';
import { columnWidth, GRID_COLUMNS, GRID_ROW_HEIGHT, GridCell } from './gridData.tsx';

interface CellProps {
  rows: Map<number, Item>;
  /** Bumped when rows arrive, so the Grid re-renders its cells. */
  version: number;
}

function Cell({ rowIndex, columnIndex, style, ariaAttributes, rows }: CellComponentProps<CellProps>) {
  return (
    <GridCell
      row={rowIndex}
      column={columnIndex}
      item={rows.get(rowIndex)}
      style={style}
      attrs={ariaAttributes}
    />
  );
}

export default function ReactWindowGridPage({ total, pageSize }: ListPageProps) {
  const gridRef = useGridRef(null);
  const { rows, version, rowCount, onRowsRendered } = useInfiniteLoaderRows(total, pageSize);

  useBenchHandle({
    jumpTo: (index) => gridRef.current?.scrollToRow({ index, align: 'start' }),
    heldRows: () => rows.size,
  });

  return (
    <Grid
      gridRef={gridRef}
      className="scroller"
      cellComponent={Cell}
      cellProps={{ rows, version }}
      columnCount={GRID_COLUMNS}
      columnWidth={columnWidth}
      rowCount={rowCount}
      rowHeight={GRID_ROW_HEIGHT}
      overscanCount={3}
      onCellsRendered={(visible) =>
        onRowsRendered({ startIndex: visible.rowStartIndex, stopIndex: visible.rowStopIndex })
      }
    />
  );
}
