// `/api/latest`: a newest-first feed whose head grows while it is read (issue #18 item 4).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { item } from '../dataset.ts';
import { server } from '../node.ts';
import { growStepNow, type LatestPage, resetGrowClocks } from './latest.ts';

const BASE = 'http://lazyflow.test';
const get = async (path: string) => {
  const res = await fetch(`${BASE}${path}`);
  return { status: res.status, body: (await res.json()) as LatestPage & { error?: string } };
};

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('GET /api/latest', () => {
  it('reads newest first: offset 0 is the newest post', async () => {
    const { body } = await get('/api/latest?offset=0&limit=3&total=100');
    expect(body.total).toBe(100);
    expect(body.version).toBe(0);
    expect(body.items).toEqual([item(99), item(98), item(97)]);
  });

  it('growStep adds posts at the head: every offset shifts by them, the posts read stay the same', async () => {
    const before = await get('/api/latest?offset=10&limit=2&total=100');
    const { body } = await get('/api/latest?offset=0&limit=20&total=100&growStep=5');
    expect(body.total).toBe(105);
    expect(body.version).toBe(5);
    expect(body.items.slice(0, 5).map((post) => post.id)).toEqual([104, 103, 102, 101, 100]);
    // The post that was at offset 10 is at offset 15 now.
    expect(body.items.slice(15, 17)).toEqual(before.body.items);
  });

  it('answers an empty page past the end', async () => {
    const { body } = await get('/api/latest?offset=100&limit=5&total=100');
    expect(body.items).toEqual([]);
  });

  it('rejects a bad grow with a 400 naming it', async () => {
    const { status, body } = await get('/api/latest?grow=-1');
    expect(status).toBe(400);
    expect(body.error).toContain('"grow"');
  });

  it('grow counts posts per second from the first request for that rate', () => {
    resetGrowClocks();
    expect(growStepNow(2, 1_000)).toBe(0);
    expect(growStepNow(2, 3_600)).toBe(5);
    expect(growStepNow(3, 3_600)).toBe(0); // another rate has its own clock
    resetGrowClocks();
  });
});
