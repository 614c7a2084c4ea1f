// Keyboard navigation in a chat (a cursor list opened at its newest page) once older history is
// prepended above: PageUp/PageDown step by the sizes of the rows around the focused one.

import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { keyboardNavigation } from '../keyboard/index.ts';
import { createLazyList } from '../list/createLazyList.ts';
import { cursorSource } from '../paging/cursorPaging.ts';
import { frames } from '../testing/mountVirtualList.ts';
import { cleanups, mount, runCleanups } from '../testing/virtualFixtures.ts';

afterEach(runCleanups);

interface Message {
  readonly id: number;
}

/**
 * 100 messages, 20 a page, opened at the newest: messages 0–79 (older history) are 140 px tall,
 * 80–99 (the newest page) 30 px. Every page is fetched at once, so all history gets prepended.
 */
async function tallHistoryChat() {
  const list = createLazyList<Message>({
    key: ['chat-keyboard', Math.random()],
    queryClient: new QueryClient(),
    prefetch: 5,
    source: cursorSource<Message>({
      pageSize: 20,
      initialDirection: 'backward',
      fetchPage: async ({ cursor, direction }) => {
        // The cursor is the id of the first message of the page to load; none: the newest page.
        const from = cursor === null ? 80 : direction === 'backward' ? Number(cursor) - 20 : Number(cursor);
        return {
          items: Array.from({ length: 20 }, (_, k) => ({ id: from + k })),
          nextCursor: from + 20 >= 100 ? null : from + 20,
          prevCursor: from === 0 ? null : from,
        };
      },
    }),
  });
  cleanups.push(() => list.destroy());
  const mounted = mount({
    list,
    anchor: 'end',
    estimateSize: () => 30,
    keyboard: keyboardNavigation,
    text: (message) => String(message.id),
    rowSize: (row) => (row.state.status === 'loaded' && row.state.item.id >= 80 ? 30 : 140),
  });
  mounted.viewport.addEventListener('keydown', (event) => mounted.view.onKeyDown(event));
  await vi.waitFor(() => expect(mounted.view.getSnapshot().list.prependedCount).toBe(80), { timeout: 5_000 });
  return mounted;
}

const press = async (key: string) => {
  document.activeElement?.dispatchEvent(
    new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
  );
  await frames(2);
  return Number((document.activeElement as HTMLElement | null)?.dataset.index);
};

describe('keyboard navigation in a chat with prepended history', () => {
  it('PageDown from a tall history row steps a viewport of those rows, not of the rows at its index without the prepended ones', async () => {
    const mounted = await tallHistoryChat();
    mounted.view.focusIndex(10);
    await vi.waitFor(() => expect((document.activeElement as HTMLElement | null)?.dataset.index).toBe('10'));
    await frames(2);
    // 600 px hold four whole 140 px rows: PageDown moves three. Before, the step was read at row key 10
    // (message 90, 30 px rows): eight rows, past messages never shown.
    expect(await press('PageDown')).toBe(13);
    expect(await press('PageUp')).toBe(10);
  });
});
