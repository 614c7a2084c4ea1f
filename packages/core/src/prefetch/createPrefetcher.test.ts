import { QueryClient, type QueryKey } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Timers } from '../env/timers.ts';
import { createMemoryMonitor, type MemoryMonitor } from '../memory/createMemoryMonitor.ts';
import { setDefaultMemoryMonitor } from '../memory/defaultMemoryMonitor.ts';
import { fetchBudgetFor } from '../scheduler/fetchBudget.ts';
import { FetchScheduler } from '../scheduler/fetchScheduler.ts';
import { createPrefetcher } from './createPrefetcher.ts';
import type { Prefetcher } from './Prefetcher.ts';
import type { PrefetchResult } from './prefetchResult.ts';

interface Load {
  readonly name: string;
  readonly signal: AbortSignal;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** Loaders that wait until the test settles them; records each start with its signal. */
function controlledLoads() {
  const started: Load[] = [];
  const loader =
    (name: string) =>
    (signal: AbortSignal): Promise<unknown> =>
      new Promise((resolve, reject) => {
        started.push({ name, signal, resolve, reject });
      });
  const find = (name: string): Load => {
    const load = started.find((candidate) => candidate.name === name);
    if (load === undefined) throw new Error(`${name} never started`);
    return load;
  };
  return { started, loader, find, names: () => started.map((load) => load.name) };
}

/** Lets promise chains run; microtasks only, no clock. */
async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await Promise.resolve();
}

/** Timers that never fire, counting what the monitor schedules (it samples while subscribed). */
function idleTimers() {
  const counts = { set: 0, cleared: 0 };
  const timers: Timers = {
    setTimeout: () => ++counts.set,
    clearTimeout: () => {
      counts.cleared += 1;
    },
  };
  return { timers, counts };
}

function fakeMonitor(timers: Timers = idleTimers().timers): MemoryMonitor {
  return createMemoryMonitor({ performance: null, crossOriginIsolated: false, timers });
}

const prefetchers: Prefetcher[] = [];
function setup(
  options: { concurrency?: number; monitor?: MemoryMonitor | null; cancelAt?: 'high' | 'critical' } = {},
) {
  const client = new QueryClient();
  const prefetcher = createPrefetcher({
    concurrency: options.concurrency ?? 2,
    queryClient: client,
    memoryMonitor: options.monitor ?? null,
    ...(options.cancelAt && { cancelAt: options.cancelAt }),
  });
  prefetchers.push(prefetcher);
  return { client, prefetcher, loads: controlledLoads() };
}
afterEach(() => {
  for (const prefetcher of prefetchers.splice(0)) prefetcher.destroy();
  setDefaultMemoryMonitor(null);
});

const statuses = (results: readonly PrefetchResult[]) => results.map((result) => result.status);

describe('createPrefetcher: order and concurrency', () => {
  it('starts the highest priority first and, within a priority, the first asked', async () => {
    const { prefetcher, loads } = setup({ concurrency: 1 });
    void prefetcher.prefetch(['a'], loads.loader('a'));
    void prefetcher.prefetch(['b'], loads.loader('b'), { priority: 'low' });
    void prefetcher.prefetch(['c'], loads.loader('c'));
    void prefetcher.prefetch(['d'], loads.loader('d'), { priority: 'high' });
    void prefetcher.prefetch(['e'], loads.loader('e'), { priority: 'normal' });
    void prefetcher.prefetch(['f'], loads.loader('f'), { priority: 'high' });
    void prefetcher.prefetch(['g'], loads.loader('g'), { priority: 0.5 });
    for (let i = 0; i < 7; i++) {
      loads.started.at(-1)?.resolve(i);
      await settle();
    }
    expect(loads.names()).toEqual(['a', 'd', 'f', 'g', 'c', 'e', 'b']);
  });

  it('never runs more than `concurrency` loads at once', async () => {
    const { prefetcher, loads } = setup({ concurrency: 2 });
    const results = ['a', 'b', 'c', 'd', 'e'].map((name) => prefetcher.prefetch([name], loads.loader(name)));
    expect(loads.names()).toEqual(['a', 'b']);
    expect(prefetcher.getSnapshot()).toMatchObject({ running: 2, queued: 3 });
    loads.find('a').resolve(1);
    await settle();
    expect(loads.names()).toEqual(['a', 'b', 'c']);
    expect(prefetcher.getSnapshot()).toMatchObject({ running: 2, queued: 2, loaded: 1 });
    for (const name of ['b', 'c', 'd', 'e']) {
      loads.find(name).resolve(name);
      await settle();
    }
    expect(statuses(await Promise.all(results))).toEqual(['loaded', 'loaded', 'loaded', 'loaded', 'loaded']);
    expect(prefetcher.getSnapshot()).toMatchObject({ running: 0, queued: 0, loaded: 5 });
  });
});

