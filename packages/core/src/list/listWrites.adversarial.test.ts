import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it, vi } from 'vitest';
import { pageQueryKey } from '../scheduler/pageQuery.ts';
import { arraySource } from '../testing/arraySource.ts';
import { type Row, row, rowIds, settle, writeRowLists } from '../testing/writeRows.ts';

/** A server over `rows` (mutable); answers wait for `gate` when set. */
function server(total = 100) {
  const state: { rows: Row[]; gate?: Promise<void> } = {
    rows: Array.from({ length: total }, (_, n) => row(n)),
  };
  const source = () => arraySource(() => state.rows, { pageSize: 10, onFetch: () => state.gate });
  let open: () => void = () => {};
  const hold = () => {
    state.gate = new Promise<void>((resolve) => (open = resolve));
  };
  const release = () => {
    state.gate = undefined;
    open();
  };
  return { state, source, hold, release };
}

const { open } = writeRowLists();

describe('writes with bad arguments: error values, nothing changed', () => {
  it.each([
    ['NaN', Number.NaN],
    ['a fraction', 1.5],
    ['negative', -1],
    ['beyond the count', 101],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a string', '3' as unknown as number],
  ])('insert at %s: out-of-range naming the index', async (_, index) => {
    const list = await open(server().source());
    const before = list.getSnapshot();
    const result = list.insert(index, [row(-1)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('out-of-range');
    expect(result.error.message).toContain(`insert(${index})`);
    expect(list.getSnapshot().count).toBe(before.count);
    expect(rowIds(list.getSnapshot(), 0, 3)).toEqual(['r0', 'r1', 'r2']);
  });

  it('a change that throws propagates and writes nothing; the list keeps working', async () => {
    const list = await open(server().source());
    expect(() =>
      list.update('r3', () => {
        throw new Error('bad change');
      }),
    ).toThrow('bad change');
    expect(rowIds(list.getSnapshot(), 2, 5)).toEqual(['r2', 'r3', 'r4']);
    expect(list.update('r3', (r) => ({ ...r, liked: true })).ok).toBe(true);
    expect(list.getSnapshot().getItem(3)).toMatchObject({ item: { id: 'r3', liked: true } });
  });

  it('rollback twice, or after destroy, does nothing more', async () => {
    const list = await open(server().source());
    const removed = list.remove('r3');
    const updated = list.update('r5', (r) => ({ ...r, liked: true }));
    removed.rollback();
    removed.rollback();
    expect(rowIds(list.getSnapshot(), 2, 6)).toEqual(['r2', 'r3', 'r4', 'r5']);
    expect(list.getSnapshot().count).toBe(100);
    list.destroy();
    expect(() => updated.rollback()).not.toThrow();
    const after = list.update('r5', (r) => r);
    expect(after.ok).toBe(false);
    if (!after.ok) expect(after.error.reason).toBe('destroyed');
  });

  it('an update that changes the item key to one already shown: a duplicate-key warning naming it; rollback restores both', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const list = await open(server().source());
      const result = list.update('r3', (r) => ({ ...r, id: 'r4' }));
      expect(result.ok).toBe(true);
      const snapshot = list.getSnapshot();
      expect(snapshot.duplicateKeys).toEqual([{ key: 'r4', indexes: [3, 4] }]);
      expect(snapshot.keyOf(3)).toBe('r4');
      expect(snapshot.keyOf(4)).toBeUndefined();
      expect(String(warn.mock.calls[0]?.[0])).toContain('"r4"');
      result.rollback();
      expect(rowIds(list.getSnapshot(), 2, 6)).toEqual(['r2', 'r3', 'r4', 'r5']);
      expect(list.getSnapshot().keyOf(4)).toBe('r4');
    } finally {
      warn.mockRestore();
    }
  });
});

