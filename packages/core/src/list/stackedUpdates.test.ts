import { describe, expect, it, vi } from 'vitest';
import { cursorSource } from '../paging/cursorPaging.ts';
import { arraySource } from '../testing/arraySource.ts';
import { type Row, row, settle, writeRowLists } from '../testing/writeRows.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';
import { listWrites } from './writeCommands.ts';

// Updates of one item stack: a rollback undoes its own change only and makes the later ones
// again on the item from before it (51f463b).

const { open, keep } = writeRowLists();
const offsetList = () =>
  open(
    arraySource(
      Array.from({ length: 30 }, (_, n) => row(n)),
      { pageSize: 10 },
    ),
  );

describe('two updates of one item, then a rollback: it undoes its own change only', () => {
  interface Starred extends Row {
    readonly starred?: boolean;
  }
  const like = (r: Row): Row => ({ ...r, liked: true });
  const star = (r: Row): Row => ({ ...r, starred: true }) as Starred;
  const shown = (list: LazyList<Row>) => list.getSnapshot().getItem(3);

  async function cursorList(): Promise<LazyList<Row>> {
    const items = Array.from({ length: 10 }, (_, n) => row(n));
    const source = cursorSource<Row>({
      pageSize: 10,
      fetchPage: async () => ({ items, nextCursor: null, prevCursor: null }),
    });
    const list = keep(
      createLazyList<Row>({
        key: ['stacked-cursor'],
        source,
        getItemKey: (r) => r.id,
        prefetch: 0,
        statsIntervalMs: 0,
        writes: listWrites,
      }),
    );
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    await settle();
    return list;
  }

  it.each([
    ['an offset list', offsetList],
    ['a cursor list', cursorList],
  ])(
    '%s: the first rolled back keeps the second; the second rolled back then leaves the row as the server has it',
    async (_, make) => {
      const list = await make();
      const liked = list.update('r3', like);
      const starred = list.update('r3', star);
      if (!liked.ok || !starred.ok) throw new Error('the updates were refused');
      liked.rollback(); // the like's request failed, the star's succeeded
      expect(shown(list)).toEqual({ status: 'loaded', item: { id: 'r3', n: 3, starred: true } });
      starred.rollback();
      expect(shown(list)).toEqual({ status: 'loaded', item: { id: 'r3', n: 3 } });
      // The later one first, then the earlier: the row is the server's again.
      const again = list.update('r3', like);
      const then = list.update('r3', star);
      if (!again.ok || !then.ok) throw new Error('the updates were refused');
      then.rollback();
      expect(shown(list)).toEqual({ status: 'loaded', item: { id: 'r3', n: 3, liked: true } });
      again.rollback();
      expect(shown(list)).toEqual({ status: 'loaded', item: { id: 'r3', n: 3 } });
    },
  );
});

describe('a later update made again by a rollback, whose change throws', () => {
  it('does not escape rollback(): the later update is dropped with a warning, the row is the one from before', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const list = await offsetList();
    const liked = list.update('r3', (r) => ({ ...r, liked: true }));
    // Made on the liked row; it throws on a row that is not liked.
    const picky = list.update('r3', (r) => {
      if (r.liked !== true) throw new Error('only a liked row gets a star');
      return { ...r, starred: true } as Row;
    });
    if (!liked.ok || !picky.ok) throw new Error('the updates were refused');
    expect(() => liked.rollback()).not.toThrow();
    expect(list.getSnapshot().getItem(3)).toEqual({ status: 'loaded', item: { id: 'r3', n: 3 } });
    expect(warn.mock.calls[0]?.[0]).toContain('its change threw');
    expect(String(warn.mock.calls[0]?.[1])).toContain('only a liked row gets a star');
    expect(() => picky.rollback()).not.toThrow(); // dropped: nothing left to undo
    expect(list.getSnapshot().getItem(3)).toEqual({ status: 'loaded', item: { id: 'r3', n: 3 } });
    expect(list.update('r3', (r) => ({ ...r, liked: true })).ok).toBe(true); // the list keeps working
    warn.mockRestore();
  });
});