describe("createPrefetcher: the QueryClient's one fetch budget", () => {
  it("waits behind a list's pages on the same client and never passes the client's limit", async () => {
    const { client, prefetcher, loads } = setup({ concurrency: 4 });
    fetchBudgetFor(client).setLimit(2);
    const list = new FetchScheduler<unknown>(
      { o: { maxConcurrent: 4, attempts: 1, timers: idleTimers().timers } },
      {
        execute: (_host, page) => {
          const controller = new AbortController();
          return { promise: loads.loader(`page${page}`)(controller.signal), abort: () => controller.abort() };
        },
        onSuccess: () => {},
        onError: () => {},
        shouldRetry: () => false,
      },
      fetchBudgetFor(client),
    );
    void prefetcher.prefetch(['a'], loads.loader('a'));
    void prefetcher.prefetch(['b'], loads.loader('b'));
    void prefetcher.prefetch(['c'], loads.loader('c'));
    expect(loads.names()).toEqual(['a', 'b']);
    list.enqueue(0, 'visible');
    list.enqueue(1, 'prefetch');
    expect(prefetcher.getSnapshot()).toMatchObject({ running: 2, queued: 1 });
    loads.find('a').resolve(1);
    await settle();
    loads.find('b').resolve(2);
    await settle();
    expect(loads.names()).toEqual(['a', 'b', 'page0', 'page1']); // not 'c': the list's pages first
    expect(fetchBudgetFor(client).running).toBe(2);
    loads.find('page0').resolve([]);
    await settle();
    expect(loads.names()).toEqual(['a', 'b', 'page0', 'page1', 'c']);
    expect(fetchBudgetFor(client).running).toBe(2);
  });
});

