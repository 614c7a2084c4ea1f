import type { PageState } from './pageState.ts';

/**
 * Everything that can happen to one page of a list. Every change of a page's state is one of
 * these, applied by {@link reducePage}:
 * - `requested`: the plan wants the page; an absent page shows as loading.
 * - `landed`: fresh items arrived (the network, the query cache, an append or a write).
 * - `cached`: items read from the persistent cache, shown stale until revalidated; fresher items win.
 * - `retrying`: a try failed and attempt `attempt` of `attempts` is due: a page without items
 *   shows it (and `error`, the last failure) on its loading rows until it lands or fails.
 * - `failed`: the fetch failed for good; items the page held stay, shown stale.
 * - `invalidated`: the app invalidated the page's query: items stay, stale, until refetched.
 * - `retried`: `retry()` of a failed page: its items stay stale, a page without items is forgotten.
 * - `cancelled`: the fetch stopped before any data: a loading page is forgotten.
 * - `evicted`: dropped for the memory budget.
 * - `reset`: `refresh()` / `invalidate()`: kept (`keep`) pages with items stay, stale; others go.
 *
 * @example
 * const action: PageAction<User> = { type: 'landed', page: 3, generation: 0, items, bytes: 4_000 };
 */
export type PageAction<T> =
  | { readonly type: 'requested'; readonly page: number; readonly generation: number }
  | {
      readonly type: 'landed' | 'cached';
      readonly page: number;
      readonly generation: number;
      readonly items: readonly T[];
      readonly bytes: number;
    }
  | { readonly type: 'failed'; readonly page: number; readonly generation: number; readonly error: unknown }
  | {
      readonly type: 'retrying';
      readonly page: number;
      readonly attempt: number;
      readonly attempts: number;
      readonly error: unknown;
    }
  | { readonly type: 'invalidated' | 'retried' | 'cancelled' | 'evicted'; readonly page: number }
  | { readonly type: 'reset'; readonly page: number; readonly keep: boolean };

/**
 * The pure transition of one page: its state before (undefined = not stored) and an action give
 * its state after (undefined = forgotten). Returns `page` itself when the action changes nothing.
 *
 * @example
 * reducePage(undefined, { type: 'requested', page: 0, generation: 0 }); // { status: 'loading', … }
 * reducePage(loading, { type: 'cancelled', page: 0 }); // undefined
 */
export function reducePage<T>(
  page: PageState<T> | undefined,
  action: PageAction<T>,
): PageState<T> | undefined {
  const index = action.page;
  switch (action.type) {
    case 'requested':
      return (
        page ?? {
          index,
          status: 'loading',
          items: undefined,
          error: undefined,
          bytes: 0,
          generation: action.generation,
          stale: false,
        }
      );
    case 'landed':
    case 'cached': {
      // A cache read never replaces fresher items (a network response or a write came first).
      if (action.type === 'cached' && page?.items !== undefined && !page.stale) return page;
      const { items, bytes, generation } = action;
      return {
        index,
        status: 'loaded',
        items,
        error: undefined,
        bytes,
        generation,
        stale: action.type === 'cached',
      };
    }
    case 'failed': {
      const items = page?.items; // a failed revalidation keeps its items
      const { error, generation } = action;
      return {
        index,
        status: 'error',
        items,
        error,
        bytes: page?.bytes ?? 0,
        generation,
        stale: items !== undefined,
      };
    }
    case 'retrying':
      // A stale page keeps showing its items. The rows' state is made once, for every row of the page.
      return page?.status === 'loading'
        ? {
            ...page,
            retrying: {
              status: 'loading',
              attempt: action.attempt,
              attempts: action.attempts,
              lastError: action.error,
            },
          }
        : page;
    case 'invalidated':
      if (page?.items !== undefined) return asStale(page);
      return page?.status === 'error' ? undefined : page;
    case 'retried':
      if (page?.status !== 'error') return page;
      return page.items === undefined ? undefined : asStale(page);
    case 'cancelled':
      return page?.status === 'loading' ? undefined : page;
    case 'evicted':
      return undefined;
    case 'reset':
      return page?.items !== undefined && action.keep ? asStale(page) : undefined;
  }
}

/** Items kept on screen while a refetch runs. */
function asStale<T>(page: PageState<T>): PageState<T> {
  if (page.status === 'loaded' && page.stale) return page;
  return { ...page, status: 'loaded', error: undefined, stale: true };
}
