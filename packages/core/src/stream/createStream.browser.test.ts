// createStream against the demo's MSW stream endpoint in real Chromium.

import { streamEvent } from '@lazyflow/mocks';
import { startMockWorker, worker } from '@lazyflow/mocks/browser';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createManualFrameScheduler,
  defaultFrameScheduler,
  type FrameScheduler,
} from '../env/frameScheduler.ts';
import type { Timers } from '../env/timers.ts';
import { cutAfterAll, withoutRepeats } from '../testing/streamCuts.ts';
import { createStream, type ItemStream, type StreamSnapshot } from './createStream.ts';
import { StreamHttpError, StreamParseError } from './streamErrors.ts';
import type { CreateStreamOptions } from './streamOptions.ts';

beforeAll(async () => {
  await startMockWorker();
});

type Event = ReturnType<typeof streamEvent>;
const seqs = (items: readonly Event[]) => items.map((e) => e.seq);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));

/** Subscribes and resolves with the first snapshot for which `done` holds. */
function until<T>(stream: ItemStream<T>, done: (s: StreamSnapshot<T>) => boolean, timeoutMs = 15_000) {
  return new Promise<StreamSnapshot<T>>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(
        new Error(
          `timed out; last snapshot: ${JSON.stringify({ ...stream.getSnapshot(), items: undefined })}`,
        ),
      );
    }, timeoutMs);
    const check = () => {
      const snapshot = stream.getSnapshot();
      if (!done(snapshot)) return;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe());
      resolve(snapshot);
    };
    const unsubscribe = stream.subscribe(check);
    check();
  });
}
const settled = <T>(s: StreamSnapshot<T>) => s.status === 'done' || s.status === 'error';

function events(
  options: Omit<CreateStreamOptions<Event>, 'resume'> & { backoffMs?: number; retries?: number },
) {
  const { backoffMs = 10, retries = 5, ...rest } = options;
  return createStream<Event>({
    maxItems: Number.POSITIVE_INFINITY,
    resume: { key: (e) => e.seq, backoffMs, retries },
    ...rest,
  });
}

/** Timers whose callbacks run only when the test says so; records every delay asked for. */
function manualTimers() {
  const queue = new Map<number, { callback: () => void; ms: number }>();
  const delays: number[] = [];
  let next = 0;
  const timers: Timers = {
    setTimeout(callback, ms) {
      queue.set(next, { callback, ms });
      delays.push(ms);
      return next++;
    },
    clearTimeout(handle) {
      queue.delete(handle as number);
    },
  };
  const runAll = () => {
    const due = [...queue.values()];
    queue.clear();
    for (const { callback } of due) callback();
  };
  return { timers, delays, runAll, pending: () => queue.size };
}

/** A body of `lines` NDJSON lines made on demand, counting how often the reader pulled. */
function countingBody(lines: number, perPull = 100) {
  const state = { pulls: 0, cancelled: false };
  let seq = 0;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulls++;
        let text = '';
        for (let k = 0; k < perPull && seq < lines; k++) text += `${JSON.stringify(streamEvent(seq++))}\n`;
        controller.enqueue(encoder.encode(text));
        if (seq >= lines) controller.close();
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, state };
}

