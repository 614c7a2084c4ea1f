import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryMonitor } from '../memory/createMemoryMonitor.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { rangeSource } from '../paging/rangePaging.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { arraySource } from '../testing/arraySource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

const settle = async (rounds = 10) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});
function tracked<T>(list: LazyList<T>): LazyList<T> {
  lists.push(list as LazyList<unknown>);
  list.subscribe(() => {});
  return list;
}

describe('LazyList.append', () => {
  it('a log list (initialCount: 0) fetches nothing, grows by append, and a replayed page keeps the count', async () => {
    const fetched: number[] = [];
    const list = tracked(
      createLazyList<number>({
        key: ['log-initial'],
        source: offsetSource({
          pageSize: 4,
          initialCount: 0,
          fetchPage: async ({ offset, limit }) => {
            fetched.push(offset);
            return { items: Array.from({ length: limit }, (_, i) => offset + i) };
          },
        }),
        memory: { maxPages: 2 },
        prefetch: 0,
      }),
    );
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(fetched).toEqual([]);
    list.append(Array.from({ length: 20 }, (_, i) => i));
    // Moving the window to the end keeps pages 3–4 (maxPages: 2); pages 0–2 go.
    list.setWindow({ start: 16, end: 20 });
    await settle();
    list.setWindow({ start: 0, end: 4 }); // scrolled back: page 0 is replayed
    await settle();
    expect(fetched).toEqual([0]);
    expect(list.getSnapshot().count).toBe(20);
    expect(list.getSnapshot().countKind).toBe('exact');
    expect(list.getSnapshot().getRange(0, 4).items).toEqual([0, 1, 2, 3]);
  });

  it('grows an empty offset list page by page without fetching', async () => {
    let fetched = 0;
    const list = tracked(
      createLazyList<number>({
        key: ['log'],
        source: offsetSource({
          pageSize: 4,
          fetchPage: async () => {
            fetched += 1;
            return { items: [], total: 0 };
          },
        }),
      }),
    );
    expect(list.append([0, 1, 2])).toBe(true);
    expect(list.append([3, 4, 5, 6, 7, 8])).toBe(true);
    list.setWindow({ start: 0, end: 9 });
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(9);
    expect(snapshot.getRange(0, 9)).toEqual({ status: 'loaded', items: [0, 1, 2, 3, 4, 5, 6, 7, 8] });
    expect(fetched).toBe(0);
  });

  it('extends the loaded last page of a fetched offset list and keeps the count when an older page lands', async () => {
    const queryClient = new QueryClient();
    const list = tracked(
      createLazyList<number>({
        key: ['feed'],
        queryClient,
        source: arraySource(
          Array.from({ length: 15 }, (_, i) => i),
          { pageSize: 10 },
        ),
        prefetch: 0,
      }),
    );
    list.setWindow({ start: 10, end: 15 });
    await settle();
    list.append([15, 16]);
    expect(list.getSnapshot().count).toBe(17);
    expect(list.getSnapshot().getRange(10, 17).items).toEqual([10, 11, 12, 13, 14, 15, 16]);
    expect(queryClient.getQueryData<{ items: number[] }>(['feed', 'page', 1])?.items).toHaveLength(7);
    list.setWindow({ start: 0, end: 10 }); // page 0 says total: 15
    await settle();
    expect(list.getSnapshot().count).toBe(17);
  });

  it('appends to the newest page of a cursor list at its end, and refuses before the end is loaded', async () => {
    const pages: Record<string, { items: string[]; nextCursor: string | null; prevCursor: string | null }> = {
      newest: { items: ['c', 'd'], nextCursor: null, prevCursor: 'older' },
      older: { items: ['a', 'b'], nextCursor: 'newest', prevCursor: null },
    };
    const list = tracked(
      createLazyList<string>({
        key: ['chat'],
        source: cursorSource({
          pageSize: 2,
          initialCursor: 'newest',
          fetchPage: async ({ cursor }) =>
            pages[String(cursor)] ?? { items: [], nextCursor: null, prevCursor: null },
        }),
      }),
    );
    expect(list.append(['too early'])).toBe(false);
    list.setWindow({ start: 0, end: 2 });
    await settle();
    expect(list.append(['e'])).toBe(true);
    const snapshot = list.getSnapshot();
    expect(snapshot.getRange(0, snapshot.count).items).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(snapshot.getItemKey(snapshot.count - 1)).toBe(2);
  });

  it('under critical memory pressure, items just appended stay until the window reaches them', async () => {
    const fetched: number[] = [];
    const monitor = createMemoryMonitor({ performance: null });
    const list = tracked(
      createLazyList<number>({
        key: ['append-pressure'],
        memoryMonitor: monitor,
        prefetch: 0,
        source: offsetSource({
          pageSize: 4,
          initialCount: 0,
          fetchPage: async ({ offset, limit }) => {
            fetched.push(offset);
            return { items: Array<number>(limit).fill(-1) };
          },
        }),
      }),
    );
    list.append([0, 1, 2]);
    list.setWindow({ start: 0, end: 3 });
    await settle();
    monitor.simulate('critical');
    await settle();
    list.append([3, 4, 5]);
    list.setWindow({ start: 2, end: 6 });
    await settle();
    expect(fetched).toEqual([]);
    expect(list.getSnapshot().getRange(2, 6).items).toEqual([2, 3, 4, 5]);
    monitor.simulate(null);
  });

  it('refuses for range sources', () => {
    const list = tracked(
      createLazyList<{ t: number }>({
        key: ['range'],
        source: rangeSource<{ t: number }>({ bucket: 10, fetchRange: async () => [] }),
      }),
    );
    expect(list.append([{ t: 1 }])).toBe(false);
  });
});
