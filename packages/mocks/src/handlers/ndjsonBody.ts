import type { Faults } from '../faults.ts';
import { linesDue, writeTrickled } from '../http.ts';
import { dropConnection } from './dropConnection.ts';

/** What {@link ndjsonBody} writes. */
export interface NdjsonBodyOptions {
  /** Index of the first line. */
  from: number;
  /** Index after the last line (the body ends there). */
  end: number;
  /** Lines per second; 0 writes as fast as the reader pulls. */
  rate: number;
  /** The line of index `i`, newline included. */
  lineAt: (i: number) => string;
}

// At most this many lines per chunk (~50 kB of templates): a fast reader still lets the page breathe.
const MAX_BATCH = 256;
const encoder = new TextEncoder();

/**
 * An NDJSON body of lines `[from, end)`, pull-based like `eventStream` (`./stream.ts`): a line
 * is generated only when the reader asks for more, so a paused reader costs nothing and a
 * 20,000,000-line body is never produced ahead of its reader. Honours the stream faults:
 * `dropAfter` (cut after N lines, half a line sent), `malformedEvery` (every Nth line broken
 * JSON) and `slow` (bytes trickled).
 *
 * @example
 * new Response(ndjsonBody({ from: 0, end: 10, rate: 0, lineAt: (i) => `{"i":${i}}\n` }, NO_FAULTS));
 */
export function ndjsonBody(options: NdjsonBodyOptions, faults: Faults): ReadableStream<Uint8Array> {
  const { end, rate, lineAt } = options;
  let next = options.from;
  let sent = 0;
  let started = -1;

  async function enqueue(controller: ReadableStreamDefaultController<Uint8Array>, text: string) {
    const bytes = encoder.encode(text);
    if (faults.slow === null) return controller.enqueue(bytes);
    await writeTrickled(bytes, faults.slow, (chunk) => controller.enqueue(chunk));
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (started < 0) started = performance.now();
        if (faults.dropAfter !== null && sent >= faults.dropAfter && next < end) {
          const line = lineAt(next);
          await dropConnection(
            controller,
            () => enqueue(controller, line.slice(0, Math.floor(line.length / 2))),
            `mock stream dropped the connection after ${sent} lines (dropAfter)`,
          );
          return;
        }
        if (next >= end) {
          controller.close();
          return;
        }
        const due = await linesDue(rate, started, sent, MAX_BATCH);
        let n = Math.min(due, end - next);
        if (faults.dropAfter !== null) n = Math.min(n, faults.dropAfter - sent);
        let text = '';
        for (let k = 0; k < n; k++) {
          const broken = faults.malformedEvery !== null && (sent + k + 1) % faults.malformedEvery === 0;
          text += broken ? `{"id":${next + k},"broken":\n` : lineAt(next + k);
        }
        next += n;
        sent += n;
        await enqueue(controller, text);
      },
    },
    { highWaterMark: 1 },
  );
}
