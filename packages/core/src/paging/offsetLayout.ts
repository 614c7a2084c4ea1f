import type { ListWindow } from '../planner/listWindow.ts';
import { planWindow, type WindowPlan } from '../planner/planWindow.ts';
import type { FetchPriority } from '../sources/fetchPriority.ts';
import { isOffsetPage } from '../sources/pageData.ts';
import type { OffsetPage, OffsetSource } from '../sources/source.ts';
import { type CountKind, type ItemState, LOADING, PLACEHOLDER, type RangeState } from '../store/itemState.ts';
import type { PageState } from '../store/pageStore.ts';
import type { AppendedPage, LayoutHost, LayoutPlanInput, ListLayout, LoadingFigures } from './layout.ts';

/**
 * Layout of an offset (or eager) source: page p holds items [p × pageSize, (p + 1) × pageSize).
 * The count comes from `total`; without it, a short page fixes the end and until then the
 * count is estimated one page past the highest loaded page (so infinite scroll can reach it).
 */
export class OffsetLayout<T> implements ListLayout<T> {
  readonly #source: OffsetSource<T>;
  #count = 0;
  #countKind: CountKind = 'unknown';
  /** The count reached by `append`: a page fetched before the append must not shrink it. */
  #appended = 0;
  /** The count `grow` was told: a page fetched before it must not shrink it either. */
  #grown = 0;
  /** Stops listening to a source that tells its count (`watchCount`), while the list is attached. */
  #unwatch: (() => void) | undefined;
  /** The end the server gave last (`total`, or a short page's end). */
  #served: number | undefined;
  /** refresh() ran and no page answered since: the count from before is not the server's word. */
  #asked = false;
  readonly prependedCount = 0;
  readonly reachedStart = true;

  constructor(source: OffsetSource<T>) {
    this.#source = source;
    this.#start();
  }

