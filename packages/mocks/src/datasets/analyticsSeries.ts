// The analytics dataset (`/api/analytics`): a web service's traffic, minute by minute, from
// formulas and hashes, so any time range at any resolution is generated on demand and a coarse
// bucket is exactly the sum of the fine ones it covers (zooming never changes the totals).
import { hash32 } from '../dataset.ts';

/** One bucket `[t, t + step)` of the analytics series. */
export interface AnalyticsBucket {
  /** Bucket start, ms since the epoch (a multiple of the step). */
  t: number;
  /** Requests served in the bucket. */
  requests: number;
  /** Of those, requests that failed. */
  errors: number;
  /**
   * 95th-percentile latency in ms. Per minute it is the minute's p95; a coarser bucket reports
   * the request-weighted mean of its minutes' p95 (percentiles do not add up, and a real
   * rollup without sketches does the same).
   */
  p95Ms: number;
  /** Requests in the bucket's quietest and busiest minute. */
  lowRpm: number;
  peakRpm: number;
}

/** The series' resolution: the step of every request must be a multiple of it. */
export const ANALYTICS_MINUTE = 60_000;

const DAY_MINUTES = 1_440;
const unit = (n: number, salt: number) => hash32(n, salt) / 4294967296; // [0, 1)

/** Whether hour `h` (since the epoch) has an incident, and how bad it is (0 = none, 1–4). */
function incident(hour: number): number {
  return hash32(hour, 43) % 53 === 0 ? 1 + (hash32(hour, 44) % 4) : 0;
}

/**
 * The traffic of minute `m` (since the epoch): a daily cycle peaking at 15:00 UTC, quieter
 * weekends, a yearly swell, noise, and now and then an incident hour with errors and slow
 * responses.
 */
export function analyticsMinute(m: number): { requests: number; errors: number; p95Ms: number } {
  const dayPart = (m % DAY_MINUTES) / DAY_MINUTES;
  const day = Math.floor(m / DAY_MINUTES);
  const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  const daily = 1 + 0.6 * Math.sin(2 * Math.PI * (dayPart - 0.375));
  const weekly = weekday === 0 || weekday === 6 ? 0.65 : 1;
  const yearly = 1 + 0.15 * Math.sin((2 * Math.PI * day) / 365);
  const requests = Math.round(900 * daily * weekly * yearly * (0.92 + 0.16 * unit(m, 7)));
  const severity = incident(Math.floor(m / 60));
  const rate = 0.004 + 0.003 * unit(m, 8) + 0.03 * severity;
  const errors = Math.min(requests, Math.floor(requests * rate + unit(m, 9)));
  const p95Ms = Math.round(140 + 0.06 * requests + 25 * unit(m, 10) + 220 * severity);
  return { requests, errors, p95Ms };
}

/**
 * Bucket `[t, t + step)`: the sum of its minutes (`step` a multiple of {@link ANALYTICS_MINUTE}).
 *
 * @example
 * analyticsBucket(Date.UTC(2024, 0, 1), 3_600_000).requests; // requests in that hour
 */
export function analyticsBucket(t: number, step: number): AnalyticsBucket {
  const first = Math.floor(t / ANALYTICS_MINUTE);
  const minutes = Math.max(1, Math.round(step / ANALYTICS_MINUTE));
  let requests = 0;
  let errors = 0;
  let weighted = 0;
  let lowRpm = Number.POSITIVE_INFINITY;
  let peakRpm = 0;
  for (let m = first; m < first + minutes; m++) {
    const minute = analyticsMinute(m);
    requests += minute.requests;
    errors += minute.errors;
    weighted += minute.p95Ms * minute.requests;
    lowRpm = Math.min(lowRpm, minute.requests);
    peakRpm = Math.max(peakRpm, minute.requests);
  }
  return {
    t,
    requests,
    errors,
    p95Ms: requests === 0 ? 0 : Math.round(weighted / requests),
    lowRpm,
    peakRpm,
  };
}
