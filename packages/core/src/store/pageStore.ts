import type { EvictionCandidate } from '../planner/chooseEvictions.ts';
import { type PageAction, reducePage } from './pageReducer.ts';
import type { PageState } from './pageState.ts';

export type { PageState } from './pageState.ts';

/**
 * Sparse map page index → {@link PageState}, with byte accounting and LRU stamps. Holds state
 * only: every change is an action through {@link PageStore.dispatch} into the pure
 * `reducePage`; eviction choice is the pure `chooseEvictions`.
 *
 * @example
 * const store = new PageStore<string>();
 * store.dispatch({ type: 'landed', page: 3, generation: 0, items: ['a'], bytes: 40 });
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

  /**
   * Applies one action to its page through the pure {@link reducePage}: the only way a page's
   * state changes. Returns the page's state after it (undefined = forgotten).
   */
  dispatch(action: PageAction<T>): PageState<T> | undefined {
    const before = this.#pages.get(action.page);
    const after = reducePage(before, action);
    if (after === before) return after;
    if (before !== undefined) {
      // The state it replaces leaves the totals.
      this.#bytes -= before.bytes;
      if (before.items !== undefined) this.#loaded--;
    }
    if (after === undefined) {
      this.#pages.delete(action.page);
      this.#lastUsed.delete(action.page);
      return after;
    }
    this.#pages.set(action.page, after);
    this.#bytes += after.bytes;
    if (after.items !== undefined) this.#loaded++;
    if (!this.#lastUsed.has(action.page)) this.#lastUsed.set(action.page, ++this.#clock);
    return after;
  }

  /**
   * Dispatches `actionFor(page)` to every stored page (a page it returns undefined for is left
   * alone), e.g. a reset or a retry of every failed page. Returns the pages acted on.
   */
  dispatchEach(actionFor: (page: PageState<T>) => PageAction<T> | undefined): number[] {
    const acted: number[] = [];
    for (const page of [...this.#pages.values()]) {
      const action = actionFor(page);
      if (action === undefined) continue;
      this.dispatch(action);
      acted.push(page.index);
    }
    return acted;
  }

  /**
   * Marks pages `first..last` as just used (LRU). Only stored pages are touched: O(stored pages),
   * which the memory budget bounds, whatever the range.
   */
  touch(first: number, last: number): void {
    const stamp = ++this.#clock;
    for (const index of this.#pages.keys())
      if (index >= first && index <= last) this.#lastUsed.set(index, stamp);
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
}
