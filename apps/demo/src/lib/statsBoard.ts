// Where the lists of the current page report their stats for the "Under the hood" panel. No
// React: the vanilla page reports from plain DOM code.
import type { LazyListStats } from '@lazyflow/core';

/** The stats of every list that reported, by name; a new map on every change. */
export type StatsBoardSnapshot = ReadonlyMap<string, LazyListStats>;

/** A tiny observable map of list name → latest stats. */
export interface StatsBoard {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => StatsBoardSnapshot;
  /** Publishes the latest stats of list `name` (a no-op when they are the same object). */
  report(name: string, stats: LazyListStats): void;
  /** Forgets list `name` (it unmounted). */
  remove(name: string): void;
}

/**
 * Creates an empty board.
 *
 * @example
 * const board = createStatsBoard();
 * board.report('Table', list.stats);
 * board.getSnapshot().get('Table')?.requests;
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
    report(name, stats) {
      if (snapshot.get(name) === stats) return;
      publish(new Map(snapshot).set(name, stats));
    },
    remove(name) {
      if (!snapshot.has(name)) return;
      const next = new Map(snapshot);
      next.delete(name);
      publish(next);
    },
  };
}
