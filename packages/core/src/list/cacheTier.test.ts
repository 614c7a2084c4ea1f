// The list engine with a persistent tier, against an in-memory PageCache (the IndexedDB cache
// itself is tested in Chromium: idbCache.browser.test.ts). Under memory pressure: pressureTier.test.ts.
import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheDatasetKey } from '../cache/cacheTier.ts';
import { pageCache } from '../cache/ownPageCache.ts';
import type { PageCache } from '../cache/pageCache.ts';
import { autoSource } from '../paging/autoPaging.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { layoutFor } from '../paging/layoutFor.ts';
import { rangeSource } from '../paging/rangePaging.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { isPageData } from '../sources/pageData.ts';
import {
  closeLists,
  fakeCache,
  KEY,
  lists,
  network,
  open,
  PAGE,
  pageOf,
  type Row,
  row,
  settle,
} from '../testing/cachedList.ts';
import { createLazyList } from './createLazyList.ts';
import { watchMoves } from './datasetWatch.ts';
import type { LazyList } from './LazyList.ts';

afterEach(closeLists);

describe('a lazy list with a persistent cache', () => {
  it('looks up every page of a new window in one read before any fetch', async () => {
    const cache = fakeCache();
    const release = cache.hold();
    const net = network();
    const list = open(net.fetchPage, { cache: cache.cache });
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(cache.reads).toEqual([[0, 1, 2, 3]]); // visible page 0, then 3 ahead
    expect(net.calls).toEqual([]); // the network waits for the lookup
    expect(list.getSnapshot().status).toBe('loading');
    release();
    await settle();
    expect(net.calls).toEqual([0, 1, 2, 3]);
  });

  it('shows cached pages at once, stale, and revalidates only the visible ones', async () => {
    const cache = fakeCache();
    for (const page of [0, 1, 2, 3]) cache.seed(page);
    const net = network();
    const list = open(net.fetchPage, { cache: cache.cache });
    list.setWindow({ start: 0, end: 10 });
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.status).toBe('ready');
    expect(snapshot.getItem(5)).toEqual({ status: 'loaded', item: row(5, 'cache'), stale: true });
    expect(snapshot.getItem(25)).toEqual({ status: 'loaded', item: row(25, 'cache'), stale: true });
    expect(snapshot.count).toBe(1_000);
    expect(snapshot.stats).toMatchObject({ cacheReads: 4, cacheStatus: 'ready' });
    expect(net.calls).toEqual([0]); // prefetched pages wait until they are visible
    net.respond(0);
    await settle();
    expect(list.getSnapshot().getItem(5)).toEqual({ status: 'loaded', item: row(5, 'network') });
    list.setWindow({ start: 10, end: 20 });
    await settle();
    expect(net.calls).toEqual([0, 1, 4]); // page 1 became visible: revalidated; page 4 is new
  });

  it('keeps serving cached items, stale, when the network fails', async () => {
    const cache = fakeCache();
    cache.seed(0);
    const net = network();
    const list = open(net.fetchPage, { cache: cache.cache, prefetch: 0 });
    list.setWindow({ start: 0, end: 10 });
    await settle();
    net.fail(0);
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.status).toBe('ready');
    expect(snapshot.pages.get(0)?.status).toBe('error');
    expect(snapshot.getItem(3)).toEqual({ status: 'loaded', item: row(3, 'cache'), stale: true });
  });

  it('writes fresh network pages behind and counts them', async () => {
    const cache = fakeCache();
    const net = network();
    const list = open(net.fetchPage, { cache: cache.cache, prefetch: 0 });
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(cache.has(0)).toBe(false);
    net.respond(0);
    await settle();
    expect(cache.has(0)).toBe(true);
    expect(list.getSnapshot().stats.cacheWrites).toBe(1);
  });

  it('drops a cached page of the wrong shape and fetches it', async () => {
    const cache = fakeCache();
    cache.seed(0, { items: 'not an array' });
    const net = network();
    const list = open(net.fetchPage, { cache: cache.cache, prefetch: 0 });
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(cache.removed).toEqual([0]);
    expect(net.calls).toEqual([0]);
    expect(list.getSnapshot().getItem(0).status).toBe('loading');
  });

  it('invalidate() deletes the dataset’s cached pages too', async () => {
    const cache = fakeCache();
    cache.seed(0);
    cache.seed(7);
    const net = network();
    const list = open(net.fetchPage, { cache: cache.cache, prefetch: 0 });
    list.setWindow({ start: 0, end: 10 });
    await settle();
    list.invalidate();
    await settle();
    expect(cache.has(0) || cache.has(7)).toBe(false);
    expect(list.getSnapshot().getItem(0).status).toBe('loading');
  });

  it('skips the lookup for pages a shared QueryClient already holds (a remount)', async () => {
    const cache = fakeCache();
    const queryClient = new QueryClient();
    const net = network();
    const first = open(net.fetchPage, { queryClient, prefetch: 0 });
    first.setWindow({ start: 0, end: 10 });
    await settle();
    net.respond(0);
    await settle();
    first.destroy(); // keeps the window's pages in the shared client
    const again = open(net.fetchPage, { queryClient, cache: cache.cache, prefetch: 0 });
    again.setWindow({ start: 0, end: 10 });
    await settle();
    expect(cache.reads).toEqual([]);
    expect(again.getSnapshot().getItem(0)).toEqual({ status: 'loaded', item: row(0, 'network') });
    expect(net.calls).toEqual([0]);
  });

  it('checks the cache before fetching pages asked for with prefetch()', async () => {
    const cache = fakeCache();
    cache.seed(50);
    const net = network();
    const list = open(net.fetchPage, { cache: cache.cache, prefetch: 0 });
    list.setWindow({ start: 0, end: 10 });
    list.prefetch({ start: 500, end: 520 });
    await settle();
    expect(list.getSnapshot().pages.get(50)?.stale).toBe(true);
    expect(net.calls).toEqual([0, 51]);
  });
});

