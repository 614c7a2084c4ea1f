// The sources `autoSource` pages with once its probe decided. Each serves the probe's items
// again instead of fetching them twice (until a refresh, after which they may be stale).
import { PageShapeError } from '../errors.ts';
import { autoPageSize } from './autoPageSize.ts';
import { type AutoProbe, getJson, type ResolvedAutoSourceOptions, withParams } from './autoSource.ts';
import type { Cursor } from './cursor.ts';
import { cursorSource } from './cursorSource.ts';
import { eagerSource } from './eagerSource.ts';
import type { FetchPriority } from './fetchPriority.ts';
import { offsetSource } from './offsetSource.ts';
import type { CursorSource, OffsetPage, OffsetSource } from './source.ts';

const isCursor = (value: unknown): value is Cursor | null =>
  value === null || typeof value === 'string' || typeof value === 'number';

function sizing<T>(o: ResolvedAutoSourceOptions<T>) {
  const { targetPageBytes, minPageSize, maxPageSize, initialPageSize, itemBytes } = o;
  return { targetPageBytes, minPageSize, maxPageSize, initialPageSize, itemBytes };
}

/** `GET url?offset&limit` → `{ items, total? }`. */
async function fetchOffset<T>(
  o: ResolvedAutoSourceOptions<T>,
  offset: number,
  limit: number,
  signal: AbortSignal,
  priority: FetchPriority,
): Promise<OffsetPage<T>> {
  const { body } = await getJson(o.fetch, withParams(o.url, { offset, limit }), signal, priority);
  if (typeof body !== 'object' || body === null || !('items' in body) || !Array.isArray(body.items)) {
    throw new PageShapeError(
      'autoSource',
      Math.floor(offset / limit),
      'offset response',
      '{ items: unknown[], total?: number }',
      body,
    );
  }
  const total = 'total' in body && typeof body.total === 'number' ? body.total : undefined;
  return { items: body.items as readonly T[], total };
}

/** An offset source over the endpoint whose first items come from the probe. */
function offsetWithProbe<T>(o: ResolvedAutoSourceOptions<T>, probe: AutoProbe<T>, streamed = false) {
  let prefix = probe.items;
  // A probe shorter than asked ended the dataset: its length is the total.
  const ended = probe.items.length < o.probeSize;
  // A streamed list's count grows by append only: a page fetched again must not set it.
  const known = (total: number | undefined) => (streamed ? undefined : total);
  const total = known(probe.facts.total ?? (ended ? probe.items.length : undefined));
  const source = offsetSource<T>({
    ...sizing(o),
    // autoSource's own 'auto' (its default): the offset source's sizing import (decision 0068).
    pageSize: o.pageSize === 'auto' ? autoPageSize : o.pageSize,
    ...(streamed && { initialCount: probe.items.length }),
    fetchPage: async ({ offset, limit, signal, priority }) => {
      const head = prefix.slice(offset, offset + limit);
      if (head.length === limit || (ended && offset < prefix.length)) return { items: head, total };
      const rest = await fetchOffset(o, offset + head.length, limit - head.length, signal, priority);
      const items = head.length === 0 ? rest.items : [...head, ...rest.items];
      return { items, total: known(rest.total) ?? total };
    },
  });
  return {
    ...source,
    reset() {
      prefix = [];
      source.reset?.();
    },
  };
}

/** Everything in one request (or none more, when the probe held it all). */
function eagerWithProbe<T>(o: ResolvedAutoSourceOptions<T>, probe: AutoProbe<T>): OffsetSource<T> {
  const { shape, total } = probe.facts;
  let kept: readonly T[] | undefined =
    shape === 'array' || probe.items.length >= (total ?? 0) ? probe.items : undefined;
  return eagerSource<T>(async () => {
    if (kept !== undefined) {
      const items = kept;
      kept = undefined; // a refresh asks the server again
      return items;
    }
    let items: readonly T[] = [];
    // A server that caps `limit` answers fewer than `total`: asked on from where it stopped.
    for (;;) {
      const offset = items.length;
      const url =
        shape === 'array'
          ? withParams(o.url, { offset: 0, limit: o.probeSize })
          : withParams(o.url, { offset, limit: (total ?? 0) - offset });
      const { body } = await getJson(o.fetch, url, new AbortController().signal);
      if (Array.isArray(body)) return body as readonly T[];
      if (typeof body !== 'object' || body === null || !('items' in body) || !Array.isArray(body.items))
        throw new PageShapeError('autoSource', 0, 'eager response', 'an array or { items: unknown[] }', body);
      items = offset === 0 ? body.items : [...items, ...body.items];
      if (body.items.length === 0 || items.length >= (total ?? 0)) return items;
    }
  });
}

/** Cursor paging whose first page is the probe's. */
function cursorWithProbe<T>(o: ResolvedAutoSourceOptions<T>, probe: AutoProbe<T>): CursorSource<T> {
  let first: AutoProbe<T> | undefined = probe;
  return cursorSource<T>({
    ...sizing(o),
    pageSize: o.pageSize,
    fetchPage: async ({ cursor, limit, signal, priority }) => {
      if (cursor === null && first !== undefined) {
        const { items, nextCursor } = first;
        first = undefined;
        return { items, nextCursor, prevCursor: null };
      }
      const params: Record<string, string | number> = { limit };
      if (cursor !== null) params.cursor = cursor;
      const { body } = await getJson(o.fetch, withParams(o.url, params), signal, priority);
      const expected = '{ items: unknown[], nextCursor: string | number | null }';
      if (typeof body !== 'object' || body === null || !('items' in body) || !Array.isArray(body.items)) {
        throw new PageShapeError('autoSource', 0, 'cursor response', expected, body);
      }
      const nextCursor = 'nextCursor' in body ? body.nextCursor : null;
      const prevCursor = 'prevCursor' in body ? body.prevCursor : null;
      if (!isCursor(nextCursor) || !isCursor(prevCursor))
        throw new PageShapeError('autoSource', 0, 'cursor response', expected, body);
      return { items: body.items as readonly T[], nextCursor, prevCursor };
    },
  });
}

/**
 * The source a list pages with for `probe`'s strategy. For `stream` it is an offset source
 * that starts with the probe's items (`initialCount`, served from the probe) and grows by
 * `append` as the stream reads on after them; pages evicted under the memory budget are fetched
 * again by offset.
 *
 * @example
 * const inner = sourceForStrategy(source.options, await source.probe(signal));
 */
export function sourceForStrategy<T>(
  o: ResolvedAutoSourceOptions<T>,
  probe: AutoProbe<T>,
): OffsetSource<T> | CursorSource<T> {
  switch (probe.choice.strategy) {
    case 'eager':
      return eagerWithProbe(o, probe);
    case 'cursor':
      return cursorWithProbe(o, probe);
    case 'offset':
      return offsetWithProbe(o, probe);
    case 'stream':
      return offsetWithProbe(o, probe, true);
  }
}
