// The demo's data server as the browser sees it: MSW's service worker, real fetch, real streams.
import { getResponse } from 'msw';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockWorker } from './browser.ts';
import { item, streamEvent } from './dataset.ts';
import { resetFaultDefaults, setFaultDefaults } from './faults.ts';
import type { ItemsPage } from './handlers/items.ts';
import { handlers } from './handlers.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(() => resetFaultDefaults());

// TypeScript's DOM types declare TextDecoderStream's writable side as BufferSource, which
// `pipeThrough` will not accept from a byte stream although every browser does.
const utf8 = () => new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>;

/**
 * Reads a body through `getReader()` until it ends or fails: the text received, the chunks
 * counted, and the error it failed with (null when it ended).
 */
async function readAll(
  body: ReadableStream<Uint8Array>,
): Promise<{ text: string; chunks: number; error: unknown }> {
  const reader = body.pipeThrough(utf8()).getReader();
  let text = '';
  let chunks = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, chunks, error: null };
      text += value;
      chunks++;
    }
  } catch (error) {
    return { text, chunks, error };
  }
}

describe('MSW in the browser', () => {
  it('is active: the service worker controls the page', () => {
    expect(navigator.serviceWorker.controller).not.toBeNull();
  });

  it('serves item 123,456 equal to the generator', async () => {
    const res = await fetch('/api/items?offset=123456&limit=1');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ItemsPage;
    expect(body.items).toEqual([item(123_456)]);
    expect(body.total).toBe(1_000_000);
  });

  it('answers HTTP 500 for errorRate=1 and 400 for an invalid parameter', async () => {
    const failed = await fetch('/api/items?offset=0&limit=10&errorRate=1');
    expect(failed.status).toBe(500);
    const bad = await fetch('/api/items?limit=-3');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/"limit" must be an integer/);
  });

  it('tells the page about each request it stalls (lazyflow-mock:stall), which ends when the client aborts', async () => {
    let stalls = 0;
    const count = () => stalls++;
    window.addEventListener('lazyflow-mock:stall', count);
    try {
      const controller = new AbortController();
      const pending = fetch('/api/items?offset=0&limit=5&stallRate=1', { signal: controller.signal });
      await expect.poll(() => stalls).toBe(1);
      controller.abort();
      await expect(pending).rejects.toThrow();
      expect((await fetch('/api/items?limit=1&stallRate=0')).status).toBe(200);
      expect(stalls).toBe(1);
    } finally {
      window.removeEventListener('lazyflow-mock:stall', count);
    }
  });

  it('applies the panel defaults to the next request', async () => {
    setFaultDefaults({ latency: 300 });
    const t0 = performance.now();
    await fetch('/api/items?limit=1');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(220);
  });
});

describe('GET /api/stream in the browser', () => {
  it('reads an NDJSON stream to the end through a ReadableStream', async () => {
    const res = await fetch('/api/stream?count=2000&rate=0');
    expect(res.headers.get('Content-Type')).toBe('application/x-ndjson');
    const { text, chunks, error } = await readAll(res.body!);
    expect(error).toBeNull();
    const events = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number });
    expect(events).toHaveLength(2000);
    expect(events[1999]).toEqual(streamEvent(1999));
    expect(chunks).toBeGreaterThan(1);
  });

  it('paces events at the requested rate', async () => {
    const t0 = performance.now();
    await (await fetch('/api/stream?count=100&rate=500')).text();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(150);
  });

  it('resumes from a sequence number', async () => {
    const text = await (await fetch('/api/stream?count=10&from=7&rate=0')).text();
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { seq: number }).seq),
    ).toEqual([7, 8, 9]);
  });

  it('cuts the connection after dropAfter events: the reader fails after receiving them', async () => {
    const url = '/api/stream?count=1000&rate=0&dropAfter=120';
    // The handler's own stream, before MSW's service-worker bridge: exactly 120 whole events,
    // then half a line, then the error — what a connection cut mid-event leaves behind.
    const source = await readAll(
      (await getResponse(handlers, new Request(new URL(url, location.href))))!.body!,
    );
    expect(source.error).toBeInstanceOf(TypeError);
    const lines = source.text.split('\n');
    expect(lines.slice(0, 120).map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual(
      Array.from({ length: 120 }, (_, i) => i),
    );
    expect(lines[120]).toBe(JSON.stringify(streamEvent(120)).slice(0, lines[120]!.length));
    expect(lines[120]!.length).toBeGreaterThan(0);
    // Through fetch: the reader fails with a network error after what reached it, in order. How
    // much reaches it is the bridge's business: the error discards what is still queued at each
    // hop, all of it when the page is busy (createStream.browser.test.ts's resume tests).
    const fetched = await readAll((await fetch(url)).body!);
    expect(fetched.error).toBeInstanceOf(TypeError);
    expect(source.text.startsWith(fetched.text)).toBe(true);
  });

  it('breaks every Nth line with malformedEvery', async () => {
    const lines = (await (await fetch('/api/stream?count=30&rate=0&malformedEvery=10')).text())
      .trim()
      .split('\n');
    const broken = lines.filter((l) => {
      try {
        JSON.parse(l);
        return false;
      } catch {
        return true;
      }
    });
    expect(lines).toHaveLength(30);
    expect(broken).toHaveLength(3);
  });

  /** Every chunk of a body, as the reader gets them. */
  async function chunksOf(body: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
    const reader = body.getReader();
    const raw: Uint8Array[] = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return raw;
      raw.push(value);
    }
  }
  const splitsAChar = (raw: Uint8Array[]) =>
    raw.some((c) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(c);
        return false;
      } catch {
        return true;
      }
    });
  const eightEvents = Array.from({ length: 8 }, (_, i) => streamEvent(i));
  const parsedLines = (text: string) =>
    text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as unknown);

  it('trickles small chunks with slow=, splitting multi-byte characters', async () => {
    // The handler's own stream, before MSW's service-worker bridge: the bridge may hand a slow
    // reader two chunks merged, so the chunk size is checked where the mock makes it.
    const res = await getResponse(
      handlers,
      new Request(new URL('/api/stream?count=8&rate=0&slow=5', location.href)),
    );
    const raw = await chunksOf(res!.body!);
    expect(raw.length).toBeGreaterThan(8);
    expect(Math.max(...raw.map((c) => c.length))).toBeLessThanOrEqual(5);
    expect(splitsAChar(raw)).toBe(true);
    expect(parsedLines(new TextDecoder().decode(await new Blob(raw as BlobPart[]).arrayBuffer()))).toEqual(
      eightEvents,
    );
  });

  it('a trickled body arrives through fetch in many pieces and decodes through a streaming decoder', async () => {
    // Whether a split character survives the bridge is the bridge's business (it may merge the
    // chunks that split one): the mock's splitting is checked above, at the source.
    const res = await fetch('/api/stream?count=8&rate=0&slow=5');
    // Read as a consumer would: through a streaming decoder, counting the pieces.
    const { text, chunks, error } = await readAll(res.body!);
    expect(error).toBeNull();
    expect(chunks).toBeGreaterThan(8);
    expect(parsedLines(text)).toEqual(eightEvents);
  });

  it('speaks SSE with id: lines and resumes after Last-Event-ID', async () => {
    const res = await fetch('/api/stream?count=6&rate=0&format=sse', { headers: { 'Last-Event-ID': '3' } });
    expect(res.headers.get('Content-Type')).toBe('text/event-stream');
    const text = await res.text();
    expect(text).toContain('retry: 500');
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual([4, 5]);
    expect(text).toContain(`data: ${JSON.stringify(streamEvent(4))}`);
  });
});
