// A short soak (issue #16 item 5): the demo's 1,000,000-row Table for about 40 s through seeded
// random scrolls, flings, jumps, scrollbar moves, resizes, reloads and Stream page visits, with
// the mock server failing 10 % of requests, stalling 5 % past the Table's timeout and cutting
// streams; the same run and checks as `pnpm bench`'s 3-minute `soak` scenario
// (apps/bench/run/soak.mjs), without CPU throttling and without timed assertions.
import { expect, test } from '@playwright/test';
import { FETCH_BUDGET, HEAP_GROWTH_LIMIT, runSoak, soakFailures } from '../apps/bench/run/soak.mjs';

const SOAK = { durationMs: 40_000, seed: 16_005, throttle: 1, firstCheckMs: 15_000 };
/** The heap check, asserted on its own by the last test below. */
const heapCheck = (failure: string) => failure.startsWith('the JS heap');

test('the Table survives a short soak under faults: its own item in every row of every frame, the fetch budget held, no error', async ({
  context,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const result = await runSoak(context, baseURL ?? '', SOAK);
  test.info().annotations.push({
    type: 'heap after GC',
    description: result.heap.map((h) => `${(h.bytes / 1e6).toFixed(1)} MB at ${h.atMs} ms`).join(', '),
  });
  // Every other check at once, so a failure says everything that broke.
  expect(soakFailures(result).filter((failure) => !heapCheck(failure))).toEqual([]);
  // The run did what it says: operations, faults injected, frames with rows checked.
  // Every kind ran (the soak starts with each once), and faults were injected (10 % of some 100
  // requests answer 500; a Stream page visit sees its connection cut).
  for (const count of Object.values(result.operations)) expect(count).toBeGreaterThan(0);
  test.info().annotations.push({
    type: 'faults injected',
    description: `${result.errors500} HTTP 500, ${result.stallsInjected} stalls (${result.stalled} until the timeout), ${result.streamCuts} stream cuts`,
  });
  expect(result.errors500 + result.stallsInjected + result.streamCuts).toBeGreaterThan(0);
  expect(result.frames).toBeGreaterThan(100);
  expect(result.rowsChecked).toBeGreaterThan(1_000);
  expect(result.maxInFlight).toBeGreaterThan(0);
  expect(result.maxInFlight).toBeLessThanOrEqual(FETCH_BUDGET);
});

// The heap check (issue #16 item 5). Two leaks made it fail and are fixed: each remount of the
// Table kept the previous list through its page queries' queryFn (scheduler/pageQuery.ts, core
// test list/retention.test.ts), and every Stream page visit left its whole stream queued in copies
// of the mocked response nobody read: MSW tees each mocked response on the page (twice) and in its
// service worker (once), and a tee cancels its source only when every branch is cancelled, so a
// stream whose reader left was never cancelled (patches/msw@2.9.0.patch, startMockWorker in
// packages/mocks/src/browser.ts; test packages/mocks/src/streamRelease.browser.test.ts).
// What is left to compare is what the document holds beyond the list's own pages, so both
// checkpoints first fill the Table to its 2 MB memory budget (fillBudget): at 15 s the list may
// hold 4 pages (just reloaded) or 20, about 0.1 MB of heap each on a 6-9 MB heap, so without it
// the check compared how full the list happened to be (1.04, 1.20, 1.26 in three runs with the
// leak fixed). And both leave out V8's compiled code (codeApart, read from a heap snapshot): in
// this short run V8 is still compiling and optimizing the page's code, 3.7 MB of an 8.8 MB heap
// at 15 s growing 0.66-0.78 MB by the end with the list at the same size, which alone took the
// whole heap to 1.22x once in CI; without it 1.07 and 1.08 in the same runs (decision 0082).
// The whole heap is reported beside it; the bench's 3-minute soak checks the whole heap after
// its first minute. docs/benchmarks.md, "Soak".
test('the JS heap after GC, without compiled code, ends at most 1.2× its first checkpoint', async ({
  context,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const result = await runSoak(context, baseURL ?? '', { ...SOAK, fillBudget: true, codeApart: true });
  const mb = (bytes: number) => (bytes / 1e6).toFixed(2);
  test.info().annotations.push({
    type: 'heap after GC',
    description: `${result.heap.map((h) => `${mb(h.bytes)} MB (${mb(h.codeBytes ?? 0)} MB compiled code) at ${h.atMs} ms (${h.pagesInMemory} pages)`).join(', ')}; ratio ${result.dataHeapRatio?.toFixed(3)} without code, ${result.heapRatio?.toFixed(3)} whole`,
  });
  // Code was read at every checkpoint, and is a part of the heap, not all of it.
  for (const h of result.heap) {
    expect(h.codeBytes).toBeGreaterThan(0);
    expect(h.codeBytes ?? Number.POSITIVE_INFINITY).toBeLessThan(h.bytes);
  }
  expect(result.dataHeapRatio).not.toBeNull();
  expect(result.dataHeapRatio ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(HEAP_GROWTH_LIMIT);
});
