import { parseOffsetPage } from './offsetSource.ts';
import type { LazyListSource } from './source.ts';

/**
 * Whether `data` (read back from a cache, or written into the QueryClient by the app) has the
 * shape the source's pages have; anything else is a corrupted entry, dropped and refetched.
 *
 * @example
 * isPageData('offset', { items: [1, 2], total: 2 }); // true
 * isPageData('cursor', { items: [] }); // false (no cursors)
 */
export function isPageData(kind: LazyListSource<unknown>['kind'], data: unknown): boolean {
  if (kind === 'offset') return isOffsetPage(data);
  if (typeof data !== 'object' || data === null || !('items' in data) || !Array.isArray(data.items))
    return false;
  if (kind === 'range') return true;
  const isCursor = (value: unknown) =>
    value === null || typeof value === 'string' || typeof value === 'number';
  return (
    'nextCursor' in data && isCursor(data.nextCursor) && 'prevCursor' in data && isCursor(data.prevCursor)
  );
}

/**
 * Whether `data` is an offset page (`{ items, total?, version? }`), as {@link isPageData} for
 * `'offset'`; the offset layout's own check.
 *
 * @example
 * isOffsetPage({ items: [1, 2], total: 2 }); // true
 */
export function isOffsetPage(data: unknown): boolean {
  try {
    parseOffsetPage(data, 'cache', 0);
    return true;
  } catch {
    return false;
  }
}