describe('an update whose change throws', () => {
  it('a change that throws on a row shown stale throws at once, waits for nothing, and the refetch still lands', async () => {
    const s = server();
    const list = await open(s.source());
    s.hold();
    list.refresh();
    await settle();
    let calls = 0;
    expect(() =>
      list.update('r3', () => {
        calls++;
        throw new Error('bad change');
      }),
    ).toThrow('bad change');
    s.state.rows = s.state.rows.map((r) => (r.n === 0 ? { ...r, liked: true } : r));
    s.release();
    await settle();
    // The refetch landed: the fresh row 0 shows, row 3 is the server's, the change ran once.
    expect(list.getSnapshot().getItem(0)).toMatchObject({ item: { id: 'r0', liked: true } });
    expect(list.getSnapshot().getItem(3)).toEqual({ status: 'loaded', item: row(3) });
    expect(calls).toBe(1);
    expect(list.update('r4', (r) => ({ ...r, liked: true })).ok).toBe(true);
  });

  it('a change that throws only on the refetched item: the refetch lands without it and settled says threw, with the cause', async () => {
    const s = server();
    const list = await open(s.source());
    s.hold();
    list.refresh();
    await settle();
    const twice = new Error('cannot like twice');
    const result = list.update('r3', (r) => {
      if (r.liked) throw twice;
      return { ...r, liked: true };
    });
    expect(result.ok).toBe(true);
    expect(list.getSnapshot().getItem(3)).toMatchObject({ item: { id: 'r3', liked: true } });
    // The server liked it meanwhile (another tab): the change throws on the server's copy.
    s.state.rows = s.state.rows.map((r) =>
      r.n === 0 || r.n === 3 ? { ...r, liked: true, n: r.n + 1_000 } : r,
    );
    s.release();
    await settle();
    // Before, the throw escaped the page landing and the list kept its stale rows for good.
    expect(list.getSnapshot().getItem(0)).toMatchObject({ item: { id: 'r0', n: 1_000 } });
    expect(list.getSnapshot().getItem(3)).toMatchObject({ item: { id: 'r3', n: 1_003, liked: true } });
    const done = await result.settled;
    expect(done?.ok).toBe(false);
    if (done?.ok !== false) return;
    expect(done.error.reason).toBe('threw');
    expect(done.error.message).toContain('update("r3")');
    expect(done.error.cause).toBe(twice);
    expect(list.update('r4', (r) => ({ ...r, liked: true })).ok).toBe(true);
  });
});

describe('writes while pages are in flight', () => {
  it('a remove above a page on its way: the page lands by the server offsets, nothing twice or skipped', async () => {
    const s = server();
    const list = await open(s.source());
    s.hold();
    list.setWindow({ start: 0, end: 30 });
    await settle();
    expect(rowIds(list.getSnapshot(), 20, 21)).toEqual(['loading']);
    expect(list.remove('r3').ok).toBe(true);
    s.release();
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(99);
    expect(rowIds(snapshot, 0, 30)).toEqual(
      Array.from({ length: 31 }, (_, n) => `r${n}`).filter((id) => id !== 'r3'),
    );
  });

  it('an insert at the top while a page is on its way: it lands shifted by one, the count grows once', async () => {
    const s = server();
    const list = await open(s.source());
    s.hold();
    list.setWindow({ start: 0, end: 30 });
    await settle();
    expect(list.insert(0, [{ id: 'top', n: -1 }]).ok).toBe(true);
    s.release();
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(101);
    expect(rowIds(snapshot, 0, 30)).toEqual(['top', ...Array.from({ length: 29 }, (_, n) => `r${n}`)]);
  });

  it('a remove and its rollback while a page is on its way: the page lands where it was', async () => {
    const s = server();
    const list = await open(s.source());
    s.hold();
    list.setWindow({ start: 0, end: 30 });
    await settle();
    const removed = list.remove('r15');
    removed.rollback();
    s.release();
    await settle();
    expect(list.getSnapshot().count).toBe(100);
    expect(rowIds(list.getSnapshot(), 0, 30)).toEqual(Array.from({ length: 30 }, (_, n) => `r${n}`));
  });
});

