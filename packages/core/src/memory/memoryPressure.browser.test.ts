// Memory pressure in real Chromium: lists with an IndexedDB cache shed pages when the monitor's
// level rises, keep the visible window, and get shed pages back from IndexedDB, not the network.
import { item } from '@lazyflow/mocks';
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { idbCache } from '../cache/idbCache.ts';
import { createLazyList } from '../list/createLazyList.ts';
import type { LazyList } from '../list/LazyList.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { createMemoryMonitor } from './createMemoryMonitor.ts';
import { setDefaultMemoryMonitor } from './defaultMemoryMonitor.ts';

beforeAll(async () => {
  await startMockWorker();
});

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
  setDefaultMemoryMonitor(null);
});

type Item = ReturnType<typeof item>;

function itemsApi() {
  const requested: number[] = [];
  const fetchPage = async ({ offset, limit, page, signal }: OffsetFetchParams) => {
    requested.push(page);
    const response = await fetch(`/api/items?offset=${offset}&limit=${limit}&total=100000`, { signal });
    return (await response.json()) as { items: Item[]; total: number };
  };
  return { requested, fetchPage };
}

const inMemory = (list: LazyList<Item>) =>
  [...list.getSnapshot().pages.values()]
    .filter((page) => page.items !== undefined)
    .map((page) => page.index)
    .sort((a, b) => a - b);

describe('memory pressure', () => {
  it('sheds far pages at high, down to the window at critical, and the visible window survives', async () => {
    const monitor = createMemoryMonitor({ limitBytes: 1_000_000_000 });
    const cache = idbCache({ name: `pressure-${Date.now()}`, storage: null });
    const api = itemsApi();
    const list = createLazyList<Item>({
      key: ['pressure'],
      source: offsetSource({ pageSize: 50, fetchPage: api.fetchPage }),
      prefetch: 2,
      cache,
      memoryMonitor: monitor,
      statsInterval: 10,
    });
    lists.push(list as LazyList<unknown>);
    list.subscribe(() => {});
    for (const page of [0, 100, 200]) {
      list.setWindow({ start: page * 50, end: page * 50 + 40 });
      const zone = [page - 1, page, page + 1, page + 2, page + 3].filter((p) => p >= 0); // 1 behind, 3 ahead
      await vi.waitFor(() => expect(inMemory(list)).toEqual(expect.arrayContaining(zone)));
    }
    await cache.flush();
    await vi.waitFor(() =>
      expect(inMemory(list)).toEqual([0, 1, 2, 3, 99, 100, 101, 102, 103, 199, 200, 201, 202, 203]),
    );
    expect(monitor.getSnapshot().sdkBytes).toBe(list.getSnapshot().stats.bytesInMemory);

    monitor.simulate('high');
    await vi.waitFor(() => expect(inMemory(list)).toEqual([199, 200, 201, 202, 203])); // window 200 + prefetch zone
    expect(list.getSnapshot().stats.memoryLevel).toBe('high');

    monitor.simulate('critical');
    await vi.waitFor(() => expect(inMemory(list)).toEqual([200]));
    const snapshot = list.getSnapshot();
    expect(snapshot.getRange(10_000, 10_040).items).toEqual(
      Array.from({ length: 40 }, (_, i) => item(10_000 + i)),
    );
    expect(snapshot.status).toBe('ready');
    await vi.waitFor(() =>
      expect(monitor.getSnapshot().sdkBytes).toBe(list.getSnapshot().stats.bytesInMemory),
    );

    // Back to the start: the shed pages come from IndexedDB; only the visible one is refetched.
    monitor.simulate(null);
    const before = api.requested.length;
    list.setWindow({ start: 0, end: 40 });
    await vi.waitFor(() => expect(list.getSnapshot().getItem(0).status).toBe('loaded'));
    await vi.waitFor(() => expect(inMemory(list)).toEqual(expect.arrayContaining([0, 1, 2, 3])));
    await vi.waitFor(() => expect(list.getSnapshot().stats.inFlight).toBe(0));
    expect(api.requested.slice(before)).toEqual([0]);
  });

  it('samples the heap from performance.memory in Chromium and counts the SDK’s bytes', async () => {
    const monitor = createMemoryMonitor({ limitBytes: 10_000_000_000 });
    setDefaultMemoryMonitor(monitor); // lists pick the default monitor up on their own
    monitor.subscribe(() => {});
    const snapshot = monitor.getSnapshot();
    expect(snapshot.source).toBe('performance.memory');
    expect(snapshot.jsHeapUsed).toBeGreaterThan(0);
    expect(snapshot.jsHeapLimit).toBeGreaterThan(snapshot.jsHeapUsed ?? 0);
    expect(snapshot.level).toBe('ok');

    const api = itemsApi();
    const list = createLazyList<Item>({
      key: ['pressure-default'],
      source: offsetSource({ pageSize: 100, fetchPage: api.fetchPage }),
      prefetch: 0,
    });
    lists.push(list as LazyList<unknown>);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 100 });
    await vi.waitFor(() => expect(monitor.getSnapshot().sdkBytes).toBeGreaterThan(10_000));
    list.destroy();
    await vi.waitFor(() => expect(monitor.getSnapshot().sdkBytes).toBe(0));
    expect(monitor.getHealth()).toMatchObject({
      memory: { status: 'healthy' },
      errorRate: { status: 'healthy' },
    });
  });
});
