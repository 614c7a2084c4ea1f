// The virtual list options a grid leans on, pushed with bad and edge values on a mounted list
// (real layout, MSW data): a scrollToIndex out of range, live gap and lanes at a deep position,
// refused values that must leave the layout as it was.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { frames } from '../testing/mountVirtualList.ts';
import {
  item,
  itemsList,
  loadedText,
  mount,
  runCleanups,
  title,
  windowErrors,
} from '../testing/virtualFixtures.ts';
import { createVirtualList } from './createVirtualList.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

describe('virtual list options, adversarial', () => {
  it('a scrollToIndex past either end lands on the last or the first item, with rows in view', async () => {
    const { list } = itemsList(1_000);
    const mounted = mount({ list, estimateSize: () => 36, text: title });
    await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(1_000));
    mounted.view.scrollToIndex(5_000, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(mounted, 999)).toBe(item(999).title));
    await frames(2);
    const bottom = mounted.position(999) ?? Number.NaN;
    expect(bottom + 36).toBeCloseTo(600, 0); // the last row at the viewport's end, no blank below
    mounted.view.scrollToIndex(-50);
    await vi.waitFor(() => expect(mounted.visible()[0]).toBe(0));
    expect(mounted.position(0)).toBeCloseTo(0, 0);
    expect(windowErrors()).toEqual([]);
  });

  it('a scrollToIndex of NaN or Infinity is a TypeError naming it, and the view stays', async () => {
    const { list } = itemsList(1_000);
    const mounted = mount({ list, estimateSize: () => 36, text: title });
    await vi.waitFor(() => expect(loadedText(mounted, 0)).toBe(item(0).title));
    mounted.view.scrollToIndex(300, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(mounted, 300)).toBe(item(300).title));
    await frames(2);
    expect(() => mounted.view.scrollToIndex(Number.NaN)).toThrow(/scrollToIndex.*NaN/);
    expect(() => mounted.view.scrollToIndex(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    await frames(2);
    expect(mounted.visible()[0]).toBe(300);
  });

  it('a live gap keeps the item at the top in place; a bad gap is refused and changes nothing', async () => {
    const { list } = itemsList(100_000);
    const mounted = mount({ list, estimateSize: () => 36, text: title });
    await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(100_000));
    mounted.view.scrollToIndex(40_000, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(mounted, 40_000)).toBe(item(40_000).title));
    await frames(2);
    mounted.view.setOptions({ gap: 8 });
    await frames(3);
    expect(mounted.visible()[0]).toBe(40_000);
    expect(mounted.position(40_000)).toBeCloseTo(0, 0);
    expect((mounted.position(40_001) ?? 0) - (mounted.position(40_000) ?? 0)).toBeCloseTo(44, 0);
    const before = mounted.view.getSnapshot();
    for (const gap of [Number.NaN, -4, Number.POSITIVE_INFINITY])
      expect(() => mounted.view.setOptions({ gap })).toThrow(/"gap"/);
    expect(() => mounted.view.setOptions({ lanes: 1.5 })).toThrow(/"lanes"/);
    await frames(2);
    expect(mounted.view.getSnapshot().totalSize).toBe(before.totalSize);
    expect(mounted.visible()[0]).toBe(40_000);
  });

  it.each([
    ['scrolled by the user', false],
    ['scrolled to by scrollToIndex', true],
  ])('more lanes at an offset past the new total height keep the item at the top (%s)', async (_, to) => {
    const { list } = itemsList(100_000);
    const mounted = mount({ list, estimateSize: () => 36, text: title });
    await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(100_000));
    // Item 60,000 at 2,160,000 px; with 4 lanes the list is 900,000 px tall.
    if (to) mounted.view.scrollToIndex(60_000, { align: 'start' });
    else mounted.viewport.scrollTop = 60_000 * 36;
    await vi.waitFor(() => expect(loadedText(mounted, 60_000)).toBe(item(60_000).title));
    await frames(2);
    for (const lanes of [4, 1, 3, 1, 2]) {
      mounted.view.setOptions({ lanes });
      await frames(3);
      expect({ lanes, first: mounted.visible()[0] }).toEqual({ lanes, first: 60_000 });
    }
    expect(mounted.position(60_000)).toBeCloseTo(0, 0);
  });

  it('an estimateSize of 0, less, NaN or Infinity is a TypeError naming it, at creation and in setOptions', async () => {
    const { list } = itemsList(1_000_000);
    for (const bad of [0, -36, Number.NaN, Number.POSITIVE_INFINITY]) {
      // Before: 0 rendered every row of the list at once, NaN threw from setWindow's "end".
      const scrollElement = document.createElement('div');
      expect(() => createVirtualList({ list, scrollElement, estimateSize: () => bad })).toThrow(
        /createVirtualList option "estimateSize" must be a function returning a size in px > 0 \(for item 0\)/,
      );
    }
    const mounted = mount({ list, estimateSize: () => 36, text: title });
    await vi.waitFor(() => expect(loadedText(mounted, 0)).toBe(item(0).title));
    expect(() => mounted.view.setOptions({ estimateSize: () => 0 })).toThrow(/"estimateSize"/);
    await frames(2);
    expect(mounted.view.getSnapshot().rows.length).toBeLessThan(40);
    expect(mounted.visible()[0]).toBe(0);
  });
});
