// Cut connections in the stream tests: the mock's `dropAfter` errors its body on a timer, and the
// error discards what is still queued at each hop of MSW's bridge (handler → service worker →
// page), all of it when the page is busy. A test either cuts where no byte is lost
// (`cutAfterAll`) or asserts what the cuts fix whatever a busy page lost (`withoutRepeats`).

/**
 * `url`'s whole body, then a network error (`TypeError('cut')`): the cut comes on the read
 * after the last byte was taken, so none of it is lost.
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

/**
 * `values` with each run of equal neighbours kept once. A mock connection cut while the page is
 * busy (a cold first run transforms modules; a loaded CI machine) can lose everything it sent, so
 * the page's reader sees the error before any byte (measured: the response reached the page 2 ms
 * before its error, 150 ms after the handler sent 120 lines). The stream rightly asks again from
 * the same point; the resume points, with such repeats taken out, are what the cuts fix.
 *
 * @example
 * expect(withoutRepeats(froms)).toEqual([null, '119', '238']); // however many were lost
 */
export function withoutRepeats<T>(values: readonly T[]): T[] {
  return values.filter((value, i) => i === 0 || value !== values[i - 1]);
}
