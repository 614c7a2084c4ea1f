import { PageShapeError } from '../errors.ts';
import type { ListWindow } from '../planner/listWindow.ts';
import { planWindow, type WindowPlan } from '../planner/planWindow.ts';
import type { Cursor } from '../sources/cursor.ts';
import type { FetchPriority } from '../sources/fetchPriority.ts';
import { isPageData } from '../sources/pageData.ts';
import type { CursorPage, CursorSource } from '../sources/source.ts';
import type { CountKind, ItemState } from '../store/itemState.ts';
import { PLACEHOLDER } from '../store/itemState.ts';
import type { PageState } from '../store/pageStore.ts';
import type { AppendedPage, LayoutPlanInput, ListLayout, LoadingFigures } from './layout.ts';
import { collect, stateOf } from './offsetLayout.ts';

/**
 * How many empty pages in a row, each with a cursor onward, a walk takes before it fails the
 * last with a PageShapeError: a feed of empty pages and ever new cursors has no end.
 */
export const MAX_EMPTY_RUN = 20;

interface CursorMeta {
  readonly length: number;
  readonly nextCursor: Cursor | null;
  readonly prevCursor: Cursor | null;
}

/**
 * Layout of a cursor source. Ordinal 0 is the first page fetched; ordinal k > 0 continues
 * from page k−1's `nextCursor`, k < 0 from page k+1's `prevCursor`. Known ordinals form a
 * contiguous run lo..hi; their lengths and cursors survive eviction, so display indexes stay
 * stable and an evicted page can be refetched directly. Display index 0 is the first item of
 * ordinal lo, so prepending older pages shifts every index by the prepended length:
 * `prependedCount` (the display index of ordinal 0's first item) lets a view anchor, and
 * `getItemKey(i) = i − prependedCount` is a key that never moves.
 */
export class CursorLayout<T> implements ListLayout<T> {
  readonly #source: CursorSource<T>;
  readonly #meta = new Map<number, CursorMeta>();
  #lo = 0;
  #hi = -1;
  /** starts[k − lo] = display index of ordinal k's first item; one extra entry = count. */
  #starts: number[] = [0];

  constructor(source: CursorSource<T>) {
    this.#source = source;
  }

  get count(): number {
    return this.#starts[this.#starts.length - 1] ?? 0;
  }
  get reachedStart(): boolean {
    return this.#meta.get(this.#lo)?.prevCursor === null;
  }
  get reachedEnd(): boolean {
    return this.#meta.get(this.#hi)?.nextCursor === null;
  }
  get countKind(): CountKind {
    return this.reachedStart && this.reachedEnd ? 'exact' : 'unknown';
  }
  get prependedCount(): number {
    return this.#hi < this.#lo ? 0 : (this.#starts[-this.#lo] ?? 0);
  }

