// `/api/users` through MSW's Node interceptor: server-side sorting, paging, validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWithMetrics } from '../datasets/userMetrics.ts';
import { userIdAt, users } from '../datasets/users.ts';
import { server } from '../node.ts';
import type { UsersPage, UsersWidePage } from './users.ts';

const get = (path: string) => fetch(`http://lazyflow.test${path}`);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('GET /api/users', () => {
  it('sorts by name ascending by default', async () => {
    const body = (await (await get('/api/users?offset=0&limit=3')).json()) as UsersPage;
    expect(body).toMatchObject({ total: 1_000_000, sort: 'name', order: 'asc' });
    expect(body.items).toEqual(users('name', 'asc', 0, 3));
    expect(body.items[0]?.name).toBe('Aaliyah A. Abbott');
  });

  it('continues the order across two requested pages', async () => {
    const [a, b] = await Promise.all(
      [0, 100].map(async (offset) => {
        const res = await get(`/api/users?offset=${offset}&limit=100&sort=signedUp&order=desc`);
        return (await res.json()) as UsersPage;
      }),
    );
    const run = [...(a?.items ?? []), ...(b?.items ?? [])];
    expect(run.map((u) => u.id)).toEqual(Array.from({ length: 200 }, (_, k) => 999_999 - k));
  });

  it('answers a page deep in the name order directly', async () => {
    const body = (await (
      await get('/api/users?offset=749999&limit=2&sort=name&order=desc')
    ).json()) as UsersPage;
    expect(body.items).toEqual(users('name', 'desc', 749_999, 2));
  });

  it('sends the metric columns with each user of the page for columns=metrics', async () => {
    const body = (await (
      await get('/api/users?offset=500000&limit=3&sort=signedUp&order=asc&columns=metrics')
    ).json()) as UsersWidePage;
    expect(body.items.map((u) => u.id)).toEqual(
      [0, 1, 2].map((k) => userIdAt('signedUp', 'asc', 500_000 + k)),
    );
    expect(body.items[0]).toEqual(userWithMetrics(userIdAt('signedUp', 'asc', 500_000)));
    expect(body.items[0]?.metrics).toHaveLength(300);
  });

  it.each([
    ['columns=all', '"columns" must be one of basic, metrics'],
    ['sort=email', '"sort" must be one of name, signedUp'],
    ['order=up', '"order" must be one of asc, desc'],
    ['offset=1000001', '"offset" must be an integer from 0 to 1000000'],
  ])('answers 400 naming the parameter for %s', async (query, message) => {
    const res = await get(`/api/users?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });
});
