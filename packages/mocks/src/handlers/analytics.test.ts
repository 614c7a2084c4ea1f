// `/api/analytics` through MSW's Node interceptor: buckets on step multiples, validation.
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsBucket } from '../datasets/analyticsSeries.ts';
import { type AnalyticsRange, analyticsHandler } from './analytics.ts';

const server = setupServer(analyticsHandler);
const get = (path: string) => fetch(`http://lazyflow.test${path}`);
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 2, 4);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('GET /api/analytics', () => {
  it('answers one bucket at every multiple of step in [from, to)', async () => {
    const res = await get(`/api/analytics?from=${T0 + 1}&to=${T0 + 4 * HOUR}&step=${HOUR}`);
    const body = (await res.json()) as AnalyticsRange;
    expect(body.items.map((b) => b.t)).toEqual([T0 + HOUR, T0 + 2 * HOUR, T0 + 3 * HOUR]);
    expect(body.items[0]).toEqual(analyticsBucket(T0 + HOUR, HOUR));
  });

  it.each([
    ['from=0', '"from" and "to" are required'],
    ['from=10&to=0', 'must not be before'],
    ['from=0&to=600000&step=90000', '"step" must be a multiple of 60000'],
    [`from=0&to=${400 * 24 * HOUR}&step=60000`, 'at most 5000 buckets'],
  ])('answers 400 with a message for %s', async (query, message) => {
    const res = await get(`/api/analytics?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });
});
