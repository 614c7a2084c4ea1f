// Zero jitter when the page scrolls from requestAnimationFrame and looks right after that frame's
// paint (the bench's dynamic-heights scenario, a scroll-linked animation, a custom wheel
// handler): the scroll's own event comes only in the next frame, so rows that the
// ResizeObserver measures only then (after the frame's layout) moved the row read. Fails without
// the at-once read of rows attached above the anchor (8,850 px of jitter in the bench).
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

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const height = (index: number) => 24 + ((index * 37) % 90);

it.each([
  ['100,000 rows', 100_000],
  ['1,000,000 rows (mapped past 15M px)', 1_000_000],
])(
  'a scroll written in requestAnimationFrame moves the row read by exactly that much in the frame it paints, %s',
  async (_, total) => {
    const { list } = itemsList(total);
    const mounted = mount({ list, estimateSize: () => 50, text: title, rowSize: (row) => height(row.index) });
    mounted.view.scrollToIndex(60_000, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(mounted, 60_000)).toBe(item(60_000).title));
    await frames(3);
    const loopErrors = windowErrors();
    // Until 78 steps were read (79 frames when none is missed: the first step, from rest, is not
    // read), at most 160. The row read: the first in view that stays in view after the 480-px step
    // up (the 600-px viewport's top 119 px). A row that leaves the view is not read, and rows out
    // of view behind a moving scroll are no longer kept (issue #16 item 2). None there: the step
    // before showed rows the list had not rendered yet (the first step from rest), skipped.
    const { read, jitter, jumps } = await rafScrollSteps(mounted, {
      step: 480,
      reads: 78,
      maxSteps: 160,
      tracked: () => mounted.visible().find((index) => (mounted.position(index) ?? 600) < 600 - 480 - 1),
    });
    expect(read).toBe(78);
    expect({ jitter: Math.round(jitter), jumps }).toEqual({ jitter: 0, jumps: 0 });
    expect(loopErrors.filter((message) => message.includes('ResizeObserver'))).toEqual([]);
  },
);
