// layout: masonry (from '@lazyflow/core/masonry') in real Chromium (issue #19 item 3): items of different heights packed per
// lane, shortest lane first, measured; no two items of a lane overlap; the item read at the
// viewport's top keeps its pixel when items above it are measured; scrollToIndex(50_000) lands on
// the item fetching only the destination's pages and packing a few chunks, not 50,000 items.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { frames, settled } from '../testing/mountVirtualList.ts';
import { item, itemsList, loadedText, mount, runCleanups, title } from '../testing/virtualFixtures.ts';
import { masonry } from './masonry.ts';
import { MASONRY_CHUNK_DEPTH } from './masonryChunks.ts';
import type { VirtualRow } from './virtualSnapshot.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(() => {
  vi.restoreAllMocks();
  runCleanups();
});

const LANES = 3;
const GAP = 8;
const ESTIMATE = 100;
const CHUNK = LANES * MASONRY_CHUNK_DEPTH;
/** Extra px per item, set by a test to make items above grow. */
const extra = new Map<number, number>();
/** A loaded item's height from its index: 60 to 180 px, deterministic. */
const heightOf = (index: number) => 60 + ((index * 37) % 5) * 30 + (extra.get(index) ?? 0);
const rowSize = (row: VirtualRow<unknown>) =>
  row.state.status === 'loaded' ? heightOf(row.index) : row.size;

async function mounted(total: number, estimateSize: (index: number) => number = () => ESTIMATE) {
  extra.clear();
  const { list, requested } = itemsList(total);
  const view = mount({
    list,
    layout: masonry,
    lanes: LANES,
    gap: GAP,
    estimateSize,
    text: title,
    rowSize,
    viewport: 600,
  });
  await vi.waitFor(() => expect(loadedText(view, 0)).toBe(item(0).title));
  await settled(() => view.view.getSnapshot().rows.reduce((sum, row) => sum + row.start, 0));
  return { ...view, requested };
}

/** Each rendered item's box relative to the content's start, by index. */
function boxes(list: Awaited<ReturnType<typeof mounted>>) {
  const origin = list.spacer.getBoundingClientRect();
  const laneWidth = origin.width / LANES;
  const out = new Map<number, { lane: number; top: number; bottom: number }>();
  for (const element of list.spacer.children) {
    const rect = element.getBoundingClientRect();
    const index = Number((element as HTMLElement).dataset.index);
    out.set(index, {
      lane: Math.round((rect.left - origin.left) / laneWidth),
      top: rect.top - origin.top,
      bottom: rect.bottom - origin.top,
    });
  }
  return out;
}

