import { describe, expect, it } from 'vitest';
import type { ItemWrite } from '../store/itemWrites.ts';
import { shiftedIndex } from './waitingInserts.ts';

// Decision 0052: a waiting insert's own index moves with each rope write as a row would; on the
// write's own index only when the insert was made before the write (the later one goes above).
describe('shiftedIndex', () => {
  const insert = (index: number, n: number): ItemWrite<string> => ({
    kind: 'insert',
    index,
    items: Array.from({ length: n }, (_, i) => `n${i}`),
  });
  const remove = (index: number, count: number): ItemWrite<string> => ({ kind: 'remove', index, count });
  it.each([
    ['an insert above', 8, insert(0, 2), true, 10],
    ['an insert below', 8, insert(9, 2), true, 8],
    ['an insert at its index, made after it', 8, insert(8, 1), true, 9],
    ['an insert at its index, made before it (an earlier replay)', 8, insert(8, 1), false, 8],
    ['a remove above', 8, remove(2, 3), true, 5],
    ['a remove of the rows around it', 8, remove(6, 5), true, 6],
    ['a remove at its index (the row below it)', 8, remove(8, 1), true, 8],
    ['a replace', 8, { kind: 'replace', index: 0, item: 'x' } as ItemWrite<string>, true, 8],
  ])('%s', (_, index, write, before, expected) => {
    expect(shiftedIndex(index, write, before)).toBe(expected);
  });
});
