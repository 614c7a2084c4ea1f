import { HttpResponse, http } from 'msw';
import { MAX_TOTAL, streamEvent } from '../dataset.ts';
import type { Faults } from '../faults.ts';
import { choiceParam, handle, intParam, linesDue, writeTrickled } from '../http.ts';
import { dropConnection } from './dropConnection.ts';

/** Parameters of one `/api/stream` connection. */
export interface StreamParams {
  /** Events `[from, count)` are sent. */
  count: number;
  /** Events per second; 0 sends as fast as the reader pulls. */
  rate: number;
  /** First sequence number to send (resume point). */
  from: number;
  format: 'ndjson' | 'sse';
}

// At most this many events are written per chunk, so a fast stream still yields to the page.
const MAX_BATCH = 500;
const encoder = new TextEncoder();

function line(seq: number, broken: boolean, format: StreamParams['format']): string {
  const payload = broken ? `{"seq":${seq},"broken":` : JSON.stringify(streamEvent(seq));
  return format === 'sse' ? `id: ${seq}\nevent: log\ndata: ${payload}\n\n` : `${payload}\n`;
}

/**
 * The body of one stream connection, pull-based: nothing is produced until the reader asks,
 * so a slow consumer slows the producer instead of filling a queue.
 */
export function eventStream(params: StreamParams, faults: Faults): ReadableStream<Uint8Array> {
  const { count, rate, format } = params;
  let seq = params.from;
  let sent = 0;
  let started = -1;
  let header = format === 'sse' ? ': lazyflow mock event stream\nretry: 500\n\n' : '';

  async function enqueue(controller: ReadableStreamDefaultController<Uint8Array>, text: string) {
    const bytes = encoder.encode(text);
    if (faults.slow === null) return controller.enqueue(bytes);
    await writeTrickled(bytes, faults.slow, (chunk) => controller.enqueue(chunk));
  }

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (started < 0) started = performance.now();
        if (faults.dropAfter !== null && sent >= faults.dropAfter) {
          // A real cut: half of the next event arrives, then the connection fails.
          const next = line(seq, false, format);
          await dropConnection(
            controller,
            () => enqueue(controller, next.slice(0, Math.floor(next.length / 2))),
            `mock stream dropped the connection after ${sent} events (dropAfter)`,
          );
          return;
        }
        if (seq >= count) {
          if (header) await enqueue(controller, header);
          controller.close();
          return;
        }
        const due = await linesDue(rate, started, sent, MAX_BATCH);
        let n = Math.min(due, count - seq);
        if (faults.dropAfter !== null) n = Math.min(n, faults.dropAfter - sent);
        let text = header;
        header = '';
        for (let k = 0; k < n; k++) {
          const broken = faults.malformedEvery !== null && (sent + k + 1) % faults.malformedEvery === 0;
          text += line(seq + k, broken, format);
        }
        seq += n;
        sent += n;
        await enqueue(controller, text);
      },
    },
    { highWaterMark: 1 },
  );
}

/**
 * `GET /api/stream?count&rate&from&format=ndjson|sse` → events `[from, count)` written
 * through a `ReadableStream` at `rate` events/s. NDJSON resumes with `from` (first sequence
 * to send); SSE also honours the `Last-Event-ID` header (resumes after that id).
 * Faults: `dropAfter` cuts the connection, `malformedEvery` breaks lines, `slow` trickles bytes.
 */
export const streamHandler = http.get('*/api/stream', ({ request }) =>
  handle(
    request,
    (url): StreamParams => {
      const format = choiceParam(url, 'format', ['ndjson', 'sse'] as const);
      let from = intParam(url, 'from', 0, { max: MAX_TOTAL });
      const lastEventId = request.headers.get('Last-Event-ID');
      if (format === 'sse' && lastEventId !== null && /^\d+$/.test(lastEventId))
        from = Number(lastEventId) + 1;
      return {
        format,
        from,
        count: intParam(url, 'count', 10_000, { max: MAX_TOTAL }),
        rate: intParam(url, 'rate', 1000, { max: 1_000_000 }),
      };
    },
    (params, faults) =>
      new HttpResponse(eventStream(params, faults), {
        headers: {
          'Content-Type': params.format === 'sse' ? 'text/event-stream' : 'application/x-ndjson',
          'Cache-Control': 'no-cache',
          'X-Stream-Count': String(params.count),
        },
      }),
  ),
);
