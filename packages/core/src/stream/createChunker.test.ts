import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Timers } from '../env/timers.ts';
import { type Chunk, type ChunkRule, chunkItems } from './chunkRules.ts';
import { type ChunkerOptions, createChunker } from './createChunker.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const itemsOf = <T>(chunks: readonly Chunk<T>[]) => chunks.map((c) => c.items);

/** Cuts `items` into batches at pseudo-random places (deterministic per seed). */
function batches<T>(items: readonly T[], seed: number): T[][] {
  const out: T[][] = [];
  let at = 0;
  let x = seed;
  while (at < items.length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const size = x % 7; // 0..6: empty batches included
    out.push(items.slice(at, at + size));
    at += size;
  }
  return out;
}

function collect<T>(options: ChunkerOptions<T>) {
  const closed: Chunk<T>[] = [];
  const chunker = createChunker<T>({ ...options, onChunk: (c) => closed.push(c) });
  return { chunker, closed };
}

describe('createChunker: the same chunks as chunkItems, however the items are batched', () => {
  const items = range(60).map((n) => ({ n, section: Math.floor(n / 9) }));
  type Item = (typeof items)[number];
  it.each<[string, ChunkRule<Item>]>([
    ['count', { count: 7 }],
    ['bytes', { bytes: 100 }],
    ['bytes with sizeOf', { bytes: 50, sizeOf: (item) => 5 + (item.n % 13) }],
    ['boundary', { boundary: (item, previous) => item.section !== previous.section }],
  ])('%s', (_name, rule) => {
    const expected = chunkItems(items, rule);
    expect(expected.length).toBeGreaterThan(2);
    for (const seed of [1, 2, 3, 42]) {
      const { chunker, closed } = collect<Item>(rule);
      for (const batch of batches(items, seed)) chunker.push(batch);
      chunker.end();
      expect(closed).toEqual(expected);
    }
  });
});

describe('createChunker with { ms } on fake timers', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closes a chunk ms after its first item, also when nothing else arrives', () => {
    const { chunker, closed } = collect<string>({ ms: 1000, now: () => Date.now() });
    chunker.push(['a', 'b']);
    vi.advanceTimersByTime(300);
    chunker.push(['c']);
    vi.advanceTimersByTime(699);
    expect(closed).toEqual([]);
    expect(chunker.getSnapshot().openItems).toBe(3);
    vi.advanceTimersByTime(1);
    expect(itemsOf(closed)).toEqual([['a', 'b', 'c']]);
    expect(closed[0]?.reason).toBe('ms');
    // Idle: no timer runs while no chunk is open.
    vi.advanceTimersByTime(5000);
    expect(closed).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
    chunker.push(['d']);
    vi.advanceTimersByTime(400);
    chunker.push(['e']);
    vi.advanceTimersByTime(600);
    expect(itemsOf(closed)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
    ]);
    expect(closed.map((c) => c.start)).toEqual([0, 3]);
  });

  it('splits by arrival time when the timer runs late (busy main thread)', () => {
    let now = 0;
    // Timers that never fire: only the arrival check can close chunks.
    const stalled: Timers = { setTimeout: () => 0, clearTimeout: () => {} };
    const { chunker, closed } = collect<number>({ ms: 100, now: () => now, timers: stalled });
    const arrivals = [0, 50, 99, 100, 180, 250, 400];
    for (const t of arrivals) {
      now = t;
      chunker.push([t]);
    }
    chunker.end();
    expect(closed).toEqual(chunkItems(arrivals, { ms: 100 }, arrivals));
    expect(itemsOf(closed)).toEqual([[0, 50, 99], [100, 180], [250], [400]]);
  });

  it('end() emits the open chunk at once and cancels its timer', () => {
    const { chunker, closed } = collect<number>({ ms: 1000, now: () => Date.now() });
    chunker.push([1, 2]);
    chunker.end();
    expect(itemsOf(closed)).toEqual([[1, 2]]);
    expect(closed[0]?.reason).toBe('end');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('createChunker: flushing and failures lose no item', () => {
  it('end() emits the last partial chunk and marks the snapshot done', () => {
    const { chunker, closed } = collect<number>({ count: 4 });
    chunker.push(range(10));
    chunker.end();
    expect(itemsOf(closed)).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9],
    ]);
    expect(closed.at(-1)?.reason).toBe('end');
    const s = chunker.getSnapshot();
    expect(s).toMatchObject({ status: 'done', closedChunks: 3, closedItems: 10, openItems: 0 });
  });

  it('fail(error) emits the partial chunk with the error and shows it in the snapshot', () => {
    const { chunker, closed } = collect<number>({ count: 4 });
    const error = new TypeError('network connection lost');
    chunker.push(range(6));
    chunker.fail(error);
    expect(itemsOf(closed)).toEqual([
      [0, 1, 2, 3],
      [4, 5],
    ]);
    expect(closed[1]).toMatchObject({ reason: 'error', error, start: 4 });
    expect(chunker.getSnapshot()).toMatchObject({ status: 'error', error, closedItems: 6, openItems: 0 });
  });

  it('an AbortError closes the partial chunk with reason abort', () => {
    const { chunker, closed } = collect<number>({ boundary: () => false });
    chunker.push([1, 2, 3]);
    chunker.fail(new DOMException('The user aborted a request.', 'AbortError'));
    expect(closed.map((c) => [c.items, c.reason])).toEqual([[[1, 2, 3], 'abort']]);
  });

  it('goes on after fail() when the stream retries, comparing boundaries across the gap', () => {
    const { chunker, closed } = collect<number>({ boundary: (n, prev) => n - prev > 5 });
    chunker.push([1, 2]);
    chunker.fail(new Error('drop'));
    chunker.push([3, 20, 21]);
    chunker.end();
    expect(itemsOf(closed)).toEqual([[1, 2], [3], [20, 21]]);
    expect(closed.map((c) => c.reason)).toEqual(['error', 'boundary', 'end']);
    expect(chunker.getSnapshot().status).toBe('done');
  });

  it('flush() closes the open chunk whatever the rule, and never emits an empty chunk', () => {
    const { chunker, closed } = collect<number>({ count: 100 });
    chunker.flush();
    chunker.push([1, 2]);
    chunker.flush();
    chunker.flush();
    chunker.end();
    expect(closed.map((c) => [c.items, c.reason])).toEqual([[[1, 2], 'flush']]);
  });
});