  /** The ordinal holding display index `index`; past the end, the next page to fetch. */
  #ordinalAt(index: number): number {
    if (index >= this.count) return this.reachedEnd ? this.#hi : this.#hi + 1;
    let low = 0;
    let high = this.#hi - this.#lo;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.#starts[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    return this.#lo + low;
  }

  plan(window: ListWindow, input: LayoutPlanInput): WindowPlan {
    const size = this.#source.pageSize;
    const empty = this.#hi < this.#lo;
    const first = empty ? 0 : this.#ordinalAt(Math.max(0, window.start));
    const last = empty ? 0 : Math.max(first, this.#ordinalAt(Math.max(window.start, window.end - 1)));
    return planWindow({
      ...input,
      // Planned in page units: sequential pages have variable lengths, so item math happens here.
      window: { ...window, start: first, end: last + 1, velocity: window.velocity / size },
      flingVelocity: input.flingVelocity / size,
      pageSize: 1,
      minPage: empty ? 0 : this.reachedStart ? this.#lo : this.#lo - 1,
      maxPage: empty ? 0 : this.reachedEnd ? this.#hi : this.#hi + 1,
    });
  }

  pagesFor(start: number, end: number) {
    if (this.#hi < this.#lo || end <= start) return null;
    return { first: this.#ordinalAt(Math.max(0, start)), last: this.#ordinalAt(Math.max(start, end - 1)) };
  }

  load(page: number, signal: AbortSignal, _isLoaded: unknown, priority: FetchPriority): Promise<unknown> {
    const cursor = this.#cursorOf(page);
    if (cursor === undefined || (cursor === null && page !== 0)) {
      return Promise.reject(new RangeError(`lazyflow: cursorSource has no cursor leading to page ${page}`));
    }
    const direction = this.#direction(page);
    return this.#source.loadPage({ page, cursor, direction, signal, priority }).then((data) => {
      this.#checkWalk(page, data);
      return data;
    });
  }

  /**
   * Page 0 read from the newest end (backward, no initial cursor) again once older pages are known:
   * read on from page −1's end instead, so a feed that grew meanwhile keeps the pages walked before
   * (the new items follow on page 1) rather than moving page 0 off them.
   */
  #afterHistory(): Cursor | null | undefined {
    const { initialCursor, initialDirection } = this.#source;
    return initialCursor === null && initialDirection === 'backward' ? this.#meta.get(-1)?.nextCursor : null;
  }

  #direction(page: number): 'forward' | 'backward' {
    return page === 0 && this.#afterHistory() == null
      ? this.#source.initialDirection
      : page < 0
        ? 'backward'
        : 'forward';
  }

  /** The cursor ordinal `page` is loaded from (undefined: not known). */
  #cursorOf(page: number): Cursor | null | undefined {
    if (page === 0) return this.#afterHistory() ?? this.#source.initialCursor;
    const from = this.#meta.get(page > 0 ? page - 1 : page + 1);
    return page > 0 ? from?.nextCursor : from?.prevCursor;
  }

  /**
   * A page whose cursor onward is the one it was loaded from or one this walk already followed to
   * another page (a → b → a), or that ends a run of {@link MAX_EMPTY_RUN} empty pages with a cursor
   * onward, would make the list request without end: a PageShapeError naming the page.
   */
  #checkWalk(page: number, { items, nextCursor, prevCursor }: CursorPage<T>): void {
    for (const step of page === 0 ? [1, -1] : [Math.sign(page)]) {
      const onward = step > 0 ? nextCursor : prevCursor;
      if (onward === null) continue;
      const name = step > 0 ? 'nextCursor' : 'prevCursor';
      const fail = (expected: string) => {
        throw new PageShapeError('cursorSource', page, 'fetchPage', expected, onward);
      };
      const dir = step > 0 ? 'forward' : 'backward';
      // The cursor it was asked with again (a server that ignores the cursor): this page again and again.
      if (this.#direction(page) === dir && this.#cursorOf(page) === onward)
        fail(`a ${name} other than the cursor it was asked with, or null at the end`);
      for (let other = this.#lo; other <= this.#hi; other++) {
        if (other !== page + step && this.#direction(other) === dir && this.#cursorOf(other) === onward)
          fail(
            `a ${name} not followed before in this list (page ${other} was loaded from it), or null at the end`,
          );
      }
      let run = 1;
      for (
        let before = page - step;
        items.length === 0 && this.#meta.get(before)?.length === 0;
        before -= step
      )
        run++;
      if (run >= MAX_EMPTY_RUN)
        fail(`items within ${MAX_EMPTY_RUN} empty pages in a row, or ${name} null at the end`);
    }
  }

  isPageData(data: unknown): boolean {
    return isPageData('cursor', data);
  }

  /** Pages 0, 1, 2… then −1, −2…, each run stopping at the first page not held. */
  cachedRun<P>(found: (page: number) => P | undefined): P[] {
    const pages: P[] = [];
    for (let page = 0; ; page++) {
      const cached = found(page);
      if (cached === undefined) break;
      pages.push(cached);
    }
    if (pages.length === 0) return pages;
    for (let page = -1; ; page--) {
      const cached = found(page);
      if (cached === undefined) break;
      pages.push(cached);
    }
    return pages;
  }

  accept(page: number, data: unknown) {
    const { items, nextCursor, prevCursor } = data as CursorPage<T>;
    const before = this.prependedCount;
    const old = this.#meta.get(page);
    this.#meta.set(page, { length: items.length, nextCursor, prevCursor });
    // Page 0 without an initial cursor is read from an end of the feed and moves with it (a chat
    // that grew, refreshed): the pages walked from its old cursors would miss or repeat items.
    let stale: ((page: number) => boolean) | undefined;
    const back = old !== undefined && old.prevCursor !== prevCursor;
    const on = old !== undefined && old.nextCursor !== nextCursor;
    if (page === 0 && (back || on) && this.#source.initialCursor === null) {
      for (; back && this.#lo < 0; this.#lo++) this.#meta.delete(this.#lo);
      for (; on && this.#hi > 0; this.#hi--) this.#meta.delete(this.#hi);
      // Loaded or being fetched, every page on that side was walked from the old cursor.
      stale = (p) => (back && p < 0) || (on && p > 0);
    }
    if (this.#hi < this.#lo) {
      this.#lo = page;
      this.#hi = page;
    } else {
      this.#lo = Math.min(this.#lo, page);
      this.#hi = Math.max(this.#hi, page);
    }
    this.#rebuild();
    return { items, shift: this.prependedCount - before, stale };
  }

  append(
    items: readonly T[],
    loaded: (page: number) => readonly T[] | null | undefined,
  ): AppendedPage<T>[] | null {
    const last = this.#meta.get(this.#hi);
    // Items newer than pages not fetched yet would land in the wrong place: they arrive with those pages.
    if (last === undefined || last.nextCursor !== null) return null;
    this.#meta.set(this.#hi, { ...last, length: last.length + items.length });
    this.#rebuild();
    const current = loaded(this.#hi);
    if (current == null) return []; // refetched with its cursor when needed
    const merged = [...current, ...items];
    return [
      {
        page: this.#hi,
        items: merged,
        data: { items: merged, nextCursor: null, prevCursor: last.prevCursor },
      },
    ];
  }

  #rebuild(): void {
    const starts = [0];
    let total = 0;
    for (let ordinal = this.#lo; ordinal <= this.#hi; ordinal++) {
      total += this.#meta.get(ordinal)?.length ?? 0;
      starts.push(total);
    }
    this.#starts = starts;
  }

  refreshSource(): void {}

  loading(): LoadingFigures {
    const { pageSize, currentPageSize } = this.#source;
    return { pageSize: currentPageSize?.() ?? pageSize, strategy: 'cursor', strategyReason: null };
  }

  reset(): void {
    this.#meta.clear();
    this.#lo = 0;
    this.#hi = -1;
    this.#starts = [0];
  }

  reader(pages: ReadonlyMap<number, PageState<T>>) {
    const starts = this.#starts;
    const lo = this.#lo;
    const count = this.count;
    const prepended = this.prependedCount;
    const getItem = (index: number): ItemState<T> => {
      if (index < 0 || index >= count) return PLACEHOLDER;
      const ordinal = this.#ordinalIn(starts, lo, index);
      return stateOf(pages.get(ordinal), index - (starts[ordinal - lo] ?? 0));
    };
    return {
      getItem,
      getItemKey: (index: number) => index - prepended,
      getRange: (from: number, to: number) => collect(getItem, from, Math.min(to, count)),
    };
  }

  #ordinalIn(starts: readonly number[], lo: number, index: number): number {
    let low = 0;
    let high = starts.length - 2;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    return lo + low;
  }
}