describe('a cursor feed with a persistent cache', () => {
  it('rebuilds the feed from cached pages, newest first, and revalidates only the visible page', async () => {
    const cache = fakeCache();
    const calls: (string | number | null)[] = [];
    const source = cursorSource<Row>({
      pageSize: PAGE,
      initialDirection: 'backward',
      fetchPage: async ({ cursor }) => {
        calls.push(cursor);
        return new Promise(() => {}); // the network hangs: what shows comes from the cache
      },
    });
    const datasetKey = cacheDatasetKey(KEY, source);
    const cachedPage = (first: number, prev: string | null, next: string | null) => ({
      items: Array.from({ length: PAGE }, (_, i) => row(first + i, 'cache')),
      nextCursor: next,
      prevCursor: prev,
    });
    cache.seed(0, cachedPage(990, 'c-1', null), datasetKey); // the newest page
    cache.seed(-1, cachedPage(980, 'c-2', 'c0'), datasetKey);
    const list = createLazyList<Row>({ key: KEY, source, cache: cache.cache, prefetch: 1, statsInterval: 1 });
    lists.push(list as LazyList<unknown>);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 5, direction: 'backward' });
    await settle();
    const snapshot = list.getSnapshot();
    expect(cache.reads.slice(0, 2)).toEqual([[0], [-1]]); // ordinal 0 first: its cursors lead to the others
    expect(snapshot.prependedCount).toBe(PAGE);
    expect(snapshot.getItem(0)).toEqual({ status: 'loaded', item: row(980, 'cache'), stale: true });
    expect(snapshot.getItem(PAGE)).toEqual({ status: 'loaded', item: row(990, 'cache'), stale: true });
    expect(calls).toEqual([null]); // only the newest page, visible, is refetched; page -1 stays cached
  });
});

