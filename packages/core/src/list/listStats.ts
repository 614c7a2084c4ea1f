import type { CacheStatus } from '../cache/pageCache.ts';
import type { MemoryLevel } from '../memory/memoryLevel.ts';
import type { LoadStrategy } from '../sources/chooseStrategy.ts';

/**
 * Counters published in `snapshot.stats`.
 *
 * @example
 * const { requests, hitRate, evictions } = list.getSnapshot().stats;
 */
export interface LazyListStats {
  /**
   * Page loads started (query function calls), retries included: one per page asked of the
   * source. Not HTTP requests: one request can fill several pages (an eager source's whole
   * dataset, `pageSize: autoPageSize` batches, an `autoSource` stream), so count those where the
   * source calls the network (e.g. `autoSource`'s `fetch` option).
   */
  readonly requests: number;
  /** Fetches running now. */
  readonly inFlight: number;
  /** Pages needed by the window that were already in memory or in the query cache. */
  readonly cacheHits: number;
  /** Pages needed by the window that had to be fetched. */
  readonly cacheMisses: number;
  /** cacheHits / (cacheHits + cacheMisses), 0 before any. */
  readonly hitRate: number;
  readonly retries: number;
  /** Pages that ended in an error state. */
  readonly errors: number;
  readonly evictions: number;
  readonly bytesInMemory: number;
  readonly pagesInMemory: number;
  /** Mean duration of successful network fetches, in ms. */
  readonly avgLatencyMs: number;
  /** Items received per second of time with at least one fetch running. */
  readonly itemsPerSecond: number;
  /** Pages this list got from its IndexedDB cache (shown stale; also counted in `cacheHits`). */
  readonly cacheReads: number;
  /** Pages this list wrote to its IndexedDB cache (committed). */
  readonly cacheWrites: number;
  /** Estimated bytes the list's cache holds in IndexedDB (every dataset of that cache); 0 without one. */
  readonly bytesInCache: number;
  /** The cache's status (`'none'` without a cache). */
  readonly cacheStatus: CacheStatus | 'none';
  /** Why the cache is memory-only or dropped entries (quota, IndexedDB unavailable…), or null. */
  readonly cacheWarning: string | null;
  /** The memory pressure level the list obeys (`'ok'` without a monitor). */
  readonly memoryLevel: MemoryLevel;
  /** Items one request asks for now (it adapts with `pageSize: autoPageSize`; 0 for range sources). */
  readonly pageSize: number;
  /** How the list loads: `autoSource`'s choice (null until its probe answered), else the source's kind. */
  readonly strategy: LoadStrategy | null;
  /** Why `autoSource` chose `strategy` (and why its stream stopped, if it did); null for other sources. */
  readonly strategyReason: string | null;
}

/** Figures a list reads from its store, cache and monitor when it builds a snapshot. */
export type StatsGauges = Pick<
  LazyListStats,
  | 'bytesInMemory'
  | 'pagesInMemory'
  | 'bytesInCache'
  | 'cacheStatus'
  | 'cacheWarning'
  | 'memoryLevel'
  | 'pageSize'
  | 'strategy'
  | 'strategyReason'
>;

/** Gauges of a list without cache or monitor. */
export const NO_GAUGES: StatsGauges = Object.freeze({
  bytesInMemory: 0,
  pagesInMemory: 0,
  bytesInCache: 0,
  cacheStatus: 'none',
  cacheWarning: null,
  memoryLevel: 'ok',
  pageSize: 0,
  strategy: null,
  strategyReason: null,
});

type Counter =
  | 'requests'
  | 'cacheHits'
  | 'cacheMisses'
  | 'retries'
  | 'errors'
  | 'evictions'
  | 'cacheReads'
  | 'cacheWrites';

/**
 * Mutable accumulator behind {@link LazyListStats}; `read()` returns an immutable copy.
 *
 * @example
 * const stats = new StatsCounter(() => performance.now());
 * stats.add('requests');
 * stats.read(NO_GAUGES).requests; // 1
 */
export class StatsCounter {
  readonly #now: () => number;
  readonly #counts: Record<Counter, number> = {
    requests: 0,
    cacheHits: 0,
    cacheMisses: 0,
    retries: 0,
    errors: 0,
    evictions: 0,
    cacheReads: 0,
    cacheWrites: 0,
  };
  #inFlight = 0;
  #latencyTotal = 0;
  #latencyCount = 0;
  #items = 0;
  #busyMs = 0;
  #busySince: number | undefined;

  constructor(now: () => number) {
    this.#now = now;
  }

  add(counter: Counter, amount = 1): void {
    this.#counts[counter] += amount;
  }

  /** Records a successful network fetch. */
  fetched(latencyMs: number, items: number): void {
    this.#latencyTotal += latencyMs;
    this.#latencyCount += 1;
    this.#items += items;
  }

  /** Tracks running fetches and the busy time `itemsPerSecond` is measured over. */
  setInFlight(running: number): void {
    if (this.#inFlight === 0 && running > 0) this.#busySince = this.#now();
    if (this.#inFlight > 0 && running === 0 && this.#busySince !== undefined) {
      this.#busyMs += this.#now() - this.#busySince;
      this.#busySince = undefined;
    }
    this.#inFlight = running;
  }

  read(gauges: StatsGauges): LazyListStats {
    const { cacheHits, cacheMisses } = this.#counts;
    const busyMs = this.#busyMs + (this.#busySince === undefined ? 0 : this.#now() - this.#busySince);
    return {
      ...this.#counts,
      inFlight: this.#inFlight,
      hitRate: cacheHits + cacheMisses === 0 ? 0 : cacheHits / (cacheHits + cacheMisses),
      ...gauges,
      avgLatencyMs: this.#latencyCount === 0 ? 0 : this.#latencyTotal / this.#latencyCount,
      itemsPerSecond: busyMs <= 0 ? 0 : (this.#items * 1000) / busyMs,
    };
  }
}
