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
    const request = (token: string) => (resume: { lastId?: string | number; signal: AbortSignal }) => {
      tokens.push(token);
      const from = resume.lastId === undefined ? 0 : Number(resume.lastId) + 1;
      // Every connection is cut after 50 events (the mock server's dropAfter).
      return fetch(`/api/stream?count=200&rate=0&from=${from}&dropAfter=50`, { signal: resume.signal });
    };
    const batches: string[] = [];
    const stream = createStream<Event>({
      request: request('old'),
      maxItems: Number.POSITIVE_INFINITY,
      resume: { key: (e) => e.seq },
      // Reconnects wait 200 ms (no jitter): time for the test to see the first 50 items and swap
      // the request before the second connection opens, even on a loaded machine.
      retry: { attempts: 10, baseDelayMs: 400 },
      random: () => 0,
      onItems: () => batches.push('first'),
      // Parsed on the page: a Worker's first reply waits for the Worker to start, which can take
      // most of the 200 ms this test has to swap the request (streamWorker.browser.test.ts covers it).
      worker: false,
    });
    // Swapped as soon as the first items are published, long before the first connection (50
    // items) drops: polling for 50 items missed the 200-ms reconnect window on a loaded machine.
    let swapped = false;
    const stop = stream.subscribe(() => {
      if (swapped || stream.getSnapshot().stats.items === 0) return;
      swapped = true;
      stream.setOptions({ request: request('new'), onItems: () => batches.push('second') });
    });
    await until(() => swapped);
    await until(() => stream.getSnapshot().status === 'done');
    const seqs = stream.getSnapshot().items.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 200 }, (_, i) => i));
    expect(tokens[0]).toBe('old');
    expect(tokens.slice(1).every((token) => token === 'new')).toBe(true);
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
