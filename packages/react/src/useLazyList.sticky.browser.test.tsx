// useLazyList with a header inside the scroller (scroll padding) and sticky group rows, rendered
// the way docs/virtual-list.md shows; options pushed after each commit.
import { offsetSource } from '@lazyflow/core';
import { stickyRows } from '@lazyflow/core/sticky';
import { useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import { rootsPerTest } from './testing/testRoots.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

const roots = rootsPerTest({ actEnvironment: false });

const HEADER = 40;
const ROW = 36;
let latest: UseLazyListResult<number> | null = null;

function Grouped(props: { every: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<number>({
    key: ['grouped'],
    source: offsetSource({
      pageSize: 100,
      fetchPage: async ({ offset, limit }) => ({
        items: Array.from({ length: limit }, (_, i) => offset + i),
        total: 100_000,
      }),
    }),
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
    scrollPaddingStart: HEADER,
    sticky: stickyRows,
    // A new array on every render, as apps compute it.
    stickyIndexes: Array.from({ length: 100_000 / props.every }, (_, i) => i * props.every),
  });
  latest = list;
  return (
    <div ref={ref} data-testid="scroller" style={{ height: 600, overflow: 'auto' }}>
      <div style={{ height: list.totalSize, position: 'relative' }}>
        <div style={{ position: 'sticky', top: 0, height: HEADER, zIndex: 2, background: '#ccc' }}>Name</div>
        {list.rows.map((row) => (
          <div
            key={row.key}
            style={
              row.sticky
                ? {
                    position: 'absolute',
                    top: row.sticky.start,
                    width: '100%',
                    zIndex: 1,
                    height: row.sticky.end - row.sticky.start,
                  }
                : { position: 'absolute', top: 0, width: '100%', transform: `translateY(${row.start}px)` }
            }
          >
            <div
              ref={list.measureElement}
              data-index={row.index}
              style={{
                height: ROW,
                ...(row.sticky ? { position: 'sticky', top: HEADER, background: '#eee' } : {}),
              }}
            >
              {row.state.status === 'loaded' ? `item ${row.state.item}` : '…'}
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

const scroller = () => document.querySelector<HTMLElement>('[data-testid="scroller"]') as HTMLElement;
const top = (index: number) => {
  const element = document.querySelector(`[data-index="${index}"]`);
  return element === null
    ? undefined
    : element.getBoundingClientRect().top - scroller().getBoundingClientRect().top;
};
const text = (index: number) => document.querySelector(`[data-index="${index}"]`)?.textContent;

describe('useLazyList: scroll padding and sticky rows', () => {
  it('pins the group row below the header, takes new groups live, and scrollToIndex lands below both', async () => {
    const root = roots.mount(<Grouped every={1_000} />);
    await vi.waitFor(() => expect(text(0)).toBe('item 0'));
    expect(top(0)).toBeCloseTo(HEADER, 0);
    scroller().scrollTop = 1_500 * ROW;
    await frames(3);
    // Row 1,000's page is outside the window: fetched once scrolling settles, shown within
    // the list's statsIntervalMs (1 s).
    await vi.waitFor(() => expect(text(1_000)).toBe('item 1000'), { timeout: 3_000 });
    expect(top(1_000)).toBeCloseTo(HEADER, 0);
    expect(top(1_500)).toBeCloseTo(HEADER, 0);
    root.render(<Grouped every={250} />); // groups of 250: row 1,500 heads its own group now
    await vi.waitFor(() => expect(latest?.rows.find((row) => row.index === 1_500)?.sticky).toBeTruthy());
    await frames(2);
    expect(top(1_000)).toBeUndefined();
    latest?.scrollToIndex(60_010, { align: 'start' });
    await vi.waitFor(() => expect(text(60_010)).toBe('item 60010'));
    await vi.waitFor(() => expect(text(60_000)).toBe('item 60000'));
    await frames(2);
    expect(top(60_000)).toBeCloseTo(HEADER, 0);
    expect(top(60_010)).toBeCloseTo(HEADER + ROW, 0);
  });
});
