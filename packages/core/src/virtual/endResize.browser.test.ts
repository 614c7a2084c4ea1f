// A list following its end (anchor 'end') whose scroll element is resized: a banner shows above it
// for a while, or the window changes height. It keeps following: the rows appended after the
// resize are on screen, no "new items" counted. Found on the demo's Log page (an alert shown while
// the stream reconnected shrank the log, and its going grew it back: the log stopped following).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { frames, mountVirtualList } from '../testing/mountVirtualList.ts';
import { cleanups, runCleanups } from '../testing/virtualFixtures.ts';

afterEach(runCleanups);

/** A list that only grows by `append` (a chat, a stream's rows), followed at its end. */
function appendedList() {
  const list = createLazyList<string>({
    key: [`end-resize-${Math.random()}`],
    source: offsetSource<string>({
      pageSize: 50,
      initialCount: 0,
      fetchPage: async () => ({ items: [] }),
    }),
  });
  cleanups.push(() => list.destroy());
  const mounted = mountVirtualList({
    list,
    anchor: 'end',
    estimateSize: () => 20,
    viewport: 300,
    text: (s) => s,
  });
  let next = 0;
  const append = (n: number) => {
    list.append(Array.from({ length: n }, () => `e${next++}`));
    return next - 1;
  };
  return { list, mounted, append };
}

describe('a list following its end, resized', () => {
  for (const steps of [
    [240, 300], // shrunk, then grown back (a banner shown, then gone)
    [360], // grown (the window taller)
    [200], // shrunk
  ]) {
    it(`keeps following through heights ${steps.join(' → ')} px`, async () => {
      const { mounted, append } = appendedList();
      const last = append(200);
      await vi.waitFor(() => expect(mounted.visible().at(-1)).toBe(last));
      for (const height of steps) {
        mounted.viewport.style.height = `${height}px`;
        // Laid out now, as an app's commit that reads layout does; rows arrive in the same task. The
        // scroll position the browser clamped to the taller element is told (scroll event) after
        // the view moved its end for the new rows, before its write and the ResizeObserver.
        void mounted.viewport.scrollHeight;
        const newest = append(5);
        await vi.waitFor(() => expect(mounted.visible().at(-1)).toBe(newest));
        await frames(3);
      }
      const newest = append(50);
      await vi.waitFor(() => expect(mounted.visible().at(-1)).toBe(newest));
      expect(mounted.view.getSnapshot().newItems).toBe(0);
      // The end is at the element's bottom edge.
      const { scrollTop, clientHeight, scrollHeight } = mounted.viewport;
      expect(scrollTop + clientHeight).toBeGreaterThanOrEqual(scrollHeight - 1);
    });
  }
});
