// The IndexedDB tier on its own, in Chromium with real IndexedDB. Each test uses its own
// database name, so tests never see each other's entries.
import { hashKey } from '@tanstack/query-core';
import { createStore, get, set, type UseStore } from 'idb-keyval';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseName, entryKey, STORE_NAME } from './cacheKeys.ts';
import { clearCache } from './clearCache.ts';
import { type IdbCacheOptions, idbCache } from './idbCache.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

const KEY = ['items'];
const page = (n: number) => ({ items: [`item ${n}a`, `item ${n}b`], total: 1_000 });
let counter = 0;
const uniqueName = () => `test-${Date.now()}-${counter++}`;

/** A cache whose writes run only on flush(), with no storage estimate unless given. */
// No sessionStorage copy of positions by default: these tests read IndexedDB through new instances.
function cacheFor(name: string, options: Partial<IdbCacheOptions> = {}) {
  return idbCache({ name, schedule: () => {}, storage: null, scrollMirror: null, ...options });
}

/** The real store of `name`, counting transactions by mode. */
function countingStore(name: string) {
  const real = createStore(databaseName(name), STORE_NAME);
  const calls: Record<string, number> = { readonly: 0, readwrite: 0 };
  const store: UseStore = (mode, callback) => {
    calls[mode] = (calls[mode] ?? 0) + 1;
    return real(mode, callback);
  };
  return { store, calls };
}

/** The real store of `name`, whose read-write transactions fail while `failing()` says so. */
function faultyStore(name: string, error: () => unknown, failing: () => boolean = () => true) {
  const real = createStore(databaseName(name), STORE_NAME);
  const store: UseStore = (mode, callback) =>
    mode === 'readwrite' && failing() ? Promise.reject(error()) : real(mode, callback);
  return store;
}

