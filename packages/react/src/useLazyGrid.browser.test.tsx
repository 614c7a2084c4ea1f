// useLazyGrid in real Chromium (issue #19 item 2): rows and columns virtualized, pinned columns
// and the header stay in place, ARIA grid semantics, keyboard navigation in two dimensions.
import { createGridColumns, offsetSource, QueryClient } from '@lazyflow/core';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { box, cell, frames, GridMarkup, scroller } from './testing/gridMarkup.tsx';
import { type UseLazyGridResult, useLazyGrid } from './useLazyGrid.ts';

interface Row {
  readonly id: number;
}

let client = new QueryClient();
afterEach(() => {
  cleanup();
  client = new QueryClient();
  requested.length = 0;
});

const HEADER = 40;
const ROW = 30;
let grid: UseLazyGridResult<Row> | null = null;
const requested: number[] = [];

function Grid(props: {
  rows: number;
  columns: number;
  pinnedStart?: number;
  pinnedEnd?: number;
  width?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const g = useLazyGrid<Row>({
    key: ['grid', props.rows],
    queryClient: client,
    source: offsetSource({
      pageSize: 100,
      fetchPage: async ({ offset, limit }) => {
        requested.push(offset);
        const items = Array.from({ length: Math.min(limit, props.rows - offset) }, (_, i) => ({
          id: offset + i,
        }));
        return { items, total: props.rows };
      },
    }),
    prefetch: 0,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
    headerHeight: HEADER,
    columns: {
      count: props.columns,
      estimateWidth: (column) => (column === 0 ? 160 : 100),
      pinnedStart: props.pinnedStart ?? 1,
      pinnedEnd: props.pinnedEnd ?? 1,
    },
  });
  grid = g;
  return <GridMarkup grid={g} scrollRef={ref} width={props.width} />;
}

describe('useLazyGrid', () => {
  it('renders only visible cells (plus overscan and pinned) of 1,000,000 × 1,000, with ARIA grid semantics', async () => {
    render(<Grid rows={1_000_000} columns={1_000} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    const el = scroller();
    expect(el.getAttribute('role')).toBe('grid');
    expect(el.getAttribute('aria-rowcount')).toBe('1000001');
    expect(el.getAttribute('aria-colcount')).toBe('1000');
    const rows = el.querySelectorAll('[role="row"][data-index]');
    const cells = el.querySelectorAll('[role="gridcell"]');
    const columns = grid?.columns ?? [];
    // 800 px wide: 160 pinned + 100 pinned end leave 540 px: 6 middle columns + 2 overscan on the right.
    expect(columns.map((column) => column.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 999]);
    expect(cells.length).toBe(rows.length * columns.length);
    expect(rows.length).toBeLessThan(30);
    const first = cell(0, 3);
    expect(first?.getAttribute('aria-colindex')).toBe('4');
    expect(first?.closest('[role="row"]')?.getAttribute('aria-rowindex')).toBe('2');
    expect(el.querySelectorAll('[role="columnheader"]').length).toBe(columns.length);
  });

  it('keeps DOM cells at (visible rows + overscan) × (visible columns + overscan + pinned) in a fast scroll (issue #19 item 7)', async () => {
    render(<Grid rows={1_000_000} columns={1_000} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    const el = scroller();
    // 6 visible middle columns + 2 overscan + 2 pinned (the first test).
    const columns = grid?.columns.length ?? 0;
    expect(columns).toBe(10);
    // The 400-px viewport (the header covers rows, they count): 14 rows of 30 px, 15 when cut;
    // overscan 5 (the default) each side at rest; while moving 1 row behind and at most twice
    // the overscan ahead (before: up to 3 viewports ahead, 35+ rows at this speed).
    const rowBound = Math.ceil(400 / ROW) + 1 + 2 * 5 + 1;
    let most = 0;
    let moving = 0;
    for (let n = 0; n < 40; n++) {
      // 600 px a frame: 36,000 px/s at 60 Hz, a fling (before: up to 3 viewports of rows ahead).
      await act(
        () =>
          new Promise<void>((resolve) =>
            requestAnimationFrame(() => {
              el.scrollTop += 600;
              resolve();
            }),
          ),
      );
      const cells = el.querySelectorAll('[role="row"][data-index] [role="gridcell"]').length;
      most = Math.max(most, cells);
      if (grid?.isScrolling) moving += 1;
    }
    expect(el.scrollTop).toBeGreaterThan(20_000);
    expect(moving).toBeGreaterThan(20);
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(rowBound * columns);
  });

  it('keeps the pinned columns at the edges and the header on top while scrolling both ways', async () => {
    render(<Grid rows={1_000_000} columns={1_000} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    const el = scroller();
    await act(async () => {
      el.scrollLeft = 50_000;
      el.scrollTop = 300_000;
    });
    await waitFor(() => expect(grid?.columns.some((column) => column.index === 500)).toBe(true));
    await waitFor(() => expect(el.querySelector('[role="gridcell"]')).not.toBeNull());
    const firstRow = grid?.rows.find((row) => row.state.status === 'loaded');
    expect(firstRow).toBeDefined();
    const outer = box(el);
    const pinned = cell(firstRow?.index ?? -1, 0);
    expect(pinned).not.toBeNull();
    expect(Math.round(box(pinned as HTMLElement).left)).toBe(Math.round(outer.left));
    const end = cell(firstRow?.index ?? -1, 999);
    // The end column's right edge meets the viewport's right edge (inside the scrollbar).
    expect(Math.round(box(end as HTMLElement).right)).toBe(Math.round(outer.left + el.clientWidth));
    const header = screen.getByTestId('header');
    expect(Math.round(box(header).top)).toBe(Math.round(outer.top));
    // Column 500 starts at 160 + 499 × 100 = 50,060 px: 60 px into the viewport, under the pinned column.
    expect(Math.round(box(cell(firstRow?.index ?? -1, 500) as HTMLElement).left)).toBe(
      Math.round(outer.left + 60),
    );
    // No row sits under the header: the first rendered row in view starts at or below its bottom.
    const visible = [...el.querySelectorAll('[role="row"][data-index]')].filter(
      (row) => box(row).bottom > outer.top + HEADER,
    );
    expect(visible.length).toBeGreaterThan(5);
  });

  it('scrollToCell lands the cell below the header and clear of the pinned columns', async () => {
    render(<Grid rows={1_000_000} columns={1_000} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    await act(async () => grid?.scrollToCell(500_000, 600, { align: 'start', columnAlign: 'start' }));
    await waitFor(() => expect(cell(500_000, 600)?.textContent).toBe('r500000c600'));
    await frames();
    const outer = box(scroller());
    const target = box(cell(500_000, 600) as HTMLElement);
    expect(Math.round(target.top)).toBe(Math.round(outer.top + HEADER));
    expect(Math.round(target.left)).toBe(Math.round(outer.left + 160));
    expect(requested.every((offset) => offset === 0 || Math.abs(offset - 500_000) <= 200)).toBe(true);
  });

  it('reaches the last row of 100,000,000 in a grid (the scroll scale still applies)', async () => {
    render(<Grid rows={100_000_000} columns={50} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    await act(async () => grid?.scrollToCell(99_999_999, 10, { align: 'end' }));
    await waitFor(() => expect(cell(99_999_999, 10)?.textContent).toBe('r99999999c10'));
    const outer = box(scroller());
    const target = box(cell(99_999_999, 10) as HTMLElement);
    expect(target.bottom).toBeLessThanOrEqual(outer.top + scroller().clientHeight + 0.5);
    expect(target.top).toBeGreaterThanOrEqual(outer.top + HEADER - 0.5);
  });

  it('moves focus between cells with the keyboard in two dimensions', async () => {
    render(<Grid rows={1_000_000} columns={1_000} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    const start = cell(2, 1) as HTMLElement;
    await act(async () => start.focus());
    const press = async (key: string, ctrlKey = false) => {
      const target = document.activeElement as HTMLElement;
      await act(async () => {
        target.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey, bubbles: true, cancelable: true }));
      });
      await frames(3);
    };
    await press('ArrowRight');
    expect(document.activeElement).toBe(cell(2, 2));
    await press('ArrowDown');
    expect(document.activeElement).toBe(cell(3, 2));
    expect(cell(3, 2)?.tabIndex).toBe(0);
    expect(cell(2, 2)?.tabIndex).toBe(-1);
    await press('End');
    expect(document.activeElement).toBe(cell(3, 999));
    await press('ArrowLeft');
    await waitFor(() => expect(document.activeElement).toBe(cell(3, 998)));
    // Column 998 is scrolled into view left of the pinned end column.
    const outer = box(scroller());
    expect(box(cell(3, 998) as HTMLElement).right).toBeLessThanOrEqual(
      outer.left + scroller().clientWidth - 100 + 0.5,
    );
    await press('Home');
    await waitFor(() => expect(document.activeElement).toBe(cell(3, 0)));
    await press('End', true);
    await waitFor(() => expect(document.activeElement).toBe(cell(999_999, 0)));
  });

  it('sends row keys to the list of the current key after the key changed (a new list)', async () => {
    const { rerender } = render(<Grid rows={1_000} columns={50} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    rerender(<Grid rows={2_000} columns={50} />);
    await waitFor(() => expect(grid?.count).toBe(2_000));
    await waitFor(() => expect(cell(2, 1)?.textContent).toBe('r2c1'));
    await act(async () => (cell(2, 1) as HTMLElement).focus());
    const press = async (key: string, ctrlKey = false) => {
      const target = document.activeElement as HTMLElement;
      await act(async () => {
        target.dispatchEvent(new KeyboardEvent('keydown', { key, ctrlKey, bubbles: true, cancelable: true }));
      });
      await frames(3);
    };
    await press('ArrowDown');
    expect(document.activeElement).toBe(cell(3, 1));
    await press('End', true); // the new list's last row, not the old one's (999)
    await waitFor(() => expect(document.activeElement).toBe(cell(1_999, 1)));
    expect(grid?.focusedCell).toEqual({ row: 1_999, column: 1 });
  });

  it('rejects bad column options with a TypeError naming the option', () => {
    expect(() => createGridColumns({ count: 10, pinnedStart: 11 }, null)).toThrow(/"pinnedStart"/);
    expect(() => createGridColumns({ count: 10, pinnedStart: 6, pinnedEnd: 5 }, null)).toThrow(/"pinnedEnd"/);
    expect(() => createGridColumns({ count: 10, estimateWidth: -1 }, null)).toThrow(/"estimateWidth"/);
    expect(() => createGridColumns({ count: 10, estimateWidth: () => Number.NaN }, null)).toThrow(
      /"estimateWidth".*column 0/,
    );
    expect(() => createGridColumns({ count: -1 }, null)).toThrow(/"count"/);
  });
});
