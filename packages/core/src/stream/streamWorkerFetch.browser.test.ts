// A `url`-only stream's request made by its parse Worker (issue #16 item 3, lead D), in real
// Chromium through the mock server: items in order, the page's own `fetch` never called, abort,
// HTTP errors, a cut connection resumed, and the page's fallback where the Worker cannot start
// (last: a Worker that failed is not tried again in this page).
import { streamEvent } from '@lazyflow/mocks';
import { startMockWorker, worker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createManualFrameScheduler } from '../env/frameScheduler.ts';
import { route } from '../testing/mockRoute.ts';
import { withoutRepeats } from '../testing/streamCuts.ts';
import { ended, RealWorker } from '../testing/streamEnded.ts';
import { createStream } from './createStream.ts';
import { StreamHttpError } from './streamErrors.ts';

beforeAll(async () => {
  await startMockWorker();
});

type Event = ReturnType<typeof streamEvent>;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
const encoder = new TextEncoder();
const ndjson = (from: number, to: number) =>
  encoder.encode(
    range(from, to)
      .map((seq) => `${JSON.stringify(streamEvent(seq))}\n`)
      .join(''),
  );

/**
 * Messages the Workers sent back by kind, the page's `pull`s to them, Workers terminated, and the
 * page's own fetches of `/api/`.
 */
const spy = { kinds: [] as string[], pulls: 0, terminated: 0, pageFetches: 0, errors: [] as unknown[] };
const realFetch = globalThis.fetch;
function spyOn() {
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (event: MessageEvent<{ kind: string }>) => {
        spy.kinds.push(event.data.kind);
      });
    }
    override postMessage(message: unknown, transfer?: unknown) {
      if ((message as { kind?: string }).kind === 'pull') spy.pulls++;
      super.postMessage(message, transfer as Transferable[]);
    }
    override terminate() {
      spy.terminated++;
      super.terminate();
    }
  };
  globalThis.fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/api/')) spy.pageFetches++;
    return realFetch(input, init);
  };
}
const uncaught = (event: PromiseRejectionEvent | ErrorEvent) =>
  spy.errors.push('reason' in event ? event.reason : event.error);
beforeAll(() => {
  window.addEventListener('unhandledrejection', uncaught);
  window.addEventListener('error', uncaught);
});
afterEach(() => {
  globalThis.Worker = RealWorker;
  globalThis.fetch = realFetch;
  worker.resetHandlers();
  expect(spy.errors).toEqual([]); // a dropped connection is no uncaught error (issue #16 item 0)
  Object.assign(spy, { kinds: [], pulls: 0, terminated: 0, pageFetches: 0, errors: [] });
});

