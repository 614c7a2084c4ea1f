import { afterEach, describe, expect, it } from 'vitest';
import { cursorSource } from '../paging/cursorPaging.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

const settle = async (rounds = 10) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

/**
 * A growing log as an offset source: `lines` items exist now; a read answers what exists at the
 * moment it is answered (`total` = that count), as `createStreamLog`'s source does.
 */
function growingLog(pageSize: number) {
  const log = { lines: 0, reads: [] as number[], hold: null as Promise<void> | null };
  const source = offsetSource<number>({
    pageSize,
    initialCount: 0,
    fetchPage: async ({ offset, limit }) => {
      log.reads.push(offset);
      if (log.hold) await log.hold;
      const end = Math.min(offset + limit, log.lines);
      return {
        items: Array.from({ length: Math.max(0, end - offset) }, (_, i) => offset + i),
        total: log.lines,
      };
    },
  });
  return { log, source };
}

function tracked<T>(list: LazyList<T>): LazyList<T> {
  lists.push(list as LazyList<unknown>);
  list.subscribe(() => {});
  return list;
}

describe('LazyList.grow', () => {
  it('grows the count, loads the rows in view, and fetches the page that held the old end again', async () => {
    const { log, source } = growingLog(4);
    const list = tracked(createLazyList<number>({ key: ['grow-basic'], source, prefetch: 0 }));
    list.setWindow({ start: 0, end: 8 });
    await settle();
    expect(log.reads).toEqual([]); // initialCount 0: nothing to read

    log.lines = 6;
    expect(list.grow(6)).toBe(true);
    expect(list.getSnapshot().count).toBe(6);
    expect(list.getSnapshot().countKind).toBe('exact');
    await settle();
    expect(log.reads.sort()).toEqual([0, 4]);
    expect(list.getSnapshot().getRange(0, 6)).toEqual({ status: 'loaded', items: [0, 1, 2, 3, 4, 5] });

    // Page 1 held 2 of its 4 items: it is read again, page 0 is not.
    log.reads = [];
    log.lines = 8;
    list.grow(8);
    const during = list.getSnapshot().getRange(4, 6);
    expect(during).toEqual({ status: 'loaded', items: [4, 5] }); // shown while read again
    await settle();
    expect(log.reads).toEqual([4]);
    expect(list.getSnapshot().getRange(0, 8)).toEqual({ status: 'loaded', items: [0, 1, 2, 3, 4, 5, 6, 7] });
  });

  it('reads a page again that landed short because the count grew while it was read', async () => {
    const { log, source } = growingLog(4);
    const list = tracked(createLazyList<number>({ key: ['grow-late'], source, prefetch: 0 }));
    list.setWindow({ start: 0, end: 4 });
    log.lines = 1;
    let release = () => {};
    log.hold = new Promise<void>((resolve) => {
      release = resolve;
    });
    list.grow(1);
    await settle();
    expect(log.reads).toEqual([0]);
    log.lines = 3; // the held read answers 3 items… while the list is told 4 by then
    list.grow(4);
    log.hold = null;
    release();
    await settle();
    expect(list.getSnapshot().count).toBe(4); // the answer's total (3) did not shrink it
    expect(log.reads).toEqual([0]); // the read on its way was not restarted
    log.lines = 5;
    list.grow(5); // the next growth finds page 0 short (3 of 4) and reads it again
    await settle();
    expect(log.reads).toEqual([0, 0]);
    expect(list.getSnapshot().getRange(0, 4)).toEqual({ status: 'loaded', items: [0, 1, 2, 3] });
  });

  it('changes nothing for a count it already has, and never shrinks', async () => {
    const { log, source } = growingLog(4);
    const list = tracked(createLazyList<number>({ key: ['grow-same'], source, prefetch: 0 }));
    list.setWindow({ start: 0, end: 4 });
    log.lines = 4;
    list.grow(4);
    await settle();
    const published: number[] = [];
    list.subscribe(() => published.push(list.getSnapshot().count));
    expect(list.grow(4)).toBe(true);
    expect(list.grow(2)).toBe(true);
    await settle();
    expect(published).toEqual([]);
    expect(list.getSnapshot().count).toBe(4);
    expect(log.reads).toEqual([0]);
  });

  it('refuses a count that is not an integer >= 0, with the value in the message (development builds)', () => {
    const { source } = growingLog(4);
    const list = tracked(createLazyList<number>({ key: ['grow-bad'], source }));
    expect(() => list.grow(-1)).toThrow(/grow\(count\) takes an integer >= 0, got -1/);
    expect(() => list.grow(1.5)).toThrow(RangeError);
    expect(() => list.grow(Number.NaN)).toThrow(/got NaN/);
    expect(list.getSnapshot().count).toBe(0);
  });

  it('follows a source that tells its count (watchCount) while subscribed, and stops listening after', async () => {
    const { log, source } = growingLog(4);
    const listeners = new Set<(count: number) => void>();
    const told = (count: number) => {
      log.lines = count;
      for (const listener of listeners) listener(count);
    };
    const watching = Object.assign(source, {
      watchCount(listener: (count: number) => void) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
        };
      },
    });
    const list = createLazyList<number>({ key: ['grow-watch'], source: watching, prefetch: 0 });
    lists.push(list as LazyList<unknown>);
    expect(listeners.size).toBe(0); // nothing listens before a subscriber
    const growing: boolean[] = [];
    const unsubscribe = list.subscribe(() => growing.push(list.growing));
    expect(listeners.size).toBe(1);
    list.setWindow({ start: 0, end: 8 });
    told(6);
    expect(list.getSnapshot().count).toBe(6);
    expect(growing).toContain(true); // snapshots published by the growth say so (the hooks defer them)
    expect(list.growing).toBe(true); // and for 200 ms after: the pages it reads land deferred too
    await settle();
    expect(list.getSnapshot().getRange(0, 6)).toEqual({ status: 'loaded', items: [0, 1, 2, 3, 4, 5] });
    unsubscribe();
    expect(listeners.size).toBe(0);
    told(8);
    expect(list.getSnapshot().count).toBe(6);
  });

  it('plans in a task of its own: reads start after grow returned, only for the newest end, without prefetch', async () => {
    const { log, source } = growingLog(4);
    const list = tracked(createLazyList<number>({ key: ['grow-task'], source, prefetch: 2 }));
    // A view following the end, as a VirtualList with anchor 'end' does.
    list.subscribe(() => {
      const { count } = list.getSnapshot();
      list.setWindow({ start: Math.max(0, count - 6), end: count });
    });
    list.setWindow({ start: 0, end: 6 });
    log.lines = 100;
    list.grow(100);
    expect(list.getSnapshot().count).toBe(100);
    expect(log.reads).toEqual([]); // nothing started inside the grow's task
    log.lines = 200;
    list.grow(200); // before the plan ran: the end at 100 is never read
    await settle();
    // Rows 194–199: pages 48 and 49; no page behind (a growing end leaves it before it is looked at).
    expect(log.reads.sort((a, b) => a - b)).toEqual([192, 196]);
    expect(list.getSnapshot().getRange(194, 200)).toEqual({
      status: 'loaded',
      items: [194, 195, 196, 197, 198, 199],
    });
  });

  it('counts as growing at the end for 200 ms after the count changed; then, or elsewhere, a plan prefetches', async () => {
    const { log, source } = growingLog(4);
    let clock = 1_000;
    const list = tracked(
      createLazyList<number>({ key: ['grow-rest'], source, prefetch: 1, now: () => clock }),
    );
    list.setWindow({ start: 0, end: 4 });
    log.lines = 40;
    list.grow(40);
    list.setWindow({ start: 36, end: 40 });
    expect(list.growing).toBe(true);
    await settle();
    expect(log.reads).toEqual([36]); // page 9 alone: nothing behind it
    clock += 199;
    expect(list.growing).toBe(true);
    expect(list.grow(40)).toBe(true); // the same count: no growth, the 200 ms still run from the last change
    clock += 1;
    expect(list.growing).toBe(false);
    log.reads = [];
    list.setWindow({ start: 35, end: 39 });
    await settle();
    expect(log.reads.sort((a, b) => a - b)).toEqual([28, 32]); // page 8 and the prefetch before it

    // History read while the log grows: the window is not at the end, so it prefetches.
    log.lines = 60;
    list.grow(60);
    log.reads = [];
    list.setWindow({ start: 13, end: 17 });
    expect(list.growing).toBe(false); // its landings render at once
    await settle();
    expect(log.reads.sort((a, b) => a - b)).toEqual([8, 12, 16, 20]);
  });

  it('starts no read when destroyed before its plan ran', async () => {
    const { log, source } = growingLog(4);
    const list = createLazyList<number>({ key: ['grow-destroy-plan'], source });
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 8 });
    log.lines = 8;
    list.grow(8);
    list.destroy();
    await settle();
    expect(log.reads).toEqual([]);
  });

  it('is false for a cursor source (no count to grow), and after destroy', () => {
    const cursor = tracked(
      createLazyList<number>({
        key: ['grow-cursor'],
        source: cursorSource<number>({
          pageSize: 10,
          initialCursor: 0,
          fetchPage: async () => ({ items: [], nextCursor: null, prevCursor: null }),
        }),
      }),
    );
    expect(cursor.grow(10)).toBe(false);
    const { source } = growingLog(4);
    const list = createLazyList<number>({ key: ['grow-destroyed'], source });
    list.destroy();
    expect(list.grow(10)).toBe(false);
  });
});
