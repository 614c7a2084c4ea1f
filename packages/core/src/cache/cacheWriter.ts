import { clear, delMany, getMany, keys, setMany, type UseStore } from 'idb-keyval';
import { classifyCacheError, describeCacheError, withTimeout } from './cacheFaults.ts';
import { type IndexEntry, mergeIndex, parseIndex, serializeIndex } from './cacheIndex.ts';
import { INDEX_KEY, parseEntryKey } from './cacheKeys.ts';
import type { CacheLedger } from './cacheLedger.ts';
import type { CacheWriteQueue, PendingWrite } from './cacheWriteQueue.ts';
import { chooseCacheEvictions, storageBudget } from './chooseCacheEvictions.ts';
import { defaultStorage, type ResolvedIdbCacheOptions } from './idbCacheOptions.ts';
import { idleBatch } from './idleBatch.ts';
import type { CacheStatus } from './pageCache.ts';

// The origin's free quota changes slowly; asking on every flush would add a round trip to each.
const ESTIMATE_EVERY_MS = 60_000;

/** What a {@link CacheWriter} reads and changes of the `idbCache` it writes for. */
export interface CacheWriterHost {
  readonly options: ResolvedIdbCacheOptions;
  readonly ledger: CacheLedger;
  readonly queue: CacheWriteQueue;
  /** The snapshot's running totals; the writer adds what it commits and evicts. */
  readonly counts: { writes: number; evictions: number };
  /** Opens the store (once); false when IndexedDB cannot be used. */
  ready(): Promise<boolean>;
  /** The open store; only asked for after `ready()` resolved true. */
  store(): UseStore;
  /** Opens the default store anew; an injected store is kept. */
  reopen(): void;
  status(): CacheStatus;
  /** False once IndexedDB stopped answering: nothing can be read, or cleared, any more. */
  readable(): boolean;
  /** Stops persisting: `reason` becomes the warning, waiting writes resolve false. */
  memoryOnly(reason: string, readable: boolean): void;
  /** Sets the snapshot's warning; the next `publish()` shows it. */
  warn(message: string): void;
  /** A clear freed the store: a cache that went memory-only (quota) persists again. */
  resume(): void;
  /** Publishes a new snapshot if a figure changed. */
  publish(): void;
}

/**
 * Everything an `idbCache` changes in IndexedDB. Queued writes go out in one transaction at the
 * next idle moment (or on `flush()`) together with the index and the evictions the byte budget
 * asks for; a quota fault evicts harder and retries once, then the cache turns memory-only.
 * Flushes and clears run one after another on one chain, so they never interleave.
 *
 * @example
 * const writer = new CacheWriter(host);
 * const written = writer.enqueue(entryKey('', '["users"]', 0), page, 1_200);
 * await writer.flush(); // `written` resolves true
 */
export class CacheWriter {
  readonly #host: CacheWriterHost;
  readonly #requestFlush: () => void;
  #chain: Promise<void> = Promise.resolve();
  #sweep = false;
  #storageBudget = Number.POSITIVE_INFINITY;
  #estimatedAt = Number.NEGATIVE_INFINITY;

  constructor(host: CacheWriterHost) {
    this.#host = host;
    this.#requestFlush = idleBatch(() => void this.flush(), host.options.schedule);
  }

  /** Asks for a flush at the next idle moment; every request made until then shares it. */
  requestFlush(): void {
    this.#requestFlush();
  }

