import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { offsetSource } from '../sources/offsetSource.ts';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import { settle, useImmediateQueryNotifications } from '../testing/modelHarness.ts';
import { shownRows } from '../testing/shownRows.ts';
import { type KeyedRow, keyedRows, keyedWritesOptions } from '../testing/staleKeyedList.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';
import { listWrites } from './writeCommands.ts';

// Writes waiting for a refetch (decisions 0040, 0041) belong to the list key on its QueryClient
// (decision 0045, issue #18 item 2: "each applies at once to every list and snapshot sharing the
// key"): every list on the key shows them at once, a rollback undoes them on all, the refetch
// replays them once; destroy() of the key's last list ends them with a 'destroyed' error value.

type Row = KeyedRow;

const lists: LazyList<Row>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

let made = 0;
const rows = keyedRows;

/** `views` lists on one QueryClient and key over `ids` by pages of 3; checks every notification. */
function setup(ids: string[], views: number) {
  useImmediateQueryNotifications();
  const server = { rows: rows(...ids), version: 0 };
  const answers = new HeldAnswers();
  const queryClient = new QueryClient();
  queryClient.mount();
  const key = ['shared-waiting-writes', ++made];
  const violations: string[] = [];
  const made_ = Array.from({ length: views }, (_, n) => {
    const list = createLazyList<Row>({
      key,
      queryClient,
      ...keyedWritesOptions(answers, server),
    });
    lists.push(list);
    const shown = () => shownRows(list.getSnapshot());
    // Every notification of every list: no key on two loaded rows.
    const stop = list.subscribe(() => {
      const seen = new Set<string>();
      for (const page of list.getSnapshot().pages.values())
        for (const row of page.items ?? []) {
          if (seen.has(row.id)) violations.push(`list ${n}: key ${row.id} twice: ${shown().join(' ')}`);
          seen.add(row.id);
        }
    });
    return { list, shown, stop };
  });
  /** Loads rows 0..end on every list, then the server's rows become `next` and every list refreshes. */
  const loadThenRefresh = async (end: number, next: string[]) => {
    for (const { list } of made_) list.setWindow({ start: 0, end });
    await settle();
    await answers.answerAll(20);
    server.rows = rows(...next);
    server.version += 1;
    for (const { list } of made_) list.refresh();
    await settle();
  };
  return { views: made_, answers, violations, loadThenRefresh, queryClient, key, server };
}

