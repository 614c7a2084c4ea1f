// The parse Worker's own request for a `url`-only stream (issue #16 item 3, lead D): at CPU ×4 the
// longest tasks of the page at 100,000 events were Chromium handing the body's bytes to the page's
// main thread (514–755 ms, no script in them); read in a Worker they cost the page nothing
// (apps/bench/run/receiptProbe.mjs). Runs in the Worker only (parseWorker.ts).
import type { FromWorker, ToWorker } from './workerMessages.ts';

/** Bytes parsed per piece (a 1 MB chunk parsed whole answered ~300 ms later at CPU ×4: decision 0063). */
const PIECE_BYTES = 65_536;
/**
 * Pieces parsed ahead of the page's `pull`s. Two left a Worker as slow as the page idle while the
 * page drew (its pulls come between frames): with four, 100,000 events rendered at a median 0.90×
 * the reader's rate against 0.75× in alternated pairs, within a wide spread (docs/benchmarks.md,
 * "nineteenth session"); at most 256 KiB past a paused or full stream.
 */
const PIECES_AHEAD = 4;

type FetchMessage = Extract<ToWorker, { kind: 'fetch' | 'pull' | 'abort' }>;

/**
 * The Worker's side of a fetched connection: `handle` takes the page's `fetch`, `pull` and
 * `abort`. The body is read once the parser is `loaded`, in pieces of at most 64 KiB, each given
 * to `parse` (which posts its items), at most four ahead of the page's `pull`s (so `pause` and
 * `highWaterMark` still slow the network). A status not 2xx, a failed fetch and a dropped
 * connection are posted, never thrown.
 *
 * @example
 * const handle = fetchInWorker(self, parserLoaded, (bytes, end) => parse(bytes, end));
 * self.onmessage = ({ data }) => handle(data);
 */
export function fetchInWorker(
  scope: { postMessage(message: FromWorker): void },
  loaded: Promise<void>,
  parse: (bytes: Uint8Array, end: boolean) => void,
): (message: FetchMessage) => void {
  const controller = new AbortController();
  let credit = PIECES_AHEAD;
  let wake: (() => void) | null = null;
  const run = async (url: string, headers: [string, string][]) => {
    try {
      const response = await fetch(url, { headers, signal: controller.signal });
      scope.postMessage({ kind: 'response', status: response.status, url: response.url });
      if (!response.ok) {
        await response.body?.cancel().catch(() => {});
        return;
      }
      if (!response.body) throw new TypeError('lazyflow: createStream response has no body');
      const reader = response.body.getReader();
      await loaded;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (let at = 0; at < value.byteLength; at += PIECE_BYTES) {
          while (credit === 0) await new Promise<void>((resolve) => (wake = resolve));
          credit--;
          const piece = value.subarray(at, at + PIECE_BYTES);
          parse(piece, false);
          scope.postMessage({ kind: 'piece', bytes: piece.byteLength });
        }
      }
      parse(new Uint8Array(0), true);
      scope.postMessage({ kind: 'ended' });
    } catch (error) {
      const { name = 'TypeError', message = String(error) } = error as Partial<Error>;
      scope.postMessage({ kind: 'dropped', name, message });
    }
  };
  return (message) => {
    if (message.kind === 'fetch') void run(message.url, message.headers);
    else if (message.kind === 'abort') controller.abort();
    else {
      credit++;
      wake?.();
      wake = null;
    }
  };
}
