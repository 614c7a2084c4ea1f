import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it, vi } from 'vitest';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';

// What a list leaves reachable once it is gone (issue #16 item 5, the soak's heap check): checked
// with V8's own collector. `--expose-gc` set at run time makes `gc` exist in contexts created
// afterwards; a full collection in a later task clears every WeakRef whose target nothing else holds.
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

interface Row {
  readonly id: number;
  readonly title: string;
}

const PAGE_SIZE = 100;

/** Serves rows and keeps a WeakRef to each row object it made, to count the ones still reachable. */
function trackedServer(total: number) {
  const made: { readonly id: number; readonly ref: WeakRef<Row> }[] = [];
  const fetchPage = async ({ offset, limit }: OffsetFetchParams) => {
    const items: Row[] = [];
    for (let id = offset; id < Math.min(total, offset + limit); id++) {
      const row = { id, title: `#${id} title` };
      made.push({ id, ref: new WeakRef(row) });
      items.push(row);
    }
    return { items, total };
  };
  return { made, fetchPage };
}

/** Lets promise chains and query-core's setTimeout(0) notifications run. */
async function settle(rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

/** Rows the collector could not free: a full collection in a task after the last use. */
async function reachable(refs: readonly WeakRef<object>[]): Promise<number> {
  await settle(2);
  collect();
  await settle(2);
  collect();
  return refs.filter((ref) => ref.deref() !== undefined).length;
}

describe('what a list keeps reachable', () => {
  it('a destroyed list is not kept by the pages it leaves in a shared QueryClient for the next list', async () => {
    const server = trackedServer(1_000_000);
    const queryClient = new QueryClient();
    const options = {
      key: ['retained'],
      source: offsetSource({ pageSize: PAGE_SIZE, fetchPage: server.fetchPage }),
      prefetch: 1,
      memoryMonitor: null,
      queryClient,
    };
    let first: ReturnType<typeof createLazyList<Row>> | undefined = createLazyList<Row>(options);
    const firstRef = new WeakRef(first);
    first.subscribe(() => {});
    // Far pages first (kept by the first list's store), then the window the next list opens on.
    first.setWindow({ start: 700_000, end: 700_040 });
    await settle();
    first.setWindow({ start: 5_000, end: 5_040 });
    await settle();
    expect(first.getSnapshot().getItem(5_001)).toMatchObject({ status: 'loaded', item: { id: 5_001 } });
    first.destroy();
    first = undefined;
    // A remount: the next list opens on the pages the first one left in the client.
    const second = createLazyList<Row>(options);
    second.subscribe(() => {});
    second.setWindow({ start: 5_000, end: 5_040 });
    await settle();
    expect(second.getSnapshot().getItem(5_001)).toMatchObject({ status: 'loaded', item: { id: 5_001 } });
    // The rows of pages 7,000 ± 1, which only the first list held, go with it.
    const far = server.made.filter((row) => row.id >= 690_000).map((row) => row.ref);
    expect(far.length).toBeGreaterThanOrEqual(PAGE_SIZE);
    expect(await reachable([firstRef, ...far])).toBe(0);
    second.destroy();
  });

  it('paging away and back through 120 windows and 10 remounts keeps no more rows reachable than the budget', async () => {
    const server = trackedServer(1_000_000);
    const queryClient = new QueryClient();
    const maxPages = 6;
    const options = {
      key: ['budgeted'],
      source: offsetSource({ pageSize: PAGE_SIZE, fetchPage: server.fetchPage }),
      prefetch: 1,
      memory: { maxPages },
      memoryMonitor: null,
      // Pages landing outside the window are folded into the published snapshot this often.
      statsIntervalMs: 50,
      queryClient,
    };
    // Each mount opens where the last one left (a restored position), pages away through five
    // jumps and five steps of two pages, and comes back before it goes, as the demo's Table does.
    const home = 5_000;
    let start = home;
    let last: ReturnType<typeof createLazyList<Row>> | undefined;
    for (let mount = 0; mount < 10; mount++) {
      last?.destroy();
      last = createLazyList<Row>(options);
      last.subscribe(() => {});
      for (let step = 0; step <= 11; step++) {
        if (step === 0 || step === 11) start = home;
        else start = step % 2 === 1 ? (start + 37_000 + mount * 1_000) % 990_000 : start + 2 * PAGE_SIZE;
        last.setWindow({ start, end: start + 40 });
        await settle();
        expect(last.getSnapshot().getItem(start + 1)).toMatchObject({ status: 'loaded' });
      }
    }
    expect(server.made.length).toBeGreaterThan(10 * 10 * PAGE_SIZE);
    // The live list holds at most `maxPages` pages; nothing else may keep rows. (A prefetched page
    // that lands outside the window, and the page it evicts, reach the published snapshot with the
    // next background publish, `statsIntervalMs` later: until then it still shows the evicted one.)
    expect(last?.getSnapshot().stats.pagesInMemory).toBeLessThanOrEqual(maxPages);
    await vi.waitFor(() => expect(last?.getSnapshot().pages.size).toBeLessThanOrEqual(maxPages));
    expect(await reachable(server.made.map((row) => row.ref))).toBeLessThanOrEqual(maxPages * PAGE_SIZE);
    last?.destroy();
  });
});
