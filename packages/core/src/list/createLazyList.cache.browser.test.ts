// A lazy list with the IndexedDB tier, against the demo's MSW server in real Chromium. A
// "reload" is a new cache and a new list over the same database, as after a page reload.
import { item } from '@lazyflow/mocks';
import { startMockWorker } from '@lazyflow/mocks/browser';
import { hashKey, type QueryKey } from '@tanstack/query-core';
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseName, entryKey, STORE_NAME } from '../cache/cacheKeys.ts';
import { cacheDatasetKey } from '../cache/cacheTier.ts';
import { type IdbCache, type IdbCacheOptions, idbCache } from '../cache/idbCache.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

beforeAll(async () => {
  await startMockWorker();
});

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
  vi.unstubAllGlobals();
});

type Item = ReturnType<typeof item>;
const KEY: QueryKey = ['msw-cached-items'];
const PAGE_SIZE = 50;
let counter = 0;
const uniqueName = () => `list-${Date.now()}-${counter++}`;

/** `/api/items` as a fetchPage that records the page of every request; `query` adds faults. */
function itemsApi(query = '') {
  const requested: number[] = [];
  const fetchPage = async ({ offset, limit, page, signal }: OffsetFetchParams) => {
    requested.push(page);
    const response = await fetch(`/api/items?offset=${offset}&limit=${limit}&total=100000${query}`, {
      signal,
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return (await response.json()) as { items: Item[]; total: number };
  };
  return { requested, fetchPage };
}

function cacheFor(name: string, options: Partial<IdbCacheOptions> = {}): IdbCache {
  return idbCache({ name, storage: null, ...options });
}

/**
 * Opens a list over `cache` and records, at the first snapshot showing item 0, how many
 * requests had been made and what item 0 looked like.
 */
function openList(cache: IdbCache, api: ReturnType<typeof itemsApi>, prefetch = 1) {
  const list = createLazyList<Item>({
    key: KEY,
    source: offsetSource({ pageSize: PAGE_SIZE, fetchPage: api.fetchPage }),
    prefetch,
    cache,
    statsInterval: 10,
  });
  lists.push(list as LazyList<unknown>);
  const firstShown: { requests?: number; stale?: boolean } = {};
  list.subscribe(() => {
    const state = list.getSnapshot().getItem(0);
    if (firstShown.requests === undefined && state.status === 'loaded') {
      firstShown.requests = api.requested.length;
      firstShown.stale = state.stale === true;
    }
  });
  list.setWindow({ start: 0, end: 20 });
  return { list, firstShown };
}

/** Loads the first window (page 0 + `prefetch` ahead) with a fresh cache and writes it to IndexedDB. */
async function visitOnce(name: string, options: Partial<IdbCacheOptions> = {}, prefetch = 1) {
  const cache = cacheFor(name, options);
  const pages = 1 + prefetch + Math.floor(prefetch / 2);
  const { list } = openList(cache, itemsApi(), prefetch);
  await vi.waitFor(() =>
    expect(list.getSnapshot().stats).toMatchObject({ inFlight: 0, pagesInMemory: pages }),
  );
  await cache.flush();
  list.destroy();
  return cache;
}

describe('createLazyList with idbCache over MSW', () => {
  it('shows cached pages on reload before any fetch, stale, then revalidates only the visible page', async () => {
    const name = uniqueName();
    await visitOnce(name);
    const api = itemsApi();
    const { list, firstShown } = openList(cacheFor(name), api);
    await vi.waitFor(() => expect(firstShown.requests).toBeDefined());
    expect(firstShown).toEqual({ requests: 0, stale: true });
    await vi.waitFor(() =>
      expect(list.getSnapshot().getItem(60)).toEqual({ status: 'loaded', item: item(60), stale: true }),
    );
    await vi.waitFor(() =>
      expect(list.getSnapshot().getItem(0)).toEqual({ status: 'loaded', item: item(0) }),
    );
    await vi.waitFor(() => expect(list.getSnapshot().stats.inFlight).toBe(0));
    expect(api.requested).toEqual([0]); // page 1 (prefetch) stays as cached until it is visible
    expect(list.getSnapshot().stats).toMatchObject({
      cacheReads: 2,
      cacheStatus: 'ready',
      cacheWarning: null,
    });
    expect(list.getSnapshot().stats.bytesInCache).toBeGreaterThan(0);
  });

  it('writes fresh network pages behind', async () => {
    const name = uniqueName();
    const cache = cacheFor(name);
    const { list } = openList(cache, itemsApi());
    await vi.waitFor(() => expect(list.getSnapshot().stats.inFlight).toBe(0));
    await cache.flush();
    await vi.waitFor(() => expect(list.getSnapshot().stats.cacheWrites).toBe(2));
    const found = await cacheFor(name).read(
      cacheDatasetKey(KEY, offsetSource({ pageSize: PAGE_SIZE, fetchPage: api0 })),
      [0, 1],
    );
    expect(found.size).toBe(2);
  });

  it('refetches everything after a version change or past the TTL', async () => {
    const name = uniqueName();
    await visitOnce(name, { version: 1 });
    const newVersion = itemsApi();
    const afterUpgrade = openList(cacheFor(name, { version: 2 }), newVersion);
    await vi.waitFor(() => expect(afterUpgrade.firstShown.requests).toBeDefined());
    expect(afterUpgrade.firstShown.stale).toBe(false);
    expect(newVersion.requested).toEqual(expect.arrayContaining([0, 1]));

    const expiring = uniqueName();
    await visitOnce(expiring, { ttlMs: 60_000 });
    const late = itemsApi();
    const afterTtl = openList(cacheFor(expiring, { ttlMs: 60_000, now: () => Date.now() + 61_000 }), late);
    await vi.waitFor(() => expect(afterTtl.firstShown.requests).toBeDefined());
    expect(afterTtl.firstShown.stale).toBe(false);
    expect(late.requested).toEqual(expect.arrayContaining([0, 1]));
  });

  it('keeps every page in memory, with a warning in stats, when IndexedDB hits its quota', async () => {
    const name = uniqueName();
    const real = createStore(databaseName(name), STORE_NAME);
    const full: UseStore = (mode, callback) =>
      mode === 'readwrite'
        ? Promise.reject(new DOMException('quota', 'QuotaExceededError'))
        : real(mode, callback);
    const cache = cacheFor(name, { store: full });
    const { list } = openList(cache, itemsApi());
    await vi.waitFor(() => expect(list.getSnapshot().stats.inFlight).toBe(0));
    await cache.flush();
    await vi.waitFor(() => expect(list.getSnapshot().stats.cacheStatus).toBe('memory-only'));
    const snapshot = list.getSnapshot();
    expect(snapshot.stats.cacheWarning).toMatch(/QuotaExceededError.*caching in memory only/);
    expect(snapshot.stats.cacheWrites).toBe(0);
    expect(snapshot.getRange(0, 100).items).toEqual(Array.from({ length: 100 }, (_, i) => item(i)));
    list.setWindow({ start: 100, end: 120 }); // and the list goes on loading
    await vi.waitFor(() =>
      expect(list.getSnapshot().getItem(110)).toEqual({ status: 'loaded', item: item(110) }),
    );
  });

  it('works from the network alone when IndexedDB is unavailable', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const api = itemsApi();
    const { list } = openList(cacheFor(uniqueName()), api);
    await vi.waitFor(() =>
      expect(list.getSnapshot().getItem(0)).toEqual({ status: 'loaded', item: item(0) }),
    );
    await vi.waitFor(() =>
      expect(list.getSnapshot().stats).toMatchObject({
        cacheStatus: 'memory-only',
        cacheWarning: 'IndexedDB is not available here; caching in memory only',
      }),
    );
    expect(api.requested).toEqual(expect.arrayContaining([0, 1]));
  });

  it('drops corrupted entries and refetches those pages', async () => {
    const name = uniqueName();
    await visitOnce(name, {}, 2); // pages 0-3
    const raw = createStore(databaseName(name), STORE_NAME);
    const dataset = hashKey(cacheDatasetKey(KEY, offsetSource({ pageSize: PAGE_SIZE, fetchPage: api0 })));
    const key = (page: number) => entryKey('', dataset, page);
    const healthy = await get(key(0), raw);
    await set(key(1), 'not a record', raw); // an unreadable envelope: the cache drops it
    await set(key(2), { ...healthy, data: { items: 'not an array' } }, raw); // bad page data: the list drops it
    const api = itemsApi();
    const cache = cacheFor(name);
    const { list } = openList(cache, api, 2);
    const pages1and2 = Array.from({ length: 100 }, (_, i) => item(50 + i));
    await vi.waitFor(() => expect(list.getSnapshot().getRange(50, 150).items).toEqual(pages1and2));
    await vi.waitFor(() => expect(list.getSnapshot().stats.inFlight).toBe(0));
    expect(api.requested.sort()).toEqual([0, 1, 2]); // 0 revalidated (visible), 1 and 2 refetched, 3 cached
    await cache.flush();
    expect(
      await cacheFor(name).read(
        cacheDatasetKey(KEY, offsetSource({ pageSize: PAGE_SIZE, fetchPage: api0 })),
        [1, 2],
      ),
    ).toEqual(
      new Map([
        [1, { items: Array.from({ length: 50 }, (_, i) => item(50 + i)), total: 100_000 }],
        [2, { items: Array.from({ length: 50 }, (_, i) => item(100 + i)), total: 100_000 }],
      ]),
    );
  });

  it('never shows one namespace’s cached pages to another', async () => {
    const name = uniqueName();
    await visitOnce(name, { namespace: 'alice' });
    const api = itemsApi();
    const { firstShown } = openList(cacheFor(name, { namespace: 'bob' }), api);
    await vi.waitFor(() => expect(firstShown.requests).toBeDefined());
    expect(firstShown.stale).toBe(false);
    expect(api.requested).toEqual(expect.arrayContaining([0, 1]));
  });

  it('keeps persist: false datasets out of IndexedDB, so a reload fetches again', async () => {
    const name = uniqueName();
    await visitOnce(name, { persist: false });
    const api = itemsApi();
    const { firstShown } = openList(cacheFor(name, { persist: false }), api);
    await vi.waitFor(() => expect(firstShown.requests).toBeDefined());
    expect(firstShown.stale).toBe(false);
    expect((await indexedDB.databases()).map((db) => db.name)).not.toContain(databaseName(name));
  });

  it('serves what IndexedDB has, stale, while the network fails', async () => {
    const name = uniqueName();
    await visitOnce(name);
    const offline = itemsApi('&errorRate=1');
    const { list } = openList(cacheFor(name), offline);
    await vi.waitFor(() => expect(list.getSnapshot().pages.get(0)?.status).toBe('error'), {
      timeout: 15_000,
    });
    const snapshot = list.getSnapshot();
    expect(snapshot.status).toBe('ready');
    expect(snapshot.getItem(10)).toEqual({ status: 'loaded', item: item(10), stale: true });
    expect(snapshot.getItem(60)).toEqual({ status: 'loaded', item: item(60), stale: true });
  });
});

/** A fetchPage that is never called: only the source's page geometry matters for keys. */
async function api0(): Promise<{ items: never[] }> {
  return { items: [] };
}
