// A list with idbCache over the real IndexedDB of Chromium broken at its prototypes (not through
// the injectable `store`): no IndexedDB at all, an open that fails or never answers, a put that
// throws QuotaExceededError, garbage under the cache's own index key, and two lists of other
// shapes on one cache name and key. Each time the list loads from the network, keeps what it
// showed, and nothing reaches `unhandledrejection`.
import { createStore, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { databaseName, INDEX_KEY, STORE_NAME } from '../cache/cacheKeys.ts';
import { type IdbCacheOptions, idbCache } from '../cache/idbCache.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import type { CursorFetchParams } from '../sources/cursorSource.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';

const track = subscribedLists();
let counter = 0;
const uniqueName = () => `bad-input-${Date.now()}-${counter++}`;
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

const unhandled: unknown[] = [];
const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
const restores: (() => void)[] = [];
beforeEach(() => {
  unhandled.length = 0;
  window.addEventListener('unhandledrejection', onUnhandled);
});
afterEach(async () => {
  for (const restore of restores.splice(0).reverse()) restore();
  // A rejection left unhandled is reported a task later.
  await new Promise((resolve) => setTimeout(resolve, 20));
  window.removeEventListener('unhandledrejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

/** Replaces `owner[name]` until the test ends. */
function patch<O extends object, K extends keyof O>(owner: O, name: K, value: O[K]): void {
  const before = Object.getOwnPropertyDescriptor(owner, name);
  Object.defineProperty(owner, name, { value, configurable: true, writable: true });
  restores.push(() => {
    if (before) Object.defineProperty(owner, name, before);
    else delete owner[name];
  });
}

/** An offset server of 1,000 rows; page 3 answers 500 while `failing`. */
function server() {
  const state = { failing: false, requested: [] as number[] };
  const fetchPage = async ({ offset, limit, page }: OffsetFetchParams) => {
    state.requested.push(page);
    if (state.failing && page === 3) throw new Error('HTTP 500');
    return { items: rows(offset, limit), total: 1_000 };
  };
  return { state, fetchPage };
}

function cachedList(name: string, api: ReturnType<typeof server>, options: Partial<IdbCacheOptions> = {}) {
  const cache = idbCache({ name, storage: null, ...options });
  const list = track(
    createLazyList({
      key: ['bad-input-cache'],
      source: offsetSource({ pageSize: 10, fetchPage: api.fetchPage }),
      prefetch: 0,
      retry: { attempts: 1 },
      statsIntervalMs: 5,
      cache,
    }),
  );
  return { cache, list };
}

/** Loads rows 0-19, then 30-39 with page 3 failing; checks rows 0-19 stay and retry() recovers. */
async function loadFailAndRecover(
  list: ReturnType<typeof cachedList>['list'],
  api: ReturnType<typeof server>,
) {
  list.setWindow({ start: 0, end: 20 });
  await vi.waitFor(() => expect(list.getSnapshot().getItem(19)).toMatchObject({ status: 'loaded' }));
  api.state.failing = true;
  list.setWindow({ start: 0, end: 40 });
  await vi.waitFor(() => expect(list.getSnapshot().status).toBe('error'));
  expect(String(list.getSnapshot().error)).toContain('HTTP 500');
  expect(list.getSnapshot().getRange(0, 20).items).toEqual(rows(0, 20));
  api.state.failing = false;
  list.retry();
  await vi.waitFor(() =>
    expect(list.getSnapshot().getItem(35)).toEqual({ status: 'loaded', item: { id: 35 } }),
  );
  expect(list.getSnapshot().getRange(0, 40).items).toEqual(rows(0, 40));
}

describe('a cached list when IndexedDB misbehaves', () => {
  it('indexedDB deleted from globalThis: memory-only with its warning, loads, fails, recovers', async () => {
    patch(globalThis, 'indexedDB', undefined as unknown as IDBFactory);
    delete (globalThis as { indexedDB?: unknown }).indexedDB;
    expect('indexedDB' in globalThis).toBe(false);
    const api = server();
    const { list } = cachedList(uniqueName(), api);
    await loadFailAndRecover(list, api);
    await vi.waitFor(() =>
      expect(list.getSnapshot().stats).toMatchObject({
        cacheStatus: 'memory-only',
        cacheWarning: 'IndexedDB is not available here; caching in memory only',
      }),
    );
  });

  it('indexedDB.open fails (an error event): memory-only, the list loads from the network', async () => {
    const failing = () => {
      const request = {} as IDBOpenDBRequest & { error: DOMException };
      Object.defineProperty(request, 'error', { value: new DOMException('open refused', 'UnknownError') });
      setTimeout(() => request.onerror?.(new Event('error')), 0);
      return request;
    };
    patch(IDBFactory.prototype, 'open', failing as IDBFactory['open']);
    const api = server();
    const { list } = cachedList(uniqueName(), api);
    await loadFailAndRecover(list, api);
    await vi.waitFor(() => expect(list.getSnapshot().stats.cacheStatus).toBe('memory-only'));
    expect(list.getSnapshot().stats.cacheWarning).toMatch(/IndexedDB could not be opened/);
  });

  it('indexedDB.open never answers (blocked): memory-only after timeoutMs, rows shown meanwhile', async () => {
    patch(IDBFactory.prototype, 'open', (() => ({}) as IDBOpenDBRequest) as IDBFactory['open']);
    const api = server();
    const { list } = cachedList(uniqueName(), api, { timeoutMs: 200 });
    await loadFailAndRecover(list, api);
    await vi.waitFor(() => expect(list.getSnapshot().stats.cacheStatus).toBe('memory-only'));
    expect(list.getSnapshot().stats.cacheWarning).toContain('200 ms');
  });

  it('IDBObjectStore.prototype.put throws QuotaExceededError: memory-only, every row kept, loading goes on', async () => {
    const name = uniqueName();
    let puts = 0;
    patch(IDBObjectStore.prototype, 'put', function put(): IDBRequest {
      puts++;
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const api = server();
    const { cache, list } = cachedList(name, api);
    list.setWindow({ start: 0, end: 30 });
    await vi.waitFor(() => expect(list.getSnapshot().getItem(29)).toMatchObject({ status: 'loaded' }));
    await cache.flush();
    await vi.waitFor(() => expect(list.getSnapshot().stats.cacheStatus).toBe('memory-only'));
    expect(puts).toBeGreaterThan(0);
    expect(list.getSnapshot().stats.cacheWarning).toMatch(/QuotaExceededError.*caching in memory only/);
    expect(list.getSnapshot().getRange(0, 30).items).toEqual(rows(0, 30));
    await loadFailAndRecover(list, api);
  });

  it('garbage under the cache’s own index key: pages still written, served on the next visit', async () => {
    const name = uniqueName();
    await set(INDEX_KEY, { entries: 'not a map', bytes: -1 }, createStore(databaseName(name), STORE_NAME));
    const first = server();
    const visit = cachedList(name, first);
    visit.list.setWindow({ start: 0, end: 20 });
    await vi.waitFor(() => expect(visit.list.getSnapshot().getItem(19)).toMatchObject({ status: 'loaded' }));
    await visit.cache.flush();
    visit.list.destroy();

    const second = server();
    second.state.failing = true; // nothing to do with pages 0-1: those come from IndexedDB
    const again = cachedList(name, { ...second, fetchPage: () => new Promise(() => {}) });
    again.list.setWindow({ start: 0, end: 20 });
    await vi.waitFor(() =>
      expect(again.list.getSnapshot().getItem(5)).toEqual({ status: 'loaded', item: { id: 5 }, stale: true }),
    );
  });

  it('two lists of other shapes on one cache name and key never read each other’s pages', async () => {
    const name = uniqueName();
    const key = ['shared-shape'];
    const offset = idbCache({ name, storage: null });
    const a = track(
      createLazyList({
        key,
        prefetch: 0,
        cache: offset,
        source: offsetSource({
          pageSize: 10,
          fetchPage: async ({ offset: at, limit }: OffsetFetchParams) => ({
            items: rows(at, limit).map(({ id }) => ({ id, title: `row ${id}` })),
            total: 100,
          }),
        }),
      }),
    );
    a.setWindow({ start: 0, end: 20 });
    await vi.waitFor(() => expect(a.getSnapshot().getItem(19)).toMatchObject({ status: 'loaded' }));
    await offset.flush();

    // Same name, same key: a cursor source with other items, and an offset source of 20 a page.
    const feedCalls: CursorFetchParams[] = [];
    const b = track(
      createLazyList({
        key,
        prefetch: 0,
        retry: { attempts: 1 },
        cache: idbCache({ name, storage: null }),
        source: cursorSource({
          pageSize: 10,
          fetchPage: async (params: CursorFetchParams) => {
            feedCalls.push(params);
            return {
              items: rows(500, 10).map(({ id }) => ({ id, body: `m${id}` })),
              nextCursor: null,
              prevCursor: null,
            };
          },
        }),
      }),
    );
    const c = track(
      createLazyList({
        key,
        prefetch: 0,
        cache: idbCache({ name, storage: null }),
        source: offsetSource({
          pageSize: 20,
          fetchPage: async ({ offset: at, limit }) => ({ items: rows(at + 1_000, limit), total: 100 }),
        }),
      }),
    );
    b.setWindow({ start: 0, end: 10 });
    c.setWindow({ start: 0, end: 20 });
    await vi.waitFor(() =>
      expect(b.getSnapshot().getItem(0)).toEqual({ status: 'loaded', item: { id: 500, body: 'm500' } }),
    );
    await vi.waitFor(() =>
      expect(c.getSnapshot().getItem(0)).toEqual({ status: 'loaded', item: { id: 1_000 } }),
    );
    expect(b.getSnapshot().status).toBe('ready');
    expect(c.getSnapshot().getItem(15)).toEqual({ status: 'loaded', item: { id: 1_015 } });
    expect(a.getSnapshot().getItem(15)).toEqual({ status: 'loaded', item: { id: 15, title: 'row 15' } });
    expect(feedCalls).toHaveLength(1);
  });
});
