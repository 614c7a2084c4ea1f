// `offsetSource({ pageSize: autoPageSize })`'s request machinery, imported with the source's first
// page (a lazy chunk: a list with a fixed page size never loads it, issue #15 item 7).

import type { FetchPriority } from './fetchPriority.ts';
import { type FetchRange, OffsetBatcher } from './offsetBatcher.ts';
import { PageSizer, type ResolvedPageSizing } from './pageSizing.ts';
import type { OffsetPage } from './source.ts';

/** The sizer and the batcher of one auto-sized offset source. */
export interface AutoSizing<T> {
  /** Items the next request asks for. */
  size(): number;
  /** Storage page `page` (of `unit` items), from a batched request. */
  load(
    page: number,
    signal: AbortSignal,
    isLoaded?: (page: number) => boolean,
    priority?: FetchPriority,
  ): Promise<OffsetPage<T>>;
  /** Forgets kept responses and aborts running requests. */
  reset(): void;
}

/**
 * Storage pages of `unit` items served by an {@link OffsetBatcher} whose request size follows
 * the bytes per item `fetchRange`'s responses measure.
 *
 * @example
 * const sizing = autoSizing(resolvePageSizing('offsetSource', {}), 10, ({ offset, limit, signal }) => api(offset, limit, signal));
 * await sizing.load(0, signal); // one request for 100 items, the first 10 returned
 * sizing.size(); // adapted to the items' bytes
 */
export function autoSizing<T>(
  sizing: ResolvedPageSizing<T>,
  unit: number,
  fetchRange: FetchRange<T>,
): AutoSizing<T> {
  const sizer = new PageSizer(sizing, unit);
  const batcher = new OffsetBatcher<T>(
    unit,
    () => sizer.size / unit,
    async (range) => {
      const response = await fetchRange(range);
      sizer.observe(response.items);
      return response;
    },
  );
  return {
    size: () => sizer.size,
    load: (page, signal, isLoaded, priority) => batcher.load(page, signal, isLoaded, priority),
    reset: () => batcher.reset(),
  };
}
