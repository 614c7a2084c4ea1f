// The SSE resume point in Chromium, parsed in the stream's Worker (its replies carry the last
// event id reached, also for a batch without items) and on the page: an event with an id and no
// data moves it, an empty id resets it (no Last-Event-ID), an id containing NUL is ignored.
// EventSource does the same; createStream resumed from 1 in the first two cases (parser-level and
// node cases: sseLastEventId.test.ts).
import { describe, expect, it } from 'vitest';
import { ended, RealWorker, restoreWorkerAfterEach } from '../testing/streamEnded.ts';
import { createStream } from './createStream.ts';

restoreWorkerAfterEach();

/** A body giving `text`, then failing (a dropped connection). */
function dropping(text: string): Response {
  let sent = false;
  return new Response(
    new ReadableStream<Uint8Array>(
      {
        pull(c) {
          if (sent) c.error(new TypeError('cut'));
          else c.enqueue(new TextEncoder().encode(text));
          sent = true;
        },
      },
      { highWaterMark: 0 },
    ),
  );
}

/** Counts the Worker's 'parsed' replies; `ready` resolves once a Worker loaded its parser. */
function spyOnWorkers() {
  const spy = { parsed: 0, ready: Promise.resolve() };
  let ready = () => {};
  spy.ready = new Promise((resolve) => {
    ready = resolve;
  });
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (event: MessageEvent<{ kind: string }>) => {
        if (event.data.kind === 'parsed') spy.parsed++;
        if (event.data.kind === 'ready') setTimeout(ready, 0); // the page's handler saw it first
      });
    }
  };
  return spy;
}

describe.each([true, false])('createStream SSE resume id (worker: %s)', (worker) => {
  async function resumeIds(first: string): Promise<(string | number | undefined)[]> {
    const spy = spyOnWorkers();
    const lastIds: (string | number | undefined)[] = [];
    const stream = createStream<string>({
      format: 'sse',
      worker,
      retry: { baseDelayMs: 1, maxDelayMs: 1 },
      request: async ({ lastId }) => {
        lastIds.push(lastId);
        if (lastIds.length > 1) return new Response('data: "end"\n\n');
        if (worker) await spy.ready; // the body's bytes go to the Worker, not to the page meanwhile
        return dropping(first);
      },
    });
    const s = await ended(stream);
    expect(s.status).toBe('done');
    if (worker) expect(spy.parsed).toBeGreaterThan(0);
    else expect(spy.parsed).toBe(0);
    return lastIds;
  }

  it('an event with an id and no data moves the resume point (Last-Event-ID: 2)', async () => {
    expect(await resumeIds('id: 1\ndata: "a"\n\nid: 2\n\n')).toEqual([undefined, '2']);
  });

  it('an empty id resets it: the reconnect has no lastId', async () => {
    expect(await resumeIds('id: 1\ndata: "a"\n\nid\ndata: "b"\n\n')).toEqual([undefined, undefined]);
  });

  it('an id containing NUL is ignored', async () => {
    expect(await resumeIds('id: 1\ndata: "a"\n\nid: 2\u0000\n\n')).toEqual([undefined, '1']);
  });
});
