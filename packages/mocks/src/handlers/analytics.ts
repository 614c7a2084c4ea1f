import { http } from 'msw';
import { ANALYTICS_MINUTE, type AnalyticsBucket, analyticsBucket } from '../datasets/analyticsSeries.ts';
import { delay } from '../faults.ts';
import { BadRequest, handle, intParam, json, timeRangeParams } from '../http.ts';

/** Body of `GET /api/analytics`. */
export interface AnalyticsRange {
  from: number;
  to: number;
  step: number;
  /** One bucket at every multiple of `step` in `[from, to)`. */
  items: AnalyticsBucket[];
}

/** The most buckets one request may ask for. */
export const MAX_ANALYTICS_BUCKETS = 5_000;
/** The most minutes one request may aggregate (buckets × minutes per bucket). */
export const MAX_ANALYTICS_MINUTES = 1_000_000;

/**
 * `GET /api/analytics?from&to&step` (ms since the epoch; `step` a multiple of 60,000, default
 * 60,000) → `{ from, to, step, items }` with requests, errors and p95 latency per bucket at every
 * multiple of `step` in `[from, to)`. Adjacent ranges never overlap, so a range cut into fixed
 * buckets never needs a bucket twice. It answers after 120–400 ms (more for more minutes), plus
 * the latency fault.
 */
export const analyticsHandler = http.get('*/api/analytics', ({ request }) =>
  handle(
    request,
    (url) => {
      const { from, to } = timeRangeParams(url);
      const step = intParam(url, 'step', ANALYTICS_MINUTE, { min: ANALYTICS_MINUTE });
      if (step % ANALYTICS_MINUTE !== 0) {
        throw new BadRequest(`"step" must be a multiple of ${ANALYTICS_MINUTE} (one minute), got ${step}`);
      }
      const count = Math.ceil(to / step) - Math.ceil(from / step);
      if (count > MAX_ANALYTICS_BUCKETS || count * (step / ANALYTICS_MINUTE) > MAX_ANALYTICS_MINUTES) {
        throw new BadRequest(
          `the range asks for ${count} buckets of ${step / ANALYTICS_MINUTE} min; at most ` +
            `${MAX_ANALYTICS_BUCKETS} buckets and ${MAX_ANALYTICS_MINUTES} minutes`,
        );
      }
      return { from, to, step, minutes: count * (step / ANALYTICS_MINUTE) };
    },
    async ({ from, to, step, minutes }, faults, request) => {
      await delay(120 + Math.min(280, minutes / 1_000), request.signal);
      const items: AnalyticsBucket[] = [];
      for (let t = Math.ceil(from / step) * step; t < to; t += step) items.push(analyticsBucket(t, step));
      return json({ from, to, step, items } satisfies AnalyticsRange, faults);
    },
  ),
);
