// offsetSource({ pageSize: autoPageSize }) imports its batcher and sizer as a lazy chunk (decision
// 0019): the source plans with the initial size until the chunk is there, and a chunk that fails
// to load fails the page asked, not the source.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OffsetFetchParams } from './offsetSource.ts';

interface Row {
  id: number;
}

function server() {
  const calls: { offset: number; limit: number; page: number }[] = [];
  const fetchPage = async ({ offset, limit, page }: OffsetFetchParams) => {
    calls.push({ offset, limit, page });
    return { items: Array.from({ length: limit }, (_, i): Row => ({ id: offset + i })), total: 1_000 };
  };
  return { calls, fetchPage };
}

const signal = () => new AbortController().signal;

afterEach(() => {
  vi.doUnmock('./autoSizing.ts');
  vi.resetModules();
});

describe('offsetSource pageSize: autoPageSize, its lazy chunk', () => {
  it('plans with the initial size before the chunk is there, then serves pages from one request', async () => {
    vi.resetModules();
    const { offsetSource } = await import('./offsetSource.ts');
    const { autoPageSize } = await import('./autoPageSize.ts');
    const { calls, fetchPage } = server();
    const source = offsetSource<Row>({ pageSize: autoPageSize, fetchPage });
    expect(source.currentPageSize?.()).toBe(100); // initialPageSize, within the bounds, before any import finished
    const first = await source.loadPage({ page: 0, signal: signal(), priority: 'high' });
    const second = await source.loadPage({ page: 1, signal: signal(), priority: 'high' });
    expect(first.items.map((row) => row.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(second.items[0]).toEqual({ id: 10 });
    expect(calls).toEqual([{ offset: 0, limit: 100, page: 0 }]); // one request for both units
  });

  it.each([
    [{}],
    [{ initialPageSize: 15, minPageSize: 10 }], // 1.5 units: the rounding edge
    [{ initialPageSize: 25, minPageSize: 10, targetPageBytes: 3 }],
    [{ initialPageSize: 7, minPageSize: 3, maxPageSize: 20, targetPageBytes: 100_003 }],
    [{ initialPageSize: 2_000, maxPageSize: 1_000 }], // above the bounds: the largest multiple
    [{ initialPageSize: 1, minPageSize: 10 }], // below: one unit
    [{ initialPageSize: 45, minPageSize: 9, maxPageSize: 40 }],
  ])(
    "before the chunk is there, the size planned with is the sizer's first (sizeFor) for %o",
    async (options) => {
      vi.resetModules();
      const { offsetSource } = await import('./offsetSource.ts');
      const { autoPageSize } = await import('./autoPageSize.ts');
      const { resolvePageSizing, sizeFor } = await import('./pageSizing.ts');
      const sizing = resolvePageSizing('offsetSource', options);
      const source = offsetSource<Row>({ pageSize: autoPageSize, fetchPage: server().fetchPage, ...options });
      expect(source.currentPageSize?.()).toBe(sizeFor(sizing, sizing.minPageSize, undefined));
    },
  );

  it('a chunk that fails to load fails the page asked; the next page imports it again', async () => {
    vi.resetModules();
    let fail = true;
    vi.doMock('./autoSizing.ts', async (importOriginal) => {
      if (fail) throw new Error('chunk failed to load');
      return importOriginal();
    });
    const { offsetSource } = await import('./offsetSource.ts');
    const { autoPageSize } = await import('./autoPageSize.ts');
    const { calls, fetchPage } = server();
    const source = offsetSource<Row>({ pageSize: autoPageSize, fetchPage });
    // (Vitest wraps the factory's error in its own message: the rejection is what counts here.)
    await expect(source.loadPage({ page: 0, signal: signal(), priority: 'high' })).rejects.toBeInstanceOf(
      Error,
    );
    expect(calls).toEqual([]);
    fail = false;
    vi.resetModules(); // the module registry forgets the failed load, as a browser retrying a chunk would
    const page = await source.loadPage({ page: 0, signal: signal(), priority: 'high' });
    expect(page.items).toHaveLength(10);
    expect(calls).toEqual([{ offset: 0, limit: 100, page: 0 }]);
  });
});
