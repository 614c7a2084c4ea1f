// lazyflow: `useLazyGrid` over an offsetSource, as in docs/grid.md (rows by page, columns
// virtualized sideways; no header row or pinned column here, which the peers' pages do not have
// either). Overscan 3 rows and 3 columns, react-window's default, on every page.
import type { Item } from '@lazyflow/mocks';
import { useLazyGrid } from '@lazyflow/react';
import { useRef } from 'react';
import { useItemsSource } from '../libs/useItemsSource.ts';
import type { ListPageProps } from '../shared/params.ts';
import { useBenchHandle } from '../shared/useBenchHandle.ts';
import { columnWidth, GRID_COLUMNS, GRID_ROW_HEIGHT, GridCell } from './gridData.tsx';

export default function LazyflowGridPage({ total, pageSize }: ListPageProps) {
  const ref = useRef<HTMLDivElement>(null);
  const source = useItemsSource(total, pageSize);
  const grid = useLazyGrid<Item>({
    key: ['bench-grid', total, pageSize],
    source,
    getScrollElement: () => ref.current,
    estimateSize: () => GRID_ROW_HEIGHT,
    overscan: 3,
    columns: { count: GRID_COLUMNS, estimateWidth: columnWidth, overscan: 3 },
  });

  useBenchHandle({
    jumpTo: (index) => grid.scrollToIndex(index, { align: 'start' }),
    heldRows: () => grid.stats.pagesInMemory * pageSize,
  });

  return (
    <div ref={ref} {...grid.gridProps} className="scroller" style={{ overflow: 'auto' }}>
      <div style={{ height: grid.totalSize, width: grid.totalWidth, position: 'relative' }}>
        {grid.rows.map((row) => {
          const item = row.state.status === 'loaded' ? row.state.item : undefined;
          return (
            <div key={row.key} {...grid.rowProps(row)}>
              {grid.columns.map((column) => {
                const { style, ...attrs } = grid.cellProps(row, column);
                return (
                  <GridCell
                    key={column.index}
                    row={row.index}
                    column={column.index}
                    item={item}
                    style={style}
                    attrs={attrs}
                  />
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}
