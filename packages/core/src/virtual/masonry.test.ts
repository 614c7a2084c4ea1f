import { describe, expect, it } from 'vitest';
import { MasonryLayout, masonry as masonryLayout } from './masonry.ts';
import { MASONRY_CHUNK_DEPTH } from './masonryChunks.ts';
import { SizeIndex } from './sizeIndex.ts';
import { stickyRows } from './stickyImport.ts';
import { resolveVirtualListOptions } from './virtualListOptions.ts';

const list = { setWindow: () => undefined, getSnapshot: () => ({ count: 100, countKind: 'exact' }) };
const resolve = (options: Record<string, unknown>) =>
  resolveVirtualListOptions({ list, scrollElement: null, ...options } as never);

describe('MasonryLayout', () => {
  it('packs each item into the shortest lane (the first on a tie), in chunks of lanes × depth', () => {
    const masonry = new MasonryLayout({ lanes: 3, gap: 8, estimate: () => 240 });
    masonry.setEnd(1_000);
    expect(masonry.chunkItems).toBe(3 * MASONRY_CHUNK_DEPTH);
    expect(masonry.setItemSize(4, 120)).toBe(true);
    expect(masonry.setItemSize(4, 120)).toBe(false);
    expect([0, 1, 2].map((i) => masonry.box(i))).toEqual([
      { lane: 0, y: 0, size: 240 },
      { lane: 1, y: 0, size: 240 },
      { lane: 2, y: 0, size: 240 },
    ]);
    expect(masonry.box(3)).toEqual({ lane: 0, y: 248, size: 240 });
    expect(masonry.box(4)).toEqual({ lane: 1, y: 248, size: 120 });
    expect(masonry.box(5)).toEqual({ lane: 2, y: 248, size: 240 });
    expect(masonry.box(6)).toEqual({ lane: 1, y: 376, size: 240 }); // under the short item 4
    // The chunk's height is its tallest lane; the next chunk starts afresh at its own top.
    expect(masonry.height(0)).toBe(8 * 240 + 7 * 8);
    expect(masonry.box(24)).toEqual({ lane: 0, y: 0, size: 240 });
  });

  it('packs a last chunk cut short by the count, and nothing past it', () => {
    const masonry = new MasonryLayout({ lanes: 2, gap: 0, estimate: (p) => 100 + p });
    expect(masonry.setEnd(18)).toEqual([-1, 1]);
    expect(masonry.box(16)).toEqual({ lane: 0, y: 0, size: 116 });
    expect(masonry.box(17)).toEqual({ lane: 1, y: 0, size: 117 });
    expect(masonry.box(18)).toBeUndefined();
    expect(masonry.height(1)).toBe(117);
    expect(masonry.setEnd(18)).toEqual([]);
  });

  it('holds the item read at the top when an item above it in its chunk grows, until the view moves', () => {
    const masonry = new MasonryLayout({ lanes: 1, gap: 0, estimate: () => 100 });
    const sizes = new SizeIndex({ estimate: (row) => masonry.height(row) });
    masonry.setEnd(100);
    sizes.setDomain(0, Math.ceil(100 / masonry.chunkItems));
    masonry.noteRead(sizes, 350); // 50 px into item 3
    expect(masonry.measure(1, 180, sizes)).toBe(true);
    expect(masonry.held(sizes, 350)).toEqual({ row: 0, offset: 430 }); // item 3 now starts at 380
    expect(masonry.held(sizes, 400)).toBeNull(); // scrolled meanwhile: the user's place wins
  });
});

describe('layout: masonry options', () => {
  it('rows of the size index are chunks; overscan counts items, one chunk is laid out beyond', () => {
    const options = resolve({ layout: masonryLayout, lanes: 4, overscan: 3 });
    expect(options.lanes).toBe(4 * MASONRY_CHUNK_DEPTH);
    expect(options.masonry).toEqual({ lanes: 4, overscan: 3, create: masonryLayout.create });
    expect(options.masonry?.create({ lanes: 4, gap: 0, estimate: () => 10 })).toBeInstanceOf(MasonryLayout);
    expect(resolve({ layout: 'rows', lanes: 4 }).masonry).toBeNull();
    expect(options.overscan).toBe(1);
    expect(resolve({ lanes: 4 }).masonry).toBeNull();
  });

  it('throws a TypeError naming the option for a bad layout, lanes, or sticky rows with masonry', () => {
    expect(() => resolve({ layout: 'grid' })).toThrow(/"layout"/);
    for (const layout of [null, {}, { kind: 'masonry' }, { kind: 'masonry', create: 1 }]) {
      expect(() => resolve({ layout })).toThrow(TypeError);
      expect(() => resolve({ layout })).toThrow(/"layout"/);
    }
    for (const lanes of [0, -2, 2.5, Number.NaN, Number.POSITIVE_INFINITY, '3']) {
      expect(() => resolve({ layout: masonryLayout, lanes })).toThrow(TypeError);
      expect(() => resolve({ layout: masonryLayout, lanes })).toThrow(/"lanes"/);
    }
    expect(() =>
      resolve({ layout: masonryLayout, lanes: 2, sticky: stickyRows, stickyIndexes: [0] }),
    ).toThrow(/"stickyIndexes" must be none with layout: masonry/);
  });

  it("the old layout: 'masonry' string is a TypeError saying what to import (masonry is its own import)", () => {
    expect(() => resolve({ layout: 'masonry', lanes: 3 })).toThrow(TypeError);
    expect(() => resolve({ layout: 'masonry', lanes: 3 })).toThrow(
      "import { masonry } from '@lazyflow/core/masonry' and pass layout: masonry",
    );
  });
});
