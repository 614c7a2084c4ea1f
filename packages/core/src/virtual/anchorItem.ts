import type { LazyListSnapshot } from '../list/listSnapshot.ts';
import type { Anchor } from './anchor.ts';

/** The item an anchor held at the last layout: the anchor's row then and that row's item key. */
export interface AnchorItem {
  readonly row: number;
  readonly key: string | number;
}

/**
 * The item at an anchor's row (its first lane), to follow across data changes; null without
 * `getItemKey` or while that row is not loaded.
 *
 * @example
 * const held = anchorItemOf({ row: 5_086, offset: -10 }, list.getSnapshot(), 1); // { row: 5_086, key: 'u5086' }
 */
export function anchorItemOf(
  anchor: Anchor | null,
  data: LazyListSnapshot<unknown>,
  lanes: number,
): AnchorItem | null {
  if (anchor === null || !data.keyed) return null;
  const key = data.keyOf(anchor.row * lanes + data.prependedCount);
  return key === undefined ? null : { row: anchor.row, key };
}

/**
 * The anchor that keeps the item the user reads in place when rows were inserted or removed
 * above it (a refetch after the server's data moved, a local `insert`/`remove`, issue #18): when
 * the anchor's row now holds another loaded item, the anchor moves to the row that holds its item,
 * with the same offset, so the item stays at the same pixel. Unchanged when the list has no
 * `getItemKey` (the row keeps its index), when the anchor moved since (a scroll), when the row is
 * not loaded, or when the item is gone (deleted, or farther than the search reaches). A loaded row
 * whose key is shadowed (a duplicate of a row above it) holds another item: the item is looked for.
 *
 * @example
 * // 'u5086' was at row 5,086; three rows were inserted above it
 * followAnchorItem({ row: 5_086, offset: -10 }, { row: 5_086, key: 'u5086' }, snapshot, 1); // { row: 5_089, offset: -10 }
 */
export function followAnchorItem(
  anchor: Anchor,
  held: AnchorItem | null,
  data: LazyListSnapshot<unknown>,
  lanes: number,
): Anchor {
  if (held === null || held.row !== anchor.row || !data.keyed) return anchor;
  const index = anchor.row * lanes + data.prependedCount;
  const now = data.keyOf(index);
  if (now === held.key) return anchor;
  // No key and not loaded: nothing to compare. A loaded row without a key holds a duplicate of a
  // row above it (pages of two versions side by side, e.g. IndexedDB's and the revalidated one):
  // another item, so the item read is looked for.
  if (now === undefined && data.getItem(index).status !== 'loaded') return anchor;
  const found = data.indexOfKey(held.key, index);
  if (found === undefined) return anchor;
  const row = Math.floor((found - data.prependedCount) / lanes);
  return row === anchor.row ? anchor : { row, offset: anchor.offset };
}

/**
 * The rows around `row` (the anchor's row before a data change) whose items moved by `by` rows
 * with it: `[from, to)` such that each row's item in `before` is the item `by` rows further in
 * `data` (keys of the rows' first items, up to 500 rows each way). Their measured sizes move
 * with them, so rows of varied heights keep their places around the item read (issue #18 item 4).
 *
 * @example
 * // 7 posts arrived above row 9 (the item read, now at row 16)
 * rowsMovedWith(before, after, 9, 7, 1); // [0, 60): the rows loaded in both
 */
export function rowsMovedWith(
  before: LazyListSnapshot<unknown>,
  data: LazyListSnapshot<unknown>,
  row: number,
  by: number,
  lanes: number,
): [number, number] {
  const same = (r: number) => {
    const key = before.keyOf(r * lanes + before.prependedCount);
    return key !== undefined && key === data.keyOf((r + by) * lanes + data.prependedCount);
  };
  let from = row;
  while (from > row - 500 && same(from - 1)) from--;
  let to = row;
  while (to < row + 500 && same(to)) to++;
  return [from, to];
}
