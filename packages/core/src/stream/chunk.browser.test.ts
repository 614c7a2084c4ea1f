// Chunking a real fetch over MSW in Chromium, with the body trickled in small network chunks
// (`slow`), so lines are cut and a boundary item lands in a later network chunk than the
// items before it.

import { streamEvent } from '@lazyflow/mocks';
import { startMockWorker } from '@lazyflow/mocks/browser';
import { beforeAll, describe, expect, it } from 'vitest';
import { cutAfterAll } from '../testing/streamCuts.ts';
import { chunk } from './chunk.ts';
import { type Chunk, type ChunkRule, chunkItems } from './chunkRules.ts';
import { createChunker } from './createChunker.ts';
import { createStream } from './createStream.ts';
import { parseNdjson } from './parseNdjson.ts';

beforeAll(async () => {
  await startMockWorker();
});

type Event = ReturnType<typeof streamEvent>;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** What arrived over the network: one entry per network chunk, and per item its network chunk. */
interface Wire {
  chunks: number;
  cutLines: number;
  chunkOfItem: number[];
}

/**
 * The NDJSON body as a `ReadableStream` of items (the form an app builds with a
 * TransformStream), recording in which network chunk each item was completed.
 */
function ndjsonItems(body: ReadableStream<Uint8Array>, wire: Wire): ReadableStream<Event> {
  const decoder = new TextDecoder();
  let parser: ReturnType<typeof parseNdjson> | null = null;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Event>({
      start(controller) {
        parser = parseNdjson<Event>({
          item: (value) => {
            wire.chunkOfItem.push(wire.chunks);
            controller.enqueue(value);
          },
          malformed: (error) => controller.error(error),
        });
      },
      transform(bytes) {
        wire.chunks++;
        if (bytes.at(-1) !== 10) wire.cutLines++; // 10 = '\n': this network chunk ends mid-line
        parser?.push(decoder.decode(bytes, { stream: true }));
      },
      flush() {
        parser?.push(decoder.decode());
        parser?.end();
      },
    }),
  );
}

async function drain<T>(chunks: AsyncIterable<Chunk<T>>) {
  const out: Chunk<T>[] = [];
  try {
    for await (const c of chunks) out.push(c);
    return { chunks: out, error: undefined as unknown };
  } catch (error) {
    return { chunks: out, error };
  }
}

// 150 events of ~110 bytes, trickled 97 bytes at a time: almost every network chunk cuts a line.
const TRICKLED = '/api/stream?count=150&rate=0&slow=97';
const ALL = range(0, 150).map(streamEvent);

const RULES: [string, ChunkRule<Event>][] = [
  ['boundary (a new service)', { boundary: (e, previous) => e.service !== previous.service }],
  [
    'boundary (a new event-time quarter second)',
    { boundary: (e, previous) => Math.floor(e.ts / 250) !== Math.floor(previous.ts / 250) },
  ],
  ['count 17', { count: 17 }],
  ['bytes 2000', { bytes: 2000 }],
];

