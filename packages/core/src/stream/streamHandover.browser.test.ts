// The page parses a stream until its Worker is ready, then hands over at a chunk boundary
// (decision 0031). In real Chromium: a body split in two at every byte position, the first part
// parsed on the page while the Worker starts, the second in the Worker, gives what the page alone
// gives — the same items in the same order, the same malformed lines with their line numbers, the
// same resume id — across byte-order marks, CRLF pairs and 4-byte UTF-8 sequences cut in half.
import { describe, expect, it } from 'vitest';
import { ended, RealWorker, restoreWorkerAfterEach } from '../testing/streamEnded.ts';
import { createStream, type StreamSnapshot } from './createStream.ts';

type Event = { seq: number };
type Format = 'ndjson' | 'json-seq' | 'sse';

restoreWorkerAfterEach();

/**
 * Workers whose 'ready' reaches the page only after the page posted its first chunk, so that chunk
 * is parsed on the page; `handedOver` resolves a task after the page saw 'ready'. Counts the items
 * the Worker sent back (silent chunks get no reply).
 */
function workersReadyAfterFirstChunk() {
  const seen = { workerItems: 0, chunksPosted: 0 };
  let handedOver = () => {};
  const ready = new Promise<void>((resolve) => {
    handedOver = resolve;
  });
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      let handler: ((event: MessageEvent) => void) | null = null;
      let held: MessageEvent | null = null;
      const deliverReady = (event: MessageEvent) => {
        handler?.(event);
        setTimeout(handedOver, 0);
      };
      Object.defineProperty(this, 'onmessage', {
        get: () => handler,
        set: (fn: ((event: MessageEvent) => void) | null) => {
          handler = fn;
        },
      });
      this.addEventListener('message', (event: MessageEvent<{ kind: string; items?: unknown[] }>) => {
        if (event.data.kind === 'parsed') seen.workerItems += event.data.items?.length ?? 0;
        if (event.data.kind !== 'ready') handler?.(event);
        else if (seen.chunksPosted === 0) held = event;
        else deliverReady(event);
      });
      const post = this.postMessage.bind(this);
      this.postMessage = (
        message: { kind: string },
        transfer?: Transferable[] | StructuredSerializeOptions,
      ) => {
        post(message, transfer as Transferable[]);
        if (message.kind !== 'chunk' || ++seen.chunksPosted !== 1 || held === null) return;
        const event = held;
        held = null;
        setTimeout(() => deliverReady(event), 0);
      };
    }
  };
  return { seen, ready };
}

/** A body of two chunks; the second is read only once the page knows the Worker is ready. */
function splitBody(bytes: Uint8Array, at: number, ready: Promise<void>): Response {
  let pulls = 0;
  return new Response(
    new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (pulls++ === 0) {
            controller.enqueue(bytes.slice(0, at));
            return;
          }
          await ready;
          controller.enqueue(bytes.slice(at));
          controller.close();
        },
      },
      { highWaterMark: 0 },
    ),
  );
}

/** What a stream's end says about what it parsed. */
function outcome(s: StreamSnapshot<Event>) {
  return {
    status: s.status,
    seqs: s.items.map((e) => e.seq),
    lastId: s.lastId,
    malformed: s.stats.malformed,
    lastMalformed: s.lastMalformed && { line: s.lastMalformed.line, message: s.lastMalformed.message },
  };
}

const emoji = '\u{1F600}'; // 4 bytes in UTF-8
const bodies: Record<Format, string> = {
  ndjson: `\uFEFF{"seq":0,"s":"${emoji}"}\r\n{"seq":1}\r\nnot json\n{"seq":2,"s":"é${emoji}"}\r\n{"seq":3}`,
  'json-seq': `\u001E{"seq":0,"s":"${emoji}"}\n\u001Enot json\n\u001E{"seq":1,"s":"é"}\n\u001E{"seq":2}\n`,
  sse: `\uFEFFretry: 1500\r\nid: a1\r\ndata: {"seq":0,"s":"${emoji}"}\r\n\r\n: note\nid: a2\ndata: not json\n\ndata: {"seq":1}\r\rid: a3\ndata: {"seq":2}\n\n`,
};

describe('createStream: the page parses until the Worker is ready, then the Worker (decision 0031)', () => {
  it.each(['ndjson', 'json-seq', 'sse'] as const)(
    '%s split at every byte, the first part on the page and the rest in the Worker: what the page alone gives',
    async (format) => {
      const bytes = new TextEncoder().encode(bodies[format]);
      const alone = outcome(
        await ended(
          createStream<Event>({ request: () => new Response(bytes), format, worker: false, retry: false }),
        ),
      );
      expect(alone.seqs.length).toBeGreaterThanOrEqual(3);
      expect(alone.malformed).toBe(1);
      for (let at = 0; at <= bytes.length; at++) {
        const { seen, ready } = workersReadyAfterFirstChunk();
        const stream = createStream<Event>({
          request: () => splitBody(bytes, at, ready),
          format,
          retry: false,
        });
        const got = outcome(await ended(stream));
        expect({ at, ...got }).toEqual({ at, ...alone });
        expect(seen.chunksPosted).toBe(2); // one silent, one the Worker's own
        // The items whose last byte is in the second part came from the Worker.
        if (at <= bytes.indexOf(0x7d)) expect(seen.workerItems).toBe(alone.seqs.length);
      }
    },
    120_000,
  );
});
