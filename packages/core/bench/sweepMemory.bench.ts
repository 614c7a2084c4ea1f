// Store memory after sweeping the window over 1,000,000 items, against memory.maxBytes.
// The figure is printed once; the bench itself times one full sweep.
import { bench, describe } from 'vitest';
import { createLazyList } from '../src/list/createLazyList.ts';
import { offsetSource } from '../src/sources/offsetSource.ts';

const COUNT = 1_000_000;
const MAX_BYTES = 5_000_000;
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function sweep(): Promise<{ bytes: number; peak: number; evictions: number }> {
  const list = createLazyList({
    key: ['sweep'],
    source: offsetSource({
      pageSize: 100,
      fetchPage: async ({ offset, limit }) => ({
        items: Array.from({ length: limit }, (_, i) => ({
          id: offset + i,
          title: `Item ${offset + i}`,
          body: 'x'.repeat(200),
        })),
        total: COUNT,
      }),
    }),
    prefetch: 2,
    memory: { maxBytes: MAX_BYTES },
    statsIntervalMs: 0,
  });
  list.subscribe(() => {});
  let peak = 0;
  for (let start = 0; start < COUNT; start += 1_000) {
    list.setWindow({ start, end: start + 50 });
    await tick();
    await tick();
    peak = Math.max(peak, list.getSnapshot().stats.bytesInMemory);
  }
  const { bytesInMemory, evictions } = list.getSnapshot().stats;
  list.destroy();
  return { bytes: bytesInMemory, peak, evictions };
}

describe('1M-item sweep', () => {
  let printed = false;
  bench(
    `sweep 1e6 items, maxBytes ${MAX_BYTES}`,
    async () => {
      const result = await sweep();
      if (!printed) {
        printed = true;
        console.log(
          `bytesInMemory ${result.bytes}, peak ${result.peak}, maxBytes ${MAX_BYTES}, evictions ${result.evictions}`,
        );
      }
    },
    { iterations: 1, warmupIterations: 0 },
  );
});
