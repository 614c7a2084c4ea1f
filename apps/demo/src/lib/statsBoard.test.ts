import type { LazyListStats } from '@lazyflow/core';
import { describe, expect, it } from 'vitest';
import {
  createStatsBoard,
  DEFAULT_LIST_BUDGET,
  NO_TROUBLE,
  pageTrouble,
  reportList,
  type TroublePage,
} from './statsBoard.ts';

const stats = { requests: 1 } as LazyListStats;

describe('createStatsBoard', () => {
  it('publishes a new map on report and remove, and nothing for a repeated report', () => {
    const board = createStatsBoard();
    let calls = 0;
    board.subscribe(() => calls++);
    const empty = board.getSnapshot();
    board.report('Table', stats);
    const reported = board.getSnapshot();
    expect(reported).not.toBe(empty);
    expect(reported.get('Table')).toEqual({
      stats,
      kind: 'paged',
      budgetBytes: DEFAULT_LIST_BUDGET,
      trouble: NO_TROUBLE,
    });
    board.report('Table', stats);
    expect(board.getSnapshot()).toBe(reported);
    board.remove('Table');
    board.remove('Table');
    expect(board.getSnapshot().size).toBe(0);
    expect(calls).toBe(2);
  });

  it('keeps the kind a list reported, and publishes when only the kind changes', () => {
    const board = createStatsBoard();
    board.report('Event log', stats, 'pushed');
    const pushed = board.getSnapshot();
    expect(pushed.get('Event log')?.kind).toBe('pushed');
    board.report('Event log', stats, 'pushed');
    expect(board.getSnapshot()).toBe(pushed);
    board.report('Event log', stats);
    expect(board.getSnapshot().get('Event log')?.kind).toBe('paged');
  });

  it('keeps the budget a list reported, the default when it names none', () => {
    const board = createStatsBoard();
    board.report('Table', stats, 'paged', 2_000_000);
    expect(board.getSnapshot().get('Table')?.budgetBytes).toBe(2_000_000);
    board.report('Feed', stats);
    expect(board.getSnapshot().get('Feed')?.budgetBytes).toBe(DEFAULT_LIST_BUDGET);
  });

  it('stops calling a listener once it unsubscribed', () => {
    const board = createStatsBoard();
    let calls = 0;
    const unsubscribe = board.subscribe(() => calls++);
    unsubscribe();
    board.report('Feed', stats);
    expect(calls).toBe(0);
  });

  it('counts the pages in trouble now and publishes when only that changed', () => {
    const loaded = { status: 'loaded', items: [1] };
    const waiting = { status: 'loading', items: undefined, retrying: { status: 'loading', attempt: 2 } };
    const firstTry = { status: 'loading', items: undefined };
    const failed = { status: 'error', items: undefined };
    const stale = { status: 'error', items: [1] }; // failed refetch: still shows its items
    expect(pageTrouble([loaded, firstTry, stale])).toBe(NO_TROUBLE);
    expect(pageTrouble([loaded, waiting, failed, failed])).toEqual({ retrying: 1, failed: 2 });
    const board = createStatsBoard();
    let calls = 0;
    board.subscribe(() => calls++);
    board.report('Table', stats);
    board.report('Table', stats, 'paged', undefined, { retrying: 1, failed: 0 });
    expect(calls).toBe(2);
    expect(board.getSnapshot().get('Table')?.trouble).toEqual({ retrying: 1, failed: 0 });
    board.report('Table', stats, 'paged', undefined, { retrying: 1, failed: 0 });
    expect(calls).toBe(2);
  });

  it('reportList reports a list snapshot with the trouble of its pages, kind and budget', () => {
    const board = createStatsBoard();
    const waiting = { status: 'loading', items: undefined, retrying: { status: 'loading', attempt: 2 } };
    const pages = new Map<number, TroublePage>([
      [0, { status: 'loaded', items: [1] }],
      [7, waiting],
    ]);
    reportList(board, 'Users', { stats, pages }, 'paged', 2_000_000);
    expect(board.getSnapshot().get('Users')).toEqual({
      stats,
      kind: 'paged',
      budgetBytes: 2_000_000,
      trouble: { retrying: 1, failed: 0 },
    });
    reportList(board, 'Users', { stats, pages: new Map([[0, { status: 'loaded', items: [1] }]]) });
    expect(board.getSnapshot().get('Users')?.trouble).toBe(NO_TROUBLE);
    expect(board.getSnapshot().get('Users')?.budgetBytes).toBe(DEFAULT_LIST_BUDGET);
  });
});
