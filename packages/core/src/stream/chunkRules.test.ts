import { describe, expect, it } from 'vitest';
import { estimateValueBytes } from '../store/estimateBytes.ts';
import { type ChunkReason, type ChunkRule, chunkItems, resolveChunkRule } from './chunkRules.ts';

const shape = <T>(chunks: ReturnType<typeof chunkItems<T>>) =>
  chunks.map((c) => ({ items: c.items, reason: c.reason }));
const c = <T>(items: T[], reason: ChunkReason) => ({ items, reason });

interface Day {
  day: string;
  n: number;
}
const day = (d: string, n: number): Day => ({ day: d, n });

describe('chunkItems', () => {
  it.each<[string, number[], ChunkRule<number>, ReturnType<typeof c<number>>[]]>([
    [
      'count 2 with a short last chunk',
      [1, 2, 3, 4, 5],
      { count: 2 },
      [c([1, 2], 'count'), c([3, 4], 'count'), c([5], 'end')],
    ],
    ['count that divides the length', [1, 2, 3, 4], { count: 2 }, [c([1, 2], 'count'), c([3, 4], 'count')]],
    ['count 1', [7, 8], { count: 1 }, [c([7], 'count'), c([8], 'count')]],
    ['count larger than the list', [1, 2, 3], { count: 10 }, [c([1, 2, 3], 'end')]],
    ['no items', [], { count: 3 }, []],
    [
      'bytes: close when full or when the next item would not fit',
      [3, 3, 3, 5, 1],
      { bytes: 6, sizeOf: (n) => n },
      [c([3, 3], 'bytes'), c([3], 'bytes'), c([5, 1], 'bytes')],
    ],
    [
      'bytes: an item larger than the limit is a chunk of its own',
      [2, 10, 2],
      { bytes: 5, sizeOf: (n) => n },
      [c([2], 'bytes'), c([10], 'bytes'), c([2], 'end')],
    ],
    [
      'boundary: a new chunk at each item the rule marks',
      [1, 2, 10, 11, 12, 20],
      { boundary: (n, prev) => Math.floor(n / 10) !== Math.floor(prev / 10) },
      [c([1, 2], 'boundary'), c([10, 11, 12], 'boundary'), c([20], 'end')],
    ],
    ['boundary never true', [1, 2, 3], { boundary: () => false }, [c([1, 2, 3], 'end')]],
    ['boundary always true', [1, 2], { boundary: () => true }, [c([1], 'boundary'), c([2], 'end')]],
  ])('%s', (_name, items, rule, expected) => {
    const chunks = chunkItems(items, rule);
    expect(shape(chunks)).toEqual(expected);
    // Positions: each chunk starts where the previous one ended; indexes count up.
    expect(chunks.map((ch) => [ch.index, ch.start])).toEqual(
      chunks.map((_, i) => [i, chunks.slice(0, i).reduce((sum, ch) => sum + ch.items.length, 0)]),
    );
  });

  it('bytes without sizeOf measures each item with estimateValueBytes', () => {
    const items = ['ab', 'cd', 'ef', 'gh', 'ij'];
    expect(estimateValueBytes('ab')).toBe(16);
    expect(shape(chunkItems(items, { bytes: 40 }))).toEqual([
      c(['ab', 'cd'], 'bytes'),
      c(['ef', 'gh'], 'bytes'),
      c(['ij'], 'end'),
    ]);
  });

  it('boundary is called with (item, previous) for every item but the first', () => {
    const calls: [string, string][] = [];
    const days = [day('mon', 1), day('mon', 2), day('tue', 3), day('wed', 4)];
    const chunks = chunkItems(days, {
      boundary: (item, previous) => {
        calls.push([`${item.day}${item.n}`, `${previous.day}${previous.n}`]);
        return item.day !== previous.day;
      },
    });
    expect(calls).toEqual([
      ['mon2', 'mon1'],
      ['tue3', 'mon2'],
      ['wed4', 'tue3'],
    ]);
    expect(chunks.map((ch) => ch.items.map((d) => d.n))).toEqual([[1, 2], [3], [4]]);
  });

  it.each<[string, number[], number, number[][], ChunkReason[]]>([
    [
      'ms: items within ms of the chunk start',
      [0, 10, 999, 1000, 1500, 2600],
      1000,
      [[0, 10, 999], [1000, 1500], [2600]],
      ['ms', 'ms', 'end'],
    ],
    ['ms: a long gap', [0, 5000], 1000, [[0], [5000]], ['ms', 'end']],
    ['ms: all at once', [7, 7, 7], 1, [[7, 7, 7]], ['end']],
  ])('%s', (_name, arrivals, ms, expected, reasons) => {
    // The items are their own arrival times here.
    const chunks = chunkItems(arrivals, { ms }, arrivals);
    expect(chunks.map((ch) => ch.items)).toEqual(expected);
    expect(chunks.map((ch) => ch.reason)).toEqual(reasons);
  });

  it('returns frozen chunks', () => {
    const [first] = chunkItems([1, 2], { count: 5 });
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first?.items)).toBe(true);
    expect(first?.error).toBeNull();
  });

  it('needs arrival times for the ms rule, named in the error', () => {
    expect(() => chunkItems([1, 2], { ms: 100 })).toThrow(
      'lazyflow: chunkItems option "arrivedAt" must be an array of 2 arrival times (rule "ms"), got undefined',
    );
  });
});

