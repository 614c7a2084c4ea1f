import type { SavedScroll } from '../cache/savedScroll.ts';
import type { ScrollTarget } from '../env/scrollTarget.ts';
import type { LazyListSnapshot } from '../list/LazyList.ts';
import { assertUnchanged } from '../options.ts';
import { VelocityMeter } from '../planner/velocityMeter.ts';
import { Subscribable } from '../subscribable.ts';
import { FrameRead } from './frameRead.ts';
import { ItemRestore } from './itemRestore.ts';
import { type NavigationKeyEvent, navigationTarget } from './keyboardTarget.ts';
import { LeanWatch } from './leanWatch.ts';
import type { MasonryLayout } from './masonry.ts';
import { MASONRY_BLOCK } from './masonryChunks.ts';
import { assertSameLayout, sameEstimates } from './optionsUpdate.ts';
import { RowMeasurer } from './rowMeasurer.ts';
import { ScrollKeeper } from './scrollKeeper.ts';
import { writtenAction } from './scrollWrite.ts';
import { SettleTimer } from './settleTimer.ts';
import { SizeIndex } from './sizeIndex.ts';
import type * as SmoothFlight from './smoothFlight.ts';
import { type ScrollToIndexOptions, smoothRequested } from './smoothScroll.ts';
import { type StickyRows, sameIndexes } from './stickyRows.ts';
import { type LayoutInput, layoutView, savedScroll, viewWindow } from './viewLayout.ts';
import {
  clearViewport,
  initialViewState,
  moving,
  reduceView,
  relayoutAfter,
  scrollToAction,
  type ViewAction,
  type ViewContext,
  type ViewState,
  viewContext,
} from './viewState.ts';
import {
  FIXED_VIEW_OPTIONS,
  optionsChange,
  type ResolvedVirtualListOptions,
  resolveVirtualListOptions,
  type VirtualListOptions,
  type VirtualListUpdate,
} from './virtualListOptions.ts';
import {
  buildSnapshot,
  renderedWindow,
  type ScrollAlign,
  type VirtualListSnapshot,
} from './virtualSnapshot.ts';

/** Where the layout is: `queued` for a microtask, `running`, or `again` (one more round asked). */
type LayoutPhase = 'idle' | 'queued' | 'running' | 'again';

/** A smooth scroll's code: the lazy chunk `smoothFlight.ts` (decision 0027), once loaded. */
let flightCode: typeof SmoothFlight | null = null;

/**
 * The engine behind `createVirtualList`. The scroll position is kept as an anchor — a row key
 * and how far the viewport starts from it — and re-derived after every change of sizes or of
 * the data: rows measured above the viewport, history prepended to a chat, a count arriving.
 * So what the user looks at stays pixel-still, and the same anchor restores a scroll position
 * by key. Positions are virtual pixels (the list's real extent, up to billions of px) mapped
 * onto the scroll element by a `ScrollScale`.
 *
 * @example
 * const view: VirtualList<User> = createVirtualList({ list, scrollElement, estimateSize: () => 36 });
 * view.scrollToIndex(500_000, { align: 'center' });
 */
export class VirtualList<T> extends Subscribable {
  #o: ResolvedVirtualListOptions<T>;
  #input: VirtualListOptions<T>;
  #sizes: SizeIndex;
  #context: ViewContext;
  readonly #measurer: RowMeasurer;
  /** The list's data where the anchor's item was last found (the rows that moved with it are found there). */
  #data: LazyListSnapshot<T> | null = null;
  readonly #keeper: ScrollKeeper | null;
  readonly #speed = new VelocityMeter();
  /** Made at the first smooth scroll-to. */
  #flights: SmoothFlight.FlightLoop | null = null;
  /** Counts scroll-tos and user inputs: a smooth scroll-to waiting for its chunk runs only if it is still the last. */
  #turn = 0;
  /** Rows leaned ahead of a moving scroll go back to where it is once a frame brings no scroll. */
  readonly #lean = new LeanWatch(() => this.#sync());
  /** While the rows lean (a fast, continuous scroll), scroll events are read in the frame's rAF (decision 0038). */
  readonly #frameRead = new FrameRead((eventOffset) => this.#readInFrame(eventOffset));
  #readLater = false;
  /** Inside a scroll event read later: the layout the action asks for waits for the frame read. */
  #syncLater = false;
  /** A layout is owed to the frame read. */
  #owed = false;
  /** The last frame read found the position written since its event: it is where the frame is painted. */
  #written = false;
  #target: ScrollTarget | null = null;
  /** The target's lowest offset when last read (≤ 0): see `#offset`. */
  #floor = 0;
  /** How far past the list's end the target reached when last read (≥ 0): see `#offset`. */
  #beyond = 0;
  #stopTarget: (() => void) | null = null;
  #stopList: (() => void) | null = null;
  /** The one state record; changed only by `#update` (and the layout it runs). */
  #state: ViewState;
  /**
   * Layout re-entrancy: `queued` (a microtask will lay out: measurements batch), `running`, or
   * `again` (something changed during a layout: one more round).
   */
  #phase: LayoutPhase = 'idle';
  readonly #settle: SettleTimer;
  #snapshot: VirtualListSnapshot<T>;
  /** `sticky: stickyRows`: the sticky row keys of `stickyIndexes`, else null (decision 0027). */
  readonly #sticky: StickyRows | null;
  /** `layout: masonry`: packs items per lane inside the rows (chunks), else null. */
  readonly #masonry: MasonryLayout | null;
  #destroyed = false;

