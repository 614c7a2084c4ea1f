// The mapping of lists longer than maxPhysicalSize is a lazy chunk (decision 0044): a view holds
// its layout until the chunk is there, so no frame of a long list is laid out capped, and a
// position taken before it (a restore at creation) is not clamped away. Each file sees the chunk
// not loaded yet (module state, one per test file): the restore's case is scaledRestore.browser.test.ts.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import {
  cleanups,
  item,
  itemsList,
  loadedText,
  mount,
  runCleanups,
  title,
} from '../testing/virtualFixtures.ts';
import type { VirtualListSnapshot } from './virtualSnapshot.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const ROW = 36;
const TOTAL = 1_000_000; // 36,000,000 px: mapped onto 15,000,000

it('publishes no snapshot of a list longer than maxPhysicalSize that is not mapped onto it', async () => {
  const { list } = itemsList(TOTAL);
  const mounted = mount({ list, estimateSize: () => ROW, text: title });
  const seen: VirtualListSnapshot<unknown>[] = [];
  const stop = mounted.view.subscribe(() => seen.push(mounted.view.getSnapshot()));
  cleanups.push(stop);
  await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(TOTAL));
  const long = seen.filter((snapshot) => snapshot.count === TOTAL);
  expect(long.length).toBeGreaterThan(0);
  for (const snapshot of long) expect([snapshot.scaled, snapshot.totalSize]).toEqual([true, 15_000_000]);
  mounted.view.scrollToIndex(TOTAL - 1, { align: 'end' });
  await vi.waitFor(() => expect(loadedText(mounted, TOTAL - 1)).toBe(item(TOTAL - 1).title));
  expect(mounted.view.getScrollOffset()).toBe(TOTAL * ROW - 600);
});
