// Decision 0064 in Chromium: without getItemKey a saved position is an index. A list in another
// route (same key, QueryClient and IndexedDB cache) inserts a row above it; coming back, the
// restore lands on the row the user read, at its pixel, not on the row now at the old index.
import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idbCache } from '../cache/idbCache.ts';
import type { SavedScroll } from '../cache/savedScroll.ts';
import { arraySource } from '../testing/arraySource.ts';
import { frames } from '../testing/mountVirtualList.ts';
import { cleanups, mount, runCleanups } from '../testing/virtualFixtures.ts';
import { createLazyList } from './createLazyList.ts';
import { listWrites } from './writeCommands.ts';

afterEach(runCleanups);

interface Row {
  id: string;
}

const KEY = ['saved-index-anchor-browser'];
const text = (row: Row) => row.id;

describe('a position saved by index (no getItemKey), rows inserted above it by another list', () => {
  it('is restored on the row the user read, at its pixel', async () => {
    const rows: Row[] = Array.from({ length: 1_000 }, (_, i) => ({ id: `u${i}` }));
    const queryClient = new QueryClient();
    const cache = idbCache({ name: `saved-index-anchor-${Math.random()}`, storage: null });
    const list = () => {
      const lazy = createLazyList<Row>({
        key: KEY,
        queryClient,
        cache,
        writes: listWrites,
        source: arraySource(rows, { pageSize: 100 }),
      });
      cleanups.push(() => lazy.destroy());
      return lazy;
    };
    const persist = {
      load: () => cache.loadScroll(KEY),
      save: (saved: SavedScroll) => cache.saveScroll(KEY, saved),
      flush: () => cache.flush(),
    };
    const loaded = (mounted: ReturnType<typeof mount<Row>>, index: number) =>
      mounted.element(index)?.dataset.state === 'loaded' ? mounted.element(index)?.textContent : undefined;

    const first = mount({ list: list(), estimateSize: () => 36, text, persist });
    await vi.waitFor(() => expect(first.view.getSnapshot().count).toBe(1_000));
    first.view.scrollToIndex(400, { align: 'start' });
    await vi.waitFor(() => expect(loaded(first, 400)).toBe('u400'));
    first.viewport.scrollTop += 10;
    await frames(2);
    const saved = first.view.saveScroll();
    const { anchorKey } = saved;
    const read = loaded(first, anchorKey);
    const top = first.position(anchorKey);
    expect(saved.anchorItemKey).toBeUndefined(); // an index
    first.unmount(); // saves the position

    // Another route's list on the key inserts at the top (the server stores it too).
    const other = list();
    other.subscribe(() => {});
    other.setWindow({ start: 0, end: 10 });
    await vi.waitFor(() => expect(other.getSnapshot().getItem(0).status).toBe('loaded'));
    rows.unshift({ id: 'new' });
    expect(other.insert(0, [{ id: 'new' }]).ok).toBe(true);
    await vi.waitFor(async () => expect((await cache.loadScroll(KEY))?.anchorKey).toBe(anchorKey + 1));

    const second = mount({ list: list(), estimateSize: () => 36, text, persist });
    await vi.waitFor(() => expect(loaded(second, anchorKey + 1)).toBe(read));
    await frames(3);
    expect(second.position(anchorKey + 1)).toBeCloseTo(top ?? Number.NaN, 0);
  });
});
