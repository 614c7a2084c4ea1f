/**
 * How many parsed items the next frame publishes, steered from what frames cost. A frame's work —
 * the ring buffer, `onItems`, the listeners and what they render in the same task, measured each
 * frame — is modelled as a fixed part (the list's commit and the layout it causes, paid once per
 * frame whatever it carries) plus a part per item, fitted (least squares) over the last frames.
 * The limit goes toward the count whose frame stays within the target: `budgetMs`, or twice the
 * fixed part when that is more (where rendering alone costs more than the budget, smaller batches
 * would only mean more frames, each paying it again). It at most halves or doubles per frame,
 * never below 50. The stream's first frame is left out of the fit: it mounts the list's first rows
 * and runs code for the first time (441 ms against ~100 for the next ones in the bench's trace,
 * issue #16 item 3), which says nothing about the frames after it.
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
/** Frames the cost model is fitted over: enough to see through one noisy frame, few enough to follow a change. */
const FITTED_FRAMES = 6;

/** A frame's cost as `fixedMs + perItemMs × items`. */
export interface FrameCost {
  readonly fixedMs: number;
  readonly perItemMs: number;
}

/**
 * The least-squares line through `frames` (`[items, ms]`), with both parts kept ≥ 0; null while
 * the frames all carried the same count (nothing tells the fixed part from the per-item one).
 *
 * @example
 * fitFrameCost([[100, 45], [200, 50]]); // { fixedMs: 40, perItemMs: 0.05 }
 */
export function fitFrameCost(frames: readonly (readonly [number, number])[]): FrameCost | null {
  const n = frames.length;
  if (n < 2) return null;
  let sumItems = 0;
  let sumMs = 0;
  for (const [items, ms] of frames) {
    sumItems += items;
    sumMs += ms;
  }
  const meanItems = sumItems / n;
  const meanMs = sumMs / n;
  let covariance = 0;
  let variance = 0;
  for (const [items, ms] of frames) {
    covariance += (items - meanItems) * (ms - meanMs);
    variance += (items - meanItems) ** 2;
  }
  if (variance === 0) return null;
  const slope = covariance / variance;
  // Frames that got cheaper with more items: noise around a fixed cost.
  if (slope <= 0) return { fixedMs: meanMs, perItemMs: 0 };
  const fixed = meanMs - slope * meanItems;
  // A line through 0 and below: the cost is all per item.
  if (fixed < 0) return { fixedMs: 0, perItemMs: sumMs / sumItems };
  return { fixedMs: fixed, perItemMs: slope };
}

/**
 * A {@link PublishBudget} starting at 250 items per frame.
 *
 * @example
 * const budget = createPublishBudget(32);
 */
export function createPublishBudget(budgetMs = PUBLISH_BUDGET_MS): PublishBudget {
  let limit = FIRST_LIMIT;
  let first = true;
  const frames: [number, number][] = [];
  return {
    limit: (pending) => Math.min(pending, limit),
    record(items, ms) {
      if (items <= 0) return;
      if (first) {
        first = false;
        return;
      }
      frames.push([items, ms]);
      if (frames.length > FITTED_FRAMES) frames.shift();
      const cost = fitFrameCost(frames);
      let wanted: number;
      if (cost === null) {
        // Frames of one count only: as many as would have fit the budget, in proportion (a frame
        // over it then carries another count, and the fit can tell the parts apart).
        wanted = ms > 0 ? (items * budgetMs) / ms : limit * 2;
      } else {
        const target = Math.max(budgetMs, 2 * cost.fixedMs);
        wanted = cost.perItemMs > 0 ? (target - cost.fixedMs) / cost.perItemMs : limit * 2;
      }
      limit = Math.round(Math.max(MIN_ITEMS, limit / 2, Math.min(limit * 2, wanted)));
    },
  };
}
