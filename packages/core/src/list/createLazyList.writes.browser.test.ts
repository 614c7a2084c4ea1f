// Writes and the IndexedDB tier, in real Chromium: what a reload would read after an insert and a
// remove is the list as written, never pages shifted by the write.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheDatasetKey } from '../cache/cacheTier.ts';
import { idbCache } from '../cache/idbCache.ts';
import { arraySource } from '../testing/arraySource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';
import { listWrites } from './writeCommands.ts';

interface Row {
  readonly id: string;
}

const lists: LazyList<Row>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

const rows = Array.from({ length: 100 }, (_, n) => ({ id: `r${n}` }));
const ids = (items: unknown) => (items as { items: Row[] }).items.map((row) => row.id);

describe('writes with an IndexedDB cache', () => {
  it('persists rewritten pages and never keeps a page shifted by the write', async () => {
    const name = `writes-${Date.now()}`;
    const cache = idbCache({ name, storage: null });
    const source = arraySource(rows, { pageSize: 10 });
    const list = createLazyList<Row>({
      key: ['written'],
      source,
      cache,
      getItemKey: (row) => row.id,
      prefetch: 0,
      statsIntervalMs: 0,
      writes: listWrites,
    });
    lists.push(list);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 20 });
    await vi.waitFor(() => expect(list.getSnapshot().stats).toMatchObject({ inFlight: 0, pagesInMemory: 2 }));

    expect(list.insert(0, [{ id: 'draft' }]).ok).toBe(true);
    expect(list.remove('r3').ok).toBe(true); // page 1 needed r19, which no page held: fetched again
    await vi.waitFor(() => expect(list.getSnapshot().getItem(19).status).toBe('loaded'));
    await vi.waitFor(() => expect(list.getSnapshot().stats.inFlight).toBe(0));
    await cache.flush();

    const found = await idbCache({ name, storage: null }).read(cacheDatasetKey(['written'], source), [0, 1]);
    expect(ids(found.get(0))).toEqual(['draft', 'r0', 'r1', 'r2', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9']);
    expect(ids(found.get(1))).toEqual(Array.from({ length: 10 }, (_, i) => `r${10 + i}`));
    expect(list.getSnapshot().count).toBe(100);
  });
});