describe('resolveChunkRule', () => {
  it.each<[string, unknown, string]>([
    ['count 0', { count: 0 }, 'option "count" must be a positive integer, got 0'],
    ['negative count', { count: -3 }, 'option "count" must be a positive integer, got -3'],
    ['non-integer count', { count: 2.5 }, 'option "count" must be a positive integer, got 2.5'],
    ['count as a string', { count: '4' }, 'option "count" must be a positive integer, got "4"'],
    ['bytes 0', { bytes: 0 }, 'option "bytes" must be a finite number > 0, got 0'],
    ['negative bytes', { bytes: -1 }, 'option "bytes" must be a finite number > 0, got -1'],
    [
      'infinite bytes',
      { bytes: Number.POSITIVE_INFINITY },
      'option "bytes" must be a finite number > 0, got Infinity',
    ],
    ['sizeOf not a function', { bytes: 10, sizeOf: 4 }, 'option "sizeOf" must be a function, got 4'],
    ['boundary not a function', { boundary: 'day' }, 'option "boundary" must be a function, got "day"'],
    ['ms 0', { ms: 0 }, 'option "ms" must be a finite number > 0, got 0'],
    ['negative ms', { ms: -100 }, 'option "ms" must be a finite number > 0, got -100'],
    ['NaN ms', { ms: Number.NaN }, 'option "ms" must be a finite number > 0, got NaN'],
    [
      'two rules',
      { count: 10, ms: 1000 },
      'needs exactly one of the options "count", "bytes", "boundary" or "ms", got "count" and "ms"',
    ],
    [
      'no rule',
      { size: 10 },
      'needs exactly one of the options "count", "bytes", "boundary" or "ms", got none',
    ],
    ['no options object', null, 'option "options" must be an object, got null'],
  ])('rejects %s naming the option', (_name, options, message) => {
    expect(() => resolveChunkRule('chunk', options as ChunkRule<unknown>)).toThrow(TypeError);
    expect(() => resolveChunkRule('chunk', options as ChunkRule<unknown>)).toThrow(
      `lazyflow: chunk ${message}`,
    );
  });

  it('accepts each rule', () => {
    expect(resolveChunkRule('chunk', { count: 3 })).toEqual({ kind: 'count', count: 3 });
    expect(resolveChunkRule('chunk', { ms: 250 })).toEqual({ kind: 'ms', ms: 250 });
    expect(resolveChunkRule('chunk', { bytes: 1024 })).toMatchObject({ kind: 'bytes', bytes: 1024 });
    expect(resolveChunkRule('chunk', { boundary: () => true }).kind).toBe('boundary');
  });
});