describe('createChunker snapshot', () => {
  it('keeps the newest `keep` chunks and counts all of them', () => {
    const { chunker, closed } = collect<number>({ count: 2, keep: 3 });
    chunker.push(range(11));
    const s = chunker.getSnapshot();
    expect(itemsOf(s.chunks)).toEqual([
      [4, 5],
      [6, 7],
      [8, 9],
    ]);
    expect(s).toMatchObject({ closedChunks: 5, closedItems: 10, openItems: 1 });
    expect(closed).toHaveLength(5);
  });

  it('returns the same object until something changed, and notifies subscribers', () => {
    const chunker = createChunker<number>({ count: 2 });
    const listener = vi.fn();
    chunker.subscribe(listener);
    const first = chunker.getSnapshot();
    expect(chunker.getSnapshot()).toBe(first);
    chunker.push([1, 2, 3]);
    expect(listener).toHaveBeenCalledTimes(1);
    const second = chunker.getSnapshot();
    expect(second).not.toBe(first);
    expect(chunker.getSnapshot()).toBe(second);
    expect(Object.isFrozen(second)).toBe(true);
    chunker.end();
    chunker.end(); // idempotent: no second notification
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('reset() drops chunks, open items and counters', () => {
    const chunker = createChunker<number>({ count: 2 });
    chunker.push([1, 2, 3]);
    chunker.reset();
    expect(chunker.getSnapshot()).toMatchObject({
      chunks: [],
      closedChunks: 0,
      closedItems: 0,
      openItems: 0,
    });
    chunker.push([4, 5]);
    expect(chunker.getSnapshot().chunks[0]).toMatchObject({ index: 0, start: 0, items: [4, 5] });
  });

  it.each<[string, unknown, string]>([
    ['keep 0', { count: 1, keep: 0 }, 'option "keep" must be a positive integer or Infinity, got 0'],
    ['onChunk not a function', { count: 1, onChunk: 'x' }, 'option "onChunk" must be a function, got "x"'],
    ['an invalid rule', { ms: -5 }, 'option "ms" must be a finite number > 0, got -5'],
  ])('rejects %s naming the option', (_name, options, message) => {
    expect(() => createChunker(options as ChunkerOptions<number>)).toThrow(
      `lazyflow: createChunker ${message}`,
    );
  });
});
