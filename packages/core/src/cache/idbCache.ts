import { hashKey, type QueryKey } from '@tanstack/query-core';
import { clear, getMany, type UseStore } from 'idb-keyval';
import { optionError } from '../options.ts';
import { estimateValueBytes } from '../store/estimateBytes.ts';
import { Subscribable } from '../subscribable.ts';
import { classifyCacheError, describeCacheError, withTimeout } from './cacheFaults.ts';
import { checkRecord, isFresh, parseIndex } from './cacheIndex.ts';
import { databaseName, type EntrySlot, entryKey, INDEX_KEY, parseEntryKey, STORE_NAME } from './cacheKeys.ts';
import { CacheLedger } from './cacheLedger.ts';
import { CACHE_STORE, createCacheTier } from './cacheTier.ts';
import { CacheWriteQueue } from './cacheWriteQueue.ts';
import { CacheWriter, type CacheWriterHost } from './cacheWriter.ts';
import { registerCache } from './clearCache.ts';
import {
  defaultStore,
  type IdbCacheOptions,
  type ResolvedIdbCacheOptions,
  resolveIdbCacheOptions,
} from './idbCacheOptions.ts';
import { isSavedScroll } from './isSavedScroll.ts';
import { type CarriesTier, LIST_TIER } from './listTier.ts';
import type { CacheStatus, PageCache, PageCacheSnapshot } from './pageCache.ts';
import type { SavedScroll } from './savedScroll.ts';
import { clearMirror, mirrorScroll, readMirroredScroll } from './scrollMirror.ts';

export type { IdbCacheOptions } from './idbCacheOptions.ts';

interface ReadRequest {
  readonly dataset: string;
  readonly slots: readonly EntrySlot[];
  readonly resolve: (found: Map<EntrySlot, unknown>) => void;
}

const UNREADABLE = Symbol('unreadable');
/** A read that failed for a reason not in the value (an aborted transaction, a timeout): a miss. */
const NOT_READ = Symbol('not read');

/**
 * Creates an IndexedDB page cache for `createLazyList({ cache })`, on idb-keyval: one entry per
 * page plus one small index entry, writes batched into one transaction at idle time, reads of a
 * whole window in one transaction, TTL, version, byte budget with LRU eviction, namespaces.
 * Faults never throw: quota errors evict and retry once, then the cache turns memory-only
 * with a warning in its snapshot (and in the lists' stats).
 *
 * @example
 * const cache = idbCache({ name: 'users', version: 3, ttlMs: 3_600_000, maxBytes: 200_000_000, namespace: userId });
 * const list = createLazyList({ key: ['users'], source, cache });
 */
export function idbCache(options: IdbCacheOptions): IdbCache {
  return new IdbCache(options);
}

/**
 * The cache behind {@link idbCache}. Reads wait for the database to open (once); writes queue
 * and go out in one transaction at the next idle moment, or on `flush()`. Flushes, clears and
 * removals run one after another, so they never interleave (`cacheWriter.ts` does all three).
 *
 * @example
 * const cache = idbCache({ name: 'users' });
 * cache.subscribe(() => console.log(cache.getSnapshot().bytes, cache.getSnapshot().warning));
 */
export class IdbCache extends Subscribable implements PageCache, CarriesTier {
  readonly name: string;
  /** The list's side of the cache (decision 0019): it comes with this import. */
  readonly [LIST_TIER] = createCacheTier;
  /**
   * The store this cache reads and writes, for the lists' tiers: two `idbCache` objects of one
   * name and namespace are one cache to the lists (decision 0071). An injected `store` is taken
   * for the database of `name`, as `clearCache` takes it.
   */
  readonly [CACHE_STORE]: string;
  readonly namespace: string;
  readonly #o: ResolvedIdbCacheOptions;
  readonly #ledger = new CacheLedger();
  readonly #queue = new CacheWriteQueue();
  readonly #writer: CacheWriter;
  #store: UseStore | null = null;
  #opening: Promise<boolean> | undefined;
  #status: CacheStatus;
  #warning: string | null = null;
  #readable = true;
  #reads: ReadRequest[] = [];
  readonly #scrolls = new Map<string, SavedScroll>();
  readonly #counts = { reads: 0, hits: 0, writes: 0, evictions: 0 };
  #snapshot: PageCacheSnapshot;

