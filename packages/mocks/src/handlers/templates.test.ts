// `/api/templates` through MSW's Node interceptor: the answers autoSource's probe relies on.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NO_FAULTS } from '../faults.ts';
import { server } from '../node.ts';
import { type Template, templateBytes, templateLine, templates } from '../templateDataset.ts';
import { encodeCursor } from './feed.ts';
import { ndjsonBody } from './ndjsonBody.ts';
import {
  setTemplateProbeFailure,
  type TemplatesCursorPage,
  type TemplatesOffsetPage,
  type TemplatesOpenPage,
} from './templates.ts';

const BASE = 'http://lazyflow.test/api/templates';
const JSON_ACCEPT = { headers: { Accept: 'application/json' } };
const NDJSON_ACCEPT = { headers: { Accept: 'application/x-ndjson' } };
const get = (query: string, init: RequestInit = JSON_ACCEPT) => fetch(`${BASE}?${query}`, init);

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => setTemplateProbeFailure(false));
afterAll(() => server.close());

/** Reads `count` NDJSON lines of a response, then cancels it (the rest is never produced). */
async function readLines(res: Response, count: number): Promise<Template[]> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.split('\n').length <= count) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  // Not awaited: under MSW's Node interceptor the cancel of a mocked body never settles.
  void reader.cancel();
  return text
    .split('\n')
    .slice(0, count)
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Template);
}

describe('GET /api/templates: the probe answer of each dataset', () => {
  it('small: { items, total: 2,000 }, X-Total-Bytes below 1 MB, a right Content-Length', async () => {
    const res = await get('dataset=small&offset=0&limit=100');
    const text = await res.text();
    const body = JSON.parse(text) as TemplatesOffsetPage;
    expect(res.status).toBe(200);
    expect(body).toEqual({ items: templates(0, 100), total: 2_000 });
    expect(Number(res.headers.get('X-Total-Bytes'))).toBe(templateBytes(2_000));
    expect(Number(res.headers.get('X-Total-Bytes'))).toBeLessThan(1_000_000);
    expect(Number(res.headers.get('Content-Length'))).toBe(new TextEncoder().encode(text).length);
  });

  it('small: the eager request returns all 2,000 templates at once', async () => {
    const body = (await (await get('dataset=small&offset=0&limit=2000')).json()) as TemplatesOffsetPage;
    expect(body.items).toHaveLength(2_000);
    expect(body.items[1_999]).toEqual(templates(1_999, 2_000)[0]);
  });

  it('medium: random access by offset into 200,000 templates of tens of MB', async () => {
    const res = await get('dataset=medium&offset=150000&limit=3');
    const body = (await res.json()) as TemplatesOffsetPage;
    expect(body).toEqual({ items: templates(150_000, 150_003), total: 200_000 });
    const bytes = Number(res.headers.get('X-Total-Bytes'));
    expect(bytes).toBe(templateBytes(200_000));
    expect(bytes).toBeGreaterThan(1_000_000);
    expect(bytes).toBeLessThan(100_000_000);
  });

  it('huge: 20,000,000 templates of several GB, the last page cut short', async () => {
    const res = await get('dataset=huge&offset=19999998&limit=10');
    const body = (await res.json()) as TemplatesOffsetPage;
    expect(body.total).toBe(20_000_000);
    expect(body.items.map((t) => t.id)).toEqual([19_999_998, 19_999_999]);
    expect(Number(res.headers.get('X-Total-Bytes'))).toBeGreaterThan(2_000_000_000);
  });

  it('feed: { items, nextCursor, prevCursor: null } with no total and no size header', async () => {
    const res = await get('dataset=feed&offset=0&limit=100');
    const body = (await res.json()) as TemplatesCursorPage;
    expect(Object.keys(body).sort()).toEqual(['items', 'nextCursor', 'prevCursor']);
    expect(body.items).toEqual(templates(0, 100));
    expect(body.prevCursor).toBeNull();
    expect(typeof body.nextCursor).toBe('string');
    expect(res.headers.get('X-Total-Bytes')).toBeNull();
    const next = (await (
      await get(`dataset=feed&cursor=${body.nextCursor}&limit=50`)
    ).json()) as TemplatesCursorPage;
    expect(next.items).toEqual(templates(100, 150));
  });

  it('feed: the cursor ends at 1,000,000 with nextCursor null, and offset paging is refused', async () => {
    const last = (await (
      await get(`dataset=feed&cursor=${encodeCursor(999_990, 1_000_000)}&limit=50`)
    ).json()) as TemplatesCursorPage;
    expect(last.items.map((t) => t.id)).toEqual(Array.from({ length: 10 }, (_, k) => 999_990 + k));
    expect(last.nextCursor).toBeNull();
    const res = await get('dataset=feed&offset=100&limit=10');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('pages by "cursor"');
  });

  it('live: only { items }, also far ahead, and no size header', async () => {
    const res = await get('dataset=live&offset=5000000&limit=5');
    const body = (await res.json()) as TemplatesOpenPage;
    expect(body).toEqual({ items: templates(5_000_000, 5_000_005) });
    expect(res.headers.get('X-Total-Bytes')).toBeNull();
  });

  it('static: a bare array of the whole dataset, whatever the limit', async () => {
    const body = (await (await get('dataset=static&offset=0&limit=100')).json()) as Template[];
    expect(Array.isArray(body)).toBe(true);
    expect(body).toEqual(templates(0, 500));
  });

  it.each([
    ['dataset=nope', '"dataset" must be one of small, medium, feed, huge, live, static'],
    ['dataset=small&limit=50001', '"limit" must be an integer from 1 to 50000'],
    ['dataset=small&cursor=abc', '"cursor" is only accepted by dataset=feed'],
    ['dataset=feed&cursor=djE6NTo5OTk6MA', 'not a cursor this server issued'],
    ['dataset=small&fail=always', '"fail" must be one of none, probe'],
  ])('answers 400 naming the parameter for %s', async (query, message) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(message);
  });
});

