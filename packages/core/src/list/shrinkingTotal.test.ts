import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { offsetSource } from '../sources/offsetSource.ts';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import { deferred, settle, useImmediateQueryNotifications } from '../testing/modelHarness.ts';
import { shownRows } from '../testing/shownRows.ts';
import { createLazyList } from './createLazyList.ts';
import { watchMoves } from './datasetWatch.ts';
import type { LazyList } from './LazyList.ts';
import { send } from './sendItem.ts';
import { listWrites } from './writeCommands.ts';

// The server deletes rows and a page answers with the smaller `total`, without a refresh(): the
// count reached by append (OffsetLayout's floor) must not stay, or the pending item `send` puts
// back (decision 0040) sits after blank rows, or on no page at all.

interface Row {
  readonly id: string;
  readonly clientId?: string;
  readonly v: number;
  readonly status?: 'pending' | 'failed';
}

const rows = (...ids: string[]): Row[] => ids.map((id) => ({ id, v: 0 }));

const lists: LazyList<Row>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

let made = 0;

/** Seven messages in pages of 3, all loaded, and `c1` sent (pending) after them. */
async function chatWithPendingSend(moves: boolean) {
  useImmediateQueryNotifications();
  const server = { rows: rows('m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6'), version: 0 };
  const answers = new HeldAnswers();
  const queryClient = new QueryClient();
  const key = ['shrinking-total', ++made];
  const list = createLazyList<Row>({
    key,
    queryClient,
    source: offsetSource({ pageSize: 3, fetchPage: answers.versionedPages(server) }),
    getItemKey: (row) => row.clientId ?? row.id,
    prefetch: 1,
    retry: { attempts: 1 },
    statsIntervalMs: 0,
    memoryMonitor: null,
    writes: listWrites,
    ...(moves && { moves: watchMoves }),
  });
  lists.push(list);
  // Every notification: no key on two loaded rows, none shown twice.
  const violations: string[] = [];
  list.subscribe(() => {
    const keys = new Set<string | number>();
    for (const page of list.getSnapshot().pages.values())
      for (const row of page.items ?? []) {
        const id = row.clientId ?? row.id;
        if (keys.has(id)) violations.push(`key ${id} twice: ${shown().join(' ')}`);
        keys.add(id);
      }
  });
  const shown = () => shownRows(list.getSnapshot());
  list.setWindow({ start: 0, end: 9 });
  await settle();
  await answers.answerAll(20);
  const request = deferred<Row>();
  send(list, { item: { id: 'c1', clientId: 'c1', v: 0 }, clientId: 'c1', request: () => request.promise });
  expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'c1:pending']);
  /** The server deletes rows; the app invalidates `page` (every page without one). */
  const shrink = async (ids: string[], page?: number) => {
    server.rows = rows(...ids);
    server.version += 1;
    await queryClient.invalidateQueries({ queryKey: page === undefined ? key : [...key, 'page', page] });
    await settle();
    await answers.answerAll(20);
  };
  return { list, shown, shrink, violations };
}

describe('a page answers with a smaller total, without refresh()', () => {
  it('with watchMoves: the refetched pages land, the pending send right after the server’s last row', async () => {
    const { list, shown, shrink, violations } = await chatWithPendingSend(true);
    await shrink(['m0', 'm3', 'm4', 'm5', 'm6'], 1); // m1 and m2 deleted; page 1 asked again
    expect(shown()).toEqual(['m0', 'm3', 'm4', 'm5', 'm6', 'c1:pending']);
    expect(list.getSnapshot().count).toBe(6);
    expect(violations).toEqual([]);
  });

  it('without the watch: one page asked again, then all, never leave blank rows before the pending send', async () => {
    const { list, shown, shrink, violations } = await chatWithPendingSend(false);
    await shrink(['m0', 'm3', 'm4', 'm5', 'm6'], 1);
    // Page 1 is the server's now, page 0 from before (no watch: decision 0012 needs it).
    expect(shown()).toEqual(['m0', 'm1', 'm2', 'm5', 'm6', 'c1:pending']);
    await shrink(['m0', 'm3', 'm4', 'm5', 'm6']);
    expect(shown()).toEqual(['m0', 'm3', 'm4', 'm5', 'm6', 'c1:pending']);
    expect(list.getSnapshot().count).toBe(6);
    expect(violations).toEqual([]);
  });

  it('the same total: the page that held the pending send answers without it, which goes back right after the server’s rows', async () => {
    const { list, shown, shrink, violations } = await chatWithPendingSend(false);
    await shrink(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6'], 2); // nothing deleted; page 2 asked again
    expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'c1:pending']);
    expect(list.getSnapshot().count).toBe(8);
    expect(violations).toEqual([]);
  });

  it('a server that only shrinks by a short last page (no total) ends the list there too', async () => {
    useImmediateQueryNotifications();
    let size = 10;
    const queryClient = new QueryClient();
    const list = createLazyList<number>({
      key: ['shrinking-short-page'],
      queryClient,
      source: offsetSource({
        pageSize: 4,
        fetchPage: async ({ offset, limit }) => ({
          items: Array.from({ length: Math.max(0, Math.min(limit, size - offset)) }, (_, i) => offset + i),
        }),
      }),
      prefetch: 0,
      memoryMonitor: null,
    });
    lists.push(list as unknown as LazyList<Row>);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 12 });
    await settle();
    expect(list.getSnapshot().count).toBe(10);
    list.append([10, 11]);
    expect(list.getSnapshot().count).toBe(12);
    size = 6;
    await queryClient.invalidateQueries({ queryKey: ['shrinking-short-page', 'page', 1] });
    await settle();
    expect(list.getSnapshot().count).toBe(6);
    expect(list.getSnapshot().getRange(0, 6).items).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('remove on a list grown by append (initialCount: 0, no total from the server)', () => {
  it('shrinks the count, and its rollback grows it back by one, never leaving a blank row', async () => {
    useImmediateQueryNotifications();
    const list = createLazyList<Row>({
      key: ['shrinking-remove-appended'],
      source: offsetSource({ pageSize: 3, initialCount: 0, fetchPage: async () => ({ items: [] }) }),
      getItemKey: (row) => row.id,
      writes: listWrites,
      memoryMonitor: null,
      statsIntervalMs: 0,
    });
    lists.push(list);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 10 });
    list.append(rows('a', 'b', 'c', 'd', 'e'));
    await settle();
    const ids = () =>
      list
        .getSnapshot()
        .getRange(0, list.getSnapshot().count)
        .items?.map((row) => row.id);
    const removed = list.remove('b');
    expect(removed.ok).toBe(true);
    await settle();
    expect(list.getSnapshot().count).toBe(4);
    expect(ids()).toEqual(['a', 'c', 'd', 'e']);
    if (removed.ok) removed.rollback();
    await settle();
    expect(list.getSnapshot().count).toBe(5);
    expect(ids()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