describe('createStream reading the mock server', () => {
  it('reads an NDJSON stream to the end and reports bytes and items', async () => {
    const stream = events({ url: '/api/stream?count=2000&rate=0' });
    const s = await until(stream, settled);
    expect(s.status).toBe('done');
    expect(s.items).toEqual(range(0, 2000).map(streamEvent));
    expect(s.stats.items).toBe(2000);
    expect(s.stats.bytes).toBeGreaterThan(2000 * 50);
    expect(s.stats.reconnects).toBe(0);
  });

  it('reads SSE and exposes the last event id', async () => {
    const stream = events({ url: '/api/stream?count=300&rate=0&format=sse', format: 'sse' });
    const s = await until(stream, settled);
    expect(seqs(s.items)).toEqual(range(0, 300));
    expect(s.lastId).toBe('299');
  });

  it('decodes multi-byte characters the server splits across chunks (slow=3)', async () => {
    const stream = events({ url: '/api/stream?count=6&rate=0&slow=3' });
    const s = await until(stream, settled);
    expect(s.items).toEqual(range(0, 6).map(streamEvent));
    expect(s.stats.malformed).toBe(0);
  });

  it('keeps only the newest maxItems and counts the rest as dropped, while onItems sees every item', async () => {
    const seen: number[] = [];
    const stream = events({
      url: '/api/stream?count=1000&rate=0',
      maxItems: 100,
      onItems: (b) => seen.push(...seqs(b)),
    });
    const s = await until(stream, settled);
    expect(seqs(s.items)).toEqual(range(900, 1000));
    expect(s.stats.dropped).toBe(900);
    expect(seen).toEqual(range(0, 1000));
  });

  it('skips malformed lines by default, counting them and naming the last line', async () => {
    const stream = events({ url: '/api/stream?count=100&rate=0&malformedEvery=10' });
    const s = await until(stream, settled);
    expect(s.status).toBe('done');
    expect(s.items).toHaveLength(90);
    expect(s.stats.malformed).toBe(10);
    expect(s.lastMalformed?.line).toBe(100);
  });

  it("stops with status 'error' at the first malformed line with onMalformed: 'error'", async () => {
    const stream = events({ url: '/api/stream?count=100&rate=0&malformedEvery=10', onMalformed: 'error' });
    const s = await until(stream, settled);
    expect(s.status).toBe('error');
    expect(s.error).toBeInstanceOf(StreamParseError);
    expect((s.error as StreamParseError).line).toBe(10);
    expect(seqs(s.items)).toEqual(range(0, 9));
    expect(s.stats.reconnects).toBe(0);
  });

  it('fails at once on HTTP 400 (not retryable)', async () => {
    const stream = events({ url: '/api/stream?count=-1' });
    const s = await until(stream, settled);
    expect(s.status).toBe('error');
    expect((s.error as StreamHttpError).status).toBe(400);
    expect(s.stats.reconnects).toBe(0);
  });
});

describe('createStream resume', () => {
  it('resumes NDJSON after every cut (dropAfter) from the last key: no duplicate, no gap', async () => {
    const attempts: (string | number | undefined)[] = [];
    const stream = events({
      request: (resume) => {
        attempts.push(resume.lastId);
        const from = resume.lastId === undefined ? 0 : Number(resume.lastId) + 1;
        return fetch(`/api/stream?count=1000&rate=0&dropAfter=120&from=${from}`, { signal: resume.signal });
      },
    });
    const s = await until(stream, settled);
    expect(s.status).toBe('done');
    expect(seqs(s.items)).toEqual(range(0, 1000));
    expect(withoutRepeats(attempts)).toEqual([undefined, 119, 239, 359, 479, 599, 719, 839, 959]);
    expect(s.stats.reconnects).toBe(attempts.length - 1);
    expect(s.stats.duplicates).toBe(0);
  });

  it('drops items a server replays after a reconnect (inclusive resume point)', async () => {
    const stream = events({
      request: (resume) =>
        fetch(`/api/stream?count=500&rate=0&dropAfter=100&from=${resume.lastId ?? 0}`, {
          signal: resume.signal,
        }),
    });
    const s = await until(stream, settled);
    expect(seqs(s.items)).toEqual(range(0, 500));
    expect(s.stats.duplicates).toBeGreaterThanOrEqual(4);
  });

  it('resumes SSE with Last-Event-ID from a plain url', async () => {
    const url = '/api/stream?count=700&rate=0&format=sse&dropAfter=150';
    const lastEventIds: (string | null)[] = [];
    const record = ({ request }: { request: Request }) => {
      if (request.url.endsWith(url)) lastEventIds.push(request.headers.get('Last-Event-ID'));
    };
    worker.events.on('request:start', record);
    try {
      const stream = events({ url, format: 'sse' });
      const s = await until(stream, settled);
      expect(seqs(s.items)).toEqual(range(0, 700));
      expect(withoutRepeats(lastEventIds)).toEqual([null, '149', '299', '449', '599']);
      expect(s.stats.reconnects).toBe(lastEventIds.length - 1);
    } finally {
      worker.events.removeListener('request:start', record);
    }
  });

  it('backs off exponentially (the pages’ jittered backoff), then gives up after `retries` keeping every item received', async () => {
    const { timers, delays, runAll, pending } = manualTimers();
    const stream = events({
      timers,
      random: () => 0.9999, // the top of each jitter range: 100, 200, 400
      backoffMs: 100,
      retries: 3,
      request: (resume) =>
        resume.attempt === 0
          ? cutAfterAll('/api/stream?count=50&rate=0', resume.signal)
          : fetch('/api/stream?count=1000&errorRate=1', { signal: resume.signal }),
    });
    const result = until(stream, settled);
    // Each backoff waits for the test to fire it (until the stream settles, or until's bound).
    const deadline = performance.now() + 15_000;
    while (!settled(stream.getSnapshot()) && performance.now() < deadline) {
      if (pending() > 0) runAll();
      await tick(10);
    }
    const s = await result;
    expect(s.status).toBe('error');
    expect(s.error).toBeInstanceOf(StreamHttpError);
    expect((s.error as StreamHttpError).status).toBe(500);
    expect(seqs(s.items)).toEqual(range(0, 50));
    expect(delays.slice(0, 3)).toEqual([100, 200, 400]);
    expect(s.stats.reconnects).toBe(3);
  });

  it('turns reconnecting off with resume: false', async () => {
    const stream = createStream<Event>({
      request: ({ signal }) => cutAfterAll('/api/stream?count=30&rate=0', signal),
      resume: false,
    });
    const s = await until(stream, settled);
    expect(s.status).toBe('error');
    expect(s.error).toBeInstanceOf(TypeError);
    expect(s.items).toHaveLength(30);
  });
});

