// <LazyList layout={masonry}> (from '@lazyflow/core/masonry') in real Chromium (issue #19 item 3): the hook and the component pass
// the layout through; items of different heights stand in the shortest lane, never overlapping.
import { masonry } from '@lazyflow/core/masonry';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ShowError } from '../testing/lazyListRender.tsx';
import { LazyList } from './LazyList.tsx';

afterEach(cleanup);

const row = (index: number) => document.querySelector<HTMLElement>(`[data-index="${index}"]`);
const box = (index: number) => row(index)?.getBoundingClientRect() ?? new DOMRect(Number.NaN);
/** 40, 90 or 140 px: a deterministic mix. */
const heightOf = (n: number) => 40 + (n % 3) * 50;

describe('<LazyList layout={masonry}>', () => {
  it('packs items of their own heights into the shortest of the lanes', async () => {
    const data = Array.from({ length: 1_000 }, (_, i) => i);
    render(
      <LazyList
        data={data}
        layout={masonry}
        lanes={3}
        estimateSize={() => 90}
        renderItem={(n) => <div style={{ height: heightOf(n) }}>{n}</div>}
        height={400}
        style={{ width: 300 }}
      />,
    );
    await waitFor(() => expect(row(8)?.textContent).toBe('8'));
    // Items 0, 1, 2 (40, 90, 140 px) open the three lanes; 3 goes under 0 (the shortest lane).
    await waitFor(() => expect(box(3).top).toBeCloseTo(box(0).bottom, 0));
    expect(box(1).top).toBeCloseTo(box(0).top, 0);
    expect(box(2).left).toBeGreaterThan(box(1).left);
    expect(box(3).left).toBeCloseTo(box(0).left, 0);
    // 4 (90 px) next: lane 0 ends at 80 (40 + 40), lane 1 at 90: lane 0 again.
    expect(box(4).left).toBeCloseTo(box(0).left, 0);
    expect(box(4).top).toBeCloseTo(box(3).bottom, 0);
    expect(box(4).height).toBeCloseTo(90, 0);
    // 5 (140 px): lane 1 (90) is now the shortest.
    expect(box(5).left).toBeCloseTo(box(1).left, 0);
    expect(box(5).top).toBeCloseTo(box(1).bottom, 0);
    expect(row(5)?.getAttribute('aria-posinset')).toBe('6');
  });

  it('a re-render with another layout is refused with a TypeError naming "layout" (a new layout is a new key)', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    const data = Array.from({ length: 100 }, (_, i) => i);
    const list = (layout: typeof masonry | 'rows') => (
      <ShowError>
        <LazyList
          data={data}
          layout={layout}
          lanes={3}
          estimateSize={() => 90}
          renderItem={(n) => <div style={{ height: heightOf(n) }}>{n}</div>}
          height={400}
          style={{ width: 300 }}
        />
      </ShowError>
    );
    const view = render(list(masonry));
    await waitFor(() => expect(row(8)?.textContent).toBe('8'));
    view.rerender(list('rows'));
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toMatch(
        /"layout" must be the layout the view was created with \(masonry\)/,
      ),
    );
    quiet.mockRestore();
  });
});
