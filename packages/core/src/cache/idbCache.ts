import { hashKey, type QueryKey } from '@tanstack/query-core';
import { clear, delMany, getMany, keys, setMany, type UseStore } from 'idb-keyval';
import { optionError } from '../options.ts';
import { estimateValueBytes } from '../store/estimateBytes.ts';
import { Subscribable } from '../subscribable.ts';
import type { SavedScroll } from '../virtual/virtualListOptions.ts';
import { classifyCacheError, describeCacheError, withTimeout } from './cacheFaults.ts';
import {
  checkRecord,
  type IndexEntry,
  mergeIndex,
  parseIndex,
  type StoredRecord,
  serializeIndex,
} from './cacheIndex.ts';
import { databaseName, type EntrySlot, entryKey, INDEX_KEY, parseEntryKey } from './cacheKeys.ts';
import { CacheLedger } from './cacheLedger.ts';
import { chooseCacheEvictions, storageBudget } from './chooseCacheEvictions.ts';
import { registerCache } from './clearCache.ts';
import {
  defaultStorage,
  defaultStore,
  type IdbCacheOptions,
  type ResolvedIdbCacheOptions,
  resolveIdbCacheOptions,
} from './idbCacheOptions.ts';
import { idleBatch } from './idleBatch.ts';
import type { CacheStatus, PageCache, PageCacheSnapshot } from './pageCache.ts';

export type { IdbCacheOptions } from './idbCacheOptions.ts';

interface PendingWrite {
  readonly record: StoredRecord;
  readonly settle: ((written: boolean) => void)[];
}

interface ReadRequest {
  readonly dataset: string;
  readonly slots: readonly EntrySlot[];
  readonly resolve: (found: Map<EntrySlot, unknown>) => void;
}

const UNREADABLE = Symbol('unreadable');
const ESTIMATE_EVERY_MS = 60_000;

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
 * removals run one after another, so they never interleave.
 *
 * @example
 * const cache = idbCache({ name: 'users' });
 * cache.subscribe(() => console.log(cache.getSnapshot().bytes, cache.getSnapshot().warning));
 */
export class IdbCache extends Subscribable implements PageCache {
  readonly name: string;
  readonly namespace: string;
  readonly #o: ResolvedIdbCacheOptions;
  readonly #requestFlush: () => void;
  readonly #ledger = new CacheLedger();
  #store: UseStore | null = null;
  #opening: Promise<boolean> | undefined;
  #status: CacheStatus;
  #warning: string | null = null;
  #readable = true;
  #storageBudget = Number.POSITIVE_INFINITY;
  #estimatedAt = Number.NEGATIVE_INFINITY;
  #sweep = false;
  readonly #pending = new Map<string, PendingWrite>();
  #flushing = new Map<string, PendingWrite>();
  readonly #deletes = new Set<string>();
  #reads: ReadRequest[] = [];
  #chain: Promise<void> = Promise.resolve();
  readonly #scrolls = new Map<string, SavedScroll>();
  readonly #counts = { reads: 0, hits: 0, writes: 0, evictions: 0 };
  #snapshot: PageCacheSnapshot;

  constructor(options: IdbCacheOptions) {
    super();
    this.#o = resolveIdbCacheOptions(options);
    this.name = this.#o.name;
    this.namespace = this.#o.namespace;
    this.#requestFlush = idleBatch(() => void this.flush(), this.#o.schedule);
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
    return this.#enqueue(entryKey(this.namespace, hashKey(key), page), data, bytes);
  }

