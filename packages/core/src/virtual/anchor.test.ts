import { describe, expect, it } from 'vitest';
import { anchorAt } from './anchor.ts';
import { SizeIndex } from './sizeIndex.ts';

function sizes(measured: readonly number[]) {
  const index = new SizeIndex({ estimate: () => 50 });
  index.setDomain(0, 1_000);
  for (const row of measured) index.setSize(row, 50);
  return index;
}

describe('anchorAt', () => {
  it('holds the first measured row fully in view', () => {
    expect(anchorAt(sizes([21, 22, 23]), 1_010, 400)).toEqual({ row: 21, offset: -40 });
  });

  it('prefers a measured row whose item is loaded over a measured placeholder above it', () => {
    const loaded = (row: number) => row >= 23;
    expect(anchorAt(sizes([21, 22, 23]), 1_010, 400, loaded)).toEqual({ row: 23, offset: -140 });
  });

  it('keeps the row held until now while its top is in view, over loaded rows above it', () => {
    // The view is 1,010–1,410; the previous anchor, row 28 (1,400–1,450), shows its top 10 px only.
    expect(anchorAt(sizes([21, 22, 28]), 1_010, 400, () => true, 28)).toEqual({ row: 28, offset: -390 });
    // Out of view, or its top above the view, it is not kept.
    expect(anchorAt(sizes([21, 22, 40]), 1_010, 400, () => true, 40)).toEqual({ row: 21, offset: -40 });
    expect(anchorAt(sizes([20, 21, 22]), 1_010, 400, () => true, 20)).toEqual({ row: 21, offset: -40 });
  });

  it('falls back to a measured placeholder, then to any row fully in view', () => {
    expect(anchorAt(sizes([22]), 1_010, 400, () => false)).toEqual({ row: 22, offset: -90 });
    expect(anchorAt(sizes([]), 1_010, 400, () => true)).toEqual({ row: 21, offset: -40 });
  });
});
