import { type Anchor, anchorAt } from './anchor.ts';
import type { AnchorItem } from './anchorItem.ts';
import type { ItemRestore } from './itemRestore.ts';
import {
  pastEnd,
  type ScrollScale,
  scrollScale,
  virtualAfterMove,
  virtualForJump,
  withViewport,
} from './scrollScale.ts';
import type { SizeIndex } from './sizeIndex.ts';
import type { Flight } from './smoothScroll.ts';
import type { ScrollAlign } from './virtualSnapshot.ts';

/**
 * What holds the scroll position from one change to the next: the anchor (the row in view),
 * an item asked for with `scrollToIndex` (until the user scrolls), or the end (`anchor: 'end'`
 * following new items).
 */
export type ViewHold =
  | { readonly kind: 'anchor' }
  | {
      readonly kind: 'index';
      readonly key: number;
      readonly align: ScrollAlign;
      /** A smooth scroll on its way to the item, or null (there, or an instant scroll-to). */
      readonly flight: Flight | null;
    }
  | { readonly kind: 'end' };

/**
 * A saved position on its way in. `open`: none pending, a late one is accepted; `pending`: its
 * row does not exist yet (no count); `following`: placed, still following its item's key until
 * that item's page is here; `closed`: the user scrolled, so a late restore is refused.
 */
export type ViewRestore =
  | { readonly kind: 'open' }
  | { readonly kind: 'pending'; readonly anchor: Anchor; readonly item: ItemRestore | null }
  | { readonly kind: 'following'; readonly item: ItemRestore }
  | { readonly kind: 'closed' };

/**
 * How the element is moving. `grabbed`: the pointer holds the scrollbar, no scroll yet;
 * `dragging`: it moves under the pointer; `released`: the pointer let go but the drag's last scroll
 * events may still come (decision 0003), so they still map proportionally until scrolling settles.
 */
export type ViewMotion = 'still' | 'scrolling' | 'grabbed' | 'dragging' | 'released';

/** The one state record of a virtual list: every change goes through `reduceView` or `layoutView`. */
export interface ViewState {
  readonly viewport: number;
  readonly scale: ScrollScale;
  /**
   * Scroll position in the list's real coordinates; negative when the page above a window-scroll
   * list's start is in view (decision 0028), then equal to `physical`; past `scale.virtualMax` by
   * as much as `physical` is past `scale.physicalMax` when the page below its end is (0036).
   */
  readonly virtual: number;
  /** Where the element is (or is about to be written to). */
  readonly physical: number;
  /** Where the element was when last read or written: a scroll event elsewhere is the user's. */
  readonly known: number;
  /** A physical position still to write to the element (on commit), or null. */
  readonly pendingWrite: number | null;
  readonly anchor: Anchor | null;
  /** The anchor row's item at the last layout (with `getItemKey`): the anchor follows it when rows move. */
  readonly anchorItem: AnchorItem | null;
  readonly hold: ViewHold;
  readonly restore: ViewRestore;
  readonly motion: ViewMotion;
  /** `anchor: 'end'`: items appended while away from the end. */
  readonly newItems: number;
  /** Items after the prepended ones at the last layout with a count, or null before. */
  readonly tail: number | null;
  readonly prepended: number;
  /** The item with keyboard focus (position key); `moved` once its element was focused. */
  readonly focus: { readonly key: number; readonly moved: boolean } | null;
}