  #start(): void {
    const known = this.#source.initialCount;
    this.#count = known ?? 0;
    this.#appended = known ?? 0;
    this.#countKind = known === undefined ? 'unknown' : 'exact';
  }

  get count(): number {
    return this.#count;
  }
  get countKind(): CountKind {
    return this.#countKind;
  }
  get reachedEnd(): boolean {
    return this.#countKind === 'exact';
  }

  plan(window: ListWindow, input: LayoutPlanInput): WindowPlan {
    // After refresh(), an empty list (count 0) still plans page 0 until a page answers: the server
    // may have rows now, or the list's own removes took every row out.
    const exact = this.#countKind === 'exact';
    const count = exact ? Math.max(this.#count, this.#asked ? 1 : 0) : undefined;
    const { pageSize, currentPageSize } = this.#source;
    // With pageSize 'auto' a request spans several pages: prefetch counts requests, not pages.
    const perRequest = Math.max(1, Math.round((currentPageSize?.() ?? pageSize) / pageSize));
    return planWindow({ ...input, prefetch: input.prefetch * perRequest, window, pageSize, count });
  }

  pagesFor(start: number, end: number) {
    const size = this.#source.pageSize;
    const first = Math.max(0, Math.floor(start / size));
    const last = Math.ceil((this.#countKind === 'exact' ? Math.min(end, this.#count) : end) / size) - 1;
    return first > last ? null : { first, last };
  }

  load(
    page: number,
    signal: AbortSignal,
    isLoaded: (page: number) => boolean,
    priority: FetchPriority,
  ): Promise<unknown> {
    return this.#source.loadPage({ page, signal, isLoaded, priority });
  }

  isPageData(data: unknown): boolean {
    return isOffsetPage(data);
  }

  accept(page: number, data: unknown) {
    this.#asked = false;
    const { items, total } = data as OffsetPage<T>;
    const size = this.#source.pageSize;
    const count = this.#count;
    const end = total ?? (items.length < size ? page * size + items.length : undefined);
    if (end !== undefined) {
      // Below the server's last end (it deleted rows: what was appended sits at indexes from
      // before), or the page that held the last appended rows answered without them: the count
      // is the server's (sent items are put back at its end, decision 0040), not blank rows.
      if (end < (this.#served ?? end) || page === Math.floor((this.#appended - 1) / size)) this.#appended = 0;
      this.#served = end;
      this.#count = Math.max(end, this.#appended, this.#grown);
      this.#countKind = 'exact';
    } else if (this.#countKind !== 'exact') {
      this.#count = Math.max(this.#count, (page + 2) * size);
      this.#countKind = 'estimated';
    }
    // The server deleted rows (a smaller total): pages past its end hold rows from before, and an
    // item kept on one (a sent one, decision 0040) would be held by no row.
    const now = this.#count;
    return { items, shift: 0, stale: now < count ? (p: number) => p * size >= now : undefined };
  }

  append(items: readonly T[], loaded: (page: number) => readonly T[] | null | undefined): AppendedPage<T>[] {
    const size = this.#source.pageSize;
    const placed: AppendedPage<T>[] = [];
    let index = this.#count;
    for (let from = 0; from < items.length; ) {
      const page = Math.floor(index / size);
      const offset = index % size;
      const chunk = items.slice(from, from + size - offset);
      const current = loaded(page);
      // A loaded page takes the items, a new page starts with them; a page being fetched gets them from the source.
      const merged =
        current != null && current.length === offset
          ? [...current, ...chunk]
          : offset === 0 && current === undefined
            ? chunk
            : null;
      if (merged !== null)
        placed.push({ page, items: merged, data: { items: merged, total: index + chunk.length } });
      index += chunk.length;
      from += chunk.length;
    }
    this.#count = index;
    this.#appended = index;
    if (this.#countKind === 'unknown') this.#countKind = 'exact';
    return placed;
  }

  grow(count: number): number {
    this.#grown = Math.max(this.#grown, count);
    if (this.#countKind !== 'exact' || count > this.#count) {
      this.#count = Math.max(count, this.#appended);
      this.#countKind = 'exact';
    }
    return this.#source.pageSize;
  }

  attach(host: LayoutHost<T>): void {
    this.#unwatch ??= this.#source.watchCount?.((count) => host.grow(count));
  }

  detach(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
  }

  reset(): void {
    this.#start(); // refreshSource() ran first (the Layout contract): the source is reset once
  }

  refreshSource(): void {
    // The server's data is wanted again: items appended before are the server's now, or shown
    // again by the one who appended them (sent items, decision 0040); the count is the server's.
    this.#appended = this.#source.initialCount ?? 0;
    this.#grown = 0;
    this.#asked = true;
    this.#source.reset?.();
  }

  loading(): LoadingFigures {
    const { pageSize, currentPageSize, strategy } = this.#source;
    return {
      // An eager source asked for everything in one request.
      pageSize: strategy === 'eager' ? this.#count : (currentPageSize?.() ?? pageSize),
      strategy: strategy ?? 'offset',
      strategyReason: null,
    };
  }

  reader(pages: ReadonlyMap<number, PageState<T>>) {
    const size = this.#source.pageSize;
    // Rows past an exact count do not exist: a range reaching past it is loaded once the rest is.
    const end = this.#countKind === 'exact' ? this.#count : Number.POSITIVE_INFINITY;
    const getItem = (index: number): ItemState<T> => {
      if (index < 0 || index >= end) return PLACEHOLDER;
      return stateOf(pages.get(Math.floor(index / size)), index % size);
    };
    return {
      getItem,
      getItemKey: (index: number) => index,
      getRange: (from: number, to: number): RangeState<T> => collect(getItem, from, Math.min(to, end)),
    };
  }
}

/** The item state at `offset` inside one page. */
export function stateOf<T>(page: PageState<T> | undefined, offset: number): ItemState<T> {
  if (page === undefined) return PLACEHOLDER;
  if (page.items !== undefined) {
    if (offset >= page.items.length) return PLACEHOLDER;
    const item = page.items[offset] as T;
    return page.stale ? { status: 'loaded', item, stale: true } : { status: 'loaded', item };
  }
  if (page.status === 'error') return { status: 'error', error: page.error };
  return page.retrying ?? LOADING;
}

/** Gathers loaded items of `[from, to)` by index with the worst status seen. */
export function collect<T>(
  getItem: (index: number) => ItemState<T>,
  from: number,
  to: number,
): RangeState<T> {
  const items: T[] = [];
  let status: RangeState<T>['status'] = 'loaded';
  for (let index = Math.max(0, Math.floor(from)); index < to; index++) {
    const state = getItem(index);
    if (state.status === 'loaded') items.push(state.item);
    else if (state.status === 'error') status = 'error';
    else if (status !== 'error') status = 'loading';
  }
  return { status, items };
}
