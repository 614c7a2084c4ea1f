import type { SavedScroll } from '../cache/savedScroll.ts';
import type { LazyListSnapshot } from '../list/listSnapshot.ts';
import { type Anchor, alignedOffset, anchorAt } from './anchor.ts';
import { type AnchorItem, anchorItemOf, followAnchorItem, rowsMovedWith } from './anchorItem.ts';
import { pastEnd, physicalFor, scrollScale } from './scrollScale.ts';
import type { SizeIndex } from './sizeIndex.ts';
import type { Flight } from './smoothScroll.ts';
import type { StickyRowsKind } from './stickyRows.ts';
import { clearViewport, type ViewRestore, type ViewState } from './viewState.ts';
import { firstWindow, visibleRows } from './virtualSnapshot.ts';

/** What a layout reads besides the state. */
export interface LayoutInput {
  readonly data: LazyListSnapshot<unknown>;
  /** The data at the last layout: when the item read moved, the rows that moved with it are found there. */
  readonly before?: LazyListSnapshot<unknown> | null | undefined;
  readonly sizes: SizeIndex;
  readonly lanes: number;
  readonly anchorMode: 'start' | 'end';
  readonly maxPhysicalSize: number;
  readonly paddingStart: number;
  readonly paddingEnd: number;
  /** Sorted row keys of the sticky rows (a scroll-to-index puts its row below its section's). */
  readonly stickyRows: readonly number[];
  /** `sticky: stickyRows`, the code that reads them: needed when `stickyRows` is not empty. */
  readonly sticky?: StickyRowsKind | null | undefined;
  /**
   * The lowest offset the scroll target reaches (≤ 0; default 0): minus the page's height above a
   * window-scroll list's start. The anchor may put the view there (decision 0028).
   */
  readonly floor?: number;
  /**
   * How far the scroll target reaches past the list's end (≥ 0; default 0): the page's height
   * below a window-scroll list. The view may stay or be put there, 1:1 (decision 0036).
   */
  readonly beyond?: number;
  /** Masonry: where an item (position key) is in its row, so a scroll-to-index aligns the item. */
  readonly itemBox?: ((key: number) => { readonly y: number; readonly size: number } | undefined) | undefined;
  /** The browser animates a scroll nothing explains (`ScrollLink.glide`): no write stops it to put the element back. */
  readonly glide?: boolean;
  /** A smooth scroll's path (`flightAt` of the lazy `smoothFlight.ts`), there once it loaded. */
  readonly flightAt?:
    | ((flight: Flight, to: number, viewport: number) => { flight: Flight; position: number })
    | undefined;
}

const OPEN: ViewRestore = Object.freeze({ kind: 'open' });

/**
 * Re-derives the scroll position after anything changed (sizes, data, the viewport, a
 * scroll-to): the size index's domain from the count, the place a pending restore, a
 * scroll-to-index, the end or the anchor asks for, where the element must be for it (a write is
 * left in `pendingWrite`), and the anchor from the result. Only the size index is mutated (its
 * domain, and measured sizes moved with their items when the item read moved); returns the next
 * state.
 *
 * @example
 * state = layoutView(state, { data: list.getSnapshot(), sizes, lanes: 1, anchorMode: 'start', maxPhysicalSize: 15e6, paddingStart: 0, paddingEnd: 0, stickyRows: [] });
 */
