import type { SavedScroll } from '../cache/savedScroll.ts';
import { ItemRestore } from './itemRestore.ts';
import type { MasonryLayout } from './masonry.ts';
import { MASONRY_BLOCK } from './masonryChunks.ts';
import { SizeIndex } from './sizeIndex.ts';
import type { ViewAction } from './viewState.ts';

/**
 * A virtual list's size index: rows estimated by `estimateRow`, or masonry's chunks of items by
 * their packed height (smaller blocks keep a jump's exact block small).
 *
 * @example
 * const sizes = newViewSizes(null, (row) => 36, 0);
 */
export function newViewSizes(
  masonry: MasonryLayout | null,
  estimateRow: (row: number) => number,
  gap: number,
): SizeIndex {
  return new SizeIndex({
    ...(masonry === null ? {} : { blockSize: MASONRY_BLOCK }),
    estimate: (row) => (masonry !== null ? masonry.height(row) : estimateRow(row)),
    gap,
  });
}

/**
 * The action that makes a saved position pending; its measured sizes go into `sizes` now.
 *
 * @example
 * view.update(restoreAction(saved, saved.atEnd, sizes, 1));
 */
export function restoreAction(
  saved: SavedScroll,
  atEnd: boolean | undefined,
  sizes: SizeIndex,
  lanes: number,
): ViewAction {
  for (const [row, size] of saved.sizes) sizes.setSize(row, size);
  const anchor = { row: Math.floor(saved.anchorKey / lanes), offset: saved.offsetInItem };
  const item = saved.anchorItemKey === undefined ? null : new ItemRestore(saved);
  return { type: 'restore', anchor, item, atEnd };
}
