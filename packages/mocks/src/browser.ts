import { setupWorker } from 'msw/browser';
import { isDropEcho } from './handlers/dropConnection.ts';
import { handlers } from './handlers.ts';

/** The MSW service worker with every demo endpoint (browser only). */
export const worker = setupWorker(...handlers);

let started: Promise<unknown> | undefined;

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
      if (isDropEcho(event.reason)) event.preventDefault();
    });
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
