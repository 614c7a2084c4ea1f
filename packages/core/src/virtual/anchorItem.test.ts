import { describe, expect, it } from 'vitest';
import type { LazyListSnapshot } from '../list/listSnapshot.ts';
import { anchorItemOf, followAnchorItem, rowsMovedWith } from './anchorItem.ts';

/**
 * A snapshot whose loaded items are `keys` from index 0 on (undefined: a placeholder); `shadowed`
 * indexes are loaded but have no key (a duplicate of a key above them).
 */
function data(
  keys: readonly (string | undefined)[],
  options: { keyed?: boolean; prepended?: number; shadowed?: readonly number[] } = {},
) {
  const keyed = options.keyed ?? true;
  const shadowed = new Set(options.shadowed);
  const keyOf = (index: number) => (keyed && !shadowed.has(index) ? keys[index] : undefined);
  return {
    keyed,
    prependedCount: options.prepended ?? 0,
    keyOf,
    getItem: (index: number) => ({ status: keys[index] === undefined ? 'idle' : 'loaded' }),
    indexOfKey: (key: string | number, near: number, radius = 2_000) => {
      for (let d = 0; d <= radius; d++) {
        if (keyOf(near + d) === key) return near + d;
        if (d > 0 && keyOf(near - d) === key) return near - d;
      }
      return undefined;
    },
  } as unknown as LazyListSnapshot<unknown>;
}

const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
const anchor = { row: 3, offset: -10 };
const held = { row: 3, key: 'd' };

describe('followAnchorItem', () => {
  it.each([
    ['nothing moved: the anchor stays', before, anchor],
    [
      '3 rows inserted above: it follows its item down',
      ['x', 'y', 'z', 'a', 'b', 'c', 'd', 'e'],
      { row: 6, offset: -10 },
    ],
    ['2 rows removed above: it follows its item up', ['c', 'd', 'e', 'f'], { row: 1, offset: -10 }],
    ['the item was deleted: the index stays (as without keys)', ['a', 'b', 'c', 'e', 'f'], anchor],
    ['its row is not loaded: it cannot tell, the index stays', ['a', 'b', 'c', undefined, 'e'], anchor],
  ] as const)('%s', (_name, keys, expected) => {
    expect(followAnchorItem(anchor, held, data(keys), 1)).toEqual(expected);
  });

  it('its row holds a duplicate of a row above (pages of two versions side by side): it follows its item', () => {
    // Page 0 still the old version (a, b, c, d), page 1 refetched after 3 rows were inserted on
    // the server: its first row 'b' is a duplicate of index 1, so index 4 has no key.
    const mixed = ['a', 'b', 'c', 'd', 'b', 'c', 'd', 'e'];
    const row4 = { row: 4, offset: -10 };
    expect(followAnchorItem(row4, { row: 4, key: 'e' }, data(mixed, { shadowed: [4, 5, 6] }), 1)).toEqual({
      row: 7,
      offset: -10,
    });
  });

  it('without getItemKey the anchor keeps its index', () => {
    expect(followAnchorItem(anchor, held, data(['x', 'a', 'b', 'c', 'd'], { keyed: false }), 1)).toBe(anchor);
  });

  it('an anchor that moved since (a scroll) is not pulled back to the item held before', () => {
    const scrolled = { row: 5, offset: 0 };
    expect(followAnchorItem(scrolled, held, data(['x', 'a', 'b', 'c', 'd', 'e']), 1)).toBe(scrolled);
    expect(followAnchorItem(anchor, null, data(['x', 'a', 'b', 'c', 'd']), 1)).toBe(anchor);
  });

  it('with lanes, the anchor moves to the row that holds the item now', () => {
    // Row 1 of 2 lanes held 'c' (index 2); one item inserted above puts 'c' at index 3, still row 1.
    expect(
      followAnchorItem({ row: 1, offset: 0 }, { row: 1, key: 'c' }, data(['x', 'a', 'b', 'c']), 2),
    ).toEqual({
      row: 1,
      offset: 0,
    });
    // Three inserted: 'c' at index 5, row 2.
    expect(
      followAnchorItem({ row: 1, offset: -4 }, { row: 1, key: 'c' }, data(['x', 'y', 'z', 'a', 'b', 'c']), 2),
    ).toEqual({ row: 2, offset: -4 });
  });

  it('rows are positions after the prepended items (a chat that loaded history above)', () => {
    // Two prepended: row 1 is index 3; an insert above moved 'd' to index 4, row 2.
    const now = data(['p', 'q', 'a', 'x', 'd'], { prepended: 2 });
    expect(followAnchorItem({ row: 1, offset: 0 }, { row: 1, key: 'd' }, now, 1)).toEqual({
      row: 2,
      offset: 0,
    });
  });
});

describe('anchorItemOf', () => {
  it('is the key of the anchor row’s first item, or null without a key or a loaded row', () => {
    expect(anchorItemOf(anchor, data(before), 1)).toEqual({ row: 3, key: 'd' });
    expect(anchorItemOf({ row: 1, offset: 0 }, data(before), 2)).toEqual({ row: 1, key: 'c' });
    expect(anchorItemOf(anchor, data(before, { keyed: false }), 1)).toBeNull();
    expect(anchorItemOf(anchor, data(['a', 'b', 'c', undefined]), 1)).toBeNull();
    expect(anchorItemOf(null, data(before), 1)).toBeNull();
  });
});

describe('rowsMovedWith', () => {
  it('finds the rows whose items moved by as many rows as the item read', () => {
    // 3 rows inserted at the head: every row loaded in both moved with the item read (row 3)
    const after = data(['x', 'y', 'z', ...before]);
    expect(rowsMovedWith(data(before), after, 3, 3, 1)).toEqual([0, 8]);
    // inserted between c and d: only d and below moved with it
    expect(rowsMovedWith(data(before), data(['a', 'b', 'c', 'x', ...before.slice(3)]), 3, 1, 1)).toEqual([
      3, 8,
    ]);
    // a placeholder row stops the search
    const holed = data(['x', 'a', 'b', 'c', undefined, 'e', 'f']);
    expect(rowsMovedWith(data(before), holed, 2, 1, 1)).toEqual([0, 3]);
  });

  it('compares rows by their first items, with prepended history and with lanes', () => {
    // one more item of history prepended: rows keep their keys (row -2 is still 'p')
    const history = data(['p', 'q', ...before], { prepended: 2 });
    expect(rowsMovedWith(history, data(['o', 'p', 'q', ...before], { prepended: 3 }), 1, 0, 1)).toEqual([
      -2, 8,
    ]);
    // two lanes, 2 items inserted at the head: one row
    expect(rowsMovedWith(data(before), data(['x', 'y', ...before]), 1, 1, 2)).toEqual([0, 4]);
  });
});
