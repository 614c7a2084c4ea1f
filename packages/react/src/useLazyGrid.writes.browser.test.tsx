// useLazyGrid's writes (issue #18 item 2): the grid hook hands on useLazyList's update, insert
// and remove with rollback, and its rows, ARIA row count and cells follow them.
import { offsetSource, QueryClient } from '@lazyflow/core';
import { listWrites } from '@lazyflow/core/writes';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { type UseLazyGridResult, useLazyGrid } from './useLazyGrid.ts';

interface Row {
  readonly id: string;
  readonly label: string;
}

const TOTAL = 500;
let client = new QueryClient();
let grid: UseLazyGridResult<Row> | null = null;
afterEach(() => {
  cleanup();
  client = new QueryClient();
  grid = null;
});

function Grid() {
  const ref = useRef<HTMLDivElement>(null);
  const g = useLazyGrid<Row>({
    key: ['grid-writes'],
    queryClient: client,
    source: offsetSource({
      pageSize: 50,
      fetchPage: async ({ offset, limit }) => ({
        items: Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, i) => ({
          id: `r${offset + i}`,
          label: `row ${offset + i}`,
        })),
        total: TOTAL,
      }),
    }),
    writes: listWrites,
    getItemKey: (row) => row.id,
    prefetch: 0,
    getScrollElement: () => ref.current,
    estimateSize: () => 30,
    headerHeight: 30,
    columns: { count: 3, estimateWidth: () => 120 },
  });
  grid = g;
  return (
    <div
      ref={ref}
      data-testid="scroller"
      {...g.gridProps}
      style={{ height: 300, width: 400, overflow: 'auto' }}
    >
      <div style={{ height: g.totalSize, width: g.totalWidth, position: 'relative' }}>
        <div {...g.headerProps}>
          {g.columns.map((column) => (
            <div key={column.index} {...g.cellProps(null, column)}>
              col {column.index}
            </div>
          ))}
        </div>
        {g.rows.map((row) => (
          <div key={row.key} data-key={String(row.key)} {...g.rowProps(row)}>
            {g.columns.map((column) => (
              <div key={column.index} {...g.cellProps(row, column)}>
                {row.state.status === 'loaded' ? `${row.state.item.label}/${column.index}` : '…'}
              </div>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** The first column's text of the rows rendered, top to bottom. */
function firstCells(): string[] {
  return [...screen.getByTestId('scroller').querySelectorAll('[role="row"][data-index]')]
    .sort((a, b) => Number((a as HTMLElement).dataset.index) - Number((b as HTMLElement).dataset.index))
    .map((row) => row.querySelector('[data-column="0"]')?.textContent ?? '');
}

describe('useLazyGrid writes', () => {
  it('update, insert and remove show in the rows and the ARIA row count, and each rollback undoes its write', async () => {
    render(<Grid />);
    await waitFor(() => expect(firstCells().slice(0, 3)).toEqual(['row 0/0', 'row 1/0', 'row 2/0']));
    const g = () => grid as UseLazyGridResult<Row>;
    expect(screen.getByTestId('scroller').getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
    // Rows are keyed by the item's key, so a row keeps its element when rows move above it.
    expect(screen.getByTestId('scroller').querySelector('[data-index="1"]')?.getAttribute('data-key')).toBe(
      'r1',
    );

    let undoUpdate = () => {};
    act(() => {
      const result = g().update('r1', (row) => ({ ...row, label: 'renamed' }));
      expect(result.ok).toBe(true);
      undoUpdate = result.rollback;
    });
    await waitFor(() => expect(firstCells().slice(0, 3)).toEqual(['row 0/0', 'renamed/0', 'row 2/0']));

    let undoInsert = () => {};
    act(() => {
      const result = g().insert(0, [{ id: 'new', label: 'inserted' }]);
      expect(result.ok).toBe(true);
      undoInsert = result.rollback;
    });
    await waitFor(() => expect(firstCells().slice(0, 3)).toEqual(['inserted/0', 'row 0/0', 'renamed/0']));
    expect(screen.getByTestId('scroller').getAttribute('aria-rowcount')).toBe(String(TOTAL + 2));

    let undoRemove = () => {};
    act(() => {
      const result = g().remove('r0');
      expect(result.ok).toBe(true);
      undoRemove = result.rollback;
    });
    await waitFor(() => expect(firstCells().slice(0, 3)).toEqual(['inserted/0', 'renamed/0', 'row 2/0']));
    expect(g().count).toBe(TOTAL);

    act(() => undoRemove());
    act(() => undoInsert());
    act(() => undoUpdate());
    await waitFor(() => expect(firstCells().slice(0, 3)).toEqual(['row 0/0', 'row 1/0', 'row 2/0']));
    expect(screen.getByTestId('scroller').getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
  });

  it('a write the grid cannot apply is an error value naming the key or index, and the rows stay', async () => {
    render(<Grid />);
    await waitFor(() => expect(firstCells()[0]).toBe('row 0/0'));
    const g = grid as UseLazyGridResult<Row>;
    const unknown = g.update('r450', (row) => row); // not loaded: the grid shows the first rows
    expect(unknown.ok).toBe(false);
    expect(unknown.ok ? '' : unknown.error.message).toContain('r450');
    const beyond = g.insert(TOTAL + 5, [{ id: 'x', label: 'x' }]);
    expect(beyond.ok).toBe(false);
    expect(beyond.ok ? '' : beyond.error.message).toContain(String(TOTAL + 5));
    expect(firstCells().slice(0, 2)).toEqual(['row 0/0', 'row 1/0']);
  });
});
