import type { VirtualList } from '../virtual/VirtualList.ts';

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
export function keyedRows<T extends { readonly id: string }>(
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
