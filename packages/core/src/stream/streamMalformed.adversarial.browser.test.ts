// Adversarial checks of `onMalformed: 'error'` in real Chromium, parsed in the Worker (the
// default), on the page and in a `url`-only stream's Worker request: the stream stops at the
// malformed event, its resume point stays on the last event delivered, and `retry()` reconnects
// from there.
import { worker as mockWorker, startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { route } from '../testing/mockRoute.ts';
import { ended, restoreWorkerAfterEach } from '../testing/streamEnded.ts';
import { createStream } from './createStream.ts';
import { StreamParseError } from './streamErrors.ts';

restoreWorkerAfterEach();
beforeAll(async () => {
  await startMockWorker();
});
afterEach(() => {
  mockWorker.resetHandlers();
});

describe.each([true, false])("createStream onMalformed: 'error' (worker: %s)", (worker) => {
  it('SSE: an event whose data is not JSON does not move the resume id past it', async () => {
    const stream = createStream<number>({
      format: 'sse',
      worker,
      onMalformed: 'error',
      request: () => new Response('id: 1\ndata: 1\n\nid: 2\ndata: {bad\n\nid: 3\ndata: 3\n\n'),
    });
    const s = await ended(stream);
    expect(s.status).toBe('error');
    expect(s.error).toBeInstanceOf(StreamParseError);
    expect(s.items).toEqual([1]);
    expect(s.lastId).toBe('1');
  });

  it('retry() reconnects from the last delivered id and goes on reading', async () => {
    const lastIds: (string | number | undefined)[] = [];
    const bodies = ['id: 1\ndata: 1\n\nid: 2\ndata: {bad\n\n', 'id: 2\ndata: 2\n\nid: 3\ndata: 3\n\n'];
    const stream = createStream<number>({
      format: 'sse',
      worker,
      onMalformed: 'error',
      request: ({ lastId }) => {
        lastIds.push(lastId);
        return new Response(bodies[lastIds.length - 1] ?? '');
      },
    });
    expect((await ended(stream)).status).toBe('error');
    const again = ended(stream);
    stream.retry();
    const s = await again;
    expect(s.status).toBe('done');
    expect(s.error).toBe(null);
    expect(lastIds).toEqual([undefined, '1']);
    expect(s.items).toEqual([1, 2, 3]);
  });
});

describe("a url-only SSE stream (its request made in the parse Worker), onMalformed: 'error'", () => {
  it('stops at the malformed event; retry() sends Last-Event-ID of the last delivered one', async () => {
    const sent: (string | null)[] = [];
    const bodies = ['id: 1\ndata: 1\n\nid: 2\ndata: {bad\n\nid: 3\ndata: 3\n\n', 'id: 2\ndata: 2\n\n'];
    route('*/api/test-malformed-sse', ({ request }) => {
      sent.push(request.headers.get('Last-Event-ID'));
      return new Response(bodies[sent.length - 1] ?? '', {
        headers: { 'Content-Type': 'text/event-stream' },
      });
    });
    const stream = createStream<number>({
      url: '/api/test-malformed-sse',
      format: 'sse',
      onMalformed: 'error',
    });
    const failed = await ended(stream);
    expect(failed.status).toBe('error');
    expect(failed.items).toEqual([1]);
    expect(failed.lastId).toBe('1');
    const again = ended(stream);
    stream.retry();
    const s = await again;
    expect(s.status).toBe('done');
    expect(sent).toEqual([null, '1']);
    expect(s.items).toEqual([1, 2]);
    expect(s.lastId).toBe('2');
  });
});
