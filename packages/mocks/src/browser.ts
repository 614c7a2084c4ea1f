import { setupWorker } from 'msw/browser';
import { isDropEcho } from './handlers/dropConnection.ts';
import { handlers } from './handlers.ts';

/** The MSW service worker with every demo endpoint (browser only). */
export const worker = setupWorker(...handlers);

let started: Promise<unknown> | undefined;

function releaseEventCopy({ response }: { response: Response }): void {
  response.body?.cancel().catch(() => undefined);
}

/**
 * Whether `reason` is the rejection of MSW's unawaited `registration.update()` for a worker that
 * the previous page unregistered on its way out (mockServiceWorker.js unregisters itself when its
 * last client closes, and a quick navigation can land in between): "Failed to update a
 * ServiceWorker … mockServiceWorker.js: Not found". Harmless — the worker still controls this
 * page, and the next load registers it again — but it surfaced as an uncaught page error.
 */
function isStaleWorkerUpdate(reason: unknown): boolean {
  const message = reason instanceof Error || reason instanceof DOMException ? reason.message : '';
  return message.startsWith('Failed to update a ServiceWorker') && message.includes('mockServiceWorker.js');
}

/**
 * Starts the mock server in this page once; later calls return the same promise.
 * `/mockServiceWorker.js` must be served from the site root (it lives in `apps/demo/public`).
 *
 * @example
 * await startMockWorker();
 * const res = await fetch('/api/items?offset=0&limit=10');
 */
export function startMockWorker(options: { quiet?: boolean } = {}): Promise<unknown> {
  if (started === undefined) {
    addEventListener('unhandledrejection', (event) => {
      if (isDropEcho(event.reason) || isStaleWorkerUpdate(event.reason)) event.preventDefault();
    });
    // The service worker sends MSW a copy of every response for its `response:*` events (a tee of
    // the body). Nobody here reads those copies, and an unread copy keeps its whole stream: a tee
    // cancels its source only when both branches cancel, so a mocked stream whose reader went away
    // (the Stream page left, a connection cut) was never cancelled and its chunks stayed queued.
    // Cancelling the copy at once lets the reader's cancel reach the mock stream.
    worker.events.on('response:mocked', releaseEventCopy);
    worker.events.on('response:bypass', releaseEventCopy);
  }
  started ??= worker.start({
    quiet: options.quiet ?? true,
    // Deliberate: the page's own files (Vite modules, images, the favicon, docs served as assets)
    // go to the network unremarked, but an /api/ request no handler answers is a bug in the demo
    // (a typo'd endpoint would otherwise reach the preview server and 404): MSW logs it as an
    // error, which every e2e spec fails on.
    onUnhandledRequest(request, print) {
      if (new URL(request.url).pathname.startsWith('/api/')) print.error();
    },
    serviceWorker: { url: '/mockServiceWorker.js' },
  });
  return started;
}
