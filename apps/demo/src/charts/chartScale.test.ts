import { describe, expect, it } from 'vitest';
import { formatTimeTick, niceByteTicks, niceTicks, timeStep, timeTicks } from './chartScale.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('niceByteTicks', () => {
  const KB = 1024;
  it.each([
    [180_000, [0, 50 * KB, 100 * KB, 150 * KB, 200 * KB]],
    [1_075, [0, 0.5 * KB, KB, 1.5 * KB]],
    [900, [0, 500, 1000]],
    [3 * KB * KB, [0, KB * KB, 2 * KB * KB, 3 * KB * KB]],
    // 900 KB would end at 1,000 KB ('0.977 MB' on the axis): quarters of 1 MB instead.
    [900 * KB, [0, 256 * KB, 512 * KB, 768 * KB, KB * KB]],
    [1_010 * KB, [0, 256 * KB, 512 * KB, 768 * KB, KB * KB]],
  ])('up to %d bytes → %j', (max, ticks) => {
    expect(niceByteTicks(max, 4)).toEqual(ticks);
  });

  it('gives one tick at 0 for an empty or broken range', () => {
    expect(niceByteTicks(0)).toEqual([0]);
    expect(niceByteTicks(Number.NaN)).toEqual([0]);
  });
});

describe('niceTicks', () => {
  it.each([
    [0, 87, 4, [0, 50, 100]],
    [0, 100, 4, [0, 50, 100]],
    [0, 100, 5, [0, 20, 40, 60, 80, 100]],
    [0.2, 0.9, 4, [0.2, 0.4, 0.6, 0.8, 1]],
    [12, 13, 4, [12, 12.5, 13]],
    [-30, 30, 4, [-40, -20, 0, 20, 40]],
    [0, 2_000_000, 4, [0, 500_000, 1_000_000, 1_500_000, 2_000_000]],
  ])('%d–%d in %d steps → %j', (min, max, count, ticks) => {
    expect(niceTicks(min, max, count)).toEqual(ticks);
  });

  it('covers the range: the first tick is at or below min, the last at or above max', () => {
    for (const [min, max] of [
      [3, 97],
      [0.013, 0.0721],
      [1_234, 98_765],
    ] as const) {
      const ticks = niceTicks(min, max, 4);
      expect(ticks[0]).toBeLessThanOrEqual(min);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(4 + 2);
    }
  });

  it('gives one tick for an empty range and none for a non-finite one', () => {
    expect(niceTicks(5, 5)).toEqual([5]);
    expect(niceTicks(0, Number.NaN)).toEqual([]);
  });
});

describe('timeTicks', () => {
  it('steps through whole hours on a six-hour view', () => {
    const from = Date.UTC(2024, 0, 1, 0, 10);
    expect(timeStep(from, from + 6 * HOUR, 5)).toBe(3 * HOUR);
    expect(timeTicks(from, Date.UTC(2024, 0, 1, 6), 5)).toEqual([
      Date.UTC(2024, 0, 1, 3),
      Date.UTC(2024, 0, 1, 6),
    ]);
  });

  it('keeps the same ticks while the view pans (multiples of the step, not offsets from the edge)', () => {
    const from = Date.UTC(2024, 2, 4);
    const a = timeTicks(from, from + DAY, 6);
    const b = timeTicks(from + HOUR, from + DAY + HOUR, 6);
    expect(b.filter((t) => a.includes(t)).length).toBeGreaterThanOrEqual(a.length - 1);
  });

  it('uses weeks on a year', () => {
    const from = Date.UTC(2024, 0, 1);
    const step = timeStep(from, from + 364 * DAY, 6);
    expect(step).toBeGreaterThanOrEqual(28 * DAY);
    expect(timeTicks(from, from + 364 * DAY, 6).length).toBeLessThanOrEqual(6);
  });
});

describe('formatTimeTick', () => {
  it.each([
    [Date.UTC(2024, 2, 4, 13), HOUR, '13:00'],
    [Date.UTC(2024, 2, 4, 13, 5), 5 * 60_000, '13:05'],
    [Date.UTC(2024, 2, 5), 6 * HOUR, 'Mar 5'],
    [Date.UTC(2024, 2, 5), 7 * DAY, 'Mar 5'],
    [Date.UTC(2024, 4, 12), 56 * DAY, 'May 2024'],
  ])('%d at a step of %d → %s', (t, step, text) => {
    expect(formatTimeTick(t, step)).toBe(text);
  });
});
