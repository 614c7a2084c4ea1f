// The engine against the demo's MSW server in real Chromium: real fetch, real AbortSignal.
import { item } from '@lazyflow/mocks';
import { startMockWorker } from '@lazyflow/mocks/browser';
import { QueryClient } from '@tanstack/query-core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cursorSource } from '../paging/cursorPaging.ts';
import { rangeSource } from '../paging/rangePaging.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';

beforeAll(async () => {
  await startMockWorker();
});

const track = subscribedLists();

type Item = ReturnType<typeof item>;

function itemsApi(query = '') {
  const requested: number[] = [];
  const aborted: number[] = [];
  const fetchPage = async ({ offset, limit, signal }: OffsetFetchParams) => {
    requested.push(offset);
    signal.addEventListener('abort', () => aborted.push(offset));
    const response = await fetch(`/api/items?offset=${offset}&limit=${limit}${query}`, { signal });
    return (await response.json()) as { items: Item[]; total: number };
  };
  return { requested, aborted, fetchPage };
}

describe('createLazyList over MSW', () => {
  it('jumps to item 50,000,000 of 100,000,000 with at most 1 + 2 × prefetch requests near it', async () => {
    const api = itemsApi('&total=100000000');
    const list = track(
      createLazyList({
        key: ['msw-big'],
        source: offsetSource({ pageSize: 100, fetchPage: api.fetchPage }),
        prefetch: 2,
      }),
    );
    list.setWindow({ start: 50_000_000, end: 50_000_040 });
    await vi.waitFor(() => expect(list.getSnapshot().status).toBe('ready'));
    expect(list.getSnapshot().getItem(50_000_001)).toEqual({ status: 'loaded', item: item(50_000_001) });
    expect(list.getSnapshot().count).toBe(100_000_000);
    // stats outside the visible window are folded in every statsInterval (1 s by default)
    await vi.waitFor(() => expect(list.getSnapshot().stats.inFlight).toBe(0), { timeout: 5_000 });
    expect(api.requested.length).toBeLessThanOrEqual(5);
    for (const offset of api.requested) expect(offset).toBeGreaterThanOrEqual(49_990_000);
  });

  it('aborts the real fetch when the window jumps away', async () => {
    const api = itemsApi('&latency=2000');
    const list = track(
      createLazyList({
        key: ['msw-abort'],
        source: offsetSource({ pageSize: 50, fetchPage: api.fetchPage }),
        prefetch: 0,
      }),
    );
    list.setWindow({ start: 0, end: 20 });
    await vi.waitFor(() => expect(api.requested).toContain(0));
    list.setWindow({ start: 900_000, end: 900_020 });
    await vi.waitFor(() => expect(api.aborted).toContain(0));
    expect(list.getSnapshot().getItem(0).status).toBe('placeholder');
  });

  it('refetches visible pages after queryClient.invalidateQueries({ queryKey: key })', async () => {
    const api = itemsApi();
    const queryClient = new QueryClient();
    const list = track(
      createLazyList({
        key: ['msw-inv'],
        source: offsetSource({ pageSize: 50, fetchPage: api.fetchPage }),
        prefetch: 0,
        queryClient,
      }),
    );
    list.setWindow({ start: 0, end: 20 });
    await vi.waitFor(() => expect(list.getSnapshot().status).toBe('ready'));
    expect(api.requested).toEqual([0]);
    await queryClient.invalidateQueries({ queryKey: ['msw-inv'] });
    await vi.waitFor(() => expect(api.requested).toEqual([0, 0]));
    await vi.waitFor(() => expect(list.getSnapshot().pages.get(0)?.stale).toBe(false));
  });

  it('walks /api/feed backward from the newest items and prepends older pages', async () => {
    const list = track(
      createLazyList({
        key: ['msw-feed'],
        source: cursorSource<Item>({
          pageSize: 25,
          initialDirection: 'backward',
          fetchPage: async ({ cursor, direction, limit, signal }) => {
            const query = `limit=${limit}&direction=${direction}&total=1000${cursor === null ? '' : `&cursor=${cursor}`}`;
            return (await fetch(`/api/feed?${query}`, { signal })).json();
          },
        }),
        prefetch: 1,
      }),
    );
    list.setWindow({ start: 0, end: 10, direction: 'backward' });
    await vi.waitFor(() => expect(list.getSnapshot().prependedCount).toBeGreaterThanOrEqual(25));
    const snapshot = list.getSnapshot();
    expect(snapshot.reachedEnd).toBe(true);
    const newest = snapshot.count - 1;
    expect(snapshot.getItem(newest)).toEqual({ status: 'loaded', item: item(999) });
    expect(snapshot.getItemKey(snapshot.prependedCount)).toBe(0);
  });

  it('fetches only new metric buckets when the range pans', async () => {
    const ranges: string[] = [];
    const list = track(
      createLazyList({
        key: ['msw-metrics'],
        source: rangeSource<{ t: number; value: number }>({
          bucket: 60_000,
          getKey: (point) => point.t,
          fetchRange: async ({ from, to, signal }) => {
            ranges.push(`${from}-${to}`);
            return (await fetch(`/api/metrics?from=${from}&to=${to}&step=10000`, { signal })).json();
          },
        }),
        prefetch: 0,
      }),
    );
    list.setWindow({ start: 0, end: 180_000 });
    await vi.waitFor(() => expect(list.getSnapshot().status).toBe('ready'));
    list.setWindow({ start: 60_000, end: 240_000 });
    await vi.waitFor(() => expect(list.getSnapshot().status).toBe('ready'));
    expect(ranges).toEqual(['0-60000', '60000-120000', '120000-180000', '180000-240000']);
    expect(list.getSnapshot().getRange(60_000, 240_000).items.length).toBeGreaterThan(0);
  });
});
