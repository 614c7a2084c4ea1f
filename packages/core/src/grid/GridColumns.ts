import { elementScrollTarget, type ScrollTarget } from '../env/scrollTarget.ts';
import { optionError } from '../options.ts';
import { Subscribable } from '../subscribable.ts';
import { SizeIndex } from '../virtual/sizeIndex.ts';
import { type GridColumnOptions, type ResolvedColumnOptions, resolveColumnOptions } from './columnOptions.ts';
import { type ColumnWindow, columnWindow } from './columnWindow.ts';

/** Columns per block of the width index: small, so every block is exact after `#exact()`. */
const BLOCK = 32;

/**
 * Where `scrollToColumn` puts a column: `'auto'` scrolls only as far as needed.
 *
 * @example
 * const align: ColumnAlign = 'center';
 * columns.scrollToColumn(500, align);
 */
export type ColumnAlign = 'start' | 'center' | 'end' | 'auto';

/**
 * The horizontal half of a two-dimensional grid: column widths (estimated, then measured),
 * pinned columns and the columns to render at the element's `scrollLeft`. Rows stay the
 * virtual list's (`createVirtualList` / `useLazyList`), which scrolls the same element
 * vertically, so the 100,000,000-row scale and the zero-jitter anchor are unchanged in a grid.
 * Pinned columns are rendered with `position: sticky` (see docs/grid.md), which the browser
 * moves on the compositor: they never lag behind a fast horizontal scroll.
 *
 * @example
 * const columns = createGridColumns({ count: 1_000, estimateWidth: 120, pinnedStart: 1 }, scroller);
 * const stop = columns.subscribe(() => renderHeader(columns.getSnapshot().columns));
 * columns.scrollToColumn(500, 'center');
 */
export class GridColumns extends Subscribable {
  #o: ResolvedColumnOptions;
  readonly #sizes: SizeIndex;
  readonly #element: HTMLElement | null | (() => HTMLElement | null);
  #target: ScrollTarget | null = null;
  #unobserve: (() => void) | undefined;
  #snapshot: ColumnWindow;
  #measured = new Map<Element, number>();
  #observer: ResizeObserver | null = null;
  /** The snapshot listeners were last told of: a scroll's read may change `#snapshot` before they hear. */
  #notified: ColumnWindow;
  /**
   * The scroller's `scrollLeft` and width at the last read: on a scroll (capture phase), a
   * resize and the first subscriber. `setOptions` and measured widths lay out from it: a hook
   * pushes options after its commit, when reading the element would force a layout.
   */
  #view = { offset: 0, viewport: 0 };

  /** `element`: the scroller, or a function returning it (looked up at the first subscriber, after mount). */
  constructor(options: GridColumnOptions, element: HTMLElement | null | (() => HTMLElement | null)) {
    super();
    this.#o = resolveColumnOptions(options);
    this.#sizes = new SizeIndex({ estimate: (column) => this.#o.estimateWidth(column), blockSize: BLOCK });
    this.#element = element;
    this.#exact();
    this.#snapshot = this.#build();
    this.#notified = this.#snapshot;
  }

  /** The columns to render; the same object until one of them or a width changed. */
  readonly getSnapshot = (): ColumnWindow => this.#snapshot;

  /**
   * New options in place (count, estimates, pinned columns, overscan). A measured width stays
   * while its column's estimate stays: a header cell takes its width from `column.size`, so
   * measuring it gives back the width it was given, and a new estimate for that column (the app
   * resized or moved it) would never show if the measurement outlived it.
   */
  setOptions(options: GridColumnOptions): void {
    const before = this.#o;
    this.#o = resolveColumnOptions(options);
    const { count, estimateWidth } = this.#o;
    for (const [column] of this.#sizes.measuredIn(0, Math.max(before.count, count)))
      if (column >= count || before.estimateWidth(column) !== estimateWidth(column))
        this.#sizes.forget(column);
    this.#sizes.resetEstimates(); // a few thousand columns at most: summed again at once
    this.#exact();
    this.#update();
  }

  /** How many columns the grid has (the `count` option). */
  get count(): number {
    return this.#o.count;
  }

  /** Width of `column` now: measured, or estimated. */
  widthOf(column: number): number {
    return this.#sizes.size(column);
  }

  /**
   * Callback ref for an element whose width is its column's width (a header cell with
   * `data-column={index}`): measured now and whenever it resizes.
   */
  readonly measureElement = (element: Element | null): void => {
    if (element === null) {
      this.#forgetLeft();
      return;
    }
    if (typeof ResizeObserver === 'undefined') return;
    const column = Number((element as HTMLElement).dataset?.column);
    if (!Number.isInteger(column)) return;
    this.#measured.set(element, column);
    this.#observer ??= new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const index = this.#measured.get(entry.target);
        // A cell of a column the grid no longer has (a header left from a larger count): its
        // width would be kept for a column added later, and the size index asks the app's
        // estimate for a column out of range (an exception in this callback, the batch lost).
        if (index === undefined || index < 0 || index >= this.#o.count) continue;
        if (!entry.target.isConnected) {
          this.#measured.delete(entry.target);
          this.#observer?.unobserve(entry.target);
          continue;
        }
        const width = entry.borderBoxSize?.[0]?.inlineSize ?? entry.target.getBoundingClientRect().width;
        if (this.#sizes.setSize(index, width) !== 0) changed = true;
      }
      if (changed) this.#update();
    });
    this.#observer.observe(element);
  };

  #sweeping = false;

