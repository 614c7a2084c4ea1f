import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it } from 'vitest';
import { HeldAnswers } from '../testing/heldAnswers.ts';
import { settle, useImmediateQueryNotifications } from '../testing/modelHarness.ts';
import { shownRows } from '../testing/shownRows.ts';
import { type KeyedRow, keyedRows, keyedWritesOptions } from '../testing/staleKeyedList.ts';
import { createLazyList } from './createLazyList.ts';
import type { LazyList } from './LazyList.ts';

// Issue #18 (what decision 0061's session left): a page fetched through the rope finds the server's
// copy of one placed insert in its answer, and looks where the rope puts another (decisions 0055,
// 0060). storedCopies took the answer's offsets and the look's together; when the server stored
// the second insert between the two requests, the look's offsets were of a server one row longer
// above the first copy: the rope put the first copy one row up. Pages of 3, s0..s14, `b` put at 1
// and `a` at 8 (`s6 a s7`); the server stores `a` and a row of another client (`f`, at the end);
// page 3's answer holds `a`, then the server stores `b`, then the look finds it: page 2 fetched
// through the rope again showed `s5 a s6` (the server and the user have `s5 s6 a`) until the next
// invalidation. A look now reads the server the answer read (same total and version), or the
// growth left is looked for by the next answer.

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `s${from + i}`);
const lists: LazyList<KeyedRow>[] = [];
afterEach(() => {
  for (const list of lists.splice(0)) list.destroy();
});

describe('copies found in a page answer and in a later look, the server storing between them', () => {
  it('each stays where the server and the user put it (pages fetched through the rope again)', async () => {
    useImmediateQueryNotifications();
    const server = { rows: keyedRows(...ids(0, 15)), version: 0 };
    const store = (...rows: string[]) => {
      server.rows = keyedRows(...rows);
      server.version += 1;
    };
    const answers = new HeldAnswers();
    const queryClient = new QueryClient();
    queryClient.mount();
    const list = createLazyList<KeyedRow>({
      key: ['copies-across-a-store'],
      queryClient,
      ...keyedWritesOptions(answers, server),
      memory: { maxPages: 3 }, // pages the window leaves are evicted, and fetched through the rope
    });
    lists.push(list);
    const keysTwice: string[] = [];
    list.subscribe(() => {
      const keys = shownRows(list.getSnapshot()).filter((row) => row !== '-');
      if (new Set(keys).size !== keys.length) keysTwice.push(keys.join(' '));
    });
    const shown = () => shownRows(list.getSnapshot());
    list.setWindow({ start: 0, end: 6 });
    await settle();
    await answers.answerAll(20);
    expect(list.insert(1, keyedRows('b')).ok).toBe(true);
    expect(list.insert(8, keyedRows('a')).ok).toBe(true);
    await settle();
    expect(shown().slice(0, 9)).toEqual(['s0', 'b', ...ids(1, 7), 'a']);
    store(...ids(0, 7), 'a', ...ids(7, 15), 'f');
    list.setWindow({ start: 9, end: 12 });
    await settle();
    answers.takeFor('offset 7')?.respond(); // page 3's answer: `a s7 s8`, the server grew by two
    await settle();
    expect(answers.pending.map((entry) => entry.what)).toContain('offset 1'); // the look for `b`
    store('s0', 'b', ...ids(1, 7), 'a', ...ids(7, 15), 'f');
    await answers.answerAll(20);
    list.setWindow({ start: 14, end: 17 }); // pages 0..2 leave memory
    await settle();
    await answers.answerAll(20);
    list.setWindow({ start: 0, end: 18 });
    await settle();
    await answers.answerAll(20);
    expect(shown()).toEqual(['s0', 'b', ...ids(1, 7), 'a', ...ids(7, 15), 'f']);
    expect(list.getSnapshot().duplicateKeys).toEqual([]);
    expect(keysTwice).toEqual([]);
  });
});
