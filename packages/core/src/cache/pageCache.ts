// The protocol between a lazy list and a persistent page cache. `idbCache` implements it on
// IndexedDB; a list only calls these methods, so a test (or an app) can supply its own, passed
// through `pageCache()` (which brings the list's side, `cacheTier.ts`; decision 0019).
import type { QueryKey } from '@tanstack/query-core';
// The virtual list produces and consumes saved scroll positions; the cache only stores them.
import type { SavedScroll } from './savedScroll.ts';

/**
 * Where a cache stands. `idle`: not opened yet (opens on first use); `ready`: reads and writes
 * reach IndexedDB; `memory-only`: a fault (quota, IndexedDB unavailable or blocked) stopped
 * persisting, `warning` says why; `off`: `persist: false`, nothing ever touches IndexedDB.
 *
 * @example
 * if (list.getSnapshot().stats.cacheStatus === 'memory-only') showBanner('Offline cache unavailable');
 */
export type CacheStatus = 'idle' | 'ready' | 'memory-only' | 'off';

/** Figures of one cache, as published by `getSnapshot()` (same reference until a change). */
export interface PageCacheSnapshot {
  readonly status: CacheStatus;
  /** Why the cache is memory-only or dropped something, or null. */
  readonly warning: string | null;
  /** Estimated bytes of every entry in the cache's IndexedDB store (all datasets and namespaces). */
  readonly bytes: number;
  /** Entries in the store's index (pages and saved scroll positions). */
  readonly entries: number;
  /** Entries asked for by reads. */
  readonly reads: number;
  /** Entries reads found, fresh and valid. */
  readonly hits: number;
  /** Entries committed to IndexedDB. */
  readonly writes: number;
  /** Entries removed to stay within the byte budget or because they expired. */
  readonly evictions: number;
  /** Entries waiting for the next batched write. */
  readonly pendingWrites: number;
}

/**
 * A page cache a list can use as its persistent tier (`createLazyList({ cache })`).
 *
 * @example
 * const cache: PageCache = idbCache({ name: 'items' });
 * createLazyList({ key: ['items'], source, cache });
 */
export interface PageCache {
  /** Name for messages and stats. */
  readonly name: string;
  /**
   * Reads pages of one dataset in one batched transaction; resolves with the pages found (fresh,
   * valid). Never rejects: a fault reads as a miss.
   */
  read(key: QueryKey, pages: readonly number[]): Promise<ReadonlyMap<number, unknown>>;
  /** Queues a page for the next batched write; resolves with whether it was committed. Never rejects. */
  write(key: QueryKey, page: number, data: unknown, bytes: number): Promise<boolean>;
  /** Removes some pages of a dataset, or all of them (not its saved scroll position). Never rejects. */
  remove(key: QueryKey, pages?: readonly number[]): Promise<void>;
  /**
   * Removes every page of a dataset from `page` on, those an earlier visit stored included: an
   * insert or remove before them moved their items (decision 0061). What leaves is what the cache
   * holds when called: a page written after the call is the list's copy by the new offsets and
   * stays, however late the removal completes (`idbCache` removes no entry a later write
   * replaced). A cache that picks the pages when it gets to removing them drops those copies
   * too: no wrong rows, but entries lost and fetched again. Optional: without it a list removes
   * all of the dataset's pages (`remove(key)`), correct but the pages before `page` are fetched
   * again. Never rejects.
   *
   * @example
   * await cache.removeFrom?.(key, 5); // pages 5, 6, … leave; 0..4 and the scroll position stay
   */
  removeFrom?(key: QueryKey, page: number): Promise<void>;
  /**
   * Stores a list's scroll position (from `virtualList.saveScroll()`) beside its pages, batched
   * like page writes, so a reload lands on the same row without refetching it.
   */
  saveScroll(key: QueryKey, scroll: SavedScroll): void;
  /** The saved scroll position of a dataset (for `createVirtualList({ restore })`), or undefined. Never rejects. */
  loadScroll(key: QueryKey): Promise<SavedScroll | undefined>;
  /** Writes everything queued now instead of at the next idle moment. */
  flush(): Promise<void>;
  /**
   * Deletes every entry, or those of one namespace (e.g. on logout), queued writes included.
   * Resolves with whether IndexedDB holds none of them any more. Never rejects.
   */
  clear(options?: { namespace?: string }): Promise<boolean>;
  subscribe(listener: () => void): () => void;
  getSnapshot(): PageCacheSnapshot;
}
