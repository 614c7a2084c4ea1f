// Stable item keys (issue 18, item 1): with `getItemKey`, rows are keyed by their item, a saved
// position remembers the item, and a restore whose item moved lands on the item.
import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idbCache } from '../cache/idbCache.ts';
import type { SavedScroll } from '../cache/savedScroll.ts';
import { createLazyList } from '../list/createLazyList.ts';
import { watchMoves } from '../list/datasetWatch.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { arraySource } from '../testing/arraySource.ts';
import { frames } from '../testing/mountVirtualList.ts';
import { cleanups, mount, runCleanups } from '../testing/virtualFixtures.ts';

afterEach(runCleanups);

interface User {
  id: string;
}

/** A server whose rows can be inserted at the top, as another user's new orders would be. */
function server(total: number) {
  const rows: User[] = Array.from({ length: total }, (_, i) => ({ id: `u${i}` }));
  const list = () => {
    const lazy = createLazyList<User>({
      key: ['users-by-id'],
      queryClient: new QueryClient(), // a reload: nothing in memory
      getItemKey: (user) => user.id,
      source: arraySource(rows, { pageSize: 100 }),
    });
    cleanups.push(() => lazy.destroy());
    return lazy;
  };
  return { rows, list };
}

const text = (user: User) => user.id;
const loaded = (mounted: ReturnType<typeof mount<User>>, index: number) =>
  mounted.element(index)?.dataset.state === 'loaded' ? mounted.element(index)?.textContent : undefined;

describe('getItemKey', () => {
  it('keys loaded rows by their item and rows not loaded yet by position, never colliding', async () => {
    const { list } = server(1_000);
    const mounted = mount({ list: list(), estimateSize: () => 36, text });
    await vi.waitFor(() => expect(loaded(mounted, 0)).toBe('u0'));
    const rows = mounted.view.getSnapshot().rows;
    for (const row of rows) {
      if (row.state.status === 'loaded') expect(row.key).toBe(row.state.item.id);
      else expect(row.key).toBe(`lazyflow:row:${row.position}`);
    }
  });

  it('a saved position remembers its item; restored after 3 rows were inserted above, it lands on the item', async () => {
    const { rows, list } = server(10_000);
    const first = mount({ list: list(), estimateSize: () => 36, text });
    await vi.waitFor(() => expect(first.view.getSnapshot().count).toBe(10_000));
    first.view.scrollToIndex(5_000, { align: 'start' });
    await vi.waitFor(() => expect(loaded(first, 5_000)).toBe('u5000'));
    first.viewport.scrollTop += 10; // 10 px into the row
    await frames(2);
    const saved = first.view.saveScroll();
    expect(saved.anchorItemKey).toBe('u5001'); // the first row fully in view
    const top = first.position(5_001);
    first.unmount();

    rows.unshift({ id: 'new-a' }, { id: 'new-b' }, { id: 'new-c' }); // u5001 is at 5,004 now
    const second = mount({ list: list(), estimateSize: () => 36, text, restore: saved });
    await vi.waitFor(() => expect(loaded(second, 5_004)).toBe('u5001'));
    await frames(2);
    expect(second.position(5_004)).toBeCloseTo(top ?? Number.NaN, 0);
    expect(second.visible()[1]).toBe(5_004);
  });

  // Without the move watch the revalidated page sits beside IndexedDB's older one (its first rows
  // repeat the older page's last, their keys shadowed): the anchor follows its item all the same.
  it.each([
    ['without the move watch', false],
    ['with moves: watchMoves', true],
  ])(
    'with an IndexedDB cache, %s: a reload after 3 rows were inserted above on the server shows the item from IndexedDB, then keeps it at its pixel at its new index',
    async (_, watch) => {
      const rows: User[] = Array.from({ length: 10_000 }, (_, i) => ({ id: `u${i}` }));
      const name = `item-restore-${Math.random()}`;
      let gate: Promise<void> = Promise.resolve();
      const list = (cache: ReturnType<typeof idbCache>) => {
        const lazy = createLazyList<User>({
          key: ['users-by-id-cached'],
          queryClient: new QueryClient(), // a reload: nothing in memory
          getItemKey: (user) => user.id,
          cache,
          prefetch: 0,
          ...(watch ? { moves: watchMoves } : {}),
          source: arraySource(rows, { pageSize: 100, onFetch: () => gate }),
        });
        cleanups.push(() => lazy.destroy());
        return lazy;
      };
      const persist = (cache: ReturnType<typeof idbCache>) => ({
        load: () => cache.loadScroll(['users-by-id-cached']),
        save: (saved: SavedScroll) => cache.saveScroll(['users-by-id-cached'], saved),
        flush: () => cache.flush(),
      });
      const before = idbCache({ name, storage: null });
      const first = mount({ list: list(before), estimateSize: () => 36, text, persist: persist(before) });
      await vi.waitFor(() => expect(first.view.getSnapshot().count).toBe(10_000));
      first.view.scrollToIndex(5_000, { align: 'start' });
      await vi.waitFor(() => expect(loaded(first, 5_000)).toBe('u5000'));
      first.viewport.scrollTop += 10;
      await frames(2);
      expect(first.view.saveScroll().anchorItemKey).toBe('u5001');
      const top = first.position(5_001);
      first.unmount(); // saves the position
      await before.flush();

      rows.unshift({ id: 'new-a' }, { id: 'new-b' }, { id: 'new-c' }); // u5001 is at 5,004 on the server now
      let release = () => {};
      gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      const after = idbCache({ name, storage: null }); // a new page: reads IndexedDB, not memory
      const second = mount({ list: list(after), estimateSize: () => 36, text, persist: persist(after) });
      // From IndexedDB, before the network answers: the item where it was saved.
      await vi.waitFor(() => expect(loaded(second, 5_001)).toBe('u5001'));
      await frames(2);
      expect(second.position(5_001)).toBeCloseTo(top ?? Number.NaN, 0);

      release(); // the revalidation shows the server's rows: u5001 at 5,004, at the same pixel
      await vi.waitFor(() => expect(loaded(second, 5_004)).toBe('u5001'));
      await frames(3);
      expect(second.position(5_004)).toBeCloseTo(top ?? Number.NaN, 0);
      expect(second.view.saveScroll().anchorItemKey).toBe('u5001');
    },
  );

  it('without getItemKey a saved position is an index, as before', async () => {
    const lazy = createLazyList<number>({
      key: ['by-index'],
      queryClient: new QueryClient(),
      source: offsetSource({
        pageSize: 100,
        fetchPage: async ({ offset, limit }) => ({
          items: Array.from({ length: limit }, (_, i) => offset + i),
          total: 1_000,
        }),
      }),
    });
    cleanups.push(() => lazy.destroy());
    const mounted = mount({ list: lazy, estimateSize: () => 36 });
    await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(1_000));
    expect(mounted.view.saveScroll().anchorItemKey).toBeUndefined();
    expect(typeof mounted.view.getSnapshot().rows[0]?.key).toBe('number');
  });
});
