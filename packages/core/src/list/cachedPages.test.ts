import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { autoSource } from '../paging/autoPaging.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { pageQueryKey } from '../scheduler/pageQuery.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { cachedPages } from './cachedPages.ts';

const offset = offsetSource<number>({ pageSize: 2, fetchPage: async () => ({ items: [] }) });
const cursor = cursorSource<number>({
  pageSize: 2,
  fetchPage: async () => ({ items: [], nextCursor: null, prevCursor: null }),
});

/** A client holding `data` for each page of `key` listed; gcTime as in a browser (Node's default is Infinity). */
function clientWith(key: string[], pages: Record<number, unknown>): QueryClient {
  const client = new QueryClient({ defaultOptions: { queries: { gcTime: 5 * 60 * 1000 } } });
  for (const [page, data] of Object.entries(pages))
    client.setQueryData(pageQueryKey(key, Number(page)), data);
  return client;
}

describe('cachedPages', () => {
  it('gives the offset pages of the key in page order, and nothing of other keys or queries', () => {
    const client = clientWith(['a'], { 3: { items: [6, 7] }, 0: { items: [0, 1] } });
    client.setQueryData(['a', 'page', 'x'], { items: [] });
    client.setQueryData(['a', 'meta'], { total: 10 });
    client.setQueryData(pageQueryKey(['b'], 1), { items: [2, 3] });
    expect(cachedPages(client, ['a'], offset)).toEqual([
      { page: 0, data: { items: [0, 1] }, stale: false },
      { page: 3, data: { items: [6, 7] }, stale: false },
    ]);
  });

  it('gives cursor pages only as one run from page 0 outwards (a later page needs its neighbour’s cursor)', () => {
    const p = (n: number) => ({ items: [n], nextCursor: `n${n}`, prevCursor: `p${n}` });
    const client = clientWith(['c'], { 0: p(0), 1: p(1), 3: p(3), [-1]: p(-1), [-3]: p(-3) });
    expect(cachedPages(client, ['c'], cursor).map((page) => page.page)).toEqual([0, 1, -1]);
    expect(cachedPages(clientWith(['c'], { 1: p(1) }), ['c'], cursor)).toEqual([]);
  });

  it('gives no page of another shape (a list of another source on the key): the run stops there', () => {
    const client = clientWith(['o'], { 0: { items: [0, 1], total: 4 } });
    expect(cachedPages(client, ['o'], cursor)).toEqual([]);
    expect(cachedPages(clientWith(['o'], { 0: 'garbage', 1: { items: [2, 3] } }), ['o'], offset)).toEqual([
      { page: 1, data: { items: [2, 3] }, stale: false },
    ]);
  });

  it('marks an invalidated page stale, so the list shows it and fetches it again', async () => {
    const client = clientWith(['s'], { 0: { items: [0, 1] } });
    await client.invalidateQueries({ queryKey: ['s'] });
    expect(cachedPages(client, ['s'], offset)).toEqual([{ page: 0, data: { items: [0, 1] }, stale: true }]);
  });

  it('keeps a page it gives for the list’s life (gcTime Infinity), with its state', () => {
    const client = clientWith(['g'], { 0: { items: [0, 1] } });
    const before = client.getQueryCache().find({ queryKey: pageQueryKey(['g'], 0) });
    expect(before?.gcTime).toBe(5 * 60 * 1000);
    cachedPages(client, ['g'], offset);
    const after = client.getQueryCache().find({ queryKey: pageQueryKey(['g'], 0) });
    expect(after?.gcTime).toBe(Number.POSITIVE_INFINITY);
    expect(after?.state.data).toEqual({ items: [0, 1] });
    expect(after?.state.dataUpdatedAt).toBe(before?.state.dataUpdatedAt);
  });

  it('gives nothing without a client, or for an autoSource (it decides how to load when it starts)', () => {
    const client = clientWith(['n'], { 0: { items: [0] } });
    expect(cachedPages(undefined, ['n'], offset)).toEqual([]);
    expect(cachedPages(client, ['n'], autoSource<number>({ url: '/api/n' }))).toEqual([]);
  });
});
