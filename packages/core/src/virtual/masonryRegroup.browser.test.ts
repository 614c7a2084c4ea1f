// layout: masonry across resizes (issue #15 item 1, the demo's Videos page): a window resized
// while scrolled far down pushes new `lanes` with `setOptions`, and the items, now of another
// width, get other heights. The item read at the viewport's top must stay there, the same part of
// it at the top: under the new lanes it is in another chunk, so the anchor goes to that item's
// chunk and box, not to the chunk at the old chunk's index (other items: the view lost its place).
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { settled } from '../testing/mountVirtualList.ts';
import { item, itemsList, loadedText, mount, runCleanups, title } from '../testing/virtualFixtures.ts';
import { masonry } from './masonry.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(runCleanups);

const GAP = 12;
const WIDTH = 1_200;
/** Thumbnails' height per width: five shapes, landscape to portrait. */
const SHAPES = [0.56, 1, 1.78, 0.75, 1.25];
/** The lanes now: a card's width, and so its height, follows them. */
let lanes = 3;
/** A loaded card's height: its thumbnail at the lane's width plus 84 px of text. */
const heightOf = (index: number) => Math.round((WIDTH / lanes - GAP) * (SHAPES[index % 5] ?? 1)) + 84;

it('masonry: new lanes (a resize) keep the item read at the viewport top there, again and again', async () => {
  lanes = 3;
  const { list } = itemsList(100_000);
  const mounted = mount({
    list,
    layout: masonry,
    lanes,
    gap: GAP,
    estimateSize: () => 300,
    overscan: 2,
    text: title,
    rowSize: (row) => (row.state.status === 'loaded' ? heightOf(row.index) : 300),
    viewport: 700,
  });
  mounted.viewport.style.width = `${WIDTH}px`;
  mounted.view.scrollToIndex(3_000, { align: 'start' });
  await vi.waitFor(() => expect(loadedText(mounted, 3_000)).toBe(item(3_000).title));
  // The user scrolls on from there (the anchor holds the view, not the scroll-to).
  mounted.viewport.scrollTop += 250;
  const shown = () =>
    mounted.visible().reduce((sum, index) => sum + index + (mounted.position(index) ?? 0), 0);
  await settled(shown);
  // The item read: the first (by index) spanning the viewport's top, its gap below included.
  const read = mounted.visible().find((index) => {
    const at = mounted.position(index) ?? 700;
    const size = mounted.element(index)?.getBoundingClientRect().height ?? 0;
    return at <= 0 && at + size + GAP > 0;
  });
  expect(read).toBeDefined();
  if (read === undefined) return;
  /** How far into the item read the viewport's top is, as a part of its height. */
  const into = () => -(mounted.position(read) ?? Number.NaN) / heightOf(read);
  const before = into();
  // Deep into it: the same pixels into it would be past the end of the item at 5 lanes.
  expect(before).toBeGreaterThan(0.5);
  for (const next of [2, 5, 1, 2, 3]) {
    lanes = next;
    mounted.view.setOptions({ lanes: next });
    await settled(shown);
    expect({ lanes: next, visible: mounted.visible().includes(read) }).toEqual({
      lanes: next,
      visible: true,
    });
    expect(Math.abs(into() - before), `item ${read}: part above the top at ${next} lanes`).toBeLessThan(0.02);
  }
});
