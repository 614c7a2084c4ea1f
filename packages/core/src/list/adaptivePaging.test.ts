import { QueryClient } from '@tanstack/query-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { autoPageSize } from '../sizing/index.ts';
import { type CursorFetchParams, cursorSource } from '../sources/cursorSource.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import { jsonBytes } from '../sources/pageSizing.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

// query-core hands results over in macrotasks: a request of 33 pages needs a few dozen rounds.
async function settle(rounds = 60): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

// The sizing arithmetic is a lazy chunk (decisions 0019, 0068): loaded once here, so the first
// request does not race `settle`'s fixed rounds against a module load on a busy machine.
beforeAll(async () => {
  await import('../sources/autoSizing.ts');
});

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

interface Row {
  id: number;
  body: string;
}

/** A server of `total` rows whose JSON is `bytes` bytes each; records every request. */
function rows(bytes: number, total = 1_000_000) {
  const calls: OffsetFetchParams[] = [];
  const pad = 'x'.repeat(bytes - jsonBytes({ id: 100_000, body: '' }));
  const fetchPage = async (params: OffsetFetchParams) => {
    calls.push(params);
    const end = Math.min(total, params.offset + params.limit);
    const items = Array.from({ length: Math.max(0, end - params.offset) }, (_, i) => ({
      id: params.offset + i,
      body: pad,
    }));
    return { items, total };
  };
  return { calls, fetchPage };
}

function autoList(
  fetchPage: (params: OffsetFetchParams) => Promise<{ items: Row[]; total: number }>,
  minPageSize = 10,
) {
  const list = createLazyList<Row>({
    key: ['rows'],
    source: offsetSource<Row>({ pageSize: autoPageSize, minPageSize, fetchPage }),
    queryClient: new QueryClient(),
    prefetch: 1,
  });
  lists.push(list as LazyList<unknown>);
  list.subscribe(() => {});
  return list;
}

/** Every item index fetched more than once over `calls`. */
function refetched(calls: readonly OffsetFetchParams[]): number {
  const seen = new Set<number>();
  let twice = 0;
  for (const { offset, limit } of calls) {
    for (let i = offset; i < offset + limit; i++) {
      if (seen.has(i)) twice++;
      seen.add(i);
    }
  }
  return twice;
}

describe('offsetSource pageSize: autoPageSize', () => {
  it('adapts requests of 200-byte items to about 64 kB after the first page', async () => {
    const server = rows(200);
    const list = autoList(server.fetchPage);
    list.setWindow({ start: 0, end: 30 });
    await settle();
    expect(server.calls[0]).toMatchObject({ offset: 0, limit: 100 });
    list.setWindow({ start: 120, end: 150, direction: 'forward' });
    await settle();
    expect(server.calls[1]).toMatchObject({ offset: 100, limit: 330 });
    expect(list.getSnapshot().stats.pageSize).toBe(330);
    expect(list.getSnapshot().getItem(149)).toMatchObject({ status: 'loaded', item: { id: 149 } });
  });

  it('adapts requests of 20 kB items to 3 items when minPageSize allows it', async () => {
    const server = rows(20_000);
    const list = autoList(server.fetchPage, 1);
    list.setWindow({ start: 0, end: 5 });
    await settle();
    list.setWindow({ start: 100, end: 105, direction: 'forward' });
    await settle();
    const later = server.calls.slice(1);
    expect(later.length).toBeGreaterThan(0);
    for (const call of later) expect(call.limit).toBe(3);
    expect(
      list
        .getSnapshot()
        .getRange(100, 105)
        .items.map((row) => row.id),
    ).toEqual([100, 101, 102, 103, 104]);
  });

  it('keeps random access exact and fetches no item twice while the size changes', async () => {
    const server = rows(200);
    const list = autoList(server.fetchPage);
    list.setWindow({ start: 0, end: 30 });
    await settle();
    list.setWindow({ start: 500_003, end: 500_033 }); // a jump, after the size changed
    await settle();
    const jump = server.calls.find((call) => call.offset >= 400_000);
    expect(jump?.offset).toBe(500_000); // a storage-page boundary, not the first item asked
    expect(
      list
        .getSnapshot()
        .getRange(500_003, 500_033)
        .items.map((row) => row.id),
    ).toEqual(Array.from({ length: 30 }, (_, i) => 500_003 + i));
    for (const start of [499_700, 499_300, 40, 60, 420]) {
      list.setWindow({ start, end: start + 30, direction: 'backward' });
      await settle();
      expect(list.getSnapshot().getItem(start)).toMatchObject({ status: 'loaded', item: { id: start } });
    }
    expect(refetched(server.calls)).toBe(0);
    expect(server.calls.every((call) => call.offset % 10 === 0 && call.limit % 10 === 0)).toBe(true);
  });

  it("cursorSource takes autoPageSize as it takes 'auto': the same sizing, the same shape", async () => {
    const limits: number[] = [];
    const fetchPage = async ({ limit }: CursorFetchParams) => {
      limits.push(limit);
      const items = Array.from({ length: limit }, (_, id): Row => ({ id, body: 'x'.repeat(180) }));
      return { items, nextCursor: limit, prevCursor: null };
    };
    const sized = cursorSource<Row>({ pageSize: autoPageSize, initialPageSize: 40, fetchPage });
    const old = cursorSource<Row>({ pageSize: 'auto', initialPageSize: 40, fetchPage });
    expect(sized.currentPageSize?.()).toBe(40);
    expect(sized.adopt?.(old)).toBe('same');
    const request = {
      page: 0,
      cursor: null,
      direction: 'forward' as const,
      signal: new AbortController().signal,
    };
    await sized.loadPage({ ...request, priority: 'high' });
    await old.loadPage({ ...request, priority: 'high' });
    expect(limits).toEqual([40, 40]);
    expect(sized.currentPageSize?.()).toBe(old.currentPageSize?.());
    expect(sized.currentPageSize?.()).not.toBe(40); // measured: about targetPageBytes per request
  });

  it("refuses the string 'auto' at creation, naming the option and the import (decision 0068)", () => {
    const old = { pageSize: 'auto' as never, fetchPage: rows(100).fetchPage };
    expect(() => offsetSource(old)).toThrow(TypeError);
    expect(() => offsetSource(old)).toThrow(
      `lazyflow: offsetSource option "pageSize" must be a positive integer or autoPageSize from '@lazyflow/core/sizing', got "auto"`,
    );
  });

  it('rejects a bad sizing option naming it', () => {
    expect(() =>
      offsetSource({ pageSize: autoPageSize, maxPageSize: 0, fetchPage: rows(100).fetchPage }),
    ).toThrow(/offsetSource.*maxPageSize/);
    expect(() => offsetSource({ pageSize: 'big' as never, fetchPage: rows(100).fetchPage })).toThrow(
      /pageSize/,
    );
  });
});
