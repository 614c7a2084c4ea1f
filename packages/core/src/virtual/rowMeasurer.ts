import type { SizeIndex } from './sizeIndex.ts';

/** Options of a {@link RowMeasurer}. */
export interface RowMeasurerOptions {
  readonly sizes: SizeIndex;
  readonly horizontal: boolean;
  /** Items per row: a row takes its tallest item's size. */
  readonly lanes: number;
  /** Some row's size changed (called at most once per batch). */
  readonly onChange: () => void;
  /**
   * Measures an item some other way than "a row takes its tallest item" (masonry packs items
   * per lane into its rows): returns whether anything moved. Default: the tallest item.
   */
  readonly itemSize?: (key: number, size: number, sizes: SizeIndex) => boolean;
  /**
   * The key of the item at list index `index` now (index minus the items prepended). With it, a
   * row element kept by its item key (`getItemKey`) whose `data-index` changes (items inserted
   * above it) is measured again at its new index: a size stays with its item, not its old index.
   */
  readonly keyOfIndex?: (index: number) => number;
}

/**
 * Measures rendered rows into a {@link SizeIndex} from a ResizeObserver: a row's first
 * notification comes after the frame's layout and before its paint, so a new row is measured
 * (and the anchor corrected) before it is seen, without reading its box from script, which would
 * force a layout in every frame of a scroll (issue #16). Only new rows and rows that changed size
 * are reported. Observing from inside the observer's own callback (rows a relayout there adds)
 * would make Chromium log "ResizeObserver loop completed with undelivered notifications": those
 * rows are read once in a microtask (one forced layout for the batch) and observed a frame later;
 * so are all rows where there is no ResizeObserver.
 *
 * @example
 * const measurer = new RowMeasurer({ sizes, horizontal: false, lanes: 1, onChange: relayout });
 * const stop = measurer.attach(rowElement, rowKey);
 */
export class RowMeasurer {
  #o: RowMeasurerOptions;
  readonly #keys = new WeakMap<Element, number>();
  /** Rows attached and not stopped: measured again when rows are regrouped (`retarget`). */
  readonly #attached = new Set<Element>();
  readonly #laneSizes = new Map<number, number>();
  #observer: ResizeObserver | null = null;
  #inResize = false;
  #unmeasured: Element[] = [];
  /** Watches attached rows' `data-index` (only with `keyOfIndex`): a kept element at another index. */
  #moves: MutationObserver | null = null;
  /** Containers `#moves` watches (their subtree): one `observe` per container, not one per row. */
  #watched = new WeakSet<Node>();

  constructor(options: RowMeasurerOptions) {
    this.#o = options;
  }

