import { afterEach } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import { watchMoves } from '../list/datasetWatch.ts';
import type { LazyList } from '../list/LazyList.ts';
import { listWrites } from '../list/writeCommands.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import type { HeldAnswers } from './heldAnswers.ts';
import { useImmediateQueryNotifications } from './modelHarness.ts';

/** A row of the model seeds' replays: `id` is its key. */
export interface SeedRow {
  readonly id: string;
  readonly v?: number;
}

/**
 * For a test file replaying a model seed's counterexample (`endInsertAfterRefresh.test.ts`,
 * `replayInsideWrite.test.ts`, `failedPageWaitingWrite.test.ts`, `placedCopiesInTurn.test.ts`):
 * `make(key, answers, server, pageSize, extra)` makes a list as the mixed model does — keyed by
 * `id`, the write engine and the moves watch, one request at a time, prefetch 1, no stats or
 * memory monitor — over `server` (its answers held by `answers`); the lists are destroyed after
 * each test. Call once at the top level of the file.
 *
 * @example
 * const make = seedLists();
 * const list = make('end-insert', answers, server, 3);
 */
export function seedLists() {
  const lists: LazyList<SeedRow>[] = [];
  afterEach(() => {
    for (const list of lists.splice(0)) list.destroy();
  });
  return (
    key: string,
    answers: HeldAnswers,
    server: { readonly rows: readonly SeedRow[]; readonly version: number },
    pageSize: number,
    extra: { readonly retry?: { readonly attempts: number } } = {},
  ): LazyList<SeedRow> => {
    useImmediateQueryNotifications();
    const list = createLazyList<SeedRow>({
      key: [key],
      source: offsetSource({ pageSize, fetchPage: answers.versionedPages(server) }),
      getItemKey: (row) => row.id,
      prefetch: 1,
      maxConcurrent: 1,
      ...extra,
      memoryMonitor: null,
      statsIntervalMs: 0,
      writes: listWrites,
      moves: watchMoves,
    });
    lists.push(list);
    list.subscribe(() => {});
    return list;
  };
}

/** The ids a list shows, one per index (`-` for a row not loaded). */
export function shownIds(list: LazyList<SeedRow>): string[] {
  const snapshot = list.getSnapshot();
  return Array.from({ length: snapshot.count }, (_, index) => {
    const entry = snapshot.getItem(index);
    return entry.status === 'loaded' ? entry.item.id : '-';
  });
}
