// Parsing in a Worker (issue #16 item 3, decision 0013), in real Chromium: the built-in formats
// are parsed off the main thread by default, with the same items, order, errors and backpressure
// as on the page, and the page parses where no Worker starts. The fallback tests come last, the
// failing Worker at the very end: one that failed to start is not tried again in this page.
import { streamEvent } from '@lazyflow/mocks';
import { startMockWorker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManualFrameScheduler } from '../env/frameScheduler.ts';
import { ended, RealWorker } from '../testing/streamEnded.ts';
import { createStream, type StreamSnapshot } from './createStream.ts';
import { StreamParseError } from './streamErrors.ts';

beforeAll(async () => {
  await startMockWorker();
});

type Event = { seq: number };
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const tick = (ms = 2) => new Promise((resolve) => setTimeout(resolve, ms));
const settled = <T>(s: StreamSnapshot<T>) => s.status === 'done' || s.status === 'error';

/**
 * Workers started (and terminated) while the spy is in place, the parsed batches they sent back
 * (and their sizes), and `ready`: resolves a task after a Worker said its parser is loaded.
 */
const spy = { started: 0, terminated: 0, replies: 0, sizes: [] as number[], ready: Promise.resolve() };
function spyOnWorkers() {
  let ready = () => {};
  spy.ready = new Promise((resolve) => {
    ready = resolve;
  });
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      spy.started++;
      this.addEventListener('message', (event: MessageEvent<{ kind: string; items?: unknown[] }>) => {
        if (event.data.kind === 'parsed') {
          spy.replies++;
          spy.sizes.push(event.data.items?.length ?? 0);
        }
        // A task later: the page's own handler has seen it too.
        if (event.data.kind === 'ready') setTimeout(ready, 0);
      });
    }
    override terminate() {
      spy.terminated++;
      super.terminate();
    }
  };
}
afterEach(() => {
  globalThis.Worker = RealWorker;
  spy.started = 0;
  spy.terminated = 0;
  spy.replies = 0;
  spy.sizes = [];
});

/**
 * A response that arrives once the Worker is ready, so the Worker parses the body from its first
 * byte (until it is ready the page parses, decision 0031: a short body would never reach it).
 */
const afterWorkerReady = (body: string) => async () => {
  await spy.ready;
  return new Response(body);
};

const ndjson = (from: number, to: number) =>
  range(from, to)
    .map((seq) => `${JSON.stringify(streamEvent(seq))}\n`)
    .join('');

/** A body whose `chunks` chunks of `perChunk` NDJSON lines are all queued at once (a backlog). */
function backlogBody(chunks: number, perChunk: number): Response {
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        for (let c = 0; c < chunks; c++)
          controller.enqueue(encoder.encode(ndjson(c * perChunk, (c + 1) * perChunk)));
        controller.close();
      },
    }),
  );
}

/** A body of `lines` NDJSON lines made on demand, `perPull` a chunk, counting the reader's pulls. */
function countingBody(lines: number, perPull: number) {
  const state = { pulls: 0 };
  let seq = 0;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulls++;
        controller.enqueue(encoder.encode(ndjson(seq, Math.min(lines, seq + perPull))));
        seq = Math.min(lines, seq + perPull);
        if (seq >= lines) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
  return { body, state };
}

