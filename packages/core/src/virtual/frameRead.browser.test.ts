// A fast scroll written in requestAnimationFrame (the bench's fling, a scroll-linked animation, a
// page's own smooth scroll) moves again after the frame's scroll event: rows laid out at the event
// were painted one step behind (decision 0038). Fails without the frame read: every one of the 40
// frames of a 1,200 px-per-frame scroll showed part of the 600-px viewport without rows.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { frameCounter } from '../testing/frameCounter.ts';
import { afterPaint, frames, type MountedList } from '../testing/mountVirtualList.ts';
import { scrollThenStop } from '../testing/scrollThenStop.ts';
import {
  type Item,
  item,
  itemsList,
  loadedText,
  mount,
  runCleanups,
  title,
} from '../testing/virtualFixtures.ts';
import { FrameRead } from './frameRead.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

/** 36-px slots of the viewport (probed at their middles) that no rendered row covers. */
function uncovered(mounted: MountedList<Item>): number {
  const box = mounted.viewport.getBoundingClientRect();
  const rects = [...mounted.spacer.querySelectorAll('[data-index]')].map((row) =>
    row.getBoundingClientRect(),
  );
  let empty = 0;
  for (let y = box.top + 18; y < box.bottom; y += 36) {
    if (!rects.some((rect) => rect.top <= y && rect.bottom > y)) empty += 1;
  }
  return empty;
}

it.each([
  ['down', 1_200],
  ['up', -1_200],
])(
  'a fast scroll written in requestAnimationFrame is laid out where each frame is painted (%s)',
  async (_, step) => {
    const { list } = itemsList(100_000); // 3.6M px: positions are not mapped
    // A clock advancing 16 ms per frame: the speed does not depend on how busy the machine is.
    let now = 0;
    const mounted = mount({ list, estimateSize: () => 36, text: title, now: () => now });
    const startRow = step > 0 ? 1_000 : 50_000;
    mounted.view.scrollToIndex(startRow, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(mounted, startRow)).toBe(item(startRow).title));
    await frames(3);
    // Real frames are counted: on a busy machine the test's own loop can miss one, and a frame
    // with no scroll event ends the lean by design (decision 0020); the frames after such a
    // gap are read at the event again until the rows lean, like the loop's first four.
    const clock = frameCounter();
    const blankFrames: number[] = [];
    let mostRows = 0;
    let checked = 0;
    let leanFrom = 4; // the first frame checked: four in a row after the start or a gap
    let lastTick = -1;
    let frame = 0;
    // Until 30 frames were checked (40 frames when no frame is missed), at most 160.
    for (; checked < 30 && frame < 160; frame++) {
      await frames(1);
      if (lastTick >= 0 && clock.frames - lastTick > 1) leanFrom = frame + 4;
      lastTick = clock.frames;
      now += 16;
      mounted.viewport.scrollTop += step; // 75,000 px/s, inside the frame before its layout
      const written = mounted.viewport.scrollTop;
      await afterPaint();
      expect(mounted.viewport.scrollTop).toBe(written);
      // The first four frames are read at the event, as any scroll (all blank here): the frame
      // read starts once the rows lean (frames of a move beyond the overscan, in a row).
      if (frame < leanFrom) continue;
      checked += 1;
      if (uncovered(mounted) > 0) blankFrames.push(frame);
      // …and only the rows it shows: the next frame is 1,200 px on, past any row rendered ahead.
      mostRows = Math.max(mostRows, mounted.spacer.querySelectorAll('[data-index]').length);
    }
    clock.stop();
    expect(checked).toBe(30);
    expect(blankFrames).toEqual([]);
    expect(mostRows).toBeLessThanOrEqual(Math.ceil(600 / 36) + 1); // 17 rows touch a 600-px viewport
    // The view's own offset is the scroll's (nothing lags behind the element).
    const offset = mounted.view.getScrollOffset();
    expect(Math.abs(offset - (startRow * 36 + frame * step))).toBeLessThan(1);
  },
);

