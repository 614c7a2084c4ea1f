// `setWindow` + `getSnapshot` cost at count 1e3, 1e6 and 1e8: it must not grow with count.
// Run: npx pnpm@12.21.0 exec vitest bench --project node packages/core/bench --run
import { bench, describe } from 'vitest';
import { createLazyList } from '../src/list/createLazyList.ts';
import { offsetSource } from '../src/sources/offsetSource.ts';

const PAGE = 100;
const row = (id: number) => ({
  id,
  title: `Item ${id}`,
  body: 'lorem ipsum dolor sit amet '.repeat(4),
  score: id % 97,
});

function listOf(count: number) {
  const list = createLazyList({
    key: ['bench', count],
    source: offsetSource({
      pageSize: PAGE,
      // Resolves at once: the benchmark measures planning and snapshots, not the network.
      fetchPage: async ({ offset, limit }) => ({
        items: Array.from({ length: Math.max(0, Math.min(limit, count - offset)) }, (_, i) =>
          row(offset + i),
        ),
        total: count,
      }),
    }),
    prefetch: 2,
    statsIntervalMs: 0,
  });
  list.subscribe(() => {});
  return list;
}

describe('setWindow + getSnapshot', () => {
  for (const count of [1e3, 1e6, 1e8]) {
    const list = listOf(count);
    let position = 0;
    bench(`count ${count.toExponential()}`, () => {
      position = (position + 7_919) % Math.max(1, count - 50);
      list.setWindow({ start: position, end: position + 40, direction: 'forward', velocity: 0 });
      const snapshot = list.getSnapshot();
      snapshot.getItem(position);
    });
  }
});
