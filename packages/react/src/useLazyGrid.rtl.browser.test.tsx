// useLazyGrid in a right-to-left page (decision 0091): column 0 at the right edge, later columns
// to its left, the pinned columns at their edges while the grid scrolls sideways, and ArrowLeft
// to the next column.
import { offsetSource, QueryClient } from '@lazyflow/core';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { box, cell, GridMarkup, scroller } from './testing/gridMarkup.tsx';
import { useLazyGrid } from './useLazyGrid.ts';

let client = new QueryClient();
afterEach(() => {
  cleanup();
  client = new QueryClient();
});

function Grid() {
  const ref = useRef<HTMLDivElement>(null);
  const g = useLazyGrid<{ readonly id: number }>({
    key: ['rtl-grid'],
    queryClient: client,
    source: offsetSource({
      pageSize: 100,
      fetchPage: async ({ offset, limit }) => ({
        items: Array.from({ length: limit }, (_, i) => ({ id: offset + i })),
        total: 10_000,
      }),
    }),
    getScrollElement: () => ref.current,
    estimateSize: () => 30,
    headerHeight: 40,
    columns: { count: 1_000, estimateWidth: () => 100, pinnedStart: 1, pinnedEnd: 1 },
  });
  return <GridMarkup grid={g} scrollRef={ref} />;
}

describe('useLazyGrid right to left', () => {
  it('lays columns out from the right and keeps the pinned ones at their edges while scrolling left', async () => {
    render(
      <div dir="rtl">
        <Grid />
      </div>,
    );
    await waitFor(() => expect(cell(0, 1)?.textContent).toBe('r0c1'));
    const el = scroller();
    const outer = box(el);
    const right = outer.left + el.clientLeft + el.clientWidth; // the vertical scrollbar is at the left
    expect(box(cell(0, 0) as HTMLElement).right).toBeCloseTo(right, 0);
    expect(box(cell(0, 1) as HTMLElement).right).toBeCloseTo(box(cell(0, 0) as HTMLElement).left, 0);
    await act(async () => {
      el.scrollLeft = -30_000; // column 300 near the right edge
    });
    await waitFor(() => expect(cell(0, 300)?.textContent).toBe('r0c300'));
    // Column 300 starts 300 × 100 px from the grid's right edge: 30,000 px scrolled, so it sits
    // right at the viewport's right edge, under the pinned column 0.
    expect(box(cell(0, 300) as HTMLElement).right).toBeCloseTo(right, 0);
    expect(box(cell(0, 0) as HTMLElement).right).toBeCloseTo(right, 0);
    expect(box(cell(0, 999) as HTMLElement).left).toBeCloseTo(outer.left + el.clientLeft, 0);
  });

  it('ArrowLeft moves focus to the next column, ArrowRight back', async () => {
    render(
      <div dir="rtl">
        <Grid />
      </div>,
    );
    await waitFor(() => expect(cell(2, 3)?.textContent).toBe('r2c3'));
    await act(async () => (cell(2, 3) as HTMLElement).focus());
    await userEvent.keyboard('{ArrowLeft}');
    await waitFor(() => expect(document.activeElement).toBe(cell(2, 4)));
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await waitFor(() => expect(document.activeElement).toBe(cell(2, 2)));
  });
});