  remove(key: QueryKey, pages?: readonly number[]): Promise<void> {
    const dataset = hashKey(key);
    const ours = (entry: string) => {
      const address = parseEntryKey(entry);
      return (
        address?.dataset === dataset && address.namespace === this.namespace && address.slot !== 'scroll'
      );
    };
    const doomed =
      pages?.map((page) => entryKey(this.namespace, dataset, page)) ??
      [...this.#ledger.entries.keys(), ...this.#pending.keys()].filter(ours);
    for (const entry of doomed) {
      this.#settle(this.#pending.get(entry), false);
      this.#pending.delete(entry);
      this.#deletes.add(entry);
    }
    return this.flush();
  }

  saveScroll(key: QueryKey, scroll: SavedScroll): void {
    if (typeof scroll !== 'object' || scroll === null || Array.isArray(scroll)) {
      throw optionError('saveScroll', 'scroll', 'an object { anchorKey, offsetInItem, sizes }', scroll);
    }
    const entry = entryKey(this.namespace, hashKey(key), 'scroll');
    this.#scrolls.set(entry, scroll);
    void this.#enqueue(entry, scroll, estimateValueBytes(scroll));
  }

  async loadScroll(key: QueryKey): Promise<SavedScroll | undefined> {
    const entry = entryKey(this.namespace, hashKey(key), 'scroll');
    const remembered = this.#scrolls.get(entry);
    if (remembered !== undefined) return remembered;
    const value = (await this.#readSlots(hashKey(key), ['scroll'])).get('scroll');
    if (value === undefined || isSavedScroll(value)) return value;
    this.#deletes.add(entry); // not what the virtual list expects: dropped
    this.#requestFlush();
    return undefined;
  }

  flush(): Promise<void> {
    this.#chain = this.#chain.then(() => this.#flushOnce());
    return this.#chain;
  }

  clear(options: { namespace?: string } = {}): Promise<boolean> {
    const { namespace } = options;
    if (namespace !== undefined && typeof namespace !== 'string') {
      throw optionError('clear', 'namespace', 'a string', namespace);
    }
    if (namespace === undefined || namespace === this.namespace) {
      this.#dropPending();
      this.#scrolls.clear();
    }
    const cleared = this.#chain.then(() => this.#clearNow(namespace));
    this.#chain = cleared.then(() => undefined);
    return cleared;
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
        if (!this.#queued(entry) && !this.#deletes.has(entry)) wanted.add(entry);
      }
    }
    const found = await this.#fetch([...wanted]);
    for (const request of batch) {
      const result = new Map<EntrySlot, unknown>();
      for (const slot of request.slots) {
        const entry = entryKey(this.namespace, request.dataset, slot);
        // A page queued (or being written) is served from the queue: it is the newest copy.
        const queued = this.#queued(entry);
        const data = queued !== undefined ? queued.record.data : found.get(entry);
        this.#counts.reads += 1;
        if (data !== undefined && !this.#deletes.has(entry)) {
          this.#counts.hits += 1;
          result.set(slot, data);
        }
      }
      request.resolve(result);
    }
    this.#publish();
  }

  #queued(entry: string): PendingWrite | undefined {
    return this.#pending.get(entry) ?? this.#flushing.get(entry);
  }

