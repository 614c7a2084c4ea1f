import type { ScrollTarget } from '../env/scrollTarget.ts';
import { FrameRead } from './frameRead.ts';
import { LeanWatch } from './leanWatch.ts';
import { writtenAction } from './scrollWrite.ts';
import type { ViewAction, ViewState } from './viewState.ts';

/**
 * A virtual list's scroll element: attached once, its offset read down to its lowest and past
 * the list's end, its scroll events read at once or, while the rows lean ahead of a fast
 * scroll, in the frame's animation frame callback (decisions 0038, 0043), and the view's
 * pending write applied to it. The view keeps its state; this keeps what reading the element
 * needs between events.
 *
 * @example
 * const link = new ScrollLink(() => state, update, sync);
 * link.attach(options); // on the first subscribe or commit
 * link.applyWrite(); // after each commit
 */
export class ScrollLink {
  /** The view's state record now. */
  readonly #state: () => ViewState;
  /** The view's one way to change: the action through the reducer, then the layout it asks for. */
  readonly #update: (action: ViewAction) => void;
  /** Lays the view out now. */
  readonly #sync: () => void;
  #target: ScrollTarget | null = null;
  /** The target's lowest offset when last read (≤ 0): see `#offset`. */
  #floor = 0;
  /** How far past the list's end the target reached when last read (≥ 0): see `#offset`. */
  #beyond = 0;
  #stop: (() => void) | null = null;
  /** Rows leaned ahead of a moving scroll go back to where it is once a frame brings no scroll. */
  readonly #lean: LeanWatch;
  /** While the rows lean (a fast, continuous scroll), scroll events are read in the frame's rAF (decision 0038). */
  readonly #frameRead: FrameRead;
  #readLater = false;
  /** Inside a scroll event read later: the layout the action asks for waits for the frame read. */
  #syncLater = false;
  /** A layout is owed to the frame read. */
  #owed = false;
  /** The last frame read found the position written since its event: it is where the frame is painted. */
  #written = false;

  constructor(state: () => ViewState, update: (action: ViewAction) => void, sync: () => void) {
    this.#state = state;
    this.#update = update;
    this.#sync = sync;
    this.#lean = new LeanWatch(sync);
    this.#frameRead = new FrameRead((eventOffset) => this.#readInFrame(eventOffset));
  }

  /** Focuses the rendered row `index` (its `data-index`) inside the element; false when it is not there. */
  focusRow(index: number): boolean {
    const element = this.#target?.element?.querySelector(`[data-index="${index}"]`);
    if (!(element instanceof HTMLElement)) return false;
    element.focus({ preventScroll: true });
    return true;
  }

  /** The target's lowest offset when last read (≤ 0). */
  get floor(): number {
    return this.#floor;
  }

  /** How far past the list's end the target reached when last read (≥ 0). */
  get beyond(): number {
    return this.#beyond;
  }

