import { eagerSource } from '@lazyflow/core';
import { useLayoutEffect, useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import { rootsPerTest } from './testing/testRoots.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

// An app that restores its own scroll position (its router's, its store's) does so in its first
// layout effect: the list must be as tall as its data by then, and must not write it back.
const roots = rootsPerTest({ actEnvironment: false, restoreMocks: true });
const ROW = 36;
const countries = Array.from({ length: 10_000 }, (_, i) => `Country ${i}`);
const byName = eagerSource(countries);
const byCode = eagerSource(countries.map((name, i) => `${name} (code ${i})`));

const heights: number[] = [];
let latest: UseLazyListResult<string> | null = null;

function Countries({
  listKey,
  source,
  scrollTo,
}: {
  listKey: string;
  source: typeof byName;
  scrollTo?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<string>({
    key: [listKey],
    source,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
  });
  latest = list;
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    heights.push(element.scrollHeight);
    if (scrollTo !== undefined) element.scrollTop = scrollTo;
  }, [scrollTo]);
  return (
    <div ref={ref} data-testid="scroller" style={{ height: 600, overflow: 'auto' }}>
      <div style={{ height: list.totalSize, position: 'relative' }}>
        {list.rows.map((row) => (
          <div
            key={row.key}
            data-index={row.index}
            style={{
              position: 'absolute',
              width: '100%',
              height: ROW,
              transform: `translateY(${row.start}px)`,
            }}
          >
            {row.state.status === 'loaded' ? row.state.item : '…'}
          </div>
        ))}
      </div>
    </div>
  );
}

const scroller = () => roots.container?.querySelector<HTMLElement>('[data-testid="scroller"]');
const rowAtTop = () => {
  const element = scroller();
  if (!element) return undefined;
  const top = element.getBoundingClientRect().top;
  return [...element.querySelectorAll<HTMLElement>('[data-index]')].find(
    (row) => Math.abs(row.getBoundingClientRect().top - top) < 1,
  )?.textContent;
};

describe('useLazyList: a scroll the app sets itself', () => {
  it("eagerSource(items): the first commit is as tall as the items, and the app's scroll in its first layout effect stays", async () => {
    heights.length = 0;
    const writes = vi.spyOn(Element.prototype, 'scrollTo');
    roots.mount(<Countries listKey="countries" source={byName} scrollTo={100 * ROW} />);
    await vi.waitFor(() => expect(rowAtTop()).toBe('Country 100'));
    expect(heights[0]).toBe(countries.length * ROW);
    await frames(3);
    expect(scroller()?.scrollTop).toBe(100 * ROW);
    expect(latest?.rows[0]?.index).toBe(100 - 5); // the rows start there (less the overscan)
    expect(writes).not.toHaveBeenCalled();
    // And it is the user's position from there: a scroll moves on from it.
    scroller()?.scrollBy({ top: 10 * ROW });
    await vi.waitFor(() => expect(rowAtTop()).toBe('Country 110'));
  });

  it('a new key (other data) on the same scrolled element still starts at the top', async () => {
    roots.mount(<Countries listKey="by-name" source={byName} scrollTo={200 * ROW} />);
    await vi.waitFor(() => expect(rowAtTop()).toBe('Country 200'));
    roots.root?.render(<Countries listKey="by-code" source={byCode} />);
    await vi.waitFor(() => expect(rowAtTop()).toBe('Country 0 (code 0)'));
    await frames(2);
    expect(scroller()?.scrollTop).toBe(0);
  });
});
