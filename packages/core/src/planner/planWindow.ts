import type { ListWindow } from './listWindow.ts';

/** How urgently a page is wanted: on screen, near the screen, or asked for explicitly. */
export type PagePriority = 'visible' | 'prefetch' | 'background';

/** One page the scheduler should fetch, in the plan's order (visible pages, then nearest first). */
export interface PageRequest {
  readonly page: number;
  readonly priority: PagePriority;
}

/** An inclusive range of page indexes. */
export interface PageRange {
  readonly first: number;
  readonly last: number;
}

/** Inputs to {@link planWindow}. Units are whatever the window is measured in. */
export interface PlanWindowInput {
  readonly window: ListWindow;
  /** Window units per page (items per page, or key units per bucket). */
  readonly pageSize: number;
  /** Known unit count; `undefined` when unknown (no upper bound from the count). */
  readonly count?: number | undefined;
  /** Lowest page that exists; default 0. Cursor and range sources pass lower values. */
  readonly minPage?: number | undefined;
  /** Highest page that exists (inclusive); combined with `count`. */
  readonly maxPage?: number | undefined;
  /** Pages kept warm beyond the window on each side, on average. */
  readonly prefetch: number;
  /** Above this |velocity| (units/second) the window is flinging: nothing new is requested. Default Infinity. */
  readonly flingVelocity?: number | undefined;
  /** Pages that need no request (loaded, or failed and waiting for `retry()`). A Set works. */
  readonly loaded: { has(page: number): boolean };
  /** Pages with a request queued or running. */
  readonly inFlight: ReadonlySet<number>;
}

/** What {@link planWindow} decided. */
export interface WindowPlan {
  /** Pages the window covers, or null for an empty window / a window past the end. */
  readonly visible: PageRange | null;
  /** Visible pages plus prefetch; in-flight pages outside it are cancelled. */
  readonly zone: PageRange | null;
  readonly fling: boolean;
  /** Ordered: visible first (in scroll order), then prefetch nearest first, ahead before behind. */
  readonly requests: readonly PageRequest[];
  /** In-flight pages to abort, ascending. */
  readonly cancel: readonly number[];
}

/**
 * Splits a prefetch budget of `2 × prefetch` pages into ahead/behind, favouring the scroll
 * direction: ahead = prefetch + ⌊prefetch/2⌋, behind = the rest (1→1/1, 2→3/1, 4→6/2).
 *
 * @example
 * prefetchSplit(2); // { ahead: 3, behind: 1 }
 */
export function prefetchSplit(prefetch: number): { ahead: number; behind: number } {
  const ahead = prefetch + Math.floor(prefetch / 2);
  return { ahead, behind: 2 * prefetch - ahead };
}

/**
 * Pure planner: from the window, prefetch distance, velocity, count and what is already
 * loaded or in flight, decides which pages to request (ordered) and which to cancel.
 * Cost grows with the number of pages in the window plus prefetch, never with `count`.
 *
 * @example
 * const plan = planWindow({
 *   window: { start: 500_000, end: 500_040, direction: 'forward', velocity: 0 },
 *   pageSize: 100, count: 1_000_000, prefetch: 2, loaded: new Set(), inFlight: new Set(),
 * });
 * plan.requests.map((r) => r.page); // [5000, 5001, 4999, 5002, 5003]
 */
export function planWindow(input: PlanWindowInput): WindowPlan {
  const { window, pageSize, loaded, inFlight } = input;
  // A window without prefetch (a scrollbar thumb held still) keeps only its own pages.
  const prefetch = window.prefetch === false ? 0 : input.prefetch;
  const minPage = input.minPage ?? 0;
  const countLast =
    input.count === undefined ? Number.POSITIVE_INFINITY : Math.ceil(input.count / pageSize) - 1;
  const maxPage = Math.min(input.maxPage ?? Number.POSITIVE_INFINITY, countLast);
  const fling = Math.abs(window.velocity) > (input.flingVelocity ?? Number.POSITIVE_INFINITY);

  const first = Math.max(minPage, Math.floor(window.start / pageSize));
  const last = Math.min(maxPage, Math.ceil(window.end / pageSize) - 1);
  if (window.end <= window.start || first > last) {
    return { visible: null, zone: null, fling, requests: [], cancel: [...inFlight].sort(byNumber) };
  }
  const visible: PageRange = { first, last };
  const { ahead, behind } = prefetchSplit(prefetch);
  const forward = window.direction === 'forward';
  const after = forward ? ahead : behind;
  const before = forward ? behind : ahead;
  const zone: PageRange = {
    first: Math.max(minPage, first - before),
    last: Math.min(maxPage, last + after),
  };

  const requests: PageRequest[] = [];
  const want = (page: number, priority: PagePriority): void => {
    if (page < minPage || page > maxPage || loaded.has(page) || inFlight.has(page)) return;
    requests.push({ page, priority });
  };
  // A fling passes pages faster than they load: request none of them (the view shows
  // placeholders) and load where the window settles, i.e. the next window below flingVelocity.
  if (!fling) {
    if (forward) for (let page = first; page <= last; page++) want(page, 'visible');
    else for (let page = last; page >= first; page--) want(page, 'visible');
    const aheadOf = (d: number): number => (forward ? last + d : first - d);
    const behindOf = (d: number): number => (forward ? first - d : last + d);
    for (let d = 1; d <= Math.max(ahead, behind); d++) {
      if (d <= ahead) want(aheadOf(d), 'prefetch');
      if (d <= behind) want(behindOf(d), 'prefetch');
    }
  }

  const keep = fling ? visible : zone;
  const cancel = [...inFlight].filter((page) => page < keep.first || page > keep.last).sort(byNumber);
  return { visible, zone, fling, requests, cancel };
}

function byNumber(a: number, b: number): number {
  return a - b;
}
