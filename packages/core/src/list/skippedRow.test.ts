import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prefetchLazyList } from '../prefetch/prefetchLazyList.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { fakeCache, KEY, settle as settleCache } from '../testing/cachedList.ts';
import { createLazyList } from './createLazyList.ts';
import { watchMoves } from './datasetWatch.ts';
import type { LazyList } from './LazyList.ts';

// A row skipped by the server, seen without a version (issue #18 item 4, decision 0074): a
// delete above the window and an insert below it keep the `total`, and no key is shared by two
// pages. With `moves: watchMoves` and `getItemKey` each page after the first is asked with the
// row before it: that row's key is not the key the list holds there, so the move is seen.

interface Row {
  readonly id: number;
}

const settle = async (rounds = 10) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** Rows 0..size-1 (id = first index), `total` sent, no version; every request is recorded. */
class Server {
  ids: number[];
  readonly asked: { offset: number; limit: number }[] = [];
  #nextId = 1_000;
  constructor(size: number) {
    this.ids = Array.from({ length: size }, (_, i) => i);
  }
  /** Deletes the row at `removed` and inserts a new one at `inserted` (indexes after the delete). */
  move(removed: number, inserted: number): void {
    this.ids.splice(removed, 1);
    this.ids.splice(inserted, 0, this.#nextId++);
  }
  fetchPage = async ({ offset, limit }: { offset: number; limit: number }) => {
    this.asked.push({ offset, limit });
    return { items: this.ids.slice(offset, offset + limit).map((id) => ({ id })), total: this.ids.length };
  };
}

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

type FetchPage = (request: {
  offset: number;
  limit: number;
  page: number;
}) => ReturnType<Server['fetchPage']>;

/** A subscribed list of pages of 10 over `from` (a Server, or its own `fetchPage`), keyed by id. */
function list(
  from: Server | FetchPage,
  name: string,
  watch: boolean,
  queryClient = new QueryClient(),
): LazyList<Row> {
  const made = createLazyList<Row>({
    key: ['skipped', name],
    queryClient,
    source: offsetSource({ pageSize: 10, fetchPage: from instanceof Server ? from.fetchPage : from }),
    getItemKey: (row) => row.id,
    prefetch: 0,
    ...(watch ? { moves: watchMoves } : {}),
  });
  lists.push(made as LazyList<unknown>);
  made.subscribe(() => {});
  return made;
}

const shown = (made: LazyList<Row>, start: number, end: number) =>
  made
    .getSnapshot()
    .getRange(start, end)
    .items.map((row) => row.id);

describe('a row skipped by the server, no version, total kept', () => {
  it('is seen by the overlap row: refetched, then no id skipped and none twice; the row read stays', async () => {
    const server = new Server(100);
    const queryClient = new QueryClient();
    const made = list(server, 'probe', true, queryClient);
    made.setWindow({ start: 10, end: 30 });
    await settle();
    expect(shown(made, 10, 30)).toEqual(server.ids.slice(10, 30));

    server.move(15, 45); // row 15 deleted, a new row at 45: total still 100
    made.setWindow({ start: 20, end: 40 });
    await settle(20);
    const after = made.getSnapshot();
    expect(after.moves).toMatchObject({ count: 1, reason: 'keys', refetching: false, totalDelta: 0 });
    expect(shown(made, 20, 40)).toEqual(server.ids.slice(20, 40));
    const held = shown(made, 0, 100);
    expect(new Set(held).size).toBe(held.length);
    expect(shown(made, 20, 40)).toContain(30);
    // The row read at the top of the window keeps its key; it is at its new index.
    expect(after.getItem(20).status === 'loaded' && after.getItem(20)).toMatchObject({ item: { id: 21 } });
    // Pages land as pages of 10: the overlap row is not shown, counted or cached.
    expect(after.count).toBe(100);
    const page3 = queryClient.getQueryData<{ items: Row[] }>(['skipped', 'probe', 'page', 3]);
    expect(page3?.items.map((row) => row.id)).toEqual(server.ids.slice(30, 40));
  });

  it('a page fetched above held pages whose last row is no longer just before them is seen too', async () => {
    const server = new Server(100);
    const made = list(server, 'above', true);
    made.setWindow({ start: 50, end: 70 });
    await settle();
    server.move(95, 20); // a row inserted at 20, one deleted below: total still 100
    made.setWindow({ start: 40, end: 60 }); // page 4 is fetched from the new dataset
    await settle(20);
    expect(made.getSnapshot().moves.count).toBe(1);
    expect(shown(made, 40, 60)).toEqual(server.ids.slice(40, 60));
  });

  it('pages are asked with one row of overlap with the watch, and exactly as before without it', async () => {
    const watched = new Server(100);
    const plain = new Server(100);
    const a = list(watched, 'asked-watch', true);
    const b = list(plain, 'asked-plain', false);
    for (const made of [a, b]) made.setWindow({ start: 0, end: 30 });
    await settle();
    for (const made of [a, b]) made.setWindow({ start: 85, end: 100 }); // the last page: limit + 1 past the end
    await settle();
    expect(plain.asked).toEqual([0, 10, 20, 80, 90].map((offset) => ({ offset, limit: 10 })));
    expect(watched.asked).toEqual([
      { offset: 0, limit: 10 },
      ...[9, 19, 79, 89].map((offset) => ({ offset, limit: 11 })),
    ]);
    expect(a.getSnapshot().moves.count).toBe(0);
    expect(shown(a, 80, 100)).toEqual(shown(b, 80, 100));
    expect(a.getSnapshot().stats.bytesInMemory).toBe(b.getSnapshot().stats.bytesInMemory);
  });

  it('a page cache stores pages of pageSize, without the overlap row, and a new list reads them as they were', async () => {
    const server = new Server(100);
    const cache = fakeCache();
    const options = {
      key: KEY,
      source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
      getItemKey: (row: Row) => row.id,
      prefetch: 0,
      cache: cache.cache,
      moves: watchMoves,
    };
    const first = createLazyList<Row>(options);
    lists.push(first as LazyList<unknown>);
    first.subscribe(() => {});
    first.setWindow({ start: 0, end: 30 });
    await settleCache();
    const stored = cache.get(2) as { items: Row[] } | undefined;
    expect(stored?.items.map((row) => row.id)).toEqual(server.ids.slice(20, 30));
    first.destroy();

    const asked = server.asked.length;
    const second = createLazyList<Row>({ ...options, queryClient: new QueryClient() });
    lists.push(second as LazyList<unknown>);
    second.subscribe(() => {});
    second.setWindow({ start: 20, end: 30 });
    await settleCache();
    expect(shown(second, 20, 30)).toEqual(server.ids.slice(20, 30));
    expect(second.getSnapshot().moves.count).toBe(0);
    // Revalidated from the network with the row before it, as any page after the first.
    expect(server.asked.slice(asked)).toEqual([{ offset: 19, limit: 11 }]);
  });

  it('a fetchPage that pages by `page` and ignores offset and limit still shows its rows, settles and warns', async () => {
    const server = new Server(100);
    let requests = 0;
    // Wrong for the watch: answers page `page` (the page of offset − 1) with `pageSize` rows.
    const fetchPage = async ({ page }: { page: number }) => {
      requests += 1;
      return { items: server.ids.slice(page * 10, page * 10 + 10).map((id) => ({ id })), total: 100 };
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const made = list(fetchPage, 'by-page', true);
      made.setWindow({ start: 0, end: 30 });
      await settle(200);
      const settled = requests;
      await settle(50);
      expect(requests).toBe(settled); // nothing asked any more
      expect(requests).toBeLessThan(40);
      expect(made.getSnapshot().moves.refetching).toBe(false);
      expect(made.getSnapshot().getItem(0)).toMatchObject({ status: 'loaded', item: { id: 0 } });
      expect(shown(made, 0, 30)).toEqual(server.ids.slice(0, 30));
      expect(made.getSnapshot().moves.count).toBe(0);
      expect(warn.mock.calls.flat().join(' ')).toMatch(/returned 10 rows, not 11.*offset and limit/s);
    } finally {
      warn.mockRestore();
    }
  });

  it('a server that caps limit at pageSize loses no row: the page is asked again without the row before it', async () => {
    const server = new Server(100);
    const capped = async ({ offset, limit }: { offset: number; limit: number }) =>
      server.fetchPage({ offset, limit: Math.min(limit, 10) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const made = list(capped, 'capped', true);
      made.setWindow({ start: 0, end: 30 });
      await settle(20);
      expect(shown(made, 0, 30)).toEqual(server.ids.slice(0, 30));
      expect(made.getSnapshot().count).toBe(100);
      // A skip is still seen: the row before each page came with the first answer.
      server.move(5, 60);
      made.setWindow({ start: 20, end: 40 });
      await settle(20);
      expect(made.getSnapshot().moves.count).toBe(1);
      expect(shown(made, 20, 40)).toEqual(server.ids.slice(20, 40));
      expect(warn).toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });

  it('prefetchLazyList asks pages as without the watch; a watched list then shows them and asks only what is missing', async () => {
    const server = new Server(100);
    const queryClient = new QueryClient();
    const options = {
      key: ['skipped', 'prefetched'],
      source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
      getItemKey: (row: Row) => row.id,
      prefetch: 0,
      moves: watchMoves,
    };
    await prefetchLazyList(queryClient, options, { start: 0, end: 20 });
    expect(server.asked).toEqual([0, 10].map((offset) => ({ offset, limit: 10 })));
    const made = createLazyList<Row>({ ...options, queryClient });
    lists.push(made as LazyList<unknown>);
    made.subscribe(() => {});
    made.setWindow({ start: 0, end: 30 });
    await settle(20);
    expect(shown(made, 0, 30)).toEqual(server.ids.slice(0, 30));
    expect(server.asked.slice(2)).toEqual([{ offset: 19, limit: 11 }]);
    expect(made.getSnapshot().moves.count).toBe(0);
  });
});
