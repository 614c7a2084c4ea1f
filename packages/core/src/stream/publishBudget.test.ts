import { describe, expect, it } from 'vitest';
import { createPublishBudget } from './publishBudget.ts';

describe('createPublishBudget', () => {
  it('starts at 250 items per frame and never hands out more than is pending', () => {
    const budget = createPublishBudget();
    expect(budget.limit(10_000)).toBe(250);
    expect(budget.limit(40)).toBe(40);
  });

  it.each<[string, [number, number, number][], number]>([
    // items, ms in all and ms in the ring and onItems of successive frames (budget 8 ms, 1,000,000
    // pending each time; the stream's first frame is not counted) → the limit after them
    ['the first frame (first rows mounted, code run once) changes nothing', [[250, 500, 10]], 250],
    [
      'a cheap frame doubles the limit, not more',
      [
        [250, 1, 0],
        [250, 1, 0.5],
      ],
      500,
    ],
    [
      'cheap frames double it each time',
      [
        [250, 1, 0],
        [250, 1, 0.1],
        [500, 1, 0.2],
        [1000, 1, 0.4],
      ],
      2000,
    ],
    [
      'a frame over budget by its items halves it',
      [
        [250, 1, 0],
        [250, 16, 15],
      ],
      125,
    ],
    [
      'a frame far over budget by its items halves it, not more',
      [
        [250, 1, 0],
        [250, 500, 499],
      ],
      125,
    ],
    [
      'it settles where the frame fits the budget (0.1 ms per item: 80)',
      [
        [250, 500, 25],
        [250, 25, 25],
        [125, 12.5, 12.5],
        [80, 8, 8],
        [80, 8, 8],
      ],
      80,
    ],
    [
      'a frame over budget whatever it carries: up to twice its fixed part at once (100 + 0.01 per item: 10,000)',
      [
        [250, 441, 20],
        [250, 102.5, 2.5],
      ],
      10_000,
    ],
    [
      // The bench's trace (issue #16 item 3): 250 items in 123 ms, 125 in 87 ms, the items 1–2 ms of
      // each. A line through the whole frames read 0.29 ms per item and held 173 items a frame.
      'whole frames that vary with the load do not count as a cost per item',
      [
        [250, 562, 20],
        [250, 123, 2],
        [125, 87, 1],
      ],
      12_938,
    ],
    [
      'a frame of 0 ms counts as cheap',
      [
        [250, 0, 0],
        [250, 0, 0],
      ],
      500,
    ],
  ])('%s', (_, frames, expected) => {
    const budget = createPublishBudget(8);
    for (const [items, ms, itemsMs] of frames) {
      budget.limit(1_000_000);
      budget.record(items, ms, itemsMs);
    }
    expect(budget.limit(1_000_000)).toBe(expected);
  });

  it('publishes a backlog in one frame once frames cost the same whatever they carry (fixed part over the budget)', () => {
    const budget = createPublishBudget();
    const published: number[] = [];
    let pending = 10_000;
    for (const ms of [400, 105, 110]) {
      const items = budget.limit(pending);
      published.push(items);
      pending -= items;
      budget.record(items, ms, items * 0.008);
    }
    // 250 (the first frame, not counted), 250, then all that is left: one frame of ~180 ms
    // instead of 125, 250, 500, … 4,000.
    expect(published).toEqual([250, 250, 9_500]);
    expect(pending).toBe(0);
  });

  it('takes what is pending when the frame publishes, not when the last one did (a body read between frames)', () => {
    // The bench's trace (issue #16 item 3): 507 pending at the second frame, 7,751 at the third,
    // which published 507 (the count pending at the frame before).
    const budget = createPublishBudget();
    const published: number[] = [];
    for (const [pending, ms] of [
      [500, 400],
      [507, 90],
      [7_751, 95],
    ] as const) {
      const items = budget.limit(pending);
      published.push(items);
      budget.record(items, ms, items * 0.005);
    }
    expect(published).toEqual([250, 250, 7_751]);
  });

  it('spaces publishing frames by three mean frames while the fixed part alone is over the budget (decision 0066)', () => {
    const budget = createPublishBudget(32);
    expect(budget.gapMs).toBe(0);
    budget.record(150, 500, 10); // the stream's first frame: not counted
    budget.record(150, 20, 5); // fixed part 15 ms: under the budget
    expect(budget.gapMs).toBe(0);
    // The bench's 100,000-event page: frames of 60–115 ms at CPU ×4 whatever they carry.
    budget.record(150, 100, 10); // fixed parts 15 and 90 ms (mean 52.5), items 7.5 ms a frame
    expect(budget.gapMs).toBe(180);
    for (let i = 0; i < 6; i++) budget.record(150, 3, 1); // cheap frames again
    expect(budget.gapMs).toBe(0);
  });

  it('spaces publishes 100 ms apart under a flood, whatever frames cost (decision 0081)', () => {
    const budget = createPublishBudget(32);
    budget.record(250, 500, 10); // the stream's first frame: not counted
    budget.record(150, 3, 1);
    expect(budget.gapMs).toBe(0); // 150 items a frame: no flood
    budget.record(200, 3, 1);
    expect(budget.gapMs).toBe(0); // a mean of 175
    budget.record(300, 3, 1);
    expect(budget.gapMs).toBe(100); // a mean of 217: frames cheap (a list rendering in a transition), but many items
    budget.record(2_000, 300, 1); // a frame over the budget whatever it carries: its own gap is longer
    expect(budget.gapMs).toBeGreaterThan(100);
    for (let i = 0; i < 6; i++) budget.record(20, 3, 1); // the stream calms down
    expect(budget.gapMs).toBe(0);
  });

  it('takes an itemsMs above ms (clock steps) as all of the frame', () => {
    const budget = createPublishBudget(8);
    budget.record(250, 1, 0);
    budget.record(250, 16, 40);
    expect(budget.limit(1_000_000)).toBe(125);
  });
});

describe('createPublishBudget against a cost model (frames of `fixed + perItem × items` ms, budget 32 ms)', () => {
  /** The limit after `frames` frames, each publishing the limit of 1,000,000 pending items. */
  function settle(fixed: number, perItem: number, frames = 80): number {
    const budget = createPublishBudget();
    for (let i = 0; i < frames; i++) {
      const items = budget.limit(1_000_000);
      budget.record(items, fixed + perItem * items, perItem * items);
    }
    return budget.limit(1_000_000);
  }

  it.each<[string, number, number, number]>([
    ['2 ms + 0.05 ms per item: frames fill the budget', 2, 0.05, 600],
    ['rendering alone 40 ms (+ 0.05 ms per item): frames grow to twice the fixed part', 40, 0.05, 800],
    ['rendering alone 100 ms (+ 0.001 ms per item, the bench page)', 100, 0.001, 100_000],
    ['rendering alone 100 ms, nothing per item: frames carry what is pending', 100, 0, 1_000_000],
    ['2 ms per item, no fixed part: never below 50', 0, 2, 50],
  ])('%s', (_, fixed, perItem, expected) => {
    expect(settle(fixed, perItem)).toBe(expected);
  });
});
