import { describe, expect, it } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { createVirtualList } from './createVirtualList.ts';
import { keyboardNavigation } from './keyboardTarget.ts';
import { stickyRows } from './stickyImport.ts';
import { resolveVirtualListOptions } from './virtualListOptions.ts';

const list = (initialCount?: number) =>
  createLazyList<number>({
    key: ['options', Math.random()],
    source: offsetSource({
      pageSize: 10,
      ...(initialCount === undefined ? {} : { initialCount }),
      fetchPage: async () => ({ items: [] }),
    }),
  });

describe('createVirtualList: scroll padding and sticky rows options', () => {
  it('defaults to no padding and no sticky rows', () => {
    const resolved = resolveVirtualListOptions({ list: list(), scrollElement: null });
    expect(resolved).toMatchObject({ scrollPaddingStart: 0, scrollPaddingEnd: 0, stickyIndexes: [] });
  });

  it.each([
    ['scrollPaddingStart', -1],
    ['scrollPaddingStart', Number.NaN],
    ['scrollPaddingEnd', Number.POSITIVE_INFINITY],
    ['scrollPaddingEnd', '40'],
  ])('refuses %s = %s with a TypeError naming it', (option, value) => {
    const create = () => createVirtualList({ list: list(), scrollElement: null, [option]: value });
    expect(create).toThrow(TypeError);
    expect(create).toThrow(`option "${option}" must be a finite number >= 0`);
  });

  it.each([
    ['not an array', 3, 'an array of item indexes'],
    ['a fraction', [0, 1.5], 'integers >= 0'],
    ['a negative index', [-1, 4], 'integers >= 0'],
    ['unsorted indexes', [4, 2], 'sorted ascending without repeats'],
    ['a repeated index', [2, 2], 'sorted ascending without repeats'],
  ])('refuses stickyIndexes with %s', (_, value, expected) => {
    const create = () =>
      createVirtualList({
        list: list(),
        scrollElement: null,
        sticky: stickyRows,
        stickyIndexes: value as readonly number[],
      });
    expect(create).toThrow(TypeError);
    expect(create).toThrow(`option "stickyIndexes" must be ${expected}`);
  });

  it('refuses sticky indexes at or past an exact count, now and in setOptions, changing nothing', () => {
    expect(() =>
      createVirtualList({
        list: list(100),
        scrollElement: null,
        sticky: stickyRows,
        stickyIndexes: [0, 100],
      }),
    ).toThrow('option "stickyIndexes" must be indexes below the count (100), got 100');
    const view = createVirtualList({
      list: list(100),
      scrollElement: null,
      sticky: stickyRows,
      stickyIndexes: [0, 50],
    });
    expect(() => view.setOptions({ stickyIndexes: [0, 150] })).toThrow(TypeError);
    expect(() => view.setOptions({ scrollPaddingStart: -5 })).toThrow('"scrollPaddingStart"');
    view.setOptions({ stickyIndexes: [0, 60], scrollPaddingStart: 40 }); // valid: taken
    view.destroy();
  });

  it('stickyIndexes without sticky: stickyRows is a TypeError naming the import (decision 0027); an empty array is none', () => {
    const create = () => createVirtualList({ list: list(100), scrollElement: null, stickyIndexes: [0, 50] });
    expect(create).toThrow(TypeError);
    expect(create).toThrow(
      `option "stickyIndexes" must be given with sticky: stickyRows, its own import: import { stickyRows } from '@lazyflow/core/sticky'`,
    );
    const view = createVirtualList({ list: list(100), scrollElement: null, stickyIndexes: [] });
    expect(() => view.setOptions({ stickyIndexes: [0] })).toThrow(/import \{ stickyRows \}/);
    expect(() => view.setOptions({ sticky: stickyRows } as never)).toThrow(/"sticky" must be unchanged/);
    view.setOptions({ stickyIndexes: [] });
    expect(view.getSnapshot().rows.every((row) => row.sticky === undefined)).toBe(true);
    view.destroy();
    const bad = () =>
      createVirtualList({ list: list(), scrollElement: null, sticky: 'rows' as never, stickyIndexes: [0] });
    expect(bad).toThrow(/option "sticky" must be stickyRows, its own import/);
  });

  it('keyboard is keyboardNavigation from its import (decision 0058), fixed at creation', () => {
    const bad = () => createVirtualList({ list: list(), scrollElement: null, keyboard: true as never });
    expect(bad).toThrow(
      `option "keyboard" must be keyboardNavigation, its own import: import { keyboardNavigation } from '@lazyflow/core/keyboard'`,
    );
    const view = createVirtualList({ list: list(), scrollElement: null, keyboard: keyboardNavigation });
    expect(() => view.setOptions({ keyboard: undefined } as never)).toThrow(/"keyboard" must be unchanged/);
    view.destroy();
  });

  it('accepts any sticky index while the count is unknown (it may grow)', () => {
    expect(() =>
      createVirtualList({ list: list(), scrollElement: null, sticky: stickyRows, stickyIndexes: [0, 5_000] }),
    ).not.toThrow();
  });
});
