import type { ItemState } from './itemState.ts';

/** Where one page stands. */
type PageStatus = 'loading' | 'loaded' | 'error';

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
  /** While a page without items waits for or runs a retry: the state its rows show (decision 0025). */
  readonly retrying?: ItemState<never>;
}