describe('idbCache in Chromium', () => {
  it('round-trips pages through IndexedDB to a new cache instance (a reload)', async () => {
    const name = uniqueName();
    const first = cacheFor(name);
    const writes = [0, 1, 7].map((n) => first.write(KEY, n, page(n), 100));
    await first.flush();
    expect(await Promise.all(writes)).toEqual([true, true, true]);
    expect(first.getSnapshot()).toMatchObject({
      status: 'ready',
      entries: 3,
      bytes: 300,
      writes: 3,
      pendingWrites: 0,
    });

    const reloaded = cacheFor(name);
    const found = await reloaded.read(KEY, [0, 1, 2, 7]);
    expect([...found.keys()].sort()).toEqual([0, 1, 7]);
    expect(found.get(7)).toEqual(page(7));
    expect(reloaded.getSnapshot()).toMatchObject({ reads: 4, hits: 3, bytes: 300 });
  });

  it('writes a batch of 50 pages in one read-write transaction, off the hot path', async () => {
    const name = uniqueName();
    const { store, calls } = countingStore(name);
    let idle: (() => void) | undefined;
    const cache = idbCache({ name, store, storage: null, schedule: (callback) => (idle = callback) });
    const writes = Array.from({ length: 50 }, (_, n) => cache.write(KEY, n, page(n), 10));
    expect(cache.getSnapshot().pendingWrites).toBe(50);
    expect(calls.readwrite).toBe(0); // nothing written while the app is busy
    idle?.();
    expect(await Promise.all(writes)).toEqual(Array(50).fill(true));
    expect(calls.readwrite).toBe(1);
    expect(cache.getSnapshot().entries).toBe(50);
  });

  it('reads all pages of a window in one transaction', async () => {
    const name = uniqueName();
    const writer = cacheFor(name);
    for (let n = 0; n < 20; n++) void writer.write(KEY, n, page(n), 10);
    await writer.flush();
    const { store, calls } = countingStore(name);
    const reader = cacheFor(name, { store });
    await reader.read(KEY, [0]); // opens: one read of the index, one of the page
    const before = calls.readonly ?? 0;
    const [a, b] = await Promise.all([reader.read(KEY, [1, 2, 3, 4, 5]), reader.read(KEY, [6, 7, 8, 9, 10])]);
    expect(a.size + b.size).toBe(10);
    expect((calls.readonly ?? 0) - before).toBe(1); // both reads shared one getMany
  });

  it('serves a queued page before it reaches IndexedDB', async () => {
    const cache = cacheFor(uniqueName());
    void cache.write(KEY, 3, page(3), 10);
    expect((await cache.read(KEY, [3])).get(3)).toEqual(page(3));
  });

  it('never serves entries older than ttlMs, and deletes them', async () => {
    const name = uniqueName();
    let now = 1_000_000;
    const first = cacheFor(name, { ttlMs: 60_000, now: () => now });
    void first.write(KEY, 0, page(0), 10);
    await first.flush();
    now += 59_000;
    expect((await cacheFor(name, { ttlMs: 60_000, now: () => now }).read(KEY, [0])).size).toBe(1);
    now += 2_000;
    const late = cacheFor(name, { ttlMs: 60_000, now: () => now });
    expect((await late.read(KEY, [0])).size).toBe(0);
    await late.flush();
    expect(late.getSnapshot().entries).toBe(0);
    expect(
      await get(entryKey('', hashKey(KEY), 0), createStore(databaseName(name), STORE_NAME)),
    ).toBeUndefined();
  });

  it('drops every entry when the version changes', async () => {
    const name = uniqueName();
    const v1 = cacheFor(name, { version: 1 });
    void v1.write(KEY, 0, page(0), 10);
    v1.saveScroll(KEY, { anchorKey: 5, offsetInItem: 3, sizes: [] });
    await v1.flush();
    const v2 = cacheFor(name, { version: 2 });
    expect((await v2.read(KEY, [0])).size).toBe(0);
    expect(await v2.loadScroll(KEY)).toBeUndefined();
    expect(v2.getSnapshot()).toMatchObject({ status: 'ready', entries: 0, bytes: 0 });
    // and the old version does not come back either: its entries are gone from disk
    expect((await cacheFor(name, { version: 1 }).read(KEY, [0])).size).toBe(0);
  });

  it('evicts least recently used pages to stay within maxBytes', async () => {
    const name = uniqueName();
    let now = 1_000;
    const cache = cacheFor(name, { maxBytes: 1_000, now: () => now++ });
    for (const n of [0, 1, 2]) void cache.write(KEY, n, page(n), 300);
    await cache.flush();
    await cache.read(KEY, [0]); // page 0 is used again; page 1 is now the least recently used
    void cache.write(KEY, 3, page(3), 300);
    await cache.flush();
    const found = await cacheFor(name, { maxBytes: 1_000, now: () => now }).read(KEY, [0, 1, 2, 3]);
    expect([...found.keys()].sort()).toEqual([0, 2, 3]);
    expect(cache.getSnapshot()).toMatchObject({ bytes: 900, evictions: 1 });
  });

  it('shrinks its budget to the free quota reported by navigator.storage.estimate()', async () => {
    const name = uniqueName();
    const storage = { estimate: async () => ({ usage: 990_000, quota: 1_000_000 }) }; // 90% headroom gone
    const cache = cacheFor(name, { storage, maxBytes: 100_000_000 });
    for (const n of [0, 1]) void cache.write(KEY, n, page(n), 400);
    await cache.flush();
    expect(cache.getSnapshot()).toMatchObject({ entries: 0, bytes: 0 }); // nothing fits: not written
  });

  it('evicts and retries once after a QuotaExceededError, keeping the new pages', async () => {
    const name = uniqueName();
    let failures = 1;
    const store = faultyStore(
      name,
      () => new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
      () => failures-- > 0,
    );
    const seed = cacheFor(name);
    for (const n of [0, 1, 2, 3]) void seed.write(KEY, n, page(n), 100);
    await seed.flush();
    const cache = cacheFor(name, { store });
    await cache.read(KEY, [3]);
    const written = cache.write(KEY, 9, page(9), 100);
    await cache.flush();
    expect(await written).toBe(true);
    expect(cache.getSnapshot()).toMatchObject({ status: 'ready', warning: null });
    expect(cache.getSnapshot().evictions).toBeGreaterThanOrEqual(2); // half of the 400 bytes, LRU first
    const found = await cacheFor(name).read(KEY, [0, 3, 9]);
    expect(found.has(9)).toBe(true);
    expect(found.has(3)).toBe(true); // the most recently used page survived
  });

  it.each([
    ['QuotaExceededError', () => new DOMException('quota', 'QuotaExceededError')],
    ['AbortError', () => new DOMException('aborted', 'AbortError')],
    ['InvalidStateError', () => new DOMException('closing', 'InvalidStateError')],
    ['an abort without an error (null)', () => null],
  ])('turns memory-only with a warning when %s persists after the retry', async (label, error) => {
    const name = uniqueName();
    const cache = cacheFor(name, { store: faultyStore(name, error) });
    const written = cache.write(KEY, 0, page(0), 100);
    await cache.flush();
    expect(await written).toBe(false);
    const { status, warning } = cache.getSnapshot();
    expect(status).toBe('memory-only');
    expect(warning).toMatch(/IndexedDB write failed \(.*, then after evicting: .*\); caching in memory only/);
    expect(warning).toContain(label.startsWith('an abort') ? 'transaction aborted' : label);
    expect(await cache.write(KEY, 1, page(1), 100)).toBe(false); // no more attempts
  });

  it('turns memory-only when IndexedDB does not exist', async () => {
    vi.stubGlobal('indexedDB', undefined);
    const cache = cacheFor(uniqueName());
    expect((await cache.read(KEY, [0])).size).toBe(0);
    expect(await Promise.all([cache.write(KEY, 0, page(0), 10), cache.flush()])).toEqual([false, undefined]);
    expect(cache.getSnapshot()).toMatchObject({
      status: 'memory-only',
      warning: 'IndexedDB is not available here; caching in memory only',
    });
  });

  it('turns memory-only when IndexedDB cannot be opened', async () => {
    const store: UseStore = () =>
      Promise.reject(new DOMException('A mutation operation was attempted', 'InvalidStateError'));
    const cache = cacheFor(uniqueName(), { store });
    expect((await cache.read(KEY, [0])).size).toBe(0);
    expect(cache.getSnapshot().warning).toMatch(/^IndexedDB could not be opened \(InvalidStateError/);
  });

  it('turns memory-only when IndexedDB is blocked (never answers)', async () => {
    const store: UseStore = () => new Promise(() => {});
    const cache = cacheFor(uniqueName(), { store, timeoutMs: 100 });
    expect((await cache.read(KEY, [0])).size).toBe(0);
    expect(cache.getSnapshot()).toMatchObject({ status: 'memory-only' });
    expect(cache.getSnapshot().warning).toContain('did not finish within 100 ms');
  });

  it('drops a corrupted entry instead of serving it', async () => {
    const name = uniqueName();
    const cache = cacheFor(name);
    void cache.write(KEY, 0, page(0), 10);
    void cache.write(KEY, 1, page(1), 10);
    await cache.flush();
    const raw = createStore(databaseName(name), STORE_NAME);
    await set(entryKey('', hashKey(KEY), 1), 'garbage', raw);
    const reader = cacheFor(name);
    const found = await reader.read(KEY, [0, 1]);
    expect([...found.keys()]).toEqual([0]);
    await reader.flush();
    expect(await get(entryKey('', hashKey(KEY), 1), raw)).toBeUndefined();
    expect(reader.getSnapshot().entries).toBe(1);
  });

  it('never serves one namespace’s pages to another, and clears one namespace only', async () => {
    const name = uniqueName();
    const alice = cacheFor(name, { namespace: 'alice' });
    const bob = cacheFor(name, { namespace: 'bob' });
    void alice.write(KEY, 0, { items: ['alice’s'] }, 10);
    await alice.flush();
    expect((await bob.read(KEY, [0])).size).toBe(0);
    // even a record planted under bob's key but written for alice is refused
    const raw = createStore(databaseName(name), STORE_NAME);
    const aliceRecord = await get(entryKey('alice', hashKey(KEY), 0), raw);
    await set(entryKey('bob', hashKey(KEY), 0), aliceRecord, raw);
    expect((await cacheFor(name, { namespace: 'bob' }).read(KEY, [0])).size).toBe(0);

    void bob.write(KEY, 5, { items: ['bob’s'] }, 10);
    await bob.flush();
    expect(await alice.clear({ namespace: 'alice' })).toBe(true);
    expect((await cacheFor(name, { namespace: 'alice' }).read(KEY, [0])).size).toBe(0);
    expect((await cacheFor(name, { namespace: 'bob' }).read(KEY, [5])).size).toBe(1);
  });

  it('keeps persist: false data out of IndexedDB entirely', async () => {
    const name = uniqueName();
    const cache = cacheFor(name, { persist: false });
    expect(await cache.write(KEY, 0, page(0), 10)).toBe(false);
    cache.saveScroll(KEY, { anchorKey: 1, offsetInItem: 0, sizes: [] });
    await cache.flush();
    expect(cache.getSnapshot().status).toBe('off');
    expect(await cache.loadScroll(KEY)).toEqual({ anchorKey: 1, offsetInItem: 0, sizes: [] }); // this session only
    const databases = await indexedDB.databases();
    expect(databases.map((db) => db.name)).not.toContain(databaseName(name));
  });

  it('a reload right after scrolling gets the position from sessionStorage before IndexedDB has it; clear() and a new version drop it', async () => {
    const name = `mirror-${Math.random()}`;
    const scroll = { anchorKey: 9_000, offsetInItem: 4, sizes: [[9_000, 36]] as [number, number][] };
    cacheFor(name, { scrollMirror: undefined }).saveScroll(KEY, scroll); // never flushed: the page is gone
    expect(await cacheFor(name, { scrollMirror: undefined }).loadScroll(KEY)).toEqual(scroll);
    expect(await cacheFor(name).loadScroll(KEY)).toBeUndefined(); // IndexedDB alone has nothing yet
    expect(await cacheFor(name, { scrollMirror: undefined, version: 2 }).loadScroll(KEY)).toBeUndefined();
    await cacheFor(name, { scrollMirror: undefined }).clear();
    expect(await cacheFor(name, { scrollMirror: undefined }).loadScroll(KEY)).toBeUndefined();
  });

  it('stores a list’s scroll position beside its pages, and drops one of the wrong shape', async () => {
    const name = uniqueName();
    const scroll = {
      anchorKey: 4711,
      offsetInItem: 12.5,
      sizes: [[4711, 36] as const, [4712, 52] as const],
      atEnd: false,
    };
    const cache = cacheFor(name);
    cache.saveScroll(KEY, scroll);
    await cache.flush();
    expect(await cacheFor(name).loadScroll(KEY)).toEqual(scroll);
    expect(await cacheFor(name).loadScroll(['other'])).toBeUndefined();
    expect(() => cache.saveScroll(KEY, 'top' as never)).toThrow(
      /saveScroll option "scroll" must be an object/,
    );

    const raw = createStore(databaseName(name), STORE_NAME);
    const key = entryKey('', hashKey(KEY), 'scroll');
    await set(key, { ...(await get(key, raw)), data: { anchorKey: 'row-1', offsetInItem: 1 } }, raw);
    const reader = cacheFor(name);
    expect(await reader.loadScroll(KEY)).toBeUndefined();
    await reader.flush();
    expect(await get(key, raw)).toBeUndefined();
  });

  it('removeFrom drops a dataset’s pages from a page on, an earlier visit’s too, and keeps the rest', async () => {
    const name = uniqueName();
    const scroll = { anchorKey: 4, anchorItemKey: 's4', offsetInItem: 0, sizes: [], atEnd: false };
    const earlier = cacheFor(name);
    for (const n of [0, 1, 5, 7]) void earlier.write(KEY, n, page(n), 10);
    void earlier.write(['other'], 9, page(9), 10);
    earlier.saveScroll(KEY, scroll);
    await earlier.flush();
    // A new visit, not opened yet: what the index lists is found once it is. Page 8, queued
    // before the call, moved too; page 6, written after it, is the newest copy and stays.
    const visit = cacheFor(name);
    void visit.write(KEY, 8, page(8), 10);
    const removed = visit.removeFrom(KEY, 5);
    void visit.write(KEY, 6, page(6), 10);
    await removed;
    await visit.flush();
    const reloaded = cacheFor(name);
    expect([...(await reloaded.read(KEY, [0, 1, 5, 6, 7, 8])).keys()].sort()).toEqual([0, 1, 6]);
    expect([...(await reloaded.read(['other'], [9])).keys()]).toEqual([9]);
    expect(await reloaded.loadScroll(KEY)).toEqual(scroll);
    expect(reloaded.getSnapshot().entries).toBe(5); // pages 0, 1, 6, the other dataset’s 9, the scroll
  });

  it('stores the rest of a batch when one page cannot be cloned', async () => {
    const name = uniqueName();
    const cache = cacheFor(name);
    const good = cache.write(KEY, 0, page(0), 10);
    const bad = cache.write(KEY, 1, { items: [() => 'not cloneable'] }, 10);
    await cache.flush();
    expect([await good, await bad]).toEqual([true, false]);
    expect(cache.getSnapshot().status).toBe('ready');
    expect(cache.getSnapshot().warning).toMatch(/1 entries were not stored: .* structured-cloned/);
    expect((await cacheFor(name).read(KEY, [0])).size).toBe(1);
  });

  it('clearCache() reaches live caches and databases left by earlier visits', async () => {
    const live = uniqueName();
    const old = uniqueName();
    const cache = cacheFor(live, { namespace: 'u1' });
    void cache.write(KEY, 0, page(0), 10);
    await cache.flush();
    const earlier = cacheFor(old, { namespace: 'u1' });
    void earlier.write(KEY, 0, page(0), 10);
    await earlier.flush();
    const result = await clearCache({ namespace: 'u1' });
    // (caches of earlier tests whose IndexedDB was made unreachable are reported as failed)
    expect(result.failed).not.toContain(databaseName(live));
    expect(result.cleared).toEqual(expect.arrayContaining([databaseName(live), databaseName(old)]));
    expect((await cacheFor(live, { namespace: 'u1' }).read(KEY, [0])).size).toBe(0);
    expect((await cacheFor(old, { namespace: 'u1' }).read(KEY, [0])).size).toBe(0);
  });

  it('rejects bad options with a TypeError naming the option', () => {
    expect(() => idbCache({ name: '' })).toThrow(/idbCache option "name" must be a non-empty string/);
    expect(() => idbCache({ name: 'x', ttlMs: 0 })).toThrow(/idbCache option "ttlMs" must be a number > 0/);
    expect(() => idbCache({ name: 'x', namespace: 7 as never })).toThrow(/"namespace" must be a string/);
    expect(() => idbCache({ name: 'x', storage: {} as never })).toThrow(
      /"storage" must be an object with estimate/,
    );
  });
});
