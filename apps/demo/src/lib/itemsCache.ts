import { idbCache } from '@lazyflow/core';

/**
 * The Table page's IndexedDB tier (database `lazyflow-cache:demo-items`): a reload shows the
 * rows seen before at once, stale, while the visible ones revalidate. One instance for the app,
 * as `idbCache` asks; nothing opens before the first read.
 */
export const itemsCache = idbCache({
  name: 'demo-items',
  // Bump when the mock items change shape: old entries are dropped when the cache opens.
  version: 1,
  ttlMs: 3_600_000,
  maxBytes: 50_000_000,
});
