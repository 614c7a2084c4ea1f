import { layoutFor } from '../paging/layoutFor.ts';
import { LazyList } from './LazyList.ts';
import { type LazyListOptions, resolveLazyListOptions } from './lazyListOptions.ts';

/**
 * Creates a lazy list: a sparse, byte-bounded view of a dataset far larger than memory,
 * fetched page by page around a window. Work starts with the first subscriber.
 *
 * @example
 * const list = createLazyList<User>({
 *   key: ['users'],
 *   source: offsetSource({ pageSize: 100, fetchPage: ({ offset, limit, signal }) => api.users(offset, limit, signal) }),
 *   prefetch: 2,
 *   memory: { maxBytes: 50_000_000 },
 * });
 * const unsubscribe = list.subscribe(() => render(list.getSnapshot()));
 * list.setWindow({ start: 500_000, end: 500_040, direction: 'forward', velocity: 0 });
 */
export function createLazyList<T>(options: LazyListOptions<T>): LazyList<T> {
  const resolved = resolveLazyListOptions(options);
  return new LazyList(resolved, layoutFor(resolved.source), options);
}