describe('createStream flow control', () => {
  it('publishes at most one snapshot per frame for a stream of 20,000 items', async () => {
    const frames = createManualFrameScheduler();
    const stream = events({
      url: '/api/stream?count=20000&rate=0',
      frameScheduler: frames,
      highWaterMark: 100_000,
    });
    let notifications = 0;
    let flushed = 0;
    const unsubscribe = stream.subscribe(() => notifications++);
    for (let i = 0; i < 1000 && stream.getSnapshot().status !== 'done'; i++) {
      await tick(2);
      flushed += frames.flush();
    }
    unsubscribe();
    expect(stream.getSnapshot().items).toHaveLength(20_000);
    expect(notifications).toBeLessThanOrEqual(flushed);
    expect(notifications).toBeLessThan(200);
  });

  it('with real animation frames, notifies no more often than the frames that ran', async () => {
    // The default scheduler, counting the frames it ran: an animation frame, or its 250 ms
    // fallback where none came (a page busy for that long under load; counting rAF ticks alone
    // missed those).
    let framesRan = 0;
    const frameScheduler: FrameScheduler = {
      request: (callback) =>
        defaultFrameScheduler.request(() => {
          framesRan++;
          callback();
        }),
      cancel: (handle) => defaultFrameScheduler.cancel(handle),
    };
    const stream = events({ url: '/api/stream?count=15000&rate=15000', frameScheduler });
    let notifications = 0;
    const unsubscribe = stream.subscribe(() => notifications++);
    await until(stream, settled);
    unsubscribe();
    expect(stream.getSnapshot().items).toHaveLength(15_000);
    expect(framesRan).toBeGreaterThan(0);
    expect(notifications).toBeLessThanOrEqual(framesRan + 1);
  });

  it('stops pulling the body while unpublished items reach highWaterMark, and goes on after a frame', async () => {
    const frames = createManualFrameScheduler();
    const { body, state } = countingBody(10_000);
    // Parsed on the page: a Worker's start takes a while (its backpressure: streamWorker.browser.test.ts).
    const stream = events({
      request: () => new Response(body),
      frameScheduler: frames,
      highWaterMark: 250,
      worker: false,
    });
    const unsubscribe = stream.subscribe(() => {});
    // Reading starts once its module has loaded (lazily: CI once saw no pull in the first 100 ms),
    // and stops at the third pull of 100 lines (300 unpublished items, over 250) at the earliest:
    // waited for, so the quiet 100 ms below start once it stopped, not while it still reads.
    await vi.waitFor(() => expect(state.pulls).toBeGreaterThanOrEqual(3), { timeout: 5_000 });
    await tick(100);
    const stalled = state.pulls;
    expect(stalled).toBeLessThanOrEqual(4);
    await tick(100);
    expect(state.pulls).toBe(stalled);
    frames.flush();
    // Reading goes on once a frame published: waited for, not given a fixed 50 ms (on a busy
    // machine the body's next pull can come later).
    await vi.waitFor(() => expect(state.pulls).toBeGreaterThan(stalled));
    unsubscribe();
  });

  it('pause() stops reading and resume() continues, losing nothing', async () => {
    const frames = createManualFrameScheduler();
    const { body, state } = countingBody(20_000, 10);
    const stream = events({ request: () => new Response(body), frameScheduler: frames });
    const unsubscribe = stream.subscribe(() => {});
    while (state.pulls < 3) await tick(1);
    stream.pause();
    frames.flush();
    expect(stream.getSnapshot().status).toBe('paused');
    await tick(20);
    const pulls = state.pulls;
    await tick(100);
    expect(state.pulls).toBe(pulls);
    stream.resume();
    for (let i = 0; i < 2000 && stream.getSnapshot().status !== 'done'; i++) {
      await tick(2);
      frames.flush();
    }
    expect(seqs(stream.getSnapshot().items)).toEqual(range(0, 20_000));
    unsubscribe();
  });

  it('close() aborts the fetch and keeps the items', async () => {
    let signal: AbortSignal | undefined;
    const stream = events({
      request: (resume) => {
        signal = resume.signal;
        return fetch('/api/stream?count=100000&rate=2000', { signal: resume.signal });
      },
    });
    await until(stream, (s) => s.items.length >= 50);
    stream.subscribe(() => {});
    stream.close();
    const s = await until(stream, (x) => x.status === 'done');
    expect(signal?.aborted).toBe(true);
    expect(s.items.length).toBeGreaterThanOrEqual(50);
    expect(seqs(s.items)).toEqual(range(0, s.items.length));
  });

  it('tears down after the last unsubscribe, but a StrictMode-style unsubscribe/resubscribe keeps one connection', async () => {
    const signals: AbortSignal[] = [];
    const stream = events({
      request: (resume) => {
        signals.push(resume.signal);
        return fetch('/api/stream?count=100000&rate=1000', { signal: resume.signal });
      },
    });
    const first = stream.subscribe(() => {});
    first();
    const second = stream.subscribe(() => {});
    await until(stream, (s) => s.items.length >= 5);
    expect(signals).toHaveLength(1);
    second();
    await tick(20);
    expect(signals[0]?.aborted).toBe(true);
    // Subscribing again resumes after the last item received (the first connection may have
    // delivered a batch at once: a Worker's first reply carries what arrived while it started).
    const before = stream.getSnapshot().items.length;
    const more = await until(stream, (s) => s.items.length >= before + 25);
    expect(signals).toHaveLength(2);
    expect(seqs(more.items)).toEqual(range(0, more.items.length));
  });

  it('restart() drops everything and reads from the beginning', async () => {
    const stream = events({ url: '/api/stream?count=50&rate=0' });
    await until(stream, settled);
    const unsubscribe = stream.subscribe(() => {});
    stream.restart();
    expect(stream.getSnapshot().items).toHaveLength(50);
    const s = await until(stream, (x) => x.status === 'done' && x.stats.bytes > 0);
    expect(seqs(s.items)).toEqual(range(0, 50));
    expect(s.stats.items).toBe(50);
    unsubscribe();
  });

  it('returns the same snapshot object until something changes', async () => {
    const stream = events({ url: '/api/stream?count=10&rate=0' });
    const before = stream.getSnapshot();
    expect(stream.getSnapshot()).toBe(before);
    const s = await until(stream, settled);
    expect(s).not.toBe(before);
    expect(stream.getSnapshot()).toBe(s);
    expect(Object.isFrozen(s.items)).toBe(true);
  });
});
