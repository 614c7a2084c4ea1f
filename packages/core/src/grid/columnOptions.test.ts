// Bad column options (issue #19): a TypeError naming the option, and nothing already set up is lost.
import { describe, expect, it } from 'vitest';
import { resolveColumnOptions } from './columnOptions.ts';
import { GridColumns } from './GridColumns.ts';

describe('column options', () => {
  it.each([
    ['count', { count: -1 }],
    ['count', { count: 1.5 }],
    ['count', { count: Number.NaN }],
    ['pinnedStart', { count: 10, pinnedStart: 11 }],
    ['pinnedStart', { count: 10, pinnedStart: -1 }],
    ['pinnedEnd', { count: 10, pinnedStart: 6, pinnedEnd: 5 }],
    ['pinnedEnd', { count: 3, pinnedEnd: 4 }],
    ['overscan', { count: 10, overscan: -2 }],
    ['overscan', { count: 10, overscan: 1.5 }],
    ['overscan', { count: 10, overscan: Number.NaN }],
    ['overscan', { count: 10, overscan: Number.POSITIVE_INFINITY }],
    ['estimateWidth', { count: 10, estimateWidth: -1 }],
    ['estimateWidth', { count: 10, estimateWidth: Number.POSITIVE_INFINITY }],
    ['estimateWidth', { count: 10, estimateWidth: Number.NaN }],
    ['estimateWidth', { count: 10, estimateWidth: '120' as unknown as number }],
  ])('refuses a bad %s with a TypeError naming it: %j', (option, options) => {
    expect(() => resolveColumnOptions(options)).toThrow(TypeError);
    expect(() => resolveColumnOptions(options)).toThrow(`"${option}"`);
  });

  it('refuses a width function that returns a negative or non-finite width, naming the column', () => {
    const resolved = resolveColumnOptions({ count: 10, estimateWidth: (c) => (c === 7 ? -5 : 100) });
    expect(resolved.estimateWidth(3)).toBe(100);
    expect(() => resolved.estimateWidth(7)).toThrow(TypeError);
    expect(() => resolved.estimateWidth(7)).toThrow(/"estimateWidth".*column 7/);
    const infinite = resolveColumnOptions({ count: 10, estimateWidth: () => Number.POSITIVE_INFINITY });
    expect(() => infinite.estimateWidth(0)).toThrow(/"estimateWidth"/);
  });

  it('accepts the edges: no columns, every column pinned, zero-width columns', () => {
    expect(resolveColumnOptions({ count: 0 }).count).toBe(0);
    const all = resolveColumnOptions({ count: 4, pinnedStart: 2, pinnedEnd: 2, estimateWidth: 0 });
    expect([all.pinnedStart, all.pinnedEnd, all.estimateWidth(0)]).toEqual([2, 2, 0]);
  });

  it('keeps the columns it has when setOptions is refused', () => {
    const columns = new GridColumns({ count: 100, estimateWidth: 50, pinnedStart: 1 }, null);
    const before = columns.getSnapshot();
    expect(() => columns.setOptions({ count: 100, pinnedStart: 101 })).toThrow(/"pinnedStart"/);
    expect(() => columns.setOptions({ count: 100, estimateWidth: -3 })).toThrow(/"estimateWidth"/);
    expect(columns.getSnapshot()).toBe(before);
    expect(columns.widthOf(10)).toBe(50);
    expect(columns.getSnapshot().totalWidth).toBe(5_000);
  });
});
