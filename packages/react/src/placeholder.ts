import type { SavedScroll, VirtualListSnapshot } from '@lazyflow/core';
import { useEffect } from 'react';

/**
 * What a list shows after its `key` changed, until the new key's first visible page lands:
 * `'none'` (default) its own rows (placeholders, or none while the count is unknown);
 * `'previous'` the previous key's rows as they were on screen, marked `isPlaceholder: true`.
 *
 * @example
 * useLazyList({ key: ['search', query], source, placeholder: 'previous', … });
 */
export type ListPlaceholder = 'none' | 'previous';

/**
 * The previous key's last rows, held by a new list until its own first visible page lands, then
 * released (so a byte-bounded list does not keep a second list's pages alive).
 *
 * @example
 * const held = new HeldRows(previousSnapshot);
 * held.release();
 */
export class HeldRows<T> {
  #snapshot: VirtualListSnapshot<T> | null;

  constructor(snapshot: VirtualListSnapshot<T> | null) {
    this.#snapshot = snapshot;
  }

  get snapshot(): VirtualListSnapshot<T> | null {
    return this.#snapshot;
  }

  release(): void {
    this.#snapshot = null;
  }
}

/** What a new list needs from the list it replaces. */
interface PreviousList<T> {
  readonly held: HeldRows<T>;
  getSnapshot(): VirtualListSnapshot<T>;
  saveScroll(): SavedScroll;
}

/**
 * Whether the new key's visible pages have landed (or failed): the placeholder ends there. A list
 * whose count is still unknown shows no rows and is 'ready' with nothing loaded, so a page with
 * items is what counts; before the view has set a window ('idle'), pages the list found in the
 * QueryClient (a key shown before) count too, so they show at once.
 */
function landed(snapshot: VirtualListSnapshot<unknown>): boolean {
  if (snapshot.status === 'error') return true;
  if (snapshot.status === 'loading') return false;
  for (const page of snapshot.list.pages.values()) if (page.items !== undefined) return true;
  return false;
}

/**
 * The rows a new list holds from the list it replaces: with `placeholder: 'previous'` and other
 * data (a new key; the same key on another axis keeps its scroll position instead), the previous
 * list's rows, or, when that list itself was still showing a placeholder (keys typed in quick
 * succession), the rows it held. Only rows that were loaded and shown (`status: 'ready'`).
 *
 * @example
 * const held = holdPreviousRows(previousEngine, sameData, options.placeholder);
 */
export function holdPreviousRows<T>(
  previous: PreviousList<T> | null,
  sameData: boolean,
  mode: ListPlaceholder | undefined,
): HeldRows<T> {
  if (mode !== 'previous' || previous === null || sameData) return new HeldRows<T>(null);
  const shown = previous.getSnapshot();
  if (!landed(shown) && previous.held.snapshot !== null) return new HeldRows(previous.held.snapshot);
  if (shown.status !== 'ready' || shown.rows.length === 0) return new HeldRows<T>(null);
  return new HeldRows(fromTop(shown, previous.saveScroll()));
}

/**
 * The previous rows moved up by the old scroll offset: a new key starts at the top, so the rows
 * stay exactly where they were on screen (not off screen at their old offsets) until the new
 * rows replace them. Rows wholly above the old viewport are dropped.
 *
 * @example
 * fromTop(snapshot, { anchorKey: 100, offsetInItem: 12, sizes: [] }); // row 100 now starts at −12
 */
export function fromTop<T>(snapshot: VirtualListSnapshot<T>, scroll: SavedScroll): VirtualListSnapshot<T> {
  const anchor = snapshot.rows.find((row) => row.index === scroll.anchorKey);
  const offset = anchor === undefined ? 0 : anchor.start + scroll.offsetInItem;
  if (offset === 0) return snapshot;
  const rows = snapshot.rows
    .filter((row) => row.start + row.size > offset)
    .map((row) => Object.freeze({ ...row, start: row.start - offset }));
  const totalSize = Math.max(snapshot.totalSize - offset, snapshot.viewportSize);
  return Object.freeze({ ...snapshot, rows, totalSize, virtualSize: totalSize, scaled: false });
}

/**
 * The snapshot to render: the held previous rows while the new key's first visible page is on
 * its way (`isPlaceholder: true`), else the list's own. Once the new rows (or an error) are
 * shown, the held rows are released after the commit and never come back for this list, so rows
 * the user scrolls to later show as loading, not as the old key's. Throws a TypeError naming the
 * option for a `placeholder` other than `'none'` or `'previous'`.
 *
 * @example
 * const { shown, isPlaceholder } = usePlaceholder(engine.held, snapshot, options.placeholder);
 */
export function usePlaceholder<T>(
  held: HeldRows<T>,
  snapshot: VirtualListSnapshot<T>,
  mode: unknown,
): { shown: VirtualListSnapshot<T>; isPlaceholder: boolean } {
  if (mode !== undefined && mode !== 'none' && mode !== 'previous') {
    throw new TypeError(
      `lazyflow: useLazyList option "placeholder" must be "previous" or "none", got ${describe(mode)}`,
    );
  }
  const previous = held.snapshot;
  const active = previous !== null && !landed(snapshot);
  useEffect(() => {
    if (!active) held.release();
  }, [held, active]);
  return active ? { shown: previous, isPlaceholder: true } : { shown: snapshot, isPlaceholder: false };
}

const describe = (value: unknown) =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : typeof value === 'function'
      ? 'a function'
      : String(value);