describe('the app’s page data that is not a page', () => {
  it.each([
    ['null', null],
    ['items not an array', { items: 'x', total: 100 }],
    ['no items', { total: 100 }],
  ])('setQueryData(%s) on a held page: the list keeps working and writes still apply', async (_, data) => {
    const queryClient = new QueryClient();
    const list = await open(server().source(), { queryClient });
    expect(() => queryClient.setQueryData(pageQueryKey(['rows'], 0), data)).not.toThrow();
    await settle();
    expect(list.getSnapshot().count).toBeGreaterThan(0);
    list.invalidate();
    await settle();
    expect(rowIds(list.getSnapshot(), 0, 3)).toEqual(['r0', 'r1', 'r2']);
    expect(list.update('r1', (r) => ({ ...r, liked: true })).ok).toBe(true);
    expect(list.getSnapshot().getItem(1)).toMatchObject({ item: { id: 'r1', liked: true } });
  });
});

describe('inserted items with keys already shown', () => {
  it('an insert of a key already loaded: reported as a duplicate, the rows keep distinct keys, rollback takes the inserted one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const list = await open(server().source());
      const result = list.insert(0, [row(4)]);
      expect(result.ok).toBe(true);
      const snapshot = list.getSnapshot();
      expect(snapshot.duplicateKeys).toEqual([{ key: 'r4', indexes: [0, 5] }]);
      expect(snapshot.keyOf(5)).toBeUndefined();
      result.rollback();
      expect(rowIds(list.getSnapshot(), 0, 6)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
      expect(list.getSnapshot().count).toBe(100);
    } finally {
      warn.mockRestore();
    }
  });
});

describe('writes on pages evicted from memory', () => {
  it('an update, an insert and a remove survive their pages leaving memory and coming back', async () => {
    const rows = Array.from({ length: 200 }, (_, n) => row(n));
    const calls: number[] = [];
    const list = await open(
      arraySource(rows, { pageSize: 10, onFetch: ({ offset }) => calls.push(offset) }),
      {
        memory: { maxPages: 2 },
      },
    );
    expect(list.update('r3', (r) => ({ ...r, liked: true })).ok).toBe(true);
    expect(list.insert(12, [{ id: 'new', n: -1 }]).ok).toBe(true);
    expect(list.remove('r15').ok).toBe(true);
    await settle();
    list.setWindow({ start: 100, end: 120 });
    await settle();
    list.setWindow({ start: 150, end: 170 });
    await settle();
    expect(list.getSnapshot().getItem(3).status).not.toBe('loaded'); // evicted
    calls.length = 0;
    list.setWindow({ start: 0, end: 20 });
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(200);
    expect(snapshot.getItem(3)).toMatchObject({ item: { id: 'r3', liked: true } });
    expect(rowIds(snapshot, 10, 17)).toEqual(['r10', 'r11', 'new', 'r12', 'r13', 'r14', 'r16']);
    expect(rowIds(snapshot, 0, 20)).toEqual([
      'r0',
      'r1',
      'r2',
      'r3',
      'r4',
      'r5',
      'r6',
      'r7',
      'r8',
      'r9',
      'r10',
      'r11',
      'new',
      'r12',
      'r13',
      'r14',
      'r16',
      'r17',
      'r18',
      'r19',
    ]);
    // Page 2 after them is asked by the server's offsets: display 20 is server row 20.
    list.setWindow({ start: 20, end: 30 });
    await settle();
    expect(rowIds(list.getSnapshot(), 20, 30)).toEqual(Array.from({ length: 10 }, (_, i) => `r${20 + i}`));
  });
});

