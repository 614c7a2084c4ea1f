// A mock route for one browser test, on the mock server's Service Worker (MSW's `http.get`, reached
// through the stream handler's class: core does not depend on msw itself). `worker.resetHandlers()`
// after the test removes it.
import { streamHandler } from '@lazyflow/mocks';
import { worker } from '@lazyflow/mocks/browser';

const HttpHandler = streamHandler.constructor as new (
  method: string,
  path: string,
  resolver: (info: { request: Request }) => Response,
) => typeof streamHandler;

/** Answers GET `path` (a glob such as `'*\/api/test-x'`) with `resolver` until the handlers are reset. */
export function route(path: string, resolver: (info: { request: Request }) => Response): void {
  worker.use(new HttpHandler('GET', path, resolver));
}
