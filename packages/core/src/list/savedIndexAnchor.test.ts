import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedScroll } from '../cache/savedScroll.ts';
import { fakeCache } from '../testing/cachedList.ts';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import { settle, useImmediateQueryNotifications } from '../testing/modelHarness.ts';
import { type KeyedRow, keyedRows, keyedWritesOptions } from '../testing/staleKeyedList.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

// Issue #18 (what decision 0061 left): without getItemKey a saved scroll position is an index.
// An insert or remove above it moved the row the user read, and a reload or a restore landed on
// the row now at that index, one row off per row moved. The list knows its own writes: the
// position saved for it in its cache moves with them.

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);
const KEY = ['saved-index-anchor'];
const lists: LazyList<KeyedRow>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

/** The user read row 7 (`s7`), 5 px into it, with rows 3, 7 and 8 measured. */
const READ: SavedScroll = {
  anchorKey: 7,
  offsetInItem: 5,
  sizes: [
    [3, 40],
    [7, 50],
    [8, 60],
  ],
};

/** An unkeyed list with the write engine on a cache holding `saved` for its key, rows 0..8 loaded. */
async function setup(saved: SavedScroll = READ) {
  useImmediateQueryNotifications();
  const cache = fakeCache({ removeFrom: true });
  cache.cache.saveScroll(KEY, saved);
  const answers = new HeldAnswers();
  const { getItemKey: _, ...options } = keyedWritesOptions(answers, {
    rows: keyedRows(...ids(0, 30)),
    version: 0,
  });
  const queryClient = new QueryClient();
  queryClient.mount();
  const list = createLazyList<KeyedRow>({ key: KEY, queryClient, cache: cache.cache, ...options });
  lists.push(list);
  list.subscribe(() => {});
  list.setWindow({ start: 3, end: 9 });
  await settle();
  await answers.answerAll(20);
  const scroll = async () => {
    await settle();
    return cache.cache.loadScroll(KEY);
  };
  return { list, scroll, read: (index: number) => list.getSnapshot().getItem(index) };
}

describe('a saved index anchor (no getItemKey) after a write of the list', () => {
  it('moves down by the rows an insert put above it, with its measured sizes', async () => {
    const { list, scroll, read } = await setup();
    expect(list.insert(0, keyedRows('n1', 'n2')).ok).toBe(true);
    const saved = await scroll();
    expect(saved).toEqual({
      anchorKey: 9,
      offsetInItem: 5,
      sizes: [
        [5, 40],
        [9, 50],
        [10, 60],
      ],
    });
    expect(read(saved?.anchorKey ?? -1)).toMatchObject({ item: { id: 's7' } }); // the row the user read
  });

  it('moves up by a row removed above it, and back with the rollback', async () => {
    const { list, scroll } = await setup();
    const removed = list.remove(3);
    expect(removed.ok).toBe(true);
    expect(await scroll()).toEqual({
      anchorKey: 6,
      offsetInItem: 5,
      sizes: [
        [6, 50],
        [7, 60],
      ],
    });
    if (removed.ok) removed.rollback();
    expect((await scroll())?.anchorKey).toBe(7);
  });

  it('moves by each of two writes made in one task (each reads the position the last one saved)', async () => {
    const { list, scroll, read } = await setup();
    expect(list.insert(0, keyedRows('n1')).ok).toBe(true);
    expect(list.insert(5, keyedRows('n2')).ok).toBe(true);
    const saved = await scroll();
    expect(saved?.anchorKey).toBe(9);
    expect(read(9)).toMatchObject({ item: { id: 's7' } });
  });

  it('moves back when the insert is rolled back', async () => {
    const { list, scroll, read } = await setup();
    const inserted = list.insert(2, keyedRows('n1'));
    expect((await scroll())?.anchorKey).toBe(8);
    if (inserted.ok) inserted.rollback();
    expect(await scroll()).toEqual(READ);
    expect(read(7)).toMatchObject({ item: { id: 's7' } });
  });

  it('stays for a write after it (the sizes after it move), and on the next row when its row is removed', async () => {
    const { list, scroll } = await setup();
    expect(list.insert(8, keyedRows('n1')).ok).toBe(true);
    expect(await scroll()).toEqual({
      ...READ,
      sizes: [
        [3, 40],
        [7, 50],
        [9, 60],
      ],
    });
    expect(list.remove(7).ok).toBe(true);
    expect(await scroll()).toEqual({
      anchorKey: 7, // n1's row now: the row after the one read, from its top
      offsetInItem: 0,
      sizes: [
        [3, 40],
        [8, 60],
      ],
    });
  });

  it('an anchor by item key is left as saved (the restore follows the item)', async () => {
    const keyed: SavedScroll = { ...READ, anchorItemKey: 's7' };
    const { list, scroll } = await setup(keyed);
    expect(list.insert(0, keyedRows('n1')).ok).toBe(true);
    expect(await scroll()).toEqual(keyed);
  });
});