describe("a url-only stream's request made in the parse Worker", () => {
  it('reads 20,000 events in order; the page never fetches', async () => {
    spyOn();
    const received: number[] = [];
    const stream = createStream<Event>({
      url: '/api/stream?count=20000&rate=0',
      maxItems: 100,
      onItems: (batch) => {
        for (const event of batch) received.push(event.seq);
      },
    });
    const s = await ended(stream);
    expect(s.status).toBe('done');
    expect(received).toEqual(range(0, 20_000));
    expect(spy.pageFetches).toBe(0);
    expect(spy.kinds.filter((kind) => kind === 'response')).toHaveLength(1);
    expect(spy.kinds.at(-1)).toBe('ended');
    expect(s.stats.bytes).toBeGreaterThan(20_000 * 50);
  });

  it('close() mid-body aborts the Worker’s fetch: the source is cancelled and pulled no more', async () => {
    const source = { pulled: 0, cancelled: false };
    route('*/api/test-worker-endless', () => {
      let seq = 0;
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            source.pulled++;
            controller.enqueue(ndjson(seq, seq + 50));
            seq += 50;
          },
          cancel() {
            source.cancelled = true;
          },
        },
        { highWaterMark: 1 },
      );
      return new Response(body, { headers: { 'Content-Type': 'application/x-ndjson' } });
    });
    spyOn();
    const stream = createStream<Event>({ url: '/api/test-worker-endless', maxItems: 100 });
    const unsubscribe = stream.subscribe(() => {});
    while (stream.getSnapshot().stats.items < 500) await tick();
    stream.close();
    unsubscribe();
    await expect.poll(() => source.cancelled, { timeout: 5_000 }).toBe(true);
    const pulled = source.pulled;
    await tick(200);
    expect(source.pulled).toBe(pulled);
    expect(spy.terminated).toBeGreaterThanOrEqual(1);
    expect(spy.pageFetches).toBe(0);
    expect(stream.getSnapshot().status).toBe('done');
  });

  it('backpressure: the Worker stops parsing while unpublished items reach highWaterMark, then goes on, in order', async () => {
    route('*/api/test-worker-counting', () => {
      let seq = 0;
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            controller.enqueue(ndjson(seq, seq + 100));
            seq += 100;
            if (seq >= 20_000) controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      return new Response(body);
    });
    spyOn();
    const frames = createManualFrameScheduler();
    const stream = createStream<Event>({
      url: '/api/test-worker-counting',
      frameScheduler: frames,
      highWaterMark: 250,
      maxItems: Number.POSITIVE_INFINITY,
    });
    const unsubscribe = stream.subscribe(() => {});
    const pieces = () => spy.kinds.filter((kind) => kind === 'piece').length;
    // No frame runs: nothing is published. 250 waiting items (100 a piece) stop the page's pulls
    // after 3 pieces; the Worker parses at most four pieces ahead of the pulls, so it stops once
    // it has parsed four more than the page pulled. (MSW's bridge reads the mock's source ahead
    // whoever fetches: on the page 178 of 200 pulls.) Waited for, not timed: a fixed window raced
    // pieces still on their way on a loaded machine.
    await vi.waitFor(() => expect(pieces()).toBe(spy.pulls + 4));
    const stalled = pieces();
    expect(stalled).toBeLessThanOrEqual(7);
    for (let i = 0; i < 20; i++) await tick(2);
    expect(pieces()).toBe(stalled);
    expect(stream.getSnapshot().stats.items).toBeLessThanOrEqual(700);
    for (let i = 0; i < 5000 && stream.getSnapshot().status !== 'done'; i++) {
      frames.flush();
      await tick(1);
    }
    unsubscribe();
    expect(stream.getSnapshot().status).toBe('done');
    expect(stream.getSnapshot().items.map((e) => e.seq)).toEqual(range(0, 20_000));
    expect(spy.pageFetches).toBe(0);
  });

  it('HTTP 500 is a StreamHttpError, retried from the last key; every 500 ends in that error', async () => {
    const froms: (string | null)[] = [];
    // The cut waits until the page has the 50 events: erroring the body discards what is still
    // on its way (a timer here raced a busy page, which then saw no event before the cut).
    let received = 0;
    let onFifty = () => {};
    const fifty = new Promise<void>((resolve) => (onFifty = resolve));
    route('*/api/test-worker-500', ({ request }) => {
      const from = new URL(request.url).searchParams.get('from');
      froms.push(from);
      if (froms.length === 1) {
        // 0..49, then the connection is cut.
        const body = new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(ndjson(0, 50));
          },
          async pull(controller) {
            await fifty;
            controller.error(new TypeError('cut'));
          },
        });
        return new Response(body);
      }
      if (froms.length === 2) return new Response('no', { status: 500 });
      return new Response(ndjson(Number(from), 100));
    });
    spyOn();
    const stream = createStream<Event>({
      url: '/api/test-worker-500',
      resumeParam: 'from',
      resume: { key: (e) => e.seq },
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      onItems: (batch) => {
        received += batch.length;
        if (received >= 50) onFifty();
      },
    });
    const s = await ended(stream);
    expect(s.status).toBe('done');
    expect(s.items.map((e) => e.seq)).toEqual(range(0, 100));
    expect(froms).toEqual([null, '49', '49']);
    expect(s.stats.reconnects).toBe(2);
    expect(s.stats.duplicates).toBe(1);
    expect(spy.pageFetches).toBe(0);

    route('*/api/test-worker-500-always', () => new Response('no', { status: 500 }));
    const failing = createStream<Event>({
      url: '/api/test-worker-500-always',
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 },
    });
    const f = await ended(failing);
    expect(f.status).toBe('error');
    expect(f.error).toBeInstanceOf(StreamHttpError);
    expect((f.error as StreamHttpError).status).toBe(500);
    expect((f.error as StreamHttpError).url).toMatch(/\/api\/test-worker-500-always$/);
    expect(f.stats.reconnects).toBe(1);
    expect(spy.pageFetches).toBe(0);
  });

  it('HTTP 400 fails at once (not retryable), as on the page', async () => {
    spyOn();
    const s = await ended(createStream<Event>({ url: '/api/stream?count=-1' }));
    expect(s.status).toBe('error');
    expect((s.error as StreamHttpError).status).toBe(400);
    expect(s.stats.reconnects).toBe(0);
  });

  it('a cut connection (dropAfter) resumes from the last key: nothing lost, nothing twice', async () => {
    spyOn();
    // The resume point of each request as MSW saw it: a cut can lose all a connection sent while
    // the page is busy, and the stream rightly asks again from the same point (`withoutRepeats`).
    const froms: (string | null)[] = [];
    const record = ({ request }: { request: Request }) => {
      if (request.url.includes('dropAfter=120')) froms.push(new URL(request.url).searchParams.get('from'));
    };
    worker.events.on('request:start', record);
    try {
      const stream = createStream<Event>({
        url: '/api/stream?count=1000&rate=0&dropAfter=120',
        resumeParam: 'from',
        resume: { key: (e) => e.seq },
        retry: { baseDelayMs: 1, maxDelayMs: 5 },
        maxItems: 2000,
      });
      const s = await ended(stream);
      expect(s.status).toBe('done');
      expect(s.items.map((e) => e.seq)).toEqual(range(0, 1000));
      // `from` is the last key received; the mock starts at it (the stream drops that repeat), so
      // each later connection brings 119 new events before its cut.
      expect(withoutRepeats(froms)).toEqual([null, '119', '238', '357', '476', '595', '714', '833', '952']);
      expect(s.stats.reconnects).toBe(froms.length - 1);
      expect(spy.pageFetches).toBe(0);
      expect(spy.kinds.filter((kind) => kind === 'dropped')).toHaveLength(froms.length - 1);
    } finally {
      worker.events.removeListener('request:start', record);
    }
  });

  it('a Worker that fails to load: the page fetches and parses instead, in order (and from then on)', async () => {
    spyOn();
    globalThis.Worker = class extends RealWorker {
      constructor(_url: string | URL, options?: WorkerOptions) {
        super('/lazyflow-no-such-worker.js', options);
      }
    };
    const s = await ended(createStream<Event>({ url: '/api/stream?count=3000&rate=0', maxItems: 5000 }));
    expect(s.status).toBe('done');
    expect(s.items.map((e) => e.seq)).toEqual(range(0, 3000));
    expect(s.stats.reconnects).toBe(0);
    expect(spy.pageFetches).toBe(1);

    let constructed = 0;
    globalThis.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        constructed++;
      }
    };
    const again = await ended(createStream<Event>({ url: '/api/stream?count=500&rate=0' }));
    expect(again.items.map((e) => e.seq)).toEqual(range(0, 500));
    expect(constructed).toBe(0); // not tried again in this page
    expect(spy.pageFetches).toBe(2);
  });
});