  /** Starts measuring the element of item `key`; returns the function that stops. */
  attach(element: Element, key: number, above = false): () => void {
    this.#keys.set(element, key);
    // React 18 never calls the returned cleanup (refs get null instead): forget rows that left.
    if (this.#attached.size >= 512)
      for (const row of this.#attached) if (!row.isConnected) this.#attached.delete(row);
    this.#attached.add(element);
    this.#watchIndex(element);
    const observer = this.#resizeObserver();
    if (observer === null) this.#measureSoon(element);
    else if (this.#inResize) {
      this.#measureSoon(element);
      requestAnimationFrame(() => element.isConnected && observer.observe(element));
    } else {
      // A row above the one the user reads moves it when its size differs from the estimate: it
      // is read at once (one layout for the commit's batch), so the anchor is corrected before
      // anything else runs in this frame (a page's own scroll in requestAnimationFrame, say).
      if (above) this.#measureSoon(element);
      observer.observe(element); // its first notification, before this frame's paint, measures it
    }
    return () => {
      this.#attached.delete(element);
      observer?.unobserve(element);
    };
  }

  /** Measures into other sizes with another number of lanes (a list regrouped): every attached row again. */
  retarget(sizes: SizeIndex, lanes: number): void {
    this.#o = { ...this.#o, sizes, lanes };
    this.#laneSizes.clear();
    for (const element of this.#attached) {
      if (element.isConnected) this.#measureSoon(element);
      else this.#attached.delete(element);
    }
  }

  /** Stops observing every row. */
  disconnect(): void {
    this.#attached.clear();
    this.#moves?.disconnect();
    this.#moves = null;
    this.#watched = new WeakSet();
    this.#observer?.disconnect();
    this.#observer = null;
  }

  /**
   * A row element React (or any keyed renderer) keeps for its item gets a new `data-index` when
   * items are inserted or removed above it, without a new ref call or a resize: its key is
   * updated and it is measured at its new index (the size there was another item's, or an estimate).
   * The row's container is watched (its subtree, `data-index` only), once: observing each new row
   * cost a `MutationObserver.observe` per row in every frame of a scroll (issue #16 item 2).
   */
  #watchIndex(element: Element): void {
    const keyOfIndex = this.#o.keyOfIndex;
    if (keyOfIndex === undefined || typeof MutationObserver === 'undefined') return;
    this.#moves ??= new MutationObserver((records) => {
      for (const record of records) {
        const row = record.target as Element;
        if (!this.#attached.has(row) || !row.isConnected) continue;
        const index = Number(row.getAttribute('data-index'));
        if (!Number.isInteger(index)) continue;
        const key = keyOfIndex(index);
        if (this.#keys.get(row) === key) continue;
        this.#keys.set(row, key);
        this.#measureSoon(row);
      }
    });
    // Attributes of rows only: nested elements with a data-index of their own are not attached.
    const container = element.parentNode ?? element;
    if (this.#watched.has(container)) return;
    this.#watched.add(container);
    this.#moves.observe(container, { attributes: true, attributeFilter: ['data-index'], subtree: true });
  }

  #resizeObserver(): ResizeObserver | null {
    if (this.#observer === null && typeof ResizeObserver !== 'undefined') {
      this.#observer = new ResizeObserver((entries) => this.#onResize(entries));
    }
    return this.#observer;
  }

  #onResize(entries: readonly ResizeObserverEntry[]): void {
    const horizontal = this.#o.horizontal;
    let changed = false;
    for (const entry of entries) {
      const element = entry.target;
      const key = this.#keys.get(element);
      if (!element.isConnected || key === undefined) {
        this.#observer?.unobserve(element);
        continue;
      }
      const box = entry.borderBoxSize?.[0];
      const size =
        box === undefined
          ? entry.contentRect[horizontal ? 'width' : 'height']
          : horizontal
            ? box.inlineSize
            : box.blockSize;
      if (size > 0 && this.#setItemSize(key, size)) changed = true;
    }
    if (!changed) return;
    this.#enterResize();
    this.#o.onChange();
  }

  /**
   * The relayout about to run (microtasks, a framework's render among them) runs inside this
   * rendering step, where rows it adds must not be observed yet; tasks run only after it.
   */
  #enterResize(): void {
    if (this.#inResize) return;
    this.#inResize = true;
    setTimeout(() => {
      this.#inResize = false;
    }, 0);
  }

  #measureSoon(element: Element): void {
    this.#unmeasured.push(element);
    if (this.#unmeasured.length > 1) return;
    queueMicrotask(() => {
      const elements = this.#unmeasured;
      this.#unmeasured = [];
      let changed = false;
      for (const row of elements) {
        const key = this.#keys.get(row);
        if (key === undefined || !row.isConnected) continue;
        const rect = row.getBoundingClientRect();
        const size = this.#o.horizontal ? rect.width : rect.height;
        if (size > 0 && this.#setItemSize(key, size)) changed = true;
      }
      if (changed) this.#o.onChange();
    });
  }

  #setItemSize(key: number, size: number): boolean {
    const { lanes, sizes, itemSize } = this.#o;
    if (itemSize !== undefined) return itemSize(key, size, sizes);
    if (lanes === 1) return sizes.setSize(key, size) !== 0;
    this.#laneSizes.set(key, size);
    const row = Math.floor(key / lanes);
    let rowSize = 0;
    for (let k = row * lanes; k < (row + 1) * lanes; k++)
      rowSize = Math.max(rowSize, this.#laneSizes.get(k) ?? 0);
    return sizes.setSize(row, rowSize) !== 0;
  }
}
