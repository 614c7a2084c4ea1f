import { http } from 'msw';
import { DEFAULT_TOTAL, type Item, items, MAX_TOTAL } from '../dataset.ts';
import { handle, intParam, json } from '../http.ts';
import { MAX_LIMIT } from './items.ts';

/** Body of `GET /api/latest`: a page of a newest-first feed whose head grows. */
export interface LatestPage {
  /** Newest first: `items[0]` is the post at `offset`, counted from the newest. */
  items: Item[];
  /** Posts in the feed now (the starting `total` plus the posts added since). */
  total: number;
  /** How many posts were added at the head so far (the dataset's revision). */
  version: number;
}

/** The most posts a growing feed adds (its step is capped here). */
const MAX_GROW_STEPS = 1_000_000;

/** When each growth rate's clock started (its first request), in the process or page running the handlers. */
const clocks = new Map<number, number>();

/**
 * How many posts a feed growing by `rate` posts per second has added by `now`: the clock starts
 * at the first request for that rate. Growth is deterministic (post ids count up from `total`),
 * so it needs no seed.
 *
 * @example
 * growStepNow(2); // 0 at the first request, 20 ten seconds later
 */
export function growStepNow(rate: number, now = performance.now()): number {
  let started = clocks.get(rate);
  if (started === undefined) {
    started = now;
    clocks.set(rate, now);
  }
  return Math.min(MAX_GROW_STEPS, Math.floor(((now - started) / 1000) * rate));
}

/** Forgets the growth clocks (tests). */
export function resetGrowClocks(): void {
  clocks.clear();
}

/**
 * `GET /api/latest?offset&limit[&total][&grow|&growStep]` → `{ items, total, version }`: a feed
 * read newest first by offset (offset 0 is the newest post), whose head grows while it is read.
 * It starts with posts `0 … total-1`; `grow` (posts per second, from the first request for that
 * rate) adds posts `total, total+1, …` at the head, so every offset shifts by the posts added;
 * `growStep` fixes how many were added instead (tests). `version` is that number.
 *
 * @example
 * await fetch('/api/latest?offset=0&limit=20&grow=1'); // { items: [#999999+n, …], total: 1000000+n, version: n }
 */
export const latestHandler = http.get('*/api/latest', ({ request }) =>
  handle(
    request,
    (url) => ({
      total: intParam(url, 'total', DEFAULT_TOTAL, { min: 1, max: MAX_TOTAL }),
      offset: intParam(url, 'offset', 0, { max: MAX_TOTAL + MAX_GROW_STEPS }),
      limit: intParam(url, 'limit', 50, { min: 1, max: MAX_LIMIT }),
      grow: intParam(url, 'grow', 0, { max: 1_000 }),
      growStep: intParam(url, 'growStep', null, { max: MAX_GROW_STEPS }),
    }),
    ({ total, offset, limit, grow, growStep }, faults) => {
      const step = growStep ?? (grow > 0 ? growStepNow(grow) : 0);
      const size = total + step;
      const newest = size - 1;
      const end = Math.min(offset + limit, size);
      // Newest first: offset k is post `newest - k`.
      const page = offset < end ? items(newest - end + 1, newest - offset + 1).reverse() : [];
      return json({ items: page, total: size, version: step } satisfies LatestPage, faults);
    },
  ),
);
