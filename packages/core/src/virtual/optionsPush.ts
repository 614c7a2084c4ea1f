// What `VirtualList.setOptions` makes of a partial before applying it: the checked input and its
// resolved options, then what they change. The view applies the result (one update path).
import { assertUnchanged } from '../options.ts';
import { assertSameLayout, sameEstimates } from './optionsUpdate.ts';
import { sameIndexes } from './stickyRows.ts';
import {
  FIXED_VIEW_OPTIONS,
  optionsChange,
  type ResolvedVirtualListOptions,
  resolveVirtualListOptions,
  type VirtualListOptions,
  type VirtualListUpdate,
} from './virtualListOptions.ts';
import type { VirtualListSnapshot } from './virtualSnapshot.ts';

/**
 * The input with `partial` merged in and its resolved options. Throws a TypeError, changing
 * nothing, for an invalid value, an option fixed at creation or another layout.
 *
 * @example
 * const [input, next] = pushedOptions(view.input, { overscan: 8 }, view.options);
 */
export function pushedOptions<T>(
  current: VirtualListOptions<T>,
  partial: VirtualListUpdate,
  before: ResolvedVirtualListOptions<T>,
): [VirtualListOptions<T>, ResolvedVirtualListOptions<T>] {
  // Option checks run in development builds only (decision 0054).
  const dev = process.env.NODE_ENV !== 'production';
  if (dev) assertUnchanged('VirtualList.setOptions', FIXED_VIEW_OPTIONS, current, partial);
  const input = { ...current, ...partial } as VirtualListOptions<T>;
  const next = resolveVirtualListOptions(input); // throws, changing nothing, on a bad value
  if (dev) assertSameLayout(before, next, partial.layout);
  return [input, next];
}

/**
 * What the options `next` change from `before`, and the options the view keeps: the target and
 * the restore it was created with, the sticky indexes' array when they are equal (the sticky
 * rows derived from it are kept too).
 *
 * @example
 * const [change, options] = optionsPushed(view.options, next, view.getSnapshot()); // 'none' for () => 36 again
 */
export function optionsPushed<T>(
  before: ResolvedVirtualListOptions<T>,
  next: ResolvedVirtualListOptions<T>,
  shown: VirtualListSnapshot<T>,
): [ReturnType<typeof optionsChange>, ResolvedVirtualListOptions<T>] {
  // An `estimateSize` built anew on every render that gives the same estimates is the same one.
  const change = optionsChange(
    before,
    sameEstimates(before.estimateSize, next.estimateSize, shown)
      ? { ...next, estimateSize: before.estimateSize }
      : next,
  );
  const { stickyIndexes } = sameIndexes(next.stickyIndexes, before.stickyIndexes) ? before : next;
  return [change, { ...next, target: before.target, restore: before.restore, stickyIndexes }];
}
