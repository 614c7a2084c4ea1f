import { describe, expect, it } from 'vitest';
import {
  lastStickyAtOrBefore,
  loadStickyRows,
  StickyRows,
  sameIndexes,
  stickyBox,
  stickyRowKeys,
} from './stickyRows.ts';

describe('sticky rows', () => {
  it('maps item indexes to distinct row keys (lanes, prepended history)', () => {
    expect(stickyRowKeys([0, 10, 11, 40], 2, 0)).toEqual([0, 5, 20]);
    expect(stickyRowKeys([30, 60], 1, 30)).toEqual([0, 30]);
  });

  it.each([
    [[0, 50, 120], 99, 1],
    [[0, 50, 120], 50, 1],
    [[0, 50, 120], 500, 2],
    [[10, 50], 9, -1],
    [[], 9, -1],
  ])('in %o the last sticky row at or before %i is at %i', (rows, row, expected) => {
    expect(lastStickyAtOrBefore(rows, row)).toBe(expected);
  });

  it('cuts a far section to a band around the view that moves in steps of two viewports', () => {
    // A section 2e9 px above a scaled view: the box starts one to two steps (1,200 px) above the view.
    expect(stickyBox(-2_000_000_000, 7_000_900, 7_000_000, 600)).toEqual({
      start: 6_998_400,
      end: 7_000_900,
    });
    // A near section keeps its own bounds.
    expect(stickyBox(6_999_900, 7_000_300, 7_000_000, 600)).toEqual({ start: 6_999_900, end: 7_000_300 });
    // A long section ahead is cut three steps past the view; a small viewport still steps 1,024 px.
    expect(stickyBox(0, 1e9, 5_000, 100)).toEqual({ start: 3_072, end: 7 * 1_024 });
  });

  it('keeps the derived rows while the indexes, lanes and prepended count stay', () => {
    const sticky = new StickyRows();
    const indexes = [0, 40];
    const rows = sticky.rows(indexes, 1, 0);
    expect(sticky.rows(indexes, 1, 0)).toBe(rows);
    expect(sticky.rows(indexes, 2, 0)).toEqual([0, 20]);
    expect(sameIndexes([0, 40], [0, 40])).toBe(true);
    expect(sameIndexes([0, 40], [0, 41])).toBe(false);
  });

  it('fetches only sticky rows that are placeholders', () => {
    const asked: number[] = [];
    const box = { start: 0, end: 100 };
    loadStickyRows(
      [
        { index: 3, sticky: box, state: { status: 'placeholder' } },
        { index: 4, sticky: box, state: { status: 'loading' } },
        { index: 5, state: { status: 'placeholder' } },
      ],
      { prefetch: ({ start }) => asked.push(start) },
    );
    expect(asked).toEqual([3]);
  });
});
