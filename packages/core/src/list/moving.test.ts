import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageShapeError } from '../errors.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { createLazyList } from './createLazyList.ts';
import { watchMoves } from './datasetWatch.ts';
import type { LazyList } from './LazyList.ts';

// Data that moves under the reader (issue #18 item 4, decision 0012): rows inserted or deleted
// on the server between two page requests are seen, the held pages are refetched, and the
// snapshot shows one dataset, never an item twice or one skipped. The watch is the `moves`
// option (`watchMoves` from '@lazyflow/core/moves', decision 0023): the lists here opt in, the
// last block checks a list without it and the option's errors.

interface Row {
  readonly id: number;
}

const settle = async (rounds = 10) => {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** A server whose rows can be inserted and deleted; answers are read at request time and released by hand. */
class MovingServer {
  ids: number[];
  version = 0;
  readonly queue: (() => void)[] = [];
  #nextId = 1_000;
  constructor(
    size: number,
    readonly mark: { total: boolean; version: boolean },
  ) {
    this.ids = Array.from({ length: size }, (_, i) => i);
  }
  insert(at: number): void {
    this.ids.splice(at, 0, this.#nextId++);
    this.version += 1;
  }
  remove(at: number): void {
    this.ids.splice(at, 1);
    this.version += 1;
  }
  readonly asked: number[] = [];
  fetchPage = ({ offset, limit }: { offset: number; limit: number }) => {
    this.asked.push(offset);
    const items = this.ids.slice(offset, offset + limit).map((id) => ({ id }));
    const body = {
      items,
      ...(this.mark.total ? { total: this.ids.length } : {}),
      ...(this.mark.version ? { version: this.version } : {}),
    };
    return new Promise<typeof body>((resolve) => this.queue.push(() => resolve(body)));
  };
  async releaseAll(): Promise<void> {
    for (let round = 0; round < 10; round++) {
      await settle();
      if (this.queue.length === 0) return;
      for (const release of this.queue.splice(0)) release();
    }
  }
}

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

function movingList(server: MovingServer, name: string, watch = true): LazyList<Row> {
  const list = createLazyList<Row>({
    key: ['moving', name],
    source: offsetSource({ pageSize: 10, fetchPage: server.fetchPage }),
    getItemKey: (row) => row.id,
    prefetch: 0,
    ...(watch ? { moves: watchMoves } : {}),
  });
  lists.push(list as LazyList<unknown>);
  list.subscribe(() => {});
  return list;
}

const shown = (list: LazyList<Row>, start: number, end: number) =>
  list
    .getSnapshot()
    .getRange(start, end)
    .items.map((row) => row.id);

describe.each([
  ['version', { total: false, version: true }],
  ['total', { total: true, version: false }],
  ['keys', { total: false, version: false }],
] as const)('a row inserted above the window, seen by its %s', (reason, mark) => {
  it('refetches the held pages and shows them together with the new one: no id twice, none skipped', async () => {
    const server = new MovingServer(100, mark);
    const list = movingList(server, reason);
    list.setWindow({ start: 10, end: 30 });
    await server.releaseAll();
    expect(shown(list, 10, 30)).toEqual(server.ids.slice(10, 30));

    server.insert(5); // every later row moves down by one
    list.setWindow({ start: 15, end: 35 }); // page 3 is fetched from the new dataset
    await settle();
    for (const release of server.queue.splice(0)) release();
    await settle();
    const during = list.getSnapshot();
    expect(during.moves).toMatchObject({ count: 1, reason, refetching: true });
    // The old pages stay on screen, stale, while they are refetched; the new page waits for them.
    expect(shown(list, 15, 30)).toEqual(Array.from({ length: 15 }, (_, i) => 15 + i));
    expect(during.getItem(30).status).toBe('loading');

    await server.releaseAll();
    const after = list.getSnapshot();
    expect(after.moves).toMatchObject({ count: 1, reason, refetching: false });
    expect(after.moves.totalDelta).toBe(reason === 'total' ? 1 : 0);
    expect(shown(list, 15, 35)).toEqual(server.ids.slice(15, 35));
    expect(new Set(shown(list, 0, 100)).size).toBe(shown(list, 0, 100).length);
  });
});

describe('DatasetWatch on a list', () => {
  it('a row deleted below the window: the pages that overlap are refetched, nothing is skipped', async () => {
    const server = new MovingServer(100, { total: true, version: true });
    const list = movingList(server, 'delete');
    list.setWindow({ start: 20, end: 40 });
    await server.releaseAll();
    server.remove(25);
    list.setWindow({ start: 30, end: 50 });
    await server.releaseAll();
    expect(list.getSnapshot().moves).toMatchObject({ count: 1, reason: 'version', totalDelta: -1 });
    expect(shown(list, 30, 50)).toEqual(server.ids.slice(30, 50));
    expect(list.getSnapshot().count).toBe(99);
  });

  it('a fetch asked before the move that brings the version now known is used, not asked again', async () => {
    const server = new MovingServer(100, { total: false, version: true });
    const list = movingList(server, 'in-flight');
    list.setWindow({ start: 10, end: 20 });
    await server.releaseAll();
    server.insert(0);
    list.setWindow({ start: 10, end: 40 }); // pages 2 and 3 asked, both of the new version
    await settle();
    server.queue.shift()?.(); // page 2 lands first: a move
    await server.releaseAll();
    expect(list.getSnapshot().moves).toMatchObject({ count: 1, refetching: false });
    // Page 3 is asked from offset 29 (with the row before it, decision 0074).
    expect(server.asked.filter((offset) => offset === 29)).toHaveLength(1);
    expect(shown(list, 10, 40)).toEqual(server.ids.slice(10, 40));
  });

  it('pages of one dataset land as usual and count no move', async () => {
    const server = new MovingServer(100, { total: true, version: true });
    const list = movingList(server, 'still');
    list.setWindow({ start: 0, end: 20 });
    await server.releaseAll();
    list.setWindow({ start: 40, end: 60 });
    await server.releaseAll();
    expect(list.getSnapshot().moves).toEqual({ count: 0, reason: null, totalDelta: 0, refetching: false });
    expect(shown(list, 40, 60)).toEqual(server.ids.slice(40, 60));
  });

  it('a second change while refetching starts over and still ends on one dataset', async () => {
    const server = new MovingServer(100, { total: true, version: true });
    const list = movingList(server, 'twice');
    list.setWindow({ start: 10, end: 30 });
    await server.releaseAll();
    server.insert(0);
    list.setWindow({ start: 15, end: 35 });
    await settle();
    for (const release of server.queue.splice(0)) release();
    server.remove(3); // before the refetches are asked: they read another dataset again
    await server.releaseAll();
    const snapshot = list.getSnapshot();
    expect(snapshot.moves.count).toBeGreaterThanOrEqual(2);
    expect(snapshot.moves.refetching).toBe(false);
    expect(shown(list, 15, 35)).toEqual(server.ids.slice(15, 35));
  });

  it('refresh() while refetching drops the held responses and loads the window again', async () => {
    const server = new MovingServer(100, { total: false, version: true });
    const list = movingList(server, 'refresh');
    list.setWindow({ start: 10, end: 30 });
    await server.releaseAll();
    server.insert(0);
    list.setWindow({ start: 15, end: 35 });
    await settle();
    for (const release of server.queue.splice(0)) release();
    await settle();
    list.refresh();
    expect(list.getSnapshot().moves.refetching).toBe(false);
    await server.releaseAll();
    expect(shown(list, 15, 35)).toEqual(server.ids.slice(15, 35));
  });

  it('keys that overlap again once refetched are the data’s duplicates: one refetch, then duplicateKeys', async () => {
    const server = new MovingServer(100, { total: true, version: false });
    const fetchPage = async (params: { offset: number; limit: number }) => {
      const page = await server.fetchPage(params);
      // The API sends row 9 again at the top of page 1, every time (page 1 is asked from
      // offset 9, with the row before it: decision 0074).
      const [before, , ...rest] = page.items;
      return params.offset === 9 && before !== undefined
        ? { ...page, items: [before, { id: 9 }, ...rest] }
        : page;
    };
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const list = createLazyList<Row>({
        key: ['moving', 'duplicates'],
        source: offsetSource({ pageSize: 10, fetchPage }),
        getItemKey: (row) => row.id,
        prefetch: 0,
        moves: watchMoves,
      });
      lists.push(list as LazyList<unknown>);
      list.subscribe(() => {});
      list.setWindow({ start: 0, end: 20 });
      await server.releaseAll();
      const snapshot = list.getSnapshot();
      expect(snapshot.moves).toMatchObject({ count: 1, reason: 'keys', refetching: false });
      expect(snapshot.duplicateKeys).toEqual([{ key: 9, indexes: [9, 10] }]);
      expect(server.queue).toHaveLength(0);
    } finally {
      warn.mockRestore();
    }
  });

  it('a version that is not a string or a number fails the page, naming it, and keeps what was loaded', async () => {
    let bad = false;
    const list = createLazyList<Row>({
      key: ['moving', 'bad-version'],
      source: offsetSource({
        pageSize: 10,
        fetchPage: async ({ offset }) =>
          ({
            items: Array.from({ length: 10 }, (_, i) => ({ id: offset + i })),
            version: bad ? { etag: 'x' } : 1,
          }) as unknown as { items: Row[] },
      }),
      getItemKey: (row) => row.id,
      prefetch: 0,
      retry: { attempts: 1 },
      moves: watchMoves,
    });
    lists.push(list as LazyList<unknown>);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    await settle();
    bad = true;
    list.setWindow({ start: 0, end: 20 });
    await settle();
    const failed = list.getSnapshot().pages.get(1);
    expect(failed?.status).toBe('error');
    expect(failed?.error).toBeInstanceOf(PageShapeError);
    expect(String((failed?.error as Error | undefined)?.message)).toContain('version');
    expect(shown(list, 0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => i));
  });
});

describe('without the watch (no `moves` option, decision 0023)', () => {
  it('pages of a moved dataset land as they come, nothing is refetched and no move is counted', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const server = new MovingServer(100, { total: true, version: true });
      const list = movingList(server, 'unwatched', false);
      list.setWindow({ start: 10, end: 30 });
      await server.releaseAll();
      const asked = server.asked.length;
      server.insert(5);
      list.setWindow({ start: 15, end: 35 }); // page 3, of the new dataset
      await server.releaseAll();
      const snapshot = list.getSnapshot();
      expect(snapshot.moves).toEqual({ count: 0, reason: null, totalDelta: 0, refetching: false });
      expect(server.asked.slice(asked)).toEqual([30]); // only the new page: the held ones stay
      // Page 3 holds the server's rows now: row 29 again at 30, what the watch prevents.
      expect(shown(list, 28, 32)).toEqual([28, 29, 29, 30]);
      expect(snapshot.duplicateKeys).toEqual([{ key: 29, indexes: [29, 30] }]);
      expect(snapshot.count).toBe(101);
    } finally {
      warn.mockRestore();
    }
  });

  it.each([
    ['true', true],
    ['a string', 'watchMoves'],
    ['an object without create', { kind: 'moves' }],
    ['another kind', { kind: 'masonry', create: () => ({}) }],
  ])('a moves option that is %s is a TypeError naming it and the import', (_, moves) => {
    const make = () =>
      createLazyList<Row>({
        key: ['moving', 'bad-option'],
        source: offsetSource({ pageSize: 10, fetchPage: async () => ({ items: [] }) }),
        moves: moves as unknown as typeof watchMoves,
      });
    expect(make).toThrow(TypeError);
    expect(make).toThrow(/"moves".*watchMoves from '@lazyflow\/core\/moves'/);
  });

  it('moves with a cursor source is a TypeError: the watch reads offset pages only', () => {
    const make = () =>
      createLazyList<string>({
        key: ['moving', 'cursor'],
        source: cursorSource({
          pageSize: 2,
          fetchPage: async () => ({ items: [], nextCursor: null, prevCursor: null }),
        }),
        moves: watchMoves,
      });
    expect(make).toThrow(TypeError);
    expect(make).toThrow(/"moves".*offset pages only/);
  });

  it('moves is fixed at creation: setOptions refuses another value and the list keeps its pages', async () => {
    const server = new MovingServer(100, { total: true, version: true });
    const list = movingList(server, 'fixed', false);
    list.setWindow({ start: 0, end: 10 });
    await server.releaseAll();
    expect(() => list.setOptions({ moves: watchMoves } as Parameters<typeof list.setOptions>[0])).toThrow(
      /moves/,
    );
    expect(shown(list, 0, 10)).toEqual(server.ids.slice(0, 10));
  });
});
