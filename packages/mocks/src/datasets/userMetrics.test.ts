import { describe, expect, it } from 'vitest';
import { USER_METRIC_COLUMNS, userMetrics, userWithMetrics } from './userMetrics.ts';
import { USER_TOTAL, user } from './users.ts';

describe('user metric columns', () => {
  it('has 300 columns, five figures per month from Jan 2021 to Dec 2025', () => {
    expect(USER_METRIC_COLUMNS).toHaveLength(300);
    expect(USER_METRIC_COLUMNS[0]).toEqual({
      id: 'sessions-2021-01',
      metric: 'Sessions',
      month: 'Jan 2021',
      kind: 'count',
    });
    expect(USER_METRIC_COLUMNS.at(-1)).toMatchObject({ id: 'minutes-2025-12', month: 'Dec 2025' });
    expect(new Set(USER_METRIC_COLUMNS.map((c) => c.id)).size).toBe(300);
  });

  it('gives every user the same values every time, null before their signup month', () => {
    const late = user(USER_TOTAL - 1); // signed up late in 2023
    const values = userMetrics(late);
    expect(values).toEqual(userMetrics(user(USER_TOTAL - 1)));
    expect(values).toHaveLength(300);
    const firstMonth = values.findIndex((v) => v !== null) / 5;
    expect(USER_METRIC_COLUMNS[firstMonth * 5]?.month).toBe(
      new Date(late.signedUpAt).toLocaleString('en', { month: 'short', year: 'numeric', timeZone: 'UTC' }),
    );
    expect(values.slice(firstMonth * 5).every((v) => typeof v === 'number' && v >= 0)).toBe(true);
    expect(userMetrics(user(0)).every((v) => v !== null)).toBe(true);
  });

  it('keeps orders at or below sessions, and users differ', () => {
    const a = userWithMetrics(10).metrics;
    const b = userWithMetrics(11).metrics;
    expect(a).not.toEqual(b);
    for (let month = 0; month < 60; month++) expect(a[month * 5 + 1]).toBeLessThanOrEqual(a[month * 5] ?? 0);
  });
});