describe('cache tier helpers', () => {
  it('keys pages by the list key and the page geometry', () => {
    const fetchPage = async () => ({ items: [] });
    expect(cacheDatasetKey(['u'], offsetSource({ pageSize: 50, fetchPage }))).toEqual([
      'u',
      'lazyflow:pages',
      'offset',
      50,
    ]);
    expect(cacheDatasetKey(['u'], offsetSource({ pageSize: 50, fetchPage }))).not.toEqual(
      cacheDatasetKey(['u'], offsetSource({ pageSize: 100, fetchPage })),
    );
  });

  it.each([
    ['offset', { items: [1], total: 1 }, true],
    ['offset', { items: [1], total: -1 }, false],
    ['cursor', { items: [], nextCursor: 'a', prevCursor: null }, true],
    ['cursor', { items: [] }, false],
    ['range', { items: [] }, true],
    ['range', [1, 2], false],
  ] as const)('%s data %j is valid: %s', (kind, data, valid) => {
    expect(isPageData(kind, data)).toBe(valid);
    // The list's own check of data the app writes (setQueryData) is its layout's, the same rule.
    const layouts = {
      offset: layoutFor(offsetSource({ pageSize: 10, fetchPage: async () => ({ items: [] }) })),
      cursor: layoutFor(
        cursorSource({
          pageSize: 10,
          fetchPage: async () => ({ items: [], nextCursor: null, prevCursor: null }),
        }),
      ),
      range: layoutFor(rangeSource({ bucket: 10, fetchRange: async () => [] })),
    };
    expect(layouts[kind].isPageData?.(data)).toBe(valid);
    expect(layoutFor(autoSource({ url: '/api/x' })).isPageData).toBeUndefined(); // taken as it is
  });

  it('rejects something that is not a page cache, naming the option', () => {
    const source = offsetSource({ pageSize: 10, fetchPage: async () => ({ items: [] }) });
    expect(() => createLazyList({ key: ['x'], source, cache: {} as PageCache })).toThrow(
      /createLazyList option "cache" must be a page cache/,
    );
  });

  it('refuses a PageCache of its own not passed through pageCache(), saying so (decision 0019)', () => {
    const source = offsetSource({ pageSize: 10, fetchPage: async () => ({ items: [] }) });
    expect(() => createLazyList({ key: ['x'], source, cache: fakeCache().bare })).toThrow(
      /option "cache" must be a page cache: idbCache\(\{ name \}\), or yours through pageCache\(cache\)/,
    );
  });

  it('pageCache() names the first method a cache lacks', () => {
    const { getSnapshot: _, ...partial } = fakeCache().bare;
    expect(() => pageCache(partial as PageCache)).toThrow(
      /pageCache option "getSnapshot" must be a function, got undefined/,
    );
  });

  it('pageCache() refuses a removeFrom that is not a function, and passes one through (decision 0061)', async () => {
    const bare = fakeCache().bare;
    expect(() => pageCache({ ...bare, removeFrom: 5 } as never)).toThrow(
      /pageCache option "removeFrom" must be a function or undefined, got 5/,
    );
    expect(pageCache(bare).removeFrom).toBeUndefined();
    const asked: number[] = [];
    await pageCache({ ...bare, removeFrom: async (_, page) => void asked.push(page) }).removeFrom?.(KEY, 4);
    expect(asked).toEqual([4]);
  });

  it('pageCache() calls the wrapped cache, with its name', async () => {
    const fake = fakeCache();
    fake.seed(3);
    expect(fake.cache.name).toBe('fake');
    const found = await fake.cache.read(
      cacheDatasetKey(KEY, offsetSource({ pageSize: PAGE, fetchPage: async () => ({ items: [] }) })),
      [3, 4],
    );
    expect([...found.keys()]).toEqual([3]);
    expect(fake.reads).toEqual([[3, 4]]);
  });
});

describe('a persistent cache under a dataset that moves (moves: watchMoves)', () => {
  /** A list whose network answers at `version`, recording every origin item 55 was shown with. */
  function movingList(cache: ReturnType<typeof fakeCache>, version: number) {
    const calls: number[] = [];
    const fetchPage = async ({ page }: OffsetFetchParams) => {
      calls.push(page);
      return { ...pageOf(page, 'network'), version };
    };
    const list = open(fetchPage, { cache: cache.cache, moves: watchMoves, prefetch: 0 });
    const shown: string[] = [];
    list.subscribe(() => {
      const state = list.getSnapshot().getItem(55);
      if (state.status === 'loaded') shown.push(state.item.from);
    });
    return { list, calls, shown };
  }

  it('fetches a cached page of an older version instead of showing it next to newer pages', async () => {
    const cache = fakeCache();
    cache.seed(5, { ...pageOf(5, 'cache'), version: 1 }); // written before the rows moved
    const { list, calls, shown } = movingList(cache, 2);
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(list.getSnapshot().getItem(0)).toMatchObject({ status: 'loaded', item: row(0, 'network') });
    list.setWindow({ start: 50, end: 60 });
    await settle();
    expect(calls).toContain(5);
    expect(shown).not.toContain('cache'); // never on screen, not even until the network answered
    expect(list.getSnapshot().getItem(55)).toMatchObject({ status: 'loaded', item: row(55, 'network') });
    expect(cache.removed).not.toContain(5); // a miss, not a corrupted entry
  });

  it('shows a cached page of the version known at once, as without the watch', async () => {
    const cache = fakeCache();
    cache.seed(5, { ...pageOf(5, 'cache'), version: 2 });
    const { list, shown } = movingList(cache, 2);
    list.setWindow({ start: 0, end: 10 });
    await settle();
    list.setWindow({ start: 50, end: 60 });
    await settle();
    expect(shown[0]).toBe('cache');
  });
});
