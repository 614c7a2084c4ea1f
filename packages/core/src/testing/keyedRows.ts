import type { VirtualList } from '../virtual/VirtualList.ts';
import { cleanups } from './virtualFixtures.ts';

/**
 * Renders a view's rows into `container` the way a keyed framework would: one absolutely placed
 * div per row key (kept while the key stays, so an item's element moves with it), placed at the
 * row's start, showing its item's `id` and as tall as `heightOf(id)` says (`id` is '' while the
 * row is not loaded), measured by the view. Returns the render function: call it on every
 * snapshot. The view's `destroy()` stops the measuring.
 *
 * @example
 * const render = keyedRows(view, container, (id) => (id === '' ? 150 : 36));
 * const unsubscribe = view.subscribe(render);
 * render();
 */
function keyedRows<T extends { readonly id: string }>(
  view: VirtualList<T>,
  container: HTMLElement,
  heightOf: (id: string) => number,
): () => void {
  const elements = new Map<string | number, HTMLElement>();
  const stops = new Map<HTMLElement, () => void>();
  const render = () => {
    const snapshot = view.getSnapshot();
    container.style.height = `${snapshot.totalSize}px`;
    const seen = new Set<string | number>();
    for (const row of snapshot.rows) {
      seen.add(row.key);
      let element = elements.get(row.key);
      if (element === undefined) {
        element = document.createElement('div');
        Object.assign(element.style, { position: 'absolute', top: '0', left: '0', width: '100%' });
        elements.set(row.key, element);
        container.append(element);
        element.dataset.index = String(row.index);
        const stop = view.measureElement(element);
        if (stop) stops.set(element, stop);
      }
      element.dataset.index = String(row.index);
      element.style.transform = `translateY(${row.start}px)`;
      const id = row.state.status === 'loaded' ? row.state.item.id : '';
      element.style.height = `${heightOf(id)}px`;
      element.textContent = id;
    }
    for (const [key, element] of elements) {
      if (seen.has(key)) continue;
      stops.get(element)?.();
      element.remove();
      elements.delete(key);
    }
  };
  return render;
}

/** Where the rows `showKeyedRows` renders are: by the item `id` they show. */
export interface KeyedRowsOnScreen {
  /** The y of the row showing `id` in the viewport, or undefined when it is not rendered. */
  top(id: string): number | undefined;
  /** The element of the row showing `id`, or undefined. */
  element(id: string): HTMLElement | undefined;
}

/**
 * Renders `view` into `container` with `keyedRows` on every snapshot, and queues the teardown in
 * `cleanups` (virtualFixtures): the listener, the view, the `added` elements the test put on the
 * page, and the window back at the top.
 *
 * @example
 * const rows = showKeyedRows(view, container, (id) => heights.get(id) ?? 36, [header, container, footer]);
 * rows.top('item-12'); // 240
 */
export function showKeyedRows<T extends { readonly id: string }>(
  view: VirtualList<T>,
  container: HTMLElement,
  heightOf: (id: string) => number,
  added: readonly Element[],
): KeyedRowsOnScreen {
  const render = keyedRows(view, container, heightOf);
  const unsubscribe = view.subscribe(render);
  render();
  cleanups.push(() => {
    unsubscribe();
    view.destroy();
    for (const element of added) element.remove();
    window.scrollTo({ top: 0, behavior: 'instant' });
  });
  const element = (id: string) =>
    [...container.children].find(
      (row): row is HTMLElement => row.textContent === id && row instanceof HTMLElement,
    );
  return { element, top: (id) => element(id)?.getBoundingClientRect().top };
}
