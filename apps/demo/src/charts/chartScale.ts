// Pure arithmetic of the demo's charts: round tick values for a value axis, calendar-aligned
// ticks for a time axis, and their labels. The SVG chart and the canvas charts share them.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Steps a time axis may use, shortest first. */
const TIME_STEPS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  28 * DAY,
  56 * DAY,
  91 * DAY,
] as const;

/**
 * Round values from `min` to `max` for a value axis: a step of 1, 2 or 5 × 10ⁿ giving at most
 * `count` intervals, the first tick at or below `min` and the last at or above `max`.
 *
 * @example
 * niceTicks(0, 87, 4); // [0, 50, 100]
 * niceTicks(0.2, 0.9, 4); // [0.2, 0.4, 0.6, 0.8, 1]
 */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max < min) return niceTicks(max, min, count);
  if (max === min) return [min];
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].find((m) => m * power >= rough) ?? 10) * power;
  const first = Math.floor(min / step + 1e-9);
  const last = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  // Multiples of the step, rounded to drop float noise (0.30000000000000004).
  for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/**
 * Round ticks from 0 to at least `max` bytes in the unit a byte count is read in (powers of
 * 1024: B, KB, MB…), so a memory axis reads 0 B, 50.0 KB, 100 KB rather than 48.8 KB, 97.7 KB
 * (decimal steps shown in binary units).
 *
 * @example
 * niceByteTicks(180_000, 4); // [0, 51_200, 102_400, 153_600, 204_800]: 0 B, 50 KB … 200 KB
 */
export function niceByteTicks(max: number, count = 4): number[] {
  if (!Number.isFinite(max) || max <= 0) return [0];
  const unit = 1024 ** Math.max(0, Math.floor(Math.log(max) / Math.log(1024)));
  const ticks = niceTicks(0, max / unit, count).map((tick) => tick * unit);
  // A top tick of 1,000 KB would read '0.977 MB' (too wide for the axis, and not round): from
  // 1,000 of a unit the axis goes in quarters of the next one (256 KB, 512 KB, 768 KB, 1 MB).
  const top = ticks.at(-1) ?? 0;
  if (unit > 1 && top >= 1000 * unit) return [0, 256, 512, 768, 1024].map((k) => k * unit);
  return ticks;
}

/** The step of a time axis over `[from, to)` giving at most `count` ticks. */
export function timeStep(from: number, to: number, count = 5): number {
  const span = Math.max(1, to - from);
  return TIME_STEPS.find((step) => span / step <= count) ?? 91 * DAY;
}

/**
 * Times in `[from, to]` on multiples of the axis step, counted from 1970-01-01 UTC: whole
 * minutes, hours or days, so ticks stay put while the view pans.
 *
 * @example
 * timeTicks(Date.UTC(2024, 0, 1, 0, 10), Date.UTC(2024, 0, 1, 6), 5); // 03:00 and 06:00 UTC
 */
export function timeTicks(from: number, to: number, count = 5): number[] {
  const step = timeStep(from, to, count);
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t);
  return ticks;
}

const CLOCK = new Intl.DateTimeFormat('en', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});
const DAY_MONTH = new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const MONTH_YEAR = new Intl.DateTimeFormat('en', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * The label of a time tick for an axis of `step`: a clock time (UTC) under a day, with the date
 * at midnight; a day and month from a day up; a month and year from four weeks up.
 *
 * @example
 * formatTimeTick(Date.UTC(2024, 2, 4, 13), 3_600_000); // '13:00'
 */
export function formatTimeTick(t: number, step: number): string {
  if (step >= 28 * DAY) return MONTH_YEAR.format(t);
  if (step >= DAY || t % DAY === 0) return DAY_MONTH.format(t);
  return CLOCK.format(t);
}
