import type { SavedScroll } from '../cache/savedScroll.ts';
import type { ScrollTarget } from '../env/scrollTarget.ts';
import type { LazyListSnapshot } from '../list/LazyList.ts';
import { assertUnchanged } from '../options.ts';
import { VelocityMeter } from '../planner/velocityMeter.ts';
import { Subscribable } from '../subscribable.ts';
import { type Anchor, alignedOffset, anchorAt } from './anchor.ts';
import { ItemRestore } from './itemRestore.ts';
import { type NavigationKeyEvent, navigationTarget } from './keyboardTarget.ts';
import { RowMeasurer } from './rowMeasurer.ts';
import { ScrollKeeper } from './scrollKeeper.ts';
import {
  physicalFor,
  type ScrollScale,
  scrollScale,
  virtualAfterMove,
  virtualForJump,
} from './scrollScale.ts';
import { SizeIndex } from './sizeIndex.ts';
import {
  FIXED_VIEW_OPTIONS,
  type ResolvedVirtualListOptions,
  resolveVirtualListOptions,
  type VirtualListOptions,
  type VirtualListUpdate,
} from './virtualListOptions.ts';
import {
  buildSnapshot,
  firstWindow,
  type ScrollAlign,
  type VirtualListSnapshot,
  visibleRows,
} from './virtualSnapshot.ts';

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
  readonly #measurer: RowMeasurer;
  readonly #keeper: ScrollKeeper | null;
  readonly #speed = new VelocityMeter();
  #target: ScrollTarget | null = null;
  #stopTarget: (() => void) | null = null;
  #stopList: (() => void) | null = null;
  #viewport: number;
  #scale: ScrollScale;
  #virtual = 0;
  #physical = 0;
  #anchor: Anchor | null = null;
  #restorePending: Anchor | null = null;
  #restoreItem: ItemRestore | null = null;
  #pinned: { key: number; align: ScrollAlign } | null = null;
  #stick: boolean;
  #newItems = 0;
  #tail: number | null = null;
  #prepended = 0;
  #pendingWrite: number | null = null;
  /** Where the element was when last read or written: a scroll event elsewhere is the user's. */
  #known = 0;
  /**
   * A scrollbar drag: 'active' while the pointer holds the bar, 'releasing' from its release until
   * scrolling settles (the last scroll events of a drag can arrive after `pointerup`, and mapped
   * 1:1 they would move the content millions of px away from the thumb).
   */
  #drag: 'none' | 'active' | 'releasing' = 'none';
  #isScrolling = false;
  #scrollTimer: unknown;
  #focused: number | null = null;
  #focusPending = false;
  #snapshot: VirtualListSnapshot<T>;
  #syncing = false;
  #syncQueued = false;
  #userScrolled = false;
  #again = false;
  #destroyed = false;

  constructor(options: ResolvedVirtualListOptions<T>, input?: VirtualListOptions<T>) {
    super();
    this.#o = options;
    this.#input = input ?? { list: options.list, scrollTarget: undefined };
    this.#sizes = this.#newSizes();
    this.#measurer = new RowMeasurer({
      sizes: this.#sizes,
      horizontal: options.horizontal,
      lanes: options.lanes,
      onChange: () => this.#scheduleSync(),
    });
    this.#keeper = options.persist === undefined ? null : new ScrollKeeper(options.persist, this);
    this.#viewport = options.initialViewport;
    this.#scale = scrollScale(0, this.#viewport);
    const restore = options.restore;
    this.#stick = restore?.atEnd ?? options.anchor === 'end';
    if (restore != null) this.#applyRestore(restore);
    this.#snapshot = this.#layout(null);
  }

  /**
   * Takes new options while running: `estimateSize`, `overscan`, `lanes`, `gap`, `endThreshold`,
   * `isScrollingResetDelayMs`. New lanes or gap regroup the rows and keep the item in view where it
   * is. Throws a TypeError, changing nothing, for invalid values and for options fixed at
   * creation (`list`, the scroll element, `horizontal`, `anchor`…).
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
    this.#input = input;
    this.#o = { ...next, target: before.target, restore: before.restore };
    if (next.lanes !== before.lanes || next.gap !== before.gap) {
      // Same items, other rows: the anchor moves to the row now holding its item.
      const regroup = (anchor: Anchor) => ({
        row: Math.floor((anchor.row * before.lanes) / next.lanes),
        offset: anchor.offset,
      });
      this.#sizes = this.#newSizes();
      this.#measurer.retarget(this.#sizes, next.lanes);
      if (this.#restorePending !== null) this.#restorePending = regroup(this.#restorePending);
      if (this.#anchor !== null) this.#anchor = regroup(this.#anchor);
    } else if (next.estimateSize !== before.estimateSize) this.#sizes.resetEstimates();
    else if (next.overscan === before.overscan && next.endThreshold === before.endThreshold) return;
    this.#sync();
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
    return this.#measurer.attach(element, index - this.#prepended);
  };

  /** Keyboard navigation for rows (arrows, PageUp/PageDown, Home/End): moves focus, keeps it in view. */
  readonly onKeyDown = (event: NavigationKeyEvent): void => {
    const sizes = this.#sizes;
    const rowSize = sizes.total / Math.max(1, sizes.hi - sizes.lo) || 36;
    const next = navigationTarget(event, {
      count: this.#snapshot.count,
      lanes: this.#o.lanes,
      rowsPerPage: Math.max(1, Math.floor(this.#viewport / Math.max(1, rowSize))),
      horizontal: this.#o.horizontal,
    });
    if (next === null) return;
    event.preventDefault();
    this.focusIndex(next);
  };

  /** Moves keyboard focus to an item: scrolls it into view, keeps it rendered, focuses its element. */
  focusIndex(index: number): void {
    if (this.#destroyed) return;
    this.#focused = index - this.#prepended;
    this.#focusPending = true;
    this.scrollToIndex(index, { align: 'auto' });
  }

  /**
   * Scrolls so item `index` is aligned in the viewport; stays aligned while sizes around it
   * are measured and its page arrives, until the user scrolls.
   */
  scrollToIndex(index: number, options: { align?: ScrollAlign } = {}): void {
    if (this.#destroyed) return;
    if (!Number.isFinite(index))
      throw new TypeError(`lazyflow: scrollToIndex needs a finite index, got ${index}`);
    const count = this.#o.list.getSnapshot().count;
    const last = Math.max(0, count - 1);
    const target = Math.max(0, Math.min(Math.trunc(index), count > 0 ? last : Math.trunc(index)));
    if (this.#o.anchor === 'end' && count > 0 && target >= last) {
      this.#pinned = null;
      this.#stick = true;
      this.#newItems = 0;
    } else {
      this.#pinned = { key: target - this.#prepended, align: options.align ?? 'auto' };
      this.#stick = false;
    }
    this.#sync();
  }

  /** The virtual scroll position in px (the list's real coordinates, not the scaled element's). */
  getScrollOffset(): number {
    return this.#virtual;
  }

  /** The scroll position by key, to pass back as `restore` (or store with the dataset). */
  saveScroll(): SavedScroll {
    const anchor = this.#anchor ?? this.#restorePending ?? { row: 0, offset: 0 };
    const data = this.#o.list.getSnapshot();
    const anchorItemKey = data.keyOf(anchor.row * this.#o.lanes + data.prependedCount);
    return {
      anchorKey: anchor.row * this.#o.lanes,
      ...(anchorItemKey === undefined ? {} : { anchorItemKey }),
      offsetInItem: anchor.offset,
      sizes: this.#sizes.measuredIn(anchor.row - 200, anchor.row + 200),
      atEnd: this.#o.anchor === 'end' && this.#stick,
    };
  }

  /**
   * Restores a saved position that arrived late (e.g. read from IndexedDB after the list was
   * created). Ignored, returning false, once the user has scrolled or `scrollToIndex` was called.
   */
  restoreScroll(saved: SavedScroll): boolean {
    if (this.#destroyed || this.#userScrolled || this.#pinned !== null) return false;
    this.#applyRestore(saved);
    this.#stick = saved.atEnd ?? this.#stick;
    this.#sync();
    return true;
  }

  /** Applies pending scroll writes and focus once a snapshot is on screen (framework adapters call it after commit). */
  commit(): void {
    if (this.#destroyed || !this.hasListeners()) return;
    if (this.#target === null) this.#attach();
    this.#applyWrite();
    if (this.#focusPending && this.#focused !== null) {
      const index = this.#focused + this.#prepended;
      const element = this.#target?.element?.querySelector(`[data-index="${index}"]`);
      if (element instanceof HTMLElement) {
        element.focus({ preventScroll: true });
        this.#focusPending = false;
      }
    }
  }

  /** Detaches from the scroll element and the list; later calls are no-ops. The list itself is not destroyed. */
  destroy(): void {
    if (this.#destroyed) return;
    this.#keeper?.save();
    this.onUnsubscribe();
    this.#destroyed = true;
    this.clearListeners();
  }

  protected override onSubscribe(): void {
    if (this.#destroyed) return;
    this.#stopList = this.#o.list.subscribe(() => this.#sync());
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
    this.#o.timers.clearTimeout(this.#scrollTimer);
  }

  #attach(): void {
    const target = this.#o.target();
    if (target === null) return;
    this.#target = target;
    this.#viewport = target.viewport() || this.#o.initialViewport;
    this.#physical = Math.max(0, target.offset());
    this.#known = this.#physical;
    this.#stopTarget = target.observe({
      scroll: () => this.#onScroll(),
      resize: () => {
        this.#viewport = target.viewport();
        this.#sync();
      },
      drag: (active) => {
        this.#drag = active ? 'active' : this.#isScrolling ? 'releasing' : 'none';
      },
      input: () => {
        if (this.#drag === 'releasing') this.#drag = 'none';
      },
    });
  }

  #newSizes(): SizeIndex {
    // Read through #o: a new estimateSize or lanes (setOptions) applies without a new index.
    return new SizeIndex({
      estimate: (row) => this.#o.estimateSize(Math.max(0, row * this.#o.lanes + this.#prepended)),
      gap: this.#o.gap,
    });
  }

  #applyRestore(restore: SavedScroll): void {
    for (const [row, size] of restore.sizes) this.#sizes.setSize(row, size);
    this.#restorePending = {
      row: Math.floor(restore.anchorKey / this.#o.lanes),
      offset: restore.offsetInItem,
    };
    this.#restoreItem = restore.anchorItemKey === undefined ? null : new ItemRestore(restore);
  }

  /** A restored item found elsewhere than saved (items moved above it): the anchor goes with it. */
  #followRestoredItem(data: LazyListSnapshot<T>): void {
    const moved = this.#restoreItem?.resolve(data);
    if (moved === undefined) return;
    const row = Math.floor(moved / this.#o.lanes);
    if (this.#restorePending !== null) this.#restorePending = { ...this.#restorePending, row };
    else if (this.#anchor !== null) this.#anchor = { ...this.#anchor, row };
  }

  /** Folds many measurements (one per new row in a render) into one layout, still before paint. */
  #scheduleSync(): void {
    if (this.#syncQueued) return;
    this.#syncQueued = true;
    queueMicrotask(() => {
      this.#syncQueued = false;
      this.#sync();
    });
  }

  #onScroll(): void {
    const target = this.#target;
    if (target === null || this.#destroyed) return;
    const physical = Math.max(0, target.offset());
    if (Math.abs(physical - this.#known) < 1) return; // our own write, or no movement
    const from = this.#known;
    this.#known = physical;
    this.#pendingWrite = null; // the user moved: a write not applied yet would undo that
    const scale = this.#scale;
    // Only a scrollbar drag maps proportionally; wheel, touch, keys and scrollBy move 1:1 (issue 16).
    const next =
      this.#drag !== 'none'
        ? virtualForJump(scale, physical)
        : { virtual: virtualAfterMove(scale, { virtual: this.#virtual, physical: from }, physical) };
    const rows = Math.max(1, this.#sizes.hi - this.#sizes.lo);
    const itemsPerPx = (rows * this.#o.lanes) / Math.max(1, this.#sizes.total);
    this.#speed.track(next.virtual - this.#virtual, this.#o.now(), itemsPerPx);
    this.#virtual = next.virtual;
    this.#physical = physical;
    this.#pinned = null;
    this.#restorePending = null;
    this.#restoreItem = null;
    this.#userScrolled = true;
    this.#anchor = anchorAt(this.#sizes, next.virtual, this.#viewport);
    if (this.#o.anchor === 'end') {
      this.#stick = scale.virtualMax - next.virtual <= this.#o.endThreshold;
      if (this.#stick) this.#newItems = 0;
    }
    this.#isScrolling = true;
    this.#o.timers.clearTimeout(this.#scrollTimer);
    this.#scrollTimer = this.#o.timers.setTimeout(() => {
      this.#isScrolling = false;
      if (this.#drag === 'releasing') this.#drag = 'none';
      this.#speed.stop();
      this.#sync(); // the list loads where the scroll settled
      this.#keeper?.save(true);
    }, this.#o.isScrollingResetDelayMs);
    this.#sync();
  }

  #sync(): void {
    if (this.#destroyed) return;
    if (this.#syncing) {
      this.#again = true;
      return;
    }
    this.#syncing = true;
    try {
      let rounds = 0;
      do {
        this.#again = false;
        const next = this.#layout(this.#snapshot);
        if (next !== this.#snapshot) {
          this.#snapshot = next;
          this.notify();
        }
      } while (this.#again && ++rounds < 4);
    } finally {
      this.#syncing = false;
    }
    this.commit(); // plain DOM listeners render synchronously inside notify()
  }

  #applyWrite(): void {
    const target = this.#target;
    const want = this.#pendingWrite;
    if (target === null || want === null) return;
    if (Math.abs(Math.max(0, target.offset()) - this.#known) >= 1) {
      // The user scrolled and its event has not arrived yet: take that first, do not overwrite it.
      this.#onScroll();
      return;
    }
    target.scrollTo(want);
    this.#known = Math.max(0, target.offset());
    // Written before the content grew (the framework has not rendered yet): retried on commit.
    if (Math.abs(this.#known - want) < 1) this.#pendingWrite = null;
  }

  #targetVirtual(scale: ScrollScale, count: number): number {
    const sizes = this.#sizes;
    const restore = this.#restorePending;
    if (restore !== null && restore.row >= sizes.lo && restore.row < sizes.hi) {
      this.#restorePending = null;
      this.#anchor = restore;
    }
    if (count === 0 || this.#restorePending !== null) return 0;
    const pinned = this.#pinned;
    if (pinned !== null) {
      const row = Math.floor(pinned.key / this.#o.lanes);
      return alignedOffset(sizes.start(row), sizes.size(row), this.#viewport, this.#virtual, pinned.align);
    }
    if (this.#o.anchor === 'end' && this.#stick) return scale.virtualMax;
    if (this.#anchor !== null) return sizes.start(this.#anchor.row) + this.#anchor.offset;
    return this.#virtual;
  }

  /** Re-derives the scroll position, the list window and the rows; returns `previous` when nothing changed. */
  #layout(previous: VirtualListSnapshot<T> | null): VirtualListSnapshot<T> {
    const o = this.#o;
    const data: LazyListSnapshot<T> = o.list.getSnapshot();
    const { lanes } = o;
    const count = data.count;
    this.#prepended = data.prependedCount;
    const tail = count - data.prependedCount;
    if (o.anchor === 'end' && this.#tail !== null && tail > this.#tail && !this.#stick) {
      this.#newItems += tail - this.#tail;
    }
    if (count > 0) this.#tail = tail;
    const lo = Math.floor(-data.prependedCount / lanes);
    this.#sizes.setDomain(lo, count > 0 ? Math.floor((tail - 1) / lanes) + 1 : lo);
    if (this.#pinned === null) this.#followRestoredItem(data);
    const scale = scrollScale(this.#sizes.total, this.#viewport, o.maxPhysicalSize);
    const position = physicalFor(scale, this.#targetVirtual(scale, count), {
      offset: this.#virtual - this.#physical,
      settled: !this.#isScrolling && this.#drag === 'none',
    });
    this.#scale = scale;
    this.#virtual = position.virtual;
    if (Math.abs(position.physical - this.#physical) >= 0.5) this.#pendingWrite = position.physical;
    this.#physical = position.physical;
    if (count > 0 && this.#restorePending === null)
      this.#anchor = anchorAt(this.#sizes, position.virtual, this.#viewport);
    if (o.anchor === 'end' && this.#stick) this.#newItems = 0;
    this.#setWindow(count);
    return buildSnapshot({
      previous,
      data: o.list.getSnapshot(),
      sizes: this.#sizes,
      scale,
      virtual: position.virtual,
      physical: position.physical,
      viewport: this.#viewport,
      lanes,
      overscan: o.overscan,
      velocity: this.#velocity(),
      direction: this.#speed.direction,
      isScrolling: this.#isScrolling,
      atEnd: scale.virtualMax - position.virtual <= o.endThreshold,
      newItems: this.#newItems,
      focusedKey: this.#focused,
    });
  }

  /** Scroll speed (items/s, rounded to a power of two) while scrolling, else 0. */
  #velocity(): number {
    return this.#isScrolling ? this.#speed.rounded : 0;
  }

  #setWindow(count: number): void {
    const o = this.#o;
    // Nothing laid out yet: ask for what the view will show first (the restored row, or the start).
    const { start, end } =
      count === 0 || this.#restorePending !== null
        ? firstWindow(
            this.#restorePending?.row ?? (this.#pinned === null ? 0 : Math.floor(this.#pinned.key / o.lanes)),
            {
              lanes: o.lanes,
              prepended: this.#prepended,
              viewport: this.#viewport,
              estimateSize: o.estimateSize,
            },
          )
        : visibleRows(this.#sizes, this.#virtual, this.#viewport, o.lanes, this.#prepended, count);
    o.list.setWindow({ start, end, direction: this.#speed.direction, velocity: this.#velocity() });
  }
}
