// The mock API over Node's own HTTP server: a connect-style middleware (Vite, Express, a bare
// `http.createServer`) that answers `GET /api/*` with the very handlers the page's service worker
// runs (`./handlers.ts`, through msw's `getResponse`), so the mock's work happens in the Node
// process instead of on the page's main thread. The bench serves its data this way
// (apps/bench/mockApi.ts); the demo keeps MSW in the page.
// - Faults come from each request's query (`?latency=…`); the module-level defaults of
//   `setFaultDefaults` apply to every client of the process, so a page should not rely on them.
// - Bodies are written as the handler's stream produces them, with backpressure (an NDJSON
//   stream reaches the page chunk by chunk, never buffered whole).
// - A client that goes away (an aborted `fetch`) aborts the request's signal: a pending latency
//   delay stops, and a body still being written is cancelled.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getResponse, type RequestHandler } from 'msw';
import { handlers } from './handlers.ts';

/** What a connect-style server calls: answer, or hand over to the next middleware. */
export type MockMiddleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/** Resolves when `res` can take more bytes, or when the client is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Writes `response` (status, headers, body as it streams) to `res`; stops when `signal` aborts. */
async function send(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  // Headers go out at once: a stream's first bytes may be a while coming.
  res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // Cancelling also ends a read that is waiting for the producer.
  const cancel = () => void reader.cancel(signal.reason).catch(() => {});
  signal.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) break;
      if (!res.write(value)) await drained(res);
    }
    if (!signal.aborted) res.end();
  } catch (error) {
    if (!signal.aborted) res.destroy(error instanceof Error ? error : new Error(String(error)));
  } finally {
    signal.removeEventListener('abort', cancel);
  }
}

/**
 * Answers `GET` requests whose path starts with `prefix` with `handlers` (default: every mock
 * endpoint); anything else, and any path no handler matches, goes to `next`.
 *
 * @example
 * // vite.config.ts
 * const api = mockApiMiddleware();
 * export default { plugins: [{ name: 'api', configurePreviewServer: (s) => void s.middlewares.use(api) }] };
 */
export function mockApiMiddleware(
  options: { prefix?: string; handlers?: readonly RequestHandler[] } = {},
): MockMiddleware {
  const { prefix = '/api/' } = options;
  const answering = [...(options.handlers ?? handlers)];
  return (req, res, next) => {
    // Every mock endpoint is a GET (`./handlers.ts`).
    if (!req.url?.startsWith(prefix) || req.method !== 'GET') {
      next();
      return;
    }
    const controller = new AbortController();
    // 'close' also follows a complete response: only a response cut short is an abort.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort(new Error('mock API: the client closed the request'));
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers.set(name, value);
      else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    }
    const request = new Request(new URL(req.url, `http://${req.headers.host ?? 'localhost'}`), {
      headers,
      signal: controller.signal,
    });
    getResponse(answering, request).then(
      (response) => {
        if (controller.signal.aborted) void response?.body?.cancel().catch(() => {});
        else if (response === undefined) next();
        else void send(response, res, controller.signal);
      },
      (error: unknown) => {
        // An abort during the latency delay rejects the handler: nobody is listening any more.
        if (controller.signal.aborted) return;
        next(error);
      },
    );
  };
}
