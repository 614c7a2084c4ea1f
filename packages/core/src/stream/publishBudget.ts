/**
 * How many parsed items the next frame publishes, steered from what frames cost. A frame's work is
 * two parts, both measured each frame: the part per item — the ring buffer and `onItems` (e.g. a
 * list's `append`), timed where they run — and the rest, paid once per frame whatever it carries
 * (the listeners' render, the layout it causes, the browser's rendering of the frame). Their
 * averages over the last frames give the count whose frame stays within the target: `budgetMs`,
 * or twice the fixed part when that is more (where rendering alone costs more than the budget,
 * smaller batches would only mean more frames, each paying it again). The limit at most halves
 * per frame, never below 50; it at most doubles, except where the fixed part alone is over the
 * budget: there what costs is the number of frames, and a frame carries that count at once, or
 * all that is pending when it publishes if fewer (decisions 0050 and 0051: a backlog doubled out
 * 250, 500, … 4,000 paid the fixed part once per step; the count pending a frame earlier held
 * the next frame at 507 of 7,751, issue #16 item 3). The stream's first frame is
 * left out: it mounts the list's first rows, runs code for the first time and lays out text in
 * fonts not used before (174–1,085 ms against 50–150 for the next ones in the bench's traces),
 * which says nothing about the frames after it. Where the fixed part alone is over the budget,
 * `gapMs` also spaces publishing frames out: what costs is their number (decision 0066).
 *
 * @example
 * const budget = createPublishBudget();
 * const n = budget.limit(pending.length); // publish n items now, the rest next frame
 * budget.record(n, frameMs, onItemsMs);
 */
export interface PublishBudget {
  /** Items to publish now out of `pending`. */
  limit(pending: number): number;
  /** What the last publish cost: `items` took `ms` in all, `itemsMs` of it in the ring and `onItems`. */
  record(items: number, ms: number, itemsMs: number): void;
  /**
   * How long after a publishing frame's start the next one may publish: 0 (the next frame), or,
   * where the fixed part alone is over the budget, three times the mean frame, so that publishing
   * takes at most a third of the page's time (decision 0066); under a flood (frames carrying 200
   * items or more on average, some 12,000 a second), at least 100 ms (decision 0081).
   */
  readonly gapMs: number;
}

/**
 * Default work per frame: well under the 50 ms at which a task counts as long, leaving room for
 * the browser's own style, layout and paint.
 */
const PUBLISH_BUDGET_MS = 32;
const FIRST_LIMIT = 250;
const MIN_ITEMS = 50;
/** Frames averaged over: enough to see through one noisy frame, few enough to follow a change. */
const AVERAGED_FRAMES = 6;
/** Over the budget whatever it carries, a publishing frame is followed by twice its length without one. */
const GAP_FRAMES = 3;
/**
 * A flood: frames carrying this many items on average. Its publishes are at least
 * {@link FLOOD_GAP_MS} apart, so the part each publish pays once (the list's append, the
 * render a transition does after it, decision 0081) is paid ten times a second, not sixty.
 */
const FLOOD_ITEMS = 200;
const FLOOD_GAP_MS = 100;

/**
 * A {@link PublishBudget} starting at 250 items per frame.
 *
 * @example
 * const budget = createPublishBudget(32);
 */
export function createPublishBudget(budgetMs = PUBLISH_BUDGET_MS): PublishBudget {
  let limit = FIRST_LIMIT;
  // Where the fixed part alone is over the budget: the count a frame may carry, applied to what
  // is pending when it publishes (a body read faster than frames come grows between two frames).
  let atOnce = 0;
  let first = true;
  let gapMs = 0;
  const frames: [items: number, fixedMs: number, itemsMs: number][] = [];
  return {
    get gapMs() {
      return gapMs;
    },
    limit(pending) {
      return Math.min(pending, Math.max(limit, atOnce));
    },
    record(items, ms, itemsMs) {
      if (items <= 0) return;
      if (first) {
        first = false;
        return;
      }
      const part = Math.min(Math.max(itemsMs, 0), ms);
      frames.push([items, ms - part, part]);
      if (frames.length > AVERAGED_FRAMES) frames.shift();
      let count = 0;
      let fixedMs = 0;
      let perItemMs = 0;
      for (const [n, fixed, inItems] of frames) {
        count += n;
        fixedMs += fixed / frames.length;
        perItemMs += inItems;
      }
      const frameMs = fixedMs + perItemMs / frames.length;
      perItemMs /= count;
      const target = Math.max(budgetMs, 2 * fixedMs);
      const wanted = perItemMs > 0 ? (target - fixedMs) / perItemMs : Number.POSITIVE_INFINITY;
      limit = Math.round(Math.max(MIN_ITEMS, limit / 2, Math.min(limit * 2, wanted)));
      // Over the budget whatever it carries: what costs is the number of frames.
      atOnce = fixedMs >= budgetMs ? Math.round(wanted) : 0;
      gapMs = Math.max(
        fixedMs >= budgetMs ? GAP_FRAMES * frameMs : 0,
        count / frames.length >= FLOOD_ITEMS ? FLOOD_GAP_MS : 0,
      );
    },
  };
}
