import { VirtualList } from './VirtualList.ts';
import { resolveVirtualListOptions, type VirtualListOptions } from './virtualListOptions.ts';

/**
 * Virtualizes a lazy list in a scrolling element (or the window): computes which rows to
 * render and where, measures them, sets the list's window from the scroll position and
 * speed, and maps lists taller than the browser's maximum element size. Framework-free;
 * `useLazyList` in `@lazyflow/react` is a thin hook over it.
 *
 * @example
 * const list = createLazyList({ key: ['log'], source: offsetSource({ pageSize: 100, fetchPage }) });
 * const view = createVirtualList({ list, scrollElement: viewport, estimateSize: () => 36 });
 * view.subscribe(() => {
 *   const { rows, totalSize } = view.getSnapshot();
 *   spacer.style.height = `${totalSize}px`;
 *   spacer.replaceChildren(...rows.map((row) => renderRow(row, view.measureElement)));
 * });
 */
export function createVirtualList<T>(options: VirtualListOptions<T>): VirtualList<T> {
  return new VirtualList(resolveVirtualListOptions(options), options);
}
