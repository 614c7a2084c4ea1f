import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { PageShapeError } from '../errors.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { prefetchLazyList } from '../prefetch/prefetchLazyList.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';

async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
const track = subscribedLists();
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

function offsetServer() {
  const server = { calls: 0 };
  const fetchPage = async ({ offset, limit }: { offset: number; limit: number }) => {
    server.calls++;
    return { items: rows(offset, limit), total: 100 };
  };
  return Object.assign(server, { source: (pageSize: number) => offsetSource({ pageSize, fetchPage }) });
}

function expectOtherShapeError(error: unknown, message: RegExp): void {
  expect(error).toBeInstanceOf(PageShapeError);
  expect((error as Error).message).toMatch(message);
}

describe('two lists of other page shapes on one key and QueryClient', () => {
  it('offset pageSize 10, then pageSize 20: the second does not show the 10-item page as its own', async () => {
    const queryClient = new QueryClient();
    const server = offsetServer();
    const a = track(createLazyList({ key: ['k'], queryClient, prefetch: 0, source: server.source(10) }));
    a.setWindow({ start: 0, end: 10 });
    await settle();
    const b = track(createLazyList({ key: ['k'], queryClient, prefetch: 0, source: server.source(20) }));
    b.setWindow({ start: 0, end: 20 });
    await settle();
    // Before: rows 10-19 placeholders for good, status 'ready'.
    const snapshot = b.getSnapshot();
    expect(snapshot.status).toBe('error');
    expect(snapshot.getItem(15).status).toBe('error');
    expectOtherShapeError(
      snapshot.error,
      /\["k","page",0\].*offset source \(give lists of other sources or page sizes other keys\)/,
    );
    expect(a.getSnapshot().getItem(5)).toEqual({ status: 'loaded', item: { id: 5 } });
  });

  it('a cursor list first, then an offset list: the offset list does not show the feed page as its rows', async () => {
    const queryClient = new QueryClient();
    const feed = track(
      createLazyList({
        key: ['k2'],
        queryClient,
        prefetch: 0,
        source: cursorSource({
          pageSize: 10,
          fetchPage: async () => ({ items: rows(500, 10), nextCursor: null, prevCursor: null }),
        }),
      }),
    );
    feed.setWindow({ start: 0, end: 10 });
    await settle();
    const server = offsetServer();
    const table = track(createLazyList({ key: ['k2'], queryClient, prefetch: 0, source: server.source(10) }));
    table.setWindow({ start: 0, end: 10 });
    await settle();
    // Before: { status: 'loaded', item: { id: 500 } }, status 'ready'.
    expect(table.getSnapshot().getItem(0)).not.toEqual({ status: 'loaded', item: { id: 500 } });
    expectOtherShapeError(table.getSnapshot().error, /offset source/);
  });

  it('a page prefetched with pageSize 10 is not shown by a list of pageSize 20', async () => {
    const queryClient = new QueryClient();
    const server = offsetServer();
    await prefetchLazyList(queryClient, { key: ['k3'], source: server.source(10) });
    const list = track(createLazyList({ key: ['k3'], queryClient, prefetch: 0, source: server.source(20) }));
    expect(list.getSnapshot().getItem(0).status).not.toBe('loaded'); // not in the first snapshot
    list.setWindow({ start: 0, end: 20 });
    await settle();
    expectOtherShapeError(list.getSnapshot().error, /offset source/);
  });

  it('two lists with the same key and pageSize still share their pages (one request)', async () => {
    const queryClient = new QueryClient();
    const server = offsetServer();
    const a = track(createLazyList({ key: ['k4'], queryClient, prefetch: 0, source: server.source(10) }));
    a.setWindow({ start: 0, end: 10 });
    await settle();
    const b = track(createLazyList({ key: ['k4'], queryClient, prefetch: 0, source: server.source(10) }));
    expect(b.getSnapshot().getItem(3)).toEqual({ status: 'loaded', item: { id: 3 } }); // first snapshot
    b.setWindow({ start: 0, end: 10 });
    await settle();
    expect(b.getSnapshot().status).toBe('ready');
    expect(server.calls).toBe(1);
  });

  it('a prefetched page of the same pageSize is still the list’s first snapshot', async () => {
    const queryClient = new QueryClient();
    const server = offsetServer();
    await prefetchLazyList(queryClient, { key: ['k5'], source: server.source(10) });
    const list = track(createLazyList({ key: ['k5'], queryClient, prefetch: 0, source: server.source(10) }));
    expect(list.getSnapshot().getItem(9)).toEqual({ status: 'loaded', item: { id: 9 } });
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(server.calls).toBe(1);
  });
});
