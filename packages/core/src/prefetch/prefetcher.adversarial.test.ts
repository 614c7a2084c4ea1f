import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Timers } from '../env/timers.ts';
import { createLazyList } from '../list/createLazyList.ts';
import { createMemoryMonitor, type MemoryMonitor } from '../memory/createMemoryMonitor.ts';
import { fetchBudgetFor } from '../scheduler/fetchBudget.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { createPrefetcher } from './createPrefetcher.ts';
import type { Prefetcher } from './Prefetcher.ts';

const idle: Timers = { setTimeout: () => 0, clearTimeout: () => {} };
const fakeMonitor = (): MemoryMonitor =>
  createMemoryMonitor({ performance: null, crossOriginIsolated: false, timers: idle });

async function settle(): Promise<void> {
  for (let i = 0; i < 30; i++) await Promise.resolve();
}

const prefetchers: Prefetcher[] = [];
function setup(monitor: MemoryMonitor | null = null, concurrency = 2) {
  const client = new QueryClient();
  const prefetcher = createPrefetcher({ queryClient: client, memoryMonitor: monitor, concurrency });
  prefetchers.push(prefetcher);
  return { client, prefetcher };
}
afterEach(() => {
  for (const prefetcher of prefetchers.splice(0)) prefetcher.destroy();
});

/** A loader that never settles on its own; records its signal. */
function hanging() {
  const signals: AbortSignal[] = [];
  const loader = (signal: AbortSignal) =>
    new Promise<unknown>(() => {
      signals.push(signal);
    });
  return { signals, loader };
}

describe('Prefetcher under memory pressure (adversarial)', () => {
  it('pressure that fell while idle, then a prefetch, then pressure again: the running load is aborted', async () => {
    const monitor = fakeMonitor();
    const { prefetcher } = setup(monitor);
    monitor.simulate('high'); // while idle: not heard
    const refused = await prefetcher.prefetch(['a'], () => Promise.resolve('A'));
    expect(refused).toMatchObject({ status: 'cancelled', reason: 'pressure' });
    monitor.simulate('ok');
    const { signals, loader } = hanging();
    const result = prefetcher.prefetch(['b'], loader);
    await settle();
    expect(signals).toHaveLength(1);
    monitor.simulate('high');
    expect(signals[0]?.aborted).toBe(true);
    expect(await result).toMatchObject({ status: 'cancelled', reason: 'pressure' });
  });
});

describe('Prefetcher with loaders that misbehave (adversarial)', () => {
  it('a loader that throws synchronously resolves error, stores nothing and frees its slot', async () => {
    const { client, prefetcher } = setup();
    const result = await prefetcher.prefetch(['sync'], () => {
      throw new Error('boom');
    });
    expect(result.status).toBe('error');
    expect(client.getQueryState(['sync'])).toBeUndefined();
    expect(fetchBudgetFor(client).running).toBe(0);
    expect(prefetcher.getSnapshot()).toMatchObject({ running: 0, errors: 1, loaded: 0 });
  });

  it('a loader resolving undefined is an error, not loaded', async () => {
    const { client, prefetcher } = setup();
    const result = await prefetcher.prefetch(['undef'], () => Promise.resolve(undefined));
    expect(result.status).toBe('error');
    expect(client.getQueryState(['undef'])).toBeUndefined();
    expect(fetchBudgetFor(client).running).toBe(0);
  });

  it('prefetchList of a page with malformed data resolves error and leaves no page a list would take', async () => {
    const { client, prefetcher } = setup();
    const source = offsetSource<{ id: number }>({
      pageSize: 10,
      fetchPage: async () => ({ items: 'nope' }) as never,
    });
    const [result] = await prefetcher.prefetchList({ key: ['bad'], source });
    expect(result?.status).toBe('error');
    expect(client.getQueryData(['bad', 'page', 0])).toBeUndefined();
    expect(fetchBudgetFor(client).running).toBe(0);
  });

  it('prefetchList of a 500 leaves nothing in the cache and counts no load', async () => {
    const { client, prefetcher } = setup();
    const source = offsetSource<{ id: number }>({
      pageSize: 10,
      fetchPage: async () => {
        throw Object.assign(new Error('HTTP 500'), { status: 500 });
      },
    });
    const [result] = await prefetcher.prefetchList({ key: ['500'], source });
    expect(result?.status).toBe('error');
    expect(client.getQueryState(['500', 'page', 0])).toBeUndefined();
    expect(prefetcher.getSnapshot()).toMatchObject({ loaded: 0, errors: 1, running: 0 });
  });

  it('cancel of running loads frees their slots in the budget', async () => {
    const { client, prefetcher } = setup(null, 3);
    const { loader } = hanging();
    for (const name of ['x', 'y', 'z']) void prefetcher.prefetch([name], loader);
    await settle();
    expect(fetchBudgetFor(client).running).toBe(3);
    prefetcher.cancelAll();
    expect(fetchBudgetFor(client).running).toBe(0);
    prefetcher.destroy();
    expect(fetchBudgetFor(client).running).toBe(0);
  });
});

describe('Prefetcher.prefetchList with pages that do not exist (adversarial)', () => {
  it('refuses negative pages of an offset source instead of asking the server for offset -10', () => {
    const { prefetcher } = setup();
    const offsets: number[] = [];
    const source = offsetSource<{ id: number }>({
      pageSize: 10,
      fetchPage: async ({ offset }) => {
        offsets.push(offset);
        return { items: [{ id: offset }], total: 100 };
      },
    });
    expect(() => prefetcher.prefetchList({ key: ['neg'], source, pages: { first: -2, last: 0 } })).toThrow(
      /prefetchList option "pages" must be a range of pages >= 0 for an offset source/,
    );
    expect(offsets).toEqual([]);
  });
});

describe('Prefetcher.prefetchList, then a list of another page size on the key (adversarial)', () => {
  it("the list is told the page is of another shape (as with a list's page), not shown 10 rows as its 50", async () => {
    const { client, prefetcher } = setup();
    const requests: string[] = [];
    const fetchPage = async ({ offset, limit }: OffsetFetchParams) => {
      requests.push(`${offset}+${limit}`);
      return { items: Array.from({ length: limit }, (_, i) => ({ id: offset + i })), total: 1_000 };
    };
    await prefetcher.prefetchList({ key: ['sized'], source: offsetSource({ pageSize: 10, fetchPage }) });
    const list = createLazyList({
      key: ['sized'],
      source: offsetSource({ pageSize: 50, fetchPage }),
      queryClient: client,
      prefetch: 0,
    });
    const stop = list.subscribe(() => {});
    try {
      list.setWindow({ start: 0, end: 40 });
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
      expect(list.getSnapshot().getItem(25).status).toBe('error'); // before: 'placeholder' for good
      expect(String(list.getSnapshot().pages.get(0)?.error)).toMatch(
        /under \["sized","page",0\].*give lists of other sources or page sizes other keys/,
      );
    } finally {
      stop();
      list.destroy();
    }
  });
});
