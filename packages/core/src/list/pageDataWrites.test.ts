import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageQueryKey } from '../scheduler/pageQuery.ts';
import { arraySource } from '../testing/arraySource.ts';
import { type Row, row, rowIds, settle, writeRowLists } from '../testing/writeRows.ts';
import type { LazyListOptions } from './lazyListOptions.ts';

// Page data the app writes into the QueryClient with more or fewer items than the list holds
// there (issue #18 item 2, decision 0072): with the write engine it is taken as the inserts and
// removes it stands for, so no row is hidden, no gap stays and later pages keep their offsets.

interface Page {
  readonly items: readonly Row[];
  readonly total: number;
}

const { open: openRows } = writeRowLists();

/** A server of `total` rows in pages of 10 (requests recorded) and lists over it showing [0, 20). */
function server(total = 100) {
  const rows = Array.from({ length: total }, (_, n) => row(n));
  const calls: number[] = [];
  const queryClient = new QueryClient();
  const open = (options: Partial<LazyListOptions<Row>> = {}) =>
    openRows(arraySource(rows, { pageSize: 10, onFetch: ({ offset }) => calls.push(offset) }), {
      queryClient,
      ...options,
    });
  return { rows, calls, queryClient, open };
}

/** Two lists with the engine on one key over 25 rows, both showing the end, [10, 25). */
async function twoListsAtTheEnd() {
  const srv = server(25);
  const lists = [await srv.open(), await srv.open()] as const;
  for (const list of lists) list.setWindow({ start: 10, end: 25 });
  await settle();
  return lists;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `r${from + i}`);

