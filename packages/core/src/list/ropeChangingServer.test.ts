import { describe, expect, it } from 'vitest';
import type { OffsetPage, OffsetSource } from '../sources/source.ts';
import { type EditRope, ropeInsert, serverRope } from '../store/editRope.ts';
import { type KnownTotal, loadThroughRope, type StoredCopies } from './loadThroughRope.ts';

// A page fetched through the rope while a local insert waits looks for the server's copy where the
// rope puts it; a look that reads another server than the page's answer (another total) asks the
// page again (issue #18, copiesAcrossAStore.test.ts). A server that changes at every request (a
// busy feed) must not keep the page asking forever: after two more answers nothing is taken and
// the growth is left to the next answers.

interface Row {
  id: string;
}

function changingServer(): { source: OffsetSource<Row>; calls: () => number } {
  const rows: Row[] = Array.from({ length: 10 }, (_, i) => ({ id: `s${i}` }));
  let calls = 0;
  const loadSpan = async ({ offset, limit }: { offset: number; limit: number }): Promise<OffsetPage<Row>> => {
    calls += 1;
    if (calls > 40) throw new Error('the page kept asking a server that changes at every request');
    rows.push({ id: `o${calls}` }); // another client's row, stored before this answer
    return { items: rows.slice(offset, offset + limit), total: rows.length };
  };
  const source: OffsetSource<Row> = {
    kind: 'offset',
    pageSize: 5,
    loadPage: ({ page }) => loadSpan({ offset: page * 5, limit: 5 }),
    loadSpan,
  };
  return { source, calls: () => calls };
}

describe('a page fetched through the rope from a server that changes at every request', () => {
  it('settles after a bounded number of requests, the local item where the user put it', async () => {
    const { source, calls } = changingServer();
    const local: Row = { id: 'a' };
    let rope: EditRope<Row> = ropeInsert(serverRope<Row>(), 2, [local]);
    const stored: StoredCopies<Row> = {
      rope: () => rope,
      set: (next) => {
        rope = next;
      },
      keyOf: (row) => row.id,
    };
    const known: KnownTotal = { epoch: 0, total: 10 };
    const page = await loadThroughRope(source, rope, 0, new AbortController().signal, known, stored);
    expect(page.items.map((row) => row.id)).toEqual(['s0', 's1', 'a', 's2', 's3']);
    expect(calls()).toBe(6); // three answers, each with its look
    expect(known.unexplained).toBe(5); // the five rows stored by the third answer: left to the next answers
  });
});
