import type { SavedScroll } from '../cache/savedScroll.ts';
import type { LazyListSnapshot } from '../list/LazyList.ts';
import { VelocityMeter } from '../planner/velocityMeter.ts';
import { Subscribable } from '../subscribable.ts';
import { loadedFlight, loadFlight } from './flightChunk.ts';
import type { NavigationKeyEvent } from './keyboardTarget.ts';
import { layoutInput, publishView } from './layoutPass.ts';
import { createLayoutRounds } from './layoutRounds.ts';
import type { MasonryLayout } from './masonry.ts';
import { optionsPushed, pushedOptions } from './optionsPush.ts';
import { RowMeasurer } from './rowMeasurer.ts';
import { ScrollKeeper } from './scrollKeeper.ts';
import { createScrollLink } from './scrollLink.ts';
import { SettleTimer } from './settleTimer.ts';
import type { SizeIndex } from './sizeIndex.ts';
import type * as SmoothFlight from './smoothFlight.ts';
import { type ScrollToIndexOptions, smoothRequested } from './smoothScroll.ts';
import type { StickyRows } from './stickyRows.ts';
import { layoutView, savedScroll } from './viewLayout.ts';
import { newViewSizes, restoreAction } from './viewSizes.ts';
import {
  clearViewport,
  initialViewState,
  reduceView,
  relayoutAfter,
  scrollToAction,
  type ViewAction,
  type ViewContext,
  type ViewState,
  viewContext,
} from './viewState.ts';
import {
  type ResolvedVirtualListOptions,
  type VirtualListOptions,
  type VirtualListUpdate,
  warnNoKeyboard,
} from './virtualListOptions.ts';
import type { ScrollAlign, VirtualListSnapshot } from './virtualSnapshot.ts';

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
  /** The element holding the rows, seen at the last row measured or key press (see `onKeyDown`). */
  #rows: Element | null | undefined;
  /** The list's data where the anchor's item was last found (the rows that moved with it are found there). */
  #data: LazyListSnapshot<T> | null = null;
  readonly #keeper: ScrollKeeper | null;
  readonly #speed = new VelocityMeter();
  /** Made at the first smooth scroll-to. */
  #flights: SmoothFlight.FlightLoop | null = null;
  /** Counts scroll-tos and user inputs: a smooth scroll-to waiting for its chunk runs only if it is still the last. */
  #turn = 0;
  /** The scroll element: attach, scroll events (read in the frame while the rows lean), writes. */
  readonly #link = createScrollLink(
    () => this.#state,
    (action) => this.#update(action),
    () => this.#sync(),
  );
  #stopList: (() => void) | null = null;
  /** The one state record; changed only by `#update` (and the layout it runs). */
  #state: ViewState;
  /** Layout re-entrancy: measurements batch in a microtask, a change during a layout is one more round. */
  readonly #rounds = createLayoutRounds(() => this.#sync());
  readonly #settle: SettleTimer;
  #snapshot: VirtualListSnapshot<T>;
  /** `sticky: stickyRows`: the sticky row keys of `stickyIndexes`, else null (decision 0027). */
  readonly #sticky: StickyRows | null;
  /** `layout: masonry`: packs items per lane inside the rows (chunks), else null. */
  readonly #masonry: MasonryLayout | null;
  #destroyed = false;

  constructor(options: ResolvedVirtualListOptions<T>, input: VirtualListOptions<T>) {
    super();
    this.#o = options;
    this.#input = input;
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
      this.#state = reduceView(
        this.#state,
        restoreAction(options.restore, undefined, this.#sizes, options.lanes),
        this.#context,
      );
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
    const before = this.#o;
    const [input, next] = pushedOptions(this.#input, partial, before); // throws, changing nothing
    this.#input = input;
    const [change, options] = optionsPushed(before, next, this.#snapshot);
    this.#o = options;
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
    const attribute = element.getAttribute('data-index'); // none or '' would read as row 0
    const index = Number(attribute);
    // How the app renders its rows, met the first time they render: development builds (decision 0054).
    if (process.env.NODE_ENV !== 'production' && (!attribute || !Number.isInteger(index)))
      throw new TypeError('lazyflow: measureElement needs the row element to carry data-index={row.index}');
    const key = index - this.#state.prepended;
    this.#rows = element.parentElement; // where focusIndex looks for a row first (see onKeyDown)
    const anchor = this.#state.anchor;
    // Items above the one read are read at once (decision 0016 rule 9). A row is `lanes` items,
    // with masonry a chunk: items of the anchored chunk may be packed above the item read, so
    // they are read at once too (decision 0015 amendment).
    const row = Math.floor(key / this.#o.lanes);
    const above = anchor !== null && (row < anchor.row || (this.#masonry !== null && row === anchor.row));
    return this.#measurer.attach(element, key, above);
  };

  /**
   * Keyboard navigation for rows (arrows, PageUp/PageDown, Home/End): moves focus, keeps it in
   * view. Needs `keyboard: keyboardNavigation` (decision 0058); without it a key does nothing.
   */
  readonly onKeyDown = (event: NavigationKeyEvent): void => {
    const keyboard = this.#o.keyboard;
    if (keyboard === null) {
      if (process.env.NODE_ENV !== 'production') warnNoKeyboard();
      return;
    }
    const lanes = this.#masonry?.lanes ?? this.#o.lanes;
    const sizes = this.#sizes;
    // The sizes' rows start at the first item after the prepended ones (a chat's history), the
    // navigation's at index 0: without the shift PageDown stepped by rows further down.
    const shift = Math.floor(this.#state.prepended / lanes);
    const next = keyboard(event, {
      sizes: { start: (row) => sizes.start(row - shift), rowAt: (offset) => sizes.rowAt(offset) + shift },
      viewport: clearViewport(this.#state.viewport, this.#context),
      count: this.#snapshot.count,
      lanes,
      horizontal: this.#o.horizontal,
    });
    if (next === null) return;
    event.preventDefault();
    // The rows' container: the next row is looked for there (a window-scroll list's element is the
    // page, which may hold another list's rows of the same index first).
    this.#rows = (event.target as Element).closest?.('[data-index]')?.parentElement;
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
    this.#update(restoreAction(saved, saved.atEnd, this.#sizes, this.#o.lanes));
    return true;
  }

  /** Applies pending scroll writes and focus once a snapshot is on screen (framework adapters call it after commit). */
  commit(): void {
    if (this.#destroyed || !this.hasListeners()) return;
    const link = this.#link;
    link.attach(this.#o);
    link.applyWrite();
    const focus = this.#state.focus;
    if (focus !== null && link.focusRow(focus.key + this.#state.prepended, focus.moved, this.#rows)) {
      this.#update({ type: 'focused' });
    }
  }

  /** Detaches from the scroll element and the list; later calls are no-ops. The list itself is not destroyed. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#keeper?.save();
    this.onUnsubscribe();
    this.#link.stop();
    this.#destroyed = true;
    this.clearListeners();
  }

  protected override onSubscribe(): void {
    if (this.#destroyed) return;
    this.#stopList = this.#o.list.subscribe(() => this.#update({ type: 'data' }));
    this.#keeper?.start();
    this.#link.attach(this.#o);
    this.#sync();
  }

  protected override onUnsubscribe(): void {
    this.#keeper?.stop();
    this.#link.detach();
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
      this.#link.scrolled();
      this.#settle.scrolled(now);
    } else {
      if (action.type === 'input') this.#turn++; // a wheel, touch or key: the user scrolls
      this.#state = reduceView(before, action, this.#context);
    }
    const relayout = relayoutAfter(action.type);
    if (relayout === 'now') {
      if (!this.#link.defers(action.type)) this.#sync();
    } else if (relayout === 'soon') this.#rounds.schedule();
  }

  #scrollTo(index: number, align: ScrollAlign, focus: boolean, smooth = false, asked = this.#o.now()): void {
    if (this.#destroyed) return;
    if (!Number.isFinite(index))
      throw new TypeError(`lazyflow: scrollToIndex needs a finite index, got ${index}`);
    const turn = ++this.#turn;
    const code = loadedFlight;
    if (smooth && code === null) {
      // The first smooth scroll-to loads the flight's code; it flies from where the view is
      // then, timed from this call. A user input or another scroll-to meanwhile wins; without
      // the chunk (offline) it jumps.
      loadFlight(
        () => {
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
    const estimateRow = (row: number) =>
      this.#o.estimateSize(Math.max(0, row * this.#o.lanes + this.#state.prepended));
    return newViewSizes(this.#masonry, estimateRow, this.#o.gap);
  }

  #sync(): void {
    if (this.#destroyed) return;
    this.#link.synced();
    const ran = this.#rounds.run(() => {
      const next = this.#layout(this.#snapshot);
      if (next !== this.#snapshot) {
        this.#snapshot = next;
        this.notify();
      }
    });
    if (ran) this.commit(); // plain DOM listeners render synchronously inside notify()
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
    const input = layoutInput(o, data, this.#data, this.#context, stickyRows, this.#link, masonry);
    const { anchorItem } = this.#state;
    const state = layoutView(this.#state, input);
    this.#state = state;
    // The data the item read was last seen in (kept with it while a refetch brings it back).
    if (state.anchorItem !== anchorItem) this.#data = data;
    masonry?.noteRead(this.#sizes, state.virtual);
    return publishView(o, state, input, previous, this.#speed, this.#link, masonry);
  }
}
