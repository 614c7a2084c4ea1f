import { afterEach } from 'vitest';
import type { LazyList } from '../list/LazyList.ts';

/**
 * For a test file: a `track(list)` that subscribes the list (so it fetches) and destroys it after
 * each test. Call once at the top level of the file.
 *
 * @example
 * const track = subscribedLists();
 * const list = track(createLazyList({ key: ['a'], source }));
 */
export function subscribedLists(): <T>(list: LazyList<T>) => LazyList<T> {
  const lists: LazyList<unknown>[] = [];
  afterEach(() => {
    for (const list of lists.splice(0)) list.destroy();
  });
  return (list) => {
    lists.push(list as LazyList<unknown>);
    list.subscribe(() => {});
    return list;
  };
}