describe('chunk over a real fetch whose network chunks cut lines', () => {
  it.each(RULES)('%s: the same chunks as chunking the whole list at once', async (_name, rule) => {
    const wire: Wire = { chunks: 0, cutLines: 0, chunkOfItem: [] };
    const response = await fetch(TRICKLED);
    const { chunks, error } = await drain(
      chunk(ndjsonItems(response.body as ReadableStream<Uint8Array>, wire), rule),
    );
    expect(error).toBeUndefined();
    expect(chunks).toEqual(chunkItems(ALL, rule));
    // The case the test is about really happened: lines were cut, and some chunk's first item
    // (a boundary) completed in a later network chunk than the item before it.
    expect(wire.cutLines).toBeGreaterThan(10);
    const splitAcrossNetwork = chunks
      .slice(1)
      .filter((c) => (wire.chunkOfItem[c.start] ?? 0) > (wire.chunkOfItem[c.start - 1] ?? 0));
    expect(splitAcrossNetwork.length).toBeGreaterThan(0);
  });

  it('a dropped connection: the partial chunk comes out, then the network error', async () => {
    const wire: Wire = { chunks: 0, cutLines: 0, chunkOfItem: [] };
    const response = await fetch('/api/stream?count=1000&rate=0&dropAfter=130&slow=500');
    const { chunks, error } = await drain(
      chunk(ndjsonItems(response.body as ReadableStream<Uint8Array>, wire), { count: 50 }),
    );
    expect(error).toBeInstanceOf(TypeError);
    expect(chunks.map((c) => [c.items.length, c.reason])).toEqual([
      [50, 'count'],
      [50, 'count'],
      [30, 'error'],
    ]);
    expect(chunks.at(-1)?.error).toBe(error);
    expect(chunks.flatMap((c) => c.items)).toEqual(range(0, 130).map(streamEvent));
  });

  it('an abort mid-body: the items received so far come out as an abort chunk', async () => {
    const controller = new AbortController();
    const wire: Wire = { chunks: 0, cutLines: 0, chunkOfItem: [] };
    const response = await fetch('/api/stream?count=100000&rate=2000', { signal: controller.signal });
    const items = ndjsonItems(response.body as ReadableStream<Uint8Array>, wire);
    // An async generator over the reader (the AsyncIterable form), counting what it hands out.
    const received = { count: 0 };
    async function* counted() {
      const reader = items.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        received.count++;
        yield value;
        // Aborted with 10 items in the open chunk (two chunks of 25 are out), wherever the
        // network cut the body; items parsed ahead of the abort are not handed out.
        if (received.count === 60) {
          controller.abort();
          throw controller.signal.reason;
        }
      }
    }
    const seen: Chunk<Event>[] = [];
    let error: unknown;
    try {
      for await (const c of chunk(counted(), { count: 25 })) {
        seen.push(c);
      }
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'AbortError' });
    const last = seen.at(-1);
    expect(last?.reason).toBe('abort');
    expect(last?.error).toBe(error);
    // Nothing lost: every parsed item is in a chunk, in order.
    expect(last?.items).toHaveLength(10);
    expect(seen.flatMap((c) => c.items)).toEqual(range(0, 60).map(streamEvent));
  });
});

describe('createChunker fed by createStream onItems', () => {
  it.each(RULES)('%s over trickled NDJSON: the same chunks as the whole list', async (_name, rule) => {
    const closed: Chunk<Event>[] = [];
    const chunker = createChunker<Event>({ ...rule, onChunk: (c) => closed.push(c) });
    const stream = createStream<Event>({ url: TRICKLED, maxItems: 10, onItems: chunker.push });
    await new Promise<void>((resolve) => {
      const unsubscribe = stream.subscribe(() => {
        const { status } = stream.getSnapshot();
        if (status !== 'done' && status !== 'error') return;
        chunker.end();
        queueMicrotask(unsubscribe);
        resolve();
      });
    });
    expect(stream.getSnapshot().status).toBe('done');
    expect(closed).toEqual(chunkItems(ALL, rule));
  });

  it('a failed stream: fail(error) emits the partial chunk; chunks add up to the items received', async () => {
    const closed: Chunk<Event>[] = [];
    const chunker = createChunker<Event>({ count: 40, onChunk: (c) => closed.push(c) });
    const stream = createStream<Event>({
      request: ({ signal }) => cutAfterAll('/api/stream?count=150&rate=0', signal),
      resume: false,
      onItems: chunker.push,
    });
    await new Promise<void>((resolve) => {
      const unsubscribe = stream.subscribe(() => {
        const { status, error } = stream.getSnapshot();
        if (status !== 'error') return;
        chunker.fail(error);
        queueMicrotask(unsubscribe);
        resolve();
      });
    });
    const { stats, error } = stream.getSnapshot();
    expect(stats.items).toBe(150);
    expect(closed.map((c) => [c.items.length, c.reason])).toEqual([
      [40, 'count'],
      [40, 'count'],
      [40, 'count'],
      [30, 'error'],
    ]);
    expect(closed.at(-1)?.error).toBe(error);
    expect(chunker.getSnapshot()).toMatchObject({ status: 'error', closedItems: 150, openItems: 0 });
  });
});
