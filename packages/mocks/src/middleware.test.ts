// The mock API over a real Node HTTP server (what the bench serves its pages' data with):
// same bodies as the handlers, streams written incrementally, aborts reaching the handler.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items } from './dataset.ts';
import type { ItemsPage } from './handlers/items.ts';
import { handlers } from './handlers.ts';
import { mockApiMiddleware } from './middleware.ts';

let server: Server;
let probeStarted: Promise<void>;
let probeAborted: Promise<boolean>;
/** `/api/probe`: never answers; says when its request started and when its signal aborted. */
function probeHandler() {
  let started!: () => void;
  let aborted!: (value: boolean) => void;
  probeStarted = new Promise((resolve) => (started = resolve));
  probeAborted = new Promise((resolve) => (aborted = resolve));
  return http.get('*/api/probe', ({ request }) => {
    started();
    return new Promise<Response>((_, reject) =>
      request.signal.addEventListener('abort', () => {
        aborted(true);
        reject(request.signal.reason);
      }),
    );
  });
}
let base: string;

/** While set, the next response's writes after its first (and its end) wait for this promise. */
let holdAfterFirstWrite: Promise<void> | null = null;
/** Sends `res`'s first write at once and queues the later writes and the end until `released`. */
function holdWrites(res: ServerResponse, released: Promise<void>): void {
  const write = res.write.bind(res) as (chunk: unknown) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let queue: Promise<void> | null = null; // null until the first write has gone out
  res.write = ((chunk: unknown) => {
    if (queue === null) {
      queue = released;
      return write(chunk);
    }
    queue = queue.then(() => void write(chunk));
    return true;
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    if (queue === null) return end(...args);
    queue = queue.then(() => void end(...args));
    return res;
  }) as typeof res.end;
}

beforeAll(async () => {
  const api = mockApiMiddleware({ handlers: [...handlers, probeHandler()] });
  server = createServer((req, res) => {
    if (holdAfterFirstWrite) holdWrites(res, holdAfterFirstWrite);
    holdAfterFirstWrite = null;
    api(req, res, (error) => {
      res.statusCode = error ? 500 : 404;
      res.end(error ? String(error) : 'not a mock endpoint');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('mockApiMiddleware', () => {
  it('answers /api/items with the handler’s body, status and headers', async () => {
    const res = await fetch(`${base}/api/items?offset=500000&limit=3&latency=10`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as ItemsPage;
    expect(body).toEqual({ items: items(500_000, 500_003), total: 1_000_000 });
  });

  it('answers a bad parameter with the handler’s 400', async () => {
    const res = await fetch(`${base}/api/items?limit=0`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain('"limit"');
  });

  it('hands other paths and methods to the next middleware', async () => {
    expect((await fetch(`${base}/index.html`)).status).toBe(404);
    expect((await fetch(`${base}/api/nothing-here`)).status).toBe(404);
    expect((await fetch(`${base}/api/items`, { method: 'POST' })).status).toBe(404);
  });

  it('writes a stream as it is produced, not buffered whole', async () => {
    // 20 events at 20/s: the last one is due after about a second. The server sends its first
    // write and holds the rest until the client has read: the first bytes must reach the client
    // while the stream is still being produced. (It was a timing bound, first bytes within 400 ms,
    // which a loaded machine that stalls the process longer than that fails.)
    let release!: () => void;
    holdAfterFirstWrite = new Promise<void>((resolve) => (release = resolve));
    const started = performance.now();
    const res = await fetch(`${base}/api/stream?count=20&rate=20&format=ndjson`);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson');
    const reader = res.body!.getReader();
    const first = await reader.read();
    let text = new TextDecoder().decode(first.value);
    // A body buffered whole would come in this first read, all 20 events of it.
    expect(text.trim().split('\n').length).toBeLessThan(20);
    release();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    const lastAt = performance.now() - started;
    expect(lastAt).toBeGreaterThan(800);
    expect(
      text
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { seq: number }).seq),
    ).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('an aborted fetch aborts the request the handler sees', async () => {
    const controller = new AbortController();
    const pending = fetch(`${base}/api/probe`, { signal: controller.signal });
    await probeStarted;
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect(probeAborted).resolves.toBe(true);
  });

  it('an abort during the latency delay ends the request (no late write)', async () => {
    const controller = new AbortController();
    const pending = fetch(`${base}/api/items?limit=1&latency=60000`, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(pending).rejects.toThrow();
    // The server is still healthy afterwards.
    expect((await fetch(`${base}/api/items?limit=1`)).status).toBe(200);
  });
});
