// Adversarial probes of a virtual list's `persist` (the scroll position kept beside the pages).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { idbCache } from '../cache/idbCache.ts';
import type { SavedScroll } from '../cache/savedScroll.ts';
import { createLazyList } from '../list/createLazyList.ts';
import { arraySource } from '../testing/arraySource.ts';
import { cleanups, mount, runCleanups } from '../testing/virtualFixtures.ts';

afterEach(runCleanups);

const rows = Array.from({ length: 10_000 }, (_, i) => i);
const saved: SavedScroll = { anchorKey: 5_000, offsetInItem: 0, sizes: [] };

function list() {
  const lazy = createLazyList<number>({
    key: [`persist-${Math.random()}`],
    source: arraySource(rows, { pageSize: 100 }),
  });
  cleanups.push(() => lazy.destroy());
  return lazy;
}

describe('a virtual list’s persist', () => {
  it('destroyed before the saved position was read back, it does not overwrite it with the top', async () => {
    const saves: SavedScroll[] = [];
    let answer = (_saved: SavedScroll | undefined) => {};
    let asked = false;
    const persist = {
      load: () =>
        new Promise<SavedScroll | undefined>((resolve) => {
          asked = true;
          answer = resolve;
        }),
      save: (position: SavedScroll) => saves.push(position),
    };
    const mounted = mount({ list: list(), estimateSize: () => 36, persist });
    await vi.waitFor(() => expect(asked).toBe(true));
    mounted.unmount(); // a quick route change: the read of IndexedDB has not answered
    answer(saved);
    expect(saves.every((position) => position.anchorKey === 5_000)).toBe(true);
  });

  it('a page hidden while the saved position is read keeps it; once restored, the next save stores it', async () => {
    const saves: SavedScroll[] = [];
    let answer = (_saved: SavedScroll | undefined) => {};
    const persist = {
      load: () =>
        new Promise<SavedScroll | undefined>((resolve) => {
          answer = resolve;
        }),
      save: (position: SavedScroll) => saves.push(position),
    };
    const mounted = mount({ list: list(), estimateSize: () => 36, persist });
    await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(10_000));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(saves).toEqual([]);
    answer(saved);
    await vi.waitFor(() => expect(mounted.view.saveScroll().anchorKey).toBe(5_000));
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(saves.map((position) => position.anchorKey)).toEqual([5_000]);
  });

  it('a warm reload without the sessionStorage copy (a new tab) lands on the row read from IndexedDB', async () => {
    const name = `persist-idb-${Date.now()}`;
    const key = ['persisted-rows'];
    const open = () => {
      const cache = idbCache({ name, storage: null, scrollMirror: null });
      const lazy = createLazyList<number>({ key, source: arraySource(rows, { pageSize: 100 }), cache });
      cleanups.push(() => lazy.destroy());
      const persist = {
        load: () => cache.loadScroll(key),
        save: (position: SavedScroll) => cache.saveScroll(key, position),
        flush: () => cache.flush(),
      };
      return { cache, mounted: mount({ list: lazy, estimateSize: () => 36, persist }) };
    };
    const first = open();
    await vi.waitFor(() => expect(first.mounted.view.getSnapshot().count).toBe(10_000));
    first.mounted.view.scrollToIndex(5_000, { align: 'start' });
    await vi.waitFor(() => expect(first.mounted.visible()).toContain(5_000));
    first.mounted.unmount();
    await first.cache.flush();

    const second = open();
    await vi.waitFor(() => expect(second.mounted.visible()).toContain(5_000));
    expect(second.mounted.visible()[0]).toBe(5_000);
  });
});
