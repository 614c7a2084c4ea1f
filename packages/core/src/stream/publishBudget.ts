/**
 * How many parsed items the next frame publishes, steered so that a frame's work — the ring
 * buffer, `onItems`, the listeners and what they render in the same task, measured each frame —
 * stays near its target: a frame over target halves the limit at most (toward what would have
 * fit), a full frame under it raises it toward what fits, at most 2× per frame; never below 50.
 * The target is `budgetMs`, or twice what a frame of 50 items costs when that is more:
 * where rendering alone costs more than the budget, smaller batches would only mean more frames,
 * each paying that cost again; with the target at twice it, a frame is at most twice what
 * rendering costs anyway and carries at least as much item work as fixed work (issue 16: one
 * frame used to publish everything pending in one task of ~440 ms).
 *
 * @example
 * const budget = createPublishBudget();
 * const n = budget.limit(pending.length); // publish n items now, the rest next frame
 * budget.record(n, msTaken);
 */
export interface PublishBudget {
  /** Items to publish now out of `pending`. */
  limit(pending: number): number;
  /** What the last publish cost: `items` took `ms`. */
  record(items: number, ms: number): void;
}

/**
 * Default work per frame: well under the 50 ms at which a task counts as long, leaving room for
 * the browser's own style, layout and paint.
 */
const PUBLISH_BUDGET_MS = 32;
const FIRST_LIMIT = 250;
const MIN_ITEMS = 50;

/**
 * A {@link PublishBudget} starting at 250 items per frame.
 *
 * @example
 * const budget = createPublishBudget(32);
 */
export function createPublishBudget(budgetMs = PUBLISH_BUDGET_MS): PublishBudget {
  let limit = FIRST_LIMIT;
  let smallFrameMs = 0;
  return {
    limit: (pending) => Math.min(pending, limit),
    record(items, ms) {
      if (items <= 0) return;
      if (items <= MIN_ITEMS) smallFrameMs = smallFrameMs === 0 ? ms : smallFrameMs * 0.7 + ms * 0.3;
      const target = Math.max(budgetMs, 2 * smallFrameMs);
      // A frame well under its limit and under target says little about a full one.
      if (ms <= target && items * 2 < limit) return;
      const fit = ms > 0 ? (items * target) / ms : limit * 2;
      limit = Math.round(Math.max(MIN_ITEMS, limit / 2, Math.min(limit * 2, fit)));
    },
  };
}
