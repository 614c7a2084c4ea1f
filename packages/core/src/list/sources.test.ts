import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it, vi } from 'vitest';
import { cursorSource } from '../paging/cursorPaging.ts';
import { rangeSource } from '../paging/rangePaging.ts';
import { pageQueryKey } from '../scheduler/pageQuery.ts';
import type { CursorFetchParams } from '../sources/cursorSource.ts';
import { eagerSource } from '../sources/eagerSource.ts';
import type { RangeFetchParams } from '../sources/rangeSource.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';

async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const track = subscribedLists();

/** A feed of `total` messages with the mock server's cursor semantics (cursor = boundary position). */
function fakeFeed(total: number) {
  const calls: CursorFetchParams[] = [];
  const fetchPage = async (params: CursorFetchParams) => {
    calls.push(params);
    const position =
      params.cursor === null ? (params.direction === 'forward' ? 0 : total) : Number(params.cursor);
    const start = params.direction === 'forward' ? position : Math.max(0, position - params.limit);
    const end = params.direction === 'forward' ? Math.min(total, position + params.limit) : position;
    const items = Array.from({ length: end - start }, (_, i) => ({ id: start + i }));
    return {
      items,
      nextCursor: end < total ? String(end) : null,
      prevCursor: start > 0 ? String(start) : null,
    };
  };
  return { calls, fetchPage };
}

describe('cursorSource', () => {
  it('walks backward from the newest end, prepending older pages with a stable key and prependedCount', async () => {
    const feed = fakeFeed(95);
    const list = track(
      createLazyList({
        key: ['chat'],
        source: cursorSource({ pageSize: 20, initialDirection: 'backward', fetchPage: feed.fetchPage }),
        prefetch: 1,
      }),
    );
    list.setWindow({ start: 0, end: 10, direction: 'backward' });
    await settle();
    let snapshot = list.getSnapshot();
    expect(feed.calls[0]).toMatchObject({ cursor: null, direction: 'backward', limit: 20 });
    expect(snapshot.reachedEnd).toBe(true);
    expect(snapshot.countKind).toBe('unknown');
    // newest page (75..94) is ordinal 0; older pages were prepended while the window followed its items
    expect(snapshot.prependedCount).toBeGreaterThanOrEqual(20);
    const first = snapshot.window?.start ?? -1;
    expect(snapshot.getItem(first)).toEqual({ status: 'loaded', item: { id: 75 } });
    expect(snapshot.getItemKey(first)).toBe(0);
    // scroll to the top until the start is reached
    for (let i = 0; i < 10 && !list.getSnapshot().reachedStart; i++) {
      list.setWindow({ start: 0, end: 10, direction: 'backward' });
      await settle();
    }
    snapshot = list.getSnapshot();
    expect(snapshot.reachedStart).toBe(true);
    expect(snapshot.countKind).toBe('exact');
    expect(snapshot.count).toBe(95);
    expect(snapshot.prependedCount).toBe(75);
    expect(snapshot.getItem(0)).toEqual({ status: 'loaded', item: { id: 0 } });
    expect(snapshot.getItemKey(75)).toBe(0);
    expect(snapshot.getItem(94)).toEqual({ status: 'loaded', item: { id: 94 } });
    for (const call of feed.calls.slice(1)) expect(call.direction).toBe('backward');
  });

  it('walks forward from the oldest end until the end is reached', async () => {
    const feed = fakeFeed(45);
    const list = track(
      createLazyList({
        key: ['feed'],
        source: cursorSource({ pageSize: 10, fetchPage: feed.fetchPage }),
        prefetch: 1,
      }),
    );
    for (let start = 0; start < 60; start += 10) {
      list.setWindow({ start, end: start + 10 });
      await settle();
    }
    const snapshot = list.getSnapshot();
    expect(snapshot.countKind).toBe('exact');
    expect(snapshot.count).toBe(45);
    expect(snapshot.prependedCount).toBe(0);
    expect(snapshot.getItem(44)).toEqual({ status: 'loaded', item: { id: 44 } });
    expect(snapshot.getItem(45).status).toBe('placeholder');
    expect(feed.calls.every((call) => call.direction === 'forward')).toBe(true);
    expect(feed.calls.map((call) => call.cursor)).toEqual([null, '10', '20', '30', '40']);
  });

  it('turns a response without cursors into a page error', async () => {
    const fetchPage = async () => ({ items: [] }) as never;
    const list = track(
      createLazyList({ key: ['bad-feed'], source: cursorSource({ pageSize: 10, fetchPage }) }),
    );
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(list.getSnapshot().getItem(0).status).toBe('placeholder');
    expect(list.getSnapshot().pages.get(0)?.status).toBe('error');
    expect(String(list.getSnapshot().error)).toMatch(/nextCursor/);
  });
});

