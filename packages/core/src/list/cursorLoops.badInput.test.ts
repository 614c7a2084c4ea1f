import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { PageShapeError } from '../errors.ts';
import { MAX_EMPTY_RUN } from '../paging/cursorLayout.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { createPrefetcher } from '../prefetch/createPrefetcher.ts';
import { prefetchLazyList } from '../prefetch/prefetchLazyList.ts';
import type { Cursor } from '../sources/cursor.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';

async function settle(rounds = 40): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
const track = subscribedLists();
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

interface Answer {
  items: { id: number }[];
  nextCursor: Cursor | null;
  prevCursor: Cursor | null;
}

function listOver(
  key: string,
  answer: (cursor: Cursor | null, call: number) => Answer,
  initialCursor?: Cursor,
) {
  const server = { calls: 0 };
  const list = track(
    createLazyList({
      key: [key],
      prefetch: 1,
      retry: { attempts: 1 },
      source: cursorSource({
        pageSize: 10,
        ...(initialCursor !== undefined && { initialCursor }),
        fetchPage: async ({ cursor }) => answer(cursor, ++server.calls),
      }),
    }),
  );
  return { server, list };
}

function expectShapeError(error: unknown, page: number, message: RegExp): void {
  expect(error).toBeInstanceOf(PageShapeError);
  expect((error as PageShapeError).page).toBe(page);
  expect((error as Error).message).toMatch(message);
}

describe('cursor walks that never end', () => {
  it('a cursor cycle a -> b -> a: page 2, answering a cursor page 1 was loaded from, is a PageShapeError', async () => {
    const { server, list } = listOver('cycle', (cursor) => ({
      items: rows(0, 10),
      nextCursor: cursor === 'a' ? 'b' : 'a',
      prevCursor: null,
    }));
    list.setWindow({ start: 0, end: 200 });
    await settle();
    expect(server.calls).toBe(3); // before: 21 requests, 210 rows of the same 10 items, status 'ready'
    const snapshot = list.getSnapshot();
    expect(snapshot.status).toBe('error');
    expect(snapshot.count).toBe(20);
    expectShapeError(snapshot.error, 2, /page 2 must resolve to a nextCursor not followed before.*page 1/);
  });

  it('a cycle back to the initial cursor is caught too', async () => {
    const { server, list } = listOver(
      'cycle-initial',
      (cursor) => ({ items: rows(0, 10), nextCursor: cursor === 'x' ? 'y' : 'x', prevCursor: null }),
      'x',
    );
    list.setWindow({ start: 0, end: 200 });
    await settle();
    expect(server.calls).toBe(2);
    expectShapeError(list.getSnapshot().error, 1, /page 0 was loaded from it/);
  });

  it('a backward cycle through prevCursor is caught (the Prefetcher walking back)', async () => {
    // Page 0 (null) -> prev 'p'; page -1 ('p') -> prev 'q'; page -2 ('q') -> prev 'p' again.
    let calls = 0;
    const prefetcher = createPrefetcher({ queryClient: new QueryClient(), memoryMonitor: null });
    const results = await prefetcher.prefetchList({
      key: ['cycle-back'],
      pages: { first: -20, last: 0 },
      source: cursorSource({
        pageSize: 10,
        fetchPage: async ({ cursor }) => {
          calls++;
          return { items: rows(0, 10), nextCursor: null, prevCursor: cursor === 'p' ? 'q' : 'p' };
        },
      }),
    });
    prefetcher.destroy();
    expect(calls).toBe(3);
    const last = results[2];
    expectShapeError(
      last?.status === 'error' ? last.error : undefined,
      -2,
      /prevCursor not followed before.*page -1/,
    );
  });

  it(`empty pages with ever new cursors: the ${MAX_EMPTY_RUN}th empty page in a row is a PageShapeError`, async () => {
    const { server, list } = listOver('empty-chain', (_, call) => {
      if (call > 5_000) return { items: [], nextCursor: null, prevCursor: null };
      return { items: call === 1 ? rows(0, 10) : [], nextCursor: `c${call}`, prevCursor: null };
    });
    list.setWindow({ start: 0, end: 30 });
    await settle(5);
    expect(server.calls).toBe(1 + MAX_EMPTY_RUN); // before: 5,000 requests in one task
    const snapshot = list.getSnapshot();
    expect(snapshot.status).toBe('error');
    expect(snapshot.count).toBe(10);
    expectShapeError(snapshot.error, MAX_EMPTY_RUN, /within 20 empty pages in a row, or nextCursor null/);
  });

  it('fewer empty pages in a row than the bound, then items: the walk goes on', async () => {
    const { server, list } = listOver('empty-then-items', (cursor, call) => {
      const n = cursor === null ? 0 : Number(cursor);
      const empty = n >= 1 && n < MAX_EMPTY_RUN; // pages 1..19 empty
      const items = empty ? [] : rows(n * 10, 10);
      return { items, nextCursor: n < MAX_EMPTY_RUN + 1 ? n + 1 : null, prevCursor: call < 0 ? 0 : null };
    });
    list.setWindow({ start: 0, end: 30 });
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.status).toBe('ready');
    expect(snapshot.count).toBe(30); // pages 0, 20 and 21
    expect(snapshot.getItem(29)).toEqual({ status: 'loaded', item: { id: 219 } });
    expect(server.calls).toBe(MAX_EMPTY_RUN + 2);
  });

  it('a walk that shares cursors with no other page is untouched (position cursors both ways)', async () => {
    // Position cursors: page 0 from 50 holds 50..59, prevCursor 50 (backward from 50: 40..49).
    const { list } = listOver(
      'positions',
      (cursor) => {
        const at = Number(cursor);
        return {
          items: rows(at, 10),
          nextCursor: at + 10 < 100 ? at + 10 : null,
          prevCursor: at > 0 ? at : null,
        };
      },
      50,
    );
    list.setWindow({ start: 0, end: 100 });
    await settle();
    expect(list.getSnapshot().error).toBeUndefined();
    expect(list.getSnapshot().count).toBeGreaterThanOrEqual(50);
  });

  it('prefetchLazyList walks a cycle into the same error, not through 20 pages', async () => {
    let calls = 0;
    const results = await prefetchLazyList(
      new QueryClient(),
      {
        key: ['cycle-prefetch'],
        retry: { attempts: 1 },
        source: cursorSource({
          pageSize: 10,
          fetchPage: async ({ cursor }) => {
            calls++;
            return { items: rows(0, 10), nextCursor: cursor === 'a' ? 'b' : 'a', prevCursor: null };
          },
        }),
      },
      { start: 0, end: 200 },
    );
    expect(calls).toBe(3);
    expect(results.map((result) => result.status)).toEqual(['loaded', 'loaded', 'error']);
    const last = results[2];
    expectShapeError(last?.status === 'error' ? last.error : undefined, 2, /nextCursor not followed before/);
  });
});
