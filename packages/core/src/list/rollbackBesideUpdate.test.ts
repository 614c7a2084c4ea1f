// A remove's rollback next to updated rows (issue #18 item 2): an updated row stands for its
// server row, so a removed row goes back before the updated rows of later offsets, not after
// them. Before the fix, remove('r0') + update('r1') + rollback of the remove showed r1 above r0.
import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it, vi } from 'vitest';
import { offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';
import { listWrites } from './writeCommands.ts';

interface Row {
  readonly id: string;
  readonly label: string;
}

const TOTAL = 200;

async function loadedList(pageSize: number): Promise<LazyList<Row>> {
  const list = createLazyList<Row>({
    key: ['rollback-beside-update', pageSize],
    queryClient: new QueryClient(),
    writes: listWrites,
    getItemKey: (row) => row.id,
    source: offsetSource({
      pageSize,
      fetchPage: async ({ offset, limit }) => ({
        items: Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, i) => ({
          id: `r${offset + i}`,
          label: `row ${offset + i}`,
        })),
        total: TOTAL,
      }),
    }),
  });
  list.subscribe(() => {});
  list.setWindow({ start: 0, end: 12 });
  await vi.waitFor(() => expect(labels(list, 6)).not.toContain('loading'));
  return list;
}

/** What the first `n` rows show: labels, or the row's status when not loaded. */
function labels(list: LazyList<Row>, n: number): string[] {
  return Array.from({ length: n }, (_, i) => {
    const state = list.getSnapshot().getItem(i);
    return state.status === 'loaded' ? state.item.label : state.status;
  });
}

const renamed = (row: Row): Row => ({ ...row, label: `${row.label}*` });
const ORIGINAL = ['row 0', 'row 1', 'row 2', 'row 3'];

describe('a remove rolled back beside updated rows', () => {
  for (const pageSize of [50, 2]) {
    it(`goes back before the updated row that followed it, the update made after or before it (pages of ${pageSize})`, async () => {
      for (const updateFirst of [false, true]) {
        const list = await loadedList(pageSize);
        const update = updateFirst ? list.update('r1', renamed) : undefined;
        const remove = list.remove('r0');
        const later = updateFirst ? undefined : list.update('r1', renamed);
        expect(labels(list, 3)).toEqual(['row 1*', 'row 2', 'row 3']);
        if (!remove.ok) throw remove.error;
        remove.rollback();
        expect(labels(list, 4)).toEqual(['row 0', 'row 1*', 'row 2', 'row 3']);
        const undo = update ?? later;
        if (!undo?.ok) throw new Error('the update did not apply');
        undo.rollback();
        expect(labels(list, 4)).toEqual(ORIGINAL);
        list.destroy();
      }
    });

    it(`update, insert and remove rolled back in either order give the rows back (pages of ${pageSize})`, async () => {
      for (const reverse of [true, false]) {
        const list = await loadedList(pageSize);
        const writes = [
          list.update('r1', renamed),
          list.insert(0, [{ id: 'new', label: 'inserted' }]),
          list.remove('r0'),
        ];
        expect(labels(list, 3)).toEqual(['inserted', 'row 1*', 'row 2']);
        for (const write of reverse ? [...writes].reverse() : writes) {
          if (!write.ok) throw write.error;
          write.rollback();
        }
        expect(labels(list, 4)).toEqual(ORIGINAL);
        expect(list.getSnapshot().count).toBe(TOTAL);
        list.destroy();
      }
    });
  }

  it('an updated row removed goes back before the updated rows of later offsets', async () => {
    const list = await loadedList(50);
    const first = list.update('r1', renamed);
    const remove = list.remove('r1');
    const second = list.update('r2', renamed);
    expect(labels(list, 3)).toEqual(['row 0', 'row 2*', 'row 3']);
    if (!remove.ok || !first.ok || !second.ok) throw new Error('a write did not apply');
    remove.rollback();
    expect(labels(list, 4)).toEqual(['row 0', 'row 1*', 'row 2*', 'row 3']);
    second.rollback();
    first.rollback();
    expect(labels(list, 4)).toEqual(ORIGINAL);
  });
});
