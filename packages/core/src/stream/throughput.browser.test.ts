// Parser throughput in Chromium against the physical bound measured in the same page: the same
// bytes decoded, split and JSON.parse'd in one tight loop. Figures are printed, not asserted
// (not a timed test); the assertions check that every path produced the same items.
import { describe, expect, it } from 'vitest';
import { createStream } from './createStream.ts';
import { parseNdjson } from './parseNdjson.ts';

const LINES = 1_000_000;
const CHUNK_BYTES = 64 * 1024;

function corpus(): { chunks: Uint8Array[]; bytes: number } {
  const lines: string[] = [];
  for (let i = 0; i < LINES; i++) {
    // ≈100 bytes per line, like PEERS.md's Node figure.
    lines.push(
      JSON.stringify({
        seq: i,
        ts: 1_700_000_000_000 + i,
        level: 'info',
        service: 'api',
        message: `event ${i} ok`,
        v: i % 97,
      }),
    );
  }
  const all = new TextEncoder().encode(`${lines.join('\n')}\n`);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < all.length; at += CHUNK_BYTES) chunks.push(all.subarray(at, at + CHUNK_BYTES));
  return { chunks, bytes: all.length };
}

function report(name: string, items: number, bytes: number, ms: number): number {
  const perSecond = (items * 1000) / ms;
  console.log(
    `[throughput] ${name}: ${Math.round(perSecond).toLocaleString('en')} items/s, ${((bytes / 1e6) * (1000 / ms)).toFixed(0)} MB/s (${ms.toFixed(0)} ms, avg ${(bytes / items).toFixed(0)} B/line)`,
  );
  return perSecond;
}

describe('NDJSON throughput in Chromium', () => {
  it('parses the same items as a tight split + JSON.parse loop; prints both rates', async () => {
    const { chunks, bytes } = corpus();

    // Physical bound: whole text, one split, one JSON.parse per line.
    let t0 = performance.now();
    const text = new TextDecoder().decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
    const bound: unknown[] = [];
    for (const line of text.split('\n')) if (line) bound.push(JSON.parse(line));
    const boundRate = report('tight loop (bound)', bound.length, bytes, performance.now() - t0);

    // Streaming: TextDecoder in stream mode + parseNdjson, 64 KiB chunks.
    t0 = performance.now();
    const parsed: unknown[] = [];
    const decoder = new TextDecoder();
    const parser = parseNdjson({ item: (v) => parsed.push(v), malformed: (e) => expect.fail(e.message) });
    for (const chunk of chunks) parser.push(decoder.decode(chunk, { stream: true }));
    parser.end();
    const parserRate = report('parseNdjson streaming', parsed.length, bytes, performance.now() - t0);

    // Through createStream: Response body, backpressure, ring buffer, frames.
    t0 = performance.now();
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[i++];
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const stream = createStream<{ seq: number }>({
      request: () => new Response(body),
      highWaterMark: 200_000,
    });
    const done = await new Promise<number>((resolve) => {
      const unsubscribe = stream.subscribe(() => {
        const s = stream.getSnapshot();
        if (s.status !== 'done') return;
        unsubscribe();
        resolve(s.stats.items);
      });
    });
    const streamRate = report('createStream', done, bytes, performance.now() - t0);
    console.log(
      `[throughput] ratio parser/bound ${(parserRate / boundRate).toFixed(2)}, createStream/bound ${(streamRate / boundRate).toFixed(2)}`,
    );

    expect(parsed).toEqual(bound);
    expect(done).toBe(LINES);
    expect(stream.getSnapshot().items.at(-1)).toEqual(bound.at(-1));
  }, 90_000); // a million lines twice: on a shared, loaded machine this can take a while
});
