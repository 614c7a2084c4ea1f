// The bench's mock API, served by the same Vite server as the pages (`vite preview` in `pnpm bench`
// and in the e2e smoke spec, `vite` in dev): `/api/*` is answered in the Node process by the very
// MSW handlers the demo runs in its page (`@lazyflow/mocks`, through `mockApiMiddleware`). So the
// mock's work (generating items, `JSON.stringify`, the service worker hop) is not on the page's
// CPU-throttled main thread, as a real server's would not be. Each page puts its latency on every
// request URL (`?latency=`, apps/bench/src/shared/fetchItems.ts).
import type { Plugin } from 'vite';
// A relative import on purpose: Vite bundles the config's relative imports and leaves bare ones to
// Node, which cannot load the workspace package's TypeScript sources.
import { mockApiMiddleware } from '../../packages/mocks/src/middleware.ts';

/** Serves `/api/*` from the mock handlers in both `vite` (dev) and `vite preview`. */
export function mockApi(): Plugin {
  const api = mockApiMiddleware();
  return {
    name: 'lazyflow-bench-mock-api',
    configureServer(server) {
      server.middlewares.use(api);
    },
    configurePreviewServer(server) {
      server.middlewares.use(api);
    },
  };
}
