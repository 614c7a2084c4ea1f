import { describe, expect, it } from 'vitest';
import { type KeyboardView, keyboardNavigation } from './keyboardTarget.ts';

/** A key press on the row of index `focused` (a stand-in for its element). */
const press = (key: string, focused: number) => ({
  key,
  target: { closest: () => ({ getAttribute: () => String(focused) }) } as unknown as EventTarget,
  preventDefault() {},
});

/** Rows of `size` px in a `viewport` px list of 1,000 rows. */
const view = (size: number, viewport: number): KeyboardView => ({
  sizes: {
    start: (row) => row * size,
    rowAt: (offset) => Math.max(0, Math.min(999, Math.floor(offset / size))),
  },
  viewport,
  count: 1_000,
  lanes: 1,
  horizontal: false,
});

describe('keyboardNavigation: PageUp and PageDown', () => {
  it.each([
    [30, 600],
    [36, 600],
    [40, 600],
    [25, 610],
  ])('%s px rows in a %s px viewport: PageUp undoes PageDown', (size, viewport) => {
    const down = keyboardNavigation(press('PageDown', 500), view(size, viewport)) ?? -1;
    // 30 px rows, 600 px: 20 rows fit exactly, PageDown moves 19; PageUp moved 18 (the row that
    // starts exactly a viewport above counted as cut).
    expect(keyboardNavigation(press('PageUp', down), view(size, viewport))).toBe(500);
  });
});
