import { describe, expect, it } from 'vitest';
import { arraySource } from '../testing/arraySource.ts';
import { type Row, row, rowIds, settle, writeRowLists } from '../testing/writeRows.ts';
import type { LazyList } from './LazyList.ts';
import type { ListWriteResult } from './writeResult.ts';

// A remove's rollback beside a local insert (issue #18 items 2 and 5, decision 0078). An insert
// is placed just after the row before it: a removed row put back goes before the inserts placed
// after it. Before the fix, insert(1, [x]) + remove('r0') + the remove's rollback showed x above
// r0, where the user had put x below it.

const rows = Array.from({ length: 40 }, (_, n) => row(n));
const x: Row = { id: 'x', n: -1 };
const y: Row = { id: 'y', n: -2 };
const { open } = writeRowLists();

function undo(result: ListWriteResult): void {
  if (!result.ok) throw result.error;
  result.rollback();
}

const first = (list: LazyList<Row>, n: number) => rowIds(list.getSnapshot(), 0, n);

describe('a remove rolled back beside a local insert', () => {
  for (const pageSize of [10, 2]) {
    it(`goes back before an insert placed after it (pages of ${pageSize})`, async () => {
      const list = await open(arraySource(rows, { pageSize }));
      const insert = list.insert(1, [x]);
      const remove = list.remove('r0');
      expect(first(list, 3)).toEqual(['x', 'r1', 'r2']);
      undo(remove);
      await settle();
      expect(first(list, 4)).toEqual(['r0', 'x', 'r1', 'r2']);
      undo(insert);
      await settle();
      expect(first(list, 3)).toEqual(['r0', 'r1', 'r2']);
      expect(list.getSnapshot().count).toBe(40);
    });

    it(`goes back after an insert placed before it (pages of ${pageSize})`, async () => {
      const list = await open(arraySource(rows, { pageSize }));
      const insert = list.insert(0, [x]);
      undo(list.remove('r0'));
      await settle();
      expect(first(list, 3)).toEqual(['x', 'r0', 'r1']);
      undo(insert);
      await settle();
      expect(first(list, 3)).toEqual(['r0', 'r1', 'r2']);
    });
  }

  it('goes back before inserts placed after an insert placed after it', async () => {
    const list = await open(arraySource(rows, { pageSize: 10 }));
    list.insert(1, [x]);
    list.insert(2, [y]); // after x
    undo(list.remove('r0'));
    await settle();
    expect(first(list, 4)).toEqual(['r0', 'x', 'y', 'r1']);
  });

  it('goes back before an insert placed after it and updated since', async () => {
    const list = await open(arraySource(rows, { pageSize: 10 }));
    list.insert(1, [x]);
    list.update('x', (item) => ({ ...item, liked: true }));
    undo(list.remove('r0'));
    await settle();
    expect(first(list, 3)).toEqual(['r0', 'x', 'r1']);
    const state = list.getSnapshot().getItem(1);
    expect(state.status === 'loaded' && state.item.liked).toBe(true);
  });

  it('goes back before an insert placed after its updated row', async () => {
    const list = await open(arraySource(rows, { pageSize: 10 }));
    const update = list.update('r0', (item) => ({ ...item, liked: true }));
    list.insert(1, [x]);
    undo(list.remove('r0'));
    await settle();
    expect(first(list, 3)).toEqual(['r0', 'x', 'r1']);
    undo(update);
    await settle();
    expect(first(list, 3)).toEqual(['r0', 'x', 'r1']);
  });

  it('an insert made after the remove where the row was goes after the row before it: the row comes back after it', async () => {
    const list = await open(arraySource(rows, { pageSize: 10 }));
    const remove = list.remove('r1');
    list.insert(1, [x]); // between r0 and r2: after r0, as the server would store it
    undo(remove);
    await settle();
    expect(first(list, 4)).toEqual(['r0', 'x', 'r1', 'r2']);
    const head = list.remove('r0');
    list.insert(0, [y]); // no row before it: first
    undo(head);
    await settle();
    expect(first(list, 5)).toEqual(['y', 'r0', 'x', 'r1', 'r2']);
  });
});
