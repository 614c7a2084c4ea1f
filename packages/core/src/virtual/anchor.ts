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
 * measured and whose item is loaded (`loaded`, when given). Rows that just scrolled in at the
 * top are not measured yet, and a placeholder changes size when its data lands; either way
 * they sit above or away from the anchor, so what the user was reading does not move.
 * Fallbacks: the first measured row fully in view, the first row fully in view, the row at the top.
 * A `previous` anchor row that is still measured, loaded and starts in view is kept.
 *
 * @example
 * const anchor = anchorAt(sizes, 1_000, 600); // { row: 28, offset: -8 }
 */
export function anchorAt(
  sizes: SizeIndex,
  virtual: number,
  viewport: number,
  loaded?: (row: number) => boolean,
  previous?: number,
): Anchor {
  const end = virtual + viewport;
  // The row held until now stays the anchor while it is measured and whole in view: rows that
  // scroll in around it, get measured or load, never move it.
  if (
    previous !== undefined &&
    previous >= sizes.lo &&
    previous < sizes.hi &&
    sizes.measured(previous) !== undefined
  ) {
    // Its top in view is enough (its bottom may be past the end): a row above it may be loaded
    // with a size measured while it was a placeholder (re-measured only when rendered again).
    const start = sizes.start(previous);
    if (start >= virtual && start < end && (loaded === undefined || loaded(previous)))
      return { row: previous, offset: virtual - start };
  }
  const first = sizes.rowAt(virtual);
  let fullyVisible: Anchor | null = null;
  let measured: Anchor | null = null;
  for (let row = first; row < sizes.hi && row < first + 500; row++) {
    const start = sizes.start(row);
    if (start >= end) break;
    if (start < virtual) continue;
    fullyVisible ??= { row, offset: virtual - start };
    if (sizes.measured(row) === undefined) continue;
    if (loaded === undefined || loaded(row)) return { row, offset: virtual - start };
    measured ??= { row, offset: virtual - start };
  }
  return measured ?? fullyVisible ?? { row: first, offset: virtual - sizes.start(first) };
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
