import type { OffsetPage, OffsetSource } from '../sources/source.ts';
import { type EditRope, ropeSlice, ropeTotal } from '../store/editRope.ts';

/**
 * The server's total as far as the list knows it (`total`), kept by the write engine for the
 * writes of one `epoch` of a dataset: a page holding only local items asks the server nothing,
 * and still carries the display count (decision 0046).
 */
export interface KnownTotal {
  epoch: number;
  total?: number;
}

/**
 * Fetches offset page `page` while local writes are pending: the server runs it covers are asked
 * in one request by the offsets the server knows (`loadSpan`), and local items are put in place.
 * The total is the display count: from the server's answer, else from `known` (which an answer
 * with a total updates).
 */
export async function loadThroughRope<T>(
  source: OffsetSource<T>,
  rope: EditRope<T>,
  page: number,
  signal: AbortSignal,
  known?: KnownTotal,
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
  if (known !== undefined && fetched.total !== undefined) known.total = fetched.total;
  const server = fetched.total ?? known?.total;
  const total = server === undefined ? undefined : ropeTotal(rope, server);
  return total === undefined ? { items } : { items, total };
}

/**
 * The server total that makes `rope` show `count` items: the server offset just past the last
 * server item counted (server items cut out after it change nothing, any of those ends fits).
 *
 * @example
 * serverTotalOf(ropeInsert(serverRope(), 0, ['new']), 6); // 5
 */
export function serverTotalOf<T>(rope: EditRope<T>, count: number): number {
  let left = count;
  for (const segment of rope) if (segment.kind === 'local') left -= segment.items.length;
  for (const segment of rope) {
    if (segment.kind !== 'server') continue;
    if (left <= segment.length) return Math.max(0, segment.start + left);
    left -= segment.length;
  }
  return 0; // not reached: the last server run is endless
}