describe('createPrefetcher: the QueryClient and dedupe', () => {
  it('stores the data under the key, where a later fetchQuery finds it without loading', async () => {
    const { client, prefetcher, loads } = setup();
    const result = prefetcher.prefetch(['users', 'page', 0], loads.loader('users'));
    loads.find('users').resolve({ items: [1, 2] });
    expect(await result).toEqual({ status: 'loaded', key: ['users', 'page', 0] });
    const queryFn = vi.fn(async () => ({ items: [] }));
    const data = await client.fetchQuery({
      queryKey: ['users', 'page', 0],
      queryFn,
      staleTime: Number.POSITIVE_INFINITY,
    });
    expect(data).toEqual({ items: [1, 2] });
    expect(queryFn).not.toHaveBeenCalled();
  });

  it('a key waiting or loading returns the same promise and loads once; a loaded key resolves cached', async () => {
    const { prefetcher, loads } = setup({ concurrency: 1 });
    const first = prefetcher.prefetch(['a'], loads.loader('a'));
    expect(prefetcher.prefetch(['a'], loads.loader('a again'))).toBe(first);
    const waiting = prefetcher.prefetch(['b'], loads.loader('b'));
    expect(prefetcher.prefetch(['b'], loads.loader('b again'))).toBe(waiting);
    loads.find('a').resolve('A');
    await settle();
    loads.find('b').resolve('B');
    expect(statuses(await Promise.all([first, waiting]))).toEqual(['loaded', 'loaded']);
    expect(await prefetcher.prefetch(['a'], loads.loader('a third time'))).toEqual({
      status: 'cached',
      key: ['a'],
    });
    expect(loads.names()).toEqual(['a', 'b']);
    expect(prefetcher.getSnapshot()).toMatchObject({ loaded: 2, cached: 1 });
  });

  it('asking again at a higher priority moves a waiting key up the line', async () => {
    const { prefetcher, loads } = setup({ concurrency: 1 });
    void prefetcher.prefetch(['running'], loads.loader('running'));
    void prefetcher.prefetch(['x'], loads.loader('x'));
    void prefetcher.prefetch(['y'], loads.loader('y'), { priority: 'low' });
    void prefetcher.prefetch(['y'], loads.loader('y'), { priority: 'high' });
    for (let i = 0; i < 3; i++) {
      loads.started.at(-1)?.resolve(i);
      await settle();
    }
    expect(loads.names()).toEqual(['running', 'y', 'x']);
  });

  it('joins a fetch of the key that is already running (a list): no second load and no slot taken', async () => {
    const { client, prefetcher, loads } = setup({ concurrency: 1 });
    const listFetch = loads.loader('list');
    const listLoad = client.fetchQuery({
      queryKey: ['feed', 'page', 0],
      queryFn: ({ signal }) => listFetch(signal),
    });
    const result = prefetcher.prefetch(['feed', 'page', 0], loads.loader('prefetch'));
    expect(prefetcher.getSnapshot()).toMatchObject({ running: 0, queued: 0 });
    void prefetcher.prefetch(['other'], loads.loader('other')); // the slot is free
    expect(loads.names()).toEqual(['list', 'other']);
    loads.find('list').resolve({ items: ['from the list'] });
    expect(await result).toEqual({ status: 'cached', key: ['feed', 'page', 0] });
    expect(await listLoad).toEqual({ items: ['from the list'] });
  });

  it('a list asking while the prefetch loads joins it instead of fetching again', async () => {
    const { client, prefetcher, loads } = setup();
    const result = prefetcher.prefetch(['feed', 'page', 0], loads.loader('prefetch'));
    const listQueryFn = vi.fn(async () => ({ items: ['from the list'] }));
    const listLoad = client.fetchQuery({
      queryKey: ['feed', 'page', 0],
      queryFn: listQueryFn,
      staleTime: Number.POSITIVE_INFINITY,
    });
    loads.find('prefetch').resolve({ items: ['prefetched'] });
    expect(await listLoad).toEqual({ items: ['prefetched'] });
    expect(listQueryFn).not.toHaveBeenCalled();
    expect((await result).status).toBe('loaded');
  });

  it('a failed load resolves error and stores nothing, so the next fetch of the key loads normally', async () => {
    const { client, prefetcher, loads } = setup();
    const result = prefetcher.prefetch(['a'], loads.loader('a'));
    const failure = new Error('HTTP 500');
    loads.find('a').reject(failure);
    expect(await result).toEqual({ status: 'error', key: ['a'], error: failure });
    expect(client.getQueryState(['a'])).toBeUndefined();
    const data = await client.fetchQuery({ queryKey: ['a'], queryFn: async () => 'fresh' });
    expect(data).toBe('fresh');
    expect(prefetcher.getSnapshot()).toMatchObject({ errors: 1, loaded: 0 });
  });
});

