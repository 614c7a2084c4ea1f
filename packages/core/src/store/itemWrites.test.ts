import { describe, expect, it } from 'vitest';
import { serverRope } from './editRope.ts';
import { countAfter, type ItemWrite, rewritePages, ropeAfter } from './itemWrites.ts';

/** Pages of 3 letters: page 0 = a b c, page 1 = d e f, page 2 = g h (8 items). */
const ALL = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const held = (...pages: number[]) =>
  new Map(pages.map((page) => [page, ALL.slice(page * 3, page * 3 + 3)] as const));

type Row = readonly [
  name: string,
  pages: number[],
  write: ItemWrite<string>,
  count: number | undefined,
  after: Record<number, string[]>,
  dropped: number[],
];

const rows: Row[] = [
  [
    'replace: only its page',
    [0, 1, 2],
    { kind: 'replace', index: 4, item: 'E' },
    8,
    { 1: ['d', 'E', 'f'] },
    [],
  ],
  [
    'insert: every held page after it shifts',
    [0, 1, 2],
    { kind: 'insert', index: 1, items: ['x'] },
    8,
    { 0: ['a', 'x', 'b'], 1: ['c', 'd', 'e'], 2: ['f', 'g', 'h'] },
    [],
  ],
  [
    'insert: a page whose neighbour before it is not held is dropped',
    [0, 2],
    { kind: 'insert', index: 1, items: ['x'] },
    8,
    { 0: ['a', 'x', 'b'] },
    [2],
  ],
  [
    'insert at the count fills the last page, then a new one',
    [2],
    { kind: 'insert', index: 8, items: ['i', 'j'] },
    8,
    { 2: ['g', 'h', 'i'], 3: ['j'] },
    [],
  ],
  [
    'remove: pages after it pull items back',
    [0, 1, 2],
    { kind: 'remove', index: 0, count: 1 },
    8,
    { 0: ['b', 'c', 'd'], 1: ['e', 'f', 'g'], 2: ['h'] },
    [],
  ],
  [
    'remove: the last held page needs an item nobody holds and is dropped',
    [0, 1],
    { kind: 'remove', index: 0, count: 1 },
    8,
    { 0: ['b', 'c', 'd'] },
    [1],
  ],
  ['remove in the last page shortens it', [2], { kind: 'remove', index: 7, count: 1 }, 8, { 2: ['g'] }, []],
  [
    'without an exact count, pages end where held data ends',
    [2],
    { kind: 'insert', index: 7, items: ['x'] },
    undefined,
    { 2: ['g', 'x', 'h'] },
    [],
  ],
];

describe('rewritePages', () => {
  it.each(rows)('%s', (_name, pages, write, count, after, dropped) => {
    const result = rewritePages(held(...pages), 3, write, count);
    expect(Object.fromEntries(result.pages)).toEqual(after);
    expect(result.dropped).toEqual(dropped);
  });

  it('reports the pages a write touched', () => {
    expect(rewritePages(held(0, 1), 3, { kind: 'replace', index: 4, item: 'E' }, 8)).toMatchObject({
      first: 1,
      last: 1,
    });
    expect(rewritePages(held(0, 1), 3, { kind: 'remove', index: 4, count: 1 }, 8)).toMatchObject({
      first: 1,
      last: Number.POSITIVE_INFINITY,
    });
  });
});

describe('countAfter and ropeAfter', () => {
  it('an insert adds, a remove takes away, a replace keeps the count', () => {
    expect(countAfter({ kind: 'insert', index: 0, items: ['x', 'y'] }, 8)).toBe(10);
    expect(countAfter({ kind: 'remove', index: 0, count: 1 }, 8)).toBe(7);
    expect(countAfter({ kind: 'replace', index: 0, item: 'x' }, 8)).toBe(8);
  });

  it('a replace is a local item in place of the server one', () => {
    expect(ropeAfter(serverRope<string>(), { kind: 'replace', index: 2, item: 'C' })).toEqual([
      { kind: 'server', start: 0, length: 2 },
      { kind: 'local', items: ['C'] },
      { kind: 'server', start: 3, length: Number.POSITIVE_INFINITY },
    ]);
  });
});
