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

// Writes made or settled while rows are stale (a refetch on its way) are kept and re-applied
// by key once the refetched pages land (decision 0040, issue #18 items 2-4).

interface Row {
  readonly id: string;
  readonly clientId?: string;
  readonly v: number;
  readonly status?: 'pending' | 'failed';
}

const lists: LazyList<Row>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

let made = 0;

function setup(ids: string[], pageSize = 3) {
  useImmediateQueryNotifications();
  const server = { rows: ids.map((id): Row => ({ id, v: 0 })), version: 0 };
  const answers = new HeldAnswers();
  const list = createLazyList<Row>({
    key: ['stale-writes', ++made],
    source: offsetSource({
      pageSize,
      fetchPage: answers.versionedPages(server),
    }),
    getItemKey: (row) => row.clientId ?? row.id,
    prefetch: 1,
    retry: { attempts: 1 },
    statsIntervalMs: 0,
    memoryMonitor: null,
    writes: listWrites,
    moves: watchMoves,
  });
  lists.push(list);
  // Every notification: no key on two loaded rows, and the bytes are the pages' bytes.
  const violations: string[] = [];
  list.subscribe(() => {
    const snapshot = list.getSnapshot();
    const keys = new Set<string | number>();
    let bytes = 0;
    for (const page of snapshot.pages.values()) {
      bytes += page.bytes;
      for (const row of page.items ?? []) {
        const key = row.clientId ?? row.id;
        if (keys.has(key)) violations.push(`key ${key} twice: ${shown().join(' ')}`);
        keys.add(key);
      }
    }
    if (bytes !== snapshot.stats.bytesInMemory)
      violations.push(`bytes ${bytes} != ${snapshot.stats.bytesInMemory}`);
  });
  const shown = () => shownRows(list.getSnapshot());
  const serverChange = (rows: Row[]) => {
    server.rows = rows;
    server.version += 1;
  };
  const load = async (end: number) => {
    list.setWindow({ start: 0, end });
    await settle();
    await answers.answerAll(20);
  };
  return { list, server, answers, shown, serverChange, load, violations };
}

const rows = (...ids: string[]): Row[] => ids.map((id) => ({ id, v: 0 }));

async function answersLoad(list: LazyList<Row>, answers: HeldAnswers) {
  list.setWindow({ start: 0, end: 5 });
  await settle();
  await answers.answerAll(20);
}

