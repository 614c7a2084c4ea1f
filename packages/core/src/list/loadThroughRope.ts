import type { OffsetPage, OffsetSource } from '../sources/source.ts';
import { type EditRope, ropeSlice, ropeTotal } from '../store/editRope.ts';

/**
 * Fetches offset page `page` while local writes are pending: the server runs it covers are asked
 * in one request by the offsets the server knows (`loadSpan`), and local items are put in place.
 * The total is the display count.
 */
export async function loadThroughRope<T>(
  source: OffsetSource<T>,
  rope: EditRope<T>,
  page: number,
  signal: AbortSignal,
): Promise<OffsetPage<T>> {
  const size = source.pageSize;
  const segments = ropeSlice(rope, page * size, (page + 1) * size);
  let from = Number.POSITIVE_INFINITY;
  let to = 0;
  for (const segment of segments) {
    if (segment.kind !== 'server') continue;
    from = Math.min(from, segment.start);
    to = Math.max(to, segment.start + segment.length);
  }
  const fetched =
    to > from && source.loadSpan !== undefined
      ? await source.loadSpan({ offset: from, limit: to - from, signal })
      : { items: [] as readonly T[], total: undefined };
  const items: T[] = [];
  for (const segment of segments) {
    if (segment.kind === 'local') items.push(...segment.items);
    else items.push(...fetched.items.slice(segment.start - from, segment.start - from + segment.length));
  }
  const total = fetched.total === undefined ? undefined : ropeTotal(rope, fetched.total);
  return total === undefined ? { items } : { items, total };
}
