// Adversarial probes of useLazyList with an IndexedDB cache: the saved position of each key
// when the app switches between keys (filter tabs) on one scroll element.
import { idbCache, offsetSource, type PageCache } from '@lazyflow/core';
import { useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import { rootsPerTest } from './testing/testRoots.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

const roots = rootsPerTest({ actEnvironment: false, restoreMocks: true });

const source = offsetSource<string>({
  pageSize: 100,
  fetchPage: async ({ offset, limit }) => ({
    items: Array.from({ length: limit }, (_, i) => `row ${offset + i}`),
    total: 100_000,
  }),
});

let latest: UseLazyListResult<string> | null = null;

function Tab(props: { listKey: string; cache: PageCache }) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<string>({
    key: [props.cache.name, props.listKey],
    source,
    getScrollElement: () => ref.current,
    estimateSize: () => 36,
    cache: props.cache,
  });
  latest = list;
  return (
    <div ref={ref} data-testid="scroller" style={{ height: 600, overflow: 'auto' }}>
      <div style={{ height: list.totalSize, position: 'relative' }}>
        {list.rows.map((row) => (
          <div
            key={row.key}
            data-index={row.index}
            style={{
              position: 'absolute',
              top: 0,
              height: 36,
              width: '100%',
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

const firstRow = () => {
  const scroller = roots.container?.querySelector<HTMLElement>('[data-testid="scroller"]');
  return scroller ? Math.floor(scroller.scrollTop / 36) : undefined;
};

describe('useLazyList with a cache, switching keys', () => {
  it('each key comes back to its own row: A at 5,000, B at 2,000, A again, B again', async () => {
    const cache = idbCache({ name: `tabs-${Math.random()}`, storage: null });
    const root = roots.mount(<Tab listKey="a" cache={cache} />);
    await vi.waitFor(() =>
      expect(roots.container?.querySelector('[data-index="0"]')?.textContent).toBe('row 0'),
    );
    latest?.scrollToIndex(5_000, { align: 'start' });
    await vi.waitFor(() => expect(firstRow()).toBe(5_000));
    await frames(3);

    root.render(<Tab listKey="b" cache={cache} />);
    await vi.waitFor(() => expect(firstRow()).toBe(0));
    await frames(3);
    latest?.scrollToIndex(2_000, { align: 'start' });
    await vi.waitFor(() => expect(firstRow()).toBe(2_000));
    await frames(3);

    root.render(<Tab listKey="a" cache={cache} />);
    await vi.waitFor(() => expect(firstRow()).toBe(5_000));
    await frames(3);
    root.render(<Tab listKey="b" cache={cache} />);
    await vi.waitFor(() => expect(firstRow()).toBe(2_000));
  });

  it('a busy main thread (a frame before the old list’s teardown task) does not save the new key’s top for the old key', async () => {
    const cache = idbCache({ name: `busy-${Math.random()}`, storage: null });
    const root = roots.mount(<Tab listKey="a" cache={cache} />);
    await vi.waitFor(() =>
      expect(roots.container?.querySelector('[data-index="0"]')?.textContent).toBe('row 0'),
    );
    latest?.scrollToIndex(5_000, { align: 'start' });
    await vi.waitFor(() => expect(firstRow()).toBe(5_000));
    await frames(3);

    // Tasks queued with no delay run only after a few frames, as on a loaded phone.
    const setTimeout = window.setTimeout;
    vi.spyOn(window, 'setTimeout').mockImplementation(((run: () => void, ms?: number) =>
      setTimeout(run, ms === 0 || ms === undefined ? 100 : ms)) as typeof window.setTimeout);
    root.render(<Tab listKey="b" cache={cache} />);
    await vi.waitFor(() => expect(firstRow()).toBe(0));
    await frames(3); // the scroll event of b's first write
    vi.mocked(window.setTimeout).mockRestore();
    await vi.waitFor(async () => expect((await cache.loadScroll([cache.name, 'a']))?.anchorKey).toBe(5_000));
    await new Promise((resolve) => setTimeout(resolve, 200)); // the old list's teardown has run
    expect((await cache.loadScroll([cache.name, 'a']))?.anchorKey).toBe(5_000);
  });
});
