import { hashKey, onlineManager, type QueryKey } from '@tanstack/query-core';
import type { PagePriority, PageRequest } from '../planner/planWindow.ts';
import { isPageData } from '../sources/pageData.ts';
import type { LazyListSource } from '../sources/source.ts';
import type { PageCache, PageCacheSnapshot } from './pageCache.ts';
import type { SavedScroll } from './savedScroll.ts';

/**
 * What a {@link CacheTier} reads of its list: the list's load loop itself (`PageFlow` passes
 * `this`), typed by the part the tier uses.
 */
export interface CacheTierFlow {
  /** The list's generation; a read started before a reset is dropped. */
  readonly generation: number;
  /** `get(page)?.items`: the list holds items for `page`, fresh or stale. */
  readonly store: { get(page: number): { readonly items?: unknown } | undefined };
  /** `has(page)`: the QueryClient already holds `page` (a remount with a shared client): no lookup needed. */
  readonly queries: { has(page: number): boolean };
  /** `publish(false)`: the cache's figures changed, or a write was committed. */
  readonly snapshots: { publish(visibleChanged: boolean): void };
  readonly stats: { add(counter: 'cacheReads' | 'cacheWrites'): void };
}

/**
 * What a {@link CacheTier} calls in its list (the list's own functions, given the flow: `cache/`
 * does not import `list/`).
 */
export interface CacheTierCalls<F> {
  /**
   * A page found in the cache, as the source returned it: true if shown; false if the list kept
   * fresher data; 'outdated' if it is of an older version of a dataset that moved (a miss: the
   * network brings the page).
   */
  onCached(flow: F, page: number, data: unknown): boolean | 'outdated';
  /** A batch of lookups finished; `missed` pages need the network. */
  onChecked(flow: F, missed: readonly { readonly page: number; readonly priority: PagePriority }[]): void;
  /** The browser is back online: pages that failed meanwhile (showing stale cached items) retry. */
  retry(): void;
}

/**
 * The pages' dataset key in the cache: the list key plus what gives page numbers their meaning
 * (page size, bucket width, starting cursor), so a changed page size never reads old pages.
 *
 * @example
 * cacheDatasetKey(['users'], offsetSource({ pageSize: 100, fetchPage })); // ['users', 'lazyflow:pages', 'offset', 100]
 */
export function cacheDatasetKey<T>(key: QueryKey, source: LazyListSource<T>): QueryKey {
  const identity =
    source.kind === 'offset'
      ? [source.pageSize]
      : source.kind === 'cursor'
        ? [source.pageSize, source.initialCursor, source.initialDirection]
        : source.kind === 'range'
          ? [source.bucket]
          : [source.options.url.href];
  return [...key, 'lazyflow:pages', source.kind, ...identity];
}

/**
 * Wires one list to its persistent cache. Carried by the caches a list accepts (`idbCache`,
 * `pageCache`; decision 0019), so a list without a cache does not bundle it. Before the network, every page a plan wants that is
 * not in memory is looked up, all of one plan in one batched read. Pages found are shown stale;
 * only visible ones are revalidated (prefetched ones wait until they become visible). Network
 * pages are written behind.
 */
export class CacheTier<F extends CacheTierFlow = CacheTierFlow> {
  readonly #cache: PageCache;
  readonly #key: QueryKey;
  /** The list's key: its saved scroll position's (`saveScroll(key, …)`). */
  readonly #listKey: QueryKey;
  readonly #kind: LazyListSource<unknown>['kind'];
  readonly #flow: F;
  readonly #calls: CacheTierCalls<F>;
  /** Pages with a lookup running, and the priority they were wanted at. */
  readonly #pending = new Map<number, PagePriority>();
  /** Pages the cache did not have (until written or reset). */
  readonly #missed = new Set<number>();
  /** Pages in memory that came from the cache and were not revalidated yet. */
  readonly #fromCache = new Set<number>();
  /** The first page moved by a write whose removal from the cache is not done: not looked up from there. */
  #moved = Number.POSITIVE_INFINITY;
  #unsubscribe: (() => void) | undefined;
  #unwatchOnline: (() => void) | undefined;

  /** `key`: the pages' dataset key, from {@link cacheDatasetKey}; `listKey`: the list's. */
  constructor(
    cache: PageCache,
    key: QueryKey,
    kind: LazyListSource<unknown>['kind'],
    flow: F,
    calls: CacheTierCalls<F>,
    listKey: QueryKey,
  ) {
    this.#cache = cache;
    this.#key = key;
    this.#listKey = listKey;
    this.#kind = kind;
    this.#flow = flow;
    this.#calls = calls;
  }

