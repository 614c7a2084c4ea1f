import type { QueryKey } from '@tanstack/query-core';
import { createLazyList } from '../list/createLazyList.ts';
import { watchMoves } from '../list/datasetWatch.ts';
import type { LazyList } from '../list/LazyList.ts';
import { type OffsetSourceOptions, offsetSource } from '../sources/offsetSource.ts';
import { shownRows } from './shownRows.ts';
import { subscribedLists } from './subscribedLists.ts';

/** A row of the move tests: only its key. */
export interface IdRow {
  readonly id: string;
}

/**
 * For a test file of the move watch (decisions 0012, 0074, 0080): a `movingList(key, fetchPage)`
 * that makes a subscribed list of pages of 5 over `fetchPage`, keyed by `id`, with `watchMoves`,
 * no prefetch and no stats timer, destroyed after each test. Call once at the top level.
 *
 * @example
 * const movingList = movingIdLists();
 * const list = movingList(['moves', 'a'], server.fetchPage);
 */
export function movingIdLists(): (
  key: QueryKey,
  fetchPage: OffsetSourceOptions<IdRow>['fetchPage'],
) => LazyList<IdRow> {
  const track = subscribedLists();
  return (key, fetchPage) =>
    track(
      createLazyList<IdRow>({
        key,
        source: offsetSource({ pageSize: 5, fetchPage }),
        getItemKey: (row) => row.id,
        prefetch: 0,
        statsIntervalMs: 0,
        moves: watchMoves,
      }),
    );
}

/**
 * What `list` shows at `start..end` (`shownRows`: ids, '-' not loaded, '~' stale).
 *
 * @example
 * expect(shownIds(list, 0, 3)).toEqual(['r0', 'r1', '-']);
 */
export const shownIds = (list: LazyList<IdRow>, start: number, end: number): string[] =>
  shownRows(list.getSnapshot()).slice(start, end);