  /** Queues `data` for `entry`; resolves with whether it was committed. */
  enqueue(entry: string, data: unknown, bytes: number): Promise<boolean> {
    const { options, queue } = this.#host;
    if (!options.persist || this.#host.status() === 'memory-only') return Promise.resolve(false);
    return new Promise((resolve) => {
      const { version: v, namespace: ns, now } = options;
      queue.add(entry, { v, ns, storedAt: now(), bytes, data }, resolve);
      this.#requestFlush();
      this.#host.publish();
    });
  }

  /** Writes everything queued now, after the flush or clear already running. */
  flush(): Promise<void> {
    this.#chain = this.#chain.then(() => this.#flushOnce());
    return this.#chain;
  }

  /**
   * Deletes every entry, or one namespace's, after the flush or clear already running; resolves
   * with whether IndexedDB holds none of them any more.
   */
  clear(namespace: string | undefined): Promise<boolean> {
    const cleared = this.#chain.then(() => this.#clearNow(namespace));
    this.#chain = cleared.then(() => undefined);
    return cleared;
  }

  /** Has the next flush delete records no index entry points to (called when the store opens). */
  sweep(): void {
    this.#sweep = true;
    this.#requestFlush();
  }

  async #flushOnce(): Promise<void> {
    const { queue, ledger } = this.#host;
    if (queue.idle && !ledger.dirty && !this.#sweep) return;
    if (!(await this.#host.ready()) || !this.#host.readable()) {
      queue.dropWrites();
      return;
    }
    // Memory-only after a quota fault: no page is written, but deletions (an invalidation, moved
    // pages) still go out; left on disk, the next visit would read them.
    if (this.#host.status() !== 'ready') {
      queue.dropWrites();
      if (queue.deletions === 0) return;
    }
    const { writes, deletes } = queue.take();
    let written: Set<string>;
    try {
      if (this.#sweep) await this.#sweepOrphans();
      await this.#estimate(false);
      written = await this.#commit(writes, deletes, this.#budget());
    } catch (first) {
      written = await this.#recover(first, writes, deletes);
    }
    queue.settle(writes, written);
    this.#host.publish();
  }

  /** After a failed commit: quota-like faults evict harder and retry once; then memory-only. */
  async #recover(first: unknown, batch: Map<string, PendingWrite>, deletes: string[]): Promise<Set<string>> {
    const fault = classifyCacheError(first);
    if (fault === 'clone') return this.#commitEach(batch, deletes);
    if (fault === 'unavailable') {
      this.#host.memoryOnly(`IndexedDB write failed (${describeCacheError(first)})`, false);
      return new Set();
    }
    try {
      // Firefox keeps throwing InvalidStateError on a connection that hit the quota: reopen.
      this.#host.reopen();
      await this.#estimate(true);
      let incoming = 0;
      for (const write of batch.values()) incoming += write.record.bytes;
      // Make room: the least recently used half of what is stored goes.
      const budget = Math.min(this.#budget(), incoming + this.#host.ledger.bytes / 2);
      return await this.#commit(batch, deletes, budget);
    } catch (second) {
      const reasons = `${describeCacheError(first)}, then after evicting: ${describeCacheError(second)}`;
      this.#host.memoryOnly(`IndexedDB write failed (${reasons})`, true);
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
      this.#host.warn(
        `${failed} entries were not stored: their data cannot be structured-cloned (functions, class instances, DOM nodes)`,
      );
    }
    return written;
  }

  /** Deletes, then writes the batch and the merged index in one setMany transaction. */
  async #commit(batch: Map<string, PendingWrite>, deletes: string[], budget: number): Promise<Set<string>> {
    const { options, ledger, counts } = this.#host;
    const store = this.#host.store();
    const now = options.now();
    const incoming = new Map<string, number>();
    for (const [entry, write] of batch) incoming.set(entry, write.record.bytes);
    const { entries } = ledger;
    const plan = chooseCacheEvictions({ entries, incoming, budget, now, ttlMs: options.ttlMs });
    const remove = [...new Set([...deletes, ...plan.evict])];
    const rejected = new Set(plan.rejected);
    const accepted = [...batch].filter(([entry]) => !rejected.has(entry));
    if (remove.length === 0 && accepted.length === 0 && !ledger.dirty) return new Set();
    if (remove.length > 0) await this.#io(() => delMany(remove, store), 'delete');
    for (const entry of remove) ledger.set(entry, null);
    // The index as another tab may have left it: its entries survive; an absent one was cleared.
    const [raw] = await this.#io(() => getMany([INDEX_KEY], store), 'read');
    const fresh = parseIndex(raw);
    const base =
      fresh.kind === 'ok' && fresh.version === options.version
        ? fresh.entries
        : fresh.kind === 'absent'
          ? new Map<string, IndexEntry>()
          : entries;
    const applied = ledger.changes();
    const additions = new Map<string, IndexEntry>();
    for (const [entry, { record }] of accepted) {
      additions.set(entry, { bytes: record.bytes, storedAt: record.storedAt, lastUsed: now });
    }
    const merged = mergeIndex(mergeIndex(base, applied), additions);
    const puts: [IDBValidKey, unknown][] = accepted.map(([entry, write]) => [entry, write.record]);
    puts.push([INDEX_KEY, serializeIndex(options.version, merged)]);
    await this.#io(() => setMany(puts, store), 'write');
    ledger.committed(merged, applied); // only now are the new entries counted
    counts.writes += accepted.length;
    counts.evictions += plan.evict.length;
    return new Set(accepted.map(([entry]) => entry));
  }

  /** Deletes records no index entry points to (lost when two tabs raced), once per open. */
  async #sweepOrphans(): Promise<void> {
    this.#sweep = false;
    const { ledger } = this.#host;
    const store = this.#host.store();
    // keys() first: a record another tab writes after it comes with its index entry in one transaction.
    const all = await this.#io(() => keys(store), 'sweep');
    const [raw] = await this.#io(() => getMany([INDEX_KEY], store), 'read');
    const fresh = parseIndex(raw);
    const indexed = fresh.kind === 'ok' ? fresh.entries : ledger.entries;
    const orphan = (key: IDBValidKey) =>
      parseEntryKey(key) !== undefined && !indexed.has(key as string) && !ledger.entries.has(key as string);
    const orphans = all.filter(orphan);
    if (orphans.length > 0) await this.#io(() => delMany(orphans, store), 'delete');
  }

