// <LazyList horizontal> in a right-to-left page (Arabic, Hebrew): the first item sits at the
// right edge, scrolling left reveals the next ones, as the browser lays out any RTL row of boxes.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { LazyList } from './LazyList.tsx';

afterEach(cleanup);

const data = Array.from({ length: 1_000 }, (_, i) => i);
const row = (i: number) => document.querySelector<HTMLElement>(`[data-index="${i}"]`);
const box = (i: number) => row(i)?.getBoundingClientRect() ?? new DOMRect(Number.NaN);
const scroller = () => screen.getByRole('list').parentElement?.parentElement as HTMLElement;

/** 1,000 items of 50 px in a 400 px horizontal list inside a right-to-left page. */
function renderHorizontal() {
  render(
    <div dir="rtl">
      <LazyList
        data={data}
        horizontal
        renderItem={(n) => <div style={{ width: 50 }}>{n}</div>}
        estimateSize={() => 50}
        height={100}
        style={{ width: 400 }}
      />
    </div>,
  );
}

describe('<LazyList horizontal> right to left', () => {
  it('starts at the right edge with item 0 and shows later items as the user scrolls left', async () => {
    renderHorizontal();
    await waitFor(() => expect(row(0)?.textContent).toBe('0'));
    const view = scroller().getBoundingClientRect();
    expect(box(0).right).toBeCloseTo(view.right, 0);
    expect(box(1).right).toBeCloseTo(box(0).left, 0);
    scroller().scrollLeft = -5_000; // RTL scroll offsets run from 0 to negative
    await waitFor(() => expect(row(100)?.textContent).toBe('100'));
    expect(box(100).right).toBeCloseTo(view.right, 0);
    expect(row(0)).toBeNull();
  });

  it('ArrowLeft moves focus to the next item and scrolls it into view; ArrowRight back', async () => {
    renderHorizontal();
    await waitFor(() => expect(row(0)?.textContent).toBe('0'));
    act(() => row(0)?.focus());
    for (let i = 0; i < 12; i++) await userEvent.keyboard('{ArrowLeft}');
    await waitFor(() => expect(document.activeElement?.getAttribute('data-index')).toBe('12'));
    const view = scroller().getBoundingClientRect();
    expect(box(12).left).toBeGreaterThanOrEqual(view.left - 0.5);
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(document.activeElement?.getAttribute('data-index')).toBe('11'));
  });

  it('lanes of a vertical list run from the right', async () => {
    render(
      <div dir="rtl">
        <LazyList
          data={data}
          lanes={3}
          renderItem={(n) => <div style={{ height: 40 }}>{n}</div>}
          height={300}
        />
      </div>,
    );
    await waitFor(() => expect(row(2)?.textContent).toBe('2'));
    // Right to left, the vertical scrollbar sits at the left: the content ends at the right edge.
    expect(box(0).right).toBeCloseTo(scroller().getBoundingClientRect().right, 0);
    expect(box(1).right).toBeCloseTo(box(0).left, 0);
    expect(box(2).right).toBeCloseTo(box(1).left, 0);
  });
});
