import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import type { LazyList } from '../list/LazyList.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import type { CursorFetchParams } from '../sources/cursorSource.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { createPrefetcher } from './createPrefetcher.ts';
import type { Prefetcher } from './Prefetcher.ts';

interface Row {
  readonly id: number;
}

/** An offset API over `total` rows that counts requests; `fail` makes the next n requests fail. */
function fakeItems(total: number) {
  const calls: OffsetFetchParams[] = [];
  const server = { calls, fail: 0 };
  const fetchPage = async (params: OffsetFetchParams) => {
    calls.push(params);
    if (server.fail > 0) {
      server.fail -= 1;
      throw new Error(`HTTP 503 for offset ${params.offset}`);
    }
    const items: Row[] = [];
    for (let id = params.offset; id < Math.min(total, params.offset + params.limit); id++) items.push({ id });
    return { items, total };
  };
  return Object.assign(server, { source: () => offsetSource<Row>({ pageSize: 10, fetchPage }) });
}

/** A forward cursor feed of `total` rows (cursor = position of the next item); counts requests. */
function fakeFeed(total: number) {
  const calls: CursorFetchParams[] = [];
  const fetchPage = async (params: CursorFetchParams) => {
    calls.push(params);
    const start = params.cursor === null ? 0 : Number(params.cursor);
    const end = Math.min(total, start + params.limit);
    const items: Row[] = [];
    for (let id = start; id < end; id++) items.push({ id });
    return { items, nextCursor: end < total ? end : null, prevCursor: start > 0 ? start : null };
  };
  return { calls, source: () => cursorSource<Row>({ pageSize: 10, fetchPage }) };
}

async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const cleanups: (() => void)[] = [];
function prefetcherFor(client: QueryClient): Prefetcher {
  const prefetcher = createPrefetcher({ queryClient: client, memoryMonitor: null });
  cleanups.push(() => prefetcher.destroy());
  return prefetcher;
}
function listOn<T>(list: LazyList<T>, window: { start: number; end: number }): LazyList<T> {
  cleanups.push(
    list.subscribe(() => {}),
    () => list.destroy(),
  );
  list.setWindow({ ...window, direction: 'forward', velocity: 0 });
  return list;
}
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('prefetchList', () => {
  it('an offset list created after the prefetch shows its first page without a request', async () => {
    const client = new QueryClient();
    const server = fakeItems(1_000);
    const results = await prefetcherFor(client).prefetchList({ key: ['items'], source: server.source() });
    expect(results.map((result) => result.status)).toEqual(['loaded']);
    expect(server.calls.map((call) => call.offset)).toEqual([0]);

    const list = listOn(
      createLazyList({ key: ['items'], source: server.source(), queryClient: client, prefetch: 0 }),
      { start: 0, end: 10 },
    );
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.getItem(0)).toEqual({ status: 'loaded', item: { id: 0 } });
    expect(snapshot.getItem(9)).toEqual({ status: 'loaded', item: { id: 9 } });
    expect(snapshot.count).toBe(1_000);
    expect(server.calls).toHaveLength(1); // still only the prefetch's request
    expect(snapshot.stats.requests).toBe(0);
  });

  it('a cursor list gets its first pages from the prefetch, walked from the cursors it returned', async () => {
    const client = new QueryClient();
    const feed = fakeFeed(1_000);
    const results = await prefetcherFor(client).prefetchList({
      key: ['feed'],
      source: feed.source(),
      pages: 2,
    });
    expect(results.map((result) => result.status)).toEqual(['loaded', 'loaded']);
    expect(feed.calls.map((call) => call.cursor)).toEqual([null, 10]);

    const list = listOn(
      createLazyList({ key: ['feed'], source: feed.source(), queryClient: client, prefetch: 0 }),
      { start: 0, end: 10 },
    );
    await settle();
    list.setWindow({ start: 10, end: 20, direction: 'forward', velocity: 0 });
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.getItem(0)).toEqual({ status: 'loaded', item: { id: 0 } });
    expect(snapshot.getItem(15)).toEqual({ status: 'loaded', item: { id: 15 } });
    expect(feed.calls).toHaveLength(2);
  });

  it('stops a cursor walk at the end of the feed', async () => {
    const client = new QueryClient();
    const feed = fakeFeed(15);
    const results = await prefetcherFor(client).prefetchList({
      key: ['short'],
      source: feed.source(),
      pages: 5,
    });
    expect(results.map((result) => result.status)).toEqual(['loaded', 'loaded']);
    expect(feed.calls).toHaveLength(2);
  });

  it('a list created while the prefetch is loading joins it: one request in all', async () => {
    const client = new QueryClient();
    const server = fakeItems(1_000);
    const prefetched = prefetcherFor(client).prefetchList({ key: ['items'], source: server.source() });
    const list = listOn(
      createLazyList({ key: ['items'], source: server.source(), queryClient: client, prefetch: 0 }),
      { start: 0, end: 10 },
    );
    await settle();
    expect((await prefetched)[0]?.status).toBe('loaded');
    expect(list.getSnapshot().getItem(0)).toEqual({ status: 'loaded', item: { id: 0 } });
    expect(server.calls).toHaveLength(1);
  });

  it('a failed prefetch stores nothing: the list fetches the page itself and shows it', async () => {
    const client = new QueryClient();
    const server = fakeItems(1_000);
    server.fail = 1;
    const [result] = await prefetcherFor(client).prefetchList({ key: ['items'], source: server.source() });
    expect(result).toMatchObject({ status: 'error', key: ['items', 'page', 0] });
    const list = listOn(
      createLazyList({ key: ['items'], source: server.source(), queryClient: client, prefetch: 0 }),
      { start: 0, end: 10 },
    );
    await settle();
    expect(list.getSnapshot().getItem(0)).toEqual({ status: 'loaded', item: { id: 0 } });
    expect(server.calls).toHaveLength(2);
  });

  it('pages as { first, last } prefetches that range of an offset source', async () => {
    const client = new QueryClient();
    const server = fakeItems(1_000);
    await prefetcherFor(client).prefetchList({
      key: ['items'],
      source: server.source(),
      pages: { first: 3, last: 4 },
    });
    expect(server.calls.map((call) => call.offset)).toEqual([30, 40]);
    const page4 = client.getQueryData<{ items: Row[]; total: number }>(['items', 'page', 4]);
    expect([page4?.items[0], page4?.items.length, page4?.total]).toEqual([{ id: 40 }, 10, 1_000]);
  });

  it('rejects bad options with a TypeError naming the option', () => {
    const prefetcher = prefetcherFor(new QueryClient());
    const source = fakeItems(10).source();
    expect(() => prefetcher.prefetchList({ key: ['x'], source, pages: 0 })).toThrow(
      /prefetchList option "pages" must be a positive integer/,
    );
    expect(() =>
      prefetcher.prefetchList({ key: ['x'], source: fakeFeed(10).source(), pages: { first: 1, last: 2 } }),
    ).toThrow(/prefetchList option "pages" must be a range including 0/);
    expect(() => prefetcher.prefetchList({ key: 'x' as never, source })).toThrow(/prefetchList option "key"/);
  });
});