  async #clearNow(namespace: string | undefined): Promise<boolean> {
    const host = this.#host;
    // persist: false never wrote anything; an unreachable IndexedDB may still hold old entries.
    if (!(await host.ready()) || !host.readable()) return !host.options.persist;
    const store = host.store();
    try {
      if (namespace === undefined) {
        await this.#io(() => clear(store), 'clear');
        host.ledger.load(new Map());
        host.queue.dropDeletes();
        host.resume(); // the quota that stopped writes was freed
      } else {
        const inNamespace = (key: IDBValidKey) => parseEntryKey(key)?.namespace === namespace;
        const doomed = new Set((await this.#io(() => keys(store), 'clear')).filter(inNamespace) as string[]);
        for (const entry of host.ledger.entries.keys()) if (inNamespace(entry)) doomed.add(entry);
        await this.#commit(new Map(), [...doomed], this.#budget());
      }
    } catch (error) {
      host.warn(`clearing the cache failed (${describeCacheError(error)})`);
      host.publish();
      return false;
    }
    host.publish();
    return true;
  }

  #io<R>(work: () => Promise<R>, what: string): Promise<R> {
    return withTimeout(work, this.#host.options.timeoutMs, this.#host.options.timers, what);
  }

  async #estimate(force: boolean): Promise<void> {
    const { options, ledger } = this.#host;
    const storage = options.storage === undefined ? defaultStorage() : options.storage;
    const now = options.now();
    if (storage === null || (!force && now - this.#estimatedAt < ESTIMATE_EVERY_MS)) return;
    this.#estimatedAt = now;
    try {
      const figures = await this.#io(() => storage.estimate(), 'storage estimate');
      this.#storageBudget = storageBudget(figures, ledger.bytes);
    } catch {
      this.#storageBudget = Number.POSITIVE_INFINITY; // no estimate: the byte budget alone applies
    }
  }

  #budget(): number {
    return Math.min(this.#host.options.maxBytes, this.#storageBudget);
  }
}