describe('createPrefetcher: cancellation', () => {
  it('under pressure at cancelAt, drops waiting prefetches, aborts running ones and refuses new ones until it falls', async () => {
    const monitor = fakeMonitor();
    const { client, prefetcher, loads } = setup({ concurrency: 1, monitor });
    const running = prefetcher.prefetch(['running'], loads.loader('running'));
    const waiting = prefetcher.prefetch(['waiting'], loads.loader('waiting'));
    const signal = loads.find('running').signal;
    expect(signal.aborted).toBe(false);

    monitor.simulate('high');
    expect(signal.aborted).toBe(true);
    expect(await running).toEqual({ status: 'cancelled', key: ['running'], reason: 'pressure' });
    expect(await waiting).toEqual({ status: 'cancelled', key: ['waiting'], reason: 'pressure' });
    expect(prefetcher.getSnapshot()).toMatchObject({ running: 0, queued: 0, cancelled: 2, halted: true });
    await settle();
    expect(client.getQueryState(['running'])).toBeUndefined(); // no empty query left behind

    expect(await prefetcher.prefetch(['new'], loads.loader('new'))).toMatchObject({
      status: 'cancelled',
      reason: 'pressure',
    });
    monitor.simulate('critical');
    monitor.simulate('ok');
    const after = prefetcher.prefetch(['new'], loads.loader('new'));
    loads.find('new').resolve('N');
    expect((await after).status).toBe('loaded');
    expect(loads.names()).toEqual(['running', 'new']);
    expect(prefetcher.getSnapshot().halted).toBe(false);
  });

  it("cancelAt: 'critical' keeps loading at 'high'", async () => {
    const monitor = fakeMonitor();
    const { prefetcher, loads } = setup({ monitor, cancelAt: 'critical' });
    const result = prefetcher.prefetch(['a'], loads.loader('a'));
    monitor.simulate('high');
    expect(loads.find('a').signal.aborted).toBe(false);
    monitor.simulate('critical');
    expect(loads.find('a').signal.aborted).toBe(true);
    expect(await result).toMatchObject({ status: 'cancelled', reason: 'pressure' });
  });

  it('reads the level before accepting work: pressure that rose while idle refuses at once', async () => {
    const monitor = fakeMonitor();
    monitor.simulate('high');
    const { prefetcher, loads } = setup({ monitor });
    expect(await prefetcher.prefetch(['a'], loads.loader('a'))).toMatchObject({
      status: 'cancelled',
      reason: 'pressure',
    });
    expect(loads.started).toHaveLength(0);
  });

  it('a monitor that reports pressure in its first sample refuses at once and is not left subscribed', async () => {
    const { timers, counts } = idleTimers();
    const heap = { memory: { usedJSHeapSize: 900, jsHeapSizeLimit: 1_000 } }; // 90% of the limit: high
    const monitor = createMemoryMonitor({
      limitBytes: 1_000,
      performance: heap,
      crossOriginIsolated: false,
      timers,
    });
    const { prefetcher, loads } = setup({ monitor });
    expect(await prefetcher.prefetch(['a'], loads.loader('a'))).toMatchObject({ reason: 'pressure' });
    expect(loads.started).toHaveLength(0);
    expect(counts.cleared).toBeGreaterThan(0); // unsubscribed: the monitor stopped sampling
  });

  it('follows the default memory monitor, and only while it has work or subscribers', async () => {
    const { timers, counts } = idleTimers();
    const monitor = fakeMonitor(timers);
    setDefaultMemoryMonitor(monitor);
    const prefetcher = createPrefetcher({ queryClient: new QueryClient() });
    prefetchers.push(prefetcher);
    const loads = controlledLoads();
    const result = prefetcher.prefetch(['a'], loads.loader('a'));
    expect(counts.set).toBeGreaterThan(0); // subscribing started the default monitor's sampling
    loads.find('a').resolve('A');
    await result;
    monitor.simulate('high');
    expect(prefetcher.getSnapshot().halted).toBe(false); // idle: not following
    const stop = prefetcher.subscribe(() => {});
    expect(prefetcher.getSnapshot().halted).toBe(true); // read on subscribing
    monitor.simulate('ok');
    expect(prefetcher.getSnapshot().halted).toBe(false);
    stop();
    monitor.simulate('high');
    expect(prefetcher.getSnapshot().halted).toBe(false);
  });

  it('cancel(key) cancels by key prefix, firing the signal of running loads; cancelAll the rest', async () => {
    const { client, prefetcher, loads } = setup({ concurrency: 1 });
    const page0 = prefetcher.prefetch(['users', 'page', 0], loads.loader('users 0'));
    const page1 = prefetcher.prefetch(['users', 'page', 1], loads.loader('users 1'));
    const other = prefetcher.prefetch(['feed', 'page', 0], loads.loader('feed 0'));
    expect(prefetcher.cancel(['users'])).toBe(2);
    expect(loads.find('users 0').signal.aborted).toBe(true);
    expect(statuses(await Promise.all([page0, page1]))).toEqual(['cancelled', 'cancelled']);
    expect(await page0).toMatchObject({ reason: 'cancel' });
    expect(loads.names()).toEqual(['users 0', 'feed 0']); // the freed slot went to the next one
    expect(prefetcher.cancelAll()).toBe(1);
    expect(loads.find('feed 0').signal.aborted).toBe(true);
    expect(await other).toMatchObject({ status: 'cancelled', reason: 'cancel' });
    await settle();
    expect(client.getQueryCache().getAll()).toHaveLength(0);
  });

  it('a running load cancelled by someone else (a list that joined and let go) resolves cancelled', async () => {
    const { client, prefetcher, loads } = setup();
    const result = prefetcher.prefetch(['a'], loads.loader('a'));
    await client.cancelQueries({ queryKey: ['a'] });
    expect(await result).toEqual({ status: 'cancelled', key: ['a'], reason: 'abort' });
    expect(prefetcher.getSnapshot()).toMatchObject({ running: 0, cancelled: 1 });
  });

  it('destroy cancels everything and later prefetches resolve cancelled without loading', async () => {
    const { prefetcher, loads } = setup({ concurrency: 1 });
    const running = prefetcher.prefetch(['a'], loads.loader('a'));
    const waiting = prefetcher.prefetch(['b'], loads.loader('b'));
    prefetcher.destroy();
    expect(loads.find('a').signal.aborted).toBe(true);
    expect(statuses(await Promise.all([running, waiting]))).toEqual(['cancelled', 'cancelled']);
    expect(await prefetcher.prefetch(['c'], loads.loader('c'))).toMatchObject({ reason: 'destroy' });
    expect(loads.names()).toEqual(['a']);
  });
});

