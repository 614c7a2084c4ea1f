import { createLazyList, type LazyList, type LazyListOptions, type LazyListSnapshot } from '@lazyflow/core';
import type { SyntheticEvent } from 'react';
import { useClientLayoutEffect } from './clientLayoutEffect.ts';
import { deferredAppend } from './deferredAppend.ts';
import { listUpdate } from './listUpdate.ts';
import { clientId, useLazyflowClient } from './queryClient.ts';
import { useEngine } from './useEngine.ts';
import { type ItemWriteControls, writeControls } from './writeControls.ts';

/**
 * The controls of a hook's lazy list: the same functions for the list's whole life.
 *
 * @example
 * const { followRange, retry }: LazyDataControls<User> = useLazyData<User>({ key: ['users'], source });
 * useEffect(() => followRange(0, 50), [followRange]); // runs once: followRange never changes
 */
export interface LazyDataControls<T> extends ItemWriteControls<T> {
  /** The range `[start, end)` your virtualizer shows now; call it after each render. */
  readonly followRange: (start: number, end: number) => void;
  /** Adds items after the last one; false if they cannot be placed yet. */
  readonly append: (items: readonly T[]) => boolean;
  /**
   * Tells an offset list its source has `count` items now (a log that grew: `createStreamLog`
   * from `@lazyflow/core/stream`); false for cursor and range sources.
   */
  readonly grow: (count: number) => boolean;
  /**
   * Retries the failed page `pageIndex`, or every failed page: with no argument, or as an
   * `onClick` handler (the click event is no page index).
   */
  readonly retry: (pageIndex?: number | SyntheticEvent) => void;
  readonly refresh: () => void;
}

interface ListEngine<T> {
  readonly list: LazyList<T>;
  readonly controls: LazyDataControls<T>;
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => LazyListSnapshot<T>;
  readonly deferring: () => boolean;
  destroy(): void;
}

/**
 * One lazy list per key, source shape and QueryClient for a component (`useLazyData`,
 * `useWindow`): created through `useEngine`, read with `useSyncExternalStore`, given the latest
 * options after each commit.
 *
 * @example
 * const { list, controls, snapshot } = useListEngine({ key: ['users'], source });
 */
export function useListEngine<T>(options: LazyListOptions<T>): {
  list: LazyList<T>;
  controls: LazyDataControls<T>;
  snapshot: LazyListSnapshot<T>;
} {
  const { key, source } = options;
  const queryClient = useLazyflowClient(options.queryClient);
  const shape = 'bucket' in source ? source.bucket : source.pageSize;
  const { engine, snapshot } = useEngine<LazyListSnapshot<T>, ListEngine<T>>(
    JSON.stringify([key, source.kind, shape, clientId(queryClient)]),
    () => {
      const list = createLazyList<T>({ ...options, queryClient });
      const { append, deferring } = deferredAppend(list);
      return {
        list,
        controls: {
          followRange: (start, end) => list.followRange(start, end),
          append,
          grow: (count) => list.grow(count),
          retry: (pageIndex) => list.retry(pageIndex as number | undefined), // an event: every page
          refresh: () => list.refresh(),
          ...writeControls(list),
        },
        subscribe: list.subscribe,
        getSnapshot: list.getSnapshot,
        deferring,
        destroy: () => list.destroy(),
      };
    },
  );
  useClientLayoutEffect(() => {
    engine.list.setOptions(listUpdate(options));
  });
  return { list: engine.list, controls: engine.controls, snapshot };
}
