import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { arraySource } from '../testing/arraySource.ts';
import { type Row, row, rowIds, settle } from '../testing/writeRows.ts';
import { createLazyList } from './createLazyList.ts';
import { listWrites } from './writeCommands.ts';

// A list whose count is 0 planned no page at all, so refresh() asked the server nothing: an
// inbox empty at first load never showed the mail that came, and a list whose own removes took
// every row out kept showing none after the refresh that should bring the server's rows back.

function emptyAtFirst() {
  const rows: Row[] = [];
  const calls: number[] = [];
  const list = createLazyList<Row>({
    key: ['inbox'],
    queryClient: new QueryClient(),
    source: arraySource(rows, { pageSize: 3, onFetch: ({ offset }) => calls.push(offset) }),
    getItemKey: (item) => item.id,
    prefetch: 0,
    writes: listWrites,
  });
  list.subscribe(() => {});
  return { rows, calls, list };
}

describe('a list with no rows', () => {
  it('refresh() asks the server again and shows the rows it has now', async () => {
    const { rows, calls, list } = emptyAtFirst();
    list.setWindow({ start: 0, end: 5 });
    await settle();
    expect(list.getSnapshot()).toMatchObject({ count: 0, countKind: 'exact' });
    calls.length = 0;
    list.setWindow({ start: 0, end: 8 }); // settled: page 0 is not asked twice
    await settle();
    expect(calls).toEqual([]);
    rows.push(row(0), row(1));
    list.refresh();
    await settle();
    expect(calls).toEqual([0]);
    expect(list.getSnapshot().count).toBe(2);
    expect(rowIds(list.getSnapshot(), 0, 2)).toEqual(['r0', 'r1']);
  });

  it('after its own removes took every row out, refresh() brings back the rows the server still has', async () => {
    const { rows, list } = emptyAtFirst();
    rows.push(...Array.from({ length: 5 }, (_, n) => row(n)));
    list.setWindow({ start: 0, end: 5 });
    await settle();
    for (const id of ['r0', 'r1', 'r2', 'r3', 'r4']) expect(list.remove(id).ok).toBe(true);
    await settle();
    expect(list.getSnapshot().count).toBe(0);
    list.refresh(); // the server refused the deletes
    await settle();
    expect(list.getSnapshot().count).toBe(5);
    expect(rowIds(list.getSnapshot(), 0, 5)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
  });
});
