import { QueryClient } from '@tanstack/query-core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PageShapeError } from '../errors.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import type { CursorFetchParams } from '../sources/cursorSource.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';

// Bad input from a source: each gives the page a clear error value, keeps the pages loaded
// before, recovers with retry() once the server behaves, and reaches no unhandled rejection.

async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
const track = subscribedLists();
const rows = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ id: from + i }));

const unhandled = vi.fn();
beforeEach(() => {
  unhandled.mockClear();
  process.on('unhandledRejection', unhandled);
});
afterEach(() => {
  process.off('unhandledRejection', unhandled);
});

/** An offset list of 100 rows in pages of 10 whose page 1 answers `bad()` while `broken`. */
function brokenPageOne(name: string, bad: (params: OffsetFetchParams) => unknown, attempts = 1) {
  const server = { broken: true, calls: 0 };
  const fetchPage = (params: OffsetFetchParams) => {
    server.calls++;
    if (params.page === 1 && server.broken) return bad(params) as Promise<{ items: { id: number }[] }>;
    return Promise.resolve({ items: rows(params.offset, 10), total: 100 });
  };
  const list = track(
    createLazyList({
      key: [name],
      prefetch: 0,
      retry: { attempts, baseDelayMs: 1 },
      random: () => 0,
      source: offsetSource({ pageSize: 10, fetchPage }),
    }),
  );
  return { server, list };
}

/** Loads page 0, then widens the window over page 1 (the bad one). */
async function loadBoth(list: ReturnType<typeof brokenPageOne>['list']): Promise<void> {
  list.setWindow({ start: 0, end: 10 });
  await settle();
  expect(list.getSnapshot().getItem(9)).toEqual({ status: 'loaded', item: { id: 9 } });
  list.setWindow({ start: 0, end: 20 });
  await settle();
}