describe('createPrefetcher: snapshot and options', () => {
  it('getSnapshot returns the same object until a figure changes, and subscribers hear each change', async () => {
    const { prefetcher, loads } = setup();
    const listener = vi.fn();
    prefetcher.subscribe(listener);
    const before = prefetcher.getSnapshot();
    expect(prefetcher.getSnapshot()).toBe(before);
    expect(before).toEqual({
      queued: 0,
      running: 0,
      loaded: 0,
      cached: 0,
      cancelled: 0,
      errors: 0,
      halted: false,
    });
    const result = prefetcher.prefetch(['a'], loads.loader('a'));
    expect(prefetcher.getSnapshot()).not.toBe(before);
    expect(prefetcher.getSnapshot().running).toBe(1);
    loads.find('a').resolve('A');
    await result;
    expect(prefetcher.getSnapshot()).toMatchObject({ running: 0, loaded: 1 });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it.each([
    [{ concurrency: 0 }, /createPrefetcher option "concurrency" must be a positive integer/],
    [{ cancelAt: 'ok' }, /createPrefetcher option "cancelAt" must be 'high' or 'critical'/],
    [{ memoryMonitor: {} }, /createPrefetcher option "memoryMonitor" must be a MemoryMonitor or null/],
  ])('rejects bad options %o with a TypeError naming the option', (options, message) => {
    expect(() => createPrefetcher(options as never)).toThrow(message);
  });

  it('rejects a bad key, loader or priority with a TypeError naming it', () => {
    const { prefetcher } = setup();
    const load = async () => 1;
    expect(() => prefetcher.prefetch('users' as unknown as QueryKey, load)).toThrow(/prefetch option "key"/);
    expect(() => prefetcher.prefetch(['users'], 'load' as never)).toThrow(/prefetch option "loader"/);
    expect(() => prefetcher.prefetch(['users'], load, { priority: 'asap' as never })).toThrow(
      /prefetch option "priority"/,
    );
  });
});
