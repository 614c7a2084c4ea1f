// Test support (excluded from the build): lists over the MSW endpoints and mounted virtual
// lists that are torn down after each test (`afterEach(runCleanups)` in the test file).
import { type Item, item } from '@lazyflow/mocks';
import { QueryClient } from '@tanstack/query-core';
import { createLazyList } from '../list/createLazyList.ts';
import type { LazyList } from '../list/LazyList.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { type OffsetFetchParams, offsetSource } from '../sources/offsetSource.ts';
import type { OffsetSource } from '../sources/source.ts';
import { type MountedList, type MountOptions, mountVirtualList } from './mountVirtualList.ts';

export type { Item };
export { item };

/** Teardowns registered by the helpers below and by tests. */
export const cleanups: Array<() => void> = [];

/** Runs and forgets every registered teardown. */
export function runCleanups(): void {
  for (const cleanup of cleanups.splice(0)) cleanup();
}

/** The messages of the window's error events (e.g. "ResizeObserver loop…") until the test's teardown. */
export function windowErrors(): string[] {
  const messages: string[] = [];
  const onError = (event: ErrorEvent) => messages.push(event.message);
  window.addEventListener('error', onError);
  cleanups.push(() => window.removeEventListener('error', onError));
  return messages;
}

/** An offset list over `/api/items` that records the offsets it requested. */
export function itemsList(
  total: number,
  options: { queryClient?: QueryClient; key?: string; delay?: number } = {},
) {
  const requested: number[] = [];
  const list = createLazyList<Item>({
    key: [options.key ?? `items-${total}-${Math.random()}`],
    queryClient: options.queryClient,
    source: offsetSource({
      pageSize: 100,
      fetchPage: async ({ offset, limit, signal }: OffsetFetchParams) => {
        requested.push(offset);
        if (options.delay) await new Promise((resolve) => setTimeout(resolve, options.delay));
        return (await fetch(`/api/items?offset=${offset}&limit=${limit}&total=${total}`, { signal })).json();
      },
    }),
  });
  cleanups.push(() => list.destroy());
  return { list, requested };
}

/** Mounts a virtual list, unmounted after the test. */
export function mount<T>(options: MountOptions<T>): MountedList<T> {
  const mounted = mountVirtualList(options);
  cleanups.push(() => mounted.unmount());
  return mounted;
}

/** Row text of an item. */
export const title = (row: Item) => row.title;
/** The text of a rendered row once it holds real data. */
export const loadedText = (mounted: MountedList<Item>, index: number) => {
  const element = mounted.element(index);
  return element?.dataset.state === 'loaded' ? element.textContent : undefined;
};

/**
 * A cursor list over `/api/feed` starting at the newest end (a chat). `gate`, awaited before each
 * request, lets a test hold history back until it has looked at the screen.
 */
export function feedList(total: number, options: { gate?: () => Promise<void> } = {}): LazyList<Item> {
  const list: LazyList<Item> = createLazyList<Item>({
    key: [`feed-${Math.random()}`],
    prefetch: 1,
    source: cursorSource<Item>({
      pageSize: 30,
      initialDirection: 'backward',
      fetchPage: async ({ cursor, direction, limit, signal }) => {
        await options.gate?.();
        const query = `limit=${limit}&direction=${direction}&total=${total}${cursor === null ? '' : `&cursor=${cursor}`}`;
        return (await fetch(`/api/feed?${query}`, { signal })).json();
      },
    }),
  });
  cleanups.push(() => list.destroy());
  return list;
}

/**
 * An offset source of `total` rows, 100 a page, each made by `row(index)` when its page is asked
 * (no array of `total` rows); pages past the end are empty.
 *
 * @example
 * const source = generatedSource(1_000_000, (index) => ({ id: index }));
 */
export function generatedSource<T>(total: number, row: (index: number) => T): OffsetSource<T> {
  return offsetSource<T>({
    pageSize: 100,
    fetchPage: async ({ offset, limit }) => ({
      items: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, k) => row(offset + k)),
      total,
    }),
  });
}

/**
 * `total` rows `{ id: 'r0' }`, `{ id: 'r1' }`… made as pages are asked (no array of `total`
 * rows), keyed by id, no prefetch; destroyed after the test. For the scroll-end tests of a list
 * in an element or the window.
 *
 * @example
 * const list = idRowsList('element-scroll-end', 1_000_000);
 */
export function idRowsList(name: string, total: number): LazyList<{ readonly id: string }> {
  const list = createLazyList<{ readonly id: string }>({
    key: [name, Math.random()],
    queryClient: new QueryClient(),
    prefetch: 0,
    getItemKey: (row) => row.id,
    source: generatedSource(total, (index) => ({ id: `r${index}` })),
  });
  cleanups.push(() => list.destroy());
  return list;
}
