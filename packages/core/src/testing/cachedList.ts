// A lazy list with a persistent tier, against an in-memory PageCache: the fixtures of
// list/cacheTier.test.ts and list/pressureTier.test.ts (the IndexedDB cache itself is tested in
// Chromium: idbCache.browser.test.ts).
import { hashKey, type QueryKey } from '@tanstack/query-core';
import { cacheDatasetKey } from '../cache/cacheTier.ts';
import { pageCache } from '../cache/ownPageCache.ts';
import type { PageCache, PageCacheSnapshot } from '../cache/pageCache.ts';
import type { SavedScroll } from '../cache/savedScroll.ts';
import { createLazyList } from '../list/createLazyList.ts';
import type { LazyList } from '../list/LazyList.ts';
import { setDefaultMemoryMonitor } from '../memory/defaultMemoryMonitor.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { arraySource } from './arraySource.ts';
import { deferred } from './modelHarness.ts';

export interface Row {
  id: number;
  from: 'network' | 'cache';
}

export const PAGE = 10;
export const KEY = ['rows'];
export const row = (id: number, from: Row['from']): Row => ({ id, from });
export const pageOf = (page: number, from: Row['from']) => ({
  items: Array.from({ length: PAGE }, (_, i) => row(page * PAGE + i, from)),
  total: 1_000,
});

/**
 * A PageCache in a Map. `hold()` holds reads before they read until released; `holdAnswers()`
 * holds the answers of reads that have read (the pages as they were), `holdRemovals()` holds
 * `removeFrom`'s deletion (of the pages held when it was called: a page written since stays, as
 * its contract says). `removeFrom`: with the optional method (decision 0061); without it a list
 * removes the whole dataset. Scroll positions are kept by key (`saveScroll`, `loadScroll`).
 */
export function fakeCache({ removeFrom = false } = {}) {
  const entries = new Map<string, unknown>();
  const scrolls = new Map<string, SavedScroll>();
  const reads: number[][] = [];
  const removed: number[] = [];
  let gate: Promise<void> = Promise.resolve();
  // Held only once asked (no extra await otherwise: the lists' timing stays the one they were tested with).
  let answers: Promise<void> | null = null;
  let removals: Promise<void> | null = null;
  const id = (key: QueryKey, page: number) => `${hashKey(key)}#${page}`;
  const snapshot: PageCacheSnapshot = {
    status: 'ready',
    warning: null,
    bytes: 0,
    entries: 0,
    reads: 0,
    hits: 0,
    writes: 0,
    evictions: 0,
    pendingWrites: 0,
  };
  const cache: PageCache = {
    name: 'fake',
    async read(key, pages) {
      reads.push([...pages]);
      await gate;
      const found = new Map<number, unknown>();
      for (const page of pages) if (entries.has(id(key, page))) found.set(page, entries.get(id(key, page)));
      if (answers) await answers;
      return found;
    },
    async write(key, page, data) {
      entries.set(id(key, page), data);
      return true;
    },
    async remove(key, pages) {
      for (const entry of [...entries.keys()]) {
        const [dataset, page] = entry.split('#');
        if (dataset === hashKey(key) && (pages === undefined || pages.includes(Number(page)))) {
          entries.delete(entry);
          removed.push(Number(page));
        }
      }
    },
    ...(removeFrom && {
      async removeFrom(key: QueryKey, from: number) {
        // The pages held when asked leave (held or not); one written since is the newest copy and stays.
        const doomed = [...entries].filter(([entry]) => {
          const [dataset, page] = entry.split('#');
          return dataset === hashKey(key) && Number(page) >= from;
        });
        if (removals) await removals;
        for (const [entry, data] of doomed) {
          if (entries.get(entry) !== data) continue;
          entries.delete(entry);
          removed.push(Number(entry.split('#')[1]));
        }
      },
    }),
    saveScroll: (key, scroll) => void scrolls.set(hashKey(key), scroll),
    loadScroll: async (key) => scrolls.get(hashKey(key)),
    flush: async () => {},
    clear: async () => true,
    subscribe: () => () => {},
    getSnapshot: () => snapshot,
  };
  const datasetKey = cacheDatasetKey(KEY, arraySource([], { pageSize: PAGE }));
  return {
    bare: cache,
    // A PageCache of the app's own goes through pageCache(), which brings the list's side (decision 0019).
    cache: pageCache(cache),
    reads,
    removed,
    seed: (page: number, data: unknown = pageOf(page, 'cache'), key: QueryKey = datasetKey) =>
      entries.set(id(key, page), data),
    has: (page: number, key: QueryKey = datasetKey) => entries.has(id(key, page)),
    /** The data the cache holds for `page` of the dataset `key`, or undefined. */
    get: (page: number, key: QueryKey = datasetKey) => entries.get(id(key, page)),
    hold: () => {
      const { promise, resolve } = deferred<void>();
      gate = promise;
      return resolve;
    },
    holdAnswers: () => {
      const { promise, resolve } = deferred<void>();
      answers = promise;
      return resolve;
    },
    holdRemovals: () => {
      const { promise, resolve } = deferred<void>();
      removals = promise;
      return resolve;
    },
  };
}

/** A network whose responses the test releases (or fails). */
export function network() {
  const calls: number[] = [];
  const pending = new Map<number, { resolve: () => void; reject: (error: unknown) => void }>();
  const fetchPage = ({ page }: OffsetFetchParams) => {
    calls.push(page);
    return new Promise<ReturnType<typeof pageOf>>((resolve, reject) => {
      pending.set(page, { resolve: () => resolve(pageOf(page, 'network')), reject });
    });
  };
  const respond = (page: number) => pending.get(page)?.resolve();
  const fail = (page: number) => pending.get(page)?.reject(new TypeError('Failed to fetch'));
  return { calls, fetchPage, respond, fail };
}

/** Lets promise chains run, then the 1 ms fold of background changes into the snapshot. */
export async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setTimeout(resolve, 5));
}

export const lists: LazyList<unknown>[] = [];
export function open(
  fetchPage: ReturnType<typeof network>['fetchPage'],
  options: Partial<Parameters<typeof createLazyList<Row>>[0]>,
) {
  const list = createLazyList<Row>({
    key: KEY,
    source: offsetSource({ pageSize: PAGE, fetchPage }),
    prefetch: 2,
    statsInterval: 1,
    retry: { attempts: 1 },
    ...options,
  });
  lists.push(list as LazyList<unknown>);
  list.subscribe(() => {});
  return list;
}

/** Destroys the lists `open` made (and ones a test pushed to `lists`), and resets the default monitor: `afterEach(closeLists)`. */
export function closeLists(): void {
  for (const list of lists.splice(0)) list.destroy();
  setDefaultMemoryMonitor(null);
}
