// Test support (not published): the markup docs/grid.md shows for useLazyGrid, for tests that
// read cells by row and column: a scroller with the sticky header row of measured header cells
// ("col 3"), then the rows' cells ("r12c3" once loaded, "…" before).
import { act, screen } from '@testing-library/react';
import type { RefObject } from 'react';
import type { UseLazyGridResult } from '../useLazyGrid.ts';

/** The grid's elements: 400 px tall, `width` px wide (default 800). */
export function GridMarkup<T extends { readonly id: number }>(props: {
  grid: UseLazyGridResult<T>;
  scrollRef: RefObject<HTMLDivElement | null>;
  width?: number | undefined;
}) {
  const g = props.grid;
  return (
    <div
      ref={props.scrollRef}
      data-testid="scroller"
      {...g.gridProps}
      style={{ height: 400, width: props.width ?? 800, overflow: 'auto', position: 'relative' }}
    >
      <div style={{ height: g.totalSize, width: g.totalWidth, position: 'relative' }}>
        <div data-testid="header" {...g.headerProps}>
          {g.columns.map((column) => (
            <div key={column.index} ref={g.measureColumn} {...g.cellProps(null, column)}>
              col {column.index}
            </div>
          ))}
        </div>
        {g.rows.map((row) => (
          <div key={row.key} {...g.rowProps(row)}>
            {g.columns.map((column) => (
              <div key={column.index} {...g.cellProps(row, column)}>
                {row.state.status === 'loaded' ? `r${row.state.item.id}c${column.index}` : '…'}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

export const scroller = () => screen.getByTestId('scroller');
export const box = (element: Element) => element.getBoundingClientRect();
/** The cell of `row` (its data index) and `column`, if rendered. */
export const cell = (row: number, column: number) =>
  scroller().querySelector<HTMLElement>(`[data-index="${row}"] [data-column="${column}"]`);

/** `n` animation frames, inside act. */
export async function frames(n = 2) {
  for (let i = 0; i < n; i++) await act(() => new Promise((resolve) => requestAnimationFrame(resolve)));
}
