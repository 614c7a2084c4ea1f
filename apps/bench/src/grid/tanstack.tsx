// TanStack Virtual's grid: two virtualizers on one scroll element, one vertical for the rows and
// one horizontal (`horizontal: true`) for the columns, each cell placed at
// translateX(column.start) translateY(row.start), as in the "fixed" example's grid
// (https://tanstack.com/virtual/latest/docs/framework/react/examples/fixed). Data: TanStack
// Query, one `useQueries` entry per page of rows the rows virtualizer renders (its documented
// pattern for parallel queries), so any row range loads at once, like the other pages.
import type { Item } from '@lazyflow/mocks';
import { QueryClient, QueryClientProvider, useQueries } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { fetchItems } from '../shared/fetchItems.ts';
import type { ListPageProps } from '../shared/params.ts';
import { useBenchHandle } from '../shared/useBenchHandle.ts';
import { columnWidth, GRID_COLUMNS, GRID_ROW_HEIGHT, GridCell } from './gridData.tsx';

const queryClient = new QueryClient();

function Grid({ total, pageSize }: ListPageProps) {
  const parentRef = useRef<HTMLDivElement>(null);
  const rowVirtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => parentRef.current,
    estimateSize: () => GRID_ROW_HEIGHT,
    overscan: 3,
  });
  const columnVirtualizer = useVirtualizer({
    horizontal: true,
    count: GRID_COLUMNS,
    getScrollElement: () => parentRef.current,
    estimateSize: columnWidth,
    overscan: 3,
  });
  const rows = rowVirtualizer.getVirtualItems();
  const columns = columnVirtualizer.getVirtualItems();

  const firstPage = Math.floor((rows[0]?.index ?? 0) / pageSize);
  const lastPage = Math.floor((rows.at(-1)?.index ?? 0) / pageSize);
  const pages = Array.from({ length: lastPage - firstPage + 1 }, (_, k) => firstPage + k);
  const results = useQueries({
    queries: pages.map((page) => ({
      queryKey: ['bench-grid', total, pageSize, page],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchItems({ offset: page * pageSize, limit: pageSize, total, signal }),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const itemAt = (index: number): Item | undefined =>
    results[Math.floor(index / pageSize) - firstPage]?.data?.items[index % pageSize];

  useBenchHandle({
    jumpTo: (index) => rowVirtualizer.scrollToIndex(index, { align: 'start' }),
    heldRows: () => queryClient.getQueryCache().getAll().length * pageSize,
  });

  return (
    <div ref={parentRef} className="scroller" style={{ overflow: 'auto' }}>
      <div
        style={{
          height: rowVirtualizer.getTotalSize(),
          width: columnVirtualizer.getTotalSize(),
          position: 'relative',
        }}
      >
        {rows.map((virtualRow) => {
          const item = itemAt(virtualRow.index);
          return columns.map((virtualColumn) => (
            <GridCell
              key={`${virtualRow.key}:${virtualColumn.key}`}
              row={virtualRow.index}
              column={virtualColumn.index}
              item={item}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: virtualColumn.size,
                height: virtualRow.size,
                transform: `translateX(${virtualColumn.start}px) translateY(${virtualRow.start}px)`,
              }}
            />
          ));
        })}
      </div>
    </div>
  );
}

export default function TanstackGridPage(props: ListPageProps) {
  return (
    <QueryClientProvider client={queryClient}>
      <Grid {...props} />
    </QueryClientProvider>
  );
}