describe('an offset page with bad input, after page 0 loaded', () => {
  const cases: [string, (params: OffsetFetchParams) => unknown, RegExp][] = [
    [
      'fetchPage throws synchronously',
      () => {
        throw new Error('HTTP 500 thrown before any promise');
      },
      /HTTP 500 thrown/,
    ],
    [
      'total NaN',
      (p) => Promise.resolve({ items: rows(p.offset, 10), total: Number.NaN }),
      /page 1 .*got NaN/,
    ],
    ['total negative', (p) => Promise.resolve({ items: rows(p.offset, 10), total: -5 }), /page 1 .*got -5/],
    [
      'total Infinity',
      (p) => Promise.resolve({ items: rows(p.offset, 10), total: Infinity }),
      /got Infinity/,
    ],
    ['total a string', (p) => Promise.resolve({ items: rows(p.offset, 10), total: '100' }), /got "100"/],
    ['items null', () => Promise.resolve({ items: null, total: 100 }), /page 1 must resolve to \{ items/],
    ['items a string', () => Promise.resolve({ items: 'abc', total: 100 }), /page 1 must resolve to/],
    ['items array-like', () => Promise.resolve({ items: { length: 10 } }), /page 1 must resolve to/],
    ['resolves undefined', () => Promise.resolve(undefined), /page 1 .*got undefined/],
    ['resolves an array', (p) => Promise.resolve(rows(p.offset, 10)), /page 1 must resolve to/],
    ['rejects without a reason', () => Promise.reject(), /page 1 rejected without a reason/],
    ['rejects with null', () => Promise.reject(null), /page 1 rejected without a reason/],
    [
      'rejects with an AbortError of its own (signal not aborted)',
      () => Promise.reject(new DOMException('server hung up', 'AbortError')),
      /server hung up/,
    ],
  ];
  for (const [name, bad, message] of cases) {
    it(`${name}: page 1 is an error naming it, page 0 stays, retry() recovers`, async () => {
      const { server, list } = brokenPageOne(`bad-${name}`, bad);
      await loadBoth(list);
      const snapshot = list.getSnapshot();
      expect(snapshot.status).toBe('error');
      expect(snapshot.error).toBeInstanceOf(Error);
      expect((snapshot.error as Error).message).toMatch(message);
      const row = snapshot.getItem(15);
      expect(row.status).toBe('error');
      if (row.status === 'error') expect(row.error).toBe(snapshot.error);
      expect(snapshot.getItem(3)).toEqual({ status: 'loaded', item: { id: 3 } });
      expect(snapshot.count).toBe(100);

      server.broken = false;
      list.retry();
      await settle();
      expect(list.getSnapshot().status).toBe('ready');
      expect(list.getSnapshot().getItem(15)).toEqual({ status: 'loaded', item: { id: 15 } });
      expect(list.getSnapshot().getItem(3)).toEqual({ status: 'loaded', item: { id: 3 } });
      expect(unhandled).not.toHaveBeenCalled();
    });
  }

  it('a shape error is not retried; a reasonless rejection is, each try showing an Error as lastError', async () => {
    const shape = brokenPageOne('shape-once', () => Promise.resolve({ items: null }), 4);
    await loadBoth(shape.list);
    expect(shape.server.calls).toBe(2);
    expect(shape.list.getSnapshot().error).toBeInstanceOf(PageShapeError);

    const states: unknown[] = [];
    const silent = brokenPageOne('reasonless-retried', () => Promise.reject(), 3);
    silent.list.subscribe(() => states.push(silent.list.getSnapshot().getItem(15)));
    await loadBoth(silent.list);
    await settle(20);
    expect(silent.server.calls).toBe(4); // page 0, then 3 tries of page 1
    const retrying = states.filter((s) => (s as { attempt?: number }).attempt !== undefined);
    expect(retrying.length).toBeGreaterThan(0);
    for (const s of retrying) expect((s as { lastError: unknown }).lastError).toBeInstanceOf(Error);
    expect(unhandled).not.toHaveBeenCalled();
  });
});

/** A forward feed of 10-row pages whose page 1 answers `bad` while `broken`. */
function brokenFeed(name: string, bad: (params: CursorFetchParams) => unknown) {
  const server = { broken: true, calls: 0 };
  const fetchPage = (params: CursorFetchParams) => {
    server.calls++;
    if (server.calls > 200) throw new Error('runaway: over 200 requests');
    const at = params.cursor === null ? 0 : Number(params.cursor);
    if (at === 10 && server.broken) return bad(params) as ReturnType<typeof good>;
    return good(at);
  };
  const good = (at: number) =>
    Promise.resolve({
      items: rows(at, 10),
      nextCursor: at + 10 < 30 ? String(at + 10) : null,
      prevCursor: at > 0 ? String(at) : null,
    });
  const list = track(
    createLazyList({
      key: [name],
      prefetch: 1,
      retry: { attempts: 1 },
      source: cursorSource({ pageSize: 10, fetchPage }),
    }),
  );
  return { server, list };
}

describe('a cursor page with bad input, after page 0 loaded', () => {
  const cases: [string, (params: CursorFetchParams) => unknown, RegExp][] = [
    [
      'fetchPage throws synchronously',
      () => {
        throw new Error('HTTP 503 thrown');
      },
      /HTTP 503 thrown/,
    ],
    [
      'the cursor it was asked with again (a server ignoring the cursor)',
      () => Promise.resolve({ items: rows(0, 10), nextCursor: '10', prevCursor: null }),
      /cursorSource fetchPage for page 1 must resolve to a nextCursor other than the cursor it was asked with, or null at the end, got "10"/,
    ],
    [
      'an empty page with the cursor it was asked with (the list requested without end)',
      () => Promise.resolve({ items: [], nextCursor: '10', prevCursor: '10' }),
      /nextCursor other than the cursor it was asked with/,
    ],
    ['no cursors', () => Promise.resolve({ items: rows(10, 10) }), /page 1 must resolve to \{ items/],
  ];
  for (const [name, bad, message] of cases) {
    it(`${name}: an error on page 1, page 0 stays, a few requests, retry() recovers`, async () => {
      const { server, list } = brokenFeed(`feed-${name}`, bad);
      list.setWindow({ start: 0, end: 200 });
      await settle(40);
      const snapshot = list.getSnapshot();
      expect(server.calls).toBeLessThanOrEqual(3);
      expect(snapshot.count).toBe(10);
      expect(snapshot.status).toBe('error');
      expect((snapshot.error as Error).message).toMatch(message);
      expect(snapshot.getItem(0)).toEqual({ status: 'loaded', item: { id: 0 } });
      expect(snapshot.duplicateKeys).toHaveLength(0);

      server.broken = false;
      list.retry();
      await settle(40);
      expect(list.getSnapshot().status).toBe('ready');
      expect(list.getSnapshot().count).toBe(30);
      expect(list.getSnapshot().getItem(29)).toEqual({ status: 'loaded', item: { id: 29 } });
      expect(unhandled).not.toHaveBeenCalled();
    });
  }

  it('walking backward, a prevCursor equal to the cursor asked is an error too; the prevCursor of a forward page may be', async () => {
    let calls = 0;
    const fetchPage = async ({ cursor, direction }: CursorFetchParams) => {
      calls++;
      const at = cursor === null ? 50 : Number(cursor);
      // Forward from 50 (page 0): prevCursor "50" is the cursor asked, and fine: items before it.
      if (direction === 'forward') return { items: rows(at, 10), nextCursor: null, prevCursor: String(at) };
      return { items: rows(0, 10), nextCursor: String(at), prevCursor: String(at) }; // ignores it
    };
    const list = track(
      createLazyList({
        key: ['backward-echo'],
        statsIntervalMs: 1, // the prefetched page's failure is folded into a snapshot at once
        prefetch: 1,
        retry: { attempts: 1 },
        source: cursorSource({ pageSize: 10, initialCursor: '50', fetchPage }),
      }),
    );
    list.setWindow({ start: 0, end: 10 });
    await settle(40);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(2);
    const snapshot = list.getSnapshot();
    expect(snapshot.getItem(0)).toEqual({ status: 'loaded', item: { id: 50 } });
    const before = snapshot.pages.get(-1);
    expect(String(before?.error)).toMatch(/page -1 must resolve to a prevCursor other than the cursor/);
  });
});

describe('requests stay within maxConcurrent while pages fail', () => {
  it('a server failing every other try, retries and window jumps: never more than 2 unaborted requests', async () => {
    let open = 0;
    let most = 0;
    let tries = 0;
    const fetchPage = ({ offset, limit, signal }: OffsetFetchParams) =>
      new Promise<{ items: { id: number }[]; total: number }>((resolve, reject) => {
        open++;
        most = Math.max(most, open);
        const fail = tries++ % 2 === 0;
        let done = false;
        const finish = () => {
          if (done) return;
          done = true;
          open--;
        };
        signal.addEventListener('abort', () => {
          finish();
          reject(signal.reason);
        });
        setTimeout(() => {
          finish();
          if (fail) reject(new Error('HTTP 500'));
          else resolve({ items: rows(offset, limit), total: 10_000 });
        }, 2);
      });
    const list = track(
      createLazyList({
        key: ['concurrency'],
        maxConcurrent: 2,
        prefetch: 2,
        retry: { attempts: 3, baseDelayMs: 1 },
        source: offsetSource({ pageSize: 10, fetchPage }),
      }),
    );
    for (const start of [0, 500, 40, 9_000, 3_000, 20]) {
      list.setWindow({ start, end: start + 40 });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(most).toBeLessThanOrEqual(2);
    expect(tries).toBeGreaterThan(6);
    expect(list.getSnapshot().getItem(25).status).not.toBe('placeholder');
    expect(unhandled).not.toHaveBeenCalled();
  });
});

describe('an offset page of another length than asked', () => {
  /** A list of pages of 10 over `answer(offset)`; returns the warnings seen. */
  async function loadWith(
    name: string,
    answer: (offset: number) => { items: { id: number }[]; total?: number },
  ) {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const list = track(
      createLazyList({
        key: [name],
        prefetch: 0,
        source: offsetSource({ pageSize: 10, fetchPage: async ({ offset }) => answer(offset) }),
      }),
    );
    list.setWindow({ start: 0, end: 30 });
    await settle();
    const warnings = warn.mock.calls.map((call) => String(call[0]));
    warn.mockRestore();
    return { list, warnings };
  }

  it('fewer items than its total leaves room for: one development warning naming the request', async () => {
    const { list, warnings } = await loadWith('short-pages', (offset) => ({
      items: rows(offset, 7),
      total: 100,
    }));
    expect(warnings).toEqual([
      'lazyflow: offsetSource fetchPage({ offset: 0, limit: 10 }) returned 7 items with total 100: the rows after them stay empty. Return limit items, fewer only at the end.',
    ]);
    expect(list.getSnapshot().getItem(6)).toEqual({ status: 'loaded', item: { id: 6 } });
    expect(list.getSnapshot().getItem(7)).toEqual({ status: 'placeholder' }); // what the warning says
    expect(list.getSnapshot().getItem(16)).toEqual({ status: 'loaded', item: { id: 16 } });
  });

  it('more items than limit: a warning; the page shows its first limit items, the next page its own', async () => {
    const { list, warnings } = await loadWith('long-pages', (offset) => ({
      items: rows(offset, 15),
      total: 100,
    }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/returned 15 items with total 100: the items past limit are not shown/);
    expect(list.getSnapshot().getRange(0, 30).items).toEqual(rows(0, 30));
  });

  it('a short last page, with or without a total, is no warning', async () => {
    const withTotal = await loadWith('last-page', (offset) => ({
      items: rows(offset, Math.min(10, 25 - offset)),
      total: 25,
    }));
    const without = await loadWith('last-page-no-total', (offset) => ({
      items: rows(offset, Math.min(10, 25 - offset)),
    }));
    expect([...withTotal.warnings, ...without.warnings]).toEqual([]);
    expect(without.list.getSnapshot().count).toBe(25);
  });
});

describe('two lists of other source kinds on one key and QueryClient', () => {
  it('the cursor list does not show the offset list’s page 0 as its own: a PageShapeError naming the query', async () => {
    const queryClient = new QueryClient();
    const offsetList = track(
      createLazyList({
        key: ['one-key'],
        queryClient,
        prefetch: 0,
        source: offsetSource({
          pageSize: 10,
          fetchPage: async ({ offset }) => ({ items: rows(offset, 10), total: 100 }),
        }),
      }),
    );
    offsetList.setWindow({ start: 0, end: 10 });
    await settle();
    const feed = track(
      createLazyList({
        key: ['one-key'],
        queryClient,
        prefetch: 0,
        source: cursorSource({
          pageSize: 10,
          fetchPage: async () => ({ items: rows(500, 10), nextCursor: null, prevCursor: null }),
        }),
      }),
    );
    feed.setWindow({ start: 0, end: 10 });
    await settle();
    const snapshot = feed.getSnapshot();
    expect(snapshot.getItem(0).status).not.toBe('loaded'); // was { id: 0 }, the offset list's row
    expect(snapshot.error).toBeInstanceOf(PageShapeError);
    expect((snapshot.error as Error).message).toMatch(
      /^lazyflow: cursorSource data in the QueryClient under \["one-key","page",0\] for page 0 must resolve to a page of this list's cursor source \(give lists of other sources or page sizes other keys\)/,
    );
    expect(offsetList.getSnapshot().getItem(9)).toEqual({ status: 'loaded', item: { id: 9 } });
  });
});
