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

type Chat = ReturnType<typeof chat>;

function chat(key: string, f: ReturnType<typeof feed>, maxPages?: number) {
  return track(
    createLazyList<{ id: number }>({
      key: [key],
      queryClient: new QueryClient(),
      prefetch: 1,
      ...(maxPages !== undefined && { memory: { maxPages } }),
      source: cursorSource({ pageSize: 20, initialDirection: 'backward', fetchPage: f.fetchPage }),
    }),
  );
}

/** Loads pages newest first, the window held at the top until the oldest message is in. */
async function walkToTheTop(list: Chat) {
  for (let i = 0; i < 30 && !list.getSnapshot().reachedStart; i++) {
    list.setWindow({ start: 0, end: 10, direction: 'backward' });
    await settle();
  }
  list.setWindow({ start: 0, end: 10, direction: 'backward' });
  await settle();
}

/**
 * Scrolls from the top to the end, 10 rows at a time, and gives the ids read in each window once
 * loaded (the snapshot's rows outside the window are not republished: only the window is read).
 */
async function readDown(list: Chat): Promise<number[]> {
  const read: number[] = [];
  for (let start = 0; start < list.getSnapshot().count; start += 10) {
    list.setWindow({ start, end: start + 10, direction: 'forward' });
    await settle();
    const s = list.getSnapshot();
    for (let i = start; i < Math.min(start + 10, s.count); i++) {
      const state = s.getItem(i);
      read.push(state.status === 'loaded' ? state.item.id : -1);
    }
  }
  return read;
}

const upTo = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('a chat that grew', () => {
  it('refresh() at the newest after five new messages: every message once, in order (before: 80–84 missing)', async () => {
    const f = feed(100);
    const list = chat('chat-refresh', f);
    await walkToTheTop(list);
    expect(await readDown(list)).toEqual(upTo(100));
    f.server.total = 105;
    list.refresh();
    await settle();
    await walkToTheTop(list);
    expect(await readDown(list)).toEqual(upTo(105));
    expect(list.getSnapshot().status).toBe('ready');
  });

  it('keeping 4 pages, scrolled down again from the oldest after five new messages: every message once, the history kept', async () => {
    const f = feed(400);
    const list = chat('chat-evict', f, 4);
    await walkToTheTop(list);
    expect(list.getSnapshot().prependedCount).toBe(380);
    f.server.total = 405; // the newest page, evicted, is read again on the way down
    // Before: 380–384 missing; with the pages walked from the newest page's old cursor dropped,
    // the list fell back to 60 rows under the reader (prependedCount 380 -> 40).
    expect(await readDown(list)).toEqual(upTo(405));
    expect(list.getSnapshot().prependedCount).toBe(380);
  });
});
