import { describe, expect, it } from 'vitest';
import { pageOffset, physicalFor, scrollScale, virtualForJump } from './scrollScale.ts';

describe('scrollScale', () => {
  it('is the identity while the content fits under the physical cap', () => {
    const scale = scrollScale(36_000_000, 600, 40_000_000);
    expect(scale.scaled).toBe(false);
    expect(scale.physicalSize).toBe(36_000_000);
    expect(physicalFor(scale, 1_234_567)).toEqual({ virtual: 1_234_567, physical: 1_234_567, page: 0 });
    expect(virtualForJump(scale, 99).virtual).toBe(99);
  });

  it.each([
    ['1,000,000 rows of 36 px', 36_000_000],
    ['100,000,000 rows of 36 px', 3_600_000_000],
    ['just over the cap', 15_000_601],
  ])('maps %s onto 15,000,000 px with matching ends and every page inside the physical range', (_, size) => {
    const scale = scrollScale(size, 600);
    expect(scale.scaled).toBe(true);
    expect(scale.physicalSize).toBe(15_000_000);
    expect(physicalFor(scale, 0).physical).toBe(0);
    expect(physicalFor(scale, scale.virtualMax).physical).toBeCloseTo(scale.physicalMax, 3);
    for (let page = 0; page < scale.pages; page += Math.max(1, Math.floor(scale.pages / 50))) {
      const first = (scale.virtualMax * page) / scale.pages;
      const last = (scale.virtualMax * (page + 1)) / scale.pages - 1e-3;
      for (const virtual of [first, last]) {
        const raw = virtual - pageOffset(scale, page);
        expect(raw).toBeGreaterThanOrEqual(-1e-3);
        expect(raw).toBeLessThanOrEqual(scale.physicalMax + 1e-3);
      }
    }
  });

  it('moves 1:1 inside a page: a 100 px relative step moves the physical position 100 px', () => {
    const scale = scrollScale(3_600_000_000, 600);
    const here = physicalFor(scale, 1_800_000_123);
    const next = physicalFor(scale, 1_800_000_223);
    if (next.page === here.page) expect(next.physical - here.physical).toBeCloseTo(100, 6);
    else expect(next.physical).toBeLessThan(here.physical);
  });

  it('maps jumps proportionally over the whole list and agrees with physicalFor afterwards', () => {
    const scale = scrollScale(3_600_000_000, 600);
    for (const fraction of [0, 0.1, 0.25, 0.5, 0.9, 0.999, 1]) {
      const jump = virtualForJump(scale, Math.round(scale.physicalMax * fraction)); // scrollTop is whole pixels
      expect(jump.virtual / scale.virtualMax).toBeCloseTo(fraction, 2);
      const back = physicalFor(scale, jump.virtual);
      expect(back.page).toBe(jump.page);
      expect(back.physical).toBeCloseTo(jump.physical, 3);
    }
    expect(virtualForJump(scale, scale.physicalMax).virtual).toBe(scale.virtualMax);
  });
});