describe('writes across refreshes', () => {
  it('a waiting remove through two refresh() calls is applied once, by key, after the server moved rows', async () => {
    const s = server();
    const list = await open(s.source());
    s.hold();
    list.refresh();
    await settle();
    const removed = list.remove('r3');
    expect(removed.ok).toBe(true);
    expect(rowIds(list.getSnapshot(), 2, 4)).not.toContain('r3');
    list.refresh();
    await settle();
    s.state.rows = s.state.rows.filter((r) => r.id !== 'r0'); // the server lost r0 meanwhile
    s.release();
    const done = await removed.settled;
    await settle();
    expect(done?.ok).toBe(true);
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(98);
    expect(rowIds(snapshot, 0, 5)).toEqual(['r1', 'r2', 'r4', 'r5', 'r6']);
    done?.rollback();
    expect(rowIds(list.getSnapshot(), 0, 5)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
    expect(list.getSnapshot().count).toBe(99);
  });

  it('a waiting insert placed by its neighbour after the server inserted rows above it', async () => {
    const s = server();
    const list = await open(s.source());
    s.hold();
    list.refresh();
    await settle();
    const inserted = list.insert(5, [{ id: 'new', n: -1 }]);
    expect(inserted.ok).toBe(true);
    expect(rowIds(list.getSnapshot(), 4, 7)).toEqual(['r4', 'new', 'r5']);
    s.state.rows = [{ id: 'x', n: -2 }, { id: 'y', n: -3 }, ...s.state.rows];
    s.release();
    const done = await inserted.settled;
    await settle();
    expect(done?.ok).toBe(true);
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(103);
    expect(rowIds(snapshot, 0, 9)).toEqual(['x', 'y', 'r0', 'r1', 'r2', 'r3', 'r4', 'new', 'r5']);
  });

  it('a fresh write then refresh(): the server’s data wins and the rollback does nothing', async () => {
    const s = server();
    const list = await open(s.source());
    const liked = list.update('r2', (r) => ({ ...r, liked: true }));
    s.state.rows = s.state.rows.map((r) => (r.id === 'r2' ? { ...r, n: 2002 } : r));
    list.refresh();
    await settle();
    expect(list.getSnapshot().getItem(2)).toEqual({ status: 'loaded', item: { id: 'r2', n: 2002 } });
    liked.rollback();
    expect(list.getSnapshot().getItem(2)).toEqual({ status: 'loaded', item: { id: 'r2', n: 2002 } });
  });
});

describe('a list without getItemKey: writes address rows by their index now', () => {
  it('insert, then update and remove by the indexes shown, then each rollback puts back exactly its write', async () => {
    const rows = Array.from({ length: 40 }, (_, n) => row(n));
    const list = await open(arraySource(rows, { pageSize: 10 }), { getItemKey: undefined });
    const top = list.insert(0, [{ id: 'top', n: -1 }]);
    const liked = list.update(4, (r) => ({ ...r, liked: true })); // r3 now
    const removed = list.remove(6); // r5 now
    expect(rowIds(list.getSnapshot(), 0, 8)).toEqual(['top', 'r0', 'r1', 'r2', 'r3', 'r4', 'r6', 'r7']);
    expect(list.getSnapshot().getItem(4)).toMatchObject({ item: { id: 'r3', liked: true } });
    expect(list.getSnapshot().count).toBe(40);
    // A rollback may drop pages it cannot recompute: they come back from the server.
    top.rollback();
    await settle();
    expect(rowIds(list.getSnapshot(), 0, 7)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r6', 'r7']);
    removed.rollback();
    await settle();
    expect(rowIds(list.getSnapshot(), 0, 7)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
    expect(list.getSnapshot().getItem(3)).toMatchObject({ item: { id: 'r3', liked: true } });
    liked.rollback();
    await settle();
    expect(list.getSnapshot().getItem(3)).toEqual({ status: 'loaded', item: row(3) });
    await settle();
    expect(rowIds(list.getSnapshot(), 0, 20)).toEqual(rows.slice(0, 20).map((r) => r.id));
    expect(list.getSnapshot().count).toBe(40);
  });

  it('an update keyed by a string index is refused as unknown-key, not applied to that row', async () => {
    const list = await open(arraySource([row(0), row(1), row(2)], { pageSize: 10 }), {
      getItemKey: undefined,
    });
    const result = list.update('1', (r) => ({ ...r, liked: true }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('unknown-key');
    expect(list.getSnapshot().getItem(1)).toEqual({ status: 'loaded', item: row(1) });
  });
});
