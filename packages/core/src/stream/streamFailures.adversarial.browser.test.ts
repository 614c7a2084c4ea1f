// Adversarial failure cases of createStream in real Chromium, each with the Worker parse (the
// default) and on the page: a body that errors mid-line, a replaying or resuming server, HTTP
// errors, requests that throw or time out, a body-less response, close() mid-read and mid-backoff,
// an `onItems` that throws.
// Nothing may reach the console as an uncaught error or an unhandled rejection.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ended, RealWorker } from '../testing/streamEnded.ts';
import { createStream } from './createStream.ts';
import { StreamHttpError } from './streamErrors.ts';
import type { CreateStreamOptions } from './streamOptions.ts';

type Step = string | { error: unknown };
const tick = (ms = 2) => new Promise((resolve) => setTimeout(resolve, ms));

/** A body giving one step per pull: text chunks, then maybe an error; `cancelled` once the reader cancels. */
function scripted(steps: readonly Step[]) {
  const state = { pulls: 0, cancelled: false };
  const encoder = new TextEncoder();
  let at = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        state.pulls++;
        const step = steps[at++];
        if (step === undefined) controller.close();
        else if (typeof step === 'string') controller.enqueue(encoder.encode(step));
        else controller.error(step.error);
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { response: new Response(body), state };
}

/** Problems the page would print: uncaught errors and unhandled rejections while a test runs. */
const problems: unknown[] = [];
const onRejection = (event: PromiseRejectionEvent) => problems.push(event.reason);
const onError = (event: ErrorEvent) => problems.push(event.error ?? event.message);
beforeEach(() => {
  problems.length = 0;
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('error', onError);
});
afterEach(async () => {
  await tick(20); // a rejection is reported a task after it was left unhandled
  window.removeEventListener('unhandledrejection', onRejection);
  window.removeEventListener('error', onError);
  globalThis.Worker = RealWorker;
  expect(problems).toEqual([]);
});

const base = <T>(worker: boolean): Partial<CreateStreamOptions<T>> => ({
  worker,
  maxItems: Number.POSITIVE_INFINITY,
  retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
});

