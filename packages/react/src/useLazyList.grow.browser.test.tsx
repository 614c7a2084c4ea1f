// useLazyList's `grow` (decision 0084): a list following the end of a growing offset source (a
// stream log) shows the new rows at the end after each grow, reading only the pages in view.
import { offsetSource } from '@lazyflow/core';
import { useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { AbsoluteRows } from './testing/absoluteRows.tsx';
import { rootsPerTest } from './testing/testRoots.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

const roots = rootsPerTest({ actEnvironment: false });

/** A log of `lines.count` items; each read answers what exists when it is answered. */
const lines = { count: 0, reads: [] as number[] };
const source = offsetSource<number>({
  pageSize: 50,
  initialCount: 0,
  fetchPage: async ({ offset, limit }) => {
    lines.reads.push(offset);
    const end = Math.min(offset + limit, lines.count);
    return {
      items: Array.from({ length: Math.max(0, end - offset) }, (_, i) => offset + i),
      total: lines.count,
    };
  },
});

let latest: UseLazyListResult<number> | null = null;
function Log() {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<number>({
    key: ['grow-hook'],
    source,
    prefetch: 0,
    anchor: 'end',
    getScrollElement: () => ref.current,
    estimateSize: () => 20,
  });
  latest = list;
  return (
    <div ref={ref} data-testid="scroller" style={{ height: 200, overflow: 'auto' }}>
      <AbsoluteRows list={list} rowHeight={20} text={(n) => `line ${n}`} placeholder="…" />
    </div>
  );
}

const rowText = (index: number) => roots.container?.querySelector(`[data-index="${index}"]`)?.textContent;

describe('useLazyList grow', () => {
  it('follows the end as the log grows, reading only the pages at the end', async () => {
    roots.mount(<Log />);
    await vi.waitFor(() => expect(latest).not.toBeNull());
    for (const count of [30, 130, 5_000, 5_001]) {
      lines.count = count;
      lines.reads.length = 0;
      expect(latest?.grow(count)).toBe(true);
      await vi.waitFor(() => expect(rowText(count - 1)).toBe(`line ${count - 1}`));
      expect(latest?.count).toBe(count);
      // Only pages in view at the end were read (200 px of 20 px rows: 10 rows, one or two pages).
      expect({ count, reads: lines.reads }).toEqual({
        count,
        reads: lines.reads.filter((offset) => offset >= Math.floor((count - 20) / 50) * 50),
      });
    }
    const scroller = roots.container?.querySelector<HTMLElement>('[data-testid="scroller"]');
    expect(scroller && scroller.scrollTop + scroller.clientHeight).toBeGreaterThanOrEqual(5_001 * 20 - 1);
  });
});
