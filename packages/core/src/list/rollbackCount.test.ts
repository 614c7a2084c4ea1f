import { afterEach, describe, expect, it } from 'vitest';
import { ropeInsert, ropeRemove, ropeTotal, serverRope } from '../store/editRope.ts';
import { arraySource } from '../testing/arraySource.ts';
import { settle, useImmediateQueryNotifications } from '../testing/modelHarness.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';
import { serverTotalOf } from './loadThroughRope.ts';
import { listWrites } from './writeCommands.ts';

interface Row {
  readonly id: string;
}

const lists: LazyList<Row>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

/** 5 server rows in pages of 3, a budget of 3 pages (the writes model's seed 26). */
async function smallList(): Promise<LazyList<Row>> {
  useImmediateQueryNotifications();
  const rows = Array.from({ length: 5 }, (_, n) => ({ id: `s${n}` }));
  const list = createLazyList<Row>({
    key: ['rollback-count'],
    source: arraySource(rows, { pageSize: 3 }),
    getItemKey: (row) => row.id,
    prefetch: 1,
    memory: { maxBytes: 90 },
    estimateBytes: (items) => items.length * 10,
    memoryMonitor: null,
    statsIntervalMs: 0,
    writes: listWrites,
  });
  lists.push(list);
  list.subscribe(() => {});
  list.setWindow({ start: 0, end: 5 });
  await settle();
  return list;
}

const ids = (list: LazyList<Row>): string[] => {
  const snapshot = list.getSnapshot();
  return Array.from({ length: snapshot.count }, (_, index) => {
    const entry = snapshot.getItem(index);
    return entry.status === 'loaded' ? entry.item.id : '-';
  });
};

describe('the count after a rollback', () => {
  it.each([
    ['the only page that held the count is dropped', 2, 11],
    ['the count lags behind the removes of one rollback', 3, 11],
  ])('is right after a rollback when %s (writes model, seed 26)', async (_, size, after) => {
    const list = await smallList();
    let n = 0;
    const rows = (count: number) => Array.from({ length: count }, () => ({ id: `n${++n}` }));
    list.insert(0, rows(3));
    list.insert(0, rows(3));
    const last = list.insert(0, rows(size));
    const one = list.insert(0, rows(1));
    await settle();
    expect(list.getSnapshot().count).toBe(12 + size);
    list.setWindow({ start: 0, end: 1 });
    await settle();
    expect(one.ok && last.ok).toBe(true);
    if (one.ok) one.rollback();
    await settle();
    expect(list.getSnapshot().count).toBe(11 + size);
    // Page 1 is gone: the rollback's removes cannot recompute page 0, which is dropped and
    // fetched again through the rope with local items only (no server total in the answer);
    // the removes after that find no page and a count not yet moved by the ones before.
    if (last.ok) last.rollback();
    await settle();
    expect(list.getSnapshot().count).toBe(after);
    expect(ids(list).slice(0, 3)).toEqual(['n4', 'n5', 'n6']);
    list.setWindow({ start: 0, end: after });
    await settle();
    expect(ids(list)).toEqual(['n4', 'n5', 'n6', 'n1', 'n2', 'n3', 's0', 's1', 's2', 's3', 's4']);
  });
});

describe('serverTotalOf', () => {
  const local = ropeInsert(serverRope<string>(), 0, ['a', 'b']);
  // Server 0, server 3, x, server 4…: server offsets 1 and 2 were removed.
  const cut = ropeRemove(ropeInsert(serverRope<string>(), 4, ['x']), 1, 2);
  it.each([
    ['no local writes', serverRope<string>(), 7, 7],
    ['two local items first', local, 7, 5],
    ['only local items counted', local, 2, 0],
    ['server items cut out', cut, 5, 6],
    ['counted up to a cut', cut, 3, 4],
  ])('%s: the rope shows the count with the server total found', (_, rope, count, total) => {
    expect(serverTotalOf(rope, count)).toBe(total);
    expect(ropeTotal(rope, serverTotalOf(rope, count))).toBe(count);
  });

  it('gives 0 for a count below the local items (a count no rope shows)', () => {
    expect(serverTotalOf(local, 1)).toBe(0);
  });
});
