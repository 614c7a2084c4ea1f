// Issue #18 (what decision 0065 left): lists on one IndexedDB store are told of each other's
// writes even when the app gave them two cache objects: an `idbCache` passed once bare and once
// through `pageCache()`, or two `idbCache` objects of one name (two routes each making their own,
// a remount making a new one). Real IndexedDB in Chromium; a "reload" is a new cache object.
import { createStore, type UseStore } from 'idb-keyval';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseName, STORE_NAME } from '../cache/cacheKeys.ts';
import {
  type CacheTierCalls,
  type CacheTierFlow,
  cacheDatasetKey,
  createCacheTier,
} from '../cache/cacheTier.ts';
import { type IdbCacheOptions, idbCache } from '../cache/idbCache.ts';
import { pageCache } from '../cache/ownPageCache.ts';
import type { PageCache } from '../cache/pageCache.ts';
import { arraySource } from '../testing/arraySource.ts';
import type { HeldAnswers } from '../testing/heldAnswers.ts';
import { deferred, settle } from '../testing/modelHarness.ts';
import { shownRows } from '../testing/shownRows.ts';
import { type KeyedRow, keyedListsOnCache, keyedRows } from '../testing/staleKeyedList.ts';
import type { LazyList } from './LazyList.ts';

// The harness settles with setImmediate (Node's); a macrotask here too.
beforeAll(() => {
  vi.stubGlobal('setImmediate', (callback: () => void) => setTimeout(callback, 0));
});
afterAll(() => {
  vi.unstubAllGlobals();
});

const LIST = 'shared-idb-cache-writes';
const open = keyedListsOnCache(LIST);
/** Where those lists' pages are in the cache (their key, pages of 3). */
const DATASET = cacheDatasetKey([LIST], arraySource([], { pageSize: 3 }));
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);
let counter = 0;
const uniqueName = () => `shared-${Date.now()}-${counter++}`;

/** A list's side of a tier that holds nothing (for a tier on its own). */
const flow: CacheTierFlow = {
  generation: 0,
  store: { get: () => undefined },
  queries: { has: () => false },
  snapshots: { publish: () => {} },
  stats: { add: () => {} },
};
const calls: CacheTierCalls<CacheTierFlow> = { onCached: () => true, onChecked: () => {}, retry: () => {} };

/** A cache whose writes go out only when flushed (a removal flushes). */
const cacheFor = (name: string, options: Partial<IdbCacheOptions> = {}) =>
  idbCache({ name, schedule: () => {}, storage: null, scrollMirror: null, ...options });

/**
 * The real store of `name`; `holdNextRead()` holds the answer of the next read-only transaction
 * (it has read the entries) until released.
 */
function heldStore(name: string) {
  const real = createStore(databaseName(name), STORE_NAME);
  let gate: Promise<void> | null = null;
  let held = 0;
  const store: UseStore = async (mode, callback) => {
    const wait = mode === 'readonly' ? gate : null;
    if (wait) gate = null;
    const result = await real(mode, callback);
    if (wait) {
      held += 1;
      await wait;
    }
    return result;
  };
  const holdNextRead = () => {
    const { promise, resolve } = deferred<void>();
    gate = promise;
    return resolve;
  };
  return { store, holdNextRead, held: () => held };
}

/**
 * Shows rows `start..end` of `list` and loads `pages` (its prefetch): its lookups read IndexedDB
 * first (real time, not a few macrotasks), then every request is answered until they are in.
 */
async function load(
  list: LazyList<KeyedRow>,
  answers: HeldAnswers,
  start: number,
  end: number,
  pages: number[],
) {
  list.setWindow({ start, end });
  await vi.waitFor(async () => {
    await answers.answerAll(20);
    const { pages: held } = list.getSnapshot();
    expect(pages.filter((page) => held.get(page)?.items === undefined)).toEqual([]);
  });
}

/** The rows `list` shows with their index, `-` left out, stale or not. */
const read = (list: LazyList<KeyedRow>) =>
  shownRows(list.getSnapshot()).flatMap((row, i) =>
    row === '-' ? [] : [[i, row.replace('~', '')] as const],
  );

/** An earlier visit (another cache object, flushed) stores pages 4..6 (rows 12..20) of `server` in `name`. */
async function earlierVisit(name: string, server: { rows: KeyedRow[]; version: number }, namespace?: string) {
  const cache = cacheFor(name, { namespace });
  const earlier = open(cache, server);
  await load(earlier.list, earlier.answers, 12, 21, [4, 5, 6]);
  await cache.flush();
  earlier.list.destroy();
  expect([...(await cacheFor(name, { namespace }).read(DATASET, [4, 5, 6])).keys()]).toEqual([4, 5, 6]);
}

/** Until the store of `name` holds none of pages 4..6 (a write's removal is committed). */
const removed = (name: string, namespace?: string) =>
  vi.waitFor(async () =>
    expect([...(await cacheFor(name, { namespace }).read(DATASET, [4, 5, 6])).keys()]).toEqual([]),
  );

/** Lists A on `cacheA` and B on `cacheB` load page 0: on one QueryClient, unless B has a server of its own. */
async function twoLists(
  cacheA: PageCache,
  cacheB: PageCache,
  server: { rows: KeyedRow[]; version: number },
  serverB = server,
) {
  const a = open(cacheA, server);
  const b = open(cacheB, serverB, server === serverB ? a.queryClient : undefined);
  for (const { list, answers } of [a, b]) await load(list, answers, 0, 3, [0]);
  return { a, b };
}

