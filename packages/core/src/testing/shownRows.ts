import type { LazyListSnapshot } from '../list/listSnapshot.ts';

/** The fields of a keyed test row that `shownRows` prints. */
export interface ShownRow {
  readonly id: string;
  /** Updates applied (printed as `.v` when above 0). */
  readonly v?: number;
  /** A sent item's state (printed as `:pending` / `:failed`). */
  readonly status?: 'pending' | 'failed';
}

/**
 * What a list shows, one string per index, for the write tests' expectations: the item's `id`,
 * `.v` when updated, `:status` for a sent item, `~` when the row is stale; `-` when not loaded.
 *
 * @example
 * expect(shownRows(list.getSnapshot())).toEqual(['s0~', 's2~', '-', 's3.1~', 'c1:pending']);
 */
export function shownRows<T extends ShownRow>(snapshot: LazyListSnapshot<T>): string[] {
  return Array.from({ length: snapshot.count }, (_, i) => {
    const state = snapshot.getItem(i);
    if (state.status !== 'loaded') return '-';
    const { id, v = 0, status } = state.item;
    return `${id}${v > 0 ? `.${v}` : ''}${status === undefined ? '' : `:${status}`}${state.stale ? '~' : ''}`;
  });
}
