import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { arraySource } from '../testing/arraySource.ts';
import { row, rowIds, settle, writeRowLists } from '../testing/writeRows.ts';

// The useMutation recipe rolls back in onError; the list that wrote may be gone by then (its
// component unmounted while the request ran). Its rollback did nothing, and the other list on the
// key, or the one mounted again, kept showing the failed write.

const { open } = writeRowLists();

function lists() {
  const queryClient = new QueryClient();
  const source = () =>
    arraySource(
      Array.from({ length: 100 }, (_, n) => row(n)),
      { pageSize: 10 },
    );
  return () => open(source(), { queryClient });
}

describe('rollback() of a write whose list was destroyed', () => {
  it('another list with the engine on the key undoes it', async () => {
    const make = lists();
    const writer = await make();
    const other = await make();
    const removed = writer.remove('r3');
    const liked = writer.update('r5', (r) => ({ ...r, liked: true }));
    if (!removed.ok || !liked.ok) throw new Error('the writes were refused');
    writer.destroy();
    expect(rowIds(other.getSnapshot(), 2, 5)).toEqual(['r2', 'r4', 'r5']);
    removed.rollback();
    liked.rollback();
    await settle();
    expect(other.getSnapshot().count).toBe(100);
    expect(rowIds(other.getSnapshot(), 2, 6)).toEqual(['r2', 'r3', 'r4', 'r5']);
    expect(other.getSnapshot().getItem(5)).toEqual({ status: 'loaded', item: { id: 'r5', n: 5 } });
  });

  it('the list mounted again on the key undoes it; with no list at all it waits for one', async () => {
    const make = lists();
    const writer = await make();
    const removed = writer.remove('r3');
    if (!removed.ok) throw new Error('the remove was refused');
    writer.destroy();
    removed.rollback(); // no list on the key: nothing to undo it with yet
    const again = await make(); // the route is back: pages from the QueryClient, r3 still out
    expect(rowIds(again.getSnapshot(), 2, 4)).toEqual(['r2', 'r4']);
    removed.rollback();
    await settle();
    expect(again.getSnapshot().count).toBe(100);
    expect(rowIds(again.getSnapshot(), 2, 5)).toEqual(['r2', 'r3', 'r4']);
    removed.rollback(); // once
    await settle();
    expect(rowIds(again.getSnapshot(), 2, 5)).toEqual(['r2', 'r3', 'r4']);
  });
});