describe('update while rows are stale', () => {
  it('is shown at once on the stale row and applied by key where the item is after the refetch', async () => {
    const { list, answers, shown, serverChange, load, violations } = setup(['s0', 's1', 's2', 's3', 's4']);
    await load(5);
    serverChange(rows('x0', 's0', 's1', 's2', 's3', 's4')); // the server inserted x0 above s0
    list.refresh();
    await settle();
    const like = list.update('s0', (row) => ({ ...row, v: row.v + 1 }));
    expect(like.ok).toBe(true);
    expect(shown()).toEqual(['s0.1~', 's1~', 's2~', 's3~', 's4~']);
    await answers.answerAll(20);
    // s0 is at 1 now: the like went with it, x0 (the row now at s0's old index) is untouched.
    expect(shown()).toEqual(['x0', 's0.1', 's1', 's2', 's3', 's4']);
    expect(violations).toEqual([]);
  });

  it('rolls back after the refetch (the replayed write is undone) and before it (nothing replayed)', async () => {
    const { list, answers, shown, serverChange, load, violations } = setup(['s0', 's1', 's2', 's3', 's4']);
    await load(5);
    serverChange(rows('x0', 's0', 's1', 's2', 's3', 's4'));
    list.refresh();
    await settle();
    const after = list.update('s1', (row) => ({ ...row, v: 5 }));
    const before = list.update('s3', (row) => ({ ...row, v: 7 }));
    expect(shown()).toEqual(['s0~', 's1.5~', 's2~', 's3.7~', 's4~']);
    before.rollback(); // still waiting: the stale row shows the item as it was
    expect(shown()).toEqual(['s0~', 's1.5~', 's2~', 's3~', 's4~']);
    await answers.answerAll(20);
    expect(shown()).toEqual(['x0', 's0', 's1.5', 's2', 's3', 's4']);
    after.rollback();
    expect(shown()).toEqual(['x0', 's0', 's1', 's2', 's3', 's4']);
    expect(violations).toEqual([]);
  });

  it('two updates of one stale item apply in order; a later update after the refetch is an ordinary write', async () => {
    const { list, answers, shown, serverChange, load } = setup(['s0', 's1', 's2']);
    await load(3);
    serverChange(rows('s1', 's0', 's2')); // the server swapped s0 and s1
    list.refresh();
    await settle();
    list.update('s0', (row) => ({ ...row, v: row.v + 1 }));
    const second = list.update('s0', (row) => ({ ...row, v: row.v + 10 }));
    expect(shown()).toEqual(['s0.11~', 's1~', 's2~']);
    await answers.answerAll(20);
    expect(shown()).toEqual(['s1', 's0.11', 's2']);
    second.rollback();
    expect(shown()).toEqual(['s1', 's0.1', 's2']);
    expect(list.update('s2', (row) => ({ ...row, v: 3 })).ok).toBe(true);
    expect(shown()).toEqual(['s1', 's0.1', 's2.3']);
  });

  it('ends with an error value in settled when the refetched pages no longer hold its item (the server deleted it)', async () => {
    const { list, answers, shown, serverChange, load, violations } = setup(['s0', 's1', 's2', 's3']);
    await load(4);
    serverChange(rows('s0', 's2', 's3'));
    list.refresh();
    await settle();
    const gone = list.update('s1', (row) => ({ ...row, v: 1 }));
    expect(gone.ok).toBe(true);
    await answers.answerAll(20);
    expect(shown()).toEqual(['s0', 's2', 's3']);
    // Not lost silently (decision 0041): settled says it was not applied, naming the key.
    const ended = await gone.settled;
    expect(ended?.ok ? undefined : ended?.error).toMatchObject({ reason: 'unknown-key', key: 's1' });
    expect(ended?.ok ? '' : ended?.error.message).toContain('no longer holds the key');
    gone.rollback(); // nothing to undo
    expect(shown()).toEqual(['s0', 's2', 's3']);
    expect(list.getSnapshot().count).toBe(3);
    expect(violations).toEqual([]);
  });
});

describe('writes while stale, without getItemKey', () => {
  it('update, remove and insert are refused as stale: the key is the index from before, which may hold another item now', async () => {
    useImmediateQueryNotifications();
    const server = { rows: rows('s0', 's1', 's2') };
    const answers = new HeldAnswers();
    const list = createLazyList<Row>({
      key: ['stale-writes-by-index', ++made],
      source: offsetSource({
        pageSize: 3,
        fetchPage: ({ offset, limit, signal }) =>
          answers.hold(
            signal,
            () => ({ items: server.rows.slice(offset, offset + limit), total: server.rows.length }),
            `offset ${offset}`,
          ),
      }),
      statsIntervalMs: 0,
      memoryMonitor: null,
      writes: listWrites,
    });
    lists.push(list);
    list.subscribe(() => {});
    list.setWindow({ start: 0, end: 3 });
    await settle();
    await answers.answerAll(20);
    server.rows = rows('x0', 's0', 's1', 's2');
    list.refresh();
    await settle();
    const update = list.update(0, (row) => ({ ...row, v: 1 }));
    expect(update.ok ? undefined : update.error).toMatchObject({ reason: 'stale', key: 0 });
    const remove = list.remove(1);
    expect(remove.ok ? undefined : remove.error).toMatchObject({ reason: 'stale', key: 1 });
    const insert = list.insert(1, rows('n1'));
    expect(insert.ok ? undefined : insert.error).toMatchObject({ reason: 'stale', index: 1 });
    await answers.answerAll(20);
    const first = list.getSnapshot().getItem(0);
    expect(first.status === 'loaded' ? first.item : undefined).toEqual({ id: 'x0', v: 0 });
    expect(list.update(0, (row) => ({ ...row, v: 1 })).ok).toBe(true); // fresh: by its index now
  });
});

