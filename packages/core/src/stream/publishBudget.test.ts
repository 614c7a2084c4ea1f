import { describe, expect, it } from 'vitest';
import { createPublishBudget, fitFrameCost } from './publishBudget.ts';

describe('createPublishBudget', () => {
  it('starts at 250 items per frame and never hands out more than is pending', () => {
    const budget = createPublishBudget();
    expect(budget.limit(10_000)).toBe(250);
    expect(budget.limit(40)).toBe(40);
  });

  it.each<[string, [number, number][], number]>([
    // items and ms of successive frames (budget 8 ms; the stream's first frame is not fitted) → the limit after them
    ['the first frame (first rows mounted, code run once) changes nothing', [[250, 500]], 250],
    [
      'a frame at twice the budget halves the limit',
      [
        [250, 1],
        [250, 16],
      ],
      125,
    ],
    [
      'a frame far over budget halves it, not more',
      [
        [250, 1],
        [250, 500],
      ],
      125,
    ],
    [
      'a cheap frame doubles the limit, not more',
      [
        [250, 1],
        [250, 1],
      ],
      500,
    ],
    [
      'cheap frames double it each time',
      [
        [250, 1],
        [250, 1],
        [500, 1],
        [1000, 1],
      ],
      2000,
    ],
    [
      'it settles where the frame fits the budget (0.1 ms per item: 80)',
      [
        [250, 500],
        [250, 25],
        [125, 12.5],
        [80, 8],
        [80, 8],
      ],
      80,
    ],
    [
      'frames that cost the same whatever they carry grow (fixed cost 100 ms, as the bench page)',
      [
        [250, 441],
        [250, 170],
        [125, 170],
        [250, 165],
      ],
      500,
    ],
    [
      'a frame of 0 ms counts as cheap',
      [
        [250, 0],
        [250, 0],
      ],
      500,
    ],
  ])('%s', (_, frames, expected) => {
    const budget = createPublishBudget(8);
    for (const [items, ms] of frames) budget.record(items, ms);
    expect(budget.limit(1_000_000)).toBe(expected);
  });
});

describe('fitFrameCost', () => {
  it.each<[string, [number, number][], ReturnType<typeof fitFrameCost>]>([
    ['one frame: nothing to fit', [[100, 40]], null],
    [
      'frames of one count: nothing tells the parts apart',
      [
        [100, 40],
        [100, 60],
      ],
      null,
    ],
    [
      'a fixed part and a part per item',
      [
        [100, 45],
        [200, 50],
      ],
      { fixedMs: 40, perItemMs: 0.05 },
    ],
    [
      'cheaper with more items: a fixed cost (their mean)',
      [
        [100, 60],
        [200, 40],
      ],
      { fixedMs: 50, perItemMs: 0 },
    ],
    [
      'a line below 0: all per item',
      [
        [100, 10],
        [200, 100],
      ],
      { fixedMs: 0, perItemMs: 0.11 / 0.3 },
    ],
  ])('%s', (_, frames, expected) => {
    const cost = fitFrameCost(frames);
    if (expected === null) expect(cost).toBeNull();
    else {
      expect(cost?.fixedMs).toBeCloseTo(expected.fixedMs, 6);
      expect(cost?.perItemMs).toBeCloseTo(expected.perItemMs, 6);
    }
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
      'rendering alone 40 ms (+ 0.05 ms per item): frames grow to twice the fixed part (800)',
      (n) => 40 + 0.05 * n,
      780,
      820,
    ],
    [
      'rendering alone 100 ms (+ 0.001 ms per item, the bench page): frames carry what is pending',
      (n) => 100 + 0.001 * n,
      100_000,
      1_000_000,
    ],
    ['2 ms per item, no fixed part: never below 50', (n) => 2 * n, 50, 50],
  ])('%s', (_, cost, min, max) => {
    const limit = settle(cost);
    expect(limit).toBeGreaterThanOrEqual(min);
    expect(limit).toBeLessThanOrEqual(max);
  });
});
