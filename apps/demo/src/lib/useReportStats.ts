import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import {
  createStatsBoard,
  type ListKind,
  type ReportableList,
  reportList,
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
 * Shows `list`'s stats under `name` in the "Under the hood" panel while the calling component is
 * mounted, with its pages between attempts or failed now for the errors badge (`reportList`);
 * null (e.g. before a list exists) reports nothing yet. `list` is a lazy list snapshot, or any
 * `{ stats, pages }`. `kind: 'pushed'` marks a list a stream appends to: its pages count toward
 * memory, not toward the cache hit rate. `budgetBytes` is the list's `memory.maxBytes` when it
 * sets one (the panel draws it).
 *
 * @example
 * const list = useLazyList({ … });
 * useReportStats('Table', list.list);
 */
export function useReportStats(
  name: string,
  list: ReportableList | null,
  kind: ListKind = 'paged',
  budgetBytes?: number,
): void {
  const board = useStatsBoard();
  const stats = list?.stats;
  const pages = list?.pages;
  useEffect(() => {
    if (stats !== undefined && pages !== undefined)
      reportList(board, name, { stats, pages }, kind, budgetBytes);
  }, [board, name, stats, pages, kind, budgetBytes]);
  // Removal only on unmount (or a rename), not before each report.
  useEffect(() => () => board.remove(name), [board, name]);
}

/** Every reported list (latest stats and kind), re-rendering when one changes. */
export function useReportedStats(): StatsBoardSnapshot {
  const board = useStatsBoard();
  return useSyncExternalStore(board.subscribe, board.getSnapshot);
}
