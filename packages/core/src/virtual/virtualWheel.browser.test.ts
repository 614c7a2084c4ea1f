// Real mouse-wheel events (Playwright's mouse, through Chromium's input pipeline) on lists mapped
// past the browser's height limit: every step moves the content by exactly its distance, however
// large, and only pages along the way are fetched (issue 16: a 2,000 px step used to be taken for
// a scrollbar drag and land thousands of rows away).
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { settled } from '../testing/mountVirtualList.ts';
import { item, itemsList, loadedText, mount, runCleanups, title } from '../testing/virtualFixtures.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const ROW = 36;
const STEPS = 5;

describe.each([
  ['1,000,000 rows', 1_000_000],
  ['100,000,000 rows', 100_000_000],
])('real wheel steps on %s', (_, total) => {
  it.each([100, 500, 2_000, 20_000])(
    '%i px steps down and up move the content exactly, fetching only pages on the path',
    async (step) => {
      const { list, requested } = itemsList(total);
      const mounted = mount({ list, estimateSize: () => ROW, text: title });
      await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(total));
      expect(mounted.view.getSnapshot().scaled).toBe(true);
      const start = total / 2 + 1;
      mounted.view.scrollToIndex(start, { align: 'start' });
      await vi.waitFor(() => expect(loadedText(mounted, start)).toBe(item(start).title));
      const origin = await settled(() => mounted.view.getScrollOffset());
      expect(origin).toBe(start * ROW);
      requested.length = 0;
      // A locator that does not depend on the rows' text, which the scroll changes.
      mounted.viewport.dataset.testid = 'wheel-target';
      const target = page.getByTestId('wheel-target');

      for (const direction of [1, -1]) {
        for (let i = 0; i < STEPS; i++) {
          await userEvent.wheel(target, { delta: { y: direction * step } });
          await settled(() => mounted.view.getScrollOffset());
        }
        const expected = direction === 1 ? origin + STEPS * step : origin;
        expect(mounted.view.getScrollOffset()).toBeCloseTo(expected, 0);
        const row = Math.floor(expected / ROW);
        await vi.waitFor(() => expect(loadedText(mounted, row)).toBe(item(row).title));
        expect(mounted.position(row)).toBeCloseTo(row * ROW - expected, 0);
        expect(mounted.visible()[0]).toBe(row);
      }

      // Pages fetched lie on the path (plus what the list prefetches around it), nowhere else.
      const pathEnd = start + Math.ceil((STEPS * step + 600) / ROW);
      for (const offset of requested) {
        expect(offset).toBeGreaterThanOrEqual(start - 1_000);
        expect(offset).toBeLessThanOrEqual(pathEnd + 1_000);
      }
    },
  );
});