  constructor(options: ResolvedVirtualListOptions<T>, input?: VirtualListOptions<T>) {
    super();
    this.#o = options;
    this.#input = input ?? { list: options.list, scrollTarget: undefined };
    this.#state = initialViewState({
      viewport: options.initialViewport,
      anchorMode: options.anchor,
      atEnd: options.restore?.atEnd,
    });
    const masonry =
      options.masonry === null
        ? null
        : options.masonry.create({
            lanes: options.masonry.lanes,
            gap: options.gap,
            estimate: (position) => this.#o.estimateSize(Math.max(0, position + this.#state.prepended)),
          });
    this.#masonry = masonry;
    this.#sticky = options.sticky?.create() ?? null;
    this.#sizes = this.#newSizes();
    this.#context = viewContext(options, this.#sizes);
    this.#measurer = new RowMeasurer({
      sizes: this.#sizes,
      horizontal: options.horizontal,
      lanes: options.lanes,
      onChange: () => this.#update({ type: 'measure' }),
      keyOfIndex: (index) => index - this.#state.prepended,
      ...(masonry === null
        ? {}
        : { itemSize: (key: number, size: number, sizes: SizeIndex) => masonry.measure(key, size, sizes) }),
    });
    this.#settle = new SettleTimer(
      options.timers,
      options.now,
      // A dragged thumb rests after half the delay: its scroll events come every frame while it
      // moves, and each ms held still is blank rows (decision 0049).
      () => this.#o.isScrollingResetDelayMs / (this.#state.motion === 'dragging' ? 2 : 1),
      () => {
        this.#speed.stop();
        this.#update({ type: 'settle' }); // the list loads where the scroll settled
        this.#keeper?.save(true);
      },
    );
    this.#keeper = options.persist === undefined ? null : new ScrollKeeper(options.persist, this);
    if (options.restore != null) {
      this.#state = reduceView(this.#state, this.#restoreAction(options.restore, undefined), this.#context);
    }
    this.#snapshot = this.#layout(null);
  }

  /**
   * Takes new options while running: `estimateSize`, `overscan`, `lanes`, `gap`, `endThreshold`,
   * `scrollPaddingStart`/`End`, `stickyIndexes`, `isScrollingResetDelayMs`. New lanes or gap
   * regroup the rows and keep the item in view where it is. Throws a TypeError, changing nothing,
   * for invalid values and for options fixed at creation (`list`, the scroll element,
   * `horizontal`, `anchor`, a `layout` other than the one created with…). A new `estimateSize` function that gives the same estimates as the
   * old one for the rows rendered and the first and last item counts as unchanged (decision
   * 0016): an inline `() => 36` passed on every render costs nothing.
   *
   * @example
   * view.setOptions({ lanes: Math.floor(width / 240) }); // a grid after a resize
   */
  setOptions(partial: VirtualListUpdate): void {
    if (this.#destroyed) return;
    assertUnchanged('VirtualList.setOptions', FIXED_VIEW_OPTIONS, this.#input, partial);
    const input = { ...this.#input, ...partial } as VirtualListOptions<T>;
    const next = resolveVirtualListOptions(input); // throws, changing nothing, on a bad value
    const before = this.#o;
    assertSameLayout(before, next, partial.layout);
    this.#input = input;
    // An `estimateSize` built anew on every render that gives the same estimates is the same one.
    const change = optionsChange(
      before,
      sameEstimates(before.estimateSize, next.estimateSize, this.#snapshot)
        ? { ...next, estimateSize: before.estimateSize }
        : next,
    );
    // Equal sticky indexes keep their array, so the sticky rows derived from it are kept too.
    const { stickyIndexes } = sameIndexes(next.stickyIndexes, before.stickyIndexes) ? before : next;
    this.#o = { ...next, target: before.target, restore: before.restore, stickyIndexes };
    if (change !== 'none' && change !== 'layout') this.#masonry?.setLanes(next.masonry?.lanes ?? 1, next.gap);
    if (change === 'regroup') {
      this.#sizes = this.#newSizes();
      this.#measurer.retarget(this.#sizes, next.lanes);
    } else if (change === 'estimates') this.#sizes.resetEstimates();
    this.#context = viewContext(this.#o, this.#sizes);
    if (change === 'regroup') this.#update({ type: 'regroup', from: before.lanes, to: next.lanes });
    else if (change !== 'none') this.#update({ type: 'options' });
  }

  /** The current snapshot; the same reference until something rendered changed. */
  readonly getSnapshot = (): VirtualListSnapshot<T> => this.#snapshot;

  /**
   * Callback ref for rendered rows (each needs `data-index`): measures the row with a
   * ResizeObserver. Returns the cleanup React 19 calls on unmount; without React, call it when
   * the row leaves the DOM.
   */
  readonly measureElement = (element: Element | null): (() => void) | undefined => {
    if (element === null || this.#destroyed) return undefined;
    const index = Number(element.getAttribute('data-index'));
    if (!Number.isInteger(index)) {
      throw new TypeError('lazyflow: measureElement needs the row element to carry data-index={row.index}');
    }
    const key = index - this.#state.prepended;
    const anchor = this.#state.anchor;
    // Items above the one read are read at once (decision 0016 rule 9). A row is `lanes` items,
    // with masonry a chunk: items of the anchored chunk may be packed above the item read, so
    // they are read at once too (decision 0015 amendment).
    const row = Math.floor(key / this.#o.lanes);
    const above = anchor !== null && (row < anchor.row || (this.#masonry !== null && row === anchor.row));
    return this.#measurer.attach(element, key, above);
  };

  /** Keyboard navigation for rows (arrows, PageUp/PageDown, Home/End): moves focus, keeps it in view. */
  readonly onKeyDown = (event: NavigationKeyEvent): void => {
    const sizes = this.#sizes;
    const rowSize = sizes.total / Math.max(1, sizes.hi - sizes.lo) || 36;
    const clear = clearViewport(this.#state.viewport, this.#context);
    const next = navigationTarget(event, {
      count: this.#snapshot.count,
      lanes: this.#masonry?.lanes ?? this.#o.lanes,
      rowsPerPage: Math.max(1, Math.floor(clear / Math.max(1, rowSize))),
      horizontal: this.#o.horizontal,
    });
    if (next === null) return;
    event.preventDefault();
    this.focusIndex(next);
  };

  /** Moves keyboard focus to an item: scrolls it into view, keeps it rendered, focuses its element. */
  focusIndex(index: number): void {
    this.#scrollTo(index, 'auto', true);
  }

  /**
   * Scrolls so item `index` is aligned in the viewport (clear of `scrollPaddingStart`/`End`);
   * stays aligned while sizes around it are measured and its page arrives, until the user scrolls.
   * `behavior: 'smooth'` flies there, loading only the destination's rows (see ScrollToIndexOptions).
   */
  scrollToIndex(index: number, options: ScrollToIndexOptions = {}): void {
    this.#scrollTo(index, options.align ?? 'auto', false, smoothRequested(options));
  }

  /** The virtual scroll position in px (the list's real coordinates, not the scaled element's). */
  getScrollOffset(): number {
    return this.#state.virtual;
  }

  /** The scroll position by key, to pass back as `restore` (or store with the dataset). */
  saveScroll(): SavedScroll {
    const o = this.#o;
    return savedScroll(this.#state, this.#sizes, o.list.getSnapshot(), o.lanes, o.anchor);
  }

  /**
   * Restores a saved position that arrived late (e.g. read from IndexedDB after the list was
   * created). Ignored, returning false, once the user has scrolled or `scrollToIndex` was called.
   */
  restoreScroll(saved: SavedScroll): boolean {
    const { restore, hold } = this.#state;
    if (this.#destroyed || restore.kind === 'closed' || hold.kind === 'index') return false;
    this.#update(this.#restoreAction(saved, saved.atEnd));
    return true;
  }

  /** Applies pending scroll writes and focus once a snapshot is on screen (framework adapters call it after commit). */
  commit(): void {
    if (this.#destroyed || !this.hasListeners()) return;
    if (this.#target === null) this.#attach();
    this.#applyWrite();
    const focus = this.#state.focus;
    if (focus !== null && !focus.moved) {
      const index = focus.key + this.#state.prepended;
      const element = this.#target?.element?.querySelector(`[data-index="${index}"]`);
      if (element instanceof HTMLElement) {
        element.focus({ preventScroll: true });
        this.#update({ type: 'focused' });
      }
    }
  }

  /** Detaches from the scroll element and the list; later calls are no-ops. The list itself is not destroyed. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#keeper?.save();
    this.onUnsubscribe();
    this.#lean.stop();
    this.#frameRead.stop();
    this.#destroyed = true;
    this.clearListeners();
  }

  protected override onSubscribe(): void {
    if (this.#destroyed) return;
    this.#stopList = this.#o.list.subscribe(() => this.#update({ type: 'data' }));
    this.#keeper?.start();
    this.#attach();
    this.#sync();
  }

  protected override onUnsubscribe(): void {
    this.#keeper?.stop();
    this.#stopTarget?.();
    this.#stopTarget = null;
    this.#target = null;
    this.#stopList?.();
    this.#stopList = null;
    this.#measurer.disconnect();
    this.#flights?.stop();
    this.#settle.cancel();
  }

  /**
   * The one way the view changes: the action goes through `reduceView` into the state record,
   * then the layout runs (at once, or once per task for measurements) when the action needs it.
   */
  #update(action: ViewAction): void {
    if (this.#destroyed) return;
    const before = this.#state;
    if (action.type === 'scroll') {
      // Speed in items per px of the sizes before this move (the anchor may make a block exact).
      const sizes = this.#sizes;
      const itemsPerPx = (Math.max(1, sizes.hi - sizes.lo) * this.#o.lanes) / Math.max(1, sizes.total);
      const next = reduceView(before, action, this.#context);
      if (next === before) return;
      this.#state = next;
      const now = this.#o.now();
      this.#speed.track(next.virtual - before.virtual, now, itemsPerPx);
      this.#lean.scrolled();
      this.#settle.scrolled(now);
    } else {
      if (action.type === 'input') this.#turn++; // a wheel, touch or key: the user scrolls
      this.#state = reduceView(before, action, this.#context);
    }
    const relayout = relayoutAfter[action.type];
    if (relayout === 'now') {
      // Data landing while the frame is read (a fling) waits for the next frame read (or the
      // lean's end): laid out now, its rows would be gone before the paint (decision 0043).
      if (this.#syncLater || (action.type === 'data' && this.#readLater)) this.#owed = true;
      else this.#sync();
    } else if (relayout === 'soon') this.#scheduleSync();
  }

  #attach(): void {
    // Once: the list's first publish inside onSubscribe renders and commits, which attaches
    // before onSubscribe does (two scroll listeners, each reading the offset: issue #16).
    if (this.#target !== null) return;
    const target = this.#o.target();
    if (target === null) return;
    this.#target = target;
    this.#update({
      type: 'attach',
      viewport: target.viewport() || this.#o.initialViewport,
      physical: this.#offset(target),
    });
    this.#stopTarget = target.observe({
      scroll: () => this.#onScrollEvent(),
      resize: () => this.#update({ type: 'resize', viewport: target.viewport() }),
      drag: (active) => this.#update({ type: 'drag', active }),
      input: () => this.#update({ type: 'input' }),
    });
  }

  /**
   * The target's offset, down to its lowest (negative with the page above a window-scroll list in
   * view; decision 0028): an element's overscroll bounce or the window's are not scroll positions.
   */
  #offset(target: ScrollTarget): number {
    this.#floor = Math.min(0, target.minOffset?.() ?? 0);
    // Past the list's end, the page below it (decision 0036): measured against the end rendered.
    const max = target.maxOffset?.() ?? Number.POSITIVE_INFINITY;
    this.#beyond = Number.isFinite(max) ? Math.max(0, max - this.#state.scale.physicalMax) : 0;
    return Math.max(this.#floor, Math.min(max, target.offset()));
  }

  #onScroll(): void {
    const target = this.#target;
    if (target !== null) this.#update({ type: 'scroll', physical: this.#offset(target) });
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
    const target = this.#target;
    if (target === null || this.#destroyed) return;
    const physical = this.#offset(target);
    this.#written = Math.abs(physical - eventOffset) >= 1;
    const owed = this.#owed;
    const before = this.#state;
    this.#update({ type: 'scroll', physical });
    // Owed and not laid out by the move. Data its own window publishes (the list's loading
    // statuses) is in the rows already: re-read with the next frame (decision 0043).
    if (owed && this.#state === before) this.#sync();
  }

  #scrollTo(index: number, align: ScrollAlign, focus: boolean, smooth = false, asked = this.#o.now()): void {
    if (this.#destroyed) return;
    if (!Number.isFinite(index))
      throw new TypeError(`lazyflow: scrollToIndex needs a finite index, got ${index}`);
    const turn = ++this.#turn;
    const code = flightCode;
    if (smooth && code === null) {
      // The first smooth scroll-to loads the flight's code (decision 0027); it flies from where
      // the view is then, timed from this call. A user input or another scroll-to meanwhile wins;
      // without the chunk (offline) it jumps.
      const load = import('./smoothFlight.ts');
      load.then(
        (loaded) => {
          flightCode = loaded;
          if (turn === this.#turn) this.#scrollTo(index, align, focus, true, asked);
        },
        () => {
          if (turn === this.#turn) this.#scrollTo(index, align, focus);
        },
      );
      return;
    }
    const count = this.#o.list.getSnapshot().count;
    const { prepended } = this.#state;
    this.#update(scrollToAction(index, align, focus, count, this.#o.anchor, prepended, smooth));
    const { hold } = this.#state;
    if (hold.kind === 'index' && hold.flight !== null && code !== null) {
      // The duration follows the distance shown (from the start the layout chose to the target).
      const viewport = clearViewport(this.#state.viewport, this.#context);
      const duration = code.flightDuration(hold.flight.to - hold.flight.from, viewport);
      this.#flights ??= new code.FlightLoop(this.#o.timers, this.#o.now);
      this.#flights.start(
        duration,
        (progress) => {
          const now = this.#state.hold;
          // Ended elsewhere: the user scrolled, an instant scroll-to, the list was destroyed.
          if (this.#destroyed || now.kind !== 'index' || now.flight === null) return false;
          this.#update({ type: 'flight', progress });
          return true;
        },
        asked,
      );
    }
  }

  #newSizes(): SizeIndex {
    // Read through #o and the state: a new estimateSize or lanes (setOptions) applies without a new index.
    const masonry = this.#masonry;
    return new SizeIndex({
      // Masonry rows are chunks of items: smaller blocks keep a jump's exact block small.
      ...(masonry === null ? {} : { blockSize: MASONRY_BLOCK }),
      estimate: (row) =>
        masonry !== null
          ? masonry.height(row)
          : this.#o.estimateSize(Math.max(0, row * this.#o.lanes + this.#state.prepended)),
      gap: this.#o.gap,
    });
  }

  /** The action that makes a saved position pending (its measured sizes go into the size index now). */
  #restoreAction(saved: SavedScroll, atEnd: boolean | undefined): ViewAction {
    for (const [row, size] of saved.sizes) this.#sizes.setSize(row, size);
    const anchor = { row: Math.floor(saved.anchorKey / this.#o.lanes), offset: saved.offsetInItem };
    const item = saved.anchorItemKey === undefined ? null : new ItemRestore(saved);
    return { type: 'restore', anchor, item, atEnd };
  }

  /** Folds many measurements (one per new row in a render) into one layout, still before paint. */
  #scheduleSync(): void {
    if (this.#phase !== 'idle') {
      if (this.#phase === 'running') this.#phase = 'again';
      return;
    }
    this.#phase = 'queued';
    queueMicrotask(() => {
      // A layout that ran meanwhile took the measurements in already.
      if (this.#phase === 'queued') this.#sync();
    });
  }

  #sync(): void {
    if (this.#destroyed) return;
    this.#owed = false;
    if (this.#phase === 'running' || this.#phase === 'again') {
      this.#phase = 'again';
      return;
    }
    try {
      let rounds = 0;
      do {
        this.#phase = 'running';
        const next = this.#layout(this.#snapshot);
        if (next !== this.#snapshot) {
          this.#snapshot = next;
          this.notify();
        }
        // Read back: a change during the layout (notify renders, the list publishes) set it.
      } while ((this.#phase as LayoutPhase) === 'again' && ++rounds < 4);
    } finally {
      this.#phase = 'idle';
    }
    this.commit(); // plain DOM listeners render synchronously inside notify()
  }

  #applyWrite(): void {
    const target = this.#target;
    const want = this.#state.pendingWrite;
    if (target === null || want === null) return;
    if (Math.abs(this.#offset(target) - this.#state.known) >= 1) {
      // The user scrolled and its event has not arrived yet: take that first, do not overwrite it.
      this.#onScroll();
      return;
    }
    target.scrollTo(want);
    const written = writtenAction(want, this.#offset(target), this.#state.scale);
    this.#update(written);
    if (written.adopt) this.#sync();
  }

  /** Re-derives the scroll position, the list window and the rows; returns `previous` when nothing changed. */
  #layout(previous: VirtualListSnapshot<T> | null): VirtualListSnapshot<T> {
    const o = this.#o;
    const data: LazyListSnapshot<T> = o.list.getSnapshot();
    if (data.prependedCount !== this.#state.prepended) {
      this.#state = { ...this.#state, prepended: data.prependedCount }; // before the sizes are read
    }
    const stickyRows = this.#sticky?.rows(o.stickyIndexes, o.lanes, data.prependedCount) ?? o.stickyIndexes;
    const masonry = this.#masonry;
    if (masonry !== null) this.#state = masonry.beforeLayout(this.#sizes, this.#state, data);
    const input: LayoutInput = {
      data,
      before: this.#data,
      sizes: this.#sizes,
      lanes: o.lanes,
      anchorMode: o.anchor,
      maxPhysicalSize: o.maxPhysicalSize,
      paddingStart: o.scrollPaddingStart,
      paddingEnd: o.scrollPaddingEnd,
      stickyRows,
      sticky: o.sticky,
      floor: this.#floor,
      beyond: this.#beyond,
      itemBox: masonry === null ? undefined : (key) => masonry.box(key),
      flightAt: flightCode?.flightAt,
    };
    const { anchorItem } = this.#state;
    const state = layoutView(this.#state, input);
    this.#state = state;
    // The data the item read was last seen in (kept with it while a refetch brings it back).
    if (state.anchorItem !== anchorItem) this.#data = data;
    masonry?.noteRead(this.#sizes, state.virtual);
    const isScrolling = moving(state.motion);
    // A scrollbar drag jumps from place to place: like a jump, it loads only where it rests (its
    // settle, the thumb held still or let go), and renders nothing ahead of a "direction". Held
    // still (`grabbed`), it loads what is on screen only: the prefetch waits for the release.
    const dragging = state.motion === 'dragging' || state.motion === 'released';
    const velocity = isScrolling && !dragging ? this.#speed.rounded : 0;
    const direction = this.#speed.direction;
    // Masonry places items per lane inside its rows: no lean (its rows are chunks of items).
    const fast = velocity > 0 && this.#masonry === null && this.#speed.stride > o.overscan * o.lanes;
    this.#lean.moving(fast);
    // Leaning: scroll events are read in the frame (`FrameRead`), and a position written since
    // the event is where the paint will be: nothing to lean toward (decision 0038).
    this.#readLater = fast && this.#lean.continuous;
    if (!this.#readLater) this.#written = false;
    const stride = this.#readLater && !this.#written ? this.#speed.stride : 0;
    if (!dragging) {
      const window = renderedWindow(
        viewWindow(state, input, o.estimateSize),
        o.overscan,
        o.lanes,
        data.count,
      );
      o.list.setWindow({ ...window, direction, velocity, prefetch: state.motion !== 'grabbed' });
    }
    const snapshot = buildSnapshot({
      previous,
      data: o.list.getSnapshot(),
      sizes: this.#sizes,
      scale: state.scale,
      virtual: state.virtual,
      physical: state.physical,
      viewport: state.viewport,
      lanes: o.lanes,
      // Read where the frame is painted, and moving on before the next: rows beyond the viewport
      // would never be seen (decision 0038).
      overscan: this.#readLater && this.#written ? 0 : o.overscan,
      velocity,
      stride,
      direction,
      isScrolling,
      atEnd: state.scale.virtualMax - Math.max(0, state.virtual) <= o.endThreshold,
      newItems: state.newItems,
      focusedKey: state.focus?.key ?? null,
      paddingStart: o.scrollPaddingStart,
      paddingEnd: o.scrollPaddingEnd,
      stickyRows,
      sticky: o.sticky,
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
}
