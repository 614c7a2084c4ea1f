/** What {@link deferredAppend} gives a hook. */
export interface DeferredAppend<T> {
  /** The list's `append`, for the hook's controls. */
  readonly append: (items: readonly T[]) => boolean;
  /**
   * True while `append` runs, or the list grows (`list.growing`: `grow`, called by the app or by
   * its source, and the 200 ms after it while the window follows the end, when the pages the
   * growth asked for land): the snapshots announced then render in a transition (`useStoreSnapshot`).
   */
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
  /** True while the list grows (`grow`, by the app or by its source, and the 200 ms after it at the end). */
  readonly growing?: boolean;
}): DeferredAppend<T> {
  let depth = 0; // an append made inside another (an onItems that appends again) keeps it deferred
  return {
    append: (items) => {
      depth += 1;
      try {
        return list.append(items);
      } finally {
        depth -= 1;
      }
    },
    deferring: () => depth > 0 || list.growing === true,
  };
}