  constructor(options: IdbCacheOptions) {
    super();
    this.#o = resolveIdbCacheOptions(options);
    this.name = this.#o.name;
    this.namespace = this.#o.namespace;
    this[CACHE_STORE] = JSON.stringify([databaseName(this.name), STORE_NAME, this.namespace]);
    this.#writer = new CacheWriter(this.#writerHost());
    this.#status = this.#o.persist ? 'idle' : 'off';
    this.#snapshot = this.#build();
    registerCache(databaseName(this.name), this);
  }

  /** Current figures; the same object until one changes. */
  readonly getSnapshot = (): PageCacheSnapshot => this.#snapshot;

  read(key: QueryKey, pages: readonly number[]): Promise<ReadonlyMap<number, unknown>> {
    return this.#readSlots(hashKey(key), pages) as Promise<ReadonlyMap<number, unknown>>;
  }

  write(key: QueryKey, page: number, data: unknown, bytes: number): Promise<boolean> {
    return this.#writer.enqueue(entryKey(this.namespace, hashKey(key), page), data, bytes);
  }

  async remove(key: QueryKey, pages?: readonly number[]): Promise<void> {
    const dataset = hashKey(key);
    const ours = (entry: string) => {
      const address = parseEntryKey(entry);
      return (
        address?.dataset === dataset && address.namespace === this.namespace && address.slot !== 'scroll'
      );
    };
    if (pages !== undefined) {
      for (const page of pages) this.#queue.remove(entryKey(this.namespace, dataset, page));
      return this.flush();
    }
    for (const entry of this.#queue.entries()) if (ours(entry)) this.#queue.remove(entry);
    // What earlier visits stored is known once the database is open (a cache's first call may be
    // this one); a page written since this call is the newest copy and stays.
    await this.#ready();
    for (const entry of this.#ledger.entries.keys())
      if (ours(entry) && this.#queue.queued(entry) === undefined) this.#queue.remove(entry);
    return this.flush();
  }

  async removeFrom(key: QueryKey, page: number): Promise<void> {
    const dataset = hashKey(key);
    const moved = (entry: string) => {
      const address = parseEntryKey(entry);
      return (
        address?.dataset === dataset && address.namespace === this.namespace && Number(address.slot) >= page
      );
    };
    for (const entry of this.#queue.entries()) if (moved(entry)) this.#queue.remove(entry);
    // The index lists what earlier visits stored once the database is open; a page written since
    // this call is the newest copy (queued), not one that moved.
    await this.#ready();
    for (const entry of this.#ledger.entries.keys())
      if (moved(entry) && this.#queue.queued(entry) === undefined) this.#queue.remove(entry);
    return this.flush();
  }

  saveScroll(key: QueryKey, scroll: SavedScroll): void {
    if (typeof scroll !== 'object' || scroll === null || Array.isArray(scroll)) {
      throw optionError('saveScroll', 'scroll', 'an object { anchorKey, offsetInItem, sizes }', scroll);
    }
    const entry = entryKey(this.namespace, hashKey(key), 'scroll');
    this.#scrolls.set(entry, scroll);
    mirrorScroll(this.#o.scrollMirror, this.#mirrorKey(entry), scroll, this.#o.now());
    void this.#writer.enqueue(entry, scroll, estimateValueBytes(scroll));
  }

  async loadScroll(key: QueryKey): Promise<SavedScroll | undefined> {
    const entry = entryKey(this.namespace, hashKey(key), 'scroll');
    const { scrollMirror, now, ttlMs } = this.#o;
    const remembered =
      this.#scrolls.get(entry) ??
      readMirroredScroll(scrollMirror, this.#mirrorKey(entry), (at) => isFresh(at, now(), ttlMs));
    if (remembered !== undefined) return remembered;
    const value = (await this.#readSlots(hashKey(key), ['scroll'])).get('scroll');
    if (value === undefined || isSavedScroll(value)) return value;
    this.#queue.delete(entry); // not what the virtual list expects: dropped
    this.#writer.requestFlush();
    return undefined;
  }

  flush(): Promise<void> {
    return this.#writer.flush();
  }

  /**
   * The sessionStorage key of a position: per cache, then per version (a new version drops them).
   * The name is escaped (`:` too), so clearing cache `a` leaves cache `a:b`'s positions.
   */
  #mirrorKey(entry: string): string {
    const name = encodeURIComponent(this.name);
    return `lazyflow-scroll:${name}:${entry === '' ? '' : `${String(this.#o.version)}:${entry}`}`;
  }

  clear(options: { namespace?: string } = {}): Promise<boolean> {
    const { namespace } = options;
    if (namespace !== undefined && typeof namespace !== 'string') {
      throw optionError('clear', 'namespace', 'a string', namespace);
    }
    if (namespace === undefined || namespace === this.namespace) {
      this.#queue.dropWrites();
      this.#scrolls.clear();
    }
    // Positions are not per-user data; every namespace's copies go, the cache can read IndexedDB.
    clearMirror(this.#o.scrollMirror, this.#mirrorKey(''));
    return this.#writer.clear(namespace);
  }

  // ── reads ──────────────────────────────────────────────────────────────────────────────

  #readSlots(dataset: string, slots: readonly EntrySlot[]): Promise<Map<EntrySlot, unknown>> {
    if (!this.#o.persist || slots.length === 0) return Promise.resolve(new Map());
    return new Promise((resolve) => {
      this.#reads.push({ dataset, slots, resolve });
      // Every read asked for in the same task shares one getMany transaction.
      if (this.#reads.length === 1) queueMicrotask(() => void this.#runReads());
    });
  }

  async #runReads(): Promise<void> {
    const batch = this.#reads.splice(0);
    const wanted = new Set<string>();
    for (const request of batch) {
      for (const slot of request.slots) {
        const entry = entryKey(this.namespace, request.dataset, slot);
        if (!this.#queue.queued(entry) && !this.#queue.deleting(entry)) wanted.add(entry);
      }
    }
    const found = await this.#fetch([...wanted]);
    for (const request of batch) {
      const result = new Map<EntrySlot, unknown>();
      for (const slot of request.slots) {
        const entry = entryKey(this.namespace, request.dataset, slot);
        // A page queued (or being written) is served from the queue: it is the newest copy.
        const queued = this.#queue.queued(entry);
        const data = queued !== undefined ? queued.record.data : found.get(entry);
        this.#counts.reads += 1;
        if (data !== undefined && !this.#queue.deleting(entry)) {
          this.#counts.hits += 1;
          result.set(slot, data);
        }
      }
      request.resolve(result);
    }
    this.#publish();
  }

  async #fetch(entries: string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    if (entries.length === 0 || !(await this.#ready()) || !this.#readable) return found;
    const values = await this.#getValues(entries);
    if (values === null) return found;
    const now = this.#o.now();
    const expect = { version: this.#o.version, namespace: this.namespace, now, ttlMs: this.#o.ttlMs };
    entries.forEach((entry, i) => {
      if (values[i] === NOT_READ) return;
      const check = values[i] === UNREADABLE ? null : checkRecord(values[i], expect);
      if (check?.kind === 'hit') {
        found.set(entry, check.data);
        const storedAt = this.#ledger.entries.get(entry)?.storedAt ?? check.storedAt;
        this.#ledger.set(entry, { bytes: check.bytes, storedAt, lastUsed: now });
      } else if (check?.kind !== 'absent') {
        this.#queue.delete(entry); // expired, corrupted or unreadable: dropped, the list refetches it
      } else if (this.#ledger.entries.has(entry)) {
        this.#ledger.set(entry, null); // the index outlived its record (another tab, a crash)
      }
    });
    if (this.#ledger.dirty || this.#queue.deletions > 0) this.#writer.requestFlush(); // LRU stamps, drops
    return found;
  }

  /**
   * getMany of `entries`; one unreadable value fails a whole getMany, so retry one by one. Only
   * a value that fails on its own is unreadable (dropped); an aborted or timed-out read is a miss.
   */
  async #getValues(entries: string[]): Promise<unknown[] | null> {
    const store = this.#store as UseStore;
    try {
      return await this.#io(() => getMany(entries, store), 'read');
    } catch (error) {
      if (classifyCacheError(error) === 'unavailable') {
        this.#memoryOnly(`IndexedDB stopped answering (${describeCacheError(error)})`, false);
        return null;
      }
    }
    const values: unknown[] = [];
    for (const entry of entries) {
      try {
        values.push((await this.#io(() => getMany([entry], store), 'read'))[0]);
      } catch (error) {
        const fault = classifyCacheError(error);
        values.push(fault === 'quota' || fault === 'unavailable' ? NOT_READ : UNREADABLE);
      }
    }
    return values;
  }

  // ── open ───────────────────────────────────────────────────────────────────────────────

  #ready(): Promise<boolean> {
    this.#opening ??= this.#open();
    return this.#opening;
  }

  async #open(): Promise<boolean> {
    if (!this.#o.persist) return false;
    const store = this.#o.store ?? defaultStore(this.name);
    if (store === null) {
      this.#memoryOnly('IndexedDB is not available here', false);
      return false;
    }
    this.#store = store;
    try {
      const [raw] = await this.#io(() => getMany([INDEX_KEY], store), 'open');
      const index = parseIndex(raw);
      if (index.kind === 'ok' && index.version === this.#o.version) this.#ledger.load(index.entries);
      else if (index.kind !== 'absent') await this.#io(() => clear(store), 'clear'); // other version or unreadable
    } catch (error) {
      this.#memoryOnly(`IndexedDB could not be opened (${describeCacheError(error)})`, false);
      return false;
    }
    this.#status = 'ready';
    this.#writer.sweep(); // orphans and expired entries are removed at the next idle moment
    this.#publish();
    return true;
  }

  /** After a quota fault the writer asks for a fresh connection (Firefox); an injected store stays. */
  #reopen(): void {
    if (this.#o.store === undefined) this.#store = defaultStore(this.name) ?? this.#store;
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────

  #io<R>(work: () => Promise<R>, what: string): Promise<R> {
    return withTimeout(work, this.#o.timeoutMs, this.#o.timers, what);
  }

  #memoryOnly(reason: string, readable: boolean): void {
    this.#status = 'memory-only';
    this.#readable = this.#readable && readable;
    this.#warning = `${reason}; caching in memory only`;
    this.#queue.dropWrites();
    this.#publish();
  }

  /** The writer's view of this cache: the state it shares, and the status changes it may make. */
  #writerHost(): CacheWriterHost {
    return {
      options: this.#o,
      ledger: this.#ledger,
      queue: this.#queue,
      counts: this.#counts,
      ready: () => this.#ready(),
      store: () => this.#store as UseStore,
      reopen: () => this.#reopen(),
      status: () => this.#status,
      readable: () => this.#readable,
      memoryOnly: (reason, readable) => this.#memoryOnly(reason, readable),
      warn: (message) => {
        this.#warning = message;
      },
      resume: () => {
        if (this.#status !== 'memory-only') return;
        this.#status = 'ready';
        this.#warning = null;
      },
      publish: () => this.#publish(),
    };
  }

  #publish(): void {
    const next = this.#build();
    const previous = this.#snapshot;
    const fields = Object.keys(next) as (keyof PageCacheSnapshot)[];
    if (fields.every((field) => next[field] === previous[field])) return;
    this.#snapshot = next;
    this.notify();
  }

  #build(): PageCacheSnapshot {
    return Object.freeze({
      status: this.#status,
      warning: this.#warning,
      bytes: this.#ledger.bytes,
      entries: this.#ledger.entries.size,
      ...this.#counts,
      pendingWrites: this.#queue.size,
    });
  }
}
