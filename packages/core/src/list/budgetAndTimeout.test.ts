// A list on the QueryClient's one fetch budget, and its page timeout (decision 0008).
import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageTimeoutError } from '../errors.ts';
import { fetchBudgetFor } from '../scheduler/fetchBudget.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** A server whose answers wait until the test releases them; counts requests in flight. */
function heldServer(name: string, log: string[], inFlight: { now: number; max: number }) {
  const waiting: Array<() => void> = [];
  const fetchPage = (params: OffsetFetchParams) =>
    new Promise<{ items: number[]; total: number }>((resolve, reject) => {
      log.push(`${name}${params.offset}`);
      inFlight.now += 1;
      inFlight.max = Math.max(inFlight.max, inFlight.now);
      const done = () => {
        inFlight.now -= 1;
      };
      params.signal?.addEventListener('abort', () => {
        done();
        reject(new DOMException('aborted', 'AbortError'));
      });
      waiting.push(() => {
        done();
        resolve({ items: Array.from({ length: params.limit }, (_, i) => params.offset + i), total: 10_000 });
      });
    });
  return { fetchPage, release: () => waiting.shift()?.() };
}

describe('a list on the QueryClient fetch budget', () => {
  it('two lists on one client never run more than the budget, and visible pages go first', async () => {
    const client = new QueryClient();
    fetchBudgetFor(client).setLimit(3);
    const log: string[] = [];
    const inFlight = { now: 0, max: 0 };
    const a = heldServer('a', log, inFlight);
    const b = heldServer('b', log, inFlight);
    const make = (name: string, fetchPage: typeof a.fetchPage) => {
      const list = createLazyList({
        key: [name],
        queryClient: client,
        source: offsetSource({ pageSize: 10, fetchPage }),
        prefetch: 3,
        maxConcurrent: 4,
      });
      lists.push(list as LazyList<unknown>);
      list.subscribe(() => {});
      return list;
    };
    make('a', a.fetchPage).setWindow({ start: 0, end: 10 });
    await settle();
    expect(inFlight.now).toBe(3); // a's visible page and two prefetches: the budget is full
    make('b', b.fetchPage).setWindow({ start: 500, end: 510 });
    await settle();
    expect(log.filter((entry) => entry.startsWith('b'))).toEqual([]);
    a.release();
    await settle();
    // The freed slot goes to b's visible page, not to a's next prefetch.
    expect(log.at(-1)).toBe('b500');
    for (let i = 0; i < 20; i++) {
      a.release();
      b.release();
      await settle(3);
    }
    expect(inFlight.max).toBe(3);
  });

  it('timeoutMs aborts a stalled page and fails it with PageTimeoutError once attempts are spent', async () => {
    let requests = 0;
    const aborted: boolean[] = [];
    const list = createLazyList({
      key: ['stalled'],
      queryClient: new QueryClient(),
      source: offsetSource({
        pageSize: 10,
        fetchPage: ({ signal }) =>
          new Promise<{ items: number[]; total: number }>((_, reject) => {
            requests += 1;
            signal?.addEventListener('abort', () => {
              aborted.push(true);
              reject(new DOMException('aborted', 'AbortError'));
            });
          }),
      }),
      prefetch: 0,
      timeoutMs: 30,
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    });
    lists.push(list as LazyList<unknown>);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 5 });
    // Until the second attempt has timed out (not a fixed 200 ms: a busy machine that stalls the
    // process past it runs that timer before the retry's, and the second attempt has not started).
    await vi.waitFor(() => expect(list.getSnapshot().getItem(0).status).toBe('error'), { timeout: 5_000 });
    await settle(); // a third attempt would have started by now
    const state = list.getSnapshot().getItem(0);
    expect(requests).toBe(2);
    expect(aborted).toEqual([true, true]);
    expect(state.status).toBe('error');
    expect(state.status === 'error' && state.error).toBeInstanceOf(PageTimeoutError);
  });

  it('rejects a bad timeoutMs naming the option', () => {
    const source = offsetSource({ pageSize: 10, fetchPage: async () => ({ items: [], total: 0 }) });
    expect(() => createLazyList({ key: ['x'], source, timeoutMs: -1 })).toThrow(/"timeoutMs"/);
    expect(() => createLazyList({ key: ['x'], source, timeoutMs: 1.5 })).toThrow(/"timeoutMs"/);
  });
});