/** Everything that changes a virtual list, as one union. */
export type ViewAction =
  /** The element is first read; `adopt`: no `restore` was given, so where it already is is the list's place. */
  | {
      readonly type: 'attach';
      readonly viewport: number;
      readonly physical: number;
      readonly adopt?: boolean;
    }
  | { readonly type: 'resize'; readonly viewport: number }
  /**
   * The element reports `physical` (a scroll event, or a write's position not seen yet) and its
   * `viewport` then (before its ResizeObserver may tell it).
   */
  | { readonly type: 'scroll'; readonly physical: number; readonly viewport?: number }
  | { readonly type: 'drag'; readonly active: boolean }
  /** A wheel, touch or key input began. */
  | { readonly type: 'input' }
  /** No scroll event for `isScrollingResetDelayMs`. */
  | { readonly type: 'settle' }
  /** `focus`: the item (position key) that also takes keyboard focus, or null. */
  | {
      readonly type: 'scrollTo';
      readonly key: number | 'end';
      readonly align: ScrollAlign;
      readonly focus: number | null;
      /** `behavior: 'smooth'`: fly there from the current position (a `flight` action per frame). */
      readonly smooth: boolean;
    }
  /** A frame of a smooth scroll: how far along it is (1: landed). */
  | { readonly type: 'flight'; readonly progress: number }
  | {
      readonly type: 'restore';
      readonly anchor: Anchor;
      readonly item: ItemRestore | null;
      readonly atEnd: boolean | undefined;
    }
  /** Rows regrouped from `from` lanes to `to` lanes: anchors move to the row now holding their item. */
  | { readonly type: 'regroup'; readonly from: number; readonly to: number }
  /**
   * A write reached the element (at `known`); `done` when it landed where asked. `adopt`: it
   * landed a pixel off (Chromium rounds scroll offsets past 2^23 px to even ones), so the element
   * stays there and the rows are laid out from where it is.
   */
  | { readonly type: 'written'; readonly known: number; readonly done: boolean; readonly adopt?: boolean }
  /** The focused item's element got focus. */
  | { readonly type: 'focused' }
  /** The list's data changed, rows were measured, or options changed: lay out again. */
  | { readonly type: 'data' | 'measure' | 'options' };

/** Actions after which the layout does not run: everything else lays out again (see `relayoutAfter`). */
const NO_RELAYOUT: ReadonlySet<ViewAction['type']> = new Set(['attach', 'input', 'written', 'focused']);

/**
 * Which actions lay out again: at once, or once per task (measurements come in batches); a new
 * action lays out at once unless it is put in `NO_RELAYOUT`. A drag lays out at once: a thumb let
 * go after resting loads the prefetch around it (decision 0026).
 */
export const relayoutAfter = (type: ViewAction['type']): 'now' | 'soon' | 'no' =>
  type === 'measure' ? 'soon' : NO_RELAYOUT.has(type) ? 'no' : 'now';

/** What the reducer reads besides the state. */
export interface ViewContext {
  readonly sizes: SizeIndex;
  readonly anchorMode: 'start' | 'end';
  readonly endThreshold: number;
  readonly paddingStart: number;
  readonly paddingEnd: number;
}

/**
 * The viewport minus the scroll padding: the part where a row is clear of a header or footer.
 * Positions are kept so that this part starts at the virtual position in size-index px.
 *
 * @example
 * clearViewport(600, { paddingStart: 40, paddingEnd: 0 }); // 560
 */
export function clearViewport(
  viewport: number,
  padding: { paddingStart: number; paddingEnd: number },
): number {
  return Math.max(0, viewport - padding.paddingStart - padding.paddingEnd);
}

/**
 * The reducer's context from the options and the size index.
 *
 * @example
 * const context = viewContext(options, sizes);
 */
export function viewContext(
  options: {
    readonly anchor: 'start' | 'end';
    readonly endThreshold: number;
    readonly scrollPaddingStart: number;
    readonly scrollPaddingEnd: number;
  },
  sizes: SizeIndex,
): ViewContext {
  return {
    sizes,
    anchorMode: options.anchor,
    endThreshold: options.endThreshold,
    paddingStart: options.scrollPaddingStart,
    paddingEnd: options.scrollPaddingEnd,
  };
}

/**
 * The action for `scrollToIndex` / `focusIndex`: the index clamped to the list; with
 * `anchor: 'end'`, the last item means "follow the end".
 *
 * @example
 * scrollToAction(99, 'center', false, 50, 'start', 0); // { type: 'scrollTo', key: 49, align: 'center', focus: null, smooth: false }
 */
