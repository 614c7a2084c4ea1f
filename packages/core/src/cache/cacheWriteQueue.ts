import type { StoredRecord } from './cacheIndex.ts';

/** A record waiting to be written, and the `write()` promises that resolve with its fate. */
export interface PendingWrite {
  readonly record: StoredRecord;
  readonly settle: ((written: boolean) => void)[];
}

/** What one flush takes from the queue: the writes to commit and the entries to delete. */
export interface WriteBatch {
  readonly writes: Map<string, PendingWrite>;
  readonly deletes: string[];
}

/**
 * The writes and deletions an `idbCache` has not committed yet. Writes queued while a flush
 * runs wait for the next one; the batch being written stays visible to {@link queued}, so a
 * read never serves an older copy from IndexedDB than the one on its way there.
 *
 * @example
 * const queue = new CacheWriteQueue();
 * queue.add(entryKey('', '["users"]', 0), record, (written) => console.log(written));
 * const { writes, deletes } = queue.take();
 * queue.settle(writes, new Set(writes.keys())); // logs true
 */
export class CacheWriteQueue {
  readonly #pending = new Map<string, PendingWrite>();
  #flushing = new Map<string, PendingWrite>();
  readonly #deletes = new Set<string>();
  /** Deletions of the batch being written: not in IndexedDB yet, so still hidden from reads. */
  #deleting = new Set<string>();

  /** Writes waiting for the next flush (not those being written). */
  get size(): number {
    return this.#pending.size;
  }

  /** Entries to be deleted at the next flush. */
  get deletions(): number {
    return this.#deletes.size;
  }

  /** Whether nothing waits: no write, no deletion. */
  get idle(): boolean {
    return this.#pending.size === 0 && this.#deletes.size === 0;
  }

  /** Entries of the waiting writes and of the batch being written. */
  entries(): string[] {
    return [...this.#pending.keys(), ...this.#flushing.keys()];
  }

  /**
   * Queues `record` for `entry`, replacing a waiting one (whose promises then follow this one)
   * and cancelling a queued deletion of it.
   */
  add(entry: string, record: StoredRecord, settle: (written: boolean) => void): void {
    const previous = this.#pending.get(entry);
    this.#pending.set(entry, { record, settle: [...(previous?.settle ?? []), settle] });
    this.#deletes.delete(entry);
  }

  /** The newest copy of `entry` on its way to IndexedDB: waiting, or in the batch being written. */
  queued(entry: string): PendingWrite | undefined {
    return this.#pending.get(entry) ?? this.#flushing.get(entry);
  }

  /** Queues the deletion of `entry` (an expired or corrupted record), leaving a waiting write alone. */
  delete(entry: string): void {
    this.#deletes.add(entry);
  }

  /** Whether `entry` is to be deleted at the next flush, or by the one running (and not written since). */
  deleting(entry: string): boolean {
    return this.#deletes.has(entry) || (this.#deleting.has(entry) && !this.#pending.has(entry));
  }

  /** Cancels the waiting write of `entry` (its promises resolve false) and queues its deletion. */
  remove(entry: string): void {
    settle(this.#pending.get(entry), false);
    this.#pending.delete(entry);
    this.#deletes.add(entry);
  }

  /** Cancels every waiting write: their promises resolve false. Queued deletions stay. */
  dropWrites(): void {
    for (const write of this.#pending.values()) settle(write, false);
    this.#pending.clear();
  }

  /** Forgets queued deletions (the whole store was just cleared). */
  dropDeletes(): void {
    this.#deletes.clear();
  }

  /**
   * Takes everything waiting for one flush; the writes stay readable, and the deletions hidden,
   * until {@link settle}.
   */
  take(): WriteBatch {
    const writes = new Map(this.#pending);
    this.#pending.clear();
    this.#flushing = writes;
    const deletes = [...this.#deletes];
    this.#deleting = new Set(deletes);
    this.#deletes.clear();
    return { writes, deletes };
  }

  /** The flush of `writes` ended: each promise resolves with whether its entry is in `written`. */
  settle(writes: ReadonlyMap<string, PendingWrite>, written: ReadonlySet<string>): void {
    this.#flushing = new Map();
    this.#deleting = new Set();
    for (const [entry, write] of writes) settle(write, written.has(entry));
  }
}

function settle(write: PendingWrite | undefined, written: boolean): void {
  for (const resolve of write?.settle ?? []) resolve(written);
}