describe('send settled while the rows around it are stale', () => {
  /** A chat of 4 messages whose list holds a sent message `c1` (pending) at the end. */
  async function chatWithSend() {
    const chat = setup(['m0', 'm1', 'm2', 'm3'], 5);
    await chat.load(5);
    const request = deferred<Row>();
    const sent = send(chat.list, {
      item: { id: 'c1', clientId: 'c1', v: 0 },
      clientId: 'c1',
      request: () => request.promise,
    });
    expect(sent).toMatchObject({ ok: true, queued: false });
    expect(chat.shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'c1:pending']);
    return { ...chat, request, sent };
  }

  it('confirmed while stale: the server copy replaces it in place, once, whether the refetch has it or not', async () => {
    for (const refetchHasIt of [true, false]) {
      const { list, server, answers, shown, serverChange, request, sent, violations } = await chatWithSend();
      const saved: Row = { id: 'm4', clientId: 'c1', v: 0 };
      serverChange([...rows('m0', 'm1', 'm2', 'm3'), ...(refetchHasIt ? [saved] : [])]);
      list.refresh();
      await settle();
      request.resolve(saved);
      expect(await sent.settled).toBe('confirmed');
      expect(shown()).toEqual(['m0~', 'm1~', 'm2~', 'm3~', 'm4~']); // the server's copy, on the stale row
      await answers.answerAll(20);
      expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
      expect(list.getSnapshot().count).toBe(5);
      expect(list.getSnapshot().keyOf(4)).toBe('c1'); // same key: the row is not remounted
      // The pin is gone: a later refetch shows what the server has.
      server.rows = [...rows('m0', 'm1', 'm2', 'm3'), saved];
      list.refresh();
      await settle();
      await answers.answerAll(20);
      expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
      expect(violations).toEqual([]);
    }
  });

  it('failed while stale: stays failed after the refetch, and its retry works', async () => {
    const { list, answers, shown, serverChange, violations } = setup(['m0', 'm1', 'm2', 'm3'], 5);
    await answersLoad(list, answers);
    const attempts = [deferred<Row>(), deferred<Row>()];
    let n = 0;
    const sent = send(list, {
      item: { id: 'c1', clientId: 'c1', v: 0 },
      clientId: 'c1',
      request: () => (attempts[n++] ?? deferred<Row>()).promise,
    });
    serverChange(rows('m0', 'm1', 'm2', 'm3', 'm4')); // someone else wrote m4 meanwhile
    list.refresh();
    await settle();
    attempts[0]?.reject(new Error('HTTP 500'));
    expect(await sent.settled).toBe('failed');
    expect(shown()).toEqual(['m0~', 'm1~', 'm2~', 'm3~', 'c1:failed~']);
    await answers.answerAll(20);
    // The server does not have it: it is back at the end, failed, after the server's m4.
    expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'c1:failed']);
    expect(list.getSnapshot().count).toBe(6);
    const retried = sent.retry();
    expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'c1:pending']);
    attempts[1]?.resolve({ id: 'm5', clientId: 'c1', v: 0 });
    expect(await retried).toBe('confirmed');
    expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(list.getSnapshot().keyOf(5)).toBe('c1');
    expect(violations).toEqual([]);
  });

  it('pending across a refetch: still pending at the end, then confirmed in place', async () => {
    const { list, answers, shown, serverChange, request, sent, violations } = await chatWithSend();
    serverChange(rows('m0', 'm1', 'm2', 'm3', 'm4'));
    list.refresh();
    await settle();
    await answers.answerAll(20);
    expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'c1:pending']);
    request.resolve({ id: 'm5', clientId: 'c1', v: 0 });
    expect(await sent.settled).toBe('confirmed');
    expect(shown()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(violations).toEqual([]);
  });
});
