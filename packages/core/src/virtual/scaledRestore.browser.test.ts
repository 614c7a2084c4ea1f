// A restore far down a list longer than maxPhysicalSize whose count is known at creation (laid
// out in the first layout, before any page answers) lands on its row, mapped, never clamped at
// 15M px. Written for decision 0044 (the mapping as a lazy chunk, reverted); holds for the eager one.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { settled } from '../testing/mountVirtualList.ts';
import {
  cleanups,
  type Item,
  item,
  loadedText,
  mount,
  runCleanups,
  title,
} from '../testing/virtualFixtures.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const ROW = 36;
const TOTAL = 1_000_000; // 36,000,000 px: mapped onto 15,000,000
const FAR = 600_001;

it('a restore far down a list whose count is known at creation lands on its row', async () => {
  // Row 600,001 starts at 21,600,036 px: past maxPhysicalSize, where a capped layout would clamp it.
  const saved = { anchorKey: FAR, offsetInItem: 0, sizes: [] };
  const list = createLazyList<Item>({
    key: [`scaled-restore-${Math.random()}`],
    source: offsetSource({
      pageSize: 100,
      initialCount: TOTAL,
      fetchPage: async ({ offset, limit, signal }) =>
        (await fetch(`/api/items?offset=${offset}&limit=${limit}&total=${TOTAL}`, { signal })).json(),
    }),
  });
  cleanups.push(() => list.destroy());
  const mounted = mount({ list, estimateSize: () => ROW, text: title, restore: saved });
  await vi.waitFor(() => expect(loadedText(mounted, FAR)).toBe(item(FAR).title));
  expect(mounted.view.getSnapshot().scaled).toBe(true);
  expect(await settled(() => mounted.view.getScrollOffset())).toBe(FAR * ROW);
  expect(mounted.position(FAR)).toBeCloseTo(0, 0);
});