describe.each([true, false])('createStream failures (worker: %s)', (worker) => {
  it('a body that errors mid-line: status error with that error, the whole lines before it kept', async () => {
    const cut = new TypeError('network cut');
    const { response, state } = scripted(['{"n":0}\n{"n":1}\r', '\n{"n":2}\n{"n"', { error: cut }]);
    const stream = createStream<{ n: number }>({ ...base(worker), retry: false, request: () => response });
    const s = await ended(stream);
    expect(s.status).toBe('error');
    expect(s.error).toBe(cut);
    expect(s.items).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
    expect(s.stats.malformed).toBe(0); // the half line is not reported as malformed
    expect(state.pulls).toBe(3);
  });

  it('SSE dropped mid-event resumes with the id of the last dispatched event, nothing lost or doubled', async () => {
    const lastIds: (string | number | undefined)[] = [];
    const bodies = [
      [
        'retry: 1\nid: 1\ndata: 1\n\n: keep-alive\r\nid: 2\r\ndata: 2\r\n\r\n',
        'id: 3\ndata: 3\n',
        { error: new TypeError('cut') },
      ],
      ['id: 3\ndata: 3\n\nid: 4\ndata: 4\n\n'],
    ];
    const stream = createStream<number>({
      ...base(worker),
      format: 'sse',
      request: ({ lastId }) => {
        lastIds.push(lastId);
        return scripted(bodies[lastIds.length - 1] ?? []).response;
      },
    });
    const s = await ended(stream);
    expect(s.status).toBe('done');
    expect(lastIds).toEqual([undefined, '2']);
    expect(s.items).toEqual([1, 2, 3, 4]);
    expect(s.lastId).toBe('4');
    expect(s.stats.reconnects).toBe(1);
  });

  it('a server replaying from the resume point: replays dropped by key, order kept', async () => {
    const lines = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => `{"seq":${from + i}}\n`).join('');
    const lastIds: (string | number | undefined)[] = [];
    const stream = createStream<{ seq: number }>({
      ...base(worker),
      resume: { key: (e) => e.seq },
      request: ({ lastId }) => {
        lastIds.push(lastId);
        if (lastIds.length === 1)
          return scripted([lines(0, 5), '{"seq":5', { error: new TypeError('cut') }]).response;
        return scripted([lines(Number(lastId) - 2, 10)]).response; // replays 3 it had sent
      },
    });
    const s = await ended(stream);
    expect(s.status).toBe('done');
    expect(lastIds).toEqual([undefined, 4]);
    expect(s.items.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(s.stats.duplicates).toBe(3);
  });

  it('HTTP 500 then a good answer: retried; 500 every time: StreamHttpError 500 after `attempts`, items kept', async () => {
    let calls = 0;
    const flaky = createStream<number>({
      ...base(worker),
      request: () => (++calls === 1 ? new Response('oops', { status: 500 }) : new Response('1\n2\n')),
    });
    const ok = await ended(flaky);
    expect(ok.status).toBe('done');
    expect(ok.items).toEqual([1, 2]);
    expect(calls).toBe(2);

    let attempts = 0;
    const failing = createStream<number>({
      ...base(worker),
      request: () => {
        attempts++;
        if (attempts === 1) return scripted(['7\n8\n', { error: new TypeError('cut') }]).response;
        return new Response('', { status: 503 });
      },
    });
    const s = await ended(failing);
    expect(s.status).toBe('error');
    expect(s.error).toBeInstanceOf(StreamHttpError);
    expect((s.error as StreamHttpError).status).toBe(503);
    expect(s.items).toEqual([7, 8]);
    // The connection that brought items and dropped is the first failure of the run: 1 + 2.
    expect(attempts).toBe(3);
  });

  it('a request that throws, one that rejects (timeout), one with no body: each a clear error value', async () => {
    const thrown = new Error('request threw');
    const s1 = await ended(
      createStream({
        ...base(worker),
        retry: false,
        request: () => {
          throw thrown;
        },
      }),
    );
    expect(s1.status).toBe('error');
    expect(s1.error).toBe(thrown);

    let calls = 0;
    const timeout = new DOMException('signal timed out', 'TimeoutError');
    const s2 = await ended(
      createStream({
        ...base(worker),
        request: () => {
          calls++;
          return Promise.reject(timeout);
        },
      }),
    );
    expect(s2.status).toBe('error');
    expect(s2.error).toBe(timeout);
    expect(calls).toBe(3); // a timeout is not the stream's own abort: retried

    const s3 = await ended(
      createStream({ ...base(worker), retry: false, request: () => new Response(null) }),
    );
    expect(s3.status).toBe('error');
    expect(s3.error).toBeInstanceOf(TypeError);
    expect(String(s3.error)).toMatch(/no body/);
  });

  it('close() mid-body cancels the body, keeps what was published, no error', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode('1\n2\n3'));
        await gate;
      },
      cancel() {
        cancelled = true;
      },
    });
    const stream = createStream<number>({ ...base(worker), request: () => new Response(body) });
    const unsubscribe = stream.subscribe(() => {});
    for (let i = 0; i < 500 && stream.getSnapshot().items.length < 2; i++) await tick();
    stream.close();
    release();
    for (let i = 0; i < 500 && stream.getSnapshot().status !== 'done'; i++) await tick();
    unsubscribe();
    const s = stream.getSnapshot();
    expect(cancelled).toBe(true);
    expect(s.status).toBe('done');
    expect(s.error).toBeNull();
    expect(s.items).toEqual([1, 2]); // the unfinished "3" is never an item
  });

  it('an onItems that throws once: the error is reported apart, the stream reads on to the end', async () => {
    // The throw surfaces in a microtask of its own, as a listener's; caught here, not on the console.
    const reported: unknown[] = [];
    const realQueueMicrotask = globalThis.queueMicrotask;
    vi.stubGlobal('queueMicrotask', (callback: () => void) =>
      realQueueMicrotask(() => {
        try {
          callback();
        } catch (error) {
          reported.push(error);
        }
      }),
    );
    try {
      const bug = new Error('app bug');
      let calls = 0;
      const stream = createStream<number>({
        ...base(worker),
        highWaterMark: 10,
        request: () => new Response(Array.from({ length: 300 }, (_, i) => `${i}\n`).join('')),
        onItems: () => {
          if (++calls === 1) throw bug;
        },
      });
      const s = await ended(stream);
      expect(s.status).toBe('done');
      expect(s.items).toEqual(Array.from({ length: 300 }, (_, i) => i));
      expect(reported).toEqual([bug]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('close() during the backoff: no further request, status done with the items', async () => {
    let calls = 0;
    const stream = createStream<number>({
      ...base(worker),
      retry: { attempts: 5, baseDelayMs: 200, maxDelayMs: 200 },
      random: () => 0.9999, // a backoff of 200 ms
      request: () => (++calls === 1 ? first.response : scripted(['2\n']).response),
    });
    const first = scripted(['1\n', { error: new TypeError('cut') }]);
    const unsubscribe = stream.subscribe(() => {});
    for (let i = 0; i < 500 && first.state.pulls < 2; i++) await tick();
    await tick(20); // (snapshots follow frames: the phase is read when the backoff must be under way)
    expect(calls).toBe(1);
    stream.close();
    await tick(400);
    unsubscribe();
    expect(calls).toBe(1);
    expect(stream.getSnapshot().status).toBe('done');
    expect(stream.getSnapshot().items).toEqual([1]);
  });
});

describe('createStream option checks', () => {
  it.each<[string, Partial<CreateStreamOptions<unknown>>, RegExp]>([
    ['maxItems NaN', { maxItems: Number.NaN }, /maxItems/],
    ['maxItems 0', { maxItems: 0 }, /maxItems/],
    ['maxItems -1', { maxItems: -1 }, /maxItems/],
    ['highWaterMark NaN', { highWaterMark: Number.NaN }, /highWaterMark/],
    ['highWaterMark -5', { highWaterMark: -5 }, /highWaterMark/],
    ['maxLineBytes NaN', { maxLineBytes: Number.NaN }, /maxLineBytes/],
    ['maxLineBytes 0', { maxLineBytes: 0 }, /maxLineBytes/],
    ['retry.attempts 0', { retry: { attempts: 0 } }, /attempts/],
    ['retry.attempts NaN', { retry: { attempts: Number.NaN } }, /attempts/],
    ['retry.baseDelayMs -1', { retry: { baseDelayMs: -1 } }, /baseDelayMs/],
    ['retry.maxDelayMs NaN', { retry: { maxDelayMs: Number.NaN } }, /maxDelayMs/],
    ['an unknown format', { format: 'csv' as 'sse' }, /format/],
    ['onMalformed', { onMalformed: 'ignore' as 'skip' }, /onMalformed/],
  ])('%s: a TypeError naming it', (_name, options, name) => {
    expect(() => createStream({ request: () => new Response(''), ...options })).toThrow(TypeError);
    expect(() => createStream({ request: () => new Response(''), ...options })).toThrow(name);
  });

  it.each<[string, unknown]>([
    ["''", ''],
    ['a number', 42],
    ['null', null],
  ])('url %s (no request): a TypeError naming it, not a request for the page itself', (_name, url) => {
    expect(() => createStream({ url: url as string })).toThrow(TypeError);
    expect(() => createStream({ url: url as string })).toThrow(/createStream option "url" must be a URL/);
  });

  it('setOptions with a bad value throws and changes nothing', async () => {
    const stream = createStream<number>({ request: () => new Response('1\n2\n'), worker: false });
    expect(() => stream.setOptions({ highWaterMark: -1 })).toThrow(/highWaterMark/);
    expect(() => stream.setOptions({ retry: { attempts: 1.5 } })).toThrow(/attempts/);
    const s = await ended(stream);
    expect(s.items).toEqual([1, 2]);
  });
});
