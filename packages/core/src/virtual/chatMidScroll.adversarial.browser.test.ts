// A chat scrolled up frame after frame while older history is prepended above: the message read
// moves with the scroll only, never by the prepended rows' height.

import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { frames } from '../testing/mountVirtualList.ts';
import { feedList, item, loadedText, mount, runCleanups, title } from '../testing/virtualFixtures.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

describe('a chat scrolled up while history is prepended', () => {
  it('the message read moves by the scroll alone, each frame', async () => {
    let release: () => void = () => {};
    let held: Promise<void> | null = null;
    const list = feedList(10_000, { gate: () => held ?? Promise.resolve() });
    const mounted = mount({
      list,
      anchor: 'end',
      estimateSize: () => 40,
      text: title,
      rowSize: (row) => 30 + (row.position % 3) * 10,
    });
    await vi.waitFor(() => {
      const count = mounted.view.getSnapshot().count;
      expect(count).toBeGreaterThan(0);
      expect(loadedText(mounted, count - 1)).toBe(item(9_999).title);
    });
    await vi.waitFor(() => expect(mounted.view.getSnapshot().list.stats.inFlight).toBe(0));
    held = new Promise((resolve) => {
      release = () => {
        held = null;
        resolve();
      };
    });
    mounted.viewport.scrollTop = 400;
    await frames(3);
    const watched = mounted.view.getSnapshot().rows.find((row) => (mounted.position(row.index) ?? -1) >= 0);
    expect(watched).toBeDefined();
    const key = watched?.key ?? 0;
    const at = () => {
      const row = mounted.view.getSnapshot().rows.find((r) => r.key === key);
      return row === undefined ? undefined : mounted.position(row.index);
    };
    const prepended = mounted.view.getSnapshot().list.prependedCount;
    const start = at() ?? Number.NaN;
    // 8 px up each frame, as a page scrolling its list itself does (drag-to-select, autoscroll);
    // the history is let through after the third. Before: when it landed between a write and its
    // scroll event, that write's offset was taken in the new content, 1,200 px of rows above it:
    // the view jumped to the history's top (the row read gone, scrollTop 238 -> 110).
    const moved: number[] = [];
    for (let frame = 0; frame < 8; frame++) {
      if (frame === 3) release();
      mounted.viewport.scrollTop -= 8;
      await frames(1);
      moved.push(Math.round((at() ?? Number.NaN) - start));
    }
    expect(mounted.view.getSnapshot().list.prependedCount).toBeGreaterThan(prepended);
    expect(moved).toEqual([8, 16, 24, 32, 40, 48, 56, 64]);
  });
});
