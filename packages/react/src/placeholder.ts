import type { SavedScroll, VirtualListSnapshot } from '@lazyflow/core';
import { useEffect } from 'react';

/**
 * Rows a new list holds from the list it replaced (with a `placeholder`), until its own land.
 *
 * @example
 * const { snapshot } = held; // the previous key's rows, or null
 * if (held.landed(newSnapshot)) held.release();
 */
export interface HeldRows<T> {
  /** The previous key's rows as they were on screen, or null (none, or released). */
  readonly snapshot: VirtualListSnapshot<T> | null;
  /** Whether the new list's own visible rows are there (or failed): the placeholder ends. */
  landed(snapshot: VirtualListSnapshot<T>): boolean;
  /** Forgets the held rows for good. */
  release(): void;
}

/** What a new list reads of the list it replaces. */
export interface PreviousList<T> {
  readonly held: HeldRows<T>;
  getSnapshot(): VirtualListSnapshot<T>;
  saveScroll(): SavedScroll;
}

/**
 * The type of the `placeholder` option: `keepPreviousRows` from `@lazyflow/react` (decision
 * 0023), the only value made for it; leave the option out (or `'none'`) to show the new key's
 * own rows (placeholders) at once.
 *
 * @example
 * import { keepPreviousRows } from '@lazyflow/react';
 * const placeholder: ListPlaceholder = keepPreviousRows;
 */
export interface ListPlaceholder {
  readonly kind: 'previous-rows';
  /** The rows a new list with other data (a new key) holds from `previous`. */
  hold<T>(previous: PreviousList<T>): HeldRows<T>;
}

/** No rows held (no placeholder, the same data, or a first list). */
export const NO_ROWS_HELD: HeldRows<never> = Object.freeze({
  snapshot: null,
  landed: () => true,
  release() {},
});

/**
 * Checks a `placeholder` option at each render: a TypeError naming the option, and the import,
 * for anything but `keepPreviousRows`, `'none'` or nothing. `'previous'` was the option's value
 * before it became an import (decision 0023). Development builds only (decision 0054): in
 * production anything else shows no placeholder.
 *
 * @example
 * assertPlaceholder(options.placeholder);
 */
function assertPlaceholder(mode: unknown): void {
  if (
    mode === undefined ||
    mode === 'none' ||
    (mode as Partial<ListPlaceholder> | null)?.kind === 'previous-rows'
  )
    return;
  throw new TypeError(
    `lazyflow: useLazyList option "placeholder" must be keepPreviousRows from '@lazyflow/react' or "none", got ${typeof mode === 'string' ? JSON.stringify(mode) : String(mode)}`,
  );
}

/**
 * The snapshot to render: the held previous rows while the new key's first visible page is on
 * its way (`isPlaceholder: true`), else the list's own. Once the new rows (or an error) are
 * shown, the held rows are released after the commit and never come back for this list, so rows
 * the user scrolls to later show as loading, not as the old key's.
 *
 * @example
 * const { shown, isPlaceholder } = usePlaceholder(engine.held, snapshot, options.placeholder);
 */
export function usePlaceholder<T>(
  held: HeldRows<T>,
  snapshot: VirtualListSnapshot<T>,
  mode: unknown,
): { shown: VirtualListSnapshot<T>; isPlaceholder: boolean } {
  if (process.env.NODE_ENV !== 'production') assertPlaceholder(mode);
  const previous = held.snapshot;
  const active = previous !== null && !held.landed(snapshot);
  useEffect(() => {
    if (!active) held.release();
  }, [held, active]);
  return { shown: active ? previous : snapshot, isPlaceholder: active };
}
