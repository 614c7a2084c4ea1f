// Adversarial failures of a stream log read on the page (worker: false, fetch replaced): an error
// answer whose body broke before it was cancelled, a body dropped mid-line and resumed, close()
// during the backoff, an option only the reader refused, a subscriber that throws; and a Worker that
// fails after it spoke. Each ends in a clear status and error, and nothing reaches the console.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamHttpError } from '../stream/streamErrors.ts';
import { createStreamLog, type StreamLog, type StreamLogSnapshot } from './createStreamLog.ts';

const realFetch = globalThis.fetch;
const RealWorker = globalThis.Worker;
const tick = (ms = 2) => new Promise((resolve) => setTimeout(resolve, ms));
const problems: unknown[] = [];
const onRejection = (event: PromiseRejectionEvent) => problems.push(event.reason);
const onError = (event: ErrorEvent) => problems.push(event.error ?? event.message);
const logs: StreamLog<unknown>[] = [];
beforeEach(() => {
  problems.length = 0;
  window.addEventListener('unhandledrejection', onRejection);
  window.addEventListener('error', onError);
});
afterEach(async () => {
  await tick(20);
  for (const log of logs.splice(0)) log.close();
  globalThis.fetch = realFetch;
  globalThis.Worker = RealWorker;
  window.removeEventListener('unhandledrejection', onRejection);
  window.removeEventListener('error', onError);
  expect(problems).toEqual([]);
});

/** Resolves with the log's snapshot once `done` holds (rejects after 5 s with the last one). */
function until(log: StreamLog<unknown>, done: (s: StreamLogSnapshot) => boolean) {
  return new Promise<StreamLogSnapshot>((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out at ${JSON.stringify(log.getSnapshot())}`));
    }, 5_000);
    const check = () => {
      if (!done(log.getSnapshot())) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(log.getSnapshot());
    };
    const unsubscribe = log.subscribe(check);
    check();
  });
}
const settled = (s: StreamLogSnapshot) => s.status === 'ended' || s.status === 'error';

/** A body of `pieces`, then an error on the next read if `error` is given. */
function body(pieces: readonly string[], error?: unknown) {
  const encoder = new TextEncoder();
  let at = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const piece = pieces[at++];
        if (piece !== undefined) controller.enqueue(encoder.encode(piece));
        else if (error !== undefined) controller.error(error);
        else controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}

function pageLog(options: Omit<Parameters<typeof createStreamLog>[0], 'url' | 'worker'> = {}) {
  const log = createStreamLog<unknown>({ url: '/adv/log', worker: false, ...options });
  logs.push(log);
  return log;
}

describe('createStreamLog failures on the page', () => {
  it('a 503 whose body already broke: status error with StreamHttpError 503 (the cancel’s rejection is not uncaught)', async () => {
    // The connection reset while the error page came: cancelling an errored body rejects.
    globalThis.fetch = async () =>
      new Response(new ReadableStream({ start: (c) => c.error(new TypeError('reset')) }), { status: 503 });
    const s = await until(pageLog({ retry: false }), settled);
    expect(s.status).toBe('error');
    expect(s.error).toBeInstanceOf(StreamHttpError);
    expect((s.error as StreamHttpError).status).toBe(503);
  });

  it('a body dropped mid-line with resumeParam: the next connection from the count, nothing lost or twice', async () => {
    const urls: string[] = [];
    const all = Array.from({ length: 8 }, (_, i) => `{"n":${i}}\r\n`);
    globalThis.fetch = async (input) => {
      const url = new URL(String(input));
      urls.push(url.search);
      const from = Number(url.searchParams.get('from') ?? 0);
      if (urls.length === 1)
        return new Response(body([`\uFEFF${all.slice(0, 3).join('')}{"n"`], new TypeError('cut')));
      return new Response(body([all.slice(from).join('')]));
    };
    const log = pageLog({ resumeParam: 'from', pageSize: 8, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
    const s = await until(log, settled);
    expect(s.status).toBe('ended');
    expect(s.count).toBe(8);
    expect(s.reconnects).toBe(1);
    expect(urls).toEqual(['', '?from=3']);
    const page = await log.source.loadPage({
      page: 0,
      signal: new AbortController().signal,
      priority: 'high',
    });
    expect(page.items).toEqual(Array.from({ length: 8 }, (_, n) => ({ n })));
  });

  it('close() during the backoff: no further request, status closed', async () => {
    let calls = 0;
    globalThis.fetch = async () => {
      calls++;
      return new Response(body(['{"n":0}\n'], new TypeError('cut')));
    };
    const log = pageLog({ resumeParam: 'from', retry: { baseDelayMs: 100, maxDelayMs: 100 } });
    await until(log, (s) => s.status === 'reconnecting');
    log.close();
    await tick(250);
    expect(calls).toBe(1);
    expect(log.getSnapshot().status).toBe('closed');
  });

  it('maxBytes: Infinity is refused at creation, naming the option (it threw uncaught from the Worker, the log stuck connecting)', () => {
    for (const worker of [true, false])
      expect(() => createStreamLog({ url: '/adv/log', worker, maxBytes: Number.POSITIVE_INFINITY })).toThrow(
        /createStreamLog option "maxBytes" must be a finite number > 0, got Infinity/,
      );
  });

  it('a Worker that fails after it counted lines: reads waiting and later ones fail with its error, none waits for good', async () => {
    // It answers `open` with 5 lines counted, then dies (out of memory, say) with a read under way.
    globalThis.Worker = class {
      onmessage: ((event: { data: unknown }) => void) | null = null;
      onerror: ((event: { message: string; preventDefault(): void }) => void) | null = null;
      postMessage(message: { kind: string }) {
        if (message.kind === 'open')
          setTimeout(() => this.onmessage?.({ data: { kind: 'count', count: 5, first: 0, heldBytes: 40 } }));
        if (message.kind === 'read')
          setTimeout(() => this.onerror?.({ message: 'out of memory', preventDefault() {} }));
      }
      terminate() {}
    } as unknown as typeof Worker;
    const log = createStreamLog<unknown>({ url: '/adv/log', pageSize: 5 });
    logs.push(log);
    await until(log, (s) => s.count === 5);
    const read = () =>
      log.source.loadPage({ page: 0, signal: new AbortController().signal, priority: 'high' });
    await expect(read()).rejects.toThrow(/stream log Worker failed: out of memory/);
    expect(log.getSnapshot().status).toBe('error');
    await expect(read()).rejects.toThrow(/stream log Worker failed: out of memory/);
  });

  it('a subscriber that throws is reported apart: not taken for a dropped connection, the log reads on', async () => {
    // The throw surfaces in a microtask of its own, as a listener's of createStream; caught here.
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
      const urls: string[] = [];
      globalThis.fetch = async (input) => {
        urls.push(new URL(String(input)).search);
        return new Response(body(['{"n":0}\n{"n":1}\n', '{"n":2}\n']));
      };
      const log = pageLog({ resumeParam: 'from', retry: { baseDelayMs: 1, maxDelayMs: 1 } });
      const bug = new Error('app bug');
      let calls = 0;
      log.subscribe(() => {
        if (log.getSnapshot().count > 0 && ++calls === 1) throw bug;
      });
      const s = await until(log, settled);
      expect(s.status).toBe('ended');
      expect(s.count).toBe(3);
      expect(s.reconnects).toBe(0);
      expect(urls).toEqual(['']);
      expect(reported).toEqual([bug]);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
