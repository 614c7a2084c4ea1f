import type { LazyListStats } from '@lazyflow/core';
import { describe, expect, it } from 'vitest';
import { createStatsBoard } from './statsBoard.ts';

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
    expect(reported.get('Table')).toBe(stats);
    board.report('Table', stats);
    expect(board.getSnapshot()).toBe(reported);
    board.remove('Table');
    board.remove('Table');
    expect(board.getSnapshot().size).toBe(0);
    expect(calls).toBe(2);
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
