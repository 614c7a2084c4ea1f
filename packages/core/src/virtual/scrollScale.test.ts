import { describe, expect, it } from 'vitest';
import {
  idealPhysical,
  pastEnd,
  physicalFor,
  scrollScale,
  virtualAfterMove,
  virtualForJump,
  withViewport,
} from './scrollScale.ts';

const SIZES = [
  ['1,000,000 rows of 36 px', 36_000_000],
  ['100,000,000 rows of 36 px', 3_600_000_000],
  ['just over the cap', 15_000_601],
] as const;

describe('scrollScale', () => {
  it('is the identity while the content fits under the physical cap', () => {
    const scale = scrollScale(36_000_000, 600, 40_000_000);
    expect(scale.scaled).toBe(false);
    expect(scale.physicalSize).toBe(36_000_000);
    expect(physicalFor(scale, 1_234_567)).toEqual({ virtual: 1_234_567, physical: 1_234_567 });
    expect(physicalFor(scale, 1_234_567, { offset: 99, settled: true }).physical).toBe(1_234_567);
    expect(virtualForJump(scale, 99).virtual).toBe(99);
    expect(virtualAfterMove(scale, { virtual: 5, physical: 5 }, 20_005)).toBe(20_005);
  });

  it.each(SIZES)(
    'maps %s onto 15,000,000 px: monotone, inside the element, exact at both ends',
    (_, size) => {
      const scale = scrollScale(size, 600);
      expect(scale.scaled).toBe(true);
      expect(scale.physicalSize).toBe(15_000_000);
      expect(physicalFor(scale, 0).physical).toBe(0);
      expect(physicalFor(scale, scale.virtualMax).physical).toBe(scale.physicalMax);
      let previous = -1;
      for (let step = 0; step <= 1_000; step++) {
        const p = idealPhysical(scale, (scale.virtualMax * step) / 1_000);
        expect(p).toBeGreaterThanOrEqual(previous);
        expect(p).toBeLessThanOrEqual(scale.physicalMax);
        previous = p;
      }
    },
  );

  it.each(SIZES)(
    '%s: a drag lands where idealPhysical puts the element back (no write while dragging)',
    (_, size) => {
      const scale = scrollScale(size, 600);
      for (const fraction of [0, 0.001, 0.1, 0.25, 0.5, 0.9, 0.999, 1]) {
        const jump = virtualForJump(scale, Math.round(scale.physicalMax * fraction));
        expect(Math.abs(jump.virtual / scale.virtualMax - fraction)).toBeLessThan(0.01);
        expect(
          physicalFor(scale, jump.virtual, { offset: jump.virtual - jump.physical, settled: false }),
        ).toEqual(jump);
        expect(idealPhysical(scale, jump.virtual)).toBeCloseTo(jump.physical, 3);
      }
      expect(virtualForJump(scale, scale.physicalMax).virtual).toBe(scale.virtualMax);
      expect(virtualForJump(scale, 0).virtual).toBe(0);
    },
  );

  it.each([100, 500, 2_000, 20_000, -100, -500, -2_000, -20_000])(
    'a relative move of %i px moves the virtual position by exactly that, anywhere in a 100,000,000-row list',
    (delta) => {
      const scale = scrollScale(3_600_000_000, 600);
      for (const fraction of [0.00002, 0.0001, 0.3, 0.5, 0.9999, 0.99998]) {
        const start = physicalFor(scale, scale.virtualMax * fraction);
        const moved = start.physical + delta;
        const virtual = virtualAfterMove(scale, start, moved);
        const expected = Math.max(0, Math.min(scale.virtualMax, start.virtual + delta));
        expect(virtual).toBeCloseTo(expected, 6);
        // While the gesture lasts the element stays where the browser put it (no write).
        const kept = physicalFor(scale, virtual, { offset: start.virtual - start.physical, settled: false });
        if (virtual > scale.edge && virtual < scale.virtualMax - scale.edge)
          expect(kept.physical).toBe(moved);
      }
    },
  );

  it('keeps the element away from the edges the list has not reached, so a move is never clamped', () => {
    const scale = scrollScale(3_600_000_000, 600);
    // 200,000 px into the list the proportional place is near the top edge; the element stays ≥ edge.
    const start = physicalFor(scale, 200_000);
    expect(start.physical).toBeGreaterThanOrEqual(scale.edge);
    const up = start.physical - 20_000;
    expect(up).toBeGreaterThan(0);
    expect(virtualAfterMove(scale, start, up)).toBe(180_000);
    // Drifted 1:1 down to half the edge: put back at once, even mid-gesture.
    const drifted = physicalFor(scale, 180_000, { offset: 180_000 - scale.edge / 2 + 1, settled: false });
    expect(drifted.physical).toBe(Math.round(idealPhysical(scale, 180_000)));
  });

  it('once settled, puts back an element that drifted more than 1,000,000 px, and keeps a smaller drift', () => {
    const scale = scrollScale(3_600_000_000, 600);
    const start = physicalFor(scale, 1_800_000_000);
    const near = physicalFor(scale, 1_800_500_000, { offset: start.virtual - start.physical, settled: true });
    expect(near.physical).toBe(start.physical + 500_000);
    const far = physicalFor(scale, 1_801_500_000, { offset: start.virtual - start.physical, settled: true });
    expect(far.physical).toBe(Math.round(idealPhysical(scale, 1_801_500_000)));
    const scrolling = physicalFor(scale, 1_801_500_000, {
      offset: start.virtual - start.physical,
      settled: false,
    });
    expect(scrolling.physical).toBe(start.physical + 1_500_000);
  });

  it('while the element glides (decision 0087), keeps it where it moved anywhere inside its track, near the edges too', () => {
    const scale = scrollScale(36_000_000, 600);
    // An app's smooth scrollBy of -75,000 px from 108,000 px, the element at 82,241: it lands at 7,241.
    const offset = 108_000 - 82_241;
    expect(physicalFor(scale, 33_000, { offset, settled: false }).physical).toBe(33_000); // put back 1:1
    expect(physicalFor(scale, 33_000, { offset, settled: false, glide: true }).physical).toBe(7_241);
    // Frames further apart than the settle delay (a loaded page) do not end it: its scrollend does.
    expect(physicalFor(scale, 33_000, { offset, settled: true, glide: true }).physical).toBe(7_241);
    // The End key from the middle, 10,000 px before the element's end: left to reach it.
    const middle = physicalFor(scale, 18_000_000);
    const near = middle.virtual + scale.physicalMax - 10_000 - middle.physical;
    const keep = { offset: middle.virtual - middle.physical, settled: false };
    expect(physicalFor(scale, near, keep).physical).toBe(Math.round(idealPhysical(scale, near)));
    expect(physicalFor(scale, near, { ...keep, glide: true }).physical).toBe(scale.physicalMax - 10_000);
    // Where the element cannot be (rows measured while it glides), or at an edge: put back.
    expect(physicalFor(scale, 20_000, { offset, settled: false, glide: true }).physical).toBe(20_000);
    expect(physicalFor(scale, offset, { offset, settled: false, glide: true }).physical).toBe(offset);
  });

  it('reaching an edge of the element (Home, End, scrollTo(0)) reaches that end of the list', () => {
    const scale = scrollScale(36_000_000, 600);
    const middle = physicalFor(scale, 18_000_000);
    expect(virtualAfterMove(scale, middle, 0)).toBe(0);
    expect(virtualAfterMove(scale, middle, scale.physicalMax)).toBe(scale.virtualMax);
  });

  it('past the end (the page below a window-scroll list) is 1:1 from both ends, scaled or not', () => {
    for (const size of [36_000, 36_000_000]) {
      const scale = scrollScale(size, 800);
      expect(pastEnd(scale, 500)).toEqual({
        virtual: scale.virtualMax + 500,
        physical: scale.physicalMax + 500,
      });
      expect(pastEnd(scale, -20)).toEqual({ virtual: scale.virtualMax, physical: scale.physicalMax });
    }
  });
});

describe('withViewport', () => {
  it('is the mapping the list would have had in that viewport from the start', () => {
    for (const [size, from, to] of [
      [36_000_000, 0, 600],
      [3_600_000_000, 800, 390],
      [36_000, 0, 600],
      [20_000_000, 600, 0],
    ] as const) {
      expect(withViewport(scrollScale(size, from), from, to)).toEqual(scrollScale(size, to));
    }
  });
});