describe('GET /api/templates with Accept: application/x-ndjson', () => {
  it('streams one template per line from offset to the end', async () => {
    const res = await get('dataset=small&offset=1990', NDJSON_ACCEPT);
    expect(res.headers.get('Content-Type')).toBe('application/x-ndjson');
    expect(Number(res.headers.get('X-Total-Bytes'))).toBe(templateBytes(2_000));
    const text = await res.text();
    expect(text).toBe(
      templates(1_990, 2_000)
        .map((t) => `${JSON.stringify(t)}\n`)
        .join(''),
    );
  });

  it('huge: starts at the resume offset and stops producing when the reader cancels', async () => {
    const res = await get('dataset=huge&offset=12345678&rate=0', NDJSON_ACCEPT);
    const lines = await readLines(res, 300);
    expect(lines).toHaveLength(300);
    expect(lines.map((t) => t.id)).toEqual(Array.from({ length: 300 }, (_, k) => 12_345_678 + k));
    expect(lines[299]).toEqual(templates(12_345_977, 12_345_978)[0]);
  });

  it('live: streams at its rate from offset 0 (50 templates/s by default)', async () => {
    const t0 = performance.now();
    const lines = await readLines(await get('dataset=live', NDJSON_ACCEPT), 10);
    expect(lines.map((t) => t.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(150); // 9 intervals of 20 ms, less jitter
  });

  it('cuts the connection after dropAfter lines, half a line sent', async () => {
    const res = await get('dataset=medium&rate=0&dropAfter=5', NDJSON_ACCEPT);
    await expect(res.text()).rejects.toThrow();
  });
});

describe('ndjsonBody', () => {
  it('produces nothing ahead of a paused reader', async () => {
    const produced: number[] = [];
    const body = ndjsonBody(
      {
        from: 0,
        end: 20_000_000,
        rate: 0,
        lineAt: (i) => {
          produced.push(i);
          return templateLine(i);
        },
      },
      NO_FAULTS,
    );
    const reader = body.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // One chunk read, at most one more waiting in the queue (highWaterMark 1).
    expect(produced.length).toBeLessThanOrEqual(2 * 256);
    await reader.cancel();
  });
});

describe('failing the probe', () => {
  it('fail=probe answers 500 to the probe only (JSON at offset 0, no cursor)', async () => {
    const res = await get('dataset=small&offset=0&limit=100&fail=probe');
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: string }).error).toContain(
      'injected probe failure for dataset=small',
    );
    expect((await get('dataset=small&offset=100&limit=100&fail=probe')).status).toBe(200);
    expect((await get('dataset=small&fail=probe', NDJSON_ACCEPT)).status).toBe(200);
  });

  it('setTemplateProbeFailure fails every probe until switched off', async () => {
    setTemplateProbeFailure(true);
    expect((await get('dataset=huge&offset=0&limit=100')).status).toBe(500);
    expect((await get('dataset=feed&offset=0&limit=100')).status).toBe(500);
    setTemplateProbeFailure(false);
    expect((await get('dataset=huge&offset=0&limit=100')).status).toBe(200);
  });
});
