// Sticky rows with lanes (a grid of cards with section rows): scrollToIndex to an item under a
// section's sticky row lands below it, and a list with items prepended keeps the sections.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { frames } from '../testing/mountVirtualList.ts';
import { item, itemsList, loadedText, mount, runCleanups, title } from '../testing/virtualFixtures.ts';
import { stickyRows } from './stickyImport.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const ROW = 36;

describe('sticky rows with lanes (adversarial)', () => {
  it.each([
    ['start', 11 * ROW - ROW],
    ['auto', 11 * ROW - ROW],
  ] as const)(
    "scrollToIndex(45, '%s') with 4 lanes lands the item's row below its section's sticky row",
    async (align, expected) => {
      const { list } = itemsList(10_000);
      const view = mount({
        list,
        lanes: 4,
        estimateSize: () => ROW,
        text: title,
        sticky: stickyRows,
        stickyIndexes: [0, 40, 80],
      });
      await vi.waitFor(() => expect(loadedText(view, 0)).toBe(item(0).title));
      view.viewport.scrollTop = 2_000;
      await frames(4);
      view.view.scrollToIndex(45, { align });
      await frames(4);
      expect(view.view.getScrollOffset()).toBeCloseTo(expected, 0);
      expect(view.view.getSnapshot().rows.find((row) => row.index === 40)?.sticky).toBeDefined();
    },
  );
});
