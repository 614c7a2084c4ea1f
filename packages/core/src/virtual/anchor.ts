import type { SizeIndex } from './sizeIndex.ts';
import type { ScrollAlign } from './virtualSnapshot.ts';

/** A scroll position by row: the row's key and how far the viewport starts from it. */
export interface Anchor {
  /** Row key (item key / lanes). */
  readonly row: number;
  /** Viewport start minus the row's start; ≤ 0 when the row starts inside the viewport. */
  readonly offset: number;
}

/**
 * The row a view holds still at `virtual`: the first row fully in view whose size was
 * measured. Rows that just scrolled in at the top are not measured yet; when they are, they
 * sit above the anchor, so what the user was reading does not move. Fallback: the first row
 * fully in view, else the row at the top.
 *
 * @example
 * const anchor = anchorAt(sizes, 1_000, 600); // { row: 28, offset: -8 }
 */
export function anchorAt(sizes: SizeIndex, virtual: number, viewport: number): Anchor {
  const end = virtual + viewport;
  const first = sizes.rowAt(virtual);
  let fullyVisible: Anchor | null = null;
  for (let row = first; row < sizes.hi && row < first + 500; row++) {
    const start = sizes.start(row);
    if (start >= end) break;
    if (start < virtual) continue;
    fullyVisible ??= { row, offset: virtual - start };
    if (sizes.measured(row) !== undefined) return { row, offset: virtual - start };
  }
  return fullyVisible ?? { row: first, offset: virtual - sizes.start(first) };
}

/**
 * The scroll position that shows a row of `start` and `size` aligned in a viewport;
 * 'auto' moves from `current` only as far as needed to show the row whole.
 *
 * @example
 * alignedOffset(3_600, 36, 600, 0, 'center'); // 3_318
 */
export function alignedOffset(
  start: number,
  size: number,
  viewport: number,
  current: number,
  align: ScrollAlign,
): number {
  if (align === 'start') return start;
  if (align === 'end') return start + size - viewport;
  if (align === 'center') return start + size / 2 - viewport / 2;
  if (start < current) return start;
  if (start + size > current + viewport) return start + size - viewport;
  return current;
}
