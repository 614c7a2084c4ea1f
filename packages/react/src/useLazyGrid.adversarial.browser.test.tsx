// useLazyGrid against what a data grid's user does at runtime, in real Chromium: columns resized
// and reordered through their options while the header cells are measured (the docs' pattern),
// the container narrowed to a phone's width, the column count cut under the focused cell, pinned
// counts changed live.
import { offsetSource, QueryClient } from '@lazyflow/core';
import { act, cleanup, render, renderHook, waitFor } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { box, cell, frames, GridMarkup, scroller } from './testing/gridMarkup.tsx';
import { type UseLazyGridResult, useLazyGrid } from './useLazyGrid.ts';

interface Row {
  readonly id: number;
}

let client = new QueryClient();
afterEach(() => {
  cleanup();
  for (const element of document.querySelectorAll('[data-testid="before"]')) element.remove();
  client = new QueryClient();
});

const HEADER = 40;
const ROW = 30;
let grid: UseLazyGridResult<Row> | null = null;

interface GridProps {
  readonly columns: number;
  readonly widths?: (column: number) => number;
  readonly pinnedStart?: number;
  readonly pinnedEnd?: number;
  readonly width?: number;
}

function Grid(props: GridProps) {
  const ref = useRef<HTMLDivElement>(null);
  const g = useLazyGrid<Row>({
    key: ['adversarial-grid'],
    queryClient: client,
    source: offsetSource({
      pageSize: 100,
      fetchPage: async ({ offset, limit }) => ({
        items: Array.from({ length: Math.min(limit, 10_000 - offset) }, (_, i) => ({ id: offset + i })),
        total: 10_000,
      }),
    }),
    prefetch: 0,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
    headerHeight: HEADER,
    columns: {
      count: props.columns,
      estimateWidth: props.widths ?? 100,
      pinnedStart: props.pinnedStart ?? 1,
      pinnedEnd: props.pinnedEnd ?? 0,
    },
  });
  grid = g;
  return <GridMarkup grid={g} scrollRef={ref} width={props.width} />;
}

const header = (column: number) =>
  scroller().querySelector<HTMLElement>(`[role="columnheader"][data-column="${column}"]`);

/** A button placed before the grid in the tab order. */
function tabStop(): HTMLButtonElement {
  const button = document.createElement('button');
  button.dataset.testid = 'before';
  button.textContent = 'before';
  document.body.prepend(button);
  return button;
}

