import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedScroll } from '../cache/savedScroll.ts';
import { createLazyList } from '../list/createLazyList.ts';
import { eagerSource } from '../sources/eagerSource.ts';
import { frames } from '../testing/mountVirtualList.ts';
import { cleanups, runCleanups } from '../testing/virtualFixtures.ts';
import { createVirtualList } from './createVirtualList.ts';

afterEach(runCleanups);

const ROW = 36;

/**
 * A plain DOM page whose scroller was scrolled before the list attached to it (markup the server
 * rendered at full height, the page's own restoration), then a list made and subscribed at once.
 */
function scrolledThenAttached(scrollTop: number, restore?: SavedScroll) {
  const element = document.createElement('div');
  Object.assign(element.style, { height: '600px', overflow: 'auto', position: 'relative' });
  const spacer = document.createElement('div');
  spacer.style.height = `${10_000 * ROW}px`;
  element.append(spacer);
  document.body.append(element);
  element.scrollTop = scrollTop;
  const items = Array.from({ length: 10_000 }, (_, i) => i);
  const list = createLazyList({
    key: ['attach', scrollTop],
    source: eagerSource(items),
    queryClient: new QueryClient(),
  });
  const view = createVirtualList({ list, scrollElement: element, estimateSize: () => ROW, restore });
  const stop = view.subscribe(() => {
    spacer.style.height = `${view.getSnapshot().totalSize}px`;
    view.commit();
  });
  cleanups.push(() => {
    stop();
    view.destroy();
    element.remove();
  });
  return { element, view };
}

describe('a virtual list attached to an element already scrolled', () => {
  it('starts where the element is: no write takes it back to the top', async () => {
    const { element, view } = scrolledThenAttached(100 * ROW);
    await frames(3);
    expect(element.scrollTop).toBe(100 * ROW);
    expect(view.getScrollOffset()).toBe(100 * ROW);
    expect(view.getSnapshot().rows.some((row) => row.index === 100)).toBe(true);
  });

  it('with a restore, the restore wins', async () => {
    const { element, view } = scrolledThenAttached(100 * ROW, { anchorKey: 20, offsetInItem: 0, sizes: [] });
    await frames(3);
    expect(view.getScrollOffset()).toBe(20 * ROW);
    expect(element.scrollTop).toBe(20 * ROW);
  });

  it("a scaled list (1,000,000 rows, 36,000,000 px) takes the element's offset where a list of the same rows put it, not 1:1 from the top", async () => {
    const element = document.createElement('div');
    Object.assign(element.style, { height: '600px', overflow: 'auto', position: 'relative' });
    const spacer = document.createElement('div');
    element.append(spacer);
    document.body.append(element);
    cleanups.push(() => element.remove());
    const items = Array.from({ length: 1_000_000 }, (_, i) => i);
    const open = () => {
      const list = createLazyList({
        key: ['attach-scaled'],
        source: eagerSource(items),
        queryClient: new QueryClient(),
      });
      const view = createVirtualList({ list, scrollElement: element, estimateSize: () => ROW });
      const stop = view.subscribe(() => {
        spacer.style.height = `${view.getSnapshot().totalSize}px`;
        view.commit();
      });
      const close = () => {
        stop();
        view.destroy();
      };
      cleanups.push(close);
      return { view, close };
    };
    // The app's first visit: row 500,000 at the top; it keeps the element's offset (its router).
    const first = open();
    await frames(2);
    expect(first.view.getSnapshot().scaled).toBe(true);
    first.view.scrollToIndex(500_000, { align: 'start' });
    await expect.poll(() => first.view.getScrollOffset()).toBe(500_000 * ROW);
    await frames(3);
    const kept = element.scrollTop;
    expect(kept).toBeLessThan(500_000 * ROW); // scaled: the element's offset is not the list's
    first.close();
    // Back again: the element is where the app left it and a new list attaches to it.
    element.scrollTop = kept;
    const second = open();
    await frames(3);
    expect(element.scrollTop).toBeCloseTo(kept, 0);
    expect(Math.abs(second.view.getScrollOffset() - 500_000 * ROW)).toBeLessThan(2 * ROW);
    expect(second.view.getSnapshot().rows.some((row) => row.index === 500_000)).toBe(true);
  });
});
