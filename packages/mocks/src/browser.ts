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
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: '/mockServiceWorker.js' },
  });
  return started;
}
