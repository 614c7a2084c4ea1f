// What `VirtualList.setOptions` checks beyond resolving the options: the layout it was created
// with, and a new option told from the same one passed again. The view resolves and applies the
// options (one update path); these only check and compare.
import { optionError } from '../options.ts';
import type { ResolvedVirtualListOptions, VirtualListUpdate } from './virtualListOptions.ts';
import type { VirtualListSnapshot } from './virtualSnapshot.ts';

/**
 * Throws a TypeError naming `layout` when the options `next` have another layout than `before`:
 * rows and chunks of packed items are other sizes and anchors, so another layout is another view
 * (decision 0015 amendment). `'rows'` and no layout are the same one.
 *
 * @example
 * assertSameLayout(options, resolveVirtualListOptions({ ...input, layout: masonry }), masonry); // throws on a rows list
 */
export function assertSameLayout(
  before: Pick<ResolvedVirtualListOptions<unknown>, 'masonry'>,
  next: Pick<ResolvedVirtualListOptions<unknown>, 'masonry'>,
  layout: VirtualListUpdate['layout'],
): void {
  if ((next.masonry === null) === (before.masonry === null)) return;
  const created = before.masonry === null ? "'rows'" : 'masonry';
  throw optionError(
    'VirtualList.setOptions',
    'layout',
    `the layout the view was created with (${created}): another layout is a new view (a new key or component)`,
    layout,
  );
}

/**
 * Whether `b` gives the estimates `a` gives for the rows `shown` and the first and last item.
 * Hooks pass `estimateSize: () => 36` built anew on every render: a function that gives the same
 * estimates where they are read is the same estimate (decision 0016), and recomputing every
 * block's sum on each commit of a scroll would be wasted.
 *
 * @example
 * sameEstimates(() => 36, () => 36, view.getSnapshot()); // true: no new estimates
 */
export function sameEstimates(
  a: (index: number) => number,
  b: (index: number) => number,
  shown: VirtualListSnapshot<unknown>,
): boolean {
  if (a === b) return true;
  const { rows, count } = shown;
  if (count > 0) for (const index of [0, count - 1]) if (a(index) !== b(index)) return false;
  for (const row of rows) if (a(row.index) !== b(row.index)) return false;
  return true;
}
