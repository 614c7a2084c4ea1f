// react-window v2 `Grid` (https://react-window.vercel.app/grid) + react-window-infinite-loader v2
// `useInfiniteLoader`, as the list page uses it: `isRowLoaded`, `loadMoreRows(startIndex,
// stopIndex)`, `rowCount`; the Grid's `onCellsRendered` hands the loader its visible row range.
// Rows are kept in a sparse Map (random access); `minimumBatchSize` is the bench's page size.
import type { Item } from '@lazyflow/mocks';
import { useCallback, useEffect, useState } from 'react';
import { type CellComponentProps, Grid, useGridRef } from 'react-window';
import { useInfiniteLoader } from 'react-window-infinite-loader';
import { fetchItems } from '../shared/fetchItems.ts';
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
  const [rows] = useState(() => new Map<number, Item>());
  const [version, setVersion] = useState(0);
  const [rowCount, setRowCount] = useState(0);

  const isRowLoaded = useCallback((index: number) => rows.has(index), [rows]);
  const loadMoreRows = useCallback(
    async (startIndex: number, stopIndex: number) => {
      const page = await fetchItems({ offset: startIndex, limit: stopIndex - startIndex + 1, total });
      page.items.forEach((item, i) => {
        rows.set(startIndex + i, item);
      });
      setRowCount(page.total);
      setVersion((v) => v + 1);
    },
    [rows, total],
  );
  const onRowsRendered = useInfiniteLoader({
    isRowLoaded,
    loadMoreRows,
    rowCount,
    minimumBatchSize: pageSize,
  });

  // The size of the dataset comes with the first page.
  useEffect(() => {
    loadMoreRows(0, pageSize - 1);
  }, [loadMoreRows, pageSize]);

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
