import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { cursorSource } from '../paging/cursorPaging.ts';
import { rangeSource } from '../paging/rangePaging.ts';
import { eagerSource } from '../sources/eagerSource.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

/** An offset `fetchPage` that tags each item with `tag` (the token it closed over) and records calls. */
function server(tag: string, calls: string[]) {
  return async ({ offset, limit }: OffsetFetchParams) => {
    calls.push(`${tag}@${offset}`);
    const items = Array.from({ length: limit }, (_, i) => ({ id: offset + i, tag }));
    return { items, total: 10_000 };
  };
}

async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

function offsetList(calls: string[], extra: { prefetch?: number; memory?: { maxBytes?: number } } = {}) {
  const list = createLazyList<{ id: number; tag: string }>({
    key: [`set-${Math.random()}`],
    source: offsetSource({ pageSize: 100, fetchPage: server('a', calls) }),
    prefetch: 0,
    statsInterval: 0,
    ...extra,
  });
  lists.push(list as LazyList<unknown>);
  list.subscribe(() => {});
  return list;
}

describe('LazyList.setOptions', () => {
  it('a new fetchPage closure is used for the next page; loaded pages are kept, not refetched', async () => {
    const calls: string[] = [];
    const list = offsetList(calls);
    list.setWindow({ start: 0, end: 50 });
    await settle();
    expect(calls).toEqual(['a@0']);
    list.setOptions({ source: offsetSource({ pageSize: 100, fetchPage: server('b', calls) }) });
    list.setWindow({ start: 0, end: 150 });
    await settle();
    expect(calls).toEqual(['a@0', 'b@100']);
    const snapshot = list.getSnapshot();
    expect(snapshot.getItem(0)).toMatchObject({ status: 'loaded', item: { tag: 'a' } });
    expect(snapshot.getItem(120)).toMatchObject({ status: 'loaded', item: { tag: 'b' } });
  });

  it('refresh() after a new closure refetches the window with it', async () => {
    const calls: string[] = [];
    const list = offsetList(calls);
    list.setWindow({ start: 0, end: 50 });
    await settle();
    list.setOptions({ source: offsetSource({ pageSize: 100, fetchPage: server('token2', calls) }) });
    list.refresh();
    await settle();
    expect(list.getSnapshot().getItem(0)).toMatchObject({ status: 'loaded', item: { tag: 'token2' } });
  });

  it('a smaller memory budget evicts at once, keeping the visible window', async () => {
    const calls: string[] = [];
    const list = offsetList(calls, { prefetch: 0 });
    for (const start of [0, 1_000, 2_000, 3_000]) {
      list.setWindow({ start, end: start + 50 });
      await settle();
    }
    expect(list.getSnapshot().stats.pagesInMemory).toBe(4);
    list.setOptions({ memory: { maxPages: 1 } });
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.stats.pagesInMemory).toBe(1);
    expect(snapshot.getItem(3_000)).toMatchObject({ status: 'loaded' });
  });

  it('more prefetch fetches the new zone at once', async () => {
    const calls: string[] = [];
    const list = offsetList(calls, { prefetch: 0 });
    list.setWindow({ start: 500, end: 550 });
    await settle();
    expect(calls).toEqual(['a@500']);
    list.setOptions({ prefetch: 2 });
    await settle();
    expect(calls.length).toBeGreaterThan(1);
    expect(
      calls.every((call) => Number(call.split('@')[1]) >= 200 && Number(call.split('@')[1]) <= 800),
    ).toBe(true);
  });

  it('an eagerSource with another array is other data: the list shows the new items', async () => {
    const list = createLazyList<string>({
      key: ['eager-set'],
      source: eagerSource(['a', 'b']),
      statsInterval: 0,
    });
    lists.push(list as LazyList<unknown>);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(list.getSnapshot().count).toBe(2);
    list.setOptions({ source: eagerSource(['x', 'y', 'z']) });
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(3);
    expect(snapshot.getItem(0)).toMatchObject({ status: 'loaded', item: 'x' });
    // The same array again changes nothing.
    const same = ['q'];
    list.setOptions({ source: eagerSource(same) });
    await settle();
    const before = list.getSnapshot();
    list.setOptions({ source: eagerSource(same) });
    await settle();
    expect(list.getSnapshot()).toBe(before);
  });

  it('a new cursor or range closure is adopted too', async () => {
    const seen: string[] = [];
    const cursor = (tag: string) =>
      cursorSource<number>({
        pageSize: 10,
        fetchPage: async () => {
          seen.push(tag);
          return { items: [1], nextCursor: null, prevCursor: null };
        },
      });
    const list = createLazyList({ key: ['cursor-set'], source: cursor('one') });
    lists.push(list as LazyList<unknown>);
    expect(() => list.setOptions({ source: cursor('two') })).not.toThrow();
    const range = (tag: string) =>
      rangeSource<number>({
        bucket: 10,
        fetchRange: async () => {
          seen.push(tag);
          return [];
        },
      });
    const ranged = createLazyList({ key: ['range-set'], source: range('r1') });
    lists.push(ranged as LazyList<unknown>);
    ranged.subscribe(() => {});
    ranged.setOptions({ source: range('r2') });
    ranged.setWindow({ start: 0, end: 5 });
    await settle();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((tag) => tag === 'r2')).toBe(true);
  });

  it.each([
    [
      'another page size',
      { source: offsetSource({ pageSize: 50, fetchPage: server('x', []) }) },
      /offset:100/,
    ],
    ['another kind', { source: eagerSource([1]) }, /source/],
    ['an invalid budget', { maxConcurrent: 0 }, /maxConcurrent/],
    ['a negative prefetch', { prefetch: -1 }, /prefetch/],
  ])('refuses %s with a TypeError naming the option, and keeps working', async (_, update, message) => {
    const calls: string[] = [];
    const list = offsetList(calls);
    list.setWindow({ start: 0, end: 50 });
    await settle();
    expect(() => list.setOptions(update as never)).toThrow(message);
    list.setWindow({ start: 200, end: 250 });
    await settle();
    expect(list.getSnapshot().getItem(200)).toMatchObject({ status: 'loaded', item: { tag: 'a' } });
  });

  it('refuses to change what makes the list itself (key, queryClient)', () => {
    const list = offsetList([]);
    expect(() => list.setOptions({ key: ['other'] } as never)).toThrow(/key/);
    expect(() => list.setOptions({ queryClient: new QueryClient() } as never)).toThrow(/queryClient/);
  });

  it('maxConcurrent takes effect for queued pages', async () => {
    const pending: Array<() => void> = [];
    let started = 0;
    const list = createLazyList<number>({
      key: ['concurrency-set'],
      prefetch: 0,
      maxConcurrent: 1,
      source: offsetSource({
        pageSize: 10,
        fetchPage: ({ offset, limit }) =>
          new Promise((resolve) => {
            started += 1;
            pending.push(() =>
              resolve({ items: Array.from({ length: limit }, (_, i) => offset + i), total: 1_000 }),
            );
          }),
      }),
    });
    lists.push(list as LazyList<unknown>);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 40 });
    await settle();
    expect(started).toBe(1);
    list.setOptions({ maxConcurrent: 4 });
    await settle();
    expect(started).toBe(4);
    for (const resolve of pending) resolve();
  });
});

describe('enabled', () => {
  it('enabled: false requests nothing for a window; turning it on fetches the window at once', async () => {
    const calls: string[] = [];
    const list = createLazyList<{ id: number; tag: string }>({
      key: [`enabled-${Math.random()}`],
      source: offsetSource({ pageSize: 100, fetchPage: server('a', calls) }),
      enabled: false,
      prefetch: 0,
      statsIntervalMs: 0,
    });
    lists.push(list as LazyList<unknown>);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 50 });
    list.prefetch({ start: 500, end: 600 });
    await settle();
    expect(calls).toEqual([]);
    expect(list.getSnapshot().getItem(0).status).not.toBe('loaded');
    list.setOptions({ enabled: true });
    await settle();
    expect(calls).toEqual(['a@0']);
    expect(list.getSnapshot().getItem(0)).toMatchObject({ status: 'loaded', item: { tag: 'a' } });
  });

  it('refuses a non-boolean enabled with a TypeError naming the option', () => {
    expect(() =>
      createLazyList({ key: ['enabled-bad'], source: eagerSource([1]), enabled: 'yes' as never }),
    ).toThrow(/enabled/);
  });
});
