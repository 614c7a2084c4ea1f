import { QueryClient } from '@tanstack/query-core';
import { afterEach } from 'vitest';
import type { PageCache } from '../cache/pageCache.ts';
import { createLazyList } from '../list/createLazyList.ts';
import { watchMoves } from '../list/datasetWatch.ts';
import type { LazyList } from '../list/LazyList.ts';
import { listWrites } from '../list/writeCommands.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { HeldAnswers } from './heldAnswers.ts';
import { settle, useImmediateQueryNotifications } from './modelHarness.ts';
import { shownRows } from './shownRows.ts';

/** A keyed test row: `id` is its key, `v` grows with each update. */
export interface KeyedRow {
  readonly id: string;
  readonly v: number;
}

/** Rows with these ids, not updated. */
export const keyedRows = (...ids: string[]): KeyedRow[] => ids.map((id) => ({ id, v: 0 }));

let made = 0;

/**
 * The options every keyed-writes test list shares: pages of 3 from `server` held by `answers`,
 * keyed by `id`, the write engine, one attempt, no stats or memory monitor.
 *
 * @example
 * createLazyList<KeyedRow>({ key: ['k'], ...keyedWritesOptions(answers, server) });
 */
export function keyedWritesOptions(
  answers: HeldAnswers,
  server: { readonly rows: readonly KeyedRow[]; readonly version: number },
) {
  return {
    source: offsetSource({ pageSize: 3, fetchPage: answers.versionedPages(server) }),
    getItemKey: (row: KeyedRow) => row.id,
    prefetch: 1,
    retry: { attempts: 1 },
    statsIntervalMs: 0,
    memoryMonitor: null,
    writes: listWrites,
  };
}

/**
 * For a test file of writes and a persistent cache (`movedPagesCache.test.ts`,
 * `placedServerCopyCache.test.ts`): `open(cache, server)` makes a keyed list with the write engine
 * over `server` on `cache`, with its own QueryClient (a page load: a second `open` on the same
 * cache is a warm reload) or `queryClient` (a second list in the same page), subscribed; the
 * lists are destroyed after each test. Call once at the top level of the file.
 *
 * @example
 * const open = keyedListsOnCache('moved-pages-cache');
 * const { list, answers } = open(cache, { rows: keyedRows('s0', 's1'), version: 0 });
 */
export function keyedListsOnCache(name: string) {
  const lists: LazyList<KeyedRow>[] = [];
  afterEach(() => {
    for (const list of lists.splice(0)) list.destroy();
  });
  return (
    cache: PageCache,
    server: { rows: KeyedRow[]; version: number },
    queryClient = new QueryClient(),
  ) => {
    const answers = new HeldAnswers();
    queryClient.mount();
    const list = createLazyList<KeyedRow>({
      key: [name],
      queryClient,
      cache,
      ...keyedWritesOptions(answers, server),
    });
    lists.push(list);
    list.subscribe(() => {});
    return { list, answers, queryClient };
  };
}

/**
 * For a test file of writes waiting beside stale rows (`staleRemoveInsert.test.ts`,
 * `waitingInsertOrder.test.ts`): `setup(ids, withMoves)` makes a list over `ids` by pages of 3
 * with the write engine, every answer held by `answers`, every notification checked (no key on
 * two loaded rows, bytes are the pages' bytes: `violations`); the lists are destroyed after each
 * test. Call once at the top level of the file.
 *
 * @example
 * const setup = staleKeyedLists();
 * const { list, answers, shown, loadThenRefresh } = setup(['s0', 's1'], false);
 */
export function staleKeyedLists() {
  const lists: LazyList<KeyedRow>[] = [];
  afterEach(() => {
    for (const list of lists.splice(0)) list.destroy();
  });
  return (ids: string[], withMoves: boolean) => {
    useImmediateQueryNotifications();
    const server = { rows: keyedRows(...ids), version: 0 };
    const answers = new HeldAnswers();
    const list = createLazyList<KeyedRow>({
      key: ['stale-keyed-list', ++made],
      ...keyedWritesOptions(answers, server),
      ...(withMoves ? { moves: watchMoves } : {}),
    });
    lists.push(list);
    const shown = () => shownRows(list.getSnapshot());
    const violations: string[] = [];
    list.subscribe(() => {
      const snapshot = list.getSnapshot();
      const keys = new Set<string>();
      let bytes = 0;
      for (const page of snapshot.pages.values()) {
        bytes += page.bytes;
        for (const row of page.items ?? []) {
          if (keys.has(row.id)) violations.push(`key ${row.id} twice: ${shown().join(' ')}`);
          keys.add(row.id);
        }
      }
      if (bytes !== snapshot.stats.bytesInMemory)
        violations.push(`bytes ${bytes} != ${snapshot.stats.bytesInMemory}`);
    });
    /** Loads rows 0..end, then the server's rows become `next` and the list refreshes (kept stale). */
    const loadThenRefresh = async (end: number, next: string[]) => {
      list.setWindow({ start: 0, end });
      await settle();
      await answers.answerAll(20);
      server.rows = keyedRows(...next);
      server.version += 1;
      list.refresh();
      await settle();
    };
    return { list, server, answers, shown, violations, loadThenRefresh };
  };
}