describe('useLazyGrid, adversarial', () => {
  it('refuses useWindowScroll with an error naming it (a window-scrolled grid rendered its pinned columns only)', () => {
    const source = offsetSource({ pageSize: 10, fetchPage: async () => ({ items: [], total: 0 }) });
    const options = {
      key: ['window-grid'],
      queryClient: client,
      source,
      useWindowScroll: true,
      columns: { count: 5 },
    };
    expect(() => renderHook(() => useLazyGrid<Row>(options))).toThrow(
      /useLazyGrid does not take "useWindowScroll".*getScrollElement/,
    );
  });

  it('resizes a measured column when its estimateWidth changes (a column resize), keeping the scroll position', async () => {
    const { rerender } = render(<Grid columns={50} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    await frames(); // the header cells were measured at 100 px
    const el = scroller();
    await act(async () => {
      el.scrollTop = 3_000;
    });
    await waitFor(() => expect(cell(100, 2)?.textContent).toBe('r100c2'));
    const top = el.scrollTop;
    rerender(<Grid columns={50} widths={(column) => (column === 2 ? 250 : 100)} />);
    await frames(3);
    await waitFor(() => expect(Math.round(box(header(2) as HTMLElement).width)).toBe(250));
    expect(Math.round(box(cell(100, 2) as HTMLElement).width)).toBe(250);
    // Column 3 moved right by 150 px with it.
    expect(Math.round(box(cell(100, 3) as HTMLElement).left - box(el).left)).toBe(450);
    expect(grid?.totalWidth).toBe(5_150);
    expect(el.scrollTop).toBe(top);
  });

  it('reorders measured columns of different widths when the widths follow the new order', async () => {
    const widths = [200, 80, 140, 100];
    const order = (list: readonly number[]) => (column: number) => list[column % 4] ?? 100;
    const { rerender } = render(<Grid columns={40} widths={order(widths)} />);
    await waitFor(() => expect(cell(0, 1)?.textContent).toBe('r0c1'));
    await frames();
    // The app moves its second column to the front: the widths go with the columns.
    rerender(<Grid columns={40} widths={order([80, 200, 140, 100])} />);
    await frames(3);
    await waitFor(() => expect(Math.round(box(header(0) as HTMLElement).width)).toBe(80));
    expect(Math.round(box(header(1) as HTMLElement).width)).toBe(200);
    expect(Math.round(box(cell(0, 1) as HTMLElement).left - box(scroller()).left)).toBe(80);
  });

  it('keeps the pinned end column at the right edge and fills the middle after the container narrows to 390 px', async () => {
    const { rerender } = render(<Grid columns={200} pinnedEnd={1} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    const el = scroller();
    await act(async () => {
      el.scrollLeft = 5_000;
    });
    await waitFor(() => expect(grid?.columns.some((column) => column.index === 50)).toBe(true));
    // Header cells the narrower width adds are measured without a "ResizeObserver loop" error.
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    rerender(<Grid columns={200} pinnedEnd={1} width={390} />);
    await frames(3);
    await waitFor(() => expect(grid?.viewport).toBe(el.clientWidth));
    await frames(2);
    window.removeEventListener('error', onError);
    expect(errors).toEqual([]);
    const outer = box(el);
    const end = cell(0, 199) ?? cell(grid?.rows[0]?.index ?? 0, 199);
    expect(end).not.toBeNull();
    expect(Math.round(box(end as HTMLElement).right)).toBe(Math.round(outer.left + el.clientWidth));
    expect(Math.round(box(cell(0, 0) as HTMLElement).left)).toBe(Math.round(outer.left));
    // Every pixel between the pinned columns is covered by a rendered middle cell.
    const middle = [...(el.querySelectorAll('[data-index="0"] [role="gridcell"]') as NodeListOf<HTMLElement>)]
      .filter((c) => c.dataset.column !== '0' && c.dataset.column !== '199')
      .map((c) => box(c));
    const from = outer.left + 100;
    const to = outer.left + el.clientWidth - 100;
    expect(middle.some((b) => b.left <= from + 0.5 && b.right > from)).toBe(true);
    expect(middle.some((b) => b.left < to && b.right >= to - 0.5)).toBe(true);
  });

  it('keeps one cell reachable by Tab (tabIndex 0) after the column count drops below the focused column', async () => {
    const { rerender } = render(<Grid columns={50} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    await act(async () => (cell(1, 5) as HTMLElement).focus());
    await waitFor(() => expect(grid?.focusedCell).toEqual({ row: 1, column: 5 }));
    rerender(<Grid columns={3} />);
    await frames(3);
    const tabbable = scroller().querySelectorAll('[role="gridcell"][tabindex="0"]');
    expect(tabbable.length).toBe(1);
    expect(tabbable[0]).toBe(cell(1, 2));
    // Tab from the control before the grid enters it at that cell, and the arrows work from there.
    const before = tabStop();
    before.focus();
    await userEvent.tab();
    expect(document.activeElement).toBe(cell(1, 2));
    await userEvent.keyboard('{ArrowLeft}');
    await waitFor(() => expect(document.activeElement).toBe(cell(1, 1)));
  });

  it('enters the grid with Tab at a cell in view after the focused row was scrolled out of the DOM, and the arrows work there', async () => {
    render(<Grid columns={50} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    const el = scroller();
    await act(async () => {
      el.scrollTop = 30_000; // row 1,000 at the top: row 0 (the focused cell's) is not rendered
    });
    await waitFor(() => expect(cell(1_000, 1)?.textContent).toBe('r1000c1'));
    const before = tabStop();
    before.focus();
    await userEvent.tab();
    const entered = document.activeElement as HTMLElement;
    expect(entered.getAttribute('role')).toBe('gridcell');
    const row = Number(entered.closest('[data-index]')?.getAttribute('data-index'));
    // A row in view, clear of the sticky header (Tab's focus does not scroll it under the header).
    expect(row).toBeGreaterThanOrEqual(1_000);
    expect(row).toBeLessThan(1_000 + (400 - HEADER) / ROW);
    expect(box(entered).top - box(el).top).toBeGreaterThanOrEqual(HEADER - 0.5);
    expect(el.scrollTop).toBe(30_000);
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(document.activeElement).toBe(cell(row + 1, Number(entered.dataset.column))));
  });

  it('keeps each cell the keys move to in view: below the header, clear of the pinned columns on both sides', async () => {
    render(<Grid columns={200} pinnedEnd={1} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    const el = scroller();
    await act(async () => {
      el.scrollTop = 300; // row 10 right below the header
      el.scrollLeft = 1_000; // column 11 right beside the pinned start column
    });
    await waitFor(() => expect(cell(10, 11)?.textContent).toBe('r10c11'));
    await frames();
    await act(async () => (cell(10, 11) as HTMLElement).focus());
    const inView = () => {
      const focused = document.activeElement as HTMLElement;
      const outer = box(el);
      const b = box(focused);
      expect(b.top).toBeGreaterThanOrEqual(outer.top + HEADER - 0.5);
      expect(b.bottom).toBeLessThanOrEqual(outer.top + el.clientHeight + 0.5);
      expect(b.left).toBeGreaterThanOrEqual(outer.left + 100 - 0.5); // the pinned start column
      expect(b.right).toBeLessThanOrEqual(outer.left + el.clientWidth - 100 + 0.5); // the pinned end one
    };
    const steps: Array<[string, number, number]> = [
      ['{ArrowUp}', 9, 11],
      ['{ArrowLeft}', 9, 10],
      ['{ArrowLeft}', 9, 9],
      ['{PageDown}', -1, 9],
      ['{ArrowRight}', -1, 10],
    ];
    for (const [key, row, column] of steps) {
      await userEvent.keyboard(key);
      await waitFor(() => {
        const focused = document.activeElement as HTMLElement;
        expect(focused.dataset.column).toBe(String(column));
        if (row >= 0) expect(focused.closest('[data-index]')?.getAttribute('data-index')).toBe(String(row));
        expect(focused.tabIndex).toBe(0);
        inView();
      });
    }
    const row = Number(
      (document.activeElement as HTMLElement).closest('[data-index]')?.getAttribute('data-index'),
    );
    expect(row).toBeGreaterThan(15);
    expect(
      (document.activeElement as HTMLElement).closest('[role="row"]')?.getAttribute('aria-rowindex'),
    ).toBe(String(row + 2));
    // Scrolled to the far right, ArrowRight from the last middle column goes to the pinned end one.
    await act(async () => {
      el.scrollLeft = el.scrollWidth;
    });
    await waitFor(() => expect(cell(row, 198)).not.toBeNull());
    await act(async () => (cell(row, 198) as HTMLElement).focus());
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(document.activeElement).toBe(cell(row, 199)));
    await userEvent.keyboard('{ArrowRight}'); // the last column: stays
    expect(document.activeElement).toBe(cell(row, 199));
  });

  it('keeps every pinned column at its left offset after pinnedStart grows live', async () => {
    const { rerender } = render(<Grid columns={100} />);
    await waitFor(() => expect(cell(0, 0)?.textContent).toBe('r0c0'));
    rerender(<Grid columns={100} pinnedStart={2} />);
    await frames(2);
    const el = scroller();
    await act(async () => {
      el.scrollLeft = 3_000;
    });
    await waitFor(() => expect(grid?.columns.some((column) => column.index === 35)).toBe(true));
    await frames(2);
    const outer = box(el);
    expect(Math.round(box(cell(0, 0) as HTMLElement).left)).toBe(Math.round(outer.left));
    expect(Math.round(box(cell(0, 1) as HTMLElement).left)).toBe(Math.round(outer.left + 100));
  });
});
