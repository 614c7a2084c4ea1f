import { createStore, type UseStore } from 'idb-keyval';
import { defaultIdleSchedule, type IdleSchedule } from '../env/idleSchedule.ts';
import { defaultTimers, type Timers } from '../env/timers.ts';
import {
  assertFunction,
  assertObject,
  assertPositiveInteger,
  assertPositiveNumber,
  optionError,
} from '../options.ts';
import type { CacheVersion } from './cacheIndex.ts';
import { databaseName, STORE_NAME } from './cacheKeys.ts';
import type { StorageFigures } from './chooseCacheEvictions.ts';
import { defaultScrollMirror, type ScrollMirror } from './scrollMirror.ts';

/**
 * Options for `idbCache`.
 *
 * @example
 * const cache = idbCache({ name: 'items', version: 1, ttlMs: 3_600_000, maxBytes: 50_000_000, namespace: userId });
 */
export interface IdbCacheOptions {
  // Required from the user
  /** Cache name; its IndexedDB database is `lazyflow-cache:<name>`. Create one `idbCache` per name and share it. */
  name: string;

  // Optional
  /** Entries written under another version are dropped when the cache opens. Default 1. */
  version?: CacheVersion;
  /** Entries older than this are never served. Default 86,400,000 (one day). */
  ttlMs?: number;
  /** Byte budget of the store (all datasets and namespaces); least recently used entries go first. Default 100,000,000. */
  maxBytes?: number;
  /** Keeps one user's entries from being served to another (e.g. a user id). Default ''. */
  namespace?: string;
  /** `false` keeps the data out of IndexedDB entirely (sensitive data). Default true. */
  persist?: boolean;
  /** An IndexedDB operation taking longer than this counts as "IndexedDB blocked": memory-only. Default 3,000 ms. */
  timeoutMs?: number;

  // Environment (browser defaults)
  /** The idb-keyval store. Default `createStore('lazyflow-cache:<name>', 'pages')`, opened on first use. */
  store?: UseStore;
  /** Consulted for the origin's free quota. Default `navigator.storage`; null to ignore. */
  storage?: { estimate(): Promise<StorageFigures> } | null;
  /**
   * Keeps a synchronous copy of saved scroll positions, so a reload right after scrolling lands
   * on the row even though the IndexedDB write did not finish. Default `sessionStorage` (none
   * with `persist: false`); null for none.
   */
  scrollMirror?: ScrollMirror | null;
  /** Runs the batched write off the hot path. Default `requestIdleCallback` (1 s deadline) or a 50 ms timer. */
  schedule?: IdleSchedule;
  /** Wall clock for TTLs and LRU (must survive reloads). Default `Date.now`. */
  now?: () => number;
  timers?: Timers;
}

/** {@link IdbCacheOptions} with every default filled in. */
export interface ResolvedIdbCacheOptions {
  readonly name: string;
  readonly namespace: string;
  readonly version: CacheVersion;
  readonly ttlMs: number;
  readonly maxBytes: number;
  readonly persist: boolean;
  readonly timeoutMs: number;
  /** The injected store; undefined = the default one, opened (and reopened) by the cache. */
  readonly store: UseStore | undefined;
  /** The injected storage; undefined = `navigator.storage`, looked up when used. */
  readonly storage: { estimate(): Promise<StorageFigures> } | null | undefined;
  readonly scrollMirror: ScrollMirror | null;
  readonly schedule: IdleSchedule;
  readonly now: () => number;
  readonly timers: Timers;
}

const OWNER = 'idbCache';

/**
 * Fills `idbCache`'s defaults; in development builds (decision 0054) first throws a TypeError
 * naming a bad option.
 *
 * @example
 * resolveIdbCacheOptions({ name: 'users' }).ttlMs; // 86_400_000
 */
export function resolveIdbCacheOptions(options: IdbCacheOptions): ResolvedIdbCacheOptions {
  if (process.env.NODE_ENV !== 'production') checkIdbCacheOptions(options);
  const { name, version = 1, ttlMs = 86_400_000, maxBytes = 100_000_000, namespace = '' } = options;
  const { persist = true, timeoutMs = 3_000 } = options;
  return {
    name,
    namespace,
    version,
    ttlMs,
    maxBytes,
    persist,
    timeoutMs,
    store: options.store,
    storage: options.storage,
    scrollMirror: persist
      ? options.scrollMirror === undefined
        ? defaultScrollMirror()
        : options.scrollMirror
      : null,
    schedule: options.schedule ?? defaultIdleSchedule,
    now: options.now ?? Date.now,
    timers: options.timers ?? defaultTimers,
  };
}

/**
 * The default store of a cache, or null where IndexedDB does not exist (SSR, some private
 * modes, workers without it). Nothing opens before the store's first use.
 *
 * @example
 * const store = defaultStore('users'); // createStore('lazyflow-cache:users', 'pages')
 */
export function defaultStore(name: string): UseStore | null {
  return typeof globalThis.indexedDB === 'undefined' || globalThis.indexedDB === null
    ? null
    : createStore(databaseName(name), STORE_NAME);
}

/**
 * `navigator.storage` where it can estimate, looked up at call time; else null.
 *
 * @example
 * const figures = await defaultStorage()?.estimate();
 */
export function defaultStorage(): { estimate(): Promise<StorageFigures> } | null {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  return typeof storage?.estimate === 'function' ? storage : null;
}

/**
 * Throws a TypeError naming the first bad option of `idbCache` (an option left out is checked as
 * its default). Development builds only (decision 0054).
 */
function checkIdbCacheOptions(options: IdbCacheOptions): void {
  assertObject(OWNER, 'options', options);
  const {
    name,
    version = 1,
    ttlMs = 1,
    maxBytes = 1,
    namespace = '',
    persist = true,
    timeoutMs = 1,
  } = options;
  if (typeof name !== 'string' || name === '') throw optionError(OWNER, 'name', 'a non-empty string', name);
  if (typeof version !== 'number' && typeof version !== 'string') {
    throw optionError(OWNER, 'version', 'a number or a string', version);
  }
  assertPositiveNumber(OWNER, 'ttlMs', ttlMs);
  assertPositiveNumber(OWNER, 'maxBytes', maxBytes);
  if (typeof namespace !== 'string') throw optionError(OWNER, 'namespace', 'a string', namespace);
  if (typeof persist !== 'boolean') throw optionError(OWNER, 'persist', 'a boolean', persist);
  assertPositiveInteger(OWNER, 'timeoutMs', timeoutMs);
  for (const fn of ['store', 'schedule', 'now'] as const) {
    if (options[fn] !== undefined) assertFunction(OWNER, fn, options[fn]);
  }
  if (options.storage != null && typeof options.storage.estimate !== 'function') {
    throw optionError(OWNER, 'storage', 'an object with estimate(), or null', options.storage);
  }
}
