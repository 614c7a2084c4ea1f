import { afterEach, describe, expect, it } from 'vitest';
import { offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

// A setWindow that changes only the speed (same start and end) can still change what the
// visible rows show: a fling starting in place drops the visible pages still queued, one
// ending in place asks for them. Found by the model test (seed 10).

/** Lets promise chains and query-core's setTimeout(0) notifications run. */
async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** An offset list of 100 numbers in pages of 10, one fetch at a time, answered by `answer()`. */
function heldList(flingVelocity?: number) {
  const waiting: (() => void)[] = [];
  const asked: number[] = [];
  const list: LazyList<number> = createLazyList<number>({
    key: ['fling-in-place', flingVelocity ?? 'default'],
    prefetch: 0,
    maxConcurrent: 1,
    statsInterval: 60_000, // a change not published at once would wait a minute
    ...(flingVelocity !== undefined && { flingVelocity }),
    source: offsetSource({
      pageSize: 10,
      fetchPage: ({ offset, limit }) =>
        new Promise((resolve) => {
          asked.push(offset);
          waiting.push(() =>
            resolve({ items: Array.from({ length: limit }, (_, i) => offset + i), total: 100 }),
          );
        }),
    }),
  });
  const answer = () => waiting.shift()?.();
  return { list, asked, answer };
}

const lists: LazyList<number>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

describe('a setWindow that changes only the speed', () => {
  it('publishes at once a fling starting in place that drops a queued visible page', async () => {
    const { list, asked, answer } = heldList();
    lists.push(list);
    let published = 0;
    list.subscribe(() => {
      published += 1;
    });
    list.setWindow({ start: 0, end: 20 }); // page 0 runs, page 1 waits for the slot
    await settle();
    expect(asked).toEqual([0]);
    expect(list.getSnapshot().getItem(15).status).toBe('loading');
    const before = published;
    list.setWindow({ start: 0, end: 20, velocity: 5_000 }); // a fling: page 1 leaves the queue
    expect(published).toBe(before + 1);
    expect(list.getSnapshot().getItem(15).status).toBe('placeholder');
    expect(list.getSnapshot().getItem(5).status).toBe('loading'); // in flight: kept
    answer();
    await settle();
    expect(list.getSnapshot().getItem(5)).toEqual({ status: 'loaded', item: 5 });
    expect(asked).toEqual([0]); // nothing asked while flinging
    list.setWindow({ start: 0, end: 20, velocity: 0 }); // the fling ends in place
    expect(list.getSnapshot().getItem(15).status).toBe('loading');
    await settle();
    answer();
    await settle();
    expect(asked).toEqual([0, 10]);
    expect(list.getSnapshot().getItem(15)).toEqual({ status: 'loaded', item: 15 });
  });

  it('at exactly flingVelocity (not a fling for the planner) publishes the visible pages loading', async () => {
    const { list, asked } = heldList(1_000);
    lists.push(list);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10, velocity: 5_000 }); // a fling: nothing asked
    await settle();
    expect(asked).toEqual([]);
    expect(list.getSnapshot().getItem(5).status).toBe('placeholder');
    list.setWindow({ start: 0, end: 10, velocity: 1_000 }); // at the threshold: loads
    expect(list.getSnapshot().getItem(5).status).toBe('loading');
    await settle();
    expect(asked).toEqual([0]);
  });
});
