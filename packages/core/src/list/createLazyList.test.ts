import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageShapeError } from '../errors.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

interface Row {
  id: number;
  title: string;
  version: number;
}

const row = (id: number, version = 0): Row => ({ id, title: `Item ${id}`, version });

/** Serves `total` deterministic rows; records every call. */
function fakeServer(total: number, version = () => 0) {
  const calls: OffsetFetchParams[] = [];
  const fetchPage = async (params: OffsetFetchParams) => {
    calls.push(params);
    const end = Math.min(total, params.offset + params.limit);
    const items: Row[] = [];
    for (let id = params.offset; id < end; id++) items.push(row(id, version()));
    return { items, total };
  };
  return { calls, fetchPage };
}

/** Lets promise chains and query-core's setTimeout(0) notifications run. */
async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

const lists: LazyList<unknown>[] = [];
function track<T>(list: LazyList<T>): LazyList<T> {
  lists.push(list as LazyList<unknown>);
  return list;
}
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
  vi.useRealTimers();
});

describe('createLazyList with an offset source', () => {
  it('random access at 50,000,000 of 100,000,000 fetches at most 1 + 2 × prefetch pages, none before 49,990,000', async () => {
    const server = fakeServer(100_000_000);
    const list = track(
      createLazyList({
        key: ['big'],
        source: offsetSource({ pageSize: 100, fetchPage: server.fetchPage }),
        prefetch: 2,
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 50_000_000, end: 50_000_040, direction: 'forward', velocity: 0 });
    await settle();
    expect(server.calls.length).toBeGreaterThan(0);
    expect(server.calls.length).toBeLessThanOrEqual(1 + 2 * 2);
    for (const call of server.calls) expect(call.offset).toBeGreaterThanOrEqual(49_990_000);
    const snapshot = list.getSnapshot();
    expect(snapshot.getItem(50_000_000)).toEqual({ status: 'loaded', item: row(50_000_000) });
    expect(snapshot.count).toBe(100_000_000);
    expect(snapshot.countKind).toBe('exact');
    expect(snapshot.status).toBe('ready');
  });

  it('keeps bytesInMemory within maxBytes while the window sweeps 1,000,000 items', async () => {
    const server = fakeServer(1_000_000);
    const maxBytes = 200_000;
    const list = track(
      createLazyList({
        key: ['sweep'],
        source: offsetSource({ pageSize: 100, fetchPage: server.fetchPage }),
        prefetch: 1,
        memory: { maxBytes },
        statsInterval: 0,
      }),
    );
    list.subscribe(() => {});
    let peak = 0;
    for (let start = 0; start < 1_000_000; start += 4_000) {
      list.setWindow({ start, end: start + 50 });
      await settle(3);
      peak = Math.max(peak, list.getSnapshot().stats.bytesInMemory);
      expect(list.getSnapshot().getItem(start).status).toBe('loaded');
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(maxBytes);
    expect(list.getSnapshot().stats.evictions).toBeGreaterThan(0);
  });

  it('aborts the signal passed to fetchPage when the window jumps away', async () => {
    const signals = new Map<number, AbortSignal>();
    const fetchPage = ({ page, signal }: OffsetFetchParams) =>
      new Promise<{ items: Row[] }>((_resolve, reject) => {
        signals.set(page, signal);
        signal.addEventListener('abort', () => reject(signal.reason));
      });
    const list = track(
      createLazyList({ key: ['abort'], source: offsetSource({ pageSize: 10, fetchPage }), prefetch: 0 }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    await settle(1);
    expect(signals.get(0)?.aborted).toBe(false);
    list.setWindow({ start: 10_000, end: 10_010 });
    await settle(1);
    expect(signals.get(0)?.aborted).toBe(true);
    expect(signals.get(1_000)?.aborted).toBe(false);
    expect(list.getSnapshot().getItem(0).status).toBe('placeholder');
  });

  it('recovers from two failures through retries with backoff', async () => {
    vi.useFakeTimers();
    let failures = 2;
    const server = fakeServer(1_000);
    const fetchPage = async (params: OffsetFetchParams) => {
      if (failures-- > 0) throw new Error('503');
      return server.fetchPage(params);
    };
    const list = track(
      createLazyList({
        key: ['retry'],
        source: offsetSource({ pageSize: 10, fetchPage }),
        prefetch: 0,
        retry: { attempts: 3, baseDelayMs: 100 },
        random: () => 0,
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    await vi.advanceTimersByTimeAsync(10);
    expect(list.getSnapshot().getItem(0).status).toBe('loading');
    await vi.advanceTimersByTimeAsync(50); // first retry after 50 ms (cap 100, jitter 0 → half)
    await vi.advanceTimersByTimeAsync(100); // second retry after 100 ms
    const snapshot = list.getSnapshot();
    expect(snapshot.getItem(0)).toEqual({ status: 'loaded', item: row(0) });
    expect(snapshot.stats.retries).toBe(2);
    expect(snapshot.stats.requests).toBe(3);
    expect(snapshot.stats.errors).toBe(0);
  });

  it('shows an error value, not an unhandled rejection, once retries are exhausted, and retry() reloads', async () => {
    let fail = true;
    const server = fakeServer(100);
    const fetchPage = async (params: OffsetFetchParams) => {
      if (fail) throw new Error('boom');
      return server.fetchPage(params);
    };
    const list = track(
      createLazyList({
        key: ['fail'],
        source: offsetSource({ pageSize: 10, fetchPage }),
        prefetch: 0,
        retry: { attempts: 1 },
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 5 });
    await settle();
    const failed = list.getSnapshot();
    expect(failed.status).toBe('error');
    expect(failed.getItem(3)).toMatchObject({ status: 'error', error: new Error('boom') });
    fail = false;
    list.retry(0);
    await settle();
    expect(list.getSnapshot().getItem(3)).toEqual({ status: 'loaded', item: row(3) });
    expect(list.getSnapshot().status).toBe('ready');
  });

  it('drops a response that arrives after refresh()', async () => {
    const pending: Array<(version: number) => void> = [];
    const fetchPage = ({ offset, limit }: OffsetFetchParams) =>
      new Promise<{ items: Row[]; total: number }>((resolve) => {
        pending.push((version) =>
          resolve({ items: Array.from({ length: limit }, (_, i) => row(offset + i, version)), total: 100 }),
        );
      });
    const list = track(
      createLazyList({ key: ['stale'], source: offsetSource({ pageSize: 10, fetchPage }), prefetch: 0 }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    await settle(1);
    list.refresh();
    await settle(1);
    expect(pending).toHaveLength(2);
    pending[1]?.(2);
    await settle();
    pending[0]?.(1);
    await settle();
    expect(list.getSnapshot().getItem(0)).toEqual({ status: 'loaded', item: row(0, 2) });
  });

  it('keeps the snapshot reference until something visible changes', async () => {
    const server = fakeServer(1_000);
    const list = track(
      createLazyList({
        key: ['stable'],
        source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
        prefetch: 1,
        maxConcurrent: 1,
        statsInterval: 0,
      }),
    );
    const idle = list.getSnapshot();
    expect(list.getSnapshot()).toBe(idle);
    let notified = 0;
    list.subscribe(() => notified++);
    list.setWindow({ start: 0, end: 10 });
    await settle();
    const loaded = list.getSnapshot();
    expect(loaded).not.toBe(idle);
    expect(loaded.getItem(0).status).toBe('loaded');
    expect(list.getSnapshot()).toBe(loaded);
    const before = notified;
    list.setWindow({ start: 0, end: 10 }); // same window
    expect(list.getSnapshot()).toBe(loaded);
    expect(notified).toBe(before);
    // page 1 (prefetch) landed after page 0 without producing a new snapshot
    expect(server.calls.map((call) => call.page)).toEqual([0, 1]);
    expect(loaded.pages.get(1)?.status).not.toBe('loaded');
  });

  it('folds background changes into a snapshot after statsInterval', async () => {
    vi.useFakeTimers();
    const server = fakeServer(1_000);
    const list = track(
      createLazyList({
        key: ['interval'],
        source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
        prefetch: 1,
        maxConcurrent: 1,
        statsInterval: 500,
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    await vi.advanceTimersByTimeAsync(10);
    const first = list.getSnapshot();
    expect(first.getItem(0).status).toBe('loaded');
    await vi.advanceTimersByTimeAsync(500);
    const later = list.getSnapshot();
    expect(later).not.toBe(first);
    expect(later.pages.get(1)?.status).toBe('loaded');
    expect(later.getItem(0).status).toBe('loaded');
  });

  it('refetches visible pages when the app calls invalidateQueries on the key', async () => {
    let version = 1;
    const server = fakeServer(1_000, () => version);
    const queryClient = new QueryClient();
    const list = track(
      createLazyList({
        key: ['inv', { tenant: 1 }],
        source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
        prefetch: 0,
        queryClient,
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 20 });
    await settle();
    expect(server.calls.map((call) => call.page)).toEqual([0, 1]);
    expect(queryClient.getQueryData(['inv', { tenant: 1 }, 'page', 0])).toBeDefined();
    version = 2;
    await queryClient.invalidateQueries({ queryKey: ['inv'] });
    await settle();
    expect(server.calls.map((call) => call.page)).toEqual([0, 1, 0, 1]);
    expect(list.getSnapshot().getItem(15)).toEqual({ status: 'loaded', item: row(15, 2) });
  });

  it('puts no listener on the QueryCache before its first subscriber (a render React discards leaks nothing)', () => {
    const queryClient = new QueryClient();
    const cache = queryClient.getQueryCache();
    const list = track(
      createLazyList({
        key: ['listeners'],
        source: offsetSource({ pageSize: 10, fetchPage: fakeServer(100).fetchPage }),
        queryClient,
      }),
    );
    expect(cache.hasListeners()).toBe(false);
    const stop = list.subscribe(() => {});
    expect(cache.hasListeners()).toBe(true);
    stop();
    expect(cache.hasListeners()).toBe(false);
    list.destroy();
    expect(cache.hasListeners()).toBe(false);
  });

  it('refetches a page the app invalidated while the list had no subscriber, once it has one again', async () => {
    let version = 1;
    const server = fakeServer(1_000, () => version);
    const queryClient = new QueryClient();
    const list = track(
      createLazyList({
        key: ['idle-inv'],
        source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
        prefetch: 0,
        queryClient,
      }),
    );
    const stop = list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    await settle();
    stop();
    version = 2;
    await queryClient.invalidateQueries({ queryKey: ['idle-inv'] });
    expect(server.calls.map((call) => call.page)).toEqual([0]);
    list.subscribe(() => {});
    await settle();
    expect(server.calls.map((call) => call.page)).toEqual([0, 0]);
    expect(list.getSnapshot().getItem(5)).toEqual({ status: 'loaded', item: row(5, 2) });
  });

  it('turns a wrongly shaped response into a page error naming what was expected, without retrying', async () => {
    const fetchPage = async () => ({ data: [1, 2, 3] }) as unknown as { items: Row[] };
    const list = track(
      createLazyList({ key: ['shape'], source: offsetSource({ pageSize: 10, fetchPage }), prefetch: 0 }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    await settle();
    const state = list.getSnapshot().getItem(0);
    expect(state.status).toBe('error');
    expect(state.error).toBeInstanceOf(PageShapeError);
    expect(String((state.error as Error).message)).toMatch(/page 0 must resolve to \{ items: unknown\[\]/);
    expect(list.getSnapshot().stats.requests).toBe(1);
  });

  it('never lets a rejected fetch become an unhandled rejection', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const fetchPage = () => Promise.reject(new Error('network down'));
      const list = track(
        createLazyList({
          key: ['unhandled'],
          source: offsetSource({ pageSize: 10, fetchPage }),
          retry: { attempts: 1 },
        }),
      );
      list.subscribe(() => {});
      list.setWindow({ start: 0, end: 30 });
      await settle();
      list.setWindow({ start: 500, end: 530 });
      list.destroy();
      await settle();
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  it('runs at most maxConcurrent fetches, visible pages first', async () => {
    const started: number[] = [];
    let running = 0;
    let peak = 0;
    const server = fakeServer(10_000);
    const fetchPage = async (params: OffsetFetchParams) => {
      started.push(params.page);
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      return server.fetchPage(params);
    };
    const list = track(
      createLazyList({
        key: ['conc'],
        source: offsetSource({ pageSize: 10, fetchPage }),
        prefetch: 2,
        maxConcurrent: 2,
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 100, end: 130, direction: 'backward' });
    await settle(20);
    expect(peak).toBe(2);
    expect(started).toEqual([12, 11, 10, 9, 13, 8, 7]);
  });

  it('requests nothing while flinging and loads the window and prefetch once it settles', async () => {
    const server = fakeServer(100_000);
    const list = track(
      createLazyList({
        key: ['fling'],
        source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
        prefetch: 2,
        flingVelocity: 1_000,
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 5_000, end: 5_010, velocity: 50_000 });
    await settle();
    expect(server.calls).toEqual([]);
    expect(list.getSnapshot().getItem(5_000).status).toBe('placeholder');
    list.setWindow({ start: 5_000, end: 5_010, velocity: 0 });
    await settle();
    expect(server.calls.map((call) => call.page).sort()).toEqual([499, 500, 501, 502, 503]);
  });

  it('prefetch() loads a range at background priority', async () => {
    const server = fakeServer(1_000);
    const list = track(
      createLazyList({
        key: ['bg'],
        source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
        prefetch: 0,
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    list.prefetch({ start: 500, end: 520 });
    await settle();
    expect(server.calls.map((call) => call.page)).toEqual([0, 50, 51]);
    expect(list.getSnapshot().stats.requests).toBe(3);
  });

  it('does not fetch before the first subscriber and stops after destroy()', async () => {
    const server = fakeServer(1_000);
    const list = createLazyList({
      key: ['lazy'],
      source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
    });
    list.setWindow({ start: 0, end: 10 });
    await settle();
    expect(server.calls).toHaveLength(0);
    const unsubscribe = list.subscribe(() => {});
    await settle();
    expect(server.calls.length).toBeGreaterThan(0);
    unsubscribe();
    list.destroy();
    const calls = server.calls.length;
    const snapshot = list.getSnapshot();
    list.setWindow({ start: 100, end: 110 });
    list.refresh();
    list.invalidate();
    list.retry();
    list.prefetch({ start: 0, end: 100 });
    list.destroy();
    await settle();
    expect(server.calls).toHaveLength(calls);
    expect(list.getSnapshot()).toBe(snapshot);
  });

  it('destroy() with a shared client keeps the window zone, so a list created again with the key refetches nothing there', async () => {
    const server = fakeServer(10_000);
    const queryClient = new QueryClient();
    const options = {
      key: ['remount'],
      source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
      prefetch: 1,
      queryClient,
    };
    const first = createLazyList(options);
    first.subscribe(() => {});
    first.setWindow({ start: 5_000, end: 5_010 });
    first.prefetch({ start: 0, end: 10 }); // outside the zone: dropped on destroy
    await settle();
    first.destroy();
    const cached = queryClient
      .getQueryCache()
      .findAll({ queryKey: ['remount', 'page'] })
      .map((query) => query.queryKey[2]);
    expect(cached).not.toContain(0);
    expect(cached).toContain(500);
    const calls = server.calls.length;
    const second = track(createLazyList(options));
    second.subscribe(() => {});
    second.setWindow({ start: 5_000, end: 5_010 });
    await settle();
    expect(second.getSnapshot().getItem(5_003)).toMatchObject({ status: 'loaded', item: { id: 5_003 } });
    expect(server.calls.slice(calls).map((call) => call.offset / 10)).not.toContain(500);
  });

  it('invalidate() drops pages and the count and loads the window again', async () => {
    let version = 1;
    const server = fakeServer(100, () => version);
    const list = track(
      createLazyList({
        key: ['reset'],
        source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
        prefetch: 0,
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    await settle();
    version = 2;
    list.invalidate();
    expect(list.getSnapshot().getItem(0).status).toBe('loading');
    expect(list.getSnapshot().countKind).toBe('unknown');
    await settle();
    expect(list.getSnapshot().getItem(0)).toEqual({ status: 'loaded', item: row(0, 2) });
  });

  it("refresh() and invalidate() each call the source's reset() once (a source that memoizes forgets it once)", async () => {
    const server = fakeServer(100);
    const reset = vi.fn();
    const list = track(
      createLazyList({
        key: ['reset-once'],
        source: { ...offsetSource({ pageSize: 10, fetchPage: server.fetchPage }), reset },
        prefetch: 0,
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    await settle();
    list.refresh();
    expect(reset).toHaveBeenCalledTimes(1);
    await settle();
    list.invalidate();
    expect(reset).toHaveBeenCalledTimes(2);
    await settle();
    expect(list.getSnapshot().getItem(0)).toEqual({ status: 'loaded', item: row(0) });
    expect(list.getSnapshot().count).toBe(100);
  });
});

describe('createLazyList window changes (bugs found by the model test)', () => {
  it('a page that left the window is not fetched in the slot a cancelled fetch freed', async () => {
    const started: number[] = [];
    const aborted: number[] = [];
    const list = track(
      createLazyList<number>({
        key: ['left-window'],
        prefetch: 0,
        maxConcurrent: 1,
        source: offsetSource({
          pageSize: 5,
          // Never answers by itself (a timer here raced the checks on a loaded machine): only
          // an abort ends a fetch, so a started page can only be one the window asked for.
          fetchPage: ({ offset, signal }) =>
            new Promise((_resolve, reject) => {
              started.push(offset);
              signal.addEventListener('abort', () => {
                aborted.push(offset);
                reject(signal.reason);
              });
            }),
        }),
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 }); // page 0 runs, page 1 waits
    await settle(2);
    expect(started).toEqual([0]);
    list.setWindow({ start: 100, end: 105 }); // both leave the window
    await settle(2);
    expect(aborted).toEqual([0]);
    expect(started).toEqual([0, 100]); // page 20 next, never page 1
  });

  it('a fling that stops in place publishes the visible pages loading at once', async () => {
    const server = fakeServer(1_000);
    const list = track(
      createLazyList({
        key: ['fling-stop'],
        statsInterval: 60_000,
        source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 500, end: 510, velocity: 5_000 }); // a fling: nothing requested
    await settle();
    expect(list.getSnapshot().getItem(505).status).toBe('placeholder');
    list.setWindow({ start: 500, end: 510, velocity: 0 });
    expect(list.getSnapshot().getItem(505).status).toBe('loading');
    await settle();
    expect(list.getSnapshot().getItem(505).status).toBe('loaded');
  });
});
