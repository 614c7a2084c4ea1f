/**
 * Sits between `fetch` and the stream parser so the demo can break a live connection on
 * purpose: `cut()` errors the body the way a dropped network does (the stream then resumes
 * from its last id), `injectMalformed()` slips one broken line in at the next line boundary
 * (the parser skips and counts it). No React here: it wraps a Response.
 */
export interface StreamTap {
  wrap(response: Response, format: 'ndjson' | 'sse'): Response;
  cut(): void;
  injectMalformed(): void;
  /** Broken lines slipped in so far (each an extra line: no event lost by it); `restart` zeroes it. */
  injected(): number;
  /** Zeroes `injected()` (the page restarts its stream and its counters). */
  restart(): void;
}

export function createStreamTap(): StreamTap {
  let cutCurrent: (() => void) | null = null;
  let inject = false;
  let injected = 0;
  const encoder = new TextEncoder();
  return {
    wrap(response, format) {
      if (response.body === null || !response.ok) return response;
      let controllerRef: TransformStreamDefaultController<Uint8Array> | null = null;
      const tap = new TransformStream<Uint8Array, Uint8Array>({
        start(controller) {
          controllerRef = controller;
        },
        transform(chunk, controller) {
          // 10 = '\n': insert after the chunk's last complete line only, so no real line is split.
          const lastNewline = chunk.lastIndexOf(10);
          if (!inject || lastNewline < 0) {
            controller.enqueue(chunk);
            return;
          }
          inject = false;
          injected += 1;
          const broken = encoder.encode(format === 'sse' ? 'data: {"seq": broken\n\n' : '{"seq": broken\n');
          // One chunk, not three: the reader is waiting for it (backpressure: transform runs on
          // a read), so it goes straight to the reader. Pieces enqueued after the first waited in
          // the tap's queue, and a connection dropped meanwhile (an errored stream discards its
          // queue) lost the broken line: the e2e then saw 0 malformed lines after a reconnect.
          const out = new Uint8Array(chunk.byteLength + broken.byteLength);
          out.set(chunk.subarray(0, lastNewline + 1));
          out.set(broken, lastNewline + 1);
          out.set(chunk.subarray(lastNewline + 1), lastNewline + 1 + broken.byteLength);
          controller.enqueue(out);
        },
      });
      cutCurrent = () => controllerRef?.error(new TypeError('network connection cut from the demo'));
      return new Response(response.body.pipeThrough(tap), {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
    },
    cut() {
      cutCurrent?.();
      cutCurrent = null;
    },
    injectMalformed() {
      inject = true;
    },
    injected: () => injected,
    restart() {
      inject = false;
      injected = 0;
    },
  };
}
