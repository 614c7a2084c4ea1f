import type { ScrollTarget } from '../env/scrollTarget.ts';
import { FrameRead } from './frameRead.ts';
import { LeanWatch } from './leanWatch.ts';
import { physicalFor } from './scrollScale.ts';
import { writtenAction } from './scrollWrite.ts';
import type { ViewAction, ViewState } from './viewState.ts';

/** Events after which a move of the element is a glide until a wheel or touch explains it (`ScrollLink.glide`). */
const UNEXPLAINED = ['keydown', 'scrollend'] as const;

/** How a layout reads the rows against the scroll: see `ScrollLink.lean`. */
export type LeanRead = 'event' | 'ahead' | 'paint';

/**
 * A virtual list's scroll element: attached once, its offset read down to its lowest and past
 * the list's end, its scroll events read at once or, while the rows lean ahead of a fast
 * scroll, in the frame's animation frame callback (decisions 0038, 0043), and the view's
 * pending write applied to it. The view keeps its state; this keeps what reading the element
 * needs between events. Made by `createScrollLink`.
 */
export interface ScrollLink {
  /** The target's lowest offset when last read (≤ 0); written by the link only. */
  floor: number;
  /** How far past the list's end the target reached when last read (≥ 0); written by the link only. */
  beyond: number;
  /**
   * The element glides: it moves with no wheel or touch input explaining it (an app's smooth
   * `scrollBy`, the browser's keyboard scrolling), which the browser may animate until its
   * `scrollend`. A write would stop the animation, so the element is put back near its place at
   * the glide's end, or before the next input moves it (decision 0087). Only an element target's
   * (its inputs and `scrollend` are heard, not the window's); written by the link only.
   */
  glide: boolean;
  /**
   * Focuses the rendered row `index` (its `data-index`) inside the element; false when it is not
   * there. `again`: only when the focus is on the body and the row is not the element focused
   * last (a keyed row whose page landed is a new element, and the old one took the focus along).
   * `rows`: the element holding the rows, looked in first (the page may hold another list's rows).
   */
  focusRow(index: number, again?: boolean, rows?: Element | null): boolean;
  /** Attaches to the options' target, once, and listens to it. */
  attach(options: {
    target(): ScrollTarget | null;
    readonly initialViewport: number;
    readonly restore: unknown;
  }): void;
  /** Stops listening to the element and lets it go. */
  detach(): void;
  /** Reads and leans nothing more (the view was destroyed). */
  stop(): void;
  /** Writes the view's pending scroll position to the element (after a commit). */
  applyWrite(): void;
  /** A scroll action was taken: the lean watch counts it. */
  scrolled(): void;
  /**
   * Whether the layout an action of `type` asks for waits for the frame read (it is then owed
   * to it). Data landing while the frame is read (a fling) waits for the next frame read (or the
   * lean's end): laid out now, its rows would be gone before the paint (decision 0043).
   */
  defers(type: ViewAction['type']): boolean;
  /** A layout ran: none is owed to the frame read. */
  synced(): void;
  /**
   * Each layout: whether the scroll moves more per event than the overscan covers; returns how
   * the rows are read. Leaning, scroll events are read in the frame (`FrameRead`): `'ahead'`, the
   * rows lean ahead by the scroll's stride; `'paint'`, the frame read found a position written
   * since its event, which is where the paint will be (nothing to lean toward, and rows beyond
   * the viewport would never be seen: decision 0038); else `'event'`.
   */
  lean(fast: boolean): LeanRead;
}

/**
 * The scroll link of a view whose state record is `state()`, changed only by `update` (the
 * action through the reducer, then the layout it asks for); `sync` lays the view out now. The
 * link's own state is held in this closure: a user's bundler shortens its names, as it would
 * #private fields, and there is no class around it (issue #15 item 7, bytes).
 *
 * @example
 * const link = createScrollLink(() => state, update, sync);
 * link.attach(options); // on the first subscribe or commit
 * link.applyWrite(); // after each commit
 */
