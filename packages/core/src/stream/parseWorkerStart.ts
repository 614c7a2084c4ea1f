// Starting the stream's parse Worker (decision 0013), in createStream's own chunk: the first
// connection's Worker is started with its request (issue #16 item 3).
import type { ToWorker } from './workerMessages.ts';

/** Set once a Worker failed to start: later connections parse on the page without trying again. */
let unavailable = false;

/**
 * Starts the stream's parse Worker and nothing more: its script loads while the stream's request
 * is under way, before the reading loop's chunk is there (it was asked for 0.5–1.3 s into the
 * bench's stream, after the page had parsed most of the body). `startWorkerParser`
 * (workerParser.ts) takes it over and sends its `init`; the Worker posts nothing before that.
 * Null where no Worker can be started, or one failed to in this page.
 *
 * @example
 * const worker = options.worker ? openParseWorker() : null; // then startWorkerParser(…, worker)
 */
export function openParseWorker(): Worker | null {
  if (unavailable || typeof Worker !== 'function') return null;
  try {
    // The `.js` name is the compiled file in dist/; bundlers and Vite's dev server resolve it to the source.
    return new Worker(new URL('./parseWorker.js', import.meta.url), {
      type: 'module',
      name: 'lazyflow-stream-parser',
    });
  } catch {
    unavailable = true;
    return null;
  }
}

/**
 * Marks the parse Worker as failing in this page: {@link openParseWorker} returns null from now on.
 *
 * @example
 * worker.onerror = () => parseWorkerFailed();
 */
export function parseWorkerFailed(): void {
  unavailable = true;
}

/**
 * Sends a `url`-only stream's request to its parse Worker, which fetches and parses the body
 * (issue #16 item 3, lead D). Sent at once: the Worker queues it while its script loads. The URL
 * is resolved against the page (a Worker's own base is its script's URL).
 *
 * @example
 * requestInWorker(worker, options.target(lastId));
 */
export function requestInWorker(worker: Worker, target: { url: string; headers: Headers }): void {
  const message: ToWorker = {
    kind: 'fetch',
    url: new URL(target.url, globalThis.document?.baseURI ?? globalThis.location?.href).href,
    headers: [...target.headers],
  };
  worker.postMessage(message);
}