describe('rangeSource', () => {
  it('fetches only the new buckets when the range pans', async () => {
    const calls: RangeFetchParams[] = [];
    const fetchRange = async (params: RangeFetchParams) => {
      calls.push(params);
      const points = [];
      for (let t = params.from; t < params.to; t += 100) points.push({ t, value: t / 100 });
      return { points };
    };
    const list = track(
      createLazyList({
        key: ['metrics'],
        source: rangeSource({ bucket: 1_000, fetchRange, getKey: (p: { t: number }) => p.t }),
        prefetch: 0,
      }),
    );
    list.setWindow({ start: 0, end: 3_000 });
    await settle();
    expect(calls.map((call) => [call.from, call.to])).toEqual([
      [0, 1_000],
      [1_000, 2_000],
      [2_000, 3_000],
    ]);
    list.setWindow({ start: 1_500, end: 3_500 });
    await settle();
    expect(calls.map((call) => call.from)).toEqual([0, 1_000, 2_000, 3_000]);
    const range = list.getSnapshot().getRange(1_500, 3_500);
    expect(range.status).toBe('loaded');
    expect(range.items.map((p) => p.t)).toEqual(Array.from({ length: 20 }, (_, i) => 1_500 + i * 100));
    expect(list.getSnapshot().getItem(2_000)).toEqual({ status: 'loaded', item: { t: 2_000, value: 20 } });
  });

  it('rejects a non-positive bucket naming the option', () => {
    expect(() => rangeSource({ bucket: 0, fetchRange: async () => [] })).toThrow(
      /rangeSource option "bucket"/,
    );
  });
});

describe('eagerSource', () => {
  it('serves an array through the paged API with an exact count', async () => {
    const list = track(
      createLazyList({ key: ['colors'], source: eagerSource(['red', 'green', 'blue'], { pageSize: 2 }) }),
    );
    list.setWindow({ start: 0, end: 3 });
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(3);
    expect(snapshot.countKind).toBe('exact');
    expect(snapshot.getRange(0, 3)).toEqual({ status: 'loaded', items: ['red', 'green', 'blue'] });
  });

  it('an array: its first page is in the snapshot before any subscriber, with no request, and goes into the QueryClient when the list starts', async () => {
    const client = new QueryClient();
    const source = eagerSource(['a', 'b', 'c', 'd', 'e'], { pageSize: 2 });
    const pages = vi.spyOn(source, 'loadPage');
    const spans = vi.spyOn(source, 'loadSpan');
    const list = createLazyList({ key: ['eager-hand'], source, queryClient: client });
    expect(list.getSnapshot().count).toBe(5);
    expect(list.getSnapshot().getRange(0, 2)).toEqual({ status: 'loaded', items: ['a', 'b'] });
    expect(list.getSnapshot().getItem(2).status).toBe('placeholder'); // the window is not known yet
    // Created but never started (a render React discarded): nothing written into the client.
    expect(client.getQueryCache().getAll()).toHaveLength(0);
    track(list);
    list.setWindow({ start: 0, end: 5 });
    await settle();
    expect(list.getSnapshot().getRange(0, 5)).toEqual({ status: 'loaded', items: ['a', 'b', 'c', 'd', 'e'] });
    expect(client.getQueryData(pageQueryKey(['eager-hand'], 0))).toEqual({ items: ['a', 'b'], total: 5 });
    expect(pages.mock.calls.map(([request]) => request.page)).not.toContain(0);
    expect(spans.mock.calls.map(([request]) => request.offset)).not.toContain(0);
    expect(pages.mock.calls.length + spans.mock.calls.length).toBeGreaterThan(0); // the rest was loaded
  });

  it('a function: nothing before its promise resolves', () => {
    const list = createLazyList({ key: ['eager-later'], source: eagerSource(async () => ['a', 'b']) });
    expect(list.getSnapshot().getItem(0).status).not.toBe('loaded');
    list.destroy();
  });

  it('calls a loader function once and again after refresh()', async () => {
    let loads = 0;
    const source = eagerSource(async () => {
      loads++;
      return Array.from({ length: 10 }, (_, i) => i * loads);
    });
    const list = track(createLazyList({ key: ['eager-fn'], source }));
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(list.getSnapshot().getItem(9)).toEqual({ status: 'loaded', item: 9 });
    list.refresh();
    await settle();
    expect(loads).toBe(2);
    expect(list.getSnapshot().getItem(9)).toEqual({ status: 'loaded', item: 18 });
  });

  it('rejects something that is neither an array nor a function', () => {
    expect(() => eagerSource(42 as never)).toThrow(/eagerSource option "items"/);
  });
});
