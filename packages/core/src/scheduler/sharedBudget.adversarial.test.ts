import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import type { LazyList } from '../list/LazyList.ts';
import { createPrefetcher } from '../prefetch/createPrefetcher.ts';
import type { Prefetcher } from '../prefetch/Prefetcher.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { fetchBudgetFor } from './fetchBudget.ts';

/** Requests open on the wire: counted from the call until they settle or their signal aborts. */
function wire() {
  const state = { open: 0, peak: 0, pending: [] as (() => void)[] };
  const track = (signal: AbortSignal, settle: (done: () => void) => void) => {
    state.open += 1;
    state.peak = Math.max(state.peak, state.open);
    let closed = false;
    const close = () => {
      if (!closed) state.open -= 1;
      closed = true;
    };
    signal.addEventListener('abort', close, { once: true });
    settle(close);
  };
  const fetchPage = ({ offset, limit, signal }: OffsetFetchParams) =>
    new Promise<{ items: { id: number }[]; total: number }>((resolve) => {
      track(signal, (close) =>
        state.pending.push(() => {
          close();
          resolve({ items: Array.from({ length: limit }, (_, i) => ({ id: offset + i })), total: 100_000 });
        }),
      );
    });
  const loader = (signal: AbortSignal) =>
    new Promise<string>((resolve) => {
      track(signal, (close) =>
        state.pending.push(() => {
          close();
          resolve('x');
        }),
      );
    });
  return { state, fetchPage, loader };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function flush(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('one budget per QueryClient over two lists and a prefetcher (adversarial)', () => {
  it('never has more requests open than the budget, through scrolls, settles, cancels and prefetches', async () => {
    const client = new QueryClient();
    fetchBudgetFor(client).setLimit(3);
    const { state, fetchPage, loader } = wire();
    const make = (name: string): LazyList<{ id: number }> => {
      const list = createLazyList({
        key: [name],
        source: offsetSource({ pageSize: 10, fetchPage }),
        queryClient: client,
        prefetch: 2,
        retry: { attempts: 1 },
      });
      cleanups.push(
        list.subscribe(() => {}),
        () => list.destroy(),
      );
      return list;
    };
    const a = make('a');
    const b = make('b');
    const prefetcher: Prefetcher = createPrefetcher({
      queryClient: client,
      memoryMonitor: null,
      concurrency: 2,
    });
    cleanups.push(() => prefetcher.destroy());
    let seed = 7;
    const random = () => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let step = 0; step < 300; step++) {
      const roll = random();
      const at = Math.floor(random() * 5_000) * 10;
      if (roll < 0.25) a.setWindow({ start: at, end: at + 30 });
      else if (roll < 0.45) b.setWindow({ start: at, end: at + 30, direction: 'backward' });
      else if (roll < 0.6) void prefetcher.prefetch(['p', step], loader);
      else if (roll < 0.65) prefetcher.cancelAll();
      else if (roll < 0.7) a.prefetch({ start: at, end: at + 50 });
      else {
        const settle = state.pending.splice(Math.floor(random() * state.pending.length), 1)[0];
        settle?.();
      }
      await flush();
      expect(state.open).toBeLessThanOrEqual(3);
      expect(fetchBudgetFor(client).running).toBeLessThanOrEqual(3);
    }
    expect(state.peak).toBe(3);
    // Everything answered: the budget is back to 0.
    while (state.pending.length > 0) {
      for (const settle of state.pending.splice(0)) settle();
      await flush();
    }
    a.setWindow({ start: 0, end: 0 });
    b.setWindow({ start: 0, end: 0 });
    await flush();
    expect(state.open).toBe(0);
  });
});
