import { describe, expect, it } from 'vitest';
import type { LazyListSnapshot } from '../list/LazyList.ts';
import { VelocityMeter } from '../planner/velocityMeter.ts';
import { scrollScale } from './scrollScale.ts';
import { SizeIndex } from './sizeIndex.ts';
import { buildSnapshot, firstWindow } from './virtualSnapshot.ts';

const ROW = 36;
const VIEWPORT = 720; // 20 rows

/** A loaded list of `count` numbers: only what `buildSnapshot` reads. */
function data(count: number): LazyListSnapshot<number> {
  return {
    count,
    prependedCount: 0,
    status: 'idle',
    error: null,
    stats: {},
    getItem: (index: number) => ({ status: 'loaded', item: index }),
  } as unknown as LazyListSnapshot<number>;
}

/** Rows rendered at scroll position `virtual` while scrolling forward at `velocity` items/s. */
function rendered(velocity: number, virtual = 36_000) {
  const sizes = new SizeIndex({ estimate: () => ROW });
  sizes.setDomain(0, 1_000_000);
  const snapshot = buildSnapshot({
    previous: null,
    data: data(1_000_000),
    sizes,
    scale: scrollScale(sizes.total, VIEWPORT),
    virtual,
    physical: virtual,
    viewport: VIEWPORT,
    lanes: 1,
    overscan: 5,
    velocity,
    direction: 'forward',
    isScrolling: velocity > 0,
    atEnd: false,
    newItems: 0,
    focusedKey: null,
  });
  return snapshot.rows.map((row) => row.index);
}

describe('buildSnapshot render-ahead', () => {
  it('renders the visible rows and the overscan only, at rest and in an ordinary scroll', () => {
    // Rows 1,000–1,019 are visible; 5 rows of overscan each side.
    const atRest = rendered(0);
    expect(atRest[0]).toBe(995);
    expect(atRest.at(-1)).toBe(1_024);
    // 5,000 px/s of 36-px rows is about 139 items/s (128 once rounded): two frames of travel
    // fit in the overscan, so not a row more is laid out in every frame.
    expect(rendered(128)).toEqual(atRest);
  });

  it('renders ahead of a fling, in its direction, at most three viewports', () => {
    // 4,096 items/s: two frames of travel are 137 rows, capped at three viewports (60 rows).
    const fling = rendered(4_096);
    expect(fling[0]).toBe(995);
    expect(fling.at(-1)).toBe(1_019 + 5 + 60);
    // 512 items/s: 18 rows in two frames, 13 of them beyond the overscan.
    expect(rendered(512).at(-1)).toBe(1_019 + 5 + 13);
  });
});

describe('VelocityMeter.rounded', () => {
  it('rounds the speed to a power of two, so small changes keep the same window', () => {
    const meter = new VelocityMeter();
    meter.track(0, 0, 1 / ROW);
    meter.track(83, 16, 1 / ROW); // 5,187 px/s: 144 items/s
    expect(meter.rounded).toBe(128);
    meter.track(90, 32, 1 / ROW); // a little faster: still 128
    expect(meter.rounded).toBe(128);
    meter.stop();
    expect(meter.rounded).toBe(0);
  });
});

describe('firstWindow', () => {
  it('asks for a viewport of rows from the row shown first, by the estimate', () => {
    const layout = { lanes: 1, prepended: 0, viewport: 600, estimateSize: () => ROW };
    expect(firstWindow(1_000, layout)).toEqual({ start: 1_000, end: 1_017 });
    expect(firstWindow(10, { ...layout, lanes: 3 })).toEqual({ start: 30, end: 81 });
    expect(firstWindow(-5, { ...layout, prepended: 20 })).toEqual({ start: 15, end: 32 });
  });
});
