// A newest-first feed whose head grew (issue #18 item 4, decision 0021): with `getItemKey`, the
// item read keeps its pixel when posts arrive above it, and the list's count says how many came
// (`count` minus the count when the user last looked: the "N new" of a feed), with no jump.
import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { offsetSource } from '../sources/offsetSource.ts';
import { frames } from '../testing/mountVirtualList.ts';
import { cleanups, mount, runCleanups } from '../testing/virtualFixtures.ts';
import { createLazyList } from './createLazyList.ts';

afterEach(runCleanups);

interface Post {
  id: string;
}

/** A newest-first feed of `total` posts (`p0` the oldest) to which `grow(n)` adds n at the head. */
function growingFeed(total: number) {
  let size = total;
  const post = (offset: number): Post => ({ id: `p${size - 1 - offset}` });
  const list = createLazyList<Post>({
    key: ['head-growth', Math.random()],
    queryClient: new QueryClient(),
    prefetch: 0,
    getItemKey: (p: Post) => p.id,
    source: offsetSource({
      pageSize: 100,
      fetchPage: async ({ offset, limit }) => ({
        items: Array.from({ length: Math.max(0, Math.min(limit, size - offset)) }, (_, k) =>
          post(offset + k),
        ),
        total: size,
        version: size - total,
      }),
    }),
  });
  cleanups.push(() => list.destroy());
  return {
    list,
    grow(n: number) {
      size += n;
    },
  };
}

const text = (p: Post) => p.id;

async function open(total: number) {
  const feed = growingFeed(total);
  const mounted = mount({ list: feed.list, estimateSize: () => 36, text });
  const shown = (index: number) =>
    mounted.element(index)?.dataset.state === 'loaded' ? mounted.element(index)?.textContent : undefined;
  await vi.waitFor(() => expect(feed.list.getSnapshot().count).toBe(total));
  return { ...feed, mounted, shown };
}

describe('a feed whose head grew: "N new" without a jump', () => {
  it('at the top: 5 posts arrive, the post read stays at the same y (±0 px) and count − seen = 5', async () => {
    const { list, grow, mounted, shown } = await open(10_000);
    await vi.waitFor(() => expect(shown(0)).toBe('p9999'));
    await frames(3);
    const seen = list.getSnapshot().count; // what the user has looked at
    const top = mounted.position(0);

    grow(5);
    list.refresh(); // an app polls; the refetch shows the new total
    await vi.waitFor(() => {
      expect(list.getSnapshot().count).toBe(10_005);
      expect(shown(5)).toBe('p9999');
    });
    await frames(3);
    expect(list.getSnapshot().count - seen).toBe(5); // "5 new posts"
    expect(mounted.position(5)).toBe(top); // the post read did not move
    expect(mounted.view.saveScroll().anchorItemKey).toBe('p9999');
    expect(mounted.viewport.scrollTop).toBe(5 * 36); // the new posts are above, out of view

    // The pill's click: to the top, the new posts in view.
    mounted.view.scrollToIndex(0, { align: 'start' });
    await vi.waitFor(() => expect(mounted.viewport.scrollTop).toBe(0));
    await vi.waitFor(() => expect(shown(0)).toBe('p10004'));
  });

  it('reading further down: 5 posts arrive above, the post read keeps its pixel', async () => {
    const { list, grow, mounted, shown } = await open(10_000);
    mounted.view.scrollToIndex(500, { align: 'start' });
    await vi.waitFor(() => expect(shown(500)).toBe('p9499'));
    mounted.viewport.scrollTop += 100; // the user scrolls: the view holds its anchor
    await vi.waitFor(() => expect(shown(503)).toBe('p9496'));
    await frames(5);
    const seen = list.getSnapshot().count;
    const y = mounted.position(503);

    grow(5);
    list.refresh();
    await vi.waitFor(() => expect(shown(508)).toBe('p9496'));
    await frames(3);
    expect(list.getSnapshot().count - seen).toBe(5);
    expect(mounted.position(508)).toBe(y);
  });
});
