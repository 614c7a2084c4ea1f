import { describe, expect, it } from 'vitest';
import { type PrefetchPriority, priorityRank } from './prefetchPriority.ts';
import { PrefetchQueue } from './prefetchQueue.ts';

/** Adds `[name, priority]` pairs in order and returns the order they come out in. */
function drain(adds: readonly (readonly [string, PrefetchPriority])[]): string[] {
  const queue = new PrefetchQueue<string>();
  for (const [name, priority] of adds) queue.add(name, priorityRank(priority));
  const out: string[] = [];
  for (let name = queue.shift(); name !== undefined; name = queue.shift()) out.push(name);
  return out;
}

describe('PrefetchQueue', () => {
  it.each([
    {
      name: 'higher priority first',
      adds: [
        ['a', 'low'],
        ['b', 'normal'],
        ['c', 'high'],
      ],
      out: ['c', 'b', 'a'],
    },
    {
      name: 'first in, first out within a priority',
      adds: [
        ['a', 'normal'],
        ['b', 'normal'],
        ['c', 'normal'],
      ],
      out: ['a', 'b', 'c'],
    },
    {
      name: 'FIFO inside each priority when they interleave',
      adds: [
        ['n1', 'normal'],
        ['h1', 'high'],
        ['l1', 'low'],
        ['n2', 'normal'],
        ['h2', 'high'],
        ['l2', 'low'],
      ],
      out: ['h1', 'h2', 'n1', 'n2', 'l1', 'l2'],
    },
    {
      name: 'numbers sort among the names',
      adds: [
        ['half', 0.5],
        ['high', 'high'],
        ['normal', 'normal'],
        ['ten', 10],
        ['minus', -5],
      ],
      out: ['ten', 'high', 'half', 'normal', 'minus'],
    },
  ] as const)('$name', ({ adds, out }) => {
    expect(drain(adds)).toEqual(out);
  });

  it('raise moves a waiting item ahead, keeping its first-asked place among its new equals', () => {
    const queue = new PrefetchQueue<string>();
    queue.add('old', 0);
    queue.add('h1', 1);
    queue.add('h2', 1);
    expect(queue.raise('old', 1)).toBe(true);
    expect(queue.toArray()).toEqual(['old', 'h1', 'h2']);
  });

  it('raise to an equal or lower rank, or of an item not waiting, changes nothing', () => {
    const queue = new PrefetchQueue<string>();
    queue.add('a', 1);
    queue.add('b', 0);
    expect(queue.raise('a', 0)).toBe(false);
    expect(queue.raise('a', 1)).toBe(false);
    expect(queue.raise('missing', 5)).toBe(false);
    expect(queue.toArray()).toEqual(['a', 'b']);
  });

  it('remove takes an item out of the line and reports whether it was there', () => {
    const queue = new PrefetchQueue<string>();
    queue.add('a', 0);
    queue.add('b', 0);
    expect(queue.remove('a')).toBe(true);
    expect(queue.remove('a')).toBe(false);
    expect(queue.size).toBe(1);
    expect(queue.shift()).toBe('b');
    expect(queue.shift()).toBeUndefined();
  });
});

describe('priorityRank', () => {
  it('maps the names to 1, 0, -1 and passes finite numbers through', () => {
    expect([priorityRank('high'), priorityRank('normal'), priorityRank('low'), priorityRank(2.5)]).toEqual([
      1, 0, -1, 2.5,
    ]);
  });

  it.each([['urgent'], [Number.NaN], [Number.POSITIVE_INFINITY], [null], ['toString']])(
    'rejects %s with a TypeError naming the option',
    (bad) => {
      expect(() => priorityRank(bad as PrefetchPriority)).toThrow(/prefetch option "priority" must be/);
    },
  );
});
