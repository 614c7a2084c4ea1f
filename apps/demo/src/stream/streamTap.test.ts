import { describe, expect, it } from 'vitest';
import { createStreamTap } from './streamTap.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A response whose body yields `chunks` one read at a time (nothing queued ahead of the reader). */
function response(chunks: string[]): Response {
  let at = 0;
  return new Response(
    new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const next = chunks[at++];
          if (next === undefined) controller.close();
          else controller.enqueue(encoder.encode(next));
        },
      },
      { highWaterMark: 0 },
    ),
  );
}

describe('createStreamTap', () => {
  it('an injected malformed line reaches the reader whole, at a line boundary, before a cut can drop it', async () => {
    const tap = createStreamTap();
    const body = tap.wrap(response(['{"seq":0}\n{"se', 'q":1}\n{"seq":2}\n{"se', 'q":3}\n']), 'ndjson').body;
    if (body === null) throw new Error('no body');
    const reader = body.getReader();
    let text = decoder.decode((await reader.read()).value);
    tap.injectMalformed();
    text += decoder.decode((await reader.read()).value);
    // The connection drops right after that read: whatever the tap still held is gone.
    tap.cut();
    await expect(reader.read()).rejects.toThrow('network connection cut from the demo');
    expect(text).toBe('{"seq":0}\n{"seq":1}\n{"seq":2}\n{"seq": broken\n{"se');
  });

  it('passes chunks through unchanged when nothing is injected', async () => {
    const tap = createStreamTap();
    const text = await tap.wrap(response(['{"seq":0}\n', '{"seq":1}\n']), 'ndjson').text();
    expect(text).toBe('{"seq":0}\n{"seq":1}\n');
  });
});
