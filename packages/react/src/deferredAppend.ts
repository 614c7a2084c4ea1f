/** What {@link deferredAppend} gives a hook. */
export interface DeferredAppend<T> {
  /** The list's `append`, for the hook's controls. */
  readonly append: (items: readonly T[]) => boolean;
  /** The list's `grow` (a log's new count), deferred as `append` is. */
  readonly grow: (count: number) => boolean;
  /** True while `append` or `grow` runs: the snapshots announced then render in a transition (`useStoreSnapshot`). */
  readonly deferring: () => boolean;
}

/**
 * A list's `append` that marks the snapshots it publishes as deferred (decision 0081): items
 * a stream or a chat adds (and rows a growing log announces) render in a transition, not inside
 * the task that took them in.
 *
 * @example
 * const { append, deferring } = deferredAppend(list);
 * const engine = { subscribe: list.subscribe, getSnapshot: list.getSnapshot, deferring, destroy: () => list.destroy() };
 */
export function deferredAppend<T>(list: {
  append(items: readonly T[]): boolean;
  grow(count: number): boolean;
  /** True while the list grows on its own (a stream log's source told it a count). */
  readonly growing?: boolean;
}): DeferredAppend<T> {
  let depth = 0; // an append made inside another (an onItems that appends again) keeps it deferred
  const deferred =
    <A>(run: (arg: A) => boolean) =>
    (arg: A) => {
      depth += 1;
      try {
        return run(arg);
      } finally {
        depth -= 1;
      }
    };
  return {
    append: deferred((items: readonly T[]) => list.append(items)),
    grow: deferred((count: number) => list.grow(count)),
    deferring: () => depth > 0 || list.growing === true,
  };
}
