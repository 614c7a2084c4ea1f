import { http } from 'msw';
import { type MetricPoint, metricPoint } from '../dataset.ts';
import { BadRequest, handle, intParam, json, timeRangeParams } from '../http.ts';

/** Body of `GET /api/metrics`. */
export interface MetricsRange {
  from: number;
  to: number;
  step: number;
  points: MetricPoint[];
}

/** The most points one request may ask for. */
export const MAX_POINTS = 10_000;

/**
 * `GET /api/metrics?from&to&step` (ms since the epoch; step in ms, default 60,000) →
 * `{ from, to, step, points }` with one point at every multiple of `step` in `[from, to)`,
 * so adjacent ranges never overlap and a cached bucket never needs refetching.
 */
export const metricsHandler = http.get('*/api/metrics', ({ request }) =>
  handle(
    request,
    (url) => {
      const { from, to } = timeRangeParams(url);
      const step = intParam(url, 'step', 60_000, { min: 1 });
      const count = Math.ceil(to / step) - Math.ceil(from / step);
      if (count > MAX_POINTS) {
        throw new BadRequest(
          `the range asks for ${count} points; at most ${MAX_POINTS} (use a larger "step")`,
        );
      }
      return { from, to, step };
    },
    ({ from, to, step }, faults) => {
      const points: MetricPoint[] = [];
      for (let t = Math.ceil(from / step) * step; t < to; t += step) points.push(metricPoint(t, step));
      return json({ from, to, step, points } satisfies MetricsRange, faults);
    },
  ),
);