  async #fetch(entries: string[]): Promise<Map<string, unknown>> {
    const found = new Map<string, unknown>();
    if (entries.length === 0 || !(await this.#ready()) || !this.#readable) return found;
    const values = await this.#getValues(entries);
    if (values === null) return found;
    const now = this.#o.now();
    const expect = { version: this.#o.version, namespace: this.namespace, now, ttlMs: this.#o.ttlMs };
    entries.forEach((entry, i) => {
      const check = values[i] === UNREADABLE ? null : checkRecord(values[i], expect);
      if (check?.kind === 'hit') {
        found.set(entry, check.data);
        const storedAt = this.#ledger.entries.get(entry)?.storedAt ?? check.storedAt;
        this.#ledger.set(entry, { bytes: check.bytes, storedAt, lastUsed: now });
      } else if (check?.kind !== 'absent') {
        this.#deletes.add(entry); // expired, corrupted or unreadable: dropped, the list refetches it
      } else if (this.#ledger.entries.has(entry)) {
        this.#ledger.set(entry, null); // the index outlived its record (another tab, a crash)
      }
    });
    if (this.#ledger.dirty || this.#deletes.size > 0) this.#requestFlush(); // LRU stamps, drops
    return found;
  }

  /** getMany of `entries`; one unreadable value fails a whole getMany, so retry one by one. */
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
      } catch {
        values.push(UNREADABLE);
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
    this.#sweep = true; // orphans and expired entries are removed at the next idle moment
    this.#requestFlush();
    this.#publish();
    return true;
  }

  // ── writes ─────────────────────────────────────────────────────────────────────────────

  #enqueue(entry: string, data: unknown, bytes: number): Promise<boolean> {
    if (!this.#o.persist || this.#status === 'memory-only') return Promise.resolve(false);
    return new Promise((resolve) => {
      const previous = this.#pending.get(entry);
      const { version: v, now } = this.#o;
      const record: StoredRecord = { v, ns: this.namespace, storedAt: now(), bytes, data };
      this.#pending.set(entry, { record, settle: [...(previous?.settle ?? []), resolve] });
      this.#deletes.delete(entry);
      this.#requestFlush();
      this.#publish();
    });
  }

  async #flushOnce(): Promise<void> {
    const idle = this.#pending.size === 0 && this.#deletes.size === 0 && !this.#ledger.dirty;
    if (idle && !this.#sweep) return;
    if (!(await this.#ready()) || this.#status !== 'ready') {
      this.#dropPending();
      return;
    }
    const batch = new Map(this.#pending);
    this.#pending.clear();
    this.#flushing = batch;
    const deletes = [...this.#deletes];
    this.#deletes.clear();
    let written: Set<string>;
    try {
      if (this.#sweep) await this.#sweepOrphans();
      await this.#estimate(false);
      written = await this.#commit(batch, deletes, this.#budget());
    } catch (first) {
      written = await this.#recover(first, batch, deletes);
    }
    this.#flushing = new Map();
    for (const [entry, write] of batch) this.#settle(write, written.has(entry));
    this.#publish();
  }

  /** After a failed commit: quota-like faults evict harder and retry once; then memory-only. */
  async #recover(first: unknown, batch: Map<string, PendingWrite>, deletes: string[]): Promise<Set<string>> {
    const fault = classifyCacheError(first);
    if (fault === 'clone') return this.#commitEach(batch, deletes);
    if (fault === 'unavailable') {
      this.#memoryOnly(`IndexedDB write failed (${describeCacheError(first)})`, false);
      return new Set();
    }
    try {
      // Firefox keeps throwing InvalidStateError on a connection that hit the quota: reopen.
      if (this.#o.store === undefined) this.#store = defaultStore(this.name) ?? this.#store;
      await this.#estimate(true);
      let incoming = 0;
      for (const write of batch.values()) incoming += write.record.bytes;
      // Make room: the least recently used half of what is stored goes.
      return await this.#commit(batch, deletes, Math.min(this.#budget(), incoming + this.#ledger.bytes / 2));
    } catch (second) {
      const reasons = `${describeCacheError(first)}, then after evicting: ${describeCacheError(second)}`;
      this.#memoryOnly(`IndexedDB write failed (${reasons})`, true);
      return new Set();
    }
  }

  /** One entry that cannot be structured-cloned fails a whole setMany: write one by one. */
  async #commitEach(batch: Map<string, PendingWrite>, deletes: string[]): Promise<Set<string>> {
    const written = new Set<string>();
    let failed = 0;
    for (const [entry, write] of batch) {
      try {
        const first = written.size === 0 && failed === 0;
        const done = await this.#commit(new Map([[entry, write]]), first ? deletes : [], this.#budget());
        if (done.has(entry)) written.add(entry);
      } catch {
        failed += 1;
      }
    }
    if (failed > 0) {
      this.#warning = `${failed} entries were not stored: their data cannot be structured-cloned (functions, class instances, DOM nodes)`;
    }
    return written;
  }

  /** Deletes, then writes the batch and the merged index in one setMany transaction. */
  async #commit(batch: Map<string, PendingWrite>, deletes: string[], budget: number): Promise<Set<string>> {
    const store = this.#store as UseStore;
    const now = this.#o.now();
    const incoming = new Map<string, number>();
    for (const [entry, write] of batch) incoming.set(entry, write.record.bytes);
    const { entries } = this.#ledger;
    const plan = chooseCacheEvictions({ entries, incoming, budget, now, ttlMs: this.#o.ttlMs });
    const remove = [...new Set([...deletes, ...plan.evict])];
    const rejected = new Set(plan.rejected);
    const accepted = [...batch].filter(([entry]) => !rejected.has(entry));
    if (remove.length === 0 && accepted.length === 0 && !this.#ledger.dirty) return new Set();
    if (remove.length > 0) await this.#io(() => delMany(remove, store), 'delete');
    for (const entry of remove) this.#ledger.set(entry, null);
    // The index as another tab may have left it: its entries survive; an absent one was cleared.
    const [raw] = await this.#io(() => getMany([INDEX_KEY], store), 'read');
    const fresh = parseIndex(raw);
    const base =
      fresh.kind === 'ok' && fresh.version === this.#o.version
        ? fresh.entries
        : fresh.kind === 'absent'
          ? new Map<string, IndexEntry>()
          : entries;
    const applied = this.#ledger.changes();
    const additions = new Map<string, IndexEntry>();
    for (const [entry, { record }] of accepted) {
      additions.set(entry, { bytes: record.bytes, storedAt: record.storedAt, lastUsed: now });
    }
    const merged = mergeIndex(mergeIndex(base, applied), additions);
    const puts: [IDBValidKey, unknown][] = accepted.map(([entry, write]) => [entry, write.record]);
    puts.push([INDEX_KEY, serializeIndex(this.#o.version, merged)]);
    await this.#io(() => setMany(puts, store), 'write');
    this.#ledger.committed(merged, applied); // only now are the new entries counted
    this.#counts.writes += accepted.length;
    this.#counts.evictions += plan.evict.length;
    return new Set(accepted.map(([entry]) => entry));
  }

  /** Deletes records no index entry points to (lost when two tabs raced), once per open. */
  async #sweepOrphans(): Promise<void> {
    this.#sweep = false;
    const store = this.#store as UseStore;
    // keys() first: a record another tab writes after it comes with its index entry in one transaction.
    const all = await this.#io(() => keys(store), 'sweep');
    const [raw] = await this.#io(() => getMany([INDEX_KEY], store), 'read');
    const fresh = parseIndex(raw);
    const indexed = fresh.kind === 'ok' ? fresh.entries : this.#ledger.entries;
    const orphan = (key: IDBValidKey) =>
      parseEntryKey(key) !== undefined &&
      !indexed.has(key as string) &&
      !this.#ledger.entries.has(key as string);
    const orphans = all.filter(orphan);
    if (orphans.length > 0) await this.#io(() => delMany(orphans, store), 'delete');
  }

  async #clearNow(namespace: string | undefined): Promise<boolean> {
    // persist: false never wrote anything; an unreachable IndexedDB may still hold old entries.
    if (!(await this.#ready()) || !this.#readable) return !this.#o.persist;
    const store = this.#store as UseStore;
    try {
      if (namespace === undefined) {
        await this.#io(() => clear(store), 'clear');
        this.#ledger.load(new Map());
        this.#deletes.clear();
        if (this.#status === 'memory-only') {
          this.#status = 'ready'; // the quota that stopped writes was freed
          this.#warning = null;
        }
      } else {
        const inNamespace = (key: IDBValidKey) => parseEntryKey(key)?.namespace === namespace;
        const doomed = new Set((await this.#io(() => keys(store), 'clear')).filter(inNamespace) as string[]);
        for (const entry of this.#ledger.entries.keys()) if (inNamespace(entry)) doomed.add(entry);
        await this.#commit(new Map(), [...doomed], this.#budget());
      }
    } catch (error) {
      this.#warning = `clearing the cache failed (${describeCacheError(error)})`;
      this.#publish();
      return false;
    }
    this.#publish();
    return true;
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────

  #io<R>(work: () => Promise<R>, what: string): Promise<R> {
    return withTimeout(work, this.#o.timeoutMs, this.#o.timers, what);
  }

  async #estimate(force: boolean): Promise<void> {
    const storage = this.#o.storage === undefined ? defaultStorage() : this.#o.storage;
    const now = this.#o.now();
    if (storage === null || (!force && now - this.#estimatedAt < ESTIMATE_EVERY_MS)) return;
    this.#estimatedAt = now;
    try {
      const figures = await this.#io(() => storage.estimate(), 'storage estimate');
      this.#storageBudget = storageBudget(figures, this.#ledger.bytes);
    } catch {
      this.#storageBudget = Number.POSITIVE_INFINITY; // no estimate: the byte budget alone applies
    }
  }

  #budget(): number {
    return Math.min(this.#o.maxBytes, this.#storageBudget);
  }

  #memoryOnly(reason: string, readable: boolean): void {
    this.#status = 'memory-only';
    this.#readable = this.#readable && readable;
    this.#warning = `${reason}; caching in memory only`;
    this.#dropPending();
    this.#publish();
  }

  #dropPending(): void {
    for (const write of this.#pending.values()) this.#settle(write, false);
    this.#pending.clear();
  }

  #settle(write: PendingWrite | undefined, written: boolean): void {
    for (const settle of write?.settle ?? []) settle(written);
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
      pendingWrites: this.#pending.size,
    });
  }
}

/** Saved scrolls come back from disk: check the shape the virtual list relies on. */
function isSavedScroll(value: unknown): value is SavedScroll {
  if (typeof value !== 'object' || value === null) return false;
  const { anchorKey, offsetInItem, sizes } = value as Partial<Record<keyof SavedScroll, unknown>>;
  const isNumber = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  return (
    isNumber(anchorKey) &&
    isNumber(offsetInItem) &&
    Array.isArray(sizes) &&
    sizes.every((pair) => Array.isArray(pair) && pair.length === 2 && pair.every(isNumber))
  );
}
