import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { Timers } from '../env/timers.ts';
import { createMemoryMonitor } from '../memory/createMemoryMonitor.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

const idle: Timers = { setTimeout: () => 0, clearTimeout: () => {} };

async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 2));
}

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

function setup() {
  const requested: number[] = [];
  const monitor = createMemoryMonitor({ performance: null, crossOriginIsolated: false, timers: idle });
  const list = createLazyList<{ id: number }>({
    key: ['pressure-adversarial'],
    source: offsetSource({
      pageSize: 10,
      fetchPage: async ({ offset, limit, page }) => {
        requested.push(page);
        return { items: Array.from({ length: limit }, (_, i) => ({ id: offset + i })), total: 10_000 };
      },
    }),
    prefetch: 1,
    memoryMonitor: monitor,
    queryClient: new QueryClient(),
    statsIntervalMs: 1,
  });
  lists.push(list as LazyList<unknown>);
  list.subscribe(() => {});
  list.setWindow({ start: 0, end: 20 });
  return { list, monitor, requested };
}

describe('a list under memory pressure (adversarial)', () => {
  it('at high, prefetch() of far rows fetches nothing the pressure would shed on landing', async () => {
    const { list, monitor, requested } = setup();
    await settle();
    monitor.simulate('high');
    await settle();
    const before = requested.length;
    list.prefetch({ start: 5_000, end: 5_010 });
    await settle();
    expect(list.getSnapshot().pages.get(500)?.items).toBeUndefined(); // shed on landing
    expect(requested.slice(before)).toEqual([]); // so not fetched at all
  });

  it('at ok, prefetch() of far rows fetches them and keeps them', async () => {
    const { list, requested } = setup();
    await settle();
    list.prefetch({ start: 5_000, end: 5_010 });
    await settle();
    expect(requested).toContain(500);
    expect(list.getSnapshot().pages.get(500)?.items?.[0]).toEqual({ id: 5_000 });
  });
});
