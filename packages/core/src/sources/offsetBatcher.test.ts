import { describe, expect, it } from 'vitest';
import { OffsetBatcher } from './offsetBatcher.ts';

interface Call {
  offset: number;
  limit: number;
  signal: AbortSignal;
  resolve: () => void;
  fail: (error: unknown) => void;
}

/** A server of `total` numbered items whose responses the test releases by hand. */
function server(total = 1_000) {
  const calls: Call[] = [];
  const fetchRange = ({ offset, limit, signal }: { offset: number; limit: number; signal: AbortSignal }) =>
    new Promise<{ items: number[]; total?: number }>((resolve, reject) => {
      const items = Array.from(
        { length: Math.max(0, Math.min(limit, total - offset)) },
        (_, i) => offset + i,
      );
      calls.push({ offset, limit, signal, resolve: () => resolve({ items }), fail: reject });
    });
  return { calls, fetchRange };
}

const never = () => new AbortController().signal;

describe('OffsetBatcher', () => {
  it('covers several storage pages with one request and serves the others from it', async () => {
    const { calls, fetchRange } = server();
    const batcher = new OffsetBatcher(10, () => 4, fetchRange);
    const first = batcher.load(3, never());
    const joined = batcher.load(4, never());
    expect(calls.map(({ offset, limit }) => [offset, limit])).toEqual([[30, 40]]);
    calls[0]?.resolve();
    expect((await first).items).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39]);
    expect((await joined).items[0]).toBe(40);
    expect((await batcher.load(6, never())).items[9]).toBe(69); // kept, no request
    expect(calls).toHaveLength(1);
  });

  it('leaves out loaded pages: extends forward, then backward', () => {
    const { calls, fetchRange } = server();
    const batcher = new OffsetBatcher(10, () => 5, fetchRange);
    const loaded = new Set([7, 8]);
    void batcher.load(6, never(), (page) => loaded.has(page));
    expect(calls.map(({ offset, limit }) => [offset, limit])).toEqual([[20, 50]]); // pages 2..6
  });

  it('never starts before page 0 and stops at a page another request covers', () => {
    const { calls, fetchRange } = server();
    const batcher = new OffsetBatcher(10, () => 4, fetchRange);
    void batcher.load(2, never());
    void batcher.load(0, never());
    expect(calls.map(({ offset, limit }) => [offset, limit])).toEqual([
      [20, 40],
      [0, 20],
    ]);
  });

  it('page boundaries stay fixed when the request size changes', async () => {
    const { calls, fetchRange } = server();
    let perRequest = 2;
    const batcher = new OffsetBatcher(10, () => perRequest, fetchRange);
    const a = batcher.load(0, never());
    calls[0]?.resolve();
    await a;
    perRequest = 7;
    const b = batcher.load(5, never());
    calls[1]?.resolve();
    expect(calls.map(({ offset, limit }) => [offset, limit])).toEqual([
      [0, 20],
      [50, 70],
    ]);
    expect((await b).items).toEqual([50, 51, 52, 53, 54, 55, 56, 57, 58, 59]);
  });

  it('aborts the request only when every caller waiting for it aborted', async () => {
    const { calls, fetchRange } = server();
    const batcher = new OffsetBatcher(10, () => 3, fetchRange);
    const one = new AbortController();
    const two = new AbortController();
    const first = batcher.load(0, one.signal);
    const second = batcher.load(1, two.signal);
    one.abort(new DOMException('left the window', 'AbortError'));
    await expect(first).rejects.toThrow('left the window');
    expect(calls[0]?.signal.aborted).toBe(false);
    two.abort();
    await expect(second).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls[0]?.signal.aborted).toBe(true);
    void batcher.load(0, never()); // a new ask starts a new request
    expect(calls).toHaveLength(2);
  });

  it('rejects every waiting caller on error and keeps nothing, so the next ask retries', async () => {
    const { calls, fetchRange } = server();
    const batcher = new OffsetBatcher(10, () => 2, fetchRange);
    const first = batcher.load(0, never());
    const second = batcher.load(1, never());
    calls[0]?.fail(new Error('HTTP 500'));
    await expect(first).rejects.toThrow('HTTP 500');
    await expect(second).rejects.toThrow('HTTP 500');
    void batcher.load(1, never());
    expect(calls).toHaveLength(2);
  });

  it('a short response tells every page where the dataset ends', async () => {
    const { calls, fetchRange } = server(25);
    const batcher = new OffsetBatcher(10, () => 4, fetchRange);
    const last = batcher.load(2, never());
    calls[0]?.resolve();
    expect(await last).toEqual({ items: [20, 21, 22, 23, 24], total: 25 });
    expect(await batcher.load(3, never())).toEqual({ items: [], total: 25 });
  });

  it('reset aborts running requests and forgets kept ones', async () => {
    const { calls, fetchRange } = server();
    const batcher = new OffsetBatcher(10, () => 3, fetchRange);
    const kept = batcher.load(0, never());
    calls[0]?.resolve();
    await kept;
    void batcher.load(5, never());
    batcher.reset();
    expect(calls[1]?.signal.aborted).toBe(true);
    void batcher.load(1, never());
    expect(calls).toHaveLength(3);
  });
});
