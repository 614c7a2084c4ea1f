import type { SavedScroll, VirtualListSnapshot, VirtualRow } from '@lazyflow/core';
import { describe, expect, it } from 'vitest';
import { fromTop } from './keepPreviousRows.ts';

// Only the fields fromTop reads; the rest of a row and a snapshot does not matter to it.
const row = (index: number) =>
  ({
    index,
    key: index,
    position: index,
    start: index * 36,
    size: 36,
    lane: 0,
    state: { status: 'loaded', item: index },
  }) as VirtualRow<number>;

/** Rows `first..last` of 36 px in a 360 px viewport over 1,000 rows. */
function shown(first: number, last: number): VirtualListSnapshot<number> {
  const rows = Array.from({ length: last - first + 1 }, (_, i) => row(first + i));
  const snapshot = { rows, totalSize: 36_000, virtualSize: 36_000, scaled: false, viewportSize: 360 };
  return snapshot as unknown as VirtualListSnapshot<number>;
}

const at = (anchorKey: number, offsetInItem: number): SavedScroll => ({ anchorKey, offsetInItem, sizes: [] });

describe('fromTop', () => {
  it.each([
    // name, rows shown, scroll, first row kept and its new start, totalSize
    ['at the top, nothing moves', [0, 12], at(0, 0), [0, 0], 36_000],
    ['row 30 at 10 px above the top: it starts at −10', [27, 42], at(30, 10), [30, -10], 36_000 - 1_090],
    [
      'anchor below the top (offset < 0): the row above stays partly in view',
      [27, 42],
      at(31, -26),
      [30, -10],
      36_000 - 1_090,
    ],
    ['near the end, the content stays at least a viewport tall', [990, 999], at(995, 0), [995, 0], 360],
  ] as const)('%s', (_name, [first, last], scroll, [keptIndex, keptStart], totalSize) => {
    const moved = fromTop(shown(first, last), scroll);
    expect(moved.rows[0]?.index).toBe(keptIndex);
    expect(moved.rows[0]?.start).toBe(keptStart);
    expect(moved.totalSize).toBe(totalSize);
    expect(moved.rows.every((r, i) => r.start === (moved.rows[0]?.start ?? 0) + i * 36)).toBe(true);
  });

  it('keeps the rows when the anchor row is not among them (nothing to measure from)', () => {
    const snapshot = shown(0, 9);
    expect(fromTop(snapshot, at(500, 0))).toBe(snapshot);
  });
});
