import { describe, expect, it } from 'vitest';
import { SizeIndex } from './sizeIndex.ts';

/** Reference: plain prefix sums over every row. */
function reference(lo: number, hi: number, size: (row: number) => number, gap: number) {
  const starts = [0];
  for (let row = lo; row < hi; row++) starts.push((starts.at(-1) ?? 0) + size(row) + gap);
  return {
    start: (row: number) => starts[row - lo] ?? 0,
    total: (starts.at(-1) ?? 0) - (hi > lo ? gap : 0),
  };
}

describe('SizeIndex', () => {
  it('answers 100,000,000 fixed rows without touching each row', () => {
    let calls = 0;
    const sizes = new SizeIndex({
      estimate: () => {
        calls += 1;
        return 36;
      },
    });
    sizes.setDomain(0, 100_000_000);
    expect(sizes.total).toBe(3_600_000_000);
    expect(sizes.start(99_999_999)).toBe(3_599_999_964);
    expect(sizes.rowAt(3_599_999_999)).toBe(99_999_999);
    expect(sizes.rowAt(1_800_000_000)).toBe(50_000_000);
    expect(calls).toBeLessThan(200_000);
  });

  it.each([
    ['fixed', () => 36, 0],
    ['varying estimates', (row: number) => 20 + (row % 7) * 5, 0],
    ['varying with gap', (row: number) => 30 + (row % 3), 4],
  ])('matches plain prefix sums with measurements (%s)', (_, estimate, gap) => {
    const sizes = new SizeIndex({ estimate, gap, blockSize: 16 });
    sizes.setDomain(0, 500);
    const measured = new Map<number, number>();
    for (const row of [0, 3, 17, 250, 251, 499]) {
      const size = 50 + row;
      measured.set(row, size);
      sizes.setSize(row, size);
    }
    // Blocks not asked for are sampled; ask for every row once so the index is exact.
    for (let row = 0; row < 500; row++) sizes.start(row);
    const ref = reference(0, 500, (row) => measured.get(row) ?? estimate(row), gap);
    expect(sizes.total).toBe(ref.total);
    for (const row of [0, 1, 16, 17, 100, 251, 252, 499]) expect(sizes.start(row)).toBe(ref.start(row));
    for (const row of [0, 5, 16, 250, 499]) {
      expect(sizes.rowAt(ref.start(row))).toBe(row);
      expect(sizes.rowAt(ref.start(row) + 1)).toBe(row);
    }
  });

  it('reports the change of a measurement and nothing for a repeat', () => {
    const sizes = new SizeIndex({ estimate: () => 36 });
    sizes.setDomain(0, 10);
    expect(sizes.setSize(4, 50)).toBe(14);
    expect(sizes.setSize(4, 50)).toBe(0);
    expect(sizes.start(5)).toBe(5 * 36 + 14);
  });

  it('extends to negative rows when history is prepended, keeping measured sizes', () => {
    const sizes = new SizeIndex({ estimate: () => 10, blockSize: 8 });
    sizes.setDomain(0, 20);
    sizes.setSize(3, 40);
    const before = sizes.start(5);
    sizes.setDomain(-30, 20);
    expect(sizes.start(5) - before).toBe(300);
    expect(sizes.start(-30)).toBe(0);
    expect(sizes.rowAt(0)).toBe(-30);
    expect(sizes.measured(3)).toBe(40);
  });

  it('forgets the oldest measurements beyond maxMeasured', () => {
    const sizes = new SizeIndex({ estimate: () => 10, maxMeasured: 2 });
    sizes.setDomain(0, 10);
    sizes.setSize(0, 20);
    sizes.setSize(1, 20);
    sizes.setSize(2, 20);
    expect(sizes.measured(0)).toBeUndefined();
    expect(sizes.total).toBe(120);
    expect(sizes.measuredIn(0, 10)).toEqual([
      [1, 20],
      [2, 20],
    ]);
  });

  it('moves measured sizes with their rows, leaving the rows they left unmeasured', () => {
    const sizes = new SizeIndex({ estimate: () => 10, blockSize: 4 });
    sizes.setDomain(0, 20);
    for (const [row, size] of [
      [1, 11],
      [2, 12],
      [3, 13],
      [6, 16],
    ] as const)
      sizes.setSize(row, size);
    const total = sizes.total;
    sizes.setDomain(0, 22); // two rows inserted above row 2
    sizes.moveMeasured(2, 20, 2);
    expect(sizes.measuredIn(0, 22).sort((a, b) => a[0] - b[0])).toEqual([
      [1, 11],
      [4, 12],
      [5, 13],
      [8, 16],
    ]);
    expect(sizes.measured(2)).toBeUndefined(); // the inserted rows are estimates
    expect(sizes.total).toBe(total + 20);
    expect(sizes.start(4)).toBe(10 + 11 + 10 + 10);
    sizes.moveMeasured(4, 22, -2); // and removed again
    expect(sizes.start(4)).toBe(10 + 11 + 12 + 13);
    expect(sizes.measured(8)).toBeUndefined();
  });
});