it.each([
  ['measured', true],
  ['of a known size, not measured', false],
])(
  'the frames after the last write of a fast scroll in requestAnimationFrame paint rows over the whole viewport (%s)',
  async (_, measure) => {
    const { list } = itemsList(100_000);
    let now = 0;
    const mounted = mount({ list, estimateSize: () => 36, text: title, now: () => now, measure });
    mounted.view.scrollToIndex(1_000, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(mounted, 1_000)).toBe(item(1_000).title));
    await frames(3);
    // 30 frames of 1,200 px written in the frame (the rows lean and are read at the paint), then
    // the page stops writing. The scroll event of the frame after the last write reports no move
    // since it: the rows were leaned a stride ahead of it there (one row of 17 on screen, for
    // three frames, until the lean's watch saw a frame without a scroll event).
    const { gaps, blank } = await scrollThenStop(
      () => {
        now += 16;
        mounted.viewport.scrollTop += 1_200;
      },
      () => uncovered(mounted),
    );
    // A frame the loop missed ends the lean by design (decision 0020): then nothing was tested.
    if (gaps === 0) expect(blank).toEqual([]);
    expect(uncovered(mounted)).toBe(0);
  },
);

it('a fast scroll written in requestAnimationFrame is laid out once per frame, pages landing between frames with it', async () => {
  const { list } = itemsList(100_000);
  let now = 0;
  const mounted = mount({ list, estimateSize: () => 36, text: title, now: () => now });
  mounted.view.scrollToIndex(1_000, { align: 'start' });
  await vi.waitFor(() => expect(loadedText(mounted, 1_000)).toBe(item(1_000).title));
  await frames(3);
  // Layouts are counted by the window each one gives the list (one call per layout), snapshots
  // by the view's notifications; both per frame once the rows lean (frame 4 on).
  const setWindow = list.setWindow.bind(list);
  let layouts = 0;
  list.setWindow = (window) => {
    layouts += 1;
    setWindow(window);
  };
  let snapshots = 0;
  const stop = mounted.view.subscribe(() => {
    snapshots += 1;
  });
  // Real frames are counted, as in the test above: a frame the loop missed ends the lean, and
  // the five frames after it are not counted either.
  const clock = frameCounter();
  const perFrame: { layouts: number; snapshots: number }[] = [];
  let loadedFrames = 0;
  let leanFrom = 5;
  let lastTick = -1;
  for (let frame = 0; perFrame.length < 35 && frame < 160; frame++) {
    await frames(1);
    if (lastTick >= 0 && clock.frames - lastTick > 1) leanFrom = frame + 5;
    lastTick = clock.frames;
    now += 16;
    mounted.viewport.scrollTop += 600; // 37,500 px/s: a page of 100 rows every 6 frames
    await afterPaint();
    // From the last paint to this one: the frame, and whatever landed before it.
    if (frame >= leanFrom) perFrame.push({ layouts, snapshots });
    layouts = 0;
    snapshots = 0;
    if (frame < leanFrom) continue;
    const shown = [...mounted.spacer.querySelectorAll<HTMLElement>('[data-state="loaded"]')];
    if (shown.length > 0) loadedFrames += 1;
  }
  clock.stop();
  expect(perFrame.length).toBe(35);
  stop();
  // One layout and at most one new snapshot per frame: pages that landed since the last frame
  // are laid out with it, not in a snapshot of their own replaced before it was painted.
  expect(perFrame.filter((f) => f.layouts > 1 || f.snapshots > 1)).toEqual([]);
  // …and they are shown: rows of landed pages are on screen during the scroll, and where it ends.
  expect(loadedFrames).toBeGreaterThan(0);
  const last = Math.floor(mounted.view.getScrollOffset() / 36);
  await vi.waitFor(() => expect(loadedText(mounted, last)).toBe(item(last).title));
});

it('FrameRead reads once per frame, in the animation frame, with the last event offset; nothing after stop()', async () => {
  const reads: number[] = [];
  const reader = new FrameRead((offset) => reads.push(offset));
  expect(reader.ask(10)).toBe(true);
  expect(reader.ask(20)).toBe(true);
  expect(reads).toEqual([]);
  await frames(1);
  expect(reads).toEqual([20]);
  reader.ask(30);
  reader.stop();
  await frames(2);
  expect(reads).toEqual([20]);
  expect(reader.ask(40)).toBe(false);
});
