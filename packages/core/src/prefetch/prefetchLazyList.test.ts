import { dehydrate, hydrate, QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import type { LazyList } from '../list/LazyList.ts';
import { autoSource } from '../paging/autoPaging.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { pageQueryKey } from '../scheduler/pageQuery.ts';
import type { CursorFetchParams } from '../sources/cursorSource.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { lazyListPageKeys, prefetchLazyList } from './prefetchLazyList.ts';

interface Row {
  readonly id: number;
}

/** An offset API over `total` rows that records requests; `fail` makes the next n requests fail. */
function fakeItems(total: number) {
  const server = { calls: [] as OffsetFetchParams[], fail: 0 };
  const fetchPage = async (params: OffsetFetchParams) => {
    server.calls.push(params);
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

async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});
function shown<T>(list: LazyList<T>, window: { start: number; end: number }): LazyList<T> {
  lists.push(list as LazyList<unknown>);
  list.subscribe(() => {});
  list.setWindow(window);
  return list;
}

describe('prefetchLazyList', () => {
  it('loads the pages of the window under the list’s page keys; a list created then shows them without a request', async () => {
    const server = fakeItems(1_000);
    const client = new QueryClient();
    const results = await prefetchLazyList(
      client,
      { key: ['users'], source: server.source() },
      { start: 0, end: 25 },
    );
    expect(results.map((result) => [result.key, result.status])).toEqual([
      [['users', 'page', 0], 'loaded'],
      [['users', 'page', 1], 'loaded'],
      [['users', 'page', 2], 'loaded'],
    ]);
    expect(server.calls.map((call) => call.offset)).toEqual([0, 10, 20]);

    const list = createLazyList({
      key: ['users'],
      source: server.source(),
      queryClient: client,
      prefetch: 0,
    });
    // Before any subscriber or window: the first render already has the rows and the count.
    expect(list.getSnapshot().getItem(12)).toEqual({ status: 'loaded', item: { id: 12 } });
    expect(list.getSnapshot().count).toBe(1_000);
    shown(list, { start: 0, end: 25 });
    await settle();
    expect(server.calls).toHaveLength(3);
    expect(list.getSnapshot().status).toBe('ready');
  });

  it('asks nothing again for pages the client holds ("cached")', async () => {
    const server = fakeItems(100);
    const client = new QueryClient();
    await prefetchLazyList(client, { key: ['again'], source: server.source() });
    const results = await prefetchLazyList(client, { key: ['again'], source: server.source() });
    expect(results.map((result) => result.status)).toEqual(['cached']);
    expect(server.calls).toHaveLength(1);
  });

  it('retries a failing page with the list’s retry policy and resolves (never rejects) with the error', async () => {
    const server = fakeItems(100);
    server.fail = 5;
    const client = new QueryClient();
    const options = { key: ['flaky'], source: server.source(), retry: { attempts: 3, baseDelayMs: 1 } };
    const [result] = await prefetchLazyList(client, options);
    expect(server.calls).toHaveLength(3);
    expect(result?.status).toBe('error');
    expect(result?.status === 'error' && String(result.error)).toContain('HTTP 503 for offset 0');

    server.fail = 1;
    const [second] = await prefetchLazyList(client, options);
    expect(second?.status).toBe('loaded');
  });

  it('walks a cursor source from its start cursor, each page from the one before', async () => {
    const calls: CursorFetchParams[] = [];
    const source = () =>
      cursorSource<Row>({
        pageSize: 10,
        fetchPage: async (params) => {
          calls.push(params);
          const start = params.cursor === null ? 0 : Number(params.cursor);
          const items = Array.from({ length: 10 }, (_, i) => ({ id: start + i }));
          return { items, nextCursor: start + 10, prevCursor: null };
        },
      });
    const client = new QueryClient();
    await prefetchLazyList(client, { key: ['feed'], source: source() }, { start: 0, end: 20 });
    expect(calls.map((call) => call.cursor)).toEqual([null, 10]);
    const list = createLazyList({ key: ['feed'], source: source(), queryClient: client });
    expect(list.getSnapshot().getItem(15)).toEqual({ status: 'loaded', item: { id: 15 } });
  });

  it('pages dehydrated on a server and hydrated into the browser’s client show in the first snapshot, with no request', async () => {
    const server = fakeItems(500);
    const serverClient = new QueryClient();
    await prefetchLazyList(serverClient, { key: ['ssr'], source: server.source() }, { start: 0, end: 10 });
    const state = JSON.parse(JSON.stringify(dehydrate(serverClient)));

    // A browser's gcTime (5 minutes; Node's default is Infinity).
    const browserClient = new QueryClient({ defaultOptions: { queries: { gcTime: 5 * 60 * 1000 } } });
    hydrate(browserClient, state);
    const list = createLazyList({
      key: ['ssr'],
      source: server.source(),
      queryClient: browserClient,
      prefetch: 0,
    });
    expect(list.getSnapshot().getItem(3)).toEqual({ status: 'loaded', item: { id: 3 } });
    shown(list, { start: 0, end: 10 });
    await settle();
    expect(server.calls).toHaveLength(1); // the server's
    // The hydrated query now lives as long as the list keeps the page (not query-core's 5 minutes).
    const query = browserClient.getQueryCache().find({ queryKey: pageQueryKey(['ssr'], 0), exact: true });
    expect(query?.gcTime).toBe(Number.POSITIVE_INFINITY);
  });

  it('throws a TypeError naming the option for a missing client, a bad window or an autoSource', () => {
    const source = fakeItems(10).source();
    const noClient = undefined as unknown as QueryClient;
    expect(() => prefetchLazyList(noClient, { key: ['x'], source })).toThrow(
      /prefetchLazyList option "client" must be a QueryClient/,
    );
    expect(() => prefetchLazyList(new QueryClient(), { key: ['x'], source }, { start: 5, end: 1 })).toThrow(
      /prefetchLazyList option "end" must be >= start/,
    );
    const auto = autoSource<Row>({ url: '/api/rows' });
    expect(() => prefetchLazyList(new QueryClient(), { key: ['x'], source: auto })).toThrow(
      /prefetchLazyList option "source" must be an offset, cursor or range source/,
    );
  });
});

describe('lazyListPageKeys', () => {
  const source = offsetSource<Row>({ pageSize: 100, fetchPage: async () => ({ items: [] }) });
  const feed = cursorSource<Row>({
    pageSize: 100,
    fetchPage: async () => ({ items: [], nextCursor: null, prevCursor: null }),
  });
  it.each([
    ['the first row by default', { key: ['u'], source }, undefined, [['u', 'page', 0]]],
    [
      'every page of an offset window',
      { key: ['u'], source },
      { start: 150, end: 301 },
      [
        ['u', 'page', 1],
        ['u', 'page', 2],
        ['u', 'page', 3],
      ],
    ],
    [
      'only the start page of a cursor source',
      { key: ['f'], source: feed },
      { start: 0, end: 500 },
      [['f', 'page', 0]],
    ],
  ])('%s', (_name, options, window, keys) => {
    expect(lazyListPageKeys(options, window)).toEqual(keys);
  });

  it('throws a TypeError naming the key when it is not an array', () => {
    expect(() => lazyListPageKeys({ key: 'users' as unknown as string[], source })).toThrow(
      /prefetchLazyList option "key" must be an array/,
    );
  });
});
