import { afterEach, describe, expect, it } from 'vitest';
import { offsetSource } from '../sources/offsetSource.ts';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import { settle, useImmediateQueryNotifications } from '../testing/modelHarness.ts';
import { createLazyList } from './createLazyList.ts';
import { watchMoves } from './datasetWatch.ts';
import type { LazyList } from './LazyList.ts';
import { listWrites } from './writeCommands.ts';

interface Row {
  readonly id: string;
}

const lists: LazyList<Row>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

const rows = (...ids: string[]): Row[] => ids.map((id) => ({ id }));

/** The ids a list shows ('-' for a row not loaded). */
const shown = (list: LazyList<Row>): string[] => {
  const snapshot = list.getSnapshot();
  return Array.from({ length: snapshot.count }, (_, index) => {
    const entry = snapshot.getItem(index);
    return entry.status === 'loaded' ? entry.item.id : '-';
  });
};

describe('insert at the end after refresh()', () => {
  // The mixed model's seed 5: 24 server rows in pages of 3, five local inserts at the top,
  // refresh() (the count 29 is the one from before), four inserts at the top (page 0 holds local
  // items only: it asked the server nothing), then an insert at the end, 33. It was applied at
  // once as the fresh page 33 (one row past the end of the server's 24 + 4), then shown there
  // until the refetch landed.
  it('waits for a page of the server to give the count when only pages of local items are fresh', async () => {
    useImmediateQueryNotifications();
    const answers = new HeldAnswers();
    const server = { rows: Array.from({ length: 24 }, (_, n) => ({ id: `s${n}` })), version: 0 };
    const list = createLazyList<Row>({
      key: ['end-insert-after-refresh'],
      source: offsetSource({ pageSize: 3, fetchPage: answers.versionedPages(server) }),
      getItemKey: (row) => row.id,
      prefetch: 1,
      maxConcurrent: 1,
      memoryMonitor: null,
      statsIntervalMs: 0,
      writes: listWrites,
      moves: watchMoves,
    });
    lists.push(list);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 8 });
    await settle();
    await answers.answerAll();
    list.insert(0, rows('n1'));
    list.insert(0, rows('n2', 'n3', 'n4', 'n5'));
    list.refresh();
    list.insert(0, rows('n6', 'n7', 'n8', 'n9'));
    await settle();
    expect(list.getSnapshot().count).toBe(33);
    const result = list.insert(33, rows('n10'));
    await settle();
    expect(result.ok && result.settled).toBeInstanceOf(Promise);
    // Shown at once where it was put (decision 0048), on no page.
    const pages = [...list.getSnapshot().pages.values()];
    expect(pages.some((page) => page.items?.some((item) => item.id === 'n10'))).toBe(false);
    expect(shown(list)[33]).toBe('n10');
    await answers.answerAll();
    list.setWindow({ start: 24, end: 29 });
    await answers.answerAll();
    expect(await (result.ok ? result.settled : undefined)).toMatchObject({ ok: true });
    expect(list.getSnapshot().count).toBe(29);
    expect(shown(list).slice(24)).toEqual(['s20', 's21', 's22', 's23', 'n10']);
  });
});
