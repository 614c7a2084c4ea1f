import { describe, expect, it } from 'vitest';
import { autoPageSize } from './autoPageSize.ts';
import { OffsetBatcher } from './offsetBatcher.ts';
import { type OffsetFetchParams, offsetSource } from './offsetSource.ts';

/** A server of 10,000 numbered items that answers at most `cap` per request; the test answers by hand. */
function capped(cap: number) {
  const calls: { offset: number; limit: number; signal: AbortSignal; answer(): void }[] = [];
  const fetchRange = ({ offset, limit, signal }: { offset: number; limit: number; signal: AbortSignal }) =>
    new Promise<{ items: number[]; total: number }>((resolve) => {
      const items = Array.from({ length: Math.min(limit, cap) }, (_, i) => offset + i);
      calls.push({ offset, limit, signal, answer: () => resolve({ items, total: 10_000 }) });
    });
  const answerAll = async () => {
    for (let round = 0; round < 5; round++) {
      for (const call of calls) call.answer();
      for (let i = 0; i < 5; i++) await Promise.resolve();
    }
  };
  return { calls, fetchRange, answerAll };
}

const never = () => new AbortController().signal;

describe('OffsetBatcher with a server that caps limit (adversarial)', () => {
  it('pages past the capped answer are fetched again, not handed out empty', async () => {
    const server = capped(30);
    const batcher = new OffsetBatcher(10, () => 8, server.fetchRange);
    const first = batcher.load(0, never());
    const past = batcher.load(5, never()); // joins the request for [0, 80), which brings [0, 30)
    await server.answerAll();
    expect((await first).items[0]).toBe(0);
    expect((await past).items).toEqual([50, 51, 52, 53, 54, 55, 56, 57, 58, 59]);
    expect(server.calls.map(({ offset, limit }) => [offset, limit])).toEqual([
      [0, 80],
      [50, 30], // no more than the server answers
    ]);
  });

  it('a caller moved to the second request and aborted aborts that request', async () => {
    const server = capped(30);
    const batcher = new OffsetBatcher(10, () => 8, server.fetchRange);
    const controller = new AbortController();
    void batcher.load(0, never());
    const past = batcher.load(5, controller.signal);
    server.calls[0]?.answer();
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(server.calls).toHaveLength(2);
    controller.abort();
    await expect(past).rejects.toBeDefined();
    expect(server.calls[1]?.signal.aborted).toBe(true);
  });

  it('offsetSource pageSize: autoPageSize over an API capped at 100 items serves every row', async () => {
    const fetchPage = async ({ offset, limit }: OffsetFetchParams) => ({
      items: Array.from({ length: Math.min(limit, 100) }, (_, i) => ({ id: offset + i })),
      total: 10_000,
    });
    const source = offsetSource({ pageSize: autoPageSize, fetchPage });
    const load = (page: number) => source.loadPage({ page, signal: never(), priority: 'high' });
    await load(0); // small items: the sizer asks for 1,000 next
    expect((await load(30)).items[0]).toEqual({ id: 300 });
    expect((await load(45)).items.map((item) => item.id)).toEqual([
      450, 451, 452, 453, 454, 455, 456, 457, 458, 459,
    ]);
  });

  it('an empty answer where total says more (a deep-offset limit) does not shrink later requests to one page', async () => {
    const calls: [number, number][] = [];
    const fetchRange = async ({ offset, limit }: { offset: number; limit: number }) => {
      calls.push([offset, limit]);
      const items = offset >= 100 ? [] : Array.from({ length: limit }, (_, i) => offset + i);
      return { items, total: 10_000 };
    };
    const batcher = new OffsetBatcher(10, () => 4, fetchRange);
    expect((await batcher.load(20, never())).items).toEqual([]);
    await batcher.load(0, never());
    expect(calls).toEqual([
      [200, 40],
      [0, 40],
    ]);
  });
});
