// Adversarial: refresh() and errors of a two-way cursor list (a chat opened at its newest page).
import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { cursorSource } from '../paging/cursorPaging.ts';
import type { CursorFetchParams } from '../sources/cursorSource.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';

async function settle(rounds = 30): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
const track = subscribedLists();

/** A growing feed: cursor = boundary position, as the mock server's /api/feed. */
function feed(initial: number) {
  const server = { total: initial, calls: [] as CursorFetchParams[] };
  const fetchPage = async (params: CursorFetchParams) => {
    server.calls.push(params);
    const total = server.total;
    const position =
      params.cursor === null ? (params.direction === 'forward' ? 0 : total) : Number(params.cursor);
    const start = params.direction === 'forward' ? position : Math.max(0, position - params.limit);
    const end = params.direction === 'forward' ? Math.min(total, position + params.limit) : position;
    return {
      items: Array.from({ length: end - start }, (_, i) => ({ id: start + i })),
      nextCursor: end < total ? String(end) : null,
      prevCursor: start > 0 ? String(start) : null,
    };
  };
  return { server, fetchPage };
}

const ids = (list: {
  getSnapshot(): { count: number; getItem(i: number): { status: string; item?: unknown } };
}) => {
  const s = list.getSnapshot();
  return Array.from({ length: s.count }, (_, i) => {
    const state = s.getItem(i);
    return state.status === 'loaded' ? (state.item as { id: number }).id : state.status;
  });
};

/** Loads every page, newest first, the window walking up to the oldest message. */
async function walkToTheTop(list: {
  setWindow(w: { start: number; end: number; direction: 'backward' }): void;
}) {
  for (let i = 0; i < 8; i++) {
    list.setWindow({ start: 0, end: 10, direction: 'backward' });
    await settle();
  }
}

describe('refresh() of a chat', () => {
  it('five new messages, refreshed at the newest: every message once, in order (before: 80–84 missing)', async () => {
    const f = feed(100);
    const list = track(
      createLazyList({
        key: ['chat-refresh'],
        queryClient: new QueryClient(),
        prefetch: 1,
        source: cursorSource({ pageSize: 20, initialDirection: 'backward', fetchPage: f.fetchPage }),
      }),
    );
    await walkToTheTop(list);
    expect(ids(list)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    const { count } = list.getSnapshot();
    list.setWindow({ start: count - 10, end: count });
    await settle();
    f.server.total = 105;
    list.refresh();
    await settle();
    // The newest page moved with the feed (85–104); the history walked from its old cursor (60–79
    // from '80') was dropped and is walked again from its new one.
    const shown = ids(list).filter((id) => typeof id === 'number');
    expect(shown.at(-1)).toBe(104);
    expect(shown).toEqual(Array.from({ length: shown.length }, (_, i) => 105 - shown.length + i));
    await walkToTheTop(list);
    expect(ids(list)).toEqual(Array.from({ length: 105 }, (_, i) => i));
    expect(list.getSnapshot().status).toBe('ready');
  });
});
