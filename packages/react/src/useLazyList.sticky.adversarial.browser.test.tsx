// Sticky group rows under what apps do: group rows taller than the estimate on pages not loaded
// yet, a scrollToIndex to a row hidden under the pinned group row, and the groups changing as
// rows are removed.
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
const GROUP = 56; // group rows are taller than estimateSize
let latest: UseLazyListResult<number> | null = null;

function Grouped(props: { every: number; total: number; pageSize?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  const { every, total } = props;
  const list = useLazyList<number>({
    key: ['grouped-adv', every, props.pageSize ?? 100],
    source: offsetSource({
      pageSize: props.pageSize ?? 100,
      fetchPage: async ({ offset, limit }) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return {
          items: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i),
          total,
        };
      },
    }),
    prefetch: 0,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
    scrollPaddingStart: HEADER,
    sticky: stickyRows,
    stickyIndexes: Array.from({ length: Math.ceil(total / every) }, (_, i) => i * every),
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
                height: row.index % every === 0 ? GROUP : ROW,
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

describe('useLazyList: sticky rows (adversarial)', () => {
  it('scrollToIndex far away, the group row unmeasured and on a page not loaded: the row lands below it', async () => {
    roots.mount(<Grouped every={1_000} total={100_000} />);
    await vi.waitFor(() => expect(text(0)).toBe('item 0'));
    latest?.scrollToIndex(60_950, { align: 'start' }); // group row 60,000 is 9 pages above
    await vi.waitFor(() => expect(text(60_950)).toBe('item 60950'));
    await vi.waitFor(() => expect(text(60_000)).toBe('item 60000'), { timeout: 3_000 });
    await frames(4);
    expect(top(60_000)).toBeCloseTo(HEADER, 0);
    expect(top(60_950)).toBeCloseTo(HEADER + GROUP, 0);
  });

  it("scrollToIndex 'auto' to a row hidden under the pinned group row brings it out below", async () => {
    roots.mount(<Grouped every={1_000} total={100_000} />);
    await vi.waitFor(() => expect(text(0)).toBe('item 0'));
    latest?.scrollToIndex(2_005, { align: 'start' });
    await vi.waitFor(() => expect(text(2_000)).toBe('item 2000'), { timeout: 3_000 });
    await frames(4);
    expect(top(2_005)).toBeCloseTo(HEADER + GROUP, 0);
    // One row further: row 2,005 is now under the pinned group row 2,000.
    scroller().scrollTop += ROW;
    await frames(4);
    const hidden = top(2_005) ?? 0;
    expect(hidden).toBeLessThan(HEADER + GROUP);
    latest?.scrollToIndex(2_005);
    await frames(4);
    expect(top(2_005)).toBeCloseTo(HEADER + GROUP, 0);
  });

  it("scrollToIndex 'end' then 'center' to a row under a group row keeps it fully clear of it", async () => {
    roots.mount(<Grouped every={10} total={10_000} />);
    await vi.waitFor(() => expect(text(0)).toBe('item 0'));
    latest?.scrollToIndex(5_001, { align: 'center' });
    await vi.waitFor(() => expect(text(5_001)).toBe('item 5001'), { timeout: 3_000 });
    await frames(4);
    const rowTop = top(5_001) ?? 0;
    expect(rowTop).toBeGreaterThanOrEqual(HEADER + GROUP - 1);
  });

  it('groups shrinking as the dataset shrinks (last group row gone) do not throw and pin the right row', async () => {
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    try {
      const root = roots.mount(<Grouped every={100} total={1_000} pageSize={50} />);
      await vi.waitFor(() => expect(text(0)).toBe('item 0'));
      latest?.scrollToIndex(999, { align: 'end' });
      await vi.waitFor(() => expect(text(999)).toBe('item 999'), { timeout: 3_000 });
      await vi.waitFor(() => expect(text(900)).toBe('item 900'), { timeout: 3_000 });
      // The server now has 850 rows; the app's groups follow (a refresh brings the new count).
      root.render(<Grouped every={100} total={850} pageSize={50} />);
      await latest?.refresh();
      await frames(6);
      await vi.waitFor(() => expect(latest?.count).toBe(850), { timeout: 3_000 });
      await frames(4);
      // (React 18 reports a ResizeObserver loop here: the browser's notice, not a throw.)
      expect(errors.filter((message) => !message.includes('ResizeObserver loop'))).toEqual([]);
      const pinned = latest?.rows.filter((row) => row.sticky !== undefined).map((row) => row.index) ?? [];
      expect(pinned.every((index) => index < 850)).toBe(true);
    } finally {
      window.removeEventListener('error', onError);
    }
  });
});
