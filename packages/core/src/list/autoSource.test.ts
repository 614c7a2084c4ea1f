import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { pageCache } from '../cache/ownPageCache.ts';
import { PageShapeError } from '../errors.ts';
import { autoSource } from '../paging/autoPaging.ts';
import type { AutoSourceOptions } from '../sources/autoSource.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

async function settle(rounds = 40): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
// A bound to fail by, not a timing claim: the stream strategy loads lazy chunks first, and a CI
// machine running every project at once took 3.2 s for the first 1,000 items (the test's 20 s
// timeout stays the outer limit).
async function until(check: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const lists: LazyList<unknown>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

interface Row {
  id: number;
  text: string;
}
const row = (id: number): Row => ({ id, text: `row ${id} ${'x'.repeat(180)}` });

type Shape = 'offset' | 'array' | 'cursor' | 'open';
interface Dataset {
  total: number;
  shape: Shape;
  totalBytes?: number;
  /** Probe answers with this status this many times first. */
  failProbe?: number;
  body?: unknown;
  /** The NDJSON stream answers 503 while this is true. */
  failStream?: boolean;
}

/** An HTTP server of `rows` speaking autoSource's protocol, recording each request. */
function server(dataset: Dataset) {
  const requests: { url: URL; accept: string }[] = [];
  let failures = dataset.failProbe ?? 0;
  const fetch: NonNullable<AutoSourceOptions<Row>['fetch']> = async (url, init) => {
    const accept = init.headers.Accept ?? '';
    requests.push({ url, accept });
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 100);
    const { total, shape } = dataset;
    if (accept.includes('ndjson') && dataset.failStream) {
      return Response.json({ error: 'stream node down' }, { status: 503 });
    }
    if (accept.includes('ndjson')) {
      let next = offset;
      const encoder = new TextEncoder();
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (next >= total) return controller.close();
          const end = Math.min(total, next + 200);
          let text = '';
          for (let i = next; i < end; i++) text += `${JSON.stringify(row(i))}\n`;
          next = end;
          controller.enqueue(encoder.encode(text));
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'application/x-ndjson' } });
    }
    if (failures > 0 && offset === 0 && limit === 100) {
      failures--;
      return Response.json({ error: 'database down' }, { status: 500 });
    }
    if (dataset.body !== undefined) return Response.json(dataset.body);
    const headers: Record<string, string> = {};
    if (dataset.totalBytes !== undefined) headers['X-Total-Bytes'] = String(dataset.totalBytes);
    if (shape === 'array')
      return Response.json(
        Array.from({ length: total }, (_, i) => row(i)),
        { headers },
      );
    const start = shape === 'cursor' ? Number(url.searchParams.get('cursor') ?? 0) : offset;
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - start)) }, (_, i) =>
      row(start + i),
    );
    const end = start + items.length;
    if (shape === 'cursor')
      return Response.json({ items, nextCursor: end < total ? end : null, prevCursor: null }, { headers });
    if (shape === 'open') return Response.json({ items }, { headers });
    return Response.json({ items, total }, { headers });
  };
  return { requests, fetch };
}

function open(dataset: Dataset, options: Partial<AutoSourceOptions<Row>> = {}) {
  const backend = server(dataset);
  const list = createLazyList<Row>({
    key: ['auto'],
    source: autoSource<Row>({ url: 'http://test/api/rows', fetch: backend.fetch, ...options }),
    queryClient: new QueryClient(),
    retry: { baseDelayMs: 0, maxDelayMs: 0 },
  });
  lists.push(list as LazyList<unknown>);
  list.subscribe(() => {});
  list.setWindow({ start: 0, end: 20 });
  return { list, requests: backend.requests };
}

