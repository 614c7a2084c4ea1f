// `/api/videos` through MSW's Node interceptor: filters, totals, paging, validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videoCount, videos } from '../datasets/videos.ts';
import { server } from '../node.ts';
import type { VideosPage } from './videos.ts';

const get = (path: string) => fetch(`http://lazyflow.test${path}`);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

describe('GET /api/videos', () => {
  it('answers the whole catalogue by default, with every filter total', async () => {
    const res = await get('/api/videos?offset=250000&limit=4');
    const body = (await res.json()) as VideosPage;
    expect(res.status).toBe(200);
    expect(body.status).toBe('all');
    expect(body.total).toBe(500_000);
    expect(body.items.map((v) => v.id)).toEqual([250_000, 250_001, 250_002, 250_003]);
    expect(body.counts.all).toBe(body.counts.published + body.counts.processing + body.counts.draft);
  });

  it.each(['published', 'processing', 'draft'] as const)(
    'filters by status=%s with its own total',
    async (status) => {
      const body = (await (
        await get(`/api/videos?status=${status}&offset=1234&limit=50`)
      ).json()) as VideosPage;
      expect(body.total).toBe(videoCount(status));
      expect(body.items).toEqual(videos(status, 1234, 50));
      expect(body.items.every((v) => v.status === status)).toBe(true);
    },
  );

  it('answers an empty page past the end of a filter', async () => {
    const total = videoCount('draft');
    const body = (await (
      await get(`/api/videos?status=draft&offset=${total}&limit=10`)
    ).json()) as VideosPage;
    expect(body.items).toEqual([]);
    expect(body.total).toBe(total);
  });

  it.each([
    ['status=deleted', '"status" must be one of all, published, processing, draft'],
    ['offset=-1', '"offset" must be an integer'],
    ['limit=0', '"limit" must be an integer from 1'],
  ])('answers 400 naming the parameter for %s', async (query, message) => {
    const res = await get(`/api/videos?${query}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });
});