describe('layout: masonry', () => {
  it('packs each item into the shortest lane, in order, at its measured height; a chunk starts below its tallest lane', async () => {
    const list = await mounted(10_000);
    await vi.waitFor(() => expect(list.element(CHUNK)?.dataset.state).toBe('loaded'));
    await settled(() => list.spacer.getBoundingClientRect().height + (list.position(CHUNK) ?? 0));
    const placed = boxes(list);
    const ends = [0, 0, 0];
    for (let index = 0; index < CHUNK; index++) {
      const box = placed.get(index);
      expect(box, `item ${index} rendered`).toBeDefined();
      if (box === undefined) return;
      const shortest = ends.indexOf(Math.min(...ends));
      expect(box.lane, `item ${index}'s lane`).toBe(shortest);
      expect(box.top, `item ${index}'s top`).toBeCloseTo(ends[shortest] ?? 0, 1);
      expect(box.bottom - box.top, `item ${index}'s height`).toBeCloseTo(heightOf(index), 1);
      ends[shortest] = box.bottom + GAP;
    }
    // The lanes are uneven at the chunk's end; the next chunk starts below the tallest (plus the gap).
    expect(Math.max(...ends) - Math.min(...ends)).toBeGreaterThan(0);
    for (let lane = 0; lane < LANES; lane++) {
      expect(placed.get(CHUNK + lane)?.lane).toBe(lane);
      expect(placed.get(CHUNK + lane)?.top).toBeCloseTo(Math.max(...ends), 1);
    }
  });

  it('never overlaps two items of a lane, after scrolling through several chunks', async () => {
    const list = await mounted(10_000);
    let checked = 0;
    for (let step = 0; step < 12; step++) {
      list.viewport.scrollTop += 450;
      await settled(() => list.view.getScrollOffset() + list.view.getSnapshot().rows.length);
      const byLane: Array<Array<{ top: number; bottom: number; index: number }>> = [[], [], []];
      for (const [index, box] of boxes(list)) byLane[box.lane]?.push({ ...box, index });
      for (const lane of byLane) {
        lane.sort((a, b) => a.top - b.top);
        for (let i = 1; i < lane.length; i++) {
          const above = lane[i - 1];
          const below = lane[i];
          if (above === undefined || below === undefined) continue;
          expect(below.top, `item ${below.index} under item ${above.index}`).toBeGreaterThanOrEqual(
            above.bottom + GAP - 0.5,
          );
          expect(below.index).toBeGreaterThan(above.index); // a lane holds its items in order
          checked += 1;
        }
      }
    }
    expect(list.view.getScrollOffset()).toBeGreaterThan(4_000);
    expect(checked).toBeGreaterThan(100);
  });

  it.each([
    ['in the chunks above', 'earlier'],
    ["above it in the read item's own chunk", 'same'],
  ] as const)('holds the item read at the top when items %s are measured taller', async (_, where) => {
    const list = await mounted(10_000);
    list.view.scrollToIndex(300, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(list, 300)).toBe(item(300).title));
    await settled(() => list.position(300) ?? Number.NaN);
    list.viewport.scrollTop += 37; // the user's place, not an aligned one
    await settled(() => list.view.getScrollOffset());
    // The item read: the one spanning the viewport's top (first lane that has one).
    const top = list.viewport.getBoundingClientRect().top;
    const rendered = [...boxes(list)].sort(([a], [b]) => a - b);
    const read = rendered.find(([index]) => {
      const rect = list.element(index)?.getBoundingClientRect();
      return rect !== undefined && rect.top <= top && rect.bottom + GAP > top;
    })?.[0];
    expect(read).toBeDefined();
    if (read === undefined) return;
    const chunk = Math.floor(read / CHUNK);
    const before = list.position(read) ?? Number.NaN;
    const readBox = boxes(list).get(read);
    const grown = rendered
      .filter(([index, box]) =>
        where === 'earlier'
          ? Math.floor(index / CHUNK) < chunk
          : Math.floor(index / CHUNK) === chunk && index < read && box.bottom <= (readBox?.top ?? 0),
      )
      .map(([index]) => index);
    expect(grown.length).toBeGreaterThan(0);
    for (const index of grown) {
      extra.set(index, 40);
      const element = list.element(index);
      if (element !== undefined) element.style.height = `${heightOf(index)}px`; // measured by the ResizeObserver
    }
    await settled(() => list.view.getScrollOffset());
    await settled(() => list.position(read) ?? Number.NaN);
    expect(list.position(read)).toBeCloseTo(before, 0);
    // It was held, not left alone: it moved down in the content by what grew above it.
    expect((boxes(list).get(read)?.top ?? 0) - (readBox?.top ?? 0)).toBeGreaterThan(1);
  });

  it('scrollToIndex(50_000) lands on the item, fetching only its pages and packing a few chunks', async () => {
    let estimates = 0;
    const list = await mounted(1_000_000, () => {
      estimates += 1;
      return ESTIMATE;
    });
    list.requested.length = 0;
    estimates = 0;
    list.view.scrollToIndex(50_000, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(list, 50_000)).toBe(item(50_000).title));
    await settled(() => list.position(50_000) ?? Number.NaN);
    expect(list.position(50_000)).toBeCloseTo(0, 0);
    expect(list.requested.length).toBeGreaterThan(0);
    for (const offset of list.requested) expect(Math.abs(offset - 50_000)).toBeLessThan(1_000);
    // Positions before it are estimated per block of chunks: far fewer items packed than 50,000.
    expect(estimates).toBeLessThan(10_000);
    expect(list.spacer.children.length).toBeLessThan(4 * CHUNK);
  });

  it('refuses bad options with a TypeError naming the option, keeping the list and its data', async () => {
    const list = await mounted(10_000);
    const rows = list.view.getSnapshot().rows.length;
    for (const lanes of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => list.view.setOptions({ lanes })).toThrow(/"lanes"/);
    }
    expect(() => list.view.setOptions({ stickyIndexes: [0] })).toThrow(/"stickyIndexes"/);
    const { list: data } = itemsList(10);
    expect(() =>
      mount({ list: data, layout: 'grid' as unknown as 'rows', lanes: 3, estimateSize: () => 100 }),
    ).toThrow(/"layout"/);
    expect(() => mount({ list: data, layout: masonry, lanes: 0, estimateSize: () => 100 })).toThrow(
      /"lanes"/,
    );
    await frames(2);
    expect(list.view.getSnapshot().rows.length).toBe(rows);
    expect(loadedText(list, 0)).toBe(item(0).title);
  });

  it('regroups to other lanes (a resize) keeping every item in a lane of the new count', async () => {
    const list = await mounted(10_000);
    list.view.setOptions({ lanes: 2 });
    await settled(() => list.view.getSnapshot().rows.reduce((sum, row) => sum + row.start + row.lane, 0));
    const lanes = new Set(list.view.getSnapshot().rows.map((row) => row.lane));
    expect([...lanes].sort()).toEqual([0, 1]);
    expect(loadedText(list, 0)).toBe(item(0).title);
  });

  it('refuses another layout in setOptions (rows ⇄ masonry) with a TypeError naming layout, changing nothing', async () => {
    const list = await mounted(10_000);
    const before = list.view.getSnapshot();
    expect(() => list.view.setOptions({ layout: 'rows' })).toThrow(
      /"layout" must be the layout the view was created with \(masonry\)/,
    );
    list.view.setOptions({ layout: masonry, lanes: LANES }); // the same layout: accepted
    const { list: data } = itemsList(1_000);
    const rows = mount({ list: data, estimateSize: () => 36, text: title });
    await vi.waitFor(() => expect(loadedText(rows, 0)).toBe(item(0).title));
    const rowsBefore = rows.view.getSnapshot();
    expect(() => rows.view.setOptions({ layout: masonry })).toThrow(
      /"layout" must be the layout the view was created with \('rows'\)/,
    );
    rows.view.setOptions({ layout: 'rows' }); // 'rows' is the default: the same layout
    await frames(2);
    expect(list.view.getSnapshot()).toBe(before);
    expect(loadedText(list, 0)).toBe(item(0).title);
    expect(rows.view.getSnapshot().rows.map((row) => row.index)).toEqual(
      rowsBefore.rows.map((row) => row.index),
    );
    expect(rows.view.getSnapshot().rows.every((row) => row.lane === 0)).toBe(true);
    expect(loadedText(rows, 0)).toBe(item(0).title);
  });
});
