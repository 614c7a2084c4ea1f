// Where the lists of the current page report their stats for the "Under the hood" panel. No
// React: the vanilla page reports from plain DOM code.
import type { LazyListStats } from '@lazyflow/core';

/**
 * How a list gets its pages: `paged` lists ask for them (each page the view needs is a lookup:
 * memory, cache or network); a `pushed` list is appended to (a stream), so nothing is looked up.
 */
export type ListKind = 'paged' | 'pushed';

/** `createLazyList`'s default `memory.maxBytes`: the budget of a list that sets none. */
export const DEFAULT_LIST_BUDGET = 50_000_000;

/** Pages of a list in trouble now: between attempts (retrying) and failed for good (showing an error). */
export interface PageTrouble {
  readonly retrying: number;
  readonly failed: number;
}

/** No page in trouble. */
export const NO_TROUBLE: PageTrouble = Object.freeze({ retrying: 0, failed: 0 });

/**
 * Counts a list snapshot's pages in trouble now: pages without items that wait for or run a retry
 * (decision 0025), and pages without items that failed for good.
 *
 * @example
 * pageTrouble(list.list.pages.values()); // { retrying: 1, failed: 0 } while page 75 waits for attempt 2
 */
export function pageTrouble(pages: Iterable<TroublePage>): PageTrouble {
  let retrying = 0;
  let failed = 0;
  for (const page of pages) {
    if (page.items !== undefined) continue;
    if (page.status === 'error') failed += 1;
    else if (page.status === 'loading' && page.retrying !== undefined) retrying += 1;
  }
  return retrying === 0 && failed === 0 ? NO_TROUBLE : { retrying, failed };
}

/** A page as {@link pageTrouble} reads it (a `PageState` of any list snapshot). */
export interface TroublePage {
  readonly status: string;
  readonly items: unknown;
  readonly retrying?: unknown;
}

/**
 * What a list reports to the panel: its stats and its pages (a `LazyListSnapshot` has both, as
 * `list.list` of `useLazyList` / `useLazyGrid`, `useWindow`'s `list`, or `useLazyData` itself).
 * The pages are required so that every list's errors badge knows its pages between attempts.
 */
export interface ReportableList {
  readonly stats: LazyListStats;
  readonly pages: ReadonlyMap<number, TroublePage>;
}

/**
 * Reports `list` to `board` under `name`: its stats, kind and budget and its pages in trouble now
 * ({@link pageTrouble}), the one way every list reports (the React hook and the vanilla page).
 *
 * @example
 * reportList(board, 'Vanilla table', view.getSnapshot().list);
 */
export function reportList(
  board: StatsBoard,
  name: string,
  list: ReportableList,
  kind?: ListKind,
  budgetBytes?: number,
): void {
  board.report(name, list.stats, kind, budgetBytes, pageTrouble(list.pages.values()));
}

/** What a list reported: its latest stats, how it gets its pages and its memory budget. */
export interface ReportedList {
  readonly stats: LazyListStats;
  readonly kind: ListKind;
  /** The list's `memory.maxBytes`. */
  readonly budgetBytes: number;
  /** Its pages in trouble now (none when the list does not say). */
  readonly trouble: PageTrouble;
}

/** Every list that reported, by name; a new map on every change. */
export type StatsBoardSnapshot = ReadonlyMap<string, ReportedList>;

/** A tiny observable map of list name → latest stats. */
export interface StatsBoard {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => StatsBoardSnapshot;
  /** Publishes the latest stats of list `name` (a no-op when nothing changed). */
  report(
    name: string,
    stats: LazyListStats,
    kind?: ListKind,
    budgetBytes?: number,
    trouble?: PageTrouble,
  ): void;
  /** Forgets list `name` (it unmounted). */
  remove(name: string): void;
}

/**
 * Creates an empty board.
 *
 * @example
 * const board = createStatsBoard();
 * board.report('Table', list.stats);
 * board.getSnapshot().get('Table')?.stats.requests;
 */
export function createStatsBoard(): StatsBoard {
  let snapshot: StatsBoardSnapshot = new Map();
  const listeners = new Set<() => void>();
  const publish = (next: StatsBoardSnapshot) => {
    snapshot = next;
    for (const listener of [...listeners]) listener();
  };
  return {
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    report(name, stats, kind = 'paged', budgetBytes = DEFAULT_LIST_BUDGET, trouble = NO_TROUBLE) {
      const reported = snapshot.get(name);
      if (
        reported?.stats === stats &&
        reported.kind === kind &&
        reported.budgetBytes === budgetBytes &&
        reported.trouble.retrying === trouble.retrying &&
        reported.trouble.failed === trouble.failed
      )
        return;
      publish(new Map(snapshot).set(name, { stats, kind, budgetBytes, trouble }));
    },
    remove(name) {
      if (!snapshot.has(name)) return;
      const next = new Map(snapshot);
      next.delete(name);
      publish(next);
    },
  };
}
