import type { LazyListSnapshot } from '../list/LazyList.ts';
import type { VelocityMeter } from '../planner/velocityMeter.ts';
import { loadedFlight } from './flightChunk.ts';
import type { MasonryLayout } from './masonry.ts';
import type { ScrollLink } from './scrollLink.ts';
import { type LayoutInput, viewWindow } from './viewLayout.ts';
import { moving, type ViewContext, type ViewState } from './viewState.ts';
import type { ResolvedVirtualListOptions } from './virtualListOptions.ts';
import { buildSnapshot, renderedWindow, type VirtualListSnapshot } from './virtualSnapshot.ts';

// The two halves of a virtual list's layout pass around `layoutView` (which places the scroll
// position): what it reads, and what the placed state gives the list and the renderer.

/**
 * What `layoutView` reads besides the state: the list's data, the sizes, the options, the
 * target's reach (`floor`, `beyond`), the masonry item boxes and the smooth flight's path.
 *
 * @example
 * const input = layoutInput(options, list.getSnapshot(), null, context, [], link, null);
 */
export function layoutInput<T>(
  o: ResolvedVirtualListOptions<T>,
  data: LazyListSnapshot<T>,
  before: LazyListSnapshot<T> | null,
  context: ViewContext,
  stickyRows: readonly number[],
  link: ScrollLink,
  masonry: MasonryLayout | null,
): LayoutInput {
  return {
    ...context, // the sizes, the anchor mode and the scroll padding
    data,
    before,
    lanes: o.lanes,
    maxPhysicalSize: o.maxPhysicalSize,
    stickyRows,
    sticky: o.sticky,
    floor: link.floor,
    beyond: link.beyond,
    glide: link.glide,
    itemBox: masonry === null ? undefined : (key) => masonry.box(key),
    flightAt: loadedFlight?.flightAt,
  };
}

/**
 * The second half of a virtual list's layout, once `layoutView` placed the scroll position:
 * whether the rows lean ahead of the scroll, the window the list loads (with direction, speed and
 * prefetch), and the snapshot rendered. Returns `previous` when nothing rendered changed. The
 * list may publish inside `setWindow`: the view's state must already be `state`.
 *
 * @example
 * const snapshot = publishView(options, state, input, previous, speed, link, null);
 */
export function publishView<T>(
  o: ResolvedVirtualListOptions<T>,
  state: ViewState,
  input: LayoutInput,
  previous: VirtualListSnapshot<T> | null,
  speed: VelocityMeter,
  link: ScrollLink,
  masonry: MasonryLayout | null,
): VirtualListSnapshot<T> {
  const { data, stickyRows } = input;
  const isScrolling = moving(state.motion);
  // A scrollbar drag jumps from place to place: like a jump, it loads only where it rests (its
  // settle, the thumb held still or let go), and renders nothing ahead of a "direction". Held
  // still (`grabbed`), it loads what is on screen only: the prefetch waits for the release.
  const dragging = state.motion === 'dragging' || state.motion === 'released';
  const velocity = isScrolling && !dragging ? speed.rounded : 0;
  const direction = speed.direction;
  // Masonry places items per lane inside its rows: no lean (its rows are chunks of items).
  const read = link.lean(velocity > 0 && masonry === null && speed.stride > o.overscan * o.lanes);
  const stride = read === 'ahead' ? speed.stride : 0;
  if (!dragging) {
    const window = renderedWindow(viewWindow(state, input, o.estimateSize), o.overscan, o.lanes, data.count);
    o.list.setWindow({ ...window, direction, velocity, prefetch: state.motion !== 'grabbed' });
  }
  const snapshot = buildSnapshot({
    ...state, // scale, virtual, physical, viewport and newItems, by the snapshot input's names
    ...input, // sizes, lanes, the scroll padding and the sticky rows, by the same names
    previous,
    data: o.list.getSnapshot(),
    overscan: read === 'paint' ? 0 : o.overscan,
    velocity,
    stride,
    direction,
    isScrolling,
    atEnd: state.scale.virtualMax - Math.max(0, state.virtual) <= o.endThreshold,
    focusedKey: state.focus?.key ?? null,
    placeRows:
      masonry === null
        ? undefined
        : (rows) =>
            masonry.placeRows(rows, {
              top: state.physical,
              bottom: state.physical + state.viewport,
              overscan: o.masonry?.overscan ?? 0,
              focused: state.focus === null ? null : state.focus.key + data.prependedCount,
            }),
  });
  // A section's sticky row far above the window is on no page the window loads.
  if (stickyRows.length > 0 && state.motion === 'still') o.sticky?.load(snapshot.rows, o.list);
  return snapshot;
}
