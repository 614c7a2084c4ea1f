import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it, vi } from 'vitest';
import { cursorSource } from '../paging/cursorPaging.ts';
import { pageQueryKey } from '../scheduler/pageQuery.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { arraySource } from '../testing/arraySource.ts';
import { type Row, row, rowIds, settle, writeRowLists } from '../testing/writeRows.ts';
import { createLazyList } from './createLazyList.ts';
import { listWrites } from './writeCommands.ts';

/** A server over `rows` (mutable, like a database); `source()`: a new source of pages of 10 over it. Records every request. */
function server(total = 100) {
  const rows = Array.from({ length: total }, (_, n) => row(n));
  const calls: { offset: number; limit: number }[] = [];
  const source = () =>
    arraySource(rows, { pageSize: 10, onFetch: ({ offset, limit }) => calls.push({ offset, limit }) });
  return { rows, calls, source };
}

const { open, keep } = writeRowLists();

describe('without the write engine (the writes option)', () => {
  it('refuses every write as a value saying how to enable writes, and changes nothing', async () => {
    const list = await open(server().source(), { writes: undefined });
    const before = list.getSnapshot();
    const results = [
      list.update('r3', (item) => ({ ...item, liked: true })),
      list.insert(0, [row(-1)]),
      list.remove('r3'),
    ];
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.reason).toBe('disabled');
      expect(result.error.message).toContain("import { listWrites } from '@lazyflow/core/writes'");
      expect(() => result.rollback()).not.toThrow();
    }
    expect(list.getSnapshot()).toBe(before);
    expect(rowIds(list.getSnapshot(), 2, 5)).toEqual(['r2', 'r3', 'r4']);
  });

  it('throws a TypeError naming writes when it is not the engine', () => {
    const source = server().source();
    expect(() => createLazyList<Row>({ key: ['rows'], source, writes: {} as never })).toThrow(
      /createLazyList option "writes" must be listWrites from '@lazyflow\/core\/writes'/,
    );
  });

  it('is an identity option: setOptions refuses another engine', async () => {
    const list = await open(server().source());
    expect(() => list.setOptions({ writes: undefined } as never)).toThrow(/writes/);
    expect(list.update('r1', (item) => ({ ...item, liked: true })).ok).toBe(true);
  });
});

describe('LazyList.update', () => {
  it('replaces the item in the snapshot at once, and rollback puts the old one back', async () => {
    const list = await open(server().source());
    const result = list.update('r3', (item) => ({ ...item, liked: true }));
    expect(result.ok).toBe(true);
    expect(list.getSnapshot().getItem(3)).toMatchObject({
      status: 'loaded',
      item: { id: 'r3', liked: true },
    });
    result.rollback();
    expect(list.getSnapshot().getItem(3)).toEqual({ status: 'loaded', item: row(3) });
    result.rollback(); // a second call does nothing
    expect(list.getSnapshot().getItem(3)).toEqual({ status: 'loaded', item: row(3) });
  });

  it('keys by index without getItemKey', async () => {
    const list = await open(server().source(), { getItemKey: undefined });
    expect(list.update(12, (item) => ({ ...item, liked: true })).ok).toBe(true);
    expect(list.getSnapshot().getItem(12)).toMatchObject({ item: { id: 'r12', liked: true } });
  });

  it('returns an error value naming a key that is not loaded, and changes nothing', async () => {
    const list = await open(server().source());
    const before = list.getSnapshot();
    const result = list.update('r50', (item) => item);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe('unknown-key');
    expect(result.error.key).toBe('r50');
    expect(result.error.message).toContain('"r50"');
    expect(list.getSnapshot()).toBe(before);
    expect(() => result.rollback()).not.toThrow();
  });

  it('throws a TypeError naming change when it is not a function', async () => {
    const list = await open(server().source());
    expect(() => list.update('r1', 'liked' as never)).toThrow(/change must be a function/);
  });
});

