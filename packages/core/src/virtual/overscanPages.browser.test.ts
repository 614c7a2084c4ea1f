// Rows rendered beyond the viewport (overscan) show their data as soon as their page lands
// (issue #16 item 2, the open question "after a jump, loaded rows keep the placeholder's size
// until the next render"): the list shows a landing page at once only when it is on the window's
// pages and folds any other one in within `statsIntervalMs`; the view now asks for the overscan
// rows too, so their pages count as the window's.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { frames } from '../testing/mountVirtualList.ts';
import {
  cleanups,
  type Item,
  item,
  loadedText,
  mount,
  runCleanups,
  title,
} from '../testing/virtualFixtures.ts';
import { renderedWindow } from './virtualSnapshot.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const TOTAL = 1_000_000;
const TARGET = 500_000;
const OVERSCAN = 5;

it('after a jump, the overscan rows above the target show their page when it lands, not a second later', async () => {
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const list = createLazyList<Item>({
    key: [`overscan-pages-${Math.random()}`],
    // A landing outside the window's pages would be folded in only after a minute here.
    statsIntervalMs: 60_000,
    source: offsetSource({
      pageSize: 100,
      fetchPage: async ({ offset, limit, signal }) => {
        // The page above the target lands after the target's own page (which would publish it).
        if (offset === TARGET - 100) await gate;
        return (await fetch(`/api/items?offset=${offset}&limit=${limit}&total=${TOTAL}`, { signal })).json();
      },
    }),
  });
  cleanups.push(() => list.destroy());
  const mounted = mount({ list, estimateSize: () => 36, overscan: OVERSCAN, text: title });
  await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(TOTAL));
  mounted.view.scrollToIndex(TARGET, { align: 'start' });
  await vi.waitFor(() => expect(loadedText(mounted, TARGET)).toBe(item(TARGET).title));
  await frames(3);
  expect(mounted.position(TARGET)).toBeCloseTo(0, 0);
  // Rendered above the viewport, still waiting for their page.
  for (let index = TARGET - OVERSCAN; index < TARGET; index++)
    expect(mounted.element(index)?.dataset.state).not.toBe('loaded');

  release();
  await vi.waitFor(() => {
    for (let index = TARGET - OVERSCAN; index < TARGET; index++)
      expect(loadedText(mounted, index)).toBe(item(index).title);
  });
  expect(mounted.position(TARGET)).toBeCloseTo(0, 0);
});

it('renderedWindow widens the visible items by the overscan rows, within the items', () => {
  expect(renderedWindow({ start: 500_000, end: 500_017 }, 5, 1, TOTAL)).toEqual({
    start: 499_995,
    end: 500_022,
  });
  expect(renderedWindow({ start: 2, end: 20 }, 5, 3, 30)).toEqual({ start: 0, end: 30 });
  expect(renderedWindow({ start: 40, end: 60 }, 0, 1, 100)).toEqual({ start: 40, end: 60 });
  // No count yet (the first window before anything is known): unchanged.
  expect(renderedWindow({ start: 0, end: 17 }, 5, 1, 0)).toEqual({ start: 0, end: 17 });
});
