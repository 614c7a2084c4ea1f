// layout: masonry with a page that scrolls from requestAnimationFrame (decision 0016 rule 9 for
// masonry, issue #19 item 3): the scroll's own event comes one frame later, so items above the
// item read that the ResizeObserver measured only after that frame's layout would move it. Items
// are read at once when their chunk is above the anchored chunk or is that chunk; the item read
// (the first spanning the viewport's top, the one masonry holds) moves by exactly the scroll in
// the frame it paints. A guard: it passes without the anchored-chunk rule too, because a chunk
// in view is rendered whole before it is seen (its items are never attached late).
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { frames } from '../testing/mountVirtualList.ts';
import { rafScrollSteps } from '../testing/rafScrollSteps.ts';
import {
  item,
  itemsList,
  loadedText,
  mount,
  runCleanups,
  title,
  windowErrors,
} from '../testing/virtualFixtures.ts';
import { masonry } from './masonry.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const height = (index: number) => 60 + ((index * 37) % 5) * 30;

it.each([
  ['100,000 items', 100_000],
  ['1,000,000 items (mapped past 15M px)', 1_000_000],
])(
  'masonry: a scroll written in requestAnimationFrame moves the item read by exactly that much in the frame it paints, %s',
  async (_, total) => {
    const { list } = itemsList(total);
    const mounted = mount({
      list,
      layout: masonry,
      lanes: 3,
      gap: 8,
      estimateSize: () => 100,
      text: title,
      rowSize: (row) => (row.state.status === 'loaded' ? height(row.index) : row.size),
    });
    mounted.view.scrollToIndex(60_000, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(mounted, 60_000)).toBe(item(60_000).title));
    await frames(3);
    const loopErrors = windowErrors();
    // Real frames are counted, as in rafScrollAnchor.browser.test.ts (testing/rafScrollSteps.ts).
    // Until 78 steps were read, at most 160. The item read, as masonry holds it: the first item
    // (by index) spanning the viewport's top, its gap below included. It stays in view after the
    // 300-px step up.
    const { read, jitter, jumps } = await rafScrollSteps(mounted, {
      step: 300,
      reads: 78,
      maxSteps: 160,
      tracked: () =>
        mounted.visible().find((index) => {
          const at = mounted.position(index) ?? 600;
          const size = mounted.element(index)?.getBoundingClientRect().height ?? 0;
          return at <= 0 && at + size + 8 > 0;
        }),
    });
    expect(read).toBe(78);
    expect({ jitter: Math.round(jitter), jumps }).toEqual({ jitter: 0, jumps: 0 });
    expect(loopErrors.filter((message) => message.includes('ResizeObserver'))).toEqual([]);
  },
);