export function layoutView(state: ViewState, input: LayoutInput): ViewState {
  const { data, sizes, lanes, anchorMode } = input;
  const count = data.count;
  const tail = count - data.prependedCount;
  const following = anchorMode === 'end' && state.hold.kind === 'end';
  let newItems = state.newItems;
  if (anchorMode === 'end' && state.tail !== null && tail > state.tail && !following) {
    newItems += tail - state.tail;
  }
  const lo = Math.floor(-data.prependedCount / lanes);
  sizes.setDomain(lo, count > 0 ? Math.floor((tail - 1) / lanes) + 1 : lo);
  let { anchor, restore } = state;
  /** The row the anchor held until now (or the row its item moved to): it stays the anchor while in view. */
  let previous = anchor?.row;
  /** The item read, kept while a refetch has not brought it back yet (it moved to a stale page). */
  let held: AnchorItem | null = null;
  if (state.hold.kind !== 'index') {
    // A restored item found elsewhere than saved (items moved above it): the anchor goes with it.
    const item = restore.kind === 'pending' || restore.kind === 'following' ? restore.item : null;
    const moved = item?.resolve(data);
    if (moved !== undefined) {
      const row = Math.floor(moved / lanes);
      if (restore.kind === 'pending') restore = { ...restore, anchor: { ...restore.anchor, row } };
      else if (anchor !== null) anchor = { ...anchor, row };
    } else if (anchor !== null && state.hold.kind === 'anchor' && restore.kind !== 'pending') {
      // Rows inserted or removed above the item read (a refetch after the server's data moved, a
      // local write): the anchor follows its item, so the item keeps its pixel (issue #18 item 4).
      const followed = followAnchorItem(anchor, state.anchorItem, data, lanes);
      const { before } = input;
      if (followed.row !== anchor.row && before && !input.itemBox) {
        // Sizes are kept by row: the rows that moved with the item take their measured sizes
        // along, or the rows around it (and the item itself) carry other items' sizes and move it
        // when measured again (rows of varied heights, the demo's newest-first Feed).
        const by = followed.row - anchor.row;
        const [from, to] = rowsMovedWith(before, data, anchor.row, by, lanes);
        sizes.moveMeasured(from, to, by);
      }
      // Not found (yet): its new rows may be on a page still refetching (shown stale), landing later.
      if (followed === anchor && [...data.pages.values()].some((page) => page.stale)) held = state.anchorItem;
      anchor = followed;
      previous = anchor.row;
    }
  }
  const scale = scrollScale(
    sizes.total + input.paddingStart + input.paddingEnd,
    state.viewport,
    input.maxPhysicalSize,
  );
  if (restore.kind === 'pending' && restore.anchor.row >= sizes.lo && restore.anchor.row < sizes.hi) {
    anchor = restore.anchor;
    restore = restore.item === null ? OPEN : { kind: 'following', item: restore.item };
  }
  const clear = clearViewport(state.viewport, input);
  const beyond = input.beyond ?? 0;
  let { hold } = state;
  let target =
    count === 0 || restore.kind === 'pending'
      ? 0
      : following
        ? // Following the end with the page below it in view: as far past the new end as past the old.
          scale.virtualMax + Math.min(beyond, Math.max(0, state.virtual - state.scale.virtualMax))
        : targetVirtual(state, anchor, input, clear);
  const { flightAt } = input;
  if (hold.kind === 'index' && hold.flight !== null && flightAt && count > 0 && restore.kind !== 'pending') {
    // A smooth scroll-to: `target` is where it lands with the sizes known now (it retargets as
    // rows are measured); the view is part of the way there. Until its first frame a flight may
    // still move its start: a jump of more than a few viewports passes the rows before its last
    // viewports at once (never loading them).
    const flown = flightAt(hold.flight, Math.max(0, Math.min(scale.virtualMax, target)), clear);
    hold = { ...hold, flight: flown.flight };
    target = flown.position;
  }
  // Above the list's start (the page above a window-scroll list in view) nothing is scaled.
  const floor = input.floor ?? 0;
  // Past its end (the page below a window-scroll list in view) neither: the page is scrolled there.
  const position =
    target < 0 && floor < 0
      ? { virtual: Math.max(floor, target), physical: Math.max(floor, target) }
      : target > scale.virtualMax && beyond > 0
        ? pastEnd(scale, Math.min(beyond, target - scale.virtualMax))
        : physicalFor(scale, target, {
            offset: state.virtual - state.physical,
            settled: state.motion === 'still',
            glide: input.glide,
          });
  // Written when the place moved by half a pixel, or when the element (`known`, on whole device
  // pixels) is half a pixel or more from it: a flight's eased end, or anchor corrections, can
  // move the place by less than that each time and still add up to a pixel (issue #19 item 4).
  const write =
    Math.abs(position.physical - state.physical) >= 0.5 || Math.abs(position.physical - state.known) >= 0.5;
  if (count > 0 && restore.kind !== 'pending') {
    // A row whose data has landed: a placeholder changes size when its page arrives.
    const loaded = (row: number) => data.getItem(row * lanes + data.prependedCount).status === 'loaded';
    anchor = anchorAt(sizes, position.virtual, clear, loaded, previous);
  }
  return {
    ...state,
    scale,
    virtual: position.virtual,
    physical: position.physical,
    pendingWrite: write ? position.physical : state.pendingWrite,
    anchor,
    anchorItem: held !== null && held.row === anchor?.row ? held : anchorItemOf(anchor, data, lanes),
    restore,
    hold,
    newItems: following ? 0 : newItems,
    tail: count > 0 ? tail : state.tail,
  };
}

