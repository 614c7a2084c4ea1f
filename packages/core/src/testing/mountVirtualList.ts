// Test support (excluded from the build): renders a virtual list into real DOM the way a
// plain-DOM app would, so browser tests can scroll it and read pixels.
import { createVirtualList } from '../virtual/createVirtualList.ts';
import type { VirtualList } from '../virtual/VirtualList.ts';
import type { VirtualListOptions } from '../virtual/virtualListOptions.ts';
import type { VirtualRow } from '../virtual/virtualSnapshot.ts';

export interface MountOptions<T> extends Omit<VirtualListOptions<T>, 'scrollElement'> {
  /** Viewport size along the axis, px. Default 600. */
  viewport?: number;
  /** Rendered size of a row; default: the row's `size` (fixed rows). */
  rowSize?: (row: VirtualRow<T>) => number;
  text?: (item: T) => string;
  /** Call `measureElement` on new rows (default true); false: rows of a known size, never measured. */
  measure?: boolean;
}

export interface MountedList<T> {
  readonly view: VirtualList<T>;
  readonly viewport: HTMLDivElement;
  readonly spacer: HTMLDivElement;
  /** The rendered element of an item, if any. */
  element(index: number): HTMLElement | undefined;
  /** Offset of an item's element from the viewport's start edge, px. */
  position(index: number): number | undefined;
  /** Items whose element intersects the viewport, in order. */
  visible(): number[];
  unmount(): void;
}

/**
 * Mounts a virtual list in a fixed-size scrolling div appended to the document.
 *
 * @example
 * const mounted = mountVirtualList({ list, estimateSize: () => 36 });
 */
export function mountVirtualList<T>(options: MountOptions<T>): MountedList<T> {
  const horizontal = options.horizontal === true;
  const viewport = document.createElement('div');
  const spacer = document.createElement('div');
  const size = options.viewport ?? 600;
  Object.assign(viewport.style, {
    position: 'relative',
    overflow: 'auto',
    [horizontal ? 'width' : 'height']: `${size}px`,
    [horizontal ? 'height' : 'width']: '400px',
  });
  spacer.style.position = 'relative';
  viewport.append(spacer);
  document.body.append(viewport);
  const view = createVirtualList({ ...options, scrollElement: viewport });
  const elements = new Map<string | number, HTMLElement>();
  // measureElement's cleanup, called when a row leaves the DOM (as React calls a ref's cleanup).
  const stops = new Map<HTMLElement, () => void>();
  const lanes = options.lanes ?? 1;
  const render = () => {
    const snapshot = view.getSnapshot();
    spacer.style[horizontal ? 'width' : 'height'] = `${snapshot.totalSize}px`;
    const seen = new Set<string | number>();
    for (const row of snapshot.rows) {
      seen.add(row.key);
      let element = elements.get(row.key);
      const fresh = element === undefined;
      if (element === undefined) {
        element = document.createElement('div');
        element.tabIndex = -1;
        Object.assign(element.style, { position: 'absolute', top: '0', left: '0', boxSizing: 'border-box' });
        elements.set(row.key, element);
        spacer.append(element);
      }
      element.dataset.index = String(row.index);
      element.style.transform = horizontal ? `translateX(${row.start}px)` : `translateY(${row.start}px)`;
      const cross = `${100 / lanes}%`;
      element.style[horizontal ? 'height' : 'width'] = cross;
      element.style[horizontal ? 'top' : 'left'] = `${(100 / lanes) * row.lane}%`;
      element.style[horizontal ? 'width' : 'height'] = `${options.rowSize?.(row) ?? row.size}px`;
      element.textContent =
        row.state.status === 'loaded' ? (options.text?.(row.state.item) ?? String(row.index)) : '…';
      element.dataset.state = row.state.status;
      if (fresh && options.measure !== false) {
        const stop = view.measureElement(element);
        if (stop) stops.set(element, stop);
      }
    }
    for (const [key, element] of elements) {
      if (!seen.has(key)) {
        stops.get(element)?.();
        stops.delete(element);
        element.remove();
        elements.delete(key);
      }
    }
  };
  const unsubscribe = view.subscribe(render);
  render();
  const edge = (rect: DOMRect) => (horizontal ? rect.left : rect.top);
  const extent = (rect: DOMRect) => (horizontal ? rect.right : rect.bottom);
  const byIndex = (index: number) =>
    spacer.querySelector<HTMLElement>(`[data-index="${index}"]`) ?? undefined;
  return {
    view,
    viewport,
    spacer,
    element: byIndex,
    position(index) {
      const element = byIndex(index);
      if (element === undefined) return undefined;
      return edge(element.getBoundingClientRect()) - edge(viewport.getBoundingClientRect());
    },
    visible() {
      const box = viewport.getBoundingClientRect();
      return [...spacer.children]
        .filter((child) => {
          const rect = child.getBoundingClientRect();
          return extent(rect) > edge(box) + 0.5 && edge(rect) < extent(box) - 0.5;
        })
        .map((child) => Number((child as HTMLElement).dataset.index))
        .sort((a, b) => a - b);
    },
    unmount() {
      unsubscribe();
      view.destroy();
      viewport.remove();
    },
  };
}

/** Resolves after `n` animation frames (layout, ResizeObserver and scroll events have run). */
export async function frames(n = 2): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
}

/** The first task after this frame's rendering (its paint): a page that scrolls in rAF looks here. */
export function afterPaint(): Promise<void> {
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/** Waits until `read()` has not moved for 10 frames (a smooth wheel or scroll ended); its last value. */
export async function settled(read: () => number): Promise<number> {
  let last = read();
  let still = 0;
  while (still < 10) {
    await frames(1);
    const now = read();
    still = Math.abs(now - last) < 0.5 ? still + 1 : 0;
    last = now;
  }
  return last;
}
