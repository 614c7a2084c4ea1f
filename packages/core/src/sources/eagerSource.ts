import { optionError } from '../options.ts';
import { adoptable } from './adopt.ts';
import type { OffsetSource } from './source.ts';

/**
 * Options for {@link eagerSource}.
 *
 * @example
 * const source = eagerSource<Country>({ items: countries }); // everything is already in memory
 */
export interface EagerSourceOptions {
  /** Items per page of the list's snapshot (the data itself is loaded at once). Default 500. */
  pageSize?: number;
}

/**
 * A source for small data that is loaded at once — an array, or a function resolving to one —
 * exposed through the same paged API as the other sources. The function is called again after
 * `refresh()`/`invalidate()`.
 *
 * @example
 * const list = createLazyList({ key: ['colors'], source: eagerSource(['red', 'green', 'blue']) });
 * const remote = eagerSource(() => fetch('/api/small').then((r) => r.json()));
 */
export function eagerSource<T>(
  items: readonly T[] | (() => Promise<readonly T[]>),
  options: EagerSourceOptions = {},
): OffsetSource<T> {
  // `items` is often the app's data (a server's array) and stays checked in every build, as what
  // `items()` resolves to does; `pageSize` is an option: development builds only (decision 0054).
  if (!Array.isArray(items) && typeof items !== 'function') {
    throw optionError('eagerSource', 'items', 'an array or a function returning a promise of one', items);
  }
  const pageSize = options.pageSize ?? 500;
  if (process.env.NODE_ENV !== 'production' && (!Number.isInteger(pageSize) || pageSize <= 0)) {
    throw optionError('eagerSource', 'pageSize', 'a positive integer', pageSize);
  }
  const cell = { current: items };
  let loading: Promise<readonly T[]> | undefined;
  const load = (): Promise<readonly T[]> => {
    const current = cell.current;
    if (typeof current !== 'function') return Promise.resolve(current);
    loading ??= current().then((value: unknown) => {
      if (!Array.isArray(value)) {
        loading = undefined;
        throw optionError('eagerSource', 'items()', 'a promise of an array', value);
      }
      return value as readonly T[];
    });
    return loading.catch((error: unknown) => {
      loading = undefined; // a failed load is retried on the next request, not cached
      throw error;
    });
  };
  const pageOf = (all: readonly T[], page: number) => ({
    items: all.slice(page * pageSize, (page + 1) * pageSize),
    total: all.length,
  });
  const source: OffsetSource<T> = {
    kind: 'offset',
    pageSize,
    strategy: 'eager',
    // An array's length is the count before any load: the first render is as tall as the list,
    // so a scroll the app sets in its first layout effect (its own restoration) stays.
    get initialCount() {
      return Array.isArray(cell.current) ? cell.current.length : undefined;
    },
    initialPage(page) {
      const all = cell.current;
      return typeof all === 'function' ? undefined : pageOf(all, page);
    },
    async loadPage({ page }) {
      return pageOf(await load(), page);
    },
    async loadSpan({ offset, limit }) {
      const all = await load();
      return { items: all.slice(offset, offset + limit), total: all.length };
    },
    reset() {
      loading = undefined;
    },
  };
  // An array is the data itself: another array is other data (the list reloads, cheaply).
  return adoptable(source, `eager:${pageSize}`, cell, Array.isArray(items) ? items : undefined);
}