describe('a write waiting on one list is shown by every list on the key', () => {
  it('update and remove: shown on both at once, replayed once when the refetch lands', async () => {
    const { views, answers, violations, loadThenRefresh } = setup(['s0', 's1', 's2', 's3', 's4'], 2);
    const [a, b] = views as [(typeof views)[0], (typeof views)[0]];
    await loadThenRefresh(5, ['x0', 's0', 's1', 's2', 's3', 's4']); // the server inserted x0
    const update = a.list.update('s3', (row) => ({ ...row, v: row.v + 1 }));
    const remove = a.list.remove('s1');
    expect(update.ok && remove.ok).toBe(true);
    const waiting = ['s0~', 's2~', '-', 's3.1~', 's4~'];
    expect(a.shown()).toEqual(waiting);
    expect(b.shown()).toEqual(waiting);
    await answers.answerAll(20);
    // Replayed once (v is 1, not 2; s1 removed, not x0 or s0 too), seen by both.
    const landed = ['x0', 's0', 's2', 's3.1', 's4'];
    expect(a.shown()).toEqual(landed);
    expect(b.shown()).toEqual(landed);
    expect(await update.settled).toMatchObject({ ok: true });
    expect(await remove.settled).toMatchObject({ ok: true });
    remove.rollback(); // the replayed remove is undone on both
    expect(a.shown()).toEqual(['x0', 's0', 's1', 's2', 's3.1', 's4']);
    expect(b.shown()).toEqual(['x0', 's0', 's1', 's2', 's3.1', 's4']);
    expect(violations).toEqual([]);
  });

  it('a write made on the second list is shown by the first; rolled back there, undone on both', async () => {
    const { views, answers, violations, loadThenRefresh } = setup(['s0', 's1', 's2', 's3', 's4'], 2);
    const [a, b] = views as [(typeof views)[0], (typeof views)[0]];
    await loadThenRefresh(5, ['x0', 's0', 's1', 's2', 's3', 's4']);
    const remove = b.list.remove('s3');
    const update = b.list.update('s0', (row) => ({ ...row, v: 7 }));
    expect(a.shown()).toEqual(['s0.7~', 's1~', 's2~', 's4~', '-']);
    remove.rollback();
    update.rollback();
    expect(a.shown()).toEqual(['s0~', 's1~', 's2~', 's3~', 's4~']);
    expect(b.shown()).toEqual(['s0~', 's1~', 's2~', 's3~', 's4~']);
    expect(await remove.settled).toMatchObject({ ok: true });
    await answers.answerAll(20);
    expect(a.shown()).toEqual(['x0', 's0', 's1', 's2', 's3', 's4']);
    expect(b.shown()).toEqual(['x0', 's0', 's1', 's2', 's3', 's4']);
    expect(violations).toEqual([]);
  });

  it('insert after a stale row: placed once, on both, by its neighbour; rollback undoes it on both', async () => {
    const { views, answers, violations, loadThenRefresh } = setup(['s0', 's1', 's2', 's3', 's4'], 2);
    const [a, b] = views as [(typeof views)[0], (typeof views)[0]];
    await loadThenRefresh(5, ['x0', 's0', 's1', 's2', 's3', 's4']);
    const insert = a.list.insert(2, rows('n1')); // after s1 as shown
    expect(insert.ok).toBe(true);
    expect(b.list.update('s1', (row) => ({ ...row, v: 2 })).ok).toBe(true); // waits too
    await answers.answerAll(20);
    const landed = ['x0', 's0', 's1.2', 'n1', 's2', 's3', 's4'];
    expect(a.shown()).toEqual(landed);
    expect(b.shown()).toEqual(landed);
    expect(a.list.getSnapshot().count).toBe(7);
    expect(b.list.getSnapshot().count).toBe(7);
    expect(await insert.settled).toMatchObject({ ok: true });
    insert.rollback();
    expect(a.shown()).toEqual(['x0', 's0', 's1.2', 's2', 's3', 's4']);
    expect(b.shown()).toEqual(['x0', 's0', 's1.2', 's2', 's3', 's4']);
    expect(violations).toEqual([]);
  });

  it('insert after a stale row: shown on both at once (decision 0048), rolled back on both before the refetch', async () => {
    const { views, answers, violations, loadThenRefresh } = setup(['s0', 's1', 's2', 's3', 's4'], 2);
    const [a, b] = views as [(typeof views)[0], (typeof views)[0]];
    await loadThenRefresh(5, ['x0', 's0', 's1', 's2', 's3', 's4']);
    const kept = b.list.insert(2, rows('n1')); // after s1 as shown
    const undone = a.list.insert(4, rows('n2')); // after s2 as shown on A (n1 above)
    const shown = ['s0~', 's1~', 'n1', 's2~', 'n2', 's3~', 's4~'];
    expect(a.shown()).toEqual(shown);
    expect(b.shown()).toEqual(shown);
    undone.rollback();
    expect(a.shown()).toEqual(['s0~', 's1~', 'n1', 's2~', 's3~', 's4~']);
    expect(b.shown()).toEqual(['s0~', 's1~', 'n1', 's2~', 's3~', 's4~']);
    await answers.answerAll(20);
    const landed = ['x0', 's0', 's1', 'n1', 's2', 's3', 's4'];
    expect(a.shown()).toEqual(landed);
    expect(b.shown()).toEqual(landed);
    expect(await kept.settled).toMatchObject({ ok: true });
    expect(await undone.settled).toMatchObject({ ok: true });
    expect(violations).toEqual([]);
  });

  it('parked for its page, moved by a write on the other list, ended on both when one refreshes (decision 0052)', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `s${i}`);
    const { views, answers, violations, loadThenRefresh } = setup(ids, 2);
    const [a, b] = views as [(typeof views)[0], (typeof views)[0]];
    await loadThenRefresh(12, ['x0', ...ids]);
    const insert = a.list.insert(8, rows('n1')); // after s7 (page 2, stale on both)
    for (const { list } of views) list.setWindow({ start: 0, end: 2 }); // page 2 leaves both
    await answers.answerAll(20);
    expect(b.list.getSnapshot().keyOf(8)).toBe('n1');
    expect(b.list.insert(0, rows('n2')).settled).toBeUndefined(); // fresh, on the other list
    expect(a.list.getSnapshot().keyOf(9)).toBe('n1');
    expect(b.list.getSnapshot().keyOf(9)).toBe('n1');
    b.list.refresh(); // the key's local writes are forgotten: the parked insert ends
    await settle();
    const ended = await insert.settled;
    expect(ended?.ok ? undefined : ended?.error).toMatchObject({ reason: 'not-loaded', index: 9 });
    for (const { list } of views) expect(shownRows(list.getSnapshot())).not.toContain('n1');
    expect(violations).toEqual([]);
  });

  it("insert whose item the refetch holds (the server's copy): confirmed once, one row on both (decision 0053)", async () => {
    const { views, answers, violations, loadThenRefresh, server } = setup(['s0', 's1', 's2', 's3', 's4'], 2);
    const [a, b] = views as [(typeof views)[0], (typeof views)[0]];
    await loadThenRefresh(5, ['s0', 's1', 's2', 's3', 's4']);
    const ids = ['s0', 's1', 'n1', 's2', 's3', 's4']; // the server stored n1 (v 5) after s1
    server.rows = rows(...ids).map((row) => (row.id === 'n1' ? { ...row, v: 5 } : row));
    const insert = b.list.insert(2, rows('n1')); // after s1 as shown, waiting
    expect(a.shown()).toEqual(['s0~', 's1~', 'n1', 's2~', 's3~', 's4~']);
    await answers.answerAll(20);
    const landed = ['s0', 's1', 'n1.5', 's2', 's3', 's4'];
    expect(a.shown()).toEqual(landed);
    expect(b.shown()).toEqual(landed);
    expect(await insert.settled).toMatchObject({ ok: true });
    insert.rollback(); // nothing of the insert was written: the server's row stays on both
    expect(a.shown()).toEqual(landed);
    expect(b.shown()).toEqual(landed);
    expect(violations).toEqual([]);
  });

  it('a list on the key without subscribers (its stale pages are not fetched) does not hold the replay', async () => {
    const { views, answers, violations, loadThenRefresh } = setup(['s0', 's1', 's2', 's3', 's4'], 2);
    const [a, b] = views as [(typeof views)[0], (typeof views)[0]];
    await loadThenRefresh(5, ['x0', 's0', 's1', 's2', 's3', 's4']);
    b.stop(); // B's last unsubscribe leaves the refetch the two share to A
    const update = a.list.update('s3', (row) => ({ ...row, v: 1 }));
    await answers.answerAll(20);
    expect(a.shown()).toEqual(['x0', 's0', 's1', 's2', 's3.1', 's4']);
    expect(await update.settled).toMatchObject({ ok: true });
    expect(violations).toEqual([]);
  });

  it('only ends as unknown-key when no list on the key holds it and none is stale', async () => {
    const { views, answers, violations, loadThenRefresh } = setup(['s0', 's1', 's2', 's3'], 2);
    const [a, b] = views as [(typeof views)[0], (typeof views)[0]];
    await loadThenRefresh(4, ['s0', 's2', 's3']); // s1 deleted
    const update = a.list.update('s1', (row) => ({ ...row, v: 1 }));
    await answers.answerAll(20);
    expect(a.shown()).toEqual(['s0', 's2', 's3']);
    expect(b.shown()).toEqual(['s0', 's2', 's3']);
    const ended = await update.settled;
    expect(ended?.ok ? undefined : ended?.error).toMatchObject({ reason: 'unknown-key', key: 's1' });
    expect(violations).toEqual([]);
  });
});