/**
 * B's lookup of pages 4..6 has read them (at their old offsets) when A removes `s4`, and answers
 * once A's removal is committed: B shows none of them at its new offsets, then the network's rows.
 */
async function lookupRunningWhenAWrites(cacheOf: (name: string, store: UseStore) => [PageCache, PageCache]) {
  const name = uniqueName();
  const server = { rows: keyedRows(...ids(0, 30)), version: 0 };
  await earlierVisit(name, server);
  const held = heldStore(name);
  const [cacheA, cacheB] = cacheOf(name, held.store);
  const { a, b } = await twoLists(cacheA, cacheB, server);
  await cacheB.read(DATASET, [99]); // opened (B took pages 0..1 from A's QueryClient, not its cache)
  const release = held.holdNextRead();
  b.list.setWindow({ start: 15, end: 18 }); // B looks pages 4..6 up
  await vi.waitFor(() => expect(held.held()).toBe(1));
  expect(a.list.remove('s4').ok).toBe(true);
  await removed(name);
  release();
  await settle();
  const expected = [...ids(0, 4), ...ids(5, 30)];
  const shown = read(b.list);
  expect(shown.filter(([i]) => i >= 12)).toEqual([]); // misses: pages 4..6 wait for the network
  expect(shown).toEqual(shown.map(([i]) => [i, expected[i]]));
  await load(b.list, b.answers, 15, 18, [5]);
  expect(shownRows(b.list.getSnapshot()).slice(15, 18)).toEqual(['s16', 's17', 's18']);
  expect(b.list.getSnapshot().duplicateKeys).toEqual([]);
}

describe('two cache objects over one IndexedDB store, when a list on one writes', () => {
  it('B given pageCache() of the idbCache A has bare drops its running lookup of a moved page', async () => {
    await lookupRunningWhenAWrites((name, store) => {
      const cache = cacheFor(name, { store });
      return [cache, pageCache(cache)];
    });
  });

  it('B on another idbCache of the same name drops its running lookup of a moved page', async () => {
    await lookupRunningWhenAWrites((name, store) => [cacheFor(name), cacheFor(name, { store })]);
  });
});

describe('a write moving pages, lists on two idbCache objects of one name', () => {
  it('cancels the pages queued in each object from the first moved page on', async () => {
    // What B's list fetched itself and then left: page 7 at its old offsets, queued in B's object
    // (not written yet). B's list will not write it again; A's object does not know it.
    const name = uniqueName();
    const cacheA = cacheFor(name);
    const cacheB = cacheFor(name);
    const tierA = createCacheTier(cacheA, [LIST], arraySource([], { pageSize: 3 }), flow, calls);
    const tierB = createCacheTier(cacheB, [LIST], arraySource([], { pageSize: 3 }), flow, calls);
    tierA.attach();
    tierB.attach();
    void cacheB.write(DATASET, 7, { items: keyedRows(...ids(21, 24)) }, 10);
    tierA.forget(1);
    await settle();
    await cacheA.flush();
    await cacheB.flush();
    expect([...(await cacheFor(name).read(DATASET, [7])).keys()]).toEqual([]);
    tierA.detach();
    tierB.detach();
  });
});

describe('two idbCache objects over different stores', () => {
  const shared = uniqueName();
  it.each<[string, { name: string; namespace?: string }, { name: string; namespace?: string }]>([
    ['two names', { name: uniqueName() }, { name: uniqueName() }],
    [
      'one name, two namespaces',
      { name: shared, namespace: 'user-1' },
      { name: shared, namespace: 'user-2' },
    ],
  ])('a write on one does not stop the lookups of a list on the other (%s)', async (_, whereA, whereB) => {
    const serverA = { rows: keyedRows(...ids(0, 30)), version: 0 };
    const serverB = { rows: keyedRows(...ids(0, 30)), version: 0 };
    await earlierVisit(whereA.name, serverA, whereA.namespace);
    await earlierVisit(whereB.name, serverB, whereB.namespace);
    const held = heldStore(whereB.name);
    const cacheA = cacheFor(whereA.name, { namespace: whereA.namespace });
    const cacheB = cacheFor(whereB.name, { namespace: whereB.namespace, store: held.store });
    // One list key on each, each on its own QueryClient and server: one dataset key in two stores.
    const { a, b } = await twoLists(cacheA, cacheB, serverA, serverB);
    const release = held.holdNextRead();
    b.list.setWindow({ start: 15, end: 18 });
    await vi.waitFor(() => expect(held.held()).toBe(1));
    expect(a.list.remove('s4').ok).toBe(true);
    await removed(whereA.name, whereA.namespace);
    release();
    await settle();
    // B's page 5 is shown from its cache (stale until revalidated); its pages stay in its store.
    expect(shownRows(b.list.getSnapshot()).slice(15, 18)).toEqual(['s15~', 's16~', 's17~']);
    const kept = await cacheFor(whereB.name, { namespace: whereB.namespace }).read(DATASET, [4, 5, 6]);
    expect([...kept.keys()]).toEqual([4, 5, 6]);
  });
});
