import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoffDelay.ts';

describe('backoffDelay', () => {
  it.each([
    [1, 0, 50],
    [1, 0.999, 100],
    [2, 0, 100],
    [3, 0.5, 300],
    [10, 0, 1_000],
    [50, 0.999, 1_999],
  ])('retry %i with random %f waits %i ms (base 100, max 2000)', (attempt, r, expected) => {
    expect(backoffDelay(attempt, { baseDelayMs: 100, maxDelayMs: 2_000, random: () => r })).toBe(expected);
  });

  it('stays within [cap/2, cap] for random inputs', () => {
    for (let i = 0; i < 100; i++) {
      const delay = backoffDelay(4, { baseDelayMs: 10, maxDelayMs: 1e6 });
      expect(delay).toBeGreaterThanOrEqual(40);
      expect(delay).toBeLessThanOrEqual(80);
    }
  });
});
