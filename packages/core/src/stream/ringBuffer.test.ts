import { describe, expect, it } from 'vitest';
import { RingBuffer } from './ringBuffer.ts';

describe('RingBuffer', () => {
  it.each<[number, number[][], number[], number]>([
    [3, [[1, 2]], [1, 2], 0],
    [3, [[1, 2, 3, 4]], [2, 3, 4], 1],
    [3, [[1, 2], [3, 4], [5]], [3, 4, 5], 2],
    [2, [[1, 2, 3, 4, 5, 6, 7]], [6, 7], 5],
    [Number.POSITIVE_INFINITY, [[1, 2], [3]], [1, 2, 3], 0],
  ])('capacity %d, pushes %j → %j, %d dropped', (capacity, pushes, expected, dropped) => {
    const ring = new RingBuffer<number>(capacity);
    let total = 0;
    for (const values of pushes) total += ring.pushAll(values);
    expect(ring.toArray()).toEqual(expected);
    expect(total).toBe(dropped);
    expect(ring.size).toBe(expected.length);
  });

  it('returns a new array each time, so a snapshot never changes under its reader', () => {
    const ring = new RingBuffer<number>(2);
    ring.pushAll([1]);
    const before = ring.toArray();
    ring.pushAll([2, 3]);
    expect(before).toEqual([1]);
    expect(ring.toArray()).toEqual([2, 3]);
  });

  it('rejects a capacity below 1', () => {
    expect(() => new RingBuffer(0)).toThrow(/capacity must be >= 1, got 0/);
  });
});
