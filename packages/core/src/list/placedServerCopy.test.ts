import { QueryClient } from '@tanstack/query-core';
import { describe, expect, it } from 'vitest';
import { ropeInsert, ropeRemove, serverRope } from '../store/editRope.ts';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import { settle } from '../testing/modelHarness.ts';
import { shownRows } from '../testing/shownRows.ts';
import { type KeyedRow, keyedRows, keyedWritesOptions, staleKeyedLists } from '../testing/staleKeyedList.ts';
import { subscribedLists } from '../testing/subscribedLists.ts';
import { createLazyList } from './createLazyList.ts';
import { ropeStored } from './loadThroughRope.ts';

// Issue #18 item 4 with the useMutation recipe (docs/items.md): a placed insert (its page loaded
// and fresh: a local run of the edit rope) whose item the server stores (same key: a client id),
// so every server offset after it moves by one. A page fetched through the rope before the
// recipe's invalidation lands is asked by the offsets from before (decision 0010): it held the
// server's copy too, or a row the page before showed (the same key twice, a row skipped). The
// server's row takes the local item's place, the later offsets move with it (decision 0055).

const rows = keyedRows;
const setup = staleKeyedLists();
const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);
/** The server's rows: `s0..s11` with the copy of `n1` (`v` 5, told from the optimistic one) at `at`. */
const storedAt = (at: number): KeyedRow[] =>
  rows(...ids(0, at), 'n1', ...ids(at, 12)).map((row) => (row.id === 'n1' ? { ...row, v: 5 } : row));

describe('a placed insert whose server copy is on a page fetched through the rope', () => {
  it('stored where it was put: the page past it is asked by the new offsets, nothing twice or skipped', async () => {
    const { list, server, answers, shown, violations } = setup(ids(0, 12), false);
    list.setWindow({ start: 0, end: 5 });
    await settle();
    await answers.answerAll(20);
    const insert = list.insert(5, rows('n1')); // after s4: page 1 is loaded and fresh
    expect(insert.ok).toBe(true);
    server.rows = storedAt(5);
    list.setWindow({ start: 9, end: 12 }); // page 3, past the insert: asked through the rope
    await settle();
    await answers.answerAll(20);
    expect(shown().slice(0, 12)).toEqual([...ids(0, 5), 'n1', ...ids(5, 11)]);
    expect(list.getSnapshot().count).toBe(13);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    insert.rollback(); // the row is the server's now: it stays
    expect(shown().slice(0, 12)).toEqual([...ids(0, 5), 'n1', ...ids(5, 11)]);
    expect(list.getSnapshot().count).toBe(13);
    expect(violations).toEqual([]);
  });

  it('stored further down, on the page fetched: shown once, where the user put it', async () => {
    const { list, server, answers, shown, violations } = setup(ids(0, 12), false);
    list.setWindow({ start: 0, end: 5 });
    await settle();
    await answers.answerAll(20);
    const insert = list.insert(5, rows('n1'));
    server.rows = storedAt(9); // s0..s8 n1 s9..s11
    list.setWindow({ start: 9, end: 12 });
    await settle();
    await answers.answerAll(20);
    expect(shown().slice(0, 12)).toEqual([...ids(0, 5), 'n1', ...ids(5, 11)]);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    insert.rollback();
    expect(shown().slice(0, 12)).toEqual([...ids(0, 5), 'n1', ...ids(5, 11)]);
    expect(violations).toEqual([]);
  });

  it('stored at the head, the page there fetched later: shown once, where the user put it', async () => {
    const { list, server, answers, shown, violations } = setup(ids(0, 12), true);
    list.setWindow({ start: 6, end: 9 }); // pages 1..3: page 0 is not held
    await settle();
    await answers.answerAll(20);
    expect(shown().slice(0, 3)).toEqual(['-', '-', '-']);
    const insert = list.insert(5, rows('n1')); // after s4
    server.rows = storedAt(0);
    list.setWindow({ start: 0, end: 3 }); // page 0: the server's n1 s0 s1 by the offsets from before
    await settle();
    await answers.answerAll(20);
    expect(shown().slice(0, 9)).toEqual([...ids(0, 5), 'n1', ...ids(5, 8)]);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    insert.rollback();
    expect(shown().slice(0, 9)).toEqual([...ids(0, 5), 'n1', ...ids(5, 8)]);
    expect(violations).toEqual([]);
  });
});

describe('the same on two lists on one QueryClient and key', () => {
  const track = subscribedLists();
  it('the other list fetches the page past it: one row on both, rollback leaves it on both', async () => {
    const server = { rows: rows(...ids(0, 12)), version: 0 };
    const answers = new HeldAnswers();
    const queryClient = new QueryClient();
    queryClient.mount();
    const options = { key: ['placed-server-copy'], queryClient, ...keyedWritesOptions(answers, server) };
    const a = track(createLazyList<KeyedRow>(options));
    const b = track(createLazyList<KeyedRow>(options));
    for (const list of [a, b]) list.setWindow({ start: 0, end: 5 });
    await settle();
    await answers.answerAll(20);
    const insert = a.insert(5, rows('n1'));
    server.rows = storedAt(5);
    b.setWindow({ start: 9, end: 12 }); // b asks page 3 through the key's rope
    await settle();
    await answers.answerAll(20);
    const expected = [...ids(0, 5), 'n1', ...ids(5, 11)];
    expect(shownRows(b.getSnapshot()).slice(0, 12)).toEqual(expected);
    a.setWindow({ start: 9, end: 12 }); // a reads the same page from the QueryClient
    await settle();
    await answers.answerAll(20);
    expect(shownRows(a.getSnapshot()).slice(0, 12)).toEqual(expected);
    insert.rollback();
    for (const list of [a, b]) {
      expect(shownRows(list.getSnapshot()).slice(0, 12)).toEqual(expected);
      expect(list.getSnapshot().duplicateKeys).toEqual([]);
      expect(list.getSnapshot().count).toBe(13);
    }
  });
});