describe('page data written by the app with another number of items', () => {
  it('setQueriesData filtering an item out: the rows after it move up, no gap, the count shrinks', async () => {
    const srv = server();
    const list = await srv.open();
    srv.queryClient.setQueriesData<Page>({ queryKey: ['rows'] }, (page) =>
      page === undefined ? page : { ...page, items: page.items.filter((item) => item.id !== 'r3') },
    );
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(99);
    expect(rowIds(snapshot, 0, 20)).toEqual([...range(0, 3), ...range(4, 21)]);
    expect(snapshot.duplicateKeys).toEqual([]);
    expect(snapshot.stats.bytesInMemory).toBe(20 * 10);
    // Page 2 (rows 20…29) is the server's offsets 21…30: the server still has r3.
    srv.calls.length = 0;
    list.setWindow({ start: 20, end: 30 });
    await settle();
    expect(srv.calls).toEqual([21]);
    expect(rowIds(list.getSnapshot(), 20, 30)).toEqual(range(21, 31));
  });

  it('setQueryData adding an item at the top of a page: the page’s last row moves to the next page, not hidden', async () => {
    const srv = server();
    const list = await srv.open();
    srv.queryClient.setQueryData<Page>(pageQueryKey(['rows'], 0), (page) =>
      page === undefined ? page : { items: [{ id: 'new', n: -1 }, ...page.items], total: 101 },
    );
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(101);
    expect(rowIds(snapshot, 0, 20)).toEqual(['new', ...range(0, 19)]);
    expect(snapshot.duplicateKeys).toEqual([]);
    srv.calls.length = 0;
    list.setWindow({ start: 20, end: 30 });
    await settle();
    expect(srv.calls).toEqual([19]); // the server does not know 'new': r19 is not skipped
    expect(rowIds(list.getSnapshot(), 20, 30)).toEqual(range(19, 29));
  });

  it('an item put in and another taken out of one page, and one updated: each applied once', async () => {
    const srv = server();
    const list = await srv.open();
    srv.queryClient.setQueryData<Page>(pageQueryKey(['rows'], 1), (page) => {
      if (page === undefined) return page;
      const items = page.items.filter((item) => item.id !== 'r12' && item.id !== 'r13');
      items.splice(5, 0, { id: 'x', n: -1 }); // after r16
      return { ...page, items: items.map((item) => (item.id === 'r18' ? { ...item, liked: true } : item)) };
    });
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(99);
    expect(rowIds(snapshot, 10, 20)).toEqual([
      'r10',
      'r11',
      'r14',
      'r15',
      'r16',
      'x',
      'r17',
      'r18',
      'r19',
      'r20',
    ]);
    expect(snapshot.getItem(17)).toMatchObject({ item: { id: 'r18', liked: true } });
    expect(rowIds(snapshot, 0, 10)).toEqual(range(0, 10));
  });

  it('without getItemKey, items are matched by content: a row filtered out moves the rows after it', async () => {
    const srv = server();
    const list = await srv.open({ getItemKey: undefined });
    srv.queryClient.setQueriesData<Page>({ queryKey: ['rows'] }, (page) =>
      page === undefined ? page : { ...page, items: page.items.filter((item) => item.id !== 'r3') },
    );
    await settle();
    expect(list.getSnapshot().count).toBe(99);
    expect(rowIds(list.getSnapshot(), 0, 20)).toEqual([...range(0, 3), ...range(4, 21)]);
    expect(list.update(3, (item) => ({ ...item, liked: true })).ok).toBe(true); // r4, at index 3 now
    expect(list.getSnapshot().getItem(3)).toMatchObject({ item: { id: 'r4', liked: true } });
  });

  it('two lists on the key (one without the engine) show it, applied once', async () => {
    const srv = server();
    const reader = await srv.open({ writes: undefined });
    const writer = await srv.open();
    srv.queryClient.setQueriesData<Page>({ queryKey: ['rows'] }, (page) =>
      page === undefined ? page : { ...page, items: page.items.filter((item) => item.id !== 'r5') },
    );
    await settle();
    for (const list of [reader, writer]) {
      expect(list.getSnapshot().count).toBe(99);
      expect(rowIds(list.getSnapshot(), 3, 11)).toEqual(['r3', 'r4', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11']);
    }
  });

  it('a list’s own remove on the last page, heard by another list with the engine, is not applied twice', async () => {
    const [a, b] = await twoListsAtTheEnd();
    expect(a.remove('r22').ok).toBe(true);
    await settle();
    for (const list of [a, b]) {
      expect(list.getSnapshot().count).toBe(24);
      expect(rowIds(list.getSnapshot(), 20, 24)).toEqual(['r20', 'r21', 'r23', 'r24']);
    }
  });

  it('a list’s own append, heard by another list with the engine, is not applied twice', async () => {
    const [a, b] = await twoListsAtTheEnd();
    expect(a.append([{ id: 'end', n: 25 }])).toBe(true);
    await settle();
    for (const list of [a, b]) {
      expect(list.getSnapshot().count).toBe(26);
      expect(rowIds(list.getSnapshot(), 23, 26)).toEqual(['r23', 'r24', 'end']);
    }
  });

  it('setQueriesData filtering a row out of each of two pages: both go, the rows after them move up', async () => {
    const srv = server();
    const list = await srv.open();
    srv.queryClient.setQueriesData<Page>({ queryKey: ['rows'] }, (page) =>
      page === undefined
        ? page
        : { ...page, items: page.items.filter((item) => !['r3', 'r13'].includes(item.id)) },
    );
    // Until the writes apply (a microtask later) the QueryClient holds what the app wrote.
    expect(srv.queryClient.getQueryData<Page>(pageQueryKey(['rows'], 1))?.items).toHaveLength(9);
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(98);
    expect(rowIds(snapshot, 0, 20)).toEqual([...range(0, 3), ...range(4, 13), ...range(14, 22)]);
    expect(snapshot.duplicateKeys).toEqual([]);
    srv.calls.length = 0;
    list.setWindow({ start: 20, end: 30 });
    await settle();
    expect(srv.calls).toEqual([22]);
    expect(rowIds(list.getSnapshot(), 20, 30)).toEqual(range(22, 32));
  });

  it('two setQueryData in a row, on two pages or twice on one: each updater reads the one before, all apply', async () => {
    const srv = server();
    const list = await srv.open();
    const filterOut = (page: number, id: string) =>
      srv.queryClient.setQueryData<Page>(pageQueryKey(['rows'], page), (data) =>
        data === undefined ? data : { ...data, items: data.items.filter((item) => item.id !== id) },
      );
    filterOut(0, 'r3');
    filterOut(1, 'r13');
    filterOut(0, 'r5');
    srv.queryClient.setQueryData<Page>(pageQueryKey(['rows'], 1), (data) =>
      data === undefined ? data : { ...data, items: [{ id: 'x', n: -1 }, ...data.items] },
    );
    expect(srv.queryClient.getQueryData<Page>(pageQueryKey(['rows'], 0))?.items).toHaveLength(8);
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(98);
    expect(rowIds(snapshot, 0, 20)).toEqual([
      ...range(0, 3),
      'r4',
      ...range(6, 10),
      'x',
      ...range(10, 13),
      ...range(14, 22),
    ]);
  });

  it('a write of the list right after the app’s page data reads its index after it', async () => {
    const srv = server();
    const list = await srv.open();
    list.setWindow({ start: 0, end: 40 }); // pages 0–3 held: two removes keep page 0
    await settle();
    srv.queryClient.setQueriesData<Page>({ queryKey: ['rows'] }, (page) =>
      page === undefined ? page : { ...page, items: page.items.filter((item) => item.id !== 'r3') },
    );
    expect(list.remove('r8').ok).toBe(true);
    expect(list.update('r9', (item) => ({ ...item, liked: true })).ok).toBe(true);
    await settle();
    const snapshot = list.getSnapshot();
    expect(snapshot.count).toBe(98);
    expect(rowIds(snapshot, 0, 10)).toEqual([...range(0, 3), ...range(4, 8), 'r9', 'r10', 'r11']);
    expect(snapshot.getItem(7)).toMatchObject({ item: { id: 'r9', liked: true } });
  });

  it('the same number of items is shown as written, as before', async () => {
    const srv = server();
    const list = await srv.open();
    srv.queryClient.setQueryData(pageQueryKey(['rows'], 1), {
      items: Array.from({ length: 10 }, (_, i) => ({ id: `x${i}`, n: 10 + i })),
      total: 100,
    });
    expect(rowIds(list.getSnapshot(), 9, 12)).toEqual(['r9', 'x0', 'x1']);
    expect(list.getSnapshot().count).toBe(100);
  });
});

describe('page data of another length on a list without the write engine (development builds)', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });
  const warnings = () => vi.spyOn(console, 'warn').mockImplementation(() => {});
  const filterOut = (srv: ReturnType<typeof server>, id: string) =>
    srv.queryClient.setQueriesData<Page>({ queryKey: ['rows'] }, (page) =>
      page === undefined ? page : { ...page, items: page.items.filter((item) => item.id !== id) },
    );

  it('warns once per list, naming the page, both lengths and writes: listWrites; the page is shown as written', async () => {
    const srv = server();
    const list = await srv.open({ writes: undefined });
    const warn = warnings();
    filterOut(srv, 'r3');
    filterOut(srv, 'r13');
    await settle();
    expect(warn).toHaveBeenCalledTimes(1);
    const message = String(warn.mock.calls[0]?.[0]);
    expect(message).toContain('page 0 of ["rows"]');
    expect(message).toContain('with 9 items where the list holds 10');
    expect(message).toContain('writes: listWrites');
    // Shown as written, as decision 0072 says of a list without the engine: the count stays.
    expect(list.getSnapshot().count).toBe(100);
    expect(rowIds(list.getSnapshot(), 2, 4)).toEqual(['r2', 'r4']);
  });

  it('says nothing with the engine (on this list or another on the key), for the same number of items, or for items added at the end of the last page', async () => {
    const withEngine = server();
    await withEngine.open();
    const warn = warnings();
    filterOut(withEngine, 'r3');
    await settle();

    // A list without the engine heard first, then one with it on the same key: applied as writes.
    const both = server();
    const plain = await both.open({ writes: undefined });
    await both.open();
    filterOut(both, 'r5');
    await settle();
    expect(plain.getSnapshot().count).toBe(99);

    const sameLength = server();
    await sameLength.open({ writes: undefined });
    sameLength.queryClient.setQueryData<Page>(pageQueryKey(['rows'], 1), (page) =>
      page === undefined ? page : { ...page, items: page.items.map((item) => ({ ...item, n: -item.n })) },
    );

    const atEnd = server(15);
    const tail = await atEnd.open({ writes: undefined });
    atEnd.queryClient.setQueryData<Page>(pageQueryKey(['rows'], 1), (page) =>
      page === undefined ? page : { items: [...page.items, { id: 'end', n: 15 }], total: 16 },
    );
    await settle();
    expect(warn).not.toHaveBeenCalled();
    expect(rowIds(tail.getSnapshot(), 13, 16)).toEqual(['r13', 'r14', 'end']);
  });
});
