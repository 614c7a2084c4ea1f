// The handlers through MSW's Node interceptor: parameters, paging, cursors, faults.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { item, items, streamEvent } from './dataset.ts';
import { resetFaultDefaults, setFaultDefaults } from './faults.ts';
import { decodeCursor, encodeCursor, type FeedPage } from './handlers/feed.ts';
import type { ItemsPage } from './handlers/items.ts';
import type { MetricsRange } from './handlers/metrics.ts';
import { server } from './node.ts';
import { replayStreamEvents } from './streamReplay.ts';

const BASE = 'http://lazyflow.test';
const get = (path: string, init?: RequestInit) => fetch(`${BASE}${path}`, init);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => resetFaultDefaults());
afterAll(() => server.close());

describe('GET /api/items', () => {
  it('returns the requested slice and the total', async () => {
    const res = await get('/api/items?offset=500000&limit=3');
    const body = (await res.json()) as ItemsPage;
    expect(res.status).toBe(200);
    expect(body.total).toBe(1_000_000);
    expect(body.items).toEqual(items(500_000, 500_003));
  });

  it('honours ?total= up to 100,000,000 and cuts the last page short', async () => {
    const body = (await (
      await get('/api/items?offset=99999998&limit=10&total=100000000')
    ).json()) as ItemsPage;
    expect(body.total).toBe(100_000_000);
    expect(body.items.map((it) => it.id)).toEqual([99_999_998, 99_999_999]);
  });

  it.each([
    ['offset=-1', '"offset" must be an integer'],
    ['limit=0', '"limit" must be an integer from 1'],
    ['limit=abc', 'got "abc"'],
    ['total=200000000', '"total" must be an integer from 0 to 100000000'],
    ['errorRate=2', '"errorRate" must be a number from 0 to 1'],
    ['latency=-5', '"latency"'],
  ])('answers 400 with a message for %s', async (query, message) => {
    const res = await get(`/api/items?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });

  it('answers 500 when errorRate=1', async () => {
    const res = await get('/api/items?offset=0&limit=5&errorRate=1');
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: string }).error).toContain('injected server error');
  });

  it('stalls when stallRate=1 until the client aborts, and answers when stallRate=0', async () => {
    const controller = new AbortController();
    let settled = false;
    const pending = get('/api/items?offset=0&limit=5&stallRate=1', { signal: controller.signal }).finally(
      () => {
        settled = true;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    controller.abort();
    await expect(pending).rejects.toThrow();
    expect((await get('/api/items?limit=1&stallRate=0')).status).toBe(200);
    expect((await get('/api/items?limit=1&stallRate=1.5')).status).toBe(400);
  });

  it('inherits fault defaults set by the panel, and the URL overrides them', async () => {
    setFaultDefaults({ errorRate: 1 });
    expect((await get('/api/items?limit=1')).status).toBe(500);
    expect((await get('/api/items?limit=1&errorRate=0')).status).toBe(200);
  });

  it('delays by the latency fault', async () => {
    const t0 = performance.now();
    await get('/api/items?limit=1&latency=200');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(145);
  });

  it('trickles the JSON body with slow= and it still parses', async () => {
    const res = await get('/api/items?offset=10&limit=3&slow=16');
    expect(((await res.json()) as ItemsPage).items).toEqual(items(10, 13));
  });
});

describe('GET /api/feed', () => {
  it('opens at the newest end going backward, and walks older with prevCursor', async () => {
    const newest = (await (await get('/api/feed?direction=backward&limit=10&total=1000')).json()) as FeedPage;
    expect(newest.items.map((it) => it.id)).toEqual([990, 991, 992, 993, 994, 995, 996, 997, 998, 999]);
    expect(newest.nextCursor).toBeNull();
    expect(newest.prevCursor).not.toBeNull();
    const older = (await (
      await get(`/api/feed?direction=backward&limit=10&total=1000&cursor=${newest.prevCursor}`)
    ).json()) as FeedPage;
    expect(older.items[0]?.id).toBe(980);
    expect(older.items.at(-1)?.id).toBe(989);
    const back = (await (
      await get(`/api/feed?direction=forward&limit=10&total=1000&cursor=${older.nextCursor}`)
    ).json()) as FeedPage;
    expect(back.items).toEqual(newest.items);
  });

  it('walks forward from the oldest item to the end, then stops', async () => {
    let cursor: string | null = '';
    const seen: number[] = [];
    while (cursor !== null) {
      const page = (await (
        await get(`/api/feed?direction=forward&limit=40&total=100${cursor ? `&cursor=${cursor}` : ''}`)
      ).json()) as FeedPage;
      seen.push(...page.items.map((it) => it.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('rejects a forged cursor with 400', async () => {
    const res = await get('/api/feed?cursor=djE6NTo5OTk6MA');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('not a cursor this server issued');
  });

  it('round-trips cursors and refuses them for another dataset size', () => {
    expect(decodeCursor(encodeCursor(12_345, 1_000_000), 1_000_000)).toBe(12_345);
    expect(() => decodeCursor(encodeCursor(12_345, 1_000_000), 500)).toThrow(/total=500/);
  });
});

describe('GET /api/metrics', () => {
  it('returns one point per step, aligned to multiples of step', async () => {
    const body = (await (await get('/api/metrics?from=90000&to=400000&step=60000')).json()) as MetricsRange;
    expect(body.points.map((p) => p.t)).toEqual([120_000, 180_000, 240_000, 300_000, 360_000]);
  });

  it('rejects missing bounds and ranges with too many points', async () => {
    expect((await get('/api/metrics?from=0')).status).toBe(400);
    const res = await get('/api/metrics?from=0&to=100000000&step=1');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('use a larger "step"');
  });
});

describe('GET /api/stream (Node)', () => {
  it('streams NDJSON events [from, count)', async () => {
    const text = await (await get('/api/stream?count=30&from=25&rate=0')).text();
    const seqs = text
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { seq: number }).seq);
    expect(seqs).toEqual([25, 26, 27, 28, 29]);
  });

  it('keeps item ids equal to the generator', async () => {
    const body = (await (await get('/api/items?offset=123456&limit=1')).json()) as ItemsPage;
    expect(body.items[0]).toEqual(item(123_456));
  });
});

describe('replayStreamEvents', () => {
  it('reads events [offset, offset + limit) again, in order, and names the range when the server fails', async () => {
    const signal = new AbortController().signal;
    const events = await replayStreamEvents({ offset: 2_000, limit: 5, signal }, { base: BASE });
    expect(events.map((e) => e.seq)).toEqual([2_000, 2_001, 2_002, 2_003, 2_004]);
    expect(events[0]).toEqual(streamEvent(2_000));
    await expect(
      replayStreamEvents({ offset: 0, limit: 5, signal }, { base: BASE, params: { errorRate: 1 } }),
    ).rejects.toThrow(/replay of events 0–5 failed: HTTP 5\d\d/);
  });
});