export function scrollToAction(
  index: number,
  align: ScrollAlign,
  focus: boolean,
  count: number,
  anchorMode: 'start' | 'end',
  prepended: number,
  smooth = false,
): ViewAction {
  const last = Math.max(0, count - 1);
  const target = Math.max(0, Math.min(Math.trunc(index), count > 0 ? last : Math.trunc(index)));
  const end = anchorMode === 'end' && count > 0 && target >= last;
  return {
    type: 'scrollTo',
    key: end ? 'end' : target - prepended,
    align,
    focus: focus ? index - prepended : null,
    smooth: smooth && !end,
  };
}

/**
 * The state a new virtual list starts from.
 *
 * @example
 * const state = initialViewState({ viewport: 600, anchorMode: 'start', atEnd: undefined });
 */
export function initialViewState(input: {
  viewport: number;
  anchorMode: 'start' | 'end';
  atEnd: boolean | undefined;
}): ViewState {
  const atEnd = input.atEnd ?? input.anchorMode === 'end';
  return {
    viewport: input.viewport,
    scale: scrollScale(0, input.viewport),
    virtual: 0,
    physical: 0,
    known: 0,
    pendingWrite: null,
    anchor: null,
    anchorItem: null,
    hold: { kind: input.anchorMode === 'end' && atEnd ? 'end' : 'anchor' },
    restore: { kind: 'open' },
    motion: 'still',
    newItems: 0,
    tail: null,
    prepended: 0,
    focus: null,
  };
}

/** Whether scroll events now map proportionally (a scrollbar drag, decision 0003). */
const dragMaps = (motion: ViewMotion): boolean =>
  motion === 'grabbed' || motion === 'dragging' || motion === 'released';

/** Whether the element is moving (`isScrolling`). */
export const moving = (motion: ViewMotion): boolean =>
  motion === 'scrolling' || motion === 'dragging' || motion === 'released';

const END: ViewHold = Object.freeze({ kind: 'end' });
const ANCHOR: ViewHold = Object.freeze({ kind: 'anchor' });
const CLOSED: ViewRestore = Object.freeze({ kind: 'closed' });

/**
 * The next state for an input (scroll, resize, drag, scroll-to, restore…); returns `state` itself
 * when nothing changed. Layout (sizes, data, the element's place) follows in `layoutView`.
 *
 * @example
 * const next = reduceView(state, { type: 'scroll', physical: 1_200 }, context);
 */
