// lazyflow's warm-reload tier, as in docs/cache.md and the demo (apps/demo/src/lib/itemsCache.ts):
// one `idbCache` for the app. With it, `useLazyList` shows the pages seen before from IndexedDB
// (stale, then revalidated) and stores the scroll position beside them, so a reload lands on the
// same row. Nothing opens before the first read, so the other scenarios never touch IndexedDB.
// Its own module: the bundle-size figure is measured without it (see run/bundle.mjs).
import { idbCache } from '@lazyflow/core';

export const benchCache = idbCache({
  name: 'bench-items',
  version: 1,
  ttlMs: 3_600_000,
  maxBytes: 50_000_000,
});
