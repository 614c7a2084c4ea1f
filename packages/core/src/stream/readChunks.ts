/**
 * Iterates a byte stream chunk by chunk, pulling only when the consumer asks for the next
 * chunk (so a slow consumer slows the network). Leaving the loop early cancels the stream, and so
 * does `signal`: a body that does not end on the request's abort (a `Response` an app built, a
 * `fetch` made without the signal) is cancelled, and the read waiting on it throws the abort's reason.
 *
 * @example
 * for await (const chunk of readChunks(response.body!, abort.signal)) bytes += chunk.byteLength;
 */
export async function* readChunks(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<Uint8Array, void, void> {
  const reader = body.getReader();
  const cancel = () => void reader.cancel(signal?.reason).catch(() => {});
  if (signal?.aborted) cancel();
  else signal?.addEventListener('abort', cancel, { once: true });
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal?.aborted) throw signal.reason; // the body was cancelled for it, not ended
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    signal?.removeEventListener('abort', cancel);
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