  /** Attaches to the options' target, once, and listens to it. */
  attach(options: { target(): ScrollTarget | null; readonly initialViewport: number }): void {
    // Once: the list's first publish inside onSubscribe renders and commits, which attaches
    // before onSubscribe does (two scroll listeners, each reading the offset: issue #16).
    if (this.#target !== null) return;
    const target = options.target();
    if (target === null) return;
    this.#target = target;
    this.#update({
      type: 'attach',
      viewport: target.viewport() || options.initialViewport,
      physical: this.#offset(target),
    });
    this.#stop = target.observe({
      scroll: () => this.#onScrollEvent(),
      resize: () => this.#update({ type: 'resize', viewport: target.viewport() }),
      drag: (active) => this.#update({ type: 'drag', active }),
      input: () => this.#update({ type: 'input' }),
    });
  }

  /** Stops listening to the element and lets it go. */
  detach(): void {
    this.#stop?.();
    this.#stop = null;
    this.#target = null;
  }

  /** Reads and leans nothing more (the view was destroyed). */
  stop(): void {
    this.#lean.stop();
    this.#frameRead.stop();
  }

  /** Writes the view's pending scroll position to the element (after a commit). */
  applyWrite(): void {
    const target = this.#target;
    const want = this.#state().pendingWrite;
    if (target === null || want === null) return;
    if (Math.abs(this.#offset(target) - this.#state().known) >= 1) {
      // The user scrolled and its event has not arrived yet: take that first, do not overwrite it.
      this.#update({ type: 'scroll', physical: this.#offset(target) });
      return;
    }
    target.scrollTo(want);
    const written = writtenAction(want, this.#offset(target), this.#state().scale);
    this.#update(written);
    if (written.adopt) this.#sync();
  }

  /** A scroll action was taken: the lean watch counts it. */
  scrolled(): void {
    this.#lean.scrolled();
  }

  /**
   * Whether the layout an action of `type` asks for waits for the frame read (it is then owed
   * to it). Data landing while the frame is read (a fling) waits for the next frame read (or the
   * lean's end): laid out now, its rows would be gone before the paint (decision 0043).
   */
  defers(type: ViewAction['type']): boolean {
    if (!this.#syncLater && !(type === 'data' && this.#readLater)) return false;
    this.#owed = true;
    return true;
  }

  /** A layout ran: none is owed to the frame read. */
  synced(): void {
    this.#owed = false;
  }

  /**
   * Each layout: whether the scroll moves more per event than the overscan covers. Leaning,
   * scroll events are read in the frame (`FrameRead`), and a position written since the event is
   * where the paint will be: nothing to lean toward (decision 0038).
   */
  lean(fast: boolean): void {
    this.#lean.moving(fast);
    this.#readLater = fast && this.#lean.continuous;
    if (!this.#readLater) this.#written = false;
  }

  /** Rows lean ahead by the scroll's stride: read later, at a position not written since the event. */
  get leaning(): boolean {
    return this.#readLater && !this.#written;
  }

  /**
   * Read where the frame is painted, and moving on before the next: rows beyond the viewport
   * would never be seen (decision 0038).
   */
  get atPaint(): boolean {
    return this.#readLater && this.#written;
  }

  /**
   * The target's offset, down to its lowest (negative with the page above a window-scroll list in
   * view; decision 0028): an element's overscroll bounce or the window's are not scroll positions.
   */
  #offset(target: ScrollTarget): number {
    this.#floor = Math.min(0, target.minOffset?.() ?? 0);
    // Past the list's end, the page below it (decision 0036): measured against the end rendered.
    const max = target.maxOffset?.() ?? Number.POSITIVE_INFINITY;
    this.#beyond = Number.isFinite(max) ? Math.max(0, max - this.#state().scale.physicalMax) : 0;
    return Math.max(this.#floor, Math.min(max, target.offset()));
  }

  /**
   * A scroll event. While the rows lean, the state takes the position now (`getScrollOffset`,
   * the speed) and the layout waits for this frame's animation frame callback (`FrameRead`).
   */
  #onScrollEvent(): void {
    const target = this.#target;
    if (target === null) return;
    const physical = this.#offset(target);
    this.#syncLater = this.#readLater && this.#frameRead.ask(physical);
    try {
      this.#update({ type: 'scroll', physical });
    } finally {
      this.#syncLater = false;
    }
  }

  /** The frame read: a position written since the event is where the frame is painted. */
  #readInFrame(eventOffset: number): void {
    // Detached (and so after the view's destroy): nothing to read.
    const target = this.#target;
    if (target === null) return;
    const physical = this.#offset(target);
    this.#written = Math.abs(physical - eventOffset) >= 1;
    const owed = this.#owed;
    const before = this.#state();
    this.#update({ type: 'scroll', physical });
    // Owed and not laid out by the move. Data its own window publishes (the list's loading
    // statuses) is in the rows already: re-read with the next frame (decision 0043).
    if (owed && this.#state() === before) this.#sync();
  }
}
