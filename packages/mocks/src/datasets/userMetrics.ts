// The wide half of `/api/users?columns=metrics`: five activity figures per month for every user,
// January 2021 to December 2025 (300 columns), as a product analytics export would have them.
// Every figure is a formula of (user id, column): the same user always reads the same, in any
// order and any page. A month before the user signed up is null (no activity yet).
import { hash32 } from '../dataset.ts';
import { type User, user } from './users.ts';

/** What a metric column counts, and so how it is shown. */
export type UserMetricKind = 'count' | 'money' | 'minutes';

/** One metric column of `/api/users?columns=metrics`. */
export interface UserMetricColumn {
  /** e.g. "sessions-2023-04". */
  readonly id: string;
  /** e.g. "Sessions". */
  readonly metric: string;
  /** e.g. "Apr 2023". */
  readonly month: string;
  readonly kind: UserMetricKind;
}

/** A user with the metric columns, in {@link USER_METRIC_COLUMNS} order (null before signup). */
export interface UserWithMetrics extends User {
  metrics: (number | null)[];
}

const METRICS: readonly { id: string; title: string; kind: UserMetricKind }[] = [
  { id: 'sessions', title: 'Sessions', kind: 'count' },
  { id: 'orders', title: 'Orders', kind: 'count' },
  { id: 'revenue', title: 'Revenue', kind: 'money' },
  { id: 'tickets', title: 'Tickets', kind: 'count' },
  { id: 'minutes', title: 'Avg. session', kind: 'minutes' },
];
const FIRST_YEAR = 2021;
const MONTHS = 60;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// Shoppers buy more towards the end of the year.
const SEASON = [0.9, 0.85, 0.95, 1, 1, 0.95, 0.9, 0.9, 1, 1.05, 1.25, 1.4];

/**
 * The metric columns, month by month (each month: sessions, orders, revenue, tickets, average
 * session length): 300 of them.
 *
 * @example
 * USER_METRIC_COLUMNS[0]; // { id: 'sessions-2021-01', metric: 'Sessions', month: 'Jan 2021', kind: 'count' }
 */
export const USER_METRIC_COLUMNS: readonly UserMetricColumn[] = Array.from(
  { length: MONTHS * METRICS.length },
  (_, k) => {
    const month = Math.floor(k / METRICS.length);
    const metric = METRICS[k % METRICS.length] as (typeof METRICS)[number];
    const year = FIRST_YEAR + Math.floor(month / 12);
    const mm = String((month % 12) + 1).padStart(2, '0');
    return {
      id: `${metric.id}-${year}-${mm}`,
      metric: metric.title,
      month: `${MONTH_NAMES[month % 12]} ${year}`,
      kind: metric.kind,
    };
  },
);

/** The month (0 = January 2021) an ISO timestamp falls in. */
function monthOf(iso: string): number {
  return (Number(iso.slice(0, 4)) - FIRST_YEAR) * 12 + Number(iso.slice(5, 7)) - 1;
}

/**
 * The metric values of `u`, in {@link USER_METRIC_COLUMNS} order: null for the months before
 * the user signed up; a steady or growing user level with seasonal noise after.
 *
 * @example
 * userMetrics(user(42)).length; // 300
 */
export function userMetrics(u: User): (number | null)[] {
  const signedUp = monthOf(u.signedUpAt);
  const level = 2 + (hash32(u.id, 60) % 40); // sessions in a typical month
  const growth = ((hash32(u.id, 61) % 200) - 60) / 10_000; // -0.6 % … +1.4 % a month
  const basket = u.plan === 'team' ? 180 : u.plan === 'pro' ? 70 : 25;
  const out: (number | null)[] = [];
  for (let month = 0; month < MONTHS; month++) {
    if (month < signedUp) {
      for (let k = 0; k < METRICS.length; k++) out.push(null);
      continue;
    }
    const noise = (salt: number) => (hash32(u.id * MONTHS + month, salt) % 1000) / 1000; // [0, 1)
    const sessions = Math.round(
      level * SEASON[month % 12]! * (1 + growth) ** (month - signedUp) * (0.6 + 0.8 * noise(62)),
    );
    const orders = Math.round(sessions * (0.05 + 0.15 * noise(63)));
    out.push(
      sessions,
      orders,
      Math.round(orders * basket * (0.7 + 0.6 * noise(64))),
      noise(65) < 0.85 ? 0 : 1 + Math.floor(noise(66) * 3),
      sessions === 0 ? 0 : Math.round((3 + 12 * noise(67)) * 10) / 10,
    );
  }
  return out;
}

/** User `id` with its metric columns. */
export function userWithMetrics(id: number): UserWithMetrics {
  const u = user(id);
  return { ...u, metrics: userMetrics(u) };
}
