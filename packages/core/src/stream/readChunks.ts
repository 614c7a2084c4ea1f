/**
 * Iterates a byte stream chunk by chunk, pulling only when the consumer asks for the next
 * chunk (so a slow consumer slows the network). Uses the stream's own async iteration where
 * the browser has it (Chrome 124+, Firefox 110+) and a `getReader()` loop elsewhere (Safari).
 * Leaving the loop early cancels the stream.
 *
 * @example
 * for await (const chunk of readChunks(response.body!)) bytes += chunk.byteLength;
 */
export async function* readChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array, void, void> {
  if (Symbol.asyncIterator in body) {
    yield* body as unknown as AsyncIterable<Uint8Array>;
    return;
  }
  const reader = (body as ReadableStream<Uint8Array>).getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
