import type { SavedScroll, VirtualListSnapshot } from '@lazyflow/core';
import type { HeldRows, ListPlaceholder, PreviousList } from './placeholder.ts';

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

/** The previous key's last rows, held by a new list until its own first visible page lands, then released. */
class Held<T> implements HeldRows<T> {
  #snapshot: VirtualListSnapshot<T> | null;

  constructor(snapshot: VirtualListSnapshot<T> | null) {
    this.#snapshot = snapshot;
  }

  get snapshot(): VirtualListSnapshot<T> | null {
    return this.#snapshot;
  }

  landed(snapshot: VirtualListSnapshot<T>): boolean {
    return landed(snapshot);
  }

  release(): void {
    this.#snapshot = null; // so a byte-bounded list does not keep a second list's pages alive
  }
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
 * The `placeholder` that keeps the previous key's rows (like React Query's `keepPreviousData`):
 * after a `key` change (a new search term, filter, sort) the list shows the old key's rows as
 * they were on screen, with `isPlaceholder: true`, until the new key's first visible page lands
 * (or fails); then the new rows, and the old ones are released. Only rows that were loaded and
 * shown are kept; keys typed in quick succession keep the rows of the last key that showed
 * some. Its own import, so a list without it does not bundle it.
 *
 * @example
 * import { keepPreviousRows, useLazyList } from '@lazyflow/react';
 * const list = useLazyList({ key: ['search', query], source, placeholder: keepPreviousRows, … });
 * <div style={{ opacity: list.isPlaceholder ? 0.6 : 1 }}>…</div>;
 */
export const keepPreviousRows: ListPlaceholder = Object.freeze({
  kind: 'previous-rows',
  hold<T>(previous: PreviousList<T>): HeldRows<T> {
    const shown = previous.getSnapshot();
    if (!landed(shown) && previous.held.snapshot !== null) return new Held(previous.held.snapshot);
    if (shown.status !== 'ready' || shown.rows.length === 0) return new Held<T>(null);
    return new Held(fromTop(shown, previous.saveScroll()));
  },
} as const);
