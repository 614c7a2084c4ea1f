// Adversarial probes of the IndexedDB cache in Chromium: races between reads and the deletions
// being committed, lists on the cache, and faults of an app's own cache.
import { hashKey } from '@tanstack/query-core';
import { createStore, get, setMany, type UseStore } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { memoryStorage } from '../testing/memoryStorage.ts';
import { serializeIndex } from './cacheIndex.ts';
import { databaseName, entryKey, INDEX_KEY, STORE_NAME } from './cacheKeys.ts';
import { clearCache } from './clearCache.ts';
import { type IdbCacheOptions, idbCache } from './idbCache.ts';

let counter = 0;
const uniqueName = () => `adv-${Date.now()}-${counter++}`;
const page = (n: number) => ({ items: [`item ${n}a`, `item ${n}b`], total: 1_000 });

const unhandled: unknown[] = [];
const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason);
beforeEach(() => {
  unhandled.length = 0;
  window.addEventListener('unhandledrejection', onUnhandled);
});
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  window.removeEventListener('unhandledrejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

function cacheFor(name: string, options: Partial<IdbCacheOptions> = {}) {
  return idbCache({ name, schedule: () => {}, storage: null, scrollMirror: null, ...options });
}

describe('idbCache under adversarial timing', () => {
  it('remove(key) hides the dataset’s pages from reads while the deletion is being committed', async () => {
    // The flush that deletes asks navigator.storage.estimate() first (once a minute): a slow
    // answer leaves the deletion taken from the queue but not yet in IndexedDB.
    let now = 1_000;
    let answer = (_figures: { usage: number; quota: number }) => {};
    let slow = false;
    let asked = false;
    const storage = {
      estimate: () =>
        slow
          ? new Promise<{ usage: number; quota: number }>((resolve) => {
              asked = true;
              answer = resolve;
            })
          : Promise.resolve({ usage: 0, quota: 1e9 }),
    };
    const cache = cacheFor(uniqueName(), { storage, now: () => now });
    void cache.write(['items'], 0, page(0), 100);
    await cache.flush();
    expect((await cache.read(['items'], [0])).get(0)).toEqual(page(0));
    now += 61_000;
    slow = true;
    const removed = cache.remove(['items']);
    await vi.waitFor(() => expect(asked).toBe(true)); // the flush took the deletion and waits
    const during = await cache.read(['items'], [0]);
    answer({ usage: 0, quota: 1e9 });
    await removed;
    expect(during.has(0)).toBe(false);
    expect((await cache.read(['items'], [0])).has(0)).toBe(false);
  });
});

describe('idbCache removals', () => {
  it('remove(key) on a cache not opened yet (right after a reload) removes what an earlier visit stored', async () => {
    const name = uniqueName();
    const before = cacheFor(name);
    void before.write(['items'], 0, page(0), 100);
    void before.write(['other'], 0, page(1), 100);
    await before.flush();

    await cacheFor(name).remove(['items']); // the first call of a new page's cache
    const after = cacheFor(name);
    expect((await after.read(['items'], [0])).has(0)).toBe(false);
    expect((await after.read(['other'], [0])).get(0)).toEqual(page(1));
  });
});

describe('idbCache after a quota fault', () => {
  it('memory-only after QuotaExceededError, it still deletes: an invalidated dataset is gone on the next visit', async () => {
    const name = uniqueName();
    const cache = cacheFor(name);
    void cache.write(['items'], 0, page(0), 100);
    void cache.write(['items'], 1, page(1), 100);
    await cache.flush();
    // The disk is full: a page no longer fits (the smaller index still does).
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function full(this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (typeof value === 'object' && value !== null && 'data' in value)
        throw new DOMException('disk full', 'QuotaExceededError');
      return put.call(this, value, key);
    };
    try {
      expect(await Promise.all([cache.write(['items'], 2, page(2), 100), cache.flush()])).toEqual([
        false,
        undefined,
      ]);
      expect(cache.getSnapshot().status).toBe('memory-only');
      await cache.remove(['items']); // list.invalidate()
    } finally {
      IDBObjectStore.prototype.put = put;
    }
    const next = cacheFor(name);
    expect(await next.read(['items'], [0, 1])).toEqual(new Map());
  });
});

describe('idbCache read faults', () => {
  it.each([
    ['AbortError', () => new DOMException('aborted', 'AbortError')],
    ['InvalidStateError', () => new DOMException('closing', 'InvalidStateError')],
  ])('a read aborted by %s is a miss, not a corrupted page: the page stays on disk', async (_, error) => {
    const name = uniqueName();
    const writer = cacheFor(name);
    void writer.write(['items'], 0, page(0), 100);
    await writer.flush();
    // The tab is being frozen or the connection closed under it: read transactions abort.
    const real = createStore(databaseName(name), STORE_NAME);
    let failing = false;
    const store: UseStore = (mode, callback) =>
      mode === 'readonly' && failing ? Promise.reject(error()) : real(mode, callback);
    const reader = cacheFor(name, { store });
    expect((await reader.read(['items'], [1])).size).toBe(0); // opened
    failing = true;
    expect((await reader.read(['items'], [0])).size).toBe(0);
    failing = false;
    await reader.flush();
    expect((await cacheFor(name).read(['items'], [0])).get(0)).toEqual(page(0));
    expect((await reader.read(['items'], [0])).get(0)).toEqual(page(0));
  });
});

describe('idbCache clear() not awaited', () => {
  it('a read right after clear() (logout, then the next user’s list) does not serve the cleared pages', async () => {
    const name = uniqueName();
    const cache = cacheFor(name);
    void cache.write(['items'], 0, page(0), 100);
    await cache.flush();
    const cleared = cache.clear();
    const read = cache.read(['items'], [0]);
    const loaded = cache.loadScroll(['items']);
    expect((await read).size).toBe(0);
    expect(await loaded).toBeUndefined();
    expect(await cleared).toBe(true);
  });
});

describe('idbCache scroll positions', () => {
  it('a position older than ttlMs is not restored, from the sessionStorage copy either', async () => {
    const name = uniqueName();
    const scrollMirror = memoryStorage();
    let now = 1_000_000;
    const options = { ttlMs: 60_000, now: () => now, scrollMirror };
    const before = cacheFor(name, options);
    before.saveScroll(['items'], { anchorKey: 500, offsetInItem: 0, sizes: [] });
    await before.flush();
    expect(await cacheFor(name, options).loadScroll(['items'])).toMatchObject({ anchorKey: 500 });
    now += 60_001; // the tab stayed open past the TTL, then reloads
    expect(await cacheFor(name, options).loadScroll(['items'])).toBeUndefined();
  });

  it('clear() of a cache keeps the sessionStorage copies of a cache whose name starts with its name and a colon', async () => {
    const name = uniqueName();
    const scrollMirror = memoryStorage();
    const mirror = scrollMirror.items;
    const short = cacheFor(name, { scrollMirror });
    const long = cacheFor(`${name}:b`, { scrollMirror });
    short.saveScroll(['items'], { anchorKey: 5, offsetInItem: 0, sizes: [] });
    long.saveScroll(['items'], { anchorKey: 7, offsetInItem: 0, sizes: [] });
    expect(mirror.size).toBe(2);
    await short.clear();
    expect([...mirror.values()]).toHaveLength(1);
    expect([...mirror.values()][0]).toContain('"anchorKey":7');
    await long.clear();
    expect(mirror.size).toBe(0);
  });
});

describe('clearCache', () => {
  it('on logout clears what an earlier visit stored, even if this page’s cache of that name is persist: false', async () => {
    const name = uniqueName();
    const store = createStore(databaseName(name), STORE_NAME);
    const entry = entryKey('u1', hashKey(['items']), 0);
    const storedAt = Date.now();
    // An earlier visit (before the app turned persist off) left user u1's page on disk.
    await setMany(
      [
        [entry, { v: 1, ns: 'u1', storedAt, bytes: 10, data: page(0) }],
        [INDEX_KEY, serializeIndex(1, new Map([[entry, { bytes: 10, storedAt, lastUsed: storedAt }]]))],
      ],
      store,
    );
    const live = cacheFor(name, { namespace: 'u1', persist: false });
    expect(await live.read(['items'], [0])).toEqual(new Map());

    const { cleared, failed } = await clearCache({ namespace: 'u1' });
    expect(failed).not.toContain(databaseName(name));
    expect(cleared.filter((database) => database === databaseName(name))).toHaveLength(1);
    expect(await get(entry, store)).toBeUndefined();
  });
});
