// VirtualList.setOptions: live options on a mounted list (real layout, MSW data).
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { frames } from '../testing/mountVirtualList.ts';
import { item, itemsList, loadedText, mount, runCleanups, title } from '../testing/virtualFixtures.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

describe('VirtualList.setOptions', () => {
  it('new lanes regroup the rows and keep the item in view at the top', async () => {
    const { list, requested } = itemsList(100_000);
    const mounted = mount({ list, estimateSize: () => 36, text: title });
    await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(100_000));
    mounted.view.scrollToIndex(30_000, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(mounted, 30_000)).toBe(item(30_000).title));
    const fetched = requested.length;
    mounted.view.setOptions({ lanes: 3 });
    await frames(3);
    // Item 30,000 is now in row 10,000 (lane 0): still the first row in view, with its data.
    expect(mounted.view.getSnapshot().rows.find((row) => row.index === 30_000)?.lane).toBe(0);
    expect(mounted.visible()[0]).toBe(30_000);
    expect(mounted.position(30_000)).toBeCloseTo(0, 0);
    expect(loadedText(mounted, 30_001)).toBe(item(30_001).title);
    expect(requested.length - fetched).toBeLessThanOrEqual(3); // no reload of what is shown
  });

  it('a new estimateSize changes the extent of unmeasured rows; overscan renders more rows', async () => {
    const { list } = itemsList(100_000);
    const mounted = mount({ list, estimateSize: () => 36, text: title });
    await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(100_000));
    const before = mounted.view.getSnapshot();
    mounted.view.setOptions({ estimateSize: () => 50 });
    await frames(2);
    expect(mounted.view.getSnapshot().totalSize).toBeGreaterThan(before.totalSize + 100_000 * 10);
    const rendered = mounted.view.getSnapshot().rows.length;
    mounted.view.setOptions({ overscan: 20 });
    await frames(1);
    expect(mounted.view.getSnapshot().rows.length).toBeGreaterThan(rendered + 10);
  });

  it('a new estimateSize function with the same estimates (an inline one per render) keeps the snapshot', async () => {
    const { list } = itemsList(100_000);
    const mounted = mount({ list, estimateSize: () => 36, text: title });
    await vi.waitFor(() => expect(loadedText(mounted, 0)).toBe(item(0).title));
    await frames(2);
    const before = mounted.view.getSnapshot();
    for (let i = 0; i < 3; i++) mounted.view.setOptions({ estimateSize: () => 36 });
    await frames(1);
    expect(mounted.view.getSnapshot()).toBe(before);
    mounted.view.setOptions({ estimateSize: (index) => (index >= 99_000 ? 40 : 36) }); // differs at the end
    await frames(1);
    expect(mounted.view.getSnapshot().totalSize).toBeGreaterThan(before.totalSize);
  });

  it('refuses options fixed at creation and invalid values with a TypeError naming the option', async () => {
    const { list } = itemsList(1_000);
    const mounted = mount({ list, estimateSize: () => 36, text: title });
    expect(() => mounted.view.setOptions({ horizontal: true } as never)).toThrow(/horizontal/);
    expect(() => mounted.view.setOptions({ lanes: 0 })).toThrow(/lanes/);
    expect(() => mounted.view.setOptions({ overscan: -1 })).toThrow(/overscan/);
    await vi.waitFor(() => expect(loadedText(mounted, 0)).toBe(item(0).title));
  });
});