describe('destroy() while writes wait', () => {
  it("the key's last list: update, remove and insert end with 'destroyed' naming the key; rollback does nothing", async () => {
    const { views, answers, loadThenRefresh } = setup(['s0', 's1', 's2', 's3', 's4'], 1);
    const [a] = views as [(typeof views)[0]];
    await loadThenRefresh(5, ['x0', 's0', 's1', 's2', 's3', 's4']);
    const update = a.list.update('s0', (row) => ({ ...row, v: 1 }));
    const remove = a.list.remove('s3');
    const insert = a.list.insert(2, rows('n1'));
    expect(update.ok && remove.ok && insert.ok).toBe(true);
    a.list.destroy();
    const [u, r, i] = await Promise.all([update.settled, remove.settled, insert.settled]);
    expect(u?.ok ? undefined : u?.error).toMatchObject({ reason: 'destroyed', key: 's0' });
    expect(u?.ok ? '' : u?.error.message).toMatch(/^update\("s0"\): the list was destroyed/);
    expect(r?.ok ? undefined : r?.error).toMatchObject({ reason: 'destroyed', key: 's3' });
    expect(i?.ok ? undefined : i?.error).toMatchObject({ reason: 'destroyed', index: 2 });
    const before = a.list.getSnapshot();
    update.rollback();
    remove.rollback();
    insert.rollback();
    expect(a.list.getSnapshot()).toBe(before);
    await answers.answerAll(20); // answers for a destroyed list change nothing
    expect(a.list.getSnapshot()).toBe(before);
  });

  it('a list on the key never subscribed (a discarded render) does not keep the writes waiting', async () => {
    const { views, queryClient, key, server, loadThenRefresh } = setup(['s0', 's1', 's2'], 1);
    const [a] = views as [(typeof views)[0]];
    await loadThenRefresh(3, ['x0', 's0', 's1', 's2']);
    const unused = createLazyList<Row>({
      key,
      queryClient,
      source: offsetSource({ pageSize: 3, fetchPage: new HeldAnswers().versionedPages(server) }),
      getItemKey: (row) => row.id,
      writes: listWrites,
    });
    const update = a.list.update('s1', (row) => ({ ...row, v: 1 }));
    expect(update.ok).toBe(true);
    a.list.destroy();
    const ended = await update.settled;
    expect(ended?.ok ? undefined : ended?.error).toMatchObject({ reason: 'destroyed', key: 's1' });
    unused.destroy();
  });

  it('one of two lists: the other still shows the write, replays it once and can roll it back', async () => {
    const { views, answers, violations, loadThenRefresh } = setup(['s0', 's1', 's2', 's3', 's4'], 2);
    const [a, b] = views as [(typeof views)[0], (typeof views)[0]];
    await loadThenRefresh(5, ['x0', 's0', 's1', 's2', 's3', 's4']);
    const remove = a.list.remove('s1');
    const update = a.list.update('s4', (row) => ({ ...row, v: 3 }));
    a.list.destroy();
    expect(b.shown()).toEqual(['s0~', 's2~', '-', 's3~', 's4.3~']);
    // A's destroy leaves the refetch the two lists share to B (sharedKeyCancel.test.ts).
    await answers.answerAll(20);
    expect(b.shown()).toEqual(['x0', 's0', 's2', 's3', 's4.3']);
    expect(await remove.settled).toMatchObject({ ok: true });
    expect(await update.settled).toMatchObject({ ok: true });
    update.rollback();
    expect(b.shown()).toEqual(['x0', 's0', 's2', 's3', 's4']);
    b.list.destroy();
    expect(violations).toEqual([]);
  });

  it('one of two lists, rolled back before the refetch: the other stops showing it', async () => {
    const { views, answers, violations, loadThenRefresh } = setup(['s0', 's1', 's2'], 2);
    const [a, b] = views as [(typeof views)[0], (typeof views)[0]];
    await loadThenRefresh(3, ['x0', 's0', 's1', 's2']);
    const remove = a.list.remove('s0');
    a.list.destroy();
    remove.rollback(); // still waiting in the key's queue: taken out
    expect(b.shown()).toEqual(['s0~', 's1~', 's2~']);
    expect(await remove.settled).toMatchObject({ ok: true });
    await answers.answerAll(20); // the refetch A shared with B, left to B by A's destroy
    b.list.setWindow({ start: 0, end: 4 }); // s2 is at 3 now
    await settle();
    await answers.answerAll(20);
    expect(b.shown()).toEqual(['x0', 's0', 's1', 's2']);
    expect(violations).toEqual([]);
  });
});

describe('lists on other QueryClients or keys', () => {
  it('do not see the waiting writes', async () => {
    const one = setup(['s0', 's1', 's2'], 1);
    const two = setup(['s0', 's1', 's2'], 1);
    await one.loadThenRefresh(3, ['x0', 's0', 's1', 's2']);
    await two.loadThenRefresh(3, ['x0', 's0', 's1', 's2']);
    const [a] = one.views as [(typeof one.views)[0]];
    const [b] = two.views as [(typeof two.views)[0]];
    expect(a.list.remove('s1').ok).toBe(true);
    expect(a.shown()).toEqual(['s0~', 's2~', '-']);
    expect(b.shown()).toEqual(['s0~', 's1~', 's2~']);
  });
});