describe('LazyList.insert', () => {
  it('shifts loaded items and the count, asks later pages by the server’s offsets, and rolls back', async () => {
    const srv = server();
    const list = await open(srv.source());
    const draft: Row = { id: 'new', n: -1 };
    const result = list.insert(5, [draft]);
    expect(result.ok).toBe(true);
    let snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(101);
    expect(rowIds(snapshot, 3, 8)).toEqual(['r3', 'r4', 'new', 'r5', 'r6']);
    expect(rowIds(snapshot, 19, 20)).toEqual(['r18']);
    expect(snapshot.stats.bytesInMemory).toBe(20 * 10); // pages 0 and 1 hold 10 items each
    // Page 2 (display 20…29) is server offsets 19…28: the server does not know the draft yet.
    srv.calls.length = 0;
    list.setWindow({ start: 20, end: 30 });
    await settle();
    expect(srv.calls).toEqual([{ offset: 19, limit: 10 }]);
    snapshot = list.getSnapshot();
    expect(rowIds(snapshot, 20, 30)).toEqual(Array.from({ length: 10 }, (_, i) => `r${19 + i}`));
    result.rollback();
    snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(100);
    expect(rowIds(snapshot, 3, 8)).toEqual(['r3', 'r4', 'r5', 'r6', 'r7']);
    await settle();
    expect(rowIds(list.getSnapshot(), 20, 30)).toEqual(Array.from({ length: 10 }, (_, i) => `r${20 + i}`));
  });

  it('adds at the end with index === count', async () => {
    const srv = server(20);
    const list = await open(srv.source());
    expect(list.insert(20, [{ id: 'last', n: 20 }]).ok).toBe(true);
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(21);
    expect(rowIds(snapshot, 19, 21)).toEqual(['r19', 'last']);
  });

  it('returns error values naming an index beyond the count or not loaded', async () => {
    const list = await open(server().source());
    const beyond = list.insert(101, [row(-1)]);
    expect(beyond.ok).toBe(false);
    if (!beyond.ok) {
      expect(beyond.error).toMatchObject({ reason: 'out-of-range', index: 101 });
      expect(beyond.error.message).toContain('insert(101)');
    }
    const far = list.insert(55, [row(-1)]);
    expect(far.ok).toBe(false);
    if (!far.ok) expect(far.error).toMatchObject({ reason: 'not-loaded', index: 55 });
    expect(list.getSnapshot().count).toBe(100);
    expect(() => list.insert(0, 'x' as never)).toThrow(/items must be an array/);
  });

  it('is refused for a cursor source, as a value', async () => {
    const list = createLazyList<Row>({
      key: ['cursor-rows'],
      source: cursorSource({
        pageSize: 10,
        fetchPage: async () => ({ items: [], nextCursor: null, prevCursor: null }),
      }),
      writes: listWrites,
    });
    keep(list);
    const result = list.insert(0, [row(1)]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toBe('unsupported');
  });
});

describe('LazyList.remove', () => {
  it('takes the item out, pulls later items back, and rollback puts it where it was', async () => {
    const srv = server();
    const list = await open(srv.source());
    const result = list.remove('r2');
    expect(result.ok).toBe(true);
    let snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(99);
    expect(rowIds(snapshot, 0, 4)).toEqual(['r0', 'r1', 'r3', 'r4']);
    // Page 1 needed r20, which nobody held: it is fetched again by the server's offsets (11…20).
    await settle();
    expect(srv.calls.at(-1)).toEqual({ offset: 11, limit: 10 });
    snapshot = list.getSnapshot();
    expect(rowIds(snapshot, 9, 20)).toEqual(['r10', ...Array.from({ length: 10 }, (_, i) => `r${11 + i}`)]);
    result.rollback();
    expect(list.getSnapshot().count).toBe(100);
    expect(rowIds(list.getSnapshot(), 0, 4)).toEqual(['r0', 'r1', 'r2', 'r3']);
  });

  it('returns an error value naming an unknown key', async () => {
    const list = await open(server().source());
    const result = list.remove('nope');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatchObject({ reason: 'unknown-key', key: 'nope' });
    expect(list.getSnapshot().count).toBe(100);
  });

  it('a rollback after an invalidation does nothing: the server’s data is back', async () => {
    const srv = server();
    const list = await open(srv.source());
    const result = list.remove('r2');
    srv.rows.splice(2, 1); // the server applied it
    list.invalidate();
    await settle();
    result.rollback();
    await settle();
    expect(list.getSnapshot().count).toBe(99);
    expect(rowIds(list.getSnapshot(), 0, 4)).toEqual(['r0', 'r1', 'r3', 'r4']);
  });
});

describe('writes through the QueryClient', () => {
  it('two lists on one key both show a write, and its rollback', async () => {
    const queryClient = new QueryClient();
    const srv = server();
    const a = await open(srv.source(), { queryClient });
    const b = await open(srv.source(), { queryClient });
    const { rollback } = a.update('r4', (item) => ({ ...item, liked: true }));
    expect(b.getSnapshot().getItem(4)).toMatchObject({ item: { liked: true } });
    const inserted = b.insert(0, [{ id: 'top', n: -1 }]);
    expect(rowIds(a.getSnapshot(), 0, 3)).toEqual(['top', 'r0', 'r1']);
    expect(a.getSnapshot().count).toBe(101);
    rollback();
    inserted.rollback();
    expect(rowIds(a.getSnapshot(), 0, 3)).toEqual(['r0', 'r1', 'r2']);
    expect(rowIds(b.getSnapshot(), 0, 3)).toEqual(['r0', 'r1', 'r2']);
    expect(b.getSnapshot().getItem(4)).toEqual({ status: 'loaded', item: row(4) });
  });

  it('a list without subscribers during a write shows it when subscribed again', async () => {
    const queryClient = new QueryClient();
    const srv = server();
    const a = await open(srv.source(), { queryClient });
    const b = createLazyList<Row>({
      key: ['rows'],
      queryClient,
      source: srv.source(),
      getItemKey: (item) => item.id,
      prefetch: 0,
    });
    keep(b);
    const stop = b.subscribe(() => {});
    b.setWindow({ start: 0, end: 20 });
    await settle();
    stop();
    expect(a.insert(0, [{ id: 'top', n: -1 }]).ok).toBe(true);
    b.subscribe(() => {});
    await settle();
    expect(rowIds(b.getSnapshot(), 0, 3)).toEqual(['top', 'r0', 'r1']);
    expect(b.getSnapshot().count).toBe(101);
  });

  it('shows setQueryData on a page key and setQueriesData on the list key', async () => {
    const queryClient = new QueryClient();
    const list = await open(server().source(), { queryClient });
    queryClient.setQueryData(pageQueryKey(['rows'], 1), {
      items: Array.from({ length: 10 }, (_, i) => ({ id: `x${i}`, n: 10 + i })),
      total: 100,
    });
    expect(rowIds(list.getSnapshot(), 10, 12)).toEqual(['x0', 'x1']);
    queryClient.setQueriesData<{ items: Row[]; total: number }>({ queryKey: ['rows'] }, (page) =>
      page === undefined ? page : { ...page, items: page.items.map((item) => ({ ...item, liked: true })) },
    );
    expect(list.getSnapshot().getItem(0)).toMatchObject({ item: { id: 'r0', liked: true } });
    expect(list.getSnapshot().getItem(10)).toMatchObject({ item: { id: 'x0', liked: true } });
  });
});

describe('duplicate keys', () => {
  it('are reported once with the key and indexes, and the later row loses its key, not the list', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const rows = Array.from({ length: 100 }, (_, n) => row(n));
      // The API's rows moved between two page requests: row 9 comes again at the top of page 1.
      const list = await open(
        offsetSource({
          pageSize: 10,
          fetchPage: async ({ offset, limit }) => ({
            items: offset === 10 ? [row(9), ...rows.slice(11, 20)] : rows.slice(offset, offset + limit),
            total: rows.length,
          }),
        }),
      );
      const snapshot = list.getSnapshot();
      expect(snapshot.duplicateKeys).toEqual([{ key: 'r9', indexes: [9, 10] }]);
      expect(snapshot.keyOf(9)).toBe('r9');
      expect(snapshot.keyOf(10)).toBeUndefined();
      expect(snapshot.keyOf(11)).toBe('r11');
      list.setWindow({ start: 1, end: 21 });
      list.setWindow({ start: 2, end: 22 });
      expect(list.getSnapshot().duplicateKeys).toHaveLength(1);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain('"r9" for the items at 9 and 10');
      // Writes still work around it.
      expect(list.update('r11', (item) => ({ ...item, liked: true })).ok).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });
});
