import { type IndexEntry, mergeIndex } from './cacheIndex.ts';

/**
 * The in-memory copy of a cache's index, plus the changes not yet written to IndexedDB. Budget
 * and LRU decisions read it; a commit writes `changes()` merged into whatever index another tab
 * left, then adopts the result with {@link CacheLedger.committed}.
 *
 * @example
 * const ledger = new CacheLedger();
 * ledger.set('a', { bytes: 10, storedAt: 1, lastUsed: 1 });
 * ledger.bytes; // 10
 */
export class CacheLedger {
  #entries = new Map<string, IndexEntry>();
  readonly #changes = new Map<string, IndexEntry | null>();
  #bytes = 0;

  /** Every entry as this tab knows it. */
  get entries(): ReadonlyMap<string, IndexEntry> {
    return this.#entries;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Whether changes wait to be written. */
  get dirty(): boolean {
    return this.#changes.size > 0;
  }

  /** Replaces everything (the index read when the cache opens, or an empty one after a clear). */
  load(entries: Map<string, IndexEntry>): void {
    this.#entries = entries;
    this.#changes.clear();
    this.#recount();
  }

  /** Records an entry (or its deletion, with null) to be written with the next commit. */
  set(key: string, entry: IndexEntry | null): void {
    const old = this.#entries.get(key);
    if (old !== undefined) this.#bytes -= old.bytes;
    if (entry === null) this.#entries.delete(key);
    else {
      this.#entries.set(key, entry);
      this.#bytes += entry.bytes;
    }
    this.#changes.set(key, entry);
  }

  /** A copy of the unwritten changes, for a commit. */
  changes(): Map<string, IndexEntry | null> {
    return new Map(this.#changes);
  }

  /**
   * A commit wrote `merged` (another tab's index + `applied`): adopt it. Changes recorded while
   * the commit was running stay unwritten and stay applied.
   */
  committed(merged: ReadonlyMap<string, IndexEntry>, applied: ReadonlyMap<string, IndexEntry | null>): void {
    for (const [key, change] of applied) if (this.#changes.get(key) === change) this.#changes.delete(key);
    this.#entries = mergeIndex(merged, this.#changes);
    this.#recount();
  }

  #recount(): void {
    let bytes = 0;
    for (const entry of this.#entries.values()) bytes += entry.bytes;
    this.#bytes = bytes;
  }
}
