// layout: masonry under odd items and options: more lanes than items, items of 0 px, one item
// taller than the viewport, lanes changed live, an
// eager array of another length.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import { eagerSource } from '../sources/eagerSource.ts';
import { frames, type MountedList, settled } from '../testing/mountVirtualList.ts';
import {
  cleanups,
  item,
  itemsList,
  loadedText,
  mount,
  runCleanups,
  title,
  windowErrors,
} from '../testing/virtualFixtures.ts';
import { masonry } from './masonry.ts';
import type { VirtualRow } from './virtualSnapshot.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(() => {
  vi.restoreAllMocks();
  runCleanups();
});

function mounted(total: number, heightOf: (index: number) => number, lanes: number, gap = 8, viewport = 600) {
  const { list } = itemsList(total);
  return mount({
    list,
    layout: masonry,
    lanes,
    gap,
    estimateSize: () => 100,
    text: title,
    rowSize: (row: VirtualRow<unknown>) => (row.state.status === 'loaded' ? heightOf(row.index) : row.size),
    viewport,
  });
}

/** Each rendered item's lane and box from the spacer's start. */
function boxes(view: Pick<MountedList<unknown>, 'spacer'>, lanes: number) {
  const origin = view.spacer.getBoundingClientRect();
  const out = new Map<number, { lane: number; top: number; bottom: number }>();
  for (const element of view.spacer.children) {
    const rect = element.getBoundingClientRect();
    out.set(Number((element as HTMLElement).dataset.index), {
      lane: Math.round((rect.left - origin.left) / (origin.width / lanes)),
      top: Math.round(rect.top - origin.top),
      bottom: Math.round(rect.bottom - origin.top),
    });
  }
  return out;
}

function overlaps(view: Pick<MountedList<unknown>, 'spacer'>, lanes: number): string[] {
  const byLane = new Map<number, { index: number; top: number; bottom: number }[]>();
  for (const [index, box] of boxes(view, lanes)) {
    const lane = byLane.get(box.lane) ?? [];
    lane.push({ index, ...box });
    byLane.set(box.lane, lane);
  }
  const found: string[] = [];
  for (const lane of byLane.values()) {
    lane.sort((a, b) => a.top - b.top);
    for (let i = 1; i < lane.length; i++) {
      const a = lane[i - 1];
      const b = lane[i];
      if (a !== undefined && b !== undefined && b.top < a.bottom) found.push(`${a.index}/${b.index}`);
    }
  }
  return found;
}

describe('layout: masonry (adversarial)', () => {
  it('more lanes than items: each item in its own lane, the content as tall as the tallest', async () => {
    const errors = windowErrors();
    const view = mounted(3, (index) => 50 + index * 40, 8);
    await vi.waitFor(() => expect(loadedText(view, 2)).toBe(item(2).title));
    await frames(3);
    const placed = boxes(view, 8);
    expect([...placed.values()].map((box) => box.lane).sort()).toEqual([0, 1, 2]);
    expect(view.view.getSnapshot().totalSize).toBe(130);
    expect(errors).toEqual([]);
  });

  it('items measured 0 px (kept at their estimate: the measurer skips 0, a hidden tab): nothing overlaps', async () => {
    const errors = windowErrors();
    const view = mounted(200, (index) => (index % 3 === 0 ? 0 : 80), 2, 0);
    await vi.waitFor(() => expect(loadedText(view, 0)).toBe(item(0).title));
    await settled(() => view.view.getSnapshot().totalSize);
    expect(overlaps(view, 2)).toEqual([]);
    view.viewport.scrollTop = 1e6;
    await settled(() => view.view.getSnapshot().totalSize + view.viewport.scrollTop);
    expect(overlaps(view, 2)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('an item taller than the viewport: scrolling through it keeps it on screen, the next items follow', async () => {
    const view = mounted(1_000, (index) => (index === 30 ? 5_000 : 120), 3);
    view.view.scrollToIndex(30, { align: 'start' });
    await vi.waitFor(() => expect(loadedText(view, 30)).toBe(item(30).title));
    await settled(() => view.position(30) ?? 0);
    const at = view.position(30) ?? Number.NaN;
    expect(at).toBeCloseTo(0, 0);
    for (let step = 1; step <= 6; step++) {
      view.viewport.scrollTop += 700;
      await settled(() => view.position(30) ?? 0);
      expect(view.position(30), `step ${step}`).toBeCloseTo(at - 700 * step, 0);
      expect(view.visible().includes(30) || step * 700 > 5_000).toBe(true);
    }
    expect(overlaps(view, 3)).toEqual([]);
  });

  it('lanes raised past the items then lowered, live: every item in a lane of the count, no overlap', async () => {
    const errors = windowErrors();
    const view = mounted(5, (index) => 60 + index * 10, 2);
    await vi.waitFor(() => expect(loadedText(view, 4)).toBe(item(4).title));
    for (const lanes of [7, 1, 4]) {
      view.view.setOptions({ lanes });
      await settled(() => view.view.getSnapshot().totalSize);
      await frames(2);
      const rows = view.view.getSnapshot().rows;
      expect(rows.map((row) => row.index).sort()).toEqual([0, 1, 2, 3, 4]);
      expect(rows.every((row) => row.lane < lanes)).toBe(true);
    }
    expect(errors).toEqual([]);
  });
});

describe('layout: masonry with data of another length (adversarial)', () => {
  it('an eager array cut from 2,000 to 10 items while deep in it, then 3,000: items in lanes, nothing overlaps', async () => {
    const errors = windowErrors();
    const make = (count: number, tag: string) =>
      Array.from({ length: count }, (_, id) => ({ id, title: `${tag} ${id}` }));
    const list = createLazyList({
      key: [`masonry-eager-${Math.random()}`],
      source: eagerSource(make(2_000, 'a')),
      getItemKey: (row) => row.id,
    });
    cleanups.push(() => list.destroy());
    const view = mount({
      list,
      layout: masonry,
      lanes: 3,
      gap: 8,
      estimateSize: () => 100,
      text: (row) => row.title,
      rowSize: (row: VirtualRow<unknown>) => 60 + (row.index % 4) * 40,
    });
    view.view.scrollToIndex(1_500, { align: 'start' });
    await vi.waitFor(() => expect(view.element(1_500)?.textContent).toBe('a 1500'));
    list.setOptions({ source: eagerSource(make(10, 'b')) });
    await vi.waitFor(() => expect(view.element(9)?.textContent).toBe('b 9'));
    await settled(() => view.view.getSnapshot().totalSize + view.viewport.scrollTop);
    expect(
      view.view
        .getSnapshot()
        .rows.map((row) => row.index)
        .sort((a, b) => a - b),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(view.viewport.scrollTop).toBeLessThanOrEqual(view.view.getSnapshot().totalSize);
    expect(overlaps(view, 3)).toEqual([]);
    list.setOptions({ source: eagerSource(make(3_000, 'c')) });
    await vi.waitFor(() => expect(view.view.getSnapshot().count).toBe(3_000));
    view.view.scrollToIndex(2_900, { align: 'start' });
    await vi.waitFor(() => expect(view.element(2_900)?.textContent).toBe('c 2900'));
    await settled(() => view.position(2_900) ?? 0);
    expect(view.position(2_900)).toBeCloseTo(0, 0);
    expect(overlaps(view, 3)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
