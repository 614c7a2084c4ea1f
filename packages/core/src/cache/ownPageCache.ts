import { optionError } from '../options.ts';
import { createCacheTier } from './cacheTier.ts';
import { type CarriesTier, LIST_TIER } from './listTier.ts';
import type { PageCache } from './pageCache.ts';

const METHODS = [
  'read',
  'write',
  'remove',
  'saveScroll',
  'loadScroll',
  'flush',
  'clear',
  'subscribe',
  'getSnapshot',
] as const;

/**
 * An app's cache that rejects (or throws) where the protocol says "never rejects" would leave the
 * list's lookups waiting for good: its fault reads as a miss, and the list loads from the network.
 */
function safely<R>(call: () => Promise<R> | undefined, fallback: R): Promise<R> {
  try {
    return Promise.resolve(call()).then(
      (value) => value ?? fallback,
      () => fallback,
    );
  } catch {
    return Promise.resolve(fallback);
  }
}

/** The wrapper of each app cache passed to {@link pageCache}: one per cache object (decision 0065). */
const wrappers = new WeakMap<PageCache, PageCache>();

/**
 * Makes your own {@link PageCache} (in memory, over another store, a test double) usable as a
 * list's `cache`. `removeFrom` is optional (decision 0061). The list's side of the cache (lookups
 * before the network, write behind, revalidation) comes with this import, so lists without a
 * cache do not bundle it (decision 0019). Returns an object calling `cache`'s methods, the same
 * one for every call with the same `cache`, so that lists on it hear each other's writes
 * (decision 0065). A cache that already carries the list's side (`idbCache()`, or what this
 * returned) is returned as it is: lists given it bare and wrapped are on one cache (decision
 * 0071). In development builds throws a TypeError naming the first missing method (decision 0054).
 *
 * @example
 * const memory: PageCache = { name: 'memory', read, write, remove, saveScroll, loadScroll, flush, clear, subscribe, getSnapshot };
 * createLazyList({ key: ['users'], source, cache: pageCache(memory) });
 */
export function pageCache(cache: PageCache): PageCache {
  if (process.env.NODE_ENV !== 'production') {
    // The app's cache object is an option: development builds only (decision 0054).
    const record: unknown = cache;
    for (const method of METHODS) {
      const value = typeof record === 'object' && record !== null ? Reflect.get(record, method) : undefined;
      if (typeof value !== 'function') throw optionError('pageCache', method, 'a function', value);
    }
    const removeFrom: unknown = Reflect.get(record as object, 'removeFrom');
    if (removeFrom !== undefined && typeof removeFrom !== 'function')
      throw optionError('pageCache', 'removeFrom', 'a function or undefined', removeFrom);
  }
  if (LIST_TIER in cache) return cache;
  const known = wrappers.get(cache);
  if (known !== undefined) return known;
  const own: PageCache & CarriesTier = {
    get name() {
      return cache.name;
    },
    read: (key, pages) => safely(() => cache.read(key, pages), new Map()),
    write: (key, page, data, bytes) => safely(() => cache.write(key, page, data, bytes), false),
    remove: (key, pages) => safely(() => cache.remove(key, pages), undefined),
    // Optional: without it the tier removes the whole dataset.
    removeFrom: cache.removeFrom && ((key, page) => safely(() => cache.removeFrom?.(key, page), undefined)),
    saveScroll: (key, scroll) => cache.saveScroll(key, scroll),
    loadScroll: (key) => cache.loadScroll(key),
    flush: () => cache.flush(),
    clear: (options) => cache.clear(options),
    subscribe: (listener) => cache.subscribe(listener),
    getSnapshot: () => cache.getSnapshot(),
    [LIST_TIER]: createCacheTier,
  };
  wrappers.set(cache, own);
  return own;
}
