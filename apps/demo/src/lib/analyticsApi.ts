// Typed fetch of `/api/analytics`. No React.
import type { AnalyticsRange } from '@lazyflow/mocks';
import { getJson } from './getJson.ts';

/** `GET /api/analytics`: requests, errors and p95 latency per `step` ms in `[from, to)`. */
export function fetchAnalytics(params: {
  from: number;
  to: number;
  step: number;
  signal: AbortSignal;
}): Promise<AnalyticsRange> {
  const { from, to, step, signal } = params;
  return getJson(`/api/analytics?from=${from}&to=${to}&step=${step}`, signal);
}
