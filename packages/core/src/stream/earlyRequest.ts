// The first connection's request, made when a stream starts reading, before the reading loop's
// chunk is loaded (decision 0050): in createStream's own chunk.
import { openParseWorker, requestInWorker } from './parseWorkerStart.ts';
import type { EarlyRequest } from './streamConnection.ts';
import type { ResolvedStreamOptions } from './streamOptions.ts';

/**
 * Sends the first connection's request now: under load the reading loop's chunk came 200–500 ms
 * after the page asked for it (issue #16 item 3). A `url`-only stream that parses in a Worker has
 * the Worker make it (the body's bytes cost the page's main thread long tasks: lead D); sent at
 * once, it waits in the Worker while its script loads. Any other stream requests from the page,
 * and its parse Worker, if it has one, loads its script meanwhile.
 *
 * @example
 * const early = earlyRequest(options, lastId, resuming ? 1 : 0); // then runConnection(host, generation, early)
 */
export function earlyRequest<T>(
  o: ResolvedStreamOptions<T>,
  lastId: string | number | undefined,
  attempt: number,
): EarlyRequest {
  const abort = new AbortController();
  const parsesRemote = o.worker && typeof o.parser === 'string';
  const worker = parsesRemote && o.target ? openParseWorker() : null;
  if (worker && o.target) {
    requestInWorker(worker, o.target(lastId));
    return { abort, worker };
  }
  const response = new Promise<Response>((resolve) =>
    resolve(o.request({ lastId, attempt, signal: abort.signal })),
  );
  response.catch(() => {}); // the loop awaits it; a failed chunk load aborts it
  return { abort, response, worker: parsesRemote ? openParseWorker() : null };
}
