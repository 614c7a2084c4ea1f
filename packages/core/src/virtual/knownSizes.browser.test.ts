// Rows of a known size (docs/virtual-list.md, decision 0086): an app whose rows all have the size
// `estimateSize` gives leaves out `measureElement`, as react-window's `rowHeight` and
// react-virtuoso's `fixedItemHeight` do. Nothing is then observed or read per row, and every row
// still sits at its own place through scrolls, jumps and a scaled list.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { frames, type MountedList } from '../testing/mountVirtualList.ts';
import {
  cleanups,
  type Item,
  item,
  itemsList,
  loadedText,
  mount,
  runCleanups,
  title,
} from '../testing/virtualFixtures.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const SIZE = 36;

/** Row elements handed to any ResizeObserver from now until the test's teardown. */
function observedRows(): Element[] {
  const rows: Element[] = [];
  const observe = ResizeObserver.prototype.observe;
  ResizeObserver.prototype.observe = function (
    this: ResizeObserver,
    target: Element,
    options?: ResizeObserverOptions,
  ) {
    if (target.hasAttribute('data-index')) rows.push(target);
    observe.call(this, target, options);
  };
  cleanups.push(() => {
    ResizeObserver.prototype.observe = observe;
  });
  return rows;
}

/** The rendered rows that intersect the viewport follow each other SIZE px apart, in order, from the top. */
function expectPacked(mounted: MountedList<Item>): void {
  const visible = mounted.visible();
  expect(visible.length).toBeGreaterThanOrEqual(600 / SIZE);
  const first = visible[0] ?? 0;
  const top = mounted.position(first) ?? Number.NaN;
  expect(top).toBeLessThanOrEqual(0);
  expect(top).toBeGreaterThan(-SIZE);
  visible.forEach((index, at) => {
    expect(index).toBe(first + at);
    expect(mounted.position(index)).toBeCloseTo(top + at * SIZE, 1);
  });
}

/** Scrolls in requestAnimationFrame, `step` px a frame, `count` frames (a page's fling). */
async function rafScroll(mounted: MountedList<Item>, step: number, count: number): Promise<void> {
  for (let n = 0; n < count; n++) {
    await frames(1);
    mounted.viewport.scrollTop += step;
  }
  await frames(3);
}

it('a list whose rows are never measured observes no row and keeps each at index × size through a scroll and a jump', async () => {
  const observed = observedRows();
  const { list } = itemsList(100_000);
  const mounted = mount({ list, estimateSize: () => SIZE, text: title, measure: false });
  await vi.waitFor(() => expect(loadedText(mounted, 0)).toBe(item(0).title));

  await rafScroll(mounted, 1_200, 40);
  expectPacked(mounted);
  for (const row of mounted.view.getSnapshot().rows) expect(row.start).toBe(row.index * SIZE);

  mounted.view.scrollToIndex(61_234, { align: 'start' });
  await vi.waitFor(() => expect(loadedText(mounted, 61_234)).toBe(item(61_234).title));
  await frames(3);
  expect(mounted.viewport.scrollTop).toBe(61_234 * SIZE);
  expect(mounted.position(61_234)).toBeCloseTo(0, 1);
  expectPacked(mounted);

  await rafScroll(mounted, -900, 30);
  expectPacked(mounted);
  expect(mounted.view.getSnapshot().totalSize).toBe(100_000 * SIZE);
  expect(observed).toEqual([]);
});

it('in a scaled list (1,000,000 rows of 36 px, past 15M px) unmeasured rows stay packed through a fling and a jump', async () => {
  const observed = observedRows();
  const { list } = itemsList(1_000_000);
  const mounted = mount({ list, estimateSize: () => SIZE, text: title, measure: false });
  await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(1_000_000));
  expect(mounted.view.getSnapshot().scaled).toBe(true);

  mounted.view.scrollToIndex(500_000, { align: 'start' });
  await vi.waitFor(() => expect(loadedText(mounted, 500_000)).toBe(item(500_000).title));
  await frames(3);
  expect(mounted.position(500_000)).toBeCloseTo(0, 1);
  expectPacked(mounted);

  // Moves of a few viewports a frame, down then up, are 1:1 (issue #16 item 0): the row read
  // after them is the one that distance away.
  await rafScroll(mounted, 2_000, 10);
  expectPacked(mounted);
  const down = mounted.visible()[0] ?? 0;
  expect(down).toBe(500_000 + Math.floor((10 * 2_000) / SIZE));
  await rafScroll(mounted, -2_000, 10);
  expectPacked(mounted);
  expect(mounted.visible()[0]).toBe(500_000);
  expect(observed).toEqual([]);
});

it('the same list with measureElement hands its rows to the observer (what the checks above would see)', async () => {
  const observed = observedRows();
  const { list } = itemsList(100_000);
  const mounted = mount({ list, estimateSize: () => SIZE, text: title });
  await vi.waitFor(() => expect(loadedText(mounted, 0)).toBe(item(0).title));
  expect(observed.length).toBeGreaterThanOrEqual(600 / SIZE);
  expectPacked(mounted);
});
