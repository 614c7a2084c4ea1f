// The zero-jitter promise after a jump (issue #16, the Home page's "zero-jitter" tile): wheel up
// from a row reached with scrollToIndex, in a list whose rows take their own heights once loaded,
// and the row read moves by exactly the wheel's distance, also when the page above it lands after
// the wheel (its rows, measured as placeholders, then change size above the row read).
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
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

const TOTAL = 1_000_000;
const TARGET = 500_000;
const ESTIMATE = 80;
/** A loaded row's own height (never the estimate): 50, 63, 76 or 89 px. */
const loadedHeight = (index: number) => 50 + (index % 4) * 13;

it('a wheel step up from a jumped-to row moves it by exactly the step while the page above lands', async () => {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const list = createLazyList<Item>({
    key: [`anchor-landing-${Math.random()}`],
    source: offsetSource({
      pageSize: 100,
      fetchPage: async ({ offset, limit, signal }) => {
        if (offset === TARGET - 100) await gate; // the page just above the target lands late
        return (await fetch(`/api/items?offset=${offset}&limit=${limit}&total=${TOTAL}`, { signal })).json();
      },
    }),
  });
  cleanups.push(() => list.destroy());
  const mounted = mount({
    list,
    estimateSize: () => ESTIMATE,
    text: title,
    rowSize: (row) => (row.state.status === 'loaded' ? loadedHeight(row.index) : row.size),
  });
  await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(TOTAL));
  expect(mounted.view.getSnapshot().scaled).toBe(true); // 80M px estimated, mapped onto 15M px
  mounted.view.scrollToIndex(TARGET, { align: 'start' });
  await vi.waitFor(() => expect(loadedText(mounted, TARGET)).toBe(item(TARGET).title));
  await settled(() => mounted.position(TARGET) ?? Number.NaN);
  expect(mounted.position(TARGET)).toBeCloseTo(0, 0);
  // The rows just above are rendered (overscan) as placeholders of the estimate's size.
  expect(mounted.element(TARGET - 1)?.dataset.state).not.toBe('loaded');

  mounted.viewport.dataset.testid = 'anchor-landing';
  await userEvent.wheel(page.getByTestId('anchor-landing'), { delta: { y: -300 } });
  await settled(() => mounted.view.getScrollOffset());
  expect(mounted.position(TARGET)).toBeCloseTo(300, 0);
  const above = mounted.visible().filter((index) => index < TARGET);
  expect(above.length).toBeGreaterThan(1);
  expect(above.every((index) => mounted.element(index)?.dataset.state !== 'loaded')).toBe(true);

  release(); // the rows above take their own heights, all different from the estimate
  await vi.waitFor(() => expect(loadedText(mounted, TARGET - 1)).toBe(item(TARGET - 1).title));
  await settled(() => mounted.position(TARGET) ?? Number.NaN);
  expect(mounted.element(TARGET - 1)?.getBoundingClientRect().height).toBe(loadedHeight(TARGET - 1));
  expect(mounted.position(TARGET)).toBeCloseTo(300, 0);
});
