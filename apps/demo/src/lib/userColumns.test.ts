import { user, userMetrics } from '@lazyflow/mocks';
import { describe, expect, it } from 'vitest';
import { NO_VALUE, USER_COLUMNS, USER_FIELD_COLUMNS } from './userColumns.ts';

describe('USER_COLUMNS', () => {
  const late = { ...user(999_999), metrics: userMetrics(user(999_999)) };

  it('has the fields, then the 300 metrics with their month', () => {
    expect(USER_COLUMNS).toHaveLength(USER_FIELD_COLUMNS + 300);
    expect(USER_COLUMNS.slice(0, USER_FIELD_COLUMNS).map((c) => c.title)).toEqual([
      'Name',
      'Email',
      'Country',
      'Plan',
      'Signed up',
    ]);
    expect(USER_COLUMNS[USER_FIELD_COLUMNS]).toMatchObject({ title: 'Sessions', detail: 'Jan 2021' });
    expect(USER_COLUMNS.filter((c) => c.sort).map((c) => c.sort)).toEqual(['name', 'signedUp']);
  });

  it('formats each kind, and a month before signup as a dash', () => {
    expect(USER_COLUMNS[0]?.text(late)).toBe(late.name);
    expect(USER_COLUMNS[4]?.text(late)).toMatch(/^\w{3} \d{1,2}, 20\d\d, \d/);
    expect(USER_COLUMNS[USER_FIELD_COLUMNS]?.text(late)).toBe(NO_VALUE); // Jan 2021: not signed up yet
    const last = USER_COLUMNS.length - 1; // average session, Dec 2025
    expect(USER_COLUMNS[last]?.text(late)).toMatch(/^\d+\.\d min$/);
    expect(USER_COLUMNS[last - 2]?.text(late)).toMatch(/^\$[\d,]+$/); // revenue
  });
});
