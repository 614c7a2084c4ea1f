// useLazyList as an adapter (issue 15): one engine per key, options pushed after each commit,
// controls that keep their identity, nothing but reading during render.
import { idbCache, offsetSource, type PageCache, QueryClient } from '@lazyflow/core';
import { StrictMode, useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import { VirtualList } from '../../core/src/virtual/VirtualList.ts';
import { AbsoluteRows } from './testing/absoluteRows.tsx';
import { rootsPerTest } from './testing/testRoots.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

interface Item {
  id: number;
  token: string;
}

const roots = rootsPerTest({ actEnvironment: false });
const { mount } = roots;

let latest: UseLazyListResult<Item> | null = null;
const requested: string[] = [];

/** A list whose `fetchPage` closes over `token` (as an app's closes over an auth token or filter). */
function Tokened(props: {
  listKey: string;
  token: string;
  cache?: PageCache;
  queryClient?: QueryClient;
  enabled?: boolean;
  overscan?: number;
  estimate?: number;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const list = useLazyList<Item>({
    key: [props.listKey],
    queryClient: props.queryClient,
    cache: props.cache,
    // Built inline on every render, as apps do.
    source: offsetSource({
      pageSize: 100,
      fetchPage: async ({ offset, limit }) => {
        requested.push(`${props.token}@${offset}`);
        const items = Array.from({ length: limit }, (_, i) => ({ id: offset + i, token: props.token }));
        return { items, total: 100_000 };
      },
    }),
    prefetch: 0,
    enabled: props.enabled,
    overscan: props.overscan,
    getScrollElement: () => ref.current,
    estimateSize: () => props.estimate ?? 36,
  });
  latest = list;
  return (
    <div ref={ref} data-testid="scroller" style={{ height: 600, overflow: 'auto' }}>
      <AbsoluteRows list={list} rowHeight={36} text={(row) => `${row.id}:${row.token}`} placeholder="…" />
    </div>
  );
}

const rowText = (index: number) => roots.container?.querySelector(`[data-index="${index}"]`)?.textContent;
const scroller = () => roots.container?.querySelector<HTMLElement>('[data-testid="scroller"]');

describe('useLazyList options and controls', () => {
  it('a new fetchPage closure is used for the next page; the engine, the scroll position and loaded pages stay', async () => {
    requested.length = 0;
    const listKey = `closure-${Math.random()}`;
    mount(<Tokened listKey={listKey} token="t1" />);
    await vi.waitFor(() => expect(rowText(0)).toBe('0:t1'));
    latest?.scrollToIndex(2_000, { align: 'start' });
    await vi.waitFor(() => expect(rowText(2_000)).toBe('2000:t1'));
    const scrollToIndex = latest?.scrollToIndex;
    roots.root?.render(<Tokened listKey={listKey} token="t2" />);
    await frames(2);
    expect(latest?.scrollToIndex).toBe(scrollToIndex); // same engine
    expect(rowText(2_000)).toBe('2000:t1'); // loaded pages are kept
    expect(requested.filter((r) => r === 't2@2000')).toEqual([]);
    latest?.scrollToIndex(5_000, { align: 'start' });
    await vi.waitFor(() => expect(rowText(5_000)).toBe('5000:t2'));
    expect(requested).toContain('t2@5000');
    expect(requested).not.toContain('t1@5000');
  });

  it('options reach the view after commits that changed none (only changed ones are pushed)', async () => {
    const listKey = `pushed-${Math.random()}`;
    mount(<Tokened listKey={listKey} token="t" overscan={0} />);
    await vi.waitFor(() => expect(rowText(0)).toBe('0:t'));
    const rendered = () => latest?.rows.length ?? 0;
    const few = rendered();
    for (let i = 0; i < 3; i++) {
      roots.root?.render(<Tokened listKey={listKey} token="t" overscan={0} />); // a commit, same options
      await frames(1);
    }
    expect(rendered()).toBe(few);
    roots.root?.render(<Tokened listKey={listKey} token="t" overscan={10} />);
    await vi.waitFor(() => expect(rendered()).toBe(few + 10)); // at the top: 10 more below
    roots.root?.render(<Tokened listKey={listKey} token="t" overscan={10} />);
    await frames(1);
    roots.root?.render(<Tokened listKey={listKey} token="t" overscan={0} />);
    await vi.waitFor(() => expect(rendered()).toBe(few));
  });

  it('an inline estimateSize giving the same estimates is not pushed in scroll frames; one giving others is', async () => {
    const listKey = `estimates-${Math.random()}`;
    mount(<Tokened listKey={listKey} token="t" />);
    await vi.waitFor(() => expect(rowText(0)).toBe('0:t'));
    const pushes = vi.spyOn(VirtualList.prototype, 'setOptions');
    // The spy counts pushes only if it is on the class of the hook's own view (a second copy of
    // the module would let "not pushed" pass for nothing): a control calling the view proves it.
    const onTheView = () => {
      const reads = vi.spyOn(VirtualList.prototype, 'saveScroll');
      latest?.saveScroll();
      const calls = reads.mock.calls.length;
      reads.mockRestore();
      return calls;
    };
    try {
      expect(onTheView(), "the spy is on the class of the hook's view").toBe(1);
      const element = scroller();
      const seen = new Set<unknown>();
      for (let frame = 0; frame < 30; frame++) {
        if (element) element.scrollTop += 40;
        await frames(1);
        seen.add(latest);
      }
      expect(seen.size).toBeGreaterThan(10); // commits, each with a new estimateSize closure
      expect(pushes).not.toHaveBeenCalled();
      const total = latest?.totalSize ?? 0;
      roots.root?.render(<Tokened listKey={listKey} token="t" estimate={50} />);
      await vi.waitFor(() => expect(latest?.totalSize).toBeGreaterThan(total)); // unmeasured rows at 50 px
      expect(onTheView(), "the spy is on the class of the hook's view").toBe(1);
      expect(pushes).toHaveBeenCalledTimes(1);
      roots.root?.render(<Tokened listKey={listKey} token="t" estimate={50} />);
      await frames(2);
      expect(pushes).toHaveBeenCalledTimes(1);
    } finally {
      pushes.mockRestore();
    }
  });

  it('controls keep their identity across 100 scroll frames', async () => {
    mount(<Tokened listKey={`identity-${Math.random()}`} token="t" />);
    await vi.waitFor(() => expect(rowText(0)).toBe('0:t'));
    const first = latest;
    const names = [
      'scrollToIndex',
      'measureElement',
      'saveScroll',
      'onKeyDown',
      'focusIndex',
      'append',
      'grow',
      'retry',
      'refresh',
    ] as const;
    const element = scroller();
    let snapshots = 0;
    let seen = latest;
    for (let frame = 0; frame < 100; frame++) {
      if (element) element.scrollTop += 40;
      await frames(1);
      if (latest !== seen) {
        snapshots += 1;
        seen = latest;
      }
      for (const name of names) expect(latest?.[name]).toBe(first?.[name]);
    }
    expect(snapshots).toBeGreaterThan(10); // the snapshot did change while scrolling
  });

  it('under StrictMode with a cache: one request per page, the cache read once, nothing subscribed after unmount', async () => {
    requested.length = 0;
    const real = idbCache({ name: `strict-${Math.random()}` });
    let subscribed = 0;
    let loads = 0;
    const counted = {
      subscribe(listener: () => void) {
        subscribed += 1;
        const stop = real.subscribe(listener);
        return () => {
          subscribed -= 1;
          stop();
        };
      },
      loadScroll(key: readonly unknown[]) {
        loads += 1;
        return real.loadScroll(key);
      },
    };
    // The real cache, with subscriptions and scroll reads counted.
    const cache = new Proxy(real, {
      get(target, name) {
        if (name === 'subscribe' || name === 'loadScroll') return counted[name];
        const value: unknown = Reflect.get(target, name, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    mount(
      <StrictMode>
        <Tokened
          listKey={`strict-${Math.random()}`}
          token="s"
          cache={cache}
          queryClient={new QueryClient()}
        />
      </StrictMode>,
    );
    await vi.waitFor(() => expect(rowText(0)).toBe('0:s'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(new Set(requested).size).toBe(requested.length);
    expect(loads).toBe(1);
    expect(subscribed).toBeGreaterThan(0);
    roots.root?.unmount();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(subscribed).toBe(0);
  });

  it('enabled: false fetches nothing until it turns true (a search box still empty)', async () => {
    requested.length = 0;
    const listKey = `enabled-${Math.random()}`;
    mount(<Tokened listKey={listKey} token="e" enabled={false} />);
    await frames(5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(requested).toEqual([]);
    expect(latest?.count).toBe(0); // nothing asked: not even the count is known
    roots.root?.render(<Tokened listKey={listKey} token="e" enabled={true} />);
    await vi.waitFor(() => expect(rowText(0)).toBe('0:e'));
    expect(requested).toEqual(['e@0']);
  });
});