export function reduceView(state: ViewState, action: ViewAction, context: ViewContext): ViewState {
  switch (action.type) {
    case 'attach': {
      const scale = withViewport(state.scale, state.viewport, action.viewport);
      const attached = { ...state, viewport: action.viewport, scale };
      // Already scrolled into the list with no restore asked for (an app's own restoration in its
      // first layout effect, the browser's of a window-scroll page): the list is there. Read as a
      // drag would be: on a scaled list the offset maps proportionally, where a list put it.
      const there = action.adopt === true && action.physical >= 1 && state.restore.kind === 'open';
      return there && state.hold.kind === 'anchor'
        ? {
            ...scrolled({ ...attached, motion: 'dragging' }, action.physical, context, action.viewport),
            motion: state.motion,
          }
        : { ...attached, physical: action.physical, known: action.physical };
    }
    case 'resize':
      return { ...state, viewport: action.viewport };
    case 'scroll':
      return scrolled(state, action.physical, context, action.viewport ?? state.viewport);
    case 'drag': {
      const { motion } = state;
      if (action.active) return { ...state, motion: moving(motion) ? 'dragging' : 'grabbed' };
      // Only a held drag is released: a pointerup elsewhere during a wheel scroll changes nothing.
      if (motion === 'dragging') return { ...state, motion: 'released' };
      return motion === 'grabbed' ? { ...state, motion: 'still' } : state;
    }
    case 'input': {
      // A wheel, touch or key during a smooth scroll-to stops it where it is.
      const { hold } = state;
      const next = hold.kind === 'index' && hold.flight !== null ? { ...state, hold: ANCHOR } : state;
      return next.motion === 'released' ? { ...next, motion: 'scrolling' } : next;
    }
    case 'settle': {
      const { motion } = state;
      if (motion === 'dragging') return { ...state, motion: 'grabbed' };
      return motion === 'scrolling' || motion === 'released' ? { ...state, motion: 'still' } : state;
    }
    case 'scrollTo': {
      const focus = action.focus === null ? state.focus : { key: action.focus, moved: false };
      if (action.key === 'end') return { ...state, hold: END, newItems: 0, focus };
      const flight = action.smooth ? { from: state.virtual, progress: 0, to: state.virtual } : null;
      return { ...state, hold: { kind: 'index', key: action.key, align: action.align, flight }, focus };
    }
    case 'flight': {
      const { hold } = state;
      if (hold.kind !== 'index' || hold.flight === null) return state;
      const flight = action.progress >= 1 ? null : { ...hold.flight, progress: action.progress };
      return { ...state, hold: { ...hold, flight } };
    }
    case 'restore': {
      const restore: ViewRestore = { kind: 'pending', anchor: action.anchor, item: action.item };
      if (action.atEnd === undefined || context.anchorMode !== 'end') return { ...state, restore };
      return { ...state, restore, hold: action.atEnd ? END : ANCHOR };
    }
    case 'regroup': {
      const regroup = (anchor: Anchor): Anchor => ({
        row: Math.floor((anchor.row * action.from) / action.to),
        offset: anchor.offset,
      });
      const { restore, anchor } = state;
      return {
        ...state,
        anchor: anchor === null ? null : regroup(anchor),
        restore: restore.kind === 'pending' ? { ...restore, anchor: regroup(restore.anchor) } : restore,
      };
    }
    case 'written':
      if (action.adopt === true)
        return { ...state, known: action.known, physical: action.known, pendingWrite: null };
      return { ...state, known: action.known, pendingWrite: action.done ? null : state.pendingWrite };
    case 'focused':
      return state.focus === null ? state : { ...state, focus: { ...state.focus, moved: true } };
    default:
      // 'data', 'measure', 'options': only the layout that follows changes the state.
      action.type satisfies 'data' | 'measure' | 'options';
      return state;
  }
}

/**
 * The user moved the element: the content follows (1:1, or proportionally while dragging). A move
 * back by no more than the element grew, while following the end, is the browser's: a taller
 * element at its end has its offset clamped (a banner above it went away); it still follows.
 */
function scrolled(state: ViewState, physical: number, context: ViewContext, viewport: number): ViewState {
  const grew = viewport - state.viewport;
  if (grew > 0 && state.hold.kind === 'end' && physical < state.known && state.known - physical <= grew + 1)
    return { ...state, viewport, physical, known: physical };
  if (Math.abs(physical - state.known) < 1) return state; // our own write, or no movement
  const { scale, motion } = state;
  // Only a scrollbar drag maps proportionally; wheel, touch, keys and scrollBy move 1:1 (issue 16).
  // Below 0 the page above a window-scroll list is in view: no scale there (decision 0028); past
  // the element's end for the list, the page below it (decision 0036).
  const virtual =
    physical < 0
      ? physical
      : physical > scale.physicalMax
        ? pastEnd(scale, physical - scale.physicalMax).virtual
        : dragMaps(motion)
          ? virtualForJump(scale, physical).virtual
          : virtualAfterMove(scale, { virtual: state.virtual, physical: state.known }, physical);
  const atEnd =
    context.anchorMode === 'end' && scale.virtualMax - Math.max(0, virtual) <= context.endThreshold;
  return {
    ...state,
    virtual,
    physical,
    known: physical,
    pendingWrite: null, // the user moved: a write not applied yet would undo that
    anchor: anchorAt(
      context.sizes,
      virtual,
      clearViewport(state.viewport, context),
      undefined,
      state.anchor?.row,
    ),
    hold: atEnd ? END : ANCHOR,
    newItems: atEnd ? 0 : state.newItems,
    restore: CLOSED,
    motion: motion === 'still' ? 'scrolling' : motion === 'grabbed' ? 'dragging' : motion,
  };
}
