// The row the user reads keeps its place when the server's data moves (issue #18 item 4,
// decision 0018): rows inserted above it on the server are seen by a later page's `version`, the
// pages around the window are refetched and land together; with `getItemKey` the view's anchor
// follows its item to its new index, so the item stays at the same pixel.
import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import { watchMoves } from '../list/datasetWatch.ts';
import { arraySource } from '../testing/arraySource.ts';
import { frames } from '../testing/mountVirtualList.ts';
import { cleanups, mount, runCleanups } from '../testing/virtualFixtures.ts';

afterEach(runCleanups);

interface User {
  id: string;
}

/** A server whose answers can be held back, and whose rows can be inserted at any index. */
function movingServer(total: number) {
  const rows: User[] = Array.from({ length: total }, (_, i) => ({ id: `u${i}` }));
  let version = 0;
  let paused = false;
  const held: (() => void)[] = [];
  const list = (keyed: boolean) => {
    const lazy = createLazyList<User>({
      key: ['anchor-follow', keyed],
      queryClient: new QueryClient(),
      prefetch: 0,
      moves: watchMoves, // the refetch after the move lands in one step (decision 0012)
      ...(keyed ? { getItemKey: (user: User) => user.id } : {}),
      source: arraySource(rows, {
        pageSize: 100,
        onFetch: () => (paused ? new Promise<void>((resolve) => held.push(resolve)) : undefined),
        version: () => version,
      }),
    });
    cleanups.push(() => lazy.destroy());
    return lazy;
  };
  return {
    list,
    insert(at: number, ...ids: string[]) {
      rows.splice(at, 0, ...ids.map((id) => ({ id })));
      version += 1;
    },
    pause() {
      paused = true;
    },
    release() {
      paused = false;
      for (const resolve of held.splice(0)) resolve();
    },
    waiting: () => held.length,
  };
}

const text = (user: User) => user.id;

/**
 * Reads at row 5,080 + 200 px (u5086 the first row whole in view), then 3 rows are inserted at
 * index 10 on the server and a page further on is fetched: its answer shows the new version, the
 * pages around the window are refetched and land together. Returns what the screen showed.
 */
async function readWhileRowsAreInsertedAbove(keyed: boolean) {
  const server = movingServer(10_000);
  const list = server.list(keyed);
  const mounted = mount({ list, estimateSize: () => 36, text });
  const shown = (index: number) =>
    mounted.element(index)?.dataset.state === 'loaded' ? mounted.element(index)?.textContent : undefined;
  await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(10_000));
  mounted.view.scrollToIndex(5_080, { align: 'start' });
  await vi.waitFor(() => expect(shown(5_080)).toBe('u5080'));
  mounted.viewport.scrollTop += 200; // the user scrolls: the view holds its anchor (u5086)
  await vi.waitFor(() => expect(shown(5_086)).toBe('u5086'));
  await frames(10);
  const read = { text: shown(5_086), top: mounted.position(5_086) };

  server.insert(10, 'new-a', 'new-b', 'new-c');
  server.pause();
  list.prefetch({ start: 6_000, end: 6_100 }); // a page of the new version: the move is seen
  await vi.waitFor(() => expect(server.waiting()).toBeGreaterThan(0));
  await frames(2);
  expect(mounted.position(5_086)).toBe(read.top); // nothing moved before the refetch lands

  server.release();
  await vi.waitFor(() => {
    const { moves } = list.getSnapshot();
    expect(moves).toMatchObject({ count: 1, reason: 'version', refetching: false });
    expect(shown(5_089)).toBe('u5086');
  });
  await frames(3); // the landing's layout, the scroll write, the measurements after it
  return { mounted, shown, read };
}

describe('data that moves under the reader: the row read keeps its place', () => {
  it('with getItemKey, rows inserted above on the server leave the item read at the same pixel', async () => {
    const { mounted, shown, read } = await readWhileRowsAreInsertedAbove(true);
    expect(read.text).toBe('u5086');
    expect(mounted.view.saveScroll().anchorItemKey).toBe('u5086');
    expect(mounted.position(5_089)).toBe(read.top); // its new index, the same y (±0 px)
    expect(shown(5_086)).toBe('u5083'); // what is above it now
    await frames(3);
    expect(mounted.position(5_089)).toBe(read.top); // and it stays there
  });

  it('without getItemKey the row keeps its index, not its item: the content moves down by the rows inserted', async () => {
    const { mounted, shown, read } = await readWhileRowsAreInsertedAbove(false);
    expect(read.text).toBe('u5086');
    expect(mounted.position(5_086)).toBe(read.top);
    expect(shown(5_086)).toBe('u5083'); // another item at the place read
    expect(mounted.position(5_089)).toBe((read.top ?? Number.NaN) + 3 * 36);
  });
});
