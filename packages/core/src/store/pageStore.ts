import type { EvictionCandidate } from '../planner/chooseEvictions.ts';

/** Where one page stands. */
export type PageStatus = 'loading' | 'loaded' | 'error';

/**
 * One page as stored and as seen in snapshots. Immutable: every change replaces the object.
 * `stale` pages keep showing their items while a refetch runs (after `refresh()` or an app's
 * `invalidateQueries`).
 */
export interface PageState<T> {
  readonly index: number;
  readonly status: PageStatus;
  readonly items: readonly T[] | undefined;
  readonly error: unknown;
  /** Estimated bytes of `items` (0 without items), computed once when the page lands. */
  readonly bytes: number;
  /** The list generation that produced this state; older generations never overwrite newer. */
  readonly generation: number;
  readonly stale: boolean;
}

/**
 * Sparse map page index → {@link PageState}, with byte accounting and LRU stamps.
 * Holds state only; eviction choice is the pure `chooseEvictions`.
 *
 * @example
 * const store = new PageStore<string>();
 * store.set({ index: 3, status: 'loaded', items: ['a'], error: undefined, bytes: 40, generation: 0, stale: false });
 * store.bytes; // 40
 */
export class PageStore<T> {
  readonly #pages = new Map<number, PageState<T>>();
  readonly #lastUsed = new Map<number, number>();
  #bytes = 0;
  #loaded = 0;
  #clock = 0;

  /** Estimated bytes of every stored page. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Number of pages holding items. */
  get loadedCount(): number {
    return this.#loaded;
  }

  get(index: number): PageState<T> | undefined {
    return this.#pages.get(index);
  }

  /** Whether the page needs no request: loaded and fresh, or failed (until `retry()`). */
  isSettled(index: number): boolean {
    const page = this.#pages.get(index);
    return page !== undefined && ((page.status === 'loaded' && !page.stale) || page.status === 'error');
  }

  /** Stores (replaces) a page state. */
  set(page: PageState<T>): void {
    this.#forget(page.index);
    this.#pages.set(page.index, page);
    this.#bytes += page.bytes;
    if (page.items !== undefined) this.#loaded++;
    if (!this.#lastUsed.has(page.index)) this.#lastUsed.set(page.index, ++this.#clock);
  }

  /** Removes a page; returns whether it was stored. */
  delete(index: number): boolean {
    const had = this.#forget(index);
    this.#pages.delete(index);
    this.#lastUsed.delete(index);
    return had;
  }

  /** Marks pages `first..last` as just used (LRU). Only stored pages are touched. */
  touch(first: number, last: number): void {
    const stamp = ++this.#clock;
    if (last - first + 1 > this.#pages.size) {
      for (const index of this.#pages.keys())
        if (index >= first && index <= last) this.#lastUsed.set(index, stamp);
      return;
    }
    for (let index = first; index <= last; index++)
      if (this.#pages.has(index)) this.#lastUsed.set(index, stamp);
  }

  /**
   * Keeps the pages with items that `keep` accepts, marked stale (shown until fresh data lands),
   * and forgets every other page. Returns the indexes kept.
   */
  keepStale(keep: (page: PageState<T>) => boolean): number[] {
    const kept: number[] = [];
    for (const page of [...this.#pages.values()]) {
      if (page.items !== undefined && keep(page)) {
        this.set({ ...page, status: 'loaded', error: undefined, stale: true });
        kept.push(page.index);
      } else this.delete(page.index);
    }
    return kept;
  }

  /** Resets failed pages (all, or one) for a retry: forgotten, or stale when they still hold items. */
  resetFailed(index?: number): number[] {
    const failed = [...this.#pages.values()].filter(
      (page) => page.status === 'error' && (index === undefined || page.index === index),
    );
    for (const page of failed) {
      if (page.items === undefined) this.delete(page.index);
      else this.set({ ...page, status: 'loaded', error: undefined, stale: true });
    }
    return failed.map((page) => page.index);
  }

  /** Pages holding items, as eviction candidates. */
  evictionCandidates(): EvictionCandidate[] {
    const candidates: EvictionCandidate[] = [];
    for (const page of this.#pages.values()) {
      if (page.items === undefined) continue;
      candidates.push({ page: page.index, bytes: page.bytes, lastUsed: this.#lastUsed.get(page.index) ?? 0 });
    }
    return candidates;
  }

  values(): IterableIterator<PageState<T>> {
    return this.#pages.values();
  }

  /** An immutable copy for a snapshot; O(stored pages), never O(count). */
  freeze(): ReadonlyMap<number, PageState<T>> {
    return new Map(this.#pages);
  }

  clear(): void {
    this.#pages.clear();
    this.#lastUsed.clear();
    this.#bytes = 0;
    this.#loaded = 0;
  }

  #forget(index: number): boolean {
    const old = this.#pages.get(index);
    if (old === undefined) return false;
    this.#bytes -= old.bytes;
    if (old.items !== undefined) this.#loaded--;
    return true;
  }
}
