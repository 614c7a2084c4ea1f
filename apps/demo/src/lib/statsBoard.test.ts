import type { LazyListStats } from '@lazyflow/core';
import { describe, expect, it } from 'vitest';
import { createStatsBoard, DEFAULT_LIST_BUDGET } from './statsBoard.ts';

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
    expect(reported.get('Table')).toEqual({ stats, kind: 'paged', budgetBytes: DEFAULT_LIST_BUDGET });
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
});
