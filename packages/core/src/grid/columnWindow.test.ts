import { describe, expect, it } from 'vitest';
import { SizeIndex } from '../virtual/sizeIndex.ts';
import { resolveColumnOptions } from './columnOptions.ts';
import { columnWindow } from './columnWindow.ts';

function setup(count: number, options: { pinnedStart?: number; pinnedEnd?: number; overscan?: number } = {}) {
  const resolved = resolveColumnOptions({ count, estimateWidth: (c) => (c === 0 ? 200 : 100), ...options });
  const sizes = new SizeIndex({ estimate: resolved.estimateWidth, blockSize: 32 });
  sizes.setDomain(0, count);
  for (let column = 0; column < count; column += 32) sizes.start(column + 1);
  return { resolved, sizes };
}

const indexes = (window: ReturnType<typeof columnWindow>) => window.columns.map((column) => column.index);

describe('columnWindow', () => {
  it('renders the columns in view plus overscan, the pinned ones always', () => {
    const { resolved, sizes } = setup(1_000, { pinnedStart: 1, pinnedEnd: 1, overscan: 1 });
    // 200 px pinned + 100 px pinned end leave 400 px of a 700 px viewport for the middle.
    const at0 = columnWindow(sizes, resolved, { offset: 0, viewport: 700 });
    expect(indexes(at0)).toEqual([0, 1, 2, 3, 4, 5, 999]);
    expect(at0.totalWidth).toBe(200 + 999 * 100);
    expect(at0.pinnedStartWidth).toBe(200);
    expect(at0.pinnedEndWidth).toBe(100);
    // Scrolled 10,000 px: the middle area shows 10,200…10,600 = columns 101…104.
    const far = columnWindow(sizes, resolved, { offset: 10_000, viewport: 700 });
    expect(indexes(far)).toEqual([0, 100, 101, 102, 103, 104, 105, 999]);
  });

  it('gives pinned columns their sticky offsets from their edge', () => {
    const { resolved, sizes } = setup(10, { pinnedStart: 2, pinnedEnd: 2, overscan: 0 });
    const window = columnWindow(sizes, resolved, { offset: 0, viewport: 500 });
    const pinned = window.columns.filter((column) => column.pinned !== null);
    expect(pinned.map((column) => [column.index, column.pinned, column.pinOffset])).toEqual([
      [0, 'start', 0],
      [1, 'start', 200],
      [8, 'end', 100],
      [9, 'end', 0],
    ]);
  });

  it('handles no free middle area, no viewport and no columns', () => {
    const { resolved, sizes } = setup(3, { pinnedStart: 2, pinnedEnd: 1 });
    expect(indexes(columnWindow(sizes, resolved, { offset: 0, viewport: 300 }))).toEqual([0, 1, 2]);
    const wide = setup(100);
    expect(indexes(columnWindow(wide.sizes, wide.resolved, { offset: 0, viewport: 0 }))).toEqual([]);
    const none = setup(0);
    expect(columnWindow(none.sizes, none.resolved, { offset: 0, viewport: 800 }).columns).toEqual([]);
  });

  it('uses measured widths', () => {
    const { resolved, sizes } = setup(100, { overscan: 0 });
    sizes.setSize(1, 400);
    const window = columnWindow(sizes, resolved, { offset: 0, viewport: 700 });
    expect(indexes(window)).toEqual([0, 1, 2]);
    expect(window.columns[2]?.start).toBe(600);
  });
});