  attach(): void {
    this.#unsubscribe ??= this.#cache.subscribe(() => this.#flow.snapshots.publish(false));
    this.#unwatchOnline ??= onlineManager.subscribe((online) => online && this.#calls.retry());
    const store = storeOf(this.#cache);
    attached.set(store, (attached.get(store) ?? new Set()).add(this as CacheTier));
  }

  detach(): void {
    const store = storeOf(this.#cache);
    const tiers = attached.get(store);
    if (tiers?.delete(this as CacheTier) && tiers.size === 0) attached.delete(store);
    this.#unsubscribe?.();
    this.#unwatchOnline?.();
    this.#unsubscribe = undefined;
    this.#unwatchOnline = undefined;
  }

  /** Whether `page` has a lookup running (it is neither loaded nor fetched meanwhile). */
  isPending(page: number): boolean {
    return this.#pending.has(page);
  }

  /** Splits requests: those for the network now are returned; one read starts for pages never looked up. */
  route(requests: readonly PageRequest[]): PageRequest[] {
    const network: PageRequest[] = [];
    const lookup: number[] = [];
    for (const request of requests) {
      const { page, priority } = request;
      if (this.#pending.has(page)) continue;
      if (this.#fromCache.has(page) && this.#hasItems(page)) {
        if (priority === 'visible') network.push(request); // revalidate what is on screen only
      } else if (
        page < this.#moved &&
        !this.#missed.has(page) &&
        !this.#hasItems(page) &&
        !this.#flow.queries.has(page)
      ) {
        this.#pending.set(page, priority);
        lookup.push(page);
      } else network.push(request);
    }
    if (lookup.length > 0) this.#read(lookup);
    return network;
  }

  /** A page arrived from the network (`persist`: fresh from the source, not from a query cache). */
  landed(page: number, data: unknown, bytes: number, persist: boolean): void {
    this.#fromCache.delete(page);
    this.#missed.delete(page); // after an eviction, the lookup finds it in the cache
    if (!persist) return;
    void this.#cache.write(this.#key, page, data, bytes).then((written) => {
      if (!written) return;
      this.#flow.stats.add('cacheWrites');
      this.#flow.snapshots.publish(false);
    });
  }

  /**
   * Deletes every page from `from` on, an earlier visit's too: an insert or remove before them
   * moved their items, so they are fetched again (decision 0061). A cache without `removeFrom`
   * drops the whole dataset. A lookup running for one reads a miss; none starts from `from` on
   * until the cache has removed them. The same for every list on the dataset and this cache
   * (subscribed): they share the QueryClient's pages, not their lookups (decision 0065). A cache
   * is its store when it names one ({@link CACHE_STORE}), else its object (decision 0071).
   */
  forget(from: number): void {
    const dataset = hashKey(this.#key);
    const told = new Map<CacheTier, number>();
    const caches = new Set<PageCache>();
    for (const tier of new Set([this as CacheTier, ...(attached.get(storeOf(this.#cache)) ?? [])]))
      if (hashKey(tier.#key) === dataset) {
        told.set(tier, tier.#stop(from));
        caches.add(tier.#cache);
      }
    // Two objects over one store each queue their own writes: each cancels its own (decision 0071).
    const removals = [...caches].map(
      (cache) => cache.removeFrom?.(this.#key, from) ?? cache.remove(this.#key),
    );
    void Promise.all(removals).then(() => {
      for (const [tier, moved] of told) if (tier.#moved === moved) tier.#moved = Number.POSITIVE_INFINITY;
    });
  }

  /** Lookups from `from` on read misses and none starts (until `#moved` is reset); returns `#moved`. */
  #stop(from: number): number {
    for (const page of [...this.#fromCache, ...this.#pending.keys()]) {
      if (page < from) continue;
      this.#fromCache.delete(page);
      this.#missed.add(page);
    }
    this.#moved = Math.min(this.#moved, from);
    return this.#moved;
  }

  /**
   * Moves the scroll position saved for the list's key by a write of the list: `by` rows
   * inserted (> 0) or removed (< 0) at `index`. Only an index anchor (no `anchorItemKey`; a
   * restore follows an item key itself): from `index` on it moves with its row, so a reload or a
   * restore lands on the row the user read; the measured sizes move too. The moves of one cache
   * run one after another, each reading the position the last one saved.
   */
  moveScroll(index: number, by: number): void {
    const cache = this.#cache;
    const key = this.#listKey;
    const moved = (scrollMoves.get(cache) ?? Promise.resolve())
      .then(() => cache.loadScroll(key))
      .then((saved) => {
        if (saved !== undefined && saved.anchorItemKey === undefined)
          cache.saveScroll(key, movedScroll(saved, index, by));
      })
      .catch(() => {}); // an app's cache that rejects keeps its position
    scrollMoves.set(cache, moved);
  }

  /** Forgets lookups (refresh/invalidate); `drop` also deletes the dataset's cached pages. */
  reset(drop: boolean): void {
    this.#pending.clear();
    this.#missed.clear();
    this.#fromCache.clear();
    if (drop) void this.#cache.remove(this.#key);
  }

  /** The cache's figures for the list's stats. */
  gauges(): { bytesInCache: number; cacheStatus: PageCacheSnapshot['status']; cacheWarning: string | null } {
    const { bytes, status, warning } = this.#cache.getSnapshot();
    return { bytesInCache: bytes, cacheStatus: status, cacheWarning: warning };
  }

  #hasItems(page: number): boolean {
    return this.#flow.store.get(page)?.items !== undefined;
  }

  #read(pages: number[]): void {
    const flow = this.#flow;
    const { generation } = flow;
    void this.#cache.read(this.#key, pages).then((found) => {
      if (generation !== flow.generation) return; // a reset came first; #pending was cleared
      const missed: { page: number; priority: PagePriority }[] = [];
      const corrupted: number[] = [];
      for (const page of pages) {
        const priority = this.#pending.get(page) ?? 'background';
        this.#pending.delete(page);
        const data = this.#missed.has(page) ? undefined : found.get(page); // moved meanwhile: a miss
        if (data !== undefined && isPageData(this.#kind, data)) {
          this.#fromCache.add(page);
          const used = this.#calls.onCached(flow, page, data);
          if (used === true) {
            flow.stats.add('cacheReads');
            continue;
          }
          this.#fromCache.delete(page);
          if (used === false) continue;
          // 'outdated': of a dataset that moved since, so a miss (the entry is overwritten once fetched)
        } else if (data !== undefined) corrupted.push(page);
        this.#missed.add(page);
        missed.push({ page, priority });
      }
      if (corrupted.length > 0) void this.#cache.remove(this.#key, corrupted);
      this.#calls.onChecked(flow, missed);
    });
  }
}

/**
 * Where a cache names the store it reads and writes (`idbCache`: its database, object store and
 * namespace), so that lists on two cache objects over one store are lists on one cache: a write's
 * removal stops the lookups of both (decision 0071). A cache without it is its own object.
 *
 * @internal
 * @example
 * const store = (cache as Partial<Record<typeof CACHE_STORE, string>>)[CACHE_STORE] ?? cache;
 */
export const CACHE_STORE: unique symbol = Symbol('lazyflow.cacheStore');

/** What a cache is to the tiers: the store it names, else the object itself. */
const storeOf = (cache: PageCache): unknown =>
  (cache as Partial<Record<typeof CACHE_STORE, string>>)[CACHE_STORE] ?? cache;

/**
 * The tiers of the subscribed lists on each cache (by {@link storeOf}): a write's removal tells
 * them all. A store leaves with its last tier, so a cache object of the app's is not kept.
 */
const attached = new Map<unknown, Set<CacheTier>>();

/** The last scroll move of each cache (they run in turn). */
const scrollMoves = new WeakMap<PageCache, Promise<void>>();

/** `saved` (an index anchor) after `by` rows were inserted (> 0) or removed (< 0) at `index`. */
function movedScroll(saved: SavedScroll, index: number, by: number): SavedScroll {
  // Rows removed are `index .. index - by - 1`; the anchor's row removed: the next row, at its top.
  const row = (r: number) => (r < index ? r : r < index - by ? undefined : r + by);
  const anchor = row(saved.anchorKey);
  return {
    ...saved,
    anchorKey: anchor ?? index,
    offsetInItem: anchor === undefined ? 0 : saved.offsetInItem,
    sizes: saved.sizes.flatMap(([r, size]) => {
      const to = row(r);
      return to === undefined ? [] : [[to, size] as const];
    }),
  };
}

/**
 * Builds the tier of one list over `cache` (what `idbCache` and `pageCache` carry under
 * `LIST_TIER`, decision 0019).
 *
 * @example
 * const tier = createCacheTier(idbCache({ name: 'users' }), ['users'], source, flow, { onCached, onChecked, retry });
 */
export function createCacheTier<T, F extends CacheTierFlow>(
  cache: PageCache,
  key: QueryKey,
  source: LazyListSource<T>,
  flow: F,
  calls: CacheTierCalls<F>,
): CacheTier<F> {
  return new CacheTier(cache, cacheDatasetKey(key, source), source.kind, flow, calls, key);
}
