import type { ListWindow } from '../planner/listWindow.ts';
import { planWindow, type WindowPlan } from '../planner/planWindow.ts';
import type { FetchPriority } from '../sources/fetchPriority.ts';
import { isPageData } from '../sources/pageData.ts';
import type { RangeSource } from '../sources/source.ts';
import { type ItemState, LOADING, PLACEHOLDER, type RangeState } from '../store/itemState.ts';
import type { PageState } from '../store/pageStore.ts';
import type { LayoutPlanInput, ListLayout, LoadingFigures } from './layout.ts';

/**
 * Layout of a range source: the window is in key units and bucket b covers
 * [b × bucket, (b + 1) × bucket), so panning only adds buckets at the edges. Keys may be
 * negative. There is no item count (`countKind: 'unknown'`); read data with `getRange(from, to)`.
 * `getItem(key)` returns the item whose key equals `key` when the source has `getKey`.
 */
export class RangeLayout<T> implements ListLayout<T> {
  readonly #source: RangeSource<T>;
  readonly count = 0;
  readonly countKind = 'unknown';
  readonly prependedCount = 0;
  readonly reachedStart = false;
  readonly reachedEnd = false;

  constructor(source: RangeSource<T>) {
    this.#source = source;
  }

  plan(window: ListWindow, input: LayoutPlanInput): WindowPlan {
    return planWindow({ ...input, window, pageSize: this.#source.bucket, minPage: Number.MIN_SAFE_INTEGER });
  }

  pagesFor(start: number, end: number) {
    const size = this.#source.bucket;
    const first = Math.floor(start / size);
    const last = Math.ceil(end / size) - 1;
    return first > last ? null : { first, last };
  }

  load(page: number, signal: AbortSignal, _isLoaded: unknown, priority: FetchPriority): Promise<unknown> {
    const size = this.#source.bucket;
    return this.#source.loadBucket({
      bucket: page,
      from: page * size,
      to: (page + 1) * size,
      signal,
      priority,
    });
  }

  accept(_page: number, data: unknown) {
    return { items: (data as { items: readonly T[] }).items, shift: 0 };
  }

  isPageData(data: unknown): boolean {
    return isPageData('range', data);
  }

  /** Key ranges have no "end" to append to: items belong to the bucket of their key. */
  append(): null {
    return null;
  }

  reset(): void {}

  refreshSource(): void {}

  loading(): LoadingFigures {
    return { pageSize: 0, strategy: 'range', strategyReason: null };
  }

  reader(pages: ReadonlyMap<number, PageState<T>>) {
    const size = this.#source.bucket;
    const getKey = this.#source.getKey;
    const getRange = (from: number, to: number): RangeState<T> => {
      const items: T[] = [];
      let status = 'loaded' as RangeState<T>['status'];
      const range = this.pagesFor(from, to);
      if (range === null) return { status, items };
      for (let bucket = range.first; bucket <= range.last; bucket++) {
        const page = pages.get(bucket);
        if (page?.items === undefined) {
          status = page?.status === 'error' || status === 'error' ? 'error' : 'loading';
          continue;
        }
        // Within the bucket too: a server answering [from, to] with both ends sends an edge's items twice.
        const low = Math.max(from, bucket * size);
        const high = Math.min(to, (bucket + 1) * size);
        const inside =
          getKey === undefined ? page.items : page.items.filter((item) => inRange(getKey(item), low, high));
        for (const item of inside) items.push(item);
      }
      return { status, items };
    };
    return {
      getItem: (key: number): ItemState<T> => {
        const page = pages.get(Math.floor(key / size));
        if (page === undefined) return PLACEHOLDER;
        // A page that failed to revalidate keeps serving its (stale) items, as offset pages do.
        if (page.items === undefined)
          return page.status === 'error'
            ? { status: 'error', error: page.error }
            : (page.retrying ?? LOADING);
        const item =
          getKey === undefined ? undefined : page.items.find((candidate) => getKey(candidate) === key);
        if (item === undefined) return PLACEHOLDER;
        return page.stale ? { status: 'loaded', item, stale: true } : { status: 'loaded', item };
      },
      getItemKey: (key: number) => key,
      getRange,
    };
  }
}

function inRange(key: number, from: number, to: number): boolean {
  return key >= from && key < to;
}
