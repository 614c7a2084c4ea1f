import { clear, createStore, delMany, getMany, keys, setMany } from 'idb-keyval';
import { defaultTimers } from '../env/timers.ts';
import { optionError } from '../options.ts';
import { withTimeout } from './cacheFaults.ts';
import { parseIndex, serializeIndex } from './cacheIndex.ts';
import { DATABASE_PREFIX, INDEX_KEY, parseEntryKey, STORE_NAME } from './cacheKeys.ts';
import type { PageCache } from './pageCache.ts';

// Caches created in this page, weakly held so an app that makes one per session does not leak.
const live = new Set<{ readonly database: string; readonly cache: WeakRef<PageCache> }>();

/**
 * Records a cache so {@link clearCache} reaches it (called by `idbCache`).
 *
 * @example
 * registerCache('lazyflow-cache:users', cache);
 */
export function registerCache(database: string, cache: PageCache): void {
  live.add({ database, cache: new WeakRef(cache) });
}

/**
 * Options for {@link clearCache}.
 *
 * @example
 * await clearCache({ namespace: userId }); // on logout: every cache of that user
 */
export interface ClearCacheOptions {
  /** Only this namespace's entries (e.g. the user logging out); every entry when absent. */
  namespace?: string;
  /** Lists databases from earlier visits that no cache in this page opened. Default `indexedDB`. */
  indexedDB?: Pick<IDBFactory, 'databases'> | null;
}

/**
 * What {@link clearCache} did.
 *
 * @example
 * const { cleared, failed } = await clearCache({ namespace: userId });
 * if (failed.length > 0) console.warn('not cleared', failed);
 */
export interface ClearCacheResult {
  /** Databases cleared. */
  readonly cleared: readonly string[];
  /** Databases that could not be cleared (they keep their entries). */
  readonly failed: readonly string[];
}

/**
 * Deletes the entries of every lazyflow cache — those created in this page and, where
 * `indexedDB.databases()` exists, those left by earlier visits — or only one namespace's.
 * Never rejects; the result names any database that could not be cleared.
 *
 * @example
 * async function logout(userId: string) {
 *   await clearCache({ namespace: userId });
 * }
 */
export async function clearCache(options: ClearCacheOptions = {}): Promise<ClearCacheResult> {
  const { namespace } = options;
  if (namespace !== undefined && typeof namespace !== 'string') {
    throw optionError('clearCache', 'namespace', 'a string', namespace);
  }
  const cleared: string[] = [];
  const failed: string[] = [];
  const done = new Set<string>();
  for (const entry of [...live]) {
    const cache = entry.cache.deref();
    if (cache === undefined) {
      live.delete(entry);
      continue;
    }
    const ok = await cache.clear(namespace === undefined ? {} : { namespace });
    // persist: false never opens its database; what an earlier visit left there is cleared below.
    if (cache.getSnapshot().status === 'off') continue;
    if (!done.has(entry.database)) (ok ? cleared : failed).push(entry.database);
    done.add(entry.database);
  }
  const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
  if (typeof factory?.databases !== 'function') return { cleared, failed };
  let names: string[];
  try {
    names = (await factory.databases()).map((db) => db.name ?? '');
  } catch {
    return { cleared, failed };
  }
  for (const database of names) {
    if (!database.startsWith(DATABASE_PREFIX) || done.has(database)) continue;
    try {
      // A database blocked by another tab must not hang a logout.
      await withTimeout(() => clearDatabase(database, namespace), 3_000, defaultTimers, 'clear');
      cleared.push(database);
    } catch {
      failed.push(database);
    }
  }
  return { cleared, failed };
}

async function clearDatabase(database: string, namespace: string | undefined): Promise<void> {
  const store = createStore(database, STORE_NAME);
  if (namespace === undefined) return clear(store);
  const doomed = (await keys(store)).filter((key) => parseEntryKey(key)?.namespace === namespace);
  if (doomed.length === 0) return;
  await delMany(doomed, store);
  const [raw] = await getMany([INDEX_KEY], store);
  const index = parseIndex(raw);
  if (index.kind !== 'ok') return;
  for (const key of doomed) index.entries.delete(key as string);
  await setMany([[INDEX_KEY, serializeIndex(index.version, index.entries)]], store);
}
