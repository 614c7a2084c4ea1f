import type { LazyListStats } from '@lazyflow/core';
import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import {
  createStatsBoard,
  type ListKind,
  NO_TROUBLE,
  type PageTrouble,
  type StatsBoard,
  type StatsBoardSnapshot,
} from './statsBoard.ts';

/** The board the current page's lists report to; the app shell provides one. */
export const StatsBoardContext = createContext<StatsBoard>(createStatsBoard());

/** The board of the surrounding {@link StatsBoardContext}. */
export function useStatsBoard(): StatsBoard {
  return useContext(StatsBoardContext);
}

/**
 * Shows `stats` under `name` in the "Under the hood" panel while the calling component is
 * mounted; null (e.g. before a list exists) reports nothing yet. `kind: 'pushed'` marks a list
 * a stream appends to: its pages count toward memory, not toward the cache hit rate.
 * `budgetBytes` is the list's `memory.maxBytes` when it sets one (the panel draws it). `trouble`
 * (`pageTrouble(list.list.pages.values())`) says which pages are between attempts or failed now,
 * for the errors badge.
 *
 * @example
 * const list = useLazyList({ … });
 * useReportStats('Table', list.stats);
 */
export function useReportStats(
  name: string,
  stats: LazyListStats | null,
  kind: ListKind = 'paged',
  budgetBytes?: number,
  trouble: PageTrouble = NO_TROUBLE,
): void {
  const board = useStatsBoard();
  const { retrying, failed } = trouble;
  useEffect(() => {
    if (stats !== null) board.report(name, stats, kind, budgetBytes, { retrying, failed });
  }, [board, name, stats, kind, budgetBytes, retrying, failed]);
  // Removal only on unmount (or a rename), not before each report.
  useEffect(() => () => board.remove(name), [board, name]);
}

/** Every reported list (latest stats and kind), re-rendering when one changes. */
export function useReportedStats(): StatsBoardSnapshot {
  const board = useStatsBoard();
  return useSyncExternalStore(board.subscribe, board.getSnapshot);
}
