// The request leaves before the parse Worker is started (issue #16 item 3): starting a Worker is a
// main-thread task of its own, which delayed the stream's first byte. A request function that
// throws still ends as a failed connection, not as an uncaught error.
import { describe, expect, it } from 'vitest';
import { ended, RealWorker, restoreWorkerAfterEach } from '../testing/streamEnded.ts';
import { createStream } from './createStream.ts';

restoreWorkerAfterEach();

/** A stream over `body` whose request and Worker start are written to `order` as they happen. */
function orderedStream(body: string) {
  const order: string[] = [];
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      order.push('worker');
      super(url, options);
    }
  };
  const stream = createStream<{ n: number }>({
    retry: false,
    request: () => {
      order.push('request');
      return new Response(body);
    },
  });
  return { order, stream };
}

describe('createStream: the request before the parse Worker', () => {
  it('calls the request function before it starts the Worker, and still reads every item', async () => {
    const { order, stream } = orderedStream('{"n":1}\n{"n":2}\n{"n":3}\n');
    const s = await ended(stream);
    expect(order).toEqual(['request', 'worker']);
    expect(s.status).toBe('done');
    expect(s.items).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('starts the Worker at subscribe, right after the request, before the reading loop runs', () => {
    const { order, stream } = orderedStream('{"n":1}\n');
    const unsubscribe = stream.subscribe(() => {});
    // Synchronously in subscribe: the Worker's script loads while the request is under way.
    expect(order).toEqual(['request', 'worker']);
    unsubscribe();
    stream.close();
  });

  it('a Worker started with a stream closed before reading is terminated, and none is left running', async () => {
    const started: Worker[] = [];
    const terminated: Worker[] = [];
    globalThis.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        started.push(this);
      }
      override terminate(): void {
        terminated.push(this);
        super.terminate();
      }
    };
    const stream = createStream<{ n: number }>({ retry: false, request: () => new Response('{"n":1}\n') });
    const unsubscribe = stream.subscribe(() => {});
    stream.close();
    unsubscribe();
    for (let i = 0; i < 500 && terminated.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(started).toHaveLength(1);
    expect(terminated).toEqual(started);
  });

  it('a request function that throws ends the stream with that error (retry: false), nothing uncaught', async () => {
    const failure = new Error('no token for the stream');
    const stream = createStream<{ n: number }>({
      retry: false,
      request: () => {
        throw failure;
      },
    });
    const s = await ended(stream);
    expect(s.status).toBe('error');
    expect(s.error).toBe(failure);
    expect(s.items).toEqual([]);
  });
});
