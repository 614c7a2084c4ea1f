// A short soak (issue #16 item 5): the demo's 1,000,000-row Table for about 40 s through seeded
// random scrolls, flings, jumps, scrollbar moves, resizes, reloads and Stream page visits, with
// the mock server failing 10 % of requests, stalling 5 % past the Table's timeout and cutting
// streams; the same run and checks as `pnpm bench`'s 3-minute `soak` scenario
// (apps/bench/run/soak.mjs), without CPU throttling and without timed assertions.
import { expect, test } from '@playwright/test';
import { FETCH_BUDGET, HEAP_GROWTH_LIMIT, runSoak, soakFailures } from '../apps/bench/run/soak.mjs';

const SOAK = { durationMs: 40_000, seed: 16_005, throttle: 1, firstCheckMs: 15_000 };
/** The heap check, asserted by the fixme test below until the leak it found is fixed. */
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
  expect(result.errors500 + result.stalled + result.streamCuts).toBeGreaterThan(0);
  expect(result.frames).toBeGreaterThan(100);
  expect(result.rowsChecked).toBeGreaterThan(1_000);
  expect(result.maxInFlight).toBeGreaterThan(0);
  expect(result.maxInFlight).toBeLessThanOrEqual(FETCH_BUDGET);
});

// Open (issue #16 item 5). The list's leak is fixed: each remount of the Table left the previous
// list reachable through the queryFn of the page queries it kept for the next one (fixed in
// scheduler/pageQuery.ts, core test list/retention.test.ts); after 20 jumps + Stream visits a heap
// snapshot holds 700 item titles, the list's own 6-7 pages (was ~10,000). The heap still grows,
// ~0.09 MB per Stream page visit (5.5 -> 8.3 -> 9.7 MB over 20 visits): ~350 Uint8Array chunks per
// visit stay queued in a tee() branch nobody reads (blink TeeEngine -> ReadableStream ->
// PipeToEngine). lazyflow's stream code calls no tee/clone/pipeTo; the demo's mock path does (MSW
// in the page clones responses; streamTap pipes the body): not pinned down yet. With the list fix
// this check failed 3 of 3 (one at 1.27x, 2026-12-04 05:30 UTC): docs/benchmarks.md, "Soak".
test.fixme('the JS heap after GC at the end of the soak is at most 1.2× its first checkpoint', async ({
  context,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const result = await runSoak(context, baseURL ?? '', SOAK);
  expect(result.heapRatio).not.toBeNull();
  expect(result.heapRatio ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(HEAP_GROWTH_LIMIT);
});