export function createScrollLink(
  state: () => ViewState,
  update: (action: ViewAction) => void,
  sync: () => void,
): ScrollLink {
  let target: ScrollTarget | null = null;
  let stopTarget: (() => void) | null = null;
  /** Rows leaned ahead of a moving scroll go back to where it is once a frame brings no scroll. */
  const leanWatch = new LeanWatch(sync);
  /** While the rows lean (a fast, continuous scroll), scroll events are read in the frame's rAF (decision 0038). */
  const frameRead = new FrameRead(readInFrame);
  let readLater = false;
  /** Inside a scroll event read later: the layout the action asks for waits for the frame read. */
  let syncLater = false;
  /** A layout is owed to the frame read. */
  let owed = false;
  /** A frame read of this lean found the position written since its event: the page writes it, frames are read where painted. */
  let written = false;
  /** A wheel or touch input came since the element last stopped: its moves are the user's, not a glide. */
  let explained = false;
  /** The scroll element whose keys and `scrollend` are heard; null for the window (no glide there). */
  let scroller: HTMLElement | null = null;
  /** The row element focused last. */
  let focused: HTMLElement | undefined;

  const link: ScrollLink = {
    floor: 0,
    beyond: 0,
    glide: false,
    focusRow(index, again, rows) {
      const row = `[data-index="${index}"]`;
      const element =
        rows?.querySelector<HTMLElement>(`:scope>${row}`) ?? target?.element?.querySelector<HTMLElement>(row);
      // Again: the focus fell to the body, as when the row focused left the DOM (a keyed row whose
      // page landed is a new element); not when the user moved it elsewhere.
      if (!element || (again && (element === focused || document.activeElement !== document.body)))
        return false;
      focused = element;
      element.focus({ preventScroll: true });
      return true;
    },
    attach(options) {
      // Once: the list's first publish inside onSubscribe renders and commits, which attaches
      // before onSubscribe does (two scroll listeners, each reading the offset: issue #16).
      if (target !== null) return;
      const attached = options.target();
      if (attached === null) return;
      target = attached;
      update({
        type: 'attach',
        viewport: attached.viewport() || options.initialViewport,
        physical: offset(attached),
        adopt: options.restore === null,
      });
      const stopObserving = attached.observe({
        scroll: onScrollEvent,
        resize: () => update({ type: 'resize', viewport: attached.viewport() }),
        drag: (active) => {
          // A tap or click that scrolled nothing explains nothing later.
          if (!active && state().motion === 'still') explained = false;
          update({ type: 'drag', active });
        },
        input: () => {
          explained = true;
          update({ type: 'input' });
          glideEnds();
        },
      });
      // The window's target has a lowest offset; its element, if any, is not what scrolls.
      const element = attached.minOffset ? null : attached.element;
      // Where no `scrollend` ends a glide (older Safari), none is marked: put back at once as before.
      scroller = element && 'onscrollend' in element ? element : null;
      // After the target's own listeners: a key it reported as an input explains nothing.
      for (const type of UNEXPLAINED) element?.addEventListener(type, unexplained);
      stopTarget = () => {
        stopObserving();
        for (const type of UNEXPLAINED) element?.removeEventListener(type, unexplained);
      };
    },
    detach() {
      stopTarget?.();
      stopTarget = null;
      target = null;
    },
    stop() {
      leanWatch.stop();
      frameRead.stop();
    },
    applyWrite() {
      const at = target;
      let want = state().pendingWrite;
      if (at === null || want === null) return;
      const now = offset(at);
      const { known, scale } = state();
      // Below the known position and at the new end: the rows just rendered shrank the content
      // (more lanes, fewer rows) and the browser clamped the offset, where no user scrolled.
      // Else the user scrolled and its event has not arrived yet: that move is kept, made from
      // where the layout puts the view (taken as an offset, rows prepended above made it a jump).
      if (Math.abs(now - known) >= 1 && (now > known || now < scale.physicalMax - 1)) want += now - known;
      at.scrollTo(want);
      const action = writtenAction(want, offset(at), state().scale);
      update(action);
      if (action.adopt) sync();
    },
    scrolled() {
      leanWatch.scrolled();
    },
    defers(type) {
      if (!syncLater && !(type === 'data' && readLater)) return false;
      owed = true;
      return true;
    },
    synced() {
      owed = false;
    },
    lean(fast) {
      leanWatch.moving(fast);
      readLater = fast && leanWatch.continuous;
      if (!readLater) written = false;
      return !readLater ? 'event' : written ? 'paint' : 'ahead';
    },
  };

  /**
   * The target's offset, down to its lowest (negative with the page above a window-scroll list in
   * view; decision 0028): an element's overscroll bounce or the window's are not scroll positions.
   */
  function offset(at: ScrollTarget): number {
    link.floor = Math.min(0, at.minOffset?.() ?? 0);
    // Past the list's end, the page below it (decision 0036): measured against the end rendered.
    const max = at.maxOffset?.() ?? Number.POSITIVE_INFINITY;
    link.beyond = Number.isFinite(max) ? Math.max(0, max - state().scale.physicalMax) : 0;
    return Math.max(link.floor, Math.min(max, at.offset()));
  }

  /**
   * A scroll event. While the rows lean, the state takes the position now (`getScrollOffset`,
   * the speed) and the layout waits for this frame's animation frame callback (`FrameRead`).
   */
  function onScrollEvent(): void {
    if (target === null) return;
    const physical = offset(target);
    // The element moved (not a write's event): a glide unless an input explains it.
    // Only a scaled list glides: elsewhere the element is the list, nothing is put back.
    if (Math.abs(physical - state().known) >= 1)
      link.glide = !explained && scroller !== null && state().scale.scaled;
    syncLater = readLater && frameRead.ask(physical);
    try {
      update({ type: 'scroll', physical, viewport: target.viewport() });
    } finally {
      syncLater = false;
    }
  }

  /**
   * A key (the browser animates the scroll it makes: a glide), or the element stopped
   * (`scrollend`): its next move is explained only by a wheel or touch that comes for it.
   */
  function unexplained(): void {
    explained = false;
    glideEnds();
  }

  /**
   * A glide ended (`scrollend`) or an input comes. Where the glide left the element in a place
   * it may not stay (near an edge the list has not reached), the element is read where it is
   * (its last scroll event may come after `scrollend`) and laid out as not gliding, which writes
   * it back. Before a key's own scroll, so that scroll starts from there (Chromium keeps what was
   * left of an earlier key's): a key held down never walks the element to an edge it should not
   * reach. Elsewhere nothing is laid out: a scroll the page makes by writing `scrollTop` each
   * frame glides, and a layout per `scrollend` doubled its long tasks (decision 0087).
   */
  function glideEnds(): void {
    if (!link.glide) return;
    link.glide = false;
    const s = state();
    const kept = physicalFor(s.scale, s.virtual, {
      offset: s.virtual - s.physical,
      settled: s.motion === 'still',
    });
    if (Math.abs(kept.physical - s.physical) < 1) return;
    onScrollEvent();
    link.glide = false;
    sync();
  }

  /**
   * The frame read: a position written since the event is where the frame is painted. Once a
   * read found one, the scroll is the page's (a compositor does not take over a scroll a script
   * writes), so a frame without a write is one where the page paused or stopped: painted where it
   * is, not a stride ahead of it (that left one row on screen for the frames until the lean's
   * watch ended). `lean` forgets it when the lean ends.
   */
  function readInFrame(eventOffset: number): void {
    // Detached (and so after the view's destroy): nothing to read.
    if (target === null) return;
    const physical = offset(target);
    written ||= Math.abs(physical - eventOffset) >= 1;
    const owedBefore = owed;
    const before = state();
    update({ type: 'scroll', physical, viewport: target.viewport() });
    // Owed and not laid out by the move. Data its own window publishes (the list's loading
    // statuses) is in the rows already: re-read with the next frame (decision 0043).
    if (owedBefore && state() === before) sync();
  }

  return link;
}
