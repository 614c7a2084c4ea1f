// A mocked stream whose reader goes away must be cancelled at its source, through MSW's service
// worker, or every chunk it produced stays queued in a copy nobody reads (the soak's heap leak,
// issue #16 item 5). MSW copies a mocked response on both sides: the page (patched out,
// patches/msw@2.9.0.patch) and the worker (for its response:* events; startMockWorker cancels
// that copy). A tee cancels its source only when every branch is cancelled, so with either copy
// left the source below never saw `cancel` and kept what it had enqueued.
import { HttpResponse, http } from 'msw';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockWorker, worker } from './browser.ts';

beforeAll(async () => {
  await startMockWorker();
});
afterEach(() => worker.resetHandlers());

const CONNECTIONS = 8;
const CHUNK = new Uint8Array(4096).fill(120);

/** An endless mock stream that records how far each connection got and whether it was cancelled. */
function endlessStreams() {
  const connections: { pulled: number; cancelled: boolean }[] = [];
  worker.use(
    http.get('*/api/test-endless-stream', () => {
      const connection = { pulled: 0, cancelled: false };
      connections.push(connection);
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            connection.pulled++;
            controller.enqueue(CHUNK.slice());
          },
          cancel() {
            connection.cancelled = true;
          },
        },
        { highWaterMark: 1 },
      );
      return new HttpResponse(body, { headers: { 'Content-Type': 'application/octet-stream' } });
    }),
  );
  return connections;
}

describe('a mocked stream the reader leaves', () => {
  it(`is cancelled at its source, ${CONNECTIONS} connections in a row (reader.cancel and fetch abort)`, async () => {
    const connections = endlessStreams();
    for (let i = 0; i < CONNECTIONS; i++) {
      const abort = new AbortController();
      const response = await fetch('/api/test-endless-stream', { signal: abort.signal });
      const body = response.body;
      if (body === null) throw new Error('the mocked stream has no body');
      const reader = body.getReader();
      // Read some chunks' worth (the service worker may split or join chunks on the way).
      let bytes = 0;
      while (bytes < 3 * CHUNK.byteLength) {
        const { done, value } = await reader.read();
        expect(done).toBe(false);
        bytes += value?.byteLength ?? 0;
      }
      // Half the connections end the way the demo's stream client does on unmount (abort), half
      // the way a parser giving up does (cancel the reader).
      if (i % 2 === 0) abort.abort();
      else await reader.cancel();
    }
    expect(connections).toHaveLength(CONNECTIONS);
    await expect
      .poll(() => connections.filter((c) => c.cancelled).length, { timeout: 5_000 })
      .toBe(CONNECTIONS);
    // Once cancelled, a source is pulled no more: nothing keeps producing chunks for nobody.
    const pulled = connections.map((c) => c.pulled);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connections.map((c) => c.pulled)).toEqual(pulled);
  });
});
