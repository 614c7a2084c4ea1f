/** Whether the count is known exactly, estimated (more may exist), or not known yet. */
export type CountKind = 'exact' | 'estimated' | 'unknown';

/**
 * The state of one item index in a snapshot. A loaded item has `stale: true` while it shows data
 * that is being (or could not be) revalidated: served from IndexedDB, or kept through `refresh()`.
 * A loading item whose page is being retried (decision 0025) carries `attempt` (2 or more: the
 * try now waiting or running), `attempts` (`retry.attempts`) and `lastError` (why the last try
 * failed); a first try has none of them.
 *
 * @example
 * const state: ItemState<User> = list.getSnapshot().getItem(7);
 * if (state.status === 'loaded') render(state.item);
 * else if (state.status === 'loading' && state.attempt) showRetrying(state.attempt, state.attempts, state.lastError);
 */
export type ItemState<T> =
  | { readonly status: 'loaded'; readonly item: T; readonly error?: undefined; readonly stale?: true }
  | {
      readonly status: 'loading';
      readonly item?: undefined;
      readonly error?: undefined;
      readonly attempt?: number;
      readonly attempts?: number;
      readonly lastError?: unknown;
    }
  | { readonly status: 'error'; readonly item?: undefined; readonly error: unknown }
  | { readonly status: 'placeholder'; readonly item?: undefined; readonly error?: undefined };

/** Loaded items of a range plus the worst status among the pages covering it. */
export interface RangeState<T> {
  readonly status: 'loaded' | 'loading' | 'error';
  readonly items: readonly T[];
}

/** Shared immutable states, so rows that are not loaded get the same object every time. */
export const LOADING: ItemState<never> = Object.freeze({ status: 'loading' });
export const PLACEHOLDER: ItemState<never> = Object.freeze({ status: 'placeholder' });

/** Reads items out of one frozen snapshot. */
export interface SnapshotReader<T> {
  getItem(index: number): ItemState<T>;
  getItemKey(index: number): number;
  getRange(from: number, to: number): RangeState<T>;
}
