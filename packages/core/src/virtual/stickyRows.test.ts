import { describe, expect, it } from 'vitest';
import {
  lastStickyAtOrBefore,
  loadStickyRows,
  placeStickyRows,
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

  it('pins the section read above the rendered rows and boxes each sticky row up to the next', () => {
    // Rows of 10 px from row 0 to 1,000 (10,000 px); sticky rows 0, 40 and 90.
    const sizes = {
      lo: 0,
      hi: 1_000,
      total: 10_000,
      start: (row: number) => row * 10,
      rowAt: (px: number) => Math.floor(px / 10),
    };
    const base = { rows: [0, 40, 90], sizes, shift: 0, physical: 500, viewport: 100 };
    const place = placeStickyRows({ ...base, virtual: 500, from: 48 });
    // Row 50 is read: its section's row 40 is above `from`, boxed up to row 90.
    expect(place.pinned).toEqual({ row: 40, box: { start: 400, end: 900 } });
    expect([47, 48, 89].map((row) => place.box(row))).toEqual([undefined, undefined, undefined]);
    // The last section reaches the content's end, cut three steps (1,024 px each) past the view.
    expect(place.box(90)).toEqual({ start: 900, end: 3_072 });
    // A sticky row in the rendered rows is not pinned above them.
    expect(placeStickyRows({ ...base, virtual: 500, from: 40 }).pinned).toBeNull();
    // Above the first sticky row nothing is pinned; `shift` moves every box.
    expect(placeStickyRows({ ...base, rows: [40], virtual: 100, from: 8 }).pinned).toBeNull();
    expect(placeStickyRows({ ...base, shift: 100, virtual: 500, from: 48 }).pinned?.box).toEqual({
      start: 300,
      end: 800,
    });
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
