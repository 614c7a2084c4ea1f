import type { LazyListOptions, LazyListUpdate } from '@lazyflow/core';

/**
 * The `names` of `options`, each with its value (`undefined` when not given): one loop over a
 * table of names instead of an object literal naming each option twice (bundle size, issue #15
 * item 7).
 *
 * @example
 * pick({ overscan: 4, key: ['a'] }, ['overscan', 'gap']); // { overscan: 4, gap: undefined }
 */
export function pick<O extends object, K extends keyof O>(options: O, names: readonly K[]): Pick<O, K> {
  const picked = {} as Pick<O, K>;
  for (const name of names) picked[name] = options[name];
  return picked;
}

/** What `LazyList.setOptions` takes; the other options are the list's identity. */
const LIST_UPDATE = [
  'source',
  'enabled',
  'prefetch',
  'maxConcurrent',
  'timeoutMs',
  'memory',
  'retry',
  'flingVelocity',
  'statsIntervalMs',
  'statsInterval',
  'estimateBytes',
  'getItemKey',
] as const satisfies readonly (keyof LazyListUpdate<unknown>)[];

/**
 * The options a hook pushes to its running list after each commit (`LazyList.setOptions`): the
 * ones that can change without a new list. The rest (`key`, `queryClient`, `cache`…) are the
 * list's identity, read when the hook creates it.
 *
 * @example
 * useLayoutEffect(() => engine.list.setOptions(listUpdate(options)));
 */
export function listUpdate<T>(o: LazyListOptions<T>): LazyListUpdate<T> {
  return pick(o, LIST_UPDATE);
}
