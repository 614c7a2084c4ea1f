import { describe, expect, it } from 'vitest';
import { createPublishBudget } from './publishBudget.ts';

describe('createPublishBudget', () => {
  it('starts at 250 items per frame and never hands out more than is pending', () => {
    const budget = createPublishBudget();
    expect(budget.limit(10_000)).toBe(250);
    expect(budget.limit(40)).toBe(40);
  });

  it.each<[string, [number, number][], number]>([
    // items and ms of successive frames (budget 8 ms) → the limit after them
    ['a frame at twice the budget halves the limit', [[250, 16]], 125],
    ['a frame far over budget halves it, not more', [[250, 500]], 125],
    ['a cheap frame doubles the limit, not more', [[250, 1]], 500],
    [
      'cheap frames double it each time',
      [
        [250, 1],
        [500, 1],
        [1000, 1],
      ],
      2000,
    ],
    [
      'it settles where the frame fits the budget (0.1 ms per item: 80)',
      [
        [250, 25],
        [125, 12.5],
        [80, 8],
        [80, 8],
      ],
      80,
    ],
    ['a small frame under budget says nothing about a full one', [[20, 1]], 250],
    ['a frame of 0 ms counts as cheap', [[250, 0]], 500],
  ])('%s', (_, frames, expected) => {
    const budget = createPublishBudget(8);
    for (const [items, ms] of frames) budget.record(items, ms);
    expect(budget.limit(1_000_000)).toBe(expected);
  });
});

describe('createPublishBudget against a cost model (frames of `cost(items)` ms, budget 32 ms)', () => {
  /** The limit after `frames` frames, each publishing the limit and taking `cost(items)` ms. */
  function settle(cost: (items: number) => number, frames = 80): number {
    const budget = createPublishBudget();
    for (let i = 0; i < frames; i++) {
      const items = budget.limit(1_000_000);
      budget.record(items, cost(items));
    }
    return budget.limit(1_000_000);
  }

  it.each<[string, (items: number) => number, number, number]>([
    ['2 ms + 0.05 ms per item: frames fill the budget (600 items)', (n) => 2 + 0.05 * n, 580, 600],
    [
      'rendering alone 40 ms (+ 0.05 ms per item): frames grow to twice a 50-item frame (900)',
      (n) => 40 + 0.05 * n,
      870,
      900,
    ],
    [
      '2 ms per item: never below 50, and a frame at most twice what 50 items cost (100)',
      (n) => 2 * n,
      100,
      100,
    ],
  ])('%s', (_, cost, min, max) => {
    const limit = settle(cost);
    expect(limit).toBeGreaterThanOrEqual(min);
    expect(limit).toBeLessThanOrEqual(max);
  });
});