describe('an insert parked for its page (decision 0052) whose server copy lands later', () => {
  /** s0..s11 refreshed into x0 s0..s11; insert after s7 (page 2, stale); the window leaves page 2. */
  async function parked() {
    const made = setup(ids(0, 12), false);
    const { list, answers, loadThenRefresh } = made;
    await loadThenRefresh(12, ['x0', ...ids(0, 12)]);
    const insert = list.insert(8, rows('n1'));
    list.setWindow({ start: 0, end: 2 });
    await answers.answerAll(20);
    expect(list.getSnapshot().pages.get(2)?.items).toBeUndefined();
    expect(list.getSnapshot().keyOf(8)).toBe('n1');
    return { ...made, insert };
  }

  it('on the page at its index: confirmed by it (decision 0053), shown once', async () => {
    const { list, server, answers, shown, violations, insert } = await parked();
    server.rows = rows('x0', ...ids(0, 8), 'n1', ...ids(8, 12));
    list.setWindow({ start: 5, end: 12 });
    await settle();
    await answers.answerAll(20);
    expect(shown().slice(0, 12)).toEqual(['x0', ...ids(0, 8), 'n1', ...ids(8, 10)]);
    expect(await insert.settled).toMatchObject({ ok: true });
    insert.rollback();
    expect(shown().slice(0, 12)).toEqual(['x0', ...ids(0, 8), 'n1', ...ids(8, 10)]);
    expect(list.getSnapshot().count).toBe(14);
    expect(violations).toEqual([]);
  });

  it('on a page fetched after it was placed: the server row takes its place (decision 0055)', async () => {
    const { list, server, answers, shown, violations, insert } = await parked();
    server.rows = rows('x0', ...ids(0, 12), 'n1'); // stored at the end
    list.setWindow({ start: 6, end: 9 }); // the page at its index: placed after s7, into the rope
    await settle();
    await answers.answerAll(20);
    expect(list.getSnapshot().pages.get(4)?.items).toBeUndefined();
    expect(shown().slice(7, 11)).toEqual(['s6', 's7', 'n1', 's8']);
    list.setWindow({ start: 12, end: 14 }); // page 4 through the rope: the server's s10 s11 n1
    await settle();
    await answers.answerAll(20);
    expect(shown()).toEqual(['x0', ...ids(0, 8), 'n1', ...ids(8, 12)]);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(await insert.settled).toMatchObject({ ok: true });
    insert.rollback();
    expect(shown()).toEqual(['x0', ...ids(0, 8), 'n1', ...ids(8, 12)]);
    expect(violations).toEqual([]);
  });
});

describe('ropeStored', () => {
  const x = { id: 'x', v: 0 };
  const y = { id: 'y', v: 0 };
  it.each([
    ['same place', ropeInsert(serverRope<KeyedRow>(), 5, [x]), [[x, 5]], serverRope()],
    [
      'at the head',
      ropeInsert(serverRope<KeyedRow>(), 5, [x]),
      [[x, 0]],
      [
        { kind: 'server', start: 1, length: 5 },
        { kind: 'server', start: 0, length: 1 },
        { kind: 'server', start: 6, length: Number.POSITIVE_INFINITY },
      ],
    ],
    [
      'further down, after a local remove, one of two items',
      ropeInsert(ropeRemove(serverRope<KeyedRow>(), 2, 1), 4, [x, y]),
      [[y, 8]],
      [
        { kind: 'server', start: 0, length: 2 },
        { kind: 'server', start: 3, length: 2 },
        { kind: 'local', items: [x] },
        { kind: 'server', start: 8, length: 1 },
        { kind: 'server', start: 5, length: 3 },
        { kind: 'server', start: 9, length: Number.POSITIVE_INFINITY },
      ],
    ],
  ] as const)('%s', (_, rope, found, expected) => {
    expect(ropeStored(rope, new Map(found as unknown as [KeyedRow, number][]))).toEqual(expected);
  });
  it('counted by the rope already: cut from where it was, nothing else moves', () => {
    expect(ropeStored(ropeInsert(serverRope<KeyedRow>(), 9, [x]), new Map([[x, 13]]), true)).toEqual([
      { kind: 'server', start: 0, length: 9 },
      { kind: 'server', start: 13, length: 1 },
      { kind: 'server', start: 9, length: 4 },
      { kind: 'server', start: 14, length: Number.POSITIVE_INFINITY },
    ]);
  });
});
