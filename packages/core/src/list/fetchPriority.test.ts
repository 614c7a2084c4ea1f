// The `fetch` priority hint (decision 0026): every built-in source hands its fetch function
// `priority: 'high'` for pages on screen and `'low'` for the prefetch around them, so a source
// over `fetch` can pass it on (`fetch(url, { signal, priority })`).
import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it, vi } from 'vitest';
import { autoSource } from '../paging/autoPaging.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { rangeSource } from '../paging/rangePaging.ts';
import { createPrefetcher } from '../prefetch/createPrefetcher.ts';
import { autoPageSize } from '../sizing/index.ts';
import type { AutoSourceOptions } from '../sources/autoSource.ts';
import type { CursorFetchParams } from '../sources/cursorSource.ts';
import type { FetchPriority } from '../sources/fetchPriority.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import type { RangeFetchParams } from '../sources/rangeSource.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';

async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const track = subscribedLists();

const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => ({ id: from + i }));

describe('fetch priority hints', () => {
  it("offsetSource: 'high' for the window's pages, 'low' for the prefetch", async () => {
    const calls: Pick<OffsetFetchParams, 'offset' | 'priority'>[] = [];
    const list = track(
      createLazyList({
        key: ['priority-offset'],
        prefetch: 2,
        source: offsetSource({
          pageSize: 100,
          fetchPage: async ({ offset, limit, priority }: OffsetFetchParams) => {
            calls.push({ offset, priority });
            return { items: rows(offset, offset + limit), total: 1_000_000 };
          },
        }),
      }),
    );
    list.setWindow({ start: 500_000, end: 500_150 });
    await settle();
    expect(new Map(calls.map((call) => [call.offset / 100, call.priority]))).toEqual(
      new Map<number, FetchPriority>([
        [5_000, 'high'],
        [5_001, 'high'],
        [5_002, 'low'],
        [5_003, 'low'],
        [5_004, 'low'],
        [4_999, 'low'],
      ]),
    );
    // Where the window rests later, the page that was prefetched is held: nothing is asked again.
    list.setWindow({ start: 500_200, end: 500_250 });
    await settle();
    expect(calls.filter((call) => call.offset === 500_200)).toHaveLength(1);
  });

  it('offsetSource with pageSize: autoPageSize: a request takes the priority of the page that started it', async () => {
    const calls: Pick<OffsetFetchParams, 'offset' | 'priority'>[] = [];
    const list = track(
      createLazyList({
        key: ['priority-auto'],
        prefetch: 1,
        source: offsetSource({
          pageSize: autoPageSize,
          minPageSize: 10,
          initialPageSize: 10,
          maxPageSize: 10,
          fetchPage: async ({ offset, limit, priority }: OffsetFetchParams) => {
            calls.push({ offset, priority });
            return { items: rows(offset, offset + limit), total: 10_000 };
          },
        }),
      }),
    );
    list.setWindow({ start: 5_000, end: 5_010 });
    // The requests wait for the sizing chunk (a dynamic import, decision 0019): a module load that
    // fixed macrotask rounds could outrun on a busy machine, so wait for the requests themselves.
    await vi.waitFor(() => {
      expect(calls.find((call) => call.offset === 5_000)?.priority).toBe('high');
      expect(calls.find((call) => call.offset === 5_010)?.priority).toBe('low');
    });
  });

  it("cursorSource: the first page 'high', the pages walked ahead of it 'low'", async () => {
    const calls: Pick<CursorFetchParams, 'cursor' | 'priority'>[] = [];
    const list = track(
      createLazyList({
        key: ['priority-cursor'],
        prefetch: 1,
        source: cursorSource({
          pageSize: 20,
          fetchPage: async ({ cursor, limit, priority }: CursorFetchParams) => {
            calls.push({ cursor, priority });
            const start = cursor === null ? 0 : Number(cursor);
            return { items: rows(start, start + limit), nextCursor: String(start + limit), prevCursor: null };
          },
        }),
      }),
    );
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(calls[0]).toEqual({ cursor: null, priority: 'high' });
    expect(calls[1]).toEqual({ cursor: '20', priority: 'low' });
  });

  it("rangeSource: the buckets in the window 'high', the ones around it 'low'", async () => {
    const calls: Pick<RangeFetchParams, 'from' | 'priority'>[] = [];
    const list = track(
      createLazyList({
        key: ['priority-range'],
        prefetch: 1,
        source: rangeSource({
          bucket: 1_000,
          fetchRange: async ({ from, priority }: RangeFetchParams) => {
            calls.push({ from, priority });
            return { items: [] };
          },
        }),
      }),
    );
    list.setWindow({ start: 10_000, end: 11_000 });
    await settle();
    expect(new Map(calls.map((call) => [call.from, call.priority]))).toEqual(
      new Map<number, FetchPriority>([
        [10_000, 'high'],
        [11_000, 'low'],
        [9_000, 'low'],
      ]),
    );
  });

  it("autoSource passes the hint to fetch: 'high' on screen, 'low' for prefetch, none for the probe", async () => {
    const seen: { offset: string | null; priority: FetchPriority | undefined }[] = [];
    const fetch: NonNullable<AutoSourceOptions<{ id: number }>['fetch']> = async (url, init) => {
      seen.push({ offset: url.searchParams.get('offset'), priority: init.priority });
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Number(url.searchParams.get('limit') ?? 100);
      return Response.json({ items: rows(offset, offset + limit), total: 1_000_000 });
    };
    const list = track(
      createLazyList({
        key: ['priority-auto-source'],
        prefetch: 1,
        source: autoSource({ url: 'http://test/api/rows', fetch, pageSize: 100 }),
      }),
    );
    list.setWindow({ start: 0, end: 10 });
    await settle(40);
    list.setWindow({ start: 500_000, end: 500_050 });
    await settle(40);
    expect(seen[0]?.priority).toBeUndefined(); // the probe decides what the source is
    expect(seen.find((call) => call.offset === '500000')?.priority).toBe('high');
    expect(seen.find((call) => call.offset === '500100')?.priority).toBe('low');
  });

  it("a Prefetcher's prefetchList asks at 'low': nothing it loads is on screen", async () => {
    const calls: FetchPriority[] = [];
    const source = offsetSource<{ id: number }>({
      pageSize: 10,
      fetchPage: async ({ offset, limit, priority }) => {
        calls.push(priority);
        return { items: rows(offset, offset + limit), total: 100 };
      },
    });
    const prefetcher = createPrefetcher({ queryClient: new QueryClient() });
    await prefetcher.prefetchList({ key: ['priority-prefetcher'], source, pages: 2, priority: 'high' });
    expect(calls).toEqual(['low', 'low']);
  });
});
