import type { LazyList, ListWriteResult } from '@lazyflow/core';

/**
 * Writes with rollback, as hook controls (the same functions for the list's whole life): each
 * applies at once to every list on the key and returns `{ ok, rollback }`, or `{ ok: false, error }`
 * naming the key or index when it cannot apply (never a throw during render).
 *
 * @example
 * const list = useLazyList<Todo>({ key: ['todos'], source, getItemKey: (todo) => todo.id, … });
 * const { rollback } = list.update(todo.id, (t) => ({ ...t, done: true }));
 */
export interface ItemWriteControls<T> {
  /** Replaces the loaded item with `key` by `change(item)`. */
  readonly update: (key: string | number, change: (item: T) => T) => ListWriteResult;
  /** Puts `items` in before `index` (offset sources; `index === count` adds at the end). */
  readonly insert: (index: number, items: readonly T[]) => ListWriteResult;
  /** Takes the loaded item with `key` out (offset sources). */
  readonly remove: (key: string | number) => ListWriteResult;
  /**
   * Calls `listener` after each change of the list; returns the unsubscribe. `send` (from
   * `@lazyflow/core/writes`) waits on it to place an item sent before the newest page loaded.
   */
  readonly subscribe: (listener: () => void) => () => void;
}

/**
 * The write controls of one list, built once with its engine.
 *
 * @example
 * const controls = { ...writeControls(list), retry: () => list.retry() };
 */
export function writeControls<T>(list: LazyList<T>): ItemWriteControls<T> {
  return {
    update: (key, change) => list.update(key, change),
    insert: (index, items) => list.insert(index, items),
    remove: (key) => list.remove(key),
    subscribe: list.subscribe,
  };
}
