import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunk } from './chunk.ts';
import { type Chunk, type ChunkRule, chunkItems } from './chunkRules.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

async function* generate<T>(items: readonly T[], failAfter?: { count: number; error: unknown }) {
  for (const [i, item] of items.entries()) {
    if (failAfter && i === failAfter.count) throw failAfter.error;
    await Promise.resolve();
    yield item;
  }
}

function readable<T>(items: readonly T[]) {
  const state = { cancelled: false };
  let at = 0;
  const stream = new ReadableStream<T>(
    {
      pull(controller) {
        if (at < items.length) controller.enqueue(items[at++] as T);
        else controller.close();
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

/** Reads every chunk; the error the loop ended with, if any. */
async function drain<T>(chunks: AsyncIterable<Chunk<T>>) {
  const out: Chunk<T>[] = [];
  try {
    for await (const c of chunks) out.push(c);
    return { chunks: out, error: undefined as unknown };
  } catch (error) {
    return { chunks: out, error };
  }
}

describe('chunk over an async iterable or a ReadableStream', () => {
  const items = range(40).map((n) => ({ n, day: Math.floor(n / 6) }));
  type Item = (typeof items)[number];
  it.each<[string, ChunkRule<Item>]>([
    ['count', { count: 9 }],
    ['bytes', { bytes: 120 }],
    ['boundary', { boundary: (item, previous) => item.day !== previous.day }],
  ])('%s: the same chunks as chunking the whole list at once', async (_name, rule) => {
    const expected = chunkItems(items, rule);
    expect((await drain(chunk(generate(items), rule))).chunks).toEqual(expected);
    expect((await drain(chunk(readable(items).stream, rule))).chunks).toEqual(expected);
  });

  it('emits the partial chunk before rethrowing the source error, losing no item', async () => {
    const error = new TypeError('network error');
    const { chunks, error: thrown } = await drain(
      chunk(generate(range(20), { count: 11, error }), { count: 4 }),
    );
    expect(chunks.map((c) => c.items)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9, 10],
    ]);
    expect(chunks.at(-1)).toMatchObject({ reason: 'error', error, start: 8 });
    expect(thrown).toBe(error);
  });

  it('an abort ends with a partial chunk of reason abort, then the AbortError', async () => {
    const abort = new DOMException('aborted', 'AbortError');
    const { chunks, error } = await drain(
      chunk(generate(range(5), { count: 3, error: abort }), { boundary: () => false }),
    );
    expect(chunks.map((c) => [c.items, c.reason])).toEqual([[[0, 1, 2], 'abort']]);
    expect(error).toBe(abort);
  });

  it('leaving the loop early cancels the ReadableStream', async () => {
    const { stream, state } = readable(range(1000));
    for await (const c of chunk(stream, { count: 10 })) {
      expect(c.items).toEqual(range(10));
      break;
    }
    expect(state.cancelled).toBe(true);
  });

  it('pulls the source only as fast as chunks are consumed', async () => {
    let pulled = 0;
    async function* counting() {
      for (;;) {
        pulled++;
        yield pulled;
      }
    }
    const iterator = chunk(counting(), { count: 5 });
    await iterator.next();
    expect(pulled).toBe(5);
    await iterator.next();
    expect(pulled).toBe(10);
    await iterator.return();
  });

  it('validates at the call, naming the option', () => {
    expect(() => chunk(generate([1]), { count: 0 })).toThrow(
      'lazyflow: chunk option "count" must be a positive integer, got 0',
    );
    expect(() => chunk([1, 2] as unknown as AsyncIterable<number>, { count: 1 })).toThrow(
      /^lazyflow: chunk option "stream" must be an AsyncIterable or a ReadableStream/,
    );
  });
});

describe('chunk with { ms } on fake timers', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closes a chunk on its timer while the source is silent', async () => {
    vi.useFakeTimers();
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // Items at t = 0, 100, 200, then silence until t = 2500, then the end at 2600.
    async function* bursty() {
      yield 'a';
      await sleep(100);
      yield 'b';
      await sleep(100);
      yield 'c';
      await sleep(2300);
      yield 'd';
      await sleep(100);
    }
    const seen: { items: readonly string[]; reason: string; at: number }[] = [];
    const done = (async () => {
      for await (const c of chunk(bursty(), { ms: 1000, now: () => Date.now() }))
        seen.push({ items: c.items, reason: c.reason, at: Date.now() });
    })();
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen.map((s) => [s.items, s.reason, s.at - start])).toEqual([[['a', 'b', 'c'], 'ms', 1000]]);
    await vi.advanceTimersByTimeAsync(2000);
    await done;
    expect(seen.map((s) => [s.items, s.reason])).toEqual([
      [['a', 'b', 'c'], 'ms'],
      [['d'], 'end'],
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaving the loop early stops the timer of the open chunk', async () => {
    vi.useFakeTimers();
    async function* endless() {
      for (let i = 0; ; i++) {
        yield i;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    const done = (async () => {
      for await (const c of chunk(endless(), { ms: 50, now: () => Date.now() })) {
        expect(c.items).toEqual([0, 1, 2, 3, 4]);
        break;
      }
    })();
    await vi.advanceTimersByTimeAsync(60);
    await done;
    await vi.advanceTimersByTimeAsync(1000);
    expect(vi.getTimerCount()).toBe(0);
  });
});
