import type { SizeIndex } from './sizeIndex.ts';

/** Options of a {@link RowMeasurer}. */
export interface RowMeasurerOptions {
  readonly sizes: SizeIndex;
  readonly horizontal: boolean;
  /** Items per row: a row takes its tallest item's size. */
  readonly lanes: number;
  /** Some row's size changed (called at most once per batch). */
  readonly onChange: () => void;
}

/**
 * Measures rendered rows into a {@link SizeIndex}: one read of every row attached in a task,
 * after the renderer's writes (reading each as it is inserted would force a layout per row),
 * then a ResizeObserver for later changes. Observing from inside the observer's own callback
 * would make Chromium log "ResizeObserver loop completed with undelivered notifications", so
 * rows attached then are observed a frame later.
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

  constructor(options: RowMeasurerOptions) {
    this.#o = options;
  }

  /** Starts measuring the element of item `key`; returns the function that stops. */
  attach(element: Element, key: number): () => void {
    this.#keys.set(element, key);
    // React 18 never calls the returned cleanup (refs get null instead): forget rows that left.
    if (this.#attached.size >= 512)
      for (const row of this.#attached) if (!row.isConnected) this.#attached.delete(row);
    this.#attached.add(element);
    this.#measureSoon(element);
    const observer = this.#resizeObserver();
    if (observer !== null) {
      if (this.#inResize) requestAnimationFrame(() => element.isConnected && observer.observe(element));
      else observer.observe(element);
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
    this.#observer?.disconnect();
    this.#observer = null;
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
    this.#inResize = true;
    queueMicrotask(() => {
      this.#inResize = false;
    });
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
    if (changed) this.#o.onChange();
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
    const { lanes, sizes } = this.#o;
    if (lanes === 1) return sizes.setSize(key, size) !== 0;
    this.#laneSizes.set(key, size);
    const row = Math.floor(key / lanes);
    let rowSize = 0;
    for (let k = row * lanes; k < (row + 1) * lanes; k++)
      rowSize = Math.max(rowSize, this.#laneSizes.get(k) ?? 0);
    return sizes.setSize(row, rowSize) !== 0;
  }
}
