import type { LazyListOptions, LazyListUpdate } from '@lazyflow/core';

/**
 * The options a hook pushes to its running list after each commit (`LazyList.setOptions`): the
 * ones that can change without a new list. The rest (`key`, `queryClient`, `cache`…) are the
 * list's identity, read when the hook creates it.
 *
 * @example
 * useLayoutEffect(() => engine.list.setOptions(listUpdate(options)));
 */
export function listUpdate<T>(o: LazyListOptions<T>): LazyListUpdate<T> {
  return {
    source: o.source,
    enabled: o.enabled,
    prefetch: o.prefetch,
    maxConcurrent: o.maxConcurrent,
    timeoutMs: o.timeoutMs,
    memory: o.memory,
    retry: o.retry,
    flingVelocity: o.flingVelocity,
    statsIntervalMs: o.statsIntervalMs,
    statsInterval: o.statsInterval,
    estimateBytes: o.estimateBytes,
    getItemKey: o.getItemKey,
  };
}