/** Where a scroll-to-index or the anchor puts the view (the end is handled by the caller). */
function targetVirtual(state: ViewState, anchor: Anchor | null, input: LayoutInput, clear: number): number {
  const { hold } = state;
  const { sizes, stickyRows } = input;
  if (hold.kind === 'index') {
    const row = Math.floor(hold.key / input.lanes);
    // 'auto' measures "as far as needed" from where the content shown stays (the anchor: rows
    // prepended or measured above it move the place, not what is on screen; from the place
    // itself, a row the prepend pushed below it went to the viewport's end), and from where a
    // smooth scroll started, not from mid-flight.
    const current =
      hold.flight !== null
        ? hold.flight.from
        : anchor !== null
          ? sizes.start(anchor.row) + anchor.offset
          : state.virtual;
    const box = input.itemBox?.(hold.key);
    if (box !== undefined)
      return alignedOffset(sizes.start(row) + box.y, box.size, clear, current, hold.align);
    // The section's sticky row will be pinned above the row: align the two together, so the
    // row is not under it (its size, measured or estimated, wherever the section starts).
    const at = stickyRows.length === 0 || !input.sticky ? -1 : input.sticky.lastAtOrBefore(stickyRows, row);
    const sticky = at < 0 ? row : (stickyRows[at] ?? row);
    // (Not when both do not fit: then the row itself is shown, under the sticky one.)
    const size = sizes.size(row);
    const cover = sticky === row || sizes.size(sticky) + size > clear ? 0 : sizes.size(sticky);
    return alignedOffset(sizes.start(row) - cover, size + cover, clear, current, hold.align);
  }
  if (anchor !== null) return sizes.start(anchor.row) + anchor.offset;
  return state.virtual;
}

/**
 * The items `[start, end)` the lazy list is asked for: those the viewport shows, or, before
 * anything is laid out, a viewport's worth from the row a restore or a scroll-to will show first.
 *
 * @example
 * list.setWindow({ ...viewWindow(state, input, estimateSize), direction, velocity });
 */
export function viewWindow(
  state: ViewState,
  input: LayoutInput,
  estimateSize: (index: number) => number,
): { readonly start: number; readonly end: number } {
  const { data, lanes } = input;
  const { restore, hold } = state;
  const count = data.count;
  const prepended = data.prependedCount;
  if (count === 0 || restore.kind === 'pending') {
    const row =
      restore.kind === 'pending'
        ? restore.anchor.row
        : hold.kind === 'index'
          ? Math.floor(hold.key / lanes)
          : 0;
    return firstWindow(row, { lanes, prepended, viewport: state.viewport, estimateSize });
  }
  // A smooth scroll-to loads where it lands, nothing it flies over (rows on the way stay placeholders).
  const at = hold.kind === 'index' && hold.flight !== null ? hold.flight.to : state.virtual;
  const top = at - input.paddingStart;
  return visibleRows(input.sizes, top, state.viewport, lanes, prepended, count);
}

/**
 * The scroll position by key (`VirtualList.saveScroll`): the anchor (or a restore still pending),
 * the item there when keys are known, and the measured sizes around it.
 *
 * @example
 * const saved = savedScroll(state, sizes, list.getSnapshot(), 1, 'start');
 */
export function savedScroll(
  state: ViewState,
  sizes: SizeIndex,
  data: LazyListSnapshot<unknown>,
  lanes: number,
  anchorMode: 'start' | 'end',
): SavedScroll {
  const { restore, hold } = state;
  const pending = restore.kind === 'pending' ? restore.anchor : null;
  const anchor = state.anchor ?? pending ?? { row: 0, offset: 0 };
  const anchorItemKey = data.keyOf(anchor.row * lanes + data.prependedCount);
  return {
    anchorKey: anchor.row * lanes,
    ...(anchorItemKey === undefined ? {} : { anchorItemKey }),
    offsetInItem: anchor.offset,
    sizes: sizes.measuredIn(anchor.row - 200, anchor.row + 200),
    atEnd: anchorMode === 'end' && hold.kind === 'end',
  };
}