describe('autoSource: strategy choice', () => {
  it('loads a small dataset (total × item bytes below 1 MB) eagerly: the probe plus one request', async () => {
    const { list, requests } = open({ total: 2_000, shape: 'offset' });
    await until(() => list.getSnapshot().count === 2_000);
    const { stats } = list.getSnapshot();
    expect(stats.strategy).toBe('eager');
    expect(stats.strategyReason).toMatch(
      /≈ \d+ kB \(2,000 items × \d+ B\) is below the 1 MB eager threshold/,
    );
    list.setWindow({ start: 1_980, end: 2_000 });
    await settle();
    expect(list.getSnapshot().getItem(1_999)).toMatchObject({ status: 'loaded', item: { id: 1_999 } });
    expect(requests.map(({ url }) => url.search)).toEqual(['?offset=0&limit=100', '?offset=0&limit=2000']);
  });

  it('makes no second request when the probe held the whole dataset', async () => {
    const { list, requests } = open({ total: 40, shape: 'offset' });
    await until(() => list.getSnapshot().getItem(39).status === 'loaded');
    expect(list.getSnapshot().stats.strategy).toBe('eager');
    expect(requests).toHaveLength(1);
  });

  it('treats a bare array as the whole dataset', async () => {
    const { list, requests } = open({ total: 300, shape: 'array' });
    await until(() => list.getSnapshot().count === 300);
    expect(list.getSnapshot().stats.strategyReason).toMatch(/whole dataset in one response \(300 items/);
    expect(requests).toHaveLength(1);
  });

  it('pages a medium dataset by offset with byte-tuned pages, serving the probe items again', async () => {
    const { list, requests } = open({ total: 200_000, shape: 'offset' });
    await until(() => list.getSnapshot().getItem(19).status === 'loaded');
    const { stats } = list.getSnapshot();
    expect(stats.strategy).toBe('offset');
    expect(stats.strategyReason).toMatch(
      /between the 1 MB eager and 100 MB stream thresholds; the server pages by offset/,
    );
    expect(stats.pageSize).toBeGreaterThan(200); // ≈ 65,536 / 230 B
    list.setWindow({ start: 150_000, end: 150_020 });
    await until(() => list.getSnapshot().getItem(150_000).status === 'loaded');
    expect(list.getSnapshot().getItem(150_000)).toMatchObject({ item: { id: 150_000 } });
    const offsets = requests.slice(1).map(({ url }) => Number(url.searchParams.get('offset')));
    expect(offsets).not.toContain(0); // items 0..99 came with the probe
  });

  it('pages by cursor when the server answers with a cursor and no total', async () => {
    const { list, requests } = open({ total: 1_000, shape: 'cursor' });
    await until(() => list.getSnapshot().getItem(19).status === 'loaded');
    expect(list.getSnapshot().stats.strategy).toBe('cursor');
    expect(list.getSnapshot().stats.strategyReason).toBe('size unknown; the server pages by cursor');
    list.setWindow({ start: 400, end: 420, direction: 'forward' });
    await until(() => list.getSnapshot().count > 420);
    expect(requests.some(({ url }) => url.searchParams.get('cursor') === '100')).toBe(true);
    expect(requests.filter(({ url }) => !url.searchParams.has('cursor'))).toHaveLength(1); // the probe only
  });

  it('streams a huge dataset (X-Total-Bytes above 100 MB) over one connection, pausing ahead of the window', async () => {
    const { list, requests } = open(
      { total: 20_000_000, shape: 'offset', totalBytes: 5_000_000_000 },
      { streamAhead: 1_000 },
    );
    await until(() => list.getSnapshot().count >= 1_000);
    const { stats } = list.getSnapshot();
    expect(stats.strategy).toBe('stream');
    expect(stats.strategyReason).toBe('5 GB (X-Total-Bytes) is above the 100 MB stream threshold');
    await settle(100);
    const paused = list.getSnapshot().count;
    expect(paused).toBeLessThan(20 + 1_000 + 5_000); // read only as far as the window needs
    list.setWindow({ start: paused - 20, end: paused });
    await until(() => list.getSnapshot().count > paused + 500);
    expect(list.getSnapshot().getItem(paused - 1)).toMatchObject({ item: { id: paused - 1 } });
    const streams = requests.filter(({ accept }) => accept.includes('ndjson'));
    expect(streams).toHaveLength(1);
    expect(streams[0]?.url.searchParams.get('offset')).toBe('100'); // continues after the probe's items
    expect(list.getSnapshot().getItem(50)).toMatchObject({ item: { id: 50 } });
  });

  it('a stream that keeps failing says so in strategyReason, keeps the probe items, and retry() reads on', async () => {
    const dataset: Dataset = { total: 5_000, shape: 'open', failStream: true };
    const { list } = open(dataset, { streamResume: { retries: 1, backoffMs: 1 } });
    await until(() => (list.getSnapshot().stats.strategyReason ?? '').includes('the stream stopped'));
    expect(list.getSnapshot().stats.strategyReason).toMatch(/the stream stopped: .*503/);
    expect(list.getSnapshot().count).toBe(100); // the probe's items are kept
    expect(list.getSnapshot().getItem(99)).toMatchObject({ item: { id: 99 } });
    dataset.failStream = false;
    list.retry();
    await until(() => list.getSnapshot().count === 5_000);
    expect(list.getSnapshot().stats.strategyReason).not.toMatch(/stopped/);
  });

  it('streams an open-ended dataset (no total, no cursor)', async () => {
    const { list } = open({ total: 3_000, shape: 'open' });
    await until(() => list.getSnapshot().count === 3_000);
    expect(list.getSnapshot().stats.strategy).toBe('stream');
    expect(list.getSnapshot().stats.strategyReason).toMatch(/size unknown and no cursor/);
    expect(list.getSnapshot().getItem(2_999)).toMatchObject({ item: { id: 2_999 } });
  });

  it('honours custom thresholds', async () => {
    const { list } = open(
      { total: 2_000, shape: 'offset' },
      { eagerBelowBytes: 1_000, streamAboveBytes: 10_000 },
    );
    await until(() => list.getSnapshot().stats.strategy !== null);
    expect(list.getSnapshot().stats.strategy).toBe('stream');
  });
});

describe('autoSource: bad input', () => {
  it('a failing probe retries with backoff, then shows the data', async () => {
    const { list } = open({ total: 2_000, shape: 'offset', failProbe: 2 });
    await until(() => list.getSnapshot().getItem(0).status === 'loaded');
    expect(list.getSnapshot().stats.retries).toBe(2);
  });

  it('a probe that keeps failing ends in status error naming the HTTP status, and retry() recovers', async () => {
    const { list } = open({ total: 2_000, shape: 'offset', failProbe: 4 });
    await until(() => list.getSnapshot().status === 'error');
    expect(String(list.getSnapshot().error)).toMatch(/HTTP 500: database down/);
    list.retry();
    await until(() => list.getSnapshot().getItem(0).status === 'loaded');
  });

  it('a probe of the wrong shape is a PageShapeError, not a guess', async () => {
    const { list } = open({ total: 10, shape: 'offset', body: { rows: [] } });
    await until(() => list.getSnapshot().status === 'error');
    expect(list.getSnapshot().error).toBeInstanceOf(PageShapeError);
  });

  it.each([
    [{ url: 42 }, /url/],
    [{ url: '/x', eagerBelowBytes: -1 }, /eagerBelowBytes/],
    [{ url: '/x', eagerBelowBytes: 1_000, streamAboveBytes: 10 }, /streamAboveBytes/],
    [{ url: '/x', pageSize: 0 }, /pageSize/],
  ])('rejects invalid options %o', (options, message) => {
    expect(() => autoSource(options as never)).toThrow(message);
  });

  it('refuses a cache, whose keys cannot know the strategy yet', () => {
    // A cache the list accepts (decision 0019: a bare object is refused before the source is looked at).
    const methods = [
      'read',
      'write',
      'remove',
      'saveScroll',
      'loadScroll',
      'flush',
      'clear',
      'subscribe',
      'getSnapshot',
    ];
    const cache = pageCache(Object.fromEntries(methods.map((name) => [name, () => {}])) as never);
    expect(() =>
      createLazyList({ key: ['a'], source: autoSource({ url: '/x' }), cache: cache as never }),
    ).toThrow(/cache.*autoSource/);
  });
});
