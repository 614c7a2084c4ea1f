import { describe, expect, it } from 'vitest';
import { analyticsBucket, analyticsMinute } from './analyticsSeries.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const T0 = Date.UTC(2024, 2, 4); // a Monday

describe('analytics series', () => {
  it('makes a coarse bucket exactly the sum of the fine buckets it covers', () => {
    const hour = analyticsBucket(T0 + 9 * HOUR, HOUR);
    const minutes = Array.from({ length: 60 }, (_, k) => analyticsBucket(T0 + 9 * HOUR + k * MINUTE, MINUTE));
    expect(hour.requests).toBe(minutes.reduce((sum, b) => sum + b.requests, 0));
    expect(hour.errors).toBe(minutes.reduce((sum, b) => sum + b.errors, 0));
    expect(hour.peakRpm).toBe(Math.max(...minutes.map((b) => b.requests)));
    expect(hour.lowRpm).toBe(Math.min(...minutes.map((b) => b.requests)));
    const quarters = [0, 1, 2, 3].map((k) => analyticsBucket(T0 + 9 * HOUR + k * 15 * MINUTE, 15 * MINUTE));
    expect(quarters.reduce((sum, b) => sum + b.requests, 0)).toBe(hour.requests);
  });

  it('is deterministic and never has more errors than requests', () => {
    expect(analyticsBucket(T0, 6 * HOUR)).toEqual(analyticsBucket(T0, 6 * HOUR));
    for (let m = 0; m < 5_000; m += 7) {
      const minute = analyticsMinute(28_000_000 + m);
      expect(minute.errors).toBeLessThanOrEqual(minute.requests);
      expect(minute.requests).toBeGreaterThan(0);
    }
  });

  it('peaks in the afternoon, dips at night and on weekends', () => {
    const day = (offset: number) => analyticsBucket(T0 + offset * 24 * HOUR, 24 * HOUR).requests;
    expect(analyticsBucket(T0 + 15 * HOUR, HOUR).requests).toBeGreaterThan(
      2 * analyticsBucket(T0 + 3 * HOUR, HOUR).requests,
    );
    expect(day(5)).toBeLessThan(0.8 * day(2)); // Saturday vs Wednesday
  });

  it('has incident hours with error spikes and slow responses', () => {
    const hours = Array.from({ length: 30 * 24 }, (_, h) => analyticsBucket(T0 + h * HOUR, HOUR));
    const rates = hours.map((b) => b.errors / b.requests);
    const spikes = hours.filter((_, k) => (rates[k] ?? 0) > 0.02);
    expect(spikes.length).toBeGreaterThan(3);
    const calm = hours.filter((_, k) => (rates[k] ?? 0) < 0.01);
    const mean = (list: typeof hours) => list.reduce((sum, b) => sum + b.p95Ms, 0) / list.length;
    expect(mean(spikes)).toBeGreaterThan(mean(calm) + 150);
  });
});
