import { type IndexEntry, isFresh } from './cacheIndex.ts';

/** Inputs to {@link chooseCacheEvictions}. */
export interface CacheEvictionInput {
  /** Entries already stored. */
  readonly entries: ReadonlyMap<string, IndexEntry>;
  /** Entries about to be written (key → bytes), in the order they were queued. */
  readonly incoming: ReadonlyMap<string, number>;
  /** Bytes the store may hold after the write. */
  readonly budget: number;
  readonly now: number;
  readonly ttlMs: number;
}

/** What {@link chooseCacheEvictions} decided. */
export interface CacheEvictionPlan {
  /** Stored entries to delete: expired ones, then least recently used until the write fits. */
  readonly evict: string[];
  /** Incoming entries that do not fit even in an empty store; they are not written. */
  readonly rejected: string[];
}

/**
 * Pure eviction policy of the IndexedDB tier. Expired entries always go; then, while the
 * stored bytes plus the incoming ones exceed `budget`, the least recently used stored entry
 * goes (older `storedAt` breaks ties). Incoming entries are never evicted for each other,
 * except that those which alone would overflow an empty budget are rejected.
 *
 * @example
 * chooseCacheEvictions({
 *   entries: new Map([['a', { bytes: 60, storedAt: 0, lastUsed: 1 }], ['b', { bytes: 60, storedAt: 0, lastUsed: 5 }]]),
 *   incoming: new Map([['c', 50]]), budget: 120, now: 10, ttlMs: 1_000,
 * }); // { evict: ['a'], rejected: [] }
 */
export function chooseCacheEvictions(input: CacheEvictionInput): CacheEvictionPlan {
  const { entries, incoming, budget, now, ttlMs } = input;
  const evict: string[] = [];
  const rejected = new Set<string>();
  let incomingBytes = 0;
  for (const [key, bytes] of incoming) {
    if (incomingBytes + bytes > budget) rejected.add(key);
    else incomingBytes += bytes;
  }
  const kept: [string, IndexEntry][] = [];
  let storedBytes = 0;
  for (const [key, entry] of entries) {
    if (incoming.has(key)) {
      // Overwritten in place: its old bytes leave, the new ones are counted as incoming. A
      // rejected write must not leave the old (now superseded) copy behind either.
      if (rejected.has(key)) evict.push(key);
      continue;
    }
    if (!isFresh(entry.storedAt, now, ttlMs)) evict.push(key);
    else {
      kept.push([key, entry]);
      storedBytes += entry.bytes;
    }
  }
  if (storedBytes + incomingBytes <= budget) return { evict, rejected: [...rejected] };
  kept.sort(([, a], [, b]) => a.lastUsed - b.lastUsed || a.storedAt - b.storedAt);
  for (const [key, entry] of kept) {
    if (storedBytes + incomingBytes <= budget) break;
    evict.push(key);
    storedBytes -= entry.bytes;
  }
  return { evict, rejected: [...rejected] };
}

/** What `navigator.storage.estimate()` resolves with (fields may be missing). */
export interface StorageFigures {
  readonly usage?: number | undefined;
  readonly quota?: number | undefined;
}

/**
 * The bytes this cache may hold given the origin's storage estimate: what it holds now plus
 * the free quota, keeping `headroom` (a share of the quota) free for the rest of the app.
 * Infinity when the estimate is unknown.
 *
 * @example
 * storageBudget({ usage: 700, quota: 1_000 }, 200, 0.1); // 200 + (900 − 700) = 400
 */
export function storageBudget(
  estimate: StorageFigures | undefined,
  bytesInCache: number,
  headroom = 0.1,
): number {
  const quota = estimate?.quota;
  const usage = estimate?.usage;
  if (typeof quota !== 'number' || typeof usage !== 'number' || !(quota > 0)) {
    return Number.POSITIVE_INFINITY;
  }
  return bytesInCache + Math.max(0, quota * (1 - headroom) - usage);
}