  /**
   * A header cell left (its ref got null): cells no longer in the document are unobserved after
   * the commit that removed them. Still observed, each would report its 0 size to a later
   * delivery of the frame, and Chromium logs "ResizeObserver loop completed with undelivered
   * notifications" (a grid narrowed, its columns window shrinking).
   */
  #forgetLeft(): void {
    if (this.#sweeping) return;
    this.#sweeping = true;
    queueMicrotask(() => {
      this.#sweeping = false;
      for (const element of this.#measured.keys()) {
        if (element.isConnected) continue;
        this.#measured.delete(element);
        this.#observer?.unobserve(element);
      }
    });
  }

  /** Scrolls sideways so `column` is in view between the pinned columns. */
  scrollToColumn(column: number, align: ColumnAlign = 'auto'): void {
    const { count, pinnedStart, pinnedEnd } = this.#o;
    if (!Number.isInteger(column) || column < 0 || column >= count)
      throw optionError('scrollToColumn', 'column', `an integer from 0 to ${count - 1}`, column);
    const target = this.#target;
    if (target === null || column < pinnedStart || column >= count - pinnedEnd) return;
    const { pinnedStartWidth, pinnedEndWidth } = this.#snapshot;
    const free = Math.max(0, target.viewport() - pinnedStartWidth - pinnedEndWidth);
    const start = this.#sizes.start(column) - pinnedStartWidth;
    const size = this.#sizes.size(column);
    const offset = target.offset();
    let next = offset;
    if (align === 'start') next = start;
    else if (align === 'end') next = start + size - free;
    else if (align === 'center') next = start + size / 2 - free / 2;
    else if (start < offset) next = start;
    else if (start + size > offset + free) next = start + size - free;
    if (next !== offset) target.scrollTo(Math.max(0, next));
  }

  /** Stops listening to the element and forgets measured elements. */
  destroy(): void {
    this.#unobserve?.();
    this.#unobserve = undefined;
    this.#observer?.disconnect();
    this.#observer = null;
    this.#measured.clear();
    this.clearListeners();
  }

  protected override onSubscribe(): void {
    if (this.#target === null) {
      const element = typeof this.#element === 'function' ? this.#element() : this.#element;
      if (element !== null) this.#target = elementScrollTarget(element, { horizontal: true });
    }
    const target = this.#target;
    // The rows' list listens to the same element's scroll events, and a framework renders its
    // rows in the microtask after that listener: reading `scrollLeft` in a listener after it
    // forced a layout per scroll event (issue #19 item 7). The offset is read in the capture
    // phase, which runs first at the target, with the layout still clean; the new window goes
    // into the snapshot there, so a render the rows start already shows it, and listeners hear
    // of it in the bubble phase (a horizontal scroll alone renders then).
    const element = target?.element ?? null;
    const read = () => {
      this.#read();
      const next = this.#build();
      if (!sameWindow(next, this.#snapshot)) this.#snapshot = next;
    };
    element?.addEventListener('scroll', read, { passive: true, capture: true });
    const stop = target?.observe({
      scroll: () => (element === null ? this.#update(true) : this.#publish()),
      resize: () => this.#update(true),
      drag: () => {},
    });
    this.#unobserve = () => {
      element?.removeEventListener('scroll', read, { capture: true });
      stop?.();
    };
    this.#update(true);
  }

  protected override onUnsubscribe(): void {
    this.#unobserve?.();
    this.#unobserve = undefined;
  }

  /** Widths vary by column: every block is summed exactly, so `totalWidth` is the real width. */
  #exact(): void {
    const { count } = this.#o;
    this.#sizes.setDomain(0, count);
    for (let column = 0; column < count; column += BLOCK) this.#sizes.start(column + 1);
  }

  #build(): ColumnWindow {
    return columnWindow(this.#sizes, this.#o, this.#view);
  }

  /** Reads the scroller's offset and width (a layout read). */
  #read(): void {
    const target = this.#target;
    if (target !== null) this.#view = { offset: target.offset(), viewport: target.viewport() };
  }

  /** Lays the columns out again (`read`: from the scroller's offset and width now) and tells listeners. */
  #update(read = false): void {
    if (read) this.#read();
    const next = this.#build();
    if (!sameWindow(next, this.#snapshot)) this.#snapshot = next;
    this.#publish();
  }

  /** Tells listeners of a snapshot they have not heard of. */
  #publish(): void {
    if (this.#notified === this.#snapshot) return;
    this.#notified = this.#snapshot;
    this.notify();
  }
}

function sameWindow(a: ColumnWindow, b: ColumnWindow): boolean {
  if (a.totalWidth !== b.totalWidth || a.viewport !== b.viewport || a.columns.length !== b.columns.length)
    return false;
  return a.columns.every((column, at) => {
    const other = b.columns[at];
    return (
      other !== undefined &&
      column.index === other.index &&
      column.start === other.start &&
      column.size === other.size &&
      column.pinOffset === other.pinOffset
    );
  });
}

/**
 * The columns of a grid over `element` (its horizontal scroll and width); see {@link GridColumns}.
 * Bad options throw a TypeError naming the option.
 *
 * @example
 * const columns = createGridColumns({ count: 1_000, estimateWidth: (c) => (c === 0 ? 200 : 120), pinnedStart: 1 }, scroller);
 * columns.subscribe(() => paint(columns.getSnapshot()));
 */
export function createGridColumns(
  options: GridColumnOptions,
  element: HTMLElement | null | (() => HTMLElement | null),
): GridColumns {
  return new GridColumns(options, element);
}
