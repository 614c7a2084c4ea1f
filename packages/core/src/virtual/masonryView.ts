// Masonry's hook in the virtual list's layout, run before the anchor is read. The masonry layout
// itself is its own import (`@lazyflow/core/masonry`, decision 0015): it is passed in, never
// imported here but as a type.
import type { LazyListSnapshot } from '../list/LazyList.ts';
import type { MasonryLayout } from './masonry.ts';
import type { SizeIndex } from './sizeIndex.ts';
import type { ViewState } from './viewState.ts';

/**
 * Masonry, before the anchor is read: the last chunk follows the count (a measured chunk takes
 * its new height, an estimated one is read again), and the item read at the viewport's top keeps
 * its pixel when items above it in its chunk were measured (repacked). Returns the state with
 * that anchor, or `state` itself.
 *
 * @example
 * state = masonryBeforeLayout(masonry, sizes, state, list.getSnapshot());
 */
export function masonryBeforeLayout(
  masonry: MasonryLayout,
  sizes: SizeIndex,
  state: ViewState,
  data: LazyListSnapshot<unknown>,
): ViewState {
  for (const chunk of masonry.setEnd(data.count - data.prependedCount)) {
    if (sizes.measured(chunk) !== undefined) sizes.setSize(chunk, masonry.height(chunk));
    else sizes.resetEstimates();
  }
  if (state.hold.kind !== 'anchor' || state.anchor === null || state.restore.kind === 'pending') return state;
  const held = masonry.held(sizes, state.virtual);
  return held === null ? state : { ...state, anchor: held };
}
