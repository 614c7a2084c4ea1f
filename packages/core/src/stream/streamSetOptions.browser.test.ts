// ItemStream.setOptions: a stream that keeps reading takes a new request (a new token) and
// onItems without reopening the connection or losing items.
import { startMockWorker } from '@lazyflow/mocks/browser';
import { beforeAll, describe, expect, it } from 'vitest';
import { createStream } from './createStream.ts';

beforeAll(async () => {
  await startMockWorker();
});

interface Event {
  seq: number;
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await tick();
  }
}

describe('ItemStream.setOptions', () => {
  it('a new request closure is used for the next connection; items and order are kept', async () => {
    const tokens: string[] = [];
    // The first connection's body is held by the test: 50 events, then it stays open until the
    // test has swapped the request, and only then is it cut. So the swap always happens while
    // the first connection reads, however slow the machine (timing it against the reconnect
    // delay missed on loaded CI machines).
    let cutFirst: () => void = () => {};
    const firstBody = new ReadableStream<Uint8Array>({
      start(controller) {
        const lines = Array.from({ length: 50 }, (_, seq) => `${JSON.stringify({ seq })}\n`).join('');
        controller.enqueue(new TextEncoder().encode(lines));
        cutFirst = () => controller.error(new TypeError('connection cut by the test'));
      },
    });
    const request = (token: string) => (resume: { lastId?: string | number; signal: AbortSignal }) => {
      tokens.push(token);
      if (tokens.length === 1) return Promise.resolve(new Response(firstBody));
      const from = resume.lastId === undefined ? 0 : Number(resume.lastId) + 1;
      // Every later connection is cut after 50 events (the mock server's dropAfter).
      return fetch(`/api/stream?count=200&rate=0&from=${from}&dropAfter=50`, { signal: resume.signal });
    };
    const batches: string[] = [];
    const stream = createStream<Event>({
      request: request('old'),
      maxItems: Number.POSITIVE_INFINITY,
      resume: { key: (e) => e.seq },
      retry: { attempts: 10, baseDelayMs: 20 },
      random: () => 0,
      onItems: () => batches.push('first'),
    });
    let swapped = false;
    const stop = stream.subscribe(() => {
      if (swapped || stream.getSnapshot().stats.items === 0) return;
      swapped = true;
      stream.setOptions({ request: request('new'), onItems: () => batches.push('second') });
      cutFirst();
    });
    await until(() => swapped);
    await until(() => stream.getSnapshot().status === 'done');
    const seqs = stream.getSnapshot().items.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(tokens[0]).toBe('old');
    expect(tokens.slice(1)).toEqual(tokens.slice(1).map(() => 'new'));
    expect(tokens.length).toBeGreaterThanOrEqual(4);
    expect(batches.at(-1)).toBe('second');
    stop();
  });

  it('refuses what makes another stream (url, format, maxItems) with a TypeError naming the option', () => {
    const stream = createStream<Event>({ url: '/api/stream?count=10', maxItems: 100 });
    expect(() => stream.setOptions({ url: '/api/other' })).toThrow(/url/);
    expect(() => stream.setOptions({ format: 'sse' })).toThrow(/format/);
    expect(() => stream.setOptions({ maxItems: 5 })).toThrow(/maxItems/);
    expect(() => stream.setOptions({ highWaterMark: -1 })).toThrow(/highWaterMark/);
    stream.close();
  });
});
