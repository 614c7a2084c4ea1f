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
});
