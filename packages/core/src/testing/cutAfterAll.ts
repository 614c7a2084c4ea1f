// A stream cut where no byte is lost, for the stream tests that need a network error after a
// known body.

/**
 * `url`'s whole body, then a network error (`TypeError('cut')`): the cut comes on the read
 * after the last byte was taken, so none of it is lost. The mock's `dropAfter` errors its body on
 * a timer, which a busy page can outrun, losing what is still queued at each hop of MSW's bridge.
 *
 * @example
 * createStream({ request: ({ signal }) => cutAfterAll('/api/stream?count=30&rate=0', signal), resume: false });
 */
export async function cutAfterAll(url: string, signal: AbortSignal): Promise<Response> {
  const response = await fetch(url, { signal });
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { done, value } = await reader.read();
        if (done) controller.error(new TypeError('cut'));
        else controller.enqueue(value);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { headers: response.headers });
}