describe('createStream parsing in a Worker', () => {
  it('parses in a Worker by default: 100,000 events from the server reach onItems in order, none lost', async () => {
    spyOnWorkers();
    const received: number[] = [];
    const stream = createStream<Event>({
      // The server's body once the Worker is ready: until then the page parses (decision 0031),
      // and on an idle machine the page had parsed all 100,000 before it was (CI, ced30b4).
      request: async ({ signal }) => {
        await spy.ready;
        return fetch('/api/stream?count=100000&rate=0', { signal });
      },
      maxItems: 1000,
      retry: false,
      onItems: (batch) => {
        for (const event of batch) received.push(event.seq);
      },
    });
    const s = await ended(stream);
    expect(s.status).toBe('done');
    expect(spy.started).toBe(1);
    expect(spy.replies).toBeGreaterThan(0); // the Worker parsed (a failed start falls back silently)
    expect(received).toEqual(range(0, 100_000));
    expect(s.stats.items).toBe(100_000);
    expect(s.items.map((e) => e.seq)).toEqual(range(99_000, 100_000));
    for (let i = 0; i < 100 && spy.terminated === 0; i++) await tick(5);
    expect(spy.terminated).toBe(1); // one Worker per connection, stopped when the body ended
  }, 60_000);

  it('reports malformed lines as StreamParseError values with their line numbers, between the items', async () => {
    spyOnWorkers();
    const body = `${ndjson(0, 2)}{"seq": 2,\n${ndjson(3, 5)}not json\n${ndjson(5, 6)}`;
    const stream = createStream<Event>({ request: afterWorkerReady(body), retry: false });
    const s = await ended(stream);
    expect(spy.started).toBe(1);
    expect(spy.replies).toBeGreaterThan(0); // the Worker parsed (a failed start falls back silently)
    expect(s.status).toBe('done');
    expect(s.items.map((e) => e.seq)).toEqual([0, 1, 3, 4, 5]);
    expect(s.stats.malformed).toBe(2);
    expect(s.lastMalformed).toBeInstanceOf(StreamParseError);
    expect(s.lastMalformed?.line).toBe(6);
    expect(s.lastMalformed?.reason).toBe('invalid-json');
    expect(s.lastMalformed?.message).toMatch(/^lazyflow: stream line 6 is not JSON .*: "not json"$/);
  });

  it.each([200, 450])(
    'a large chunk comes back in replies of at most 200 items; a malformed line after item %i keeps its place',
    async (at) => {
      spyOnWorkers();
      const { sizes } = spy;
      const body = `${ndjson(0, at)}{oops\n${ndjson(at, 1000)}`; // one chunk of 1,001 lines
      const stream = createStream<Event>({ request: afterWorkerReady(body), onMalformed: 'error' });
      const s = await ended(stream);
      expect(s.status).toBe('error');
      expect((s.error as StreamParseError).line).toBe(at + 1);
      expect(s.items.map((e) => e.seq)).toEqual(range(0, at));
      expect(sizes.length).toBeGreaterThanOrEqual(5);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(200);
    },
  );

  it("onMalformed: 'error' stops at the first malformed line with that StreamParseError, keeping the items before it", async () => {
    const body = `${ndjson(0, 3)}{oops\n${ndjson(4, 8)}`;
    const stream = createStream<Event>({ request: () => new Response(body), onMalformed: 'error' });
    const s = await ended(stream);
    expect(s.status).toBe('error');
    expect(s.error).toBeInstanceOf(StreamParseError);
    expect((s.error as StreamParseError).line).toBe(4);
    expect(s.items.map((e) => e.seq)).toEqual([0, 1, 2]);
  });

  it('SSE ids and retry: parsed in the Worker, the last id is the resume point', async () => {
    spyOnWorkers();
    const body = 'retry: 1500\nid: a1\ndata: {"seq":0}\n\nid: a2\ndata: {"seq":1}\n\ndata: {"seq":2}\n\n';
    const stream = createStream<Event>({ request: afterWorkerReady(body), format: 'sse', retry: false });
    const s = await ended(stream);
    expect(spy.started).toBe(1);
    expect(spy.replies).toBeGreaterThan(0); // the Worker parsed (a failed start falls back silently)
    expect(s.items.map((e) => e.seq)).toEqual([0, 1, 2]);
    expect(s.lastId).toBe('a2');
  });

  it('backpressure: reading stops while unpublished items reach highWaterMark, and goes on after frames, in order', async () => {
    spyOnWorkers();
    const frames = createManualFrameScheduler();
    const { body, state } = countingBody(20_000, 100);
    const stream = createStream<Event>({
      request: () => new Response(body),
      frameScheduler: frames,
      highWaterMark: 250,
      maxItems: Number.POSITIVE_INFINITY,
    });
    const unsubscribe = stream.subscribe(() => {});
    while (state.pulls < 3) await tick(1);
    // The Worker takes its two chunks once its parser is loaded, however long its start takes on a
    // busy machine: the quiet 100 ms below start after that, not while it may still come.
    await spy.ready;
    for (let i = 0; i < 50; i++) await tick(2); // no frame runs: nothing is published
    const stalled = state.pulls;
    // 250 waiting items stop the reader. Before that: the chunks parsed on the page while the
    // Worker starts (the same gate), two in the Worker, and the stream's own queue.
    expect(stalled).toBeLessThanOrEqual(22);
    for (let i = 0; i < 20; i++) await tick(2);
    expect(state.pulls).toBe(stalled);
    for (let i = 0; i < 5000 && !settled(stream.getSnapshot()); i++) {
      frames.flush();
      await tick(1);
    }
    unsubscribe();
    expect(spy.started).toBe(1);
    expect(spy.replies).toBeGreaterThan(0); // the Worker parsed (a failed start falls back silently)
    expect(stream.getSnapshot().status).toBe('done');
    expect(stream.getSnapshot().items.map((e) => e.seq)).toEqual(range(0, 20_000));
  });

  it('while the Worker starts, the page parses a queued backlog in slices that yield to the browser, losing nothing', async () => {
    const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
    const originalYield = scheduler?.yield;
    if (!scheduler || !originalYield) throw new Error('this Chromium has no scheduler.yield');
    const seen = { yields: 0, chunksPosted: 0, yieldsAt16: -1 };
    // The Worker's 'ready' is held back until 16 chunks were posted: all 16 are read before it.
    globalThis.Worker = class extends RealWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        let handler: ((event: MessageEvent) => void) | null = null;
        let held: MessageEvent | null = null;
        Object.defineProperty(this, 'onmessage', {
          get: () => handler,
          set: (fn: ((event: MessageEvent) => void) | null) => {
            handler = fn;
          },
        });
        this.addEventListener('message', (event: MessageEvent<{ kind: string }>) => {
          if (event.data.kind === 'ready' && seen.chunksPosted < 16) held = event;
          else handler?.(event);
        });
        const post = this.postMessage.bind(this);
        this.postMessage = (
          message: { kind: string },
          transfer?: Transferable[] | StructuredSerializeOptions,
        ) => {
          post(message, transfer as Transferable[]);
          if (message.kind !== 'chunk' || ++seen.chunksPosted !== 16) return;
          seen.yieldsAt16 = seen.yields;
          if (held !== null) {
            const ready = held;
            held = null;
            setTimeout(() => handler?.(ready), 0);
          }
        };
      }
    };
    scheduler.yield = () => {
      seen.yields++;
      return originalYield.call(scheduler);
    };
    let clock = 0;
    // No frame runs before the 16th chunk is posted: a publishing frame reads the clock too, and
    // under load more frames fell among the slices, lengthening them (fewer yields than chunks).
    const frames = createManualFrameScheduler();
    const flusher = setInterval(() => {
      if (seen.chunksPosted >= 16) frames.flush();
    }, 2);
    try {
      const stream = createStream<Event>({
        request: () => backlogBody(20, 100),
        maxItems: Number.POSITIVE_INFINITY,
        now: () => (clock += 10), // every chunk read takes 10 ms: each one ends its slice
        frameScheduler: frames,
      });
      const s = await ended(stream);
      expect(s.status).toBe('done');
      expect(s.items.map((e) => e.seq)).toEqual(range(0, 2000));
      // Without slices, the 16 queued chunks were read and parsed (or posted) in one task (0
      // yields); here the ones parsed before the 16th was posted took a yield each, but the
      // first one or two: the request leaves before the reading loop's chunk has loaded
      // (decision 0050), so the loop may find two chunks queued and read them in its first
      // slice (13 seen once, at load 12-15; 14 in the runs alone).
      expect(seen.yieldsAt16).toBeGreaterThanOrEqual(12);
    } finally {
      clearInterval(flusher);
      scheduler.yield = originalYield;
    }
  });

  it('close() in the middle of a backlog stops the Worker; what was published stays, in order', async () => {
    spyOnWorkers();
    const frames = createManualFrameScheduler();
    const { body, state } = countingBody(100_000, 500);
    const stream = createStream<Event>({
      request: () => new Response(body),
      frameScheduler: frames,
      maxItems: Number.POSITIVE_INFINITY,
    });
    const unsubscribe = stream.subscribe(() => {});
    while (state.pulls < 4) await tick(1);
    frames.flush();
    stream.close();
    for (let i = 0; i < 100 && spy.terminated === 0; i++) await tick(5);
    const pulls = state.pulls;
    for (let i = 0; i < 20; i++) {
      frames.flush();
      await tick(2);
    }
    unsubscribe();
    const s = stream.getSnapshot();
    expect(spy.terminated).toBe(1);
    expect(state.pulls).toBe(pulls); // nothing read after the close
    expect(s.status).toBe('done');
    expect(s.items.length).toBeLessThan(100_000);
    expect(s.items.map((e) => e.seq)).toEqual(range(0, s.items.length));
    expect(s.stats.items).toBe(s.items.length);
  });

  it('worker: false parses on the page', async () => {
    spyOnWorkers();
    const stream = createStream<Event>({ request: () => new Response(ndjson(0, 300)), worker: false });
    const s = await ended(stream);
    expect(spy.started).toBe(0);
    expect(s.items.map((e) => e.seq)).toEqual(range(0, 300));
  });

  it('a parser factory always runs on the page', async () => {
    spyOnWorkers();
    const stream = createStream<string>({
      request: () => new Response('a\nb\nc\n'),
      format: (sink) => {
        let rest = '';
        return {
          push: (text) => {
            const lines = (rest + text).split('\n');
            rest = lines.pop() ?? '';
            for (const line of lines) sink.item(line);
          },
          end: () => {},
        };
      },
    });
    const s = await ended(stream);
    expect(spy.started).toBe(0);
    expect(s.items).toEqual(['a', 'b', 'c']);
  });

  it('rejects a worker option that is not a boolean with a TypeError naming it', () => {
    expect(() => createStream({ url: '/x', worker: 'yes' as unknown as boolean })).toThrow(
      /createStream.*worker/,
    );
  });
});

describe('createStream without a Worker (fallback to the page)', () => {
  it('where there is no Worker at all, the page parses every item, in order', async () => {
    (globalThis as { Worker?: unknown }).Worker = undefined;
    const stream = createStream<Event>({ url: '/api/stream?count=2000&rate=0', retry: false });
    const s = await ended(stream);
    expect(s.status).toBe('done');
    expect(s.items.map((e) => e.seq)).toEqual(range(0, 2000));
  });

  it('where the Worker cannot start (its script fails), the page parses every item, in order', async () => {
    let started = 0;
    globalThis.Worker = class extends RealWorker {
      constructor(_url: string | URL, options?: WorkerOptions) {
        // A script that throws on load, as a bundler that moved or broke the Worker's file would.
        super(URL.createObjectURL(new Blob(['throw new Error("no parser here")'])), options);
        started++;
      }
    };
    const stream = createStream<Event>({ url: '/api/stream?count=2000&rate=0', retry: false });
    const s = await ended(stream);
    expect(started).toBe(1);
    expect(s.status).toBe('done');
    expect(s.error).toBeNull();
    expect(s.items.map((e) => e.seq)).toEqual(range(0, 2000));
  });
});
