// Adversarial probes of lists on a persistent cache in Chromium: an app's cache that fails, a
// cursor list on a warm reload, writes reaching IndexedDB, clear() with writes queued.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { idbCache } from '../cache/idbCache.ts';
import { pageCache } from '../cache/ownPageCache.ts';
import type { PageCache, PageCacheSnapshot } from '../cache/pageCache.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import type { CursorFetchParams } from '../sources/cursorSource.ts';
import { arraySource } from '../testing/arraySource.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';
import { listWrites } from './writeCommands.ts';

const track = subscribedLists();
let counter = 0;
const uniqueName = () => `list-adv-${Date.now()}-${counter++}`;
const rows = Array.from({ length: 1_000 }, (_, i) => ({ id: `r${i}`, n: i }));
type Row = (typeof rows)[number];

const unhandled: unknown[] = [];
const onUnhandled = (event: PromiseRejectionEvent) => {
  event.preventDefault();
  unhandled.push(event.reason);
};
beforeEach(() => {
  unhandled.length = 0;
  window.addEventListener('unhandledrejection', onUnhandled);
});
afterEach(async () => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  window.removeEventListener('unhandledrejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

const SNAPSHOT: PageCacheSnapshot = Object.freeze({
  status: 'ready',
  warning: null,
  bytes: 0,
  entries: 0,
  reads: 0,
  hits: 0,
  writes: 0,
  evictions: 0,
  pendingWrites: 0,
});

/** An app's cache whose every call rejects (a store that went away). */
function brokenCache(): PageCache {
  const fail = () => Promise.reject(new Error('store gone'));
  return {
    name: 'broken',
    read: fail,
    write: fail,
    remove: fail,
    removeFrom: fail,
    saveScroll: () => {},
    loadScroll: fail,
    flush: fail,
    clear: fail,
    subscribe: () => () => {},
    getSnapshot: () => SNAPSHOT,
  };
}

describe('lists on a cache, adversarially', () => {
  it('an app’s cache whose reads and writes reject: the list loads from the network all the same', async () => {
    const list = track(
      createLazyList<Row>({
        key: ['broken-cache'],
        source: arraySource(rows, { pageSize: 10 }),
        cache: pageCache(brokenCache()),
        prefetch: 0,
      }),
    );
    list.setWindow({ start: 0, end: 20 });
    await vi.waitFor(() => expect(list.getSnapshot().getItem(19)).toMatchObject({ status: 'loaded' }), {
      timeout: 2_000,
    });
  });

  it('an item update reaches IndexedDB: the next visit shows the updated item, not the old one', async () => {
    const name = uniqueName();
    let held: Promise<void> | undefined;
    const open = () => {
      const cache = idbCache({ name, storage: null, scrollMirror: null });
      const list = track(
        createLazyList<Row>({
          key: ['updated'],
          source: arraySource(rows, { pageSize: 10, onFetch: () => held }),
          cache,
          getItemKey: (row) => row.id,
          writes: listWrites,
          prefetch: 0,
        }),
      );
      list.setWindow({ start: 0, end: 10 });
      return { cache, list };
    };
    const first = open();
    await vi.waitFor(() => expect(first.list.getSnapshot().getItem(3)).toMatchObject({ status: 'loaded' }));
    expect(first.list.update('r3', (row) => ({ ...row, n: -3 })).ok).toBe(true);
    const undone = first.list.update('r4', (row) => ({ ...row, n: -4 }));
    await first.cache.flush();
    undone.rollback(); // the server refused: the old item goes back, to IndexedDB too
    await first.cache.flush();
    await first.cache.flush();
    first.list.destroy();

    held = new Promise(() => {}); // the server does not answer: what shows is IndexedDB's
    const second = open();
    await vi.waitFor(() => expect(second.list.getSnapshot().getItem(3)).toMatchObject({ status: 'loaded' }));
    expect(second.list.getSnapshot().getItem(3)).toEqual({
      status: 'loaded',
      item: { id: 'r3', n: -3 },
      stale: true,
    });
    expect(second.list.getSnapshot().getItem(4)).toEqual({ status: 'loaded', item: rows[4], stale: true });
  });

  it('a cursor list on a warm reload shows its cached pages, then loads on past them with the right cursor', async () => {
    const name = uniqueName();
    const calls: CursorFetchParams[] = [];
    const open = () => {
      const cache = idbCache({ name, storage: null, scrollMirror: null });
      const list = track(
        createLazyList<Row>({
          key: ['feed'],
          prefetch: 0,
          cache,
          source: cursorSource<Row>({
            pageSize: 10,
            fetchPage: async (params) => {
              calls.push(params);
              const at = params.cursor === null ? 0 : Number(params.cursor);
              return {
                items: rows.slice(at, at + 10),
                nextCursor: at + 10 < rows.length ? String(at + 10) : null,
                prevCursor: null,
              };
            },
          }),
        }),
      );
      return { cache, list };
    };
    const first = open();
    first.list.setWindow({ start: 0, end: 30 });
    await vi.waitFor(() => expect(first.list.getSnapshot().getItem(29)).toMatchObject({ status: 'loaded' }));
    await first.cache.flush();
    first.list.destroy();

    calls.length = 0;
    const second = open();
    second.list.setWindow({ start: 0, end: 30 });
    await vi.waitFor(() => expect(second.list.getSnapshot().getItem(29)).toMatchObject({ status: 'loaded' }));
    second.list.setWindow({ start: 25, end: 45 });
    await vi.waitFor(() =>
      expect(second.list.getSnapshot().getItem(44)).toEqual({ status: 'loaded', item: rows[44] }),
    );
    expect(second.list.getSnapshot().getRange(0, 45).items).toEqual(rows.slice(0, 45));
  });

  it('clear() with writes queued: the writes resolve false and the next visit finds nothing', async () => {
    const name = uniqueName();
    const cache = idbCache({ name, storage: null, scrollMirror: null, schedule: () => {} });
    const written = cache.write(['k'], 0, { items: [1], total: 1 }, 10);
    const cleared = cache.clear();
    expect(await written).toBe(false);
    expect(await cleared).toBe(true);
    await cache.flush();
    const next = idbCache({ name, storage: null, scrollMirror: null });
    expect((await next.read(['k'], [0])).size).toBe(0);
  });

  it('destroyed with a fetch and a lookup on their way: nothing is written after, nothing rejects', async () => {
    const name = uniqueName();
    const cache = idbCache({ name, storage: null, scrollMirror: null });
    let answer = () => {};
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const list = track(
      createLazyList<Row>({
        key: ['destroyed'],
        source: arraySource(rows, { pageSize: 10, onFetch: () => answered }), // ignores the abort
        cache,
        prefetch: 0,
      }),
    );
    list.setWindow({ start: 0, end: 10 });
    await vi.waitFor(() => expect(list.getSnapshot().stats.inFlight).toBe(1));
    list.setWindow({ start: 100, end: 110 }); // a lookup of page 10 starts
    list.destroy();
    answer();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await cache.flush();
    const next = idbCache({ name, storage: null, scrollMirror: null });
    expect((await next.read(['destroyed', 'lazyflow:pages', 'offset', 10], [0, 10])).size).toBe(0);
    expect(cache.getSnapshot()).toMatchObject({ writes: 0, pendingWrites: 0 });
  });

  it('invalidate() on a warm reload: pages cached by the earlier visit are fetched again, never shown from IndexedDB', async () => {
    const name = uniqueName();
    let version = 'old';
    const open = () => {
      const cache = idbCache({ name, storage: null, scrollMirror: null });
      const list = track(
        createLazyList<Row>({
          key: ['invalidated'],
          source: arraySource(() => rows.map((row) => ({ ...row, id: `${version}-${row.n}` })), {
            pageSize: 10,
          }),
          cache,
          prefetch: 0,
        }),
      );
      return { cache, list };
    };
    const first = open();
    first.list.setWindow({ start: 0, end: 40 });
    await vi.waitFor(() => expect(first.list.getSnapshot().getItem(39)).toMatchObject({ status: 'loaded' }));
    await first.cache.flush();
    first.list.destroy();

    version = 'new';
    const second = open();
    const seen = new Set<string>();
    second.list.subscribe(() => {
      for (const row of second.list.getSnapshot().getRange(0, 40).items as (Row | undefined)[])
        if (row !== undefined) seen.add(row.id);
    });
    second.list.invalidate(); // at once: the cache is still opening
    second.list.setWindow({ start: 0, end: 10 });
    await vi.waitFor(() => expect(second.list.getSnapshot().getItem(9)).toMatchObject({ status: 'loaded' }));
    second.list.setWindow({ start: 30, end: 40 });
    await vi.waitFor(() => expect(second.list.getSnapshot().getItem(39)).toMatchObject({ status: 'loaded' }));
    const shown = second.list.getSnapshot().getRange(30, 40).items as Row[];
    expect(shown.map((row) => row.id)).toEqual(rows.slice(30, 40).map((row) => `new-${row.n}`));
    expect([...seen].filter((id) => id.startsWith('old'))).toEqual([]);
  });
});
