import { startMockWorker } from '@lazyflow/mocks/browser';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ChunkedProgress, fetchChunked } from './fetchChunked.ts';
import { readChunks } from './readChunks.ts';
import { StreamHttpError } from './streamErrors.ts';

beforeAll(async () => {
  await startMockWorker();
});

function bytesBody(size: number, chunk: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const n = Math.min(chunk, size - sent);
      controller.enqueue(new Uint8Array(n).fill(97));
      sent += n;
      if (sent >= size) controller.close();
    },
  });
}

describe('fetchChunked', () => {
  it('yields the body chunk by chunk with progress and the Content-Length total', async () => {
    const fetch = (async () =>
      new Response(bytesBody(10_000, 1000), {
        headers: { 'Content-Length': '10000' },
      })) as typeof globalThis.fetch;
    const progress: ChunkedProgress[] = [];
    let received = 0;
    for await (const chunk of fetchChunked('/big', { fetch, onProgress: (p) => progress.push(p) })) {
      received += chunk.byteLength;
    }
    expect(received).toBe(10_000);
    expect(progress[0]).toEqual({ bytes: 0, total: 10_000 });
    expect(progress.at(-1)).toEqual({ bytes: 10_000, total: 10_000 });
    expect(progress.length).toBe(11);
  });

  it('reports total null when the server sends no Content-Length (mock stream)', async () => {
    let last: ChunkedProgress | undefined;
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of fetchChunked('/api/stream?count=100&rate=0', {
      onProgress: (p) => (last = p),
    })) {
      text += decoder.decode(chunk, { stream: true });
    }
    expect(text.trim().split('\n')).toHaveLength(100);
    expect(last?.total).toBeNull();
    expect(last?.bytes).toBe(new TextEncoder().encode(text).length);
  });

  it('throws StreamHttpError for a non-2xx answer', async () => {
    const run = async () => {
      for await (const _ of fetchChunked('/api/stream?errorRate=1')) {
        // unreachable
      }
    };
    await expect(run()).rejects.toBeInstanceOf(StreamHttpError);
    await expect(run()).rejects.toThrow(/answered HTTP 500/);
  });

  it('aborts with the signal mid-body', async () => {
    const controller = new AbortController();
    let chunks = 0;
    const run = async () => {
      for await (const _ of fetchChunked('/api/stream?count=100000&rate=1000', {
        signal: controller.signal,
      })) {
        if (++chunks === 2) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(chunks).toBe(2);
  });
});

describe('readChunks', () => {
  it('reads through getReader() when the stream is not async-iterable (Safari)', async () => {
    const body = bytesBody(5000, 1000);
    const withoutIteration = { getReader: () => body.getReader() } as unknown as ReadableStream<Uint8Array>;
    let total = 0;
    for await (const chunk of readChunks(withoutIteration)) total += chunk.byteLength;
    expect(total).toBe(5000);
  });

  it('cancels the body when the loop is left early, in both paths', async () => {
    for (const iterable of [true, false]) {
      let cancelled = false;
      const body = new ReadableStream<Uint8Array>({
        pull: (c) => c.enqueue(new Uint8Array(10)),
        cancel: () => {
          cancelled = true;
        },
      });
      const input = iterable
        ? body
        : ({ getReader: () => body.getReader() } as unknown as ReadableStream<Uint8Array>);
      for await (const _ of readChunks(input)) break;
      expect(cancelled).toBe(true);
    }
  });
});
