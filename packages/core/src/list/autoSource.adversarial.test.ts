import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { autoSource } from '../paging/autoPaging.ts';
import type { AutoSourceOptions } from '../sources/autoSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

interface Row {
  id: number;
}

/**
 * A server of `total` rows answering `offset`/`limit` (or `cursor`/`limit`) with `{ items,
 * nextCursor }` (cursor) or `{ items }` only (open), and the dataset's bytes in `X-Total-Bytes`.
 */
function server(total: number, shape: 'cursor' | 'open') {
  const requests: string[] = [];
  const totalBytes = JSON.stringify(Array.from({ length: total }, (_, id) => ({ id }))).length;
  const fetch: NonNullable<AutoSourceOptions<Row>['fetch']> = async (url) => {
    requests.push(url.search);
    const start = Number(url.searchParams.get(shape === 'cursor' ? 'cursor' : 'offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) => ({
      id: start + i,
    }));
    const end = start + items.length;
    const headers = { 'X-Total-Bytes': String(totalBytes) };
    const body = shape === 'cursor' ? { items, nextCursor: end < total ? end : null } : { items };
    return Response.json(body, { headers });
  };
  return { fetch, requests };
}

function open(total: number, shape: 'cursor' | 'open') {
  const backend = server(total, shape);
  const list = createLazyList<Row>({
    key: ['auto-adversarial'],
    source: autoSource<Row>({ url: 'http://test/api/rows', fetch: backend.fetch }),
    queryClient: new QueryClient(),
    retry: { baseDelayMs: 0, maxDelayMs: 0 },
  });
  lists.push(list as LazyList<unknown>);
  list.subscribe(() => {});
  list.setWindow({ start: 0, end: 20 });
  return { list, requests: backend.requests };
}

describe('autoSource with a small X-Total-Bytes and no total (adversarial)', () => {
  it.each(['cursor', 'open'] as const)(
    '%s answers: every row is reachable, not only the probe page',
    async (shape) => {
      const { list } = open(1_000, shape);
      await until(() => list.getSnapshot().getItem(0).status === 'loaded');
      list.setWindow({ start: 900, end: 920, direction: 'forward' });
      await until(() => list.getSnapshot().getItem(900).status === 'loaded');
      expect(list.getSnapshot().getItem(999)).toMatchObject({ item: { id: 999 } });
    },
  );
});

describe('autoSource eager over a server that caps limit (adversarial)', () => {
  it('a small dataset of 2,000 rows from a server answering at most 500 per request shows all 2,000', async () => {
    const requests: string[] = [];
    const fetch: NonNullable<AutoSourceOptions<Row>['fetch']> = async (url) => {
      requests.push(url.search);
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Math.min(500, Number(url.searchParams.get('limit') ?? 100));
      const items = Array.from({ length: Math.max(0, Math.min(limit, 2_000 - offset)) }, (_, i) => ({
        id: offset + i,
      }));
      return Response.json({ items, total: 2_000 });
    };
    const list = createLazyList<Row>({
      key: ['auto-capped'],
      source: autoSource<Row>({ url: 'http://test/api/rows', fetch }),
      queryClient: new QueryClient(),
      retry: { baseDelayMs: 0, maxDelayMs: 0 },
    });
    lists.push(list as LazyList<unknown>);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 20 });
    await until(() => list.getSnapshot().getItem(0).status === 'loaded');
    expect(list.getSnapshot().stats.strategy).toBe('eager');
    list.setWindow({ start: 1_980, end: 2_000 });
    await until(() => list.getSnapshot().getItem(1_999).status === 'loaded');
    expect(list.getSnapshot().getItem(1_999)).toMatchObject({ item: { id: 1_999 } });
    expect(list.getSnapshot().count).toBe(2_000);
  });
});
