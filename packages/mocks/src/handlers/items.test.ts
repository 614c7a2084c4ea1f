// `/api/items` with `churn`/`churnStep`: a dataset that moves while it is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { churnedId, churnedTotal } from '../churn.ts';
import { item } from '../dataset.ts';
import { resetFaultDefaults, setFaultDefaults } from '../faults.ts';
import { server } from '../node.ts';
import type { ItemsPage } from './items.ts';

const BASE = 'http://lazyflow.test';
const get = async (path: string) => {
  const res = await fetch(`${BASE}${path}`);
  return { status: res.status, body: (await res.json()) as ItemsPage & { error?: string } };
};

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('GET /api/items with churn', () => {
  it('churnStep answers the dataset after that many mutations, with its total and version', async () => {
    const { body } = await get('/api/items?offset=10&limit=5&total=1000&seed=4&churnStep=30');
    const dataset = { seed: 4, total: 1_000 };
    expect(body.version).toBe(30);
    expect(body.total).toBe(churnedTotal(dataset, 30));
    expect(body.items).toEqual([10, 11, 12, 13, 14].map((i) => item(churnedId(dataset, 30, i))));
  });

  it('without churn there is no version', async () => {
    const { body } = await get('/api/items?offset=0&limit=2');
    expect(body.version).toBeUndefined();
  });

  it("takes churn and its seed from the fault defaults (the demo's fault panel) when the URL has none", async () => {
    setFaultDefaults({ churn: 5, churnSeed: 4 });
    try {
      const { body } = await get('/api/items?offset=10&limit=5&total=1000&churnStep=30');
      expect(body.version).toBe(30);
      expect(body.items).toEqual(
        [10, 11, 12, 13, 14].map((i) => item(churnedId({ seed: 4, total: 1_000 }, 30, i))),
      );
      // The URL wins over the defaults.
      const own = await get('/api/items?offset=10&limit=5&total=1000&seed=9&churnStep=30');
      expect(own.body.items[0]).toEqual(item(churnedId({ seed: 9, total: 1_000 }, 30, 10)));
      const off = await get('/api/items?offset=0&limit=2&churn=0');
      expect(off.body.version).toBeUndefined();
    } finally {
      resetFaultDefaults();
    }
    const { body } = await get('/api/items?offset=0&limit=2');
    expect(body.version).toBeUndefined();
  });

  it.each([
    ['churn=-1', '"churn" must be a number'],
    ['churn=abc', '"churn" must be a number'],
    ['churnStep=1.5', '"churnStep" must be an integer'],
    ['seed=-3&churn=1', '"seed" must be an integer'],
  ])('rejects %s with a 400 naming the parameter', async (query, message) => {
    const { status, body } = await get(`/api/items?offset=0&limit=2&${query}`);
    expect(status).toBe(400);
    expect(body.error).toContain(message);
  });
});
