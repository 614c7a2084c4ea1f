import { describe, expect, it } from 'vitest';
import { arraySource } from '../testing/arraySource.ts';
import { type Row, row, settle, writeRowLists } from '../testing/writeRows.ts';

/** A server over `rows` (mutable); answers wait for `gate` when set. */
function server(total = 100) {
  const state: { rows: Row[]; gate?: Promise<void> } = {
    rows: Array.from({ length: total }, (_, n) => row(n)),
  };
  const source = () => arraySource(() => state.rows, { pageSize: 10, onFetch: () => state.gate });
  let open: () => void = () => {};
  const hold = () => {
    state.gate = new Promise<void>((resolve) => (open = resolve));
  };
  const release = () => {
    state.gate = undefined;
    open();
  };
  return { state, source, hold, release };
}

const { open } = writeRowLists();

describe('an update whose change throws', () => {
  it('a change that throws on a row shown stale throws at once, waits for nothing, and the refetch still lands', async () => {
    const s = server();
    const list = await open(s.source());
    s.hold();
    list.refresh();
    await settle();
    let calls = 0;
    expect(() =>
      list.update('r3', () => {
        calls++;
        throw new Error('bad change');
      }),
    ).toThrow('bad change');
    s.state.rows = s.state.rows.map((r) => (r.n === 0 ? { ...r, liked: true } : r));
    s.release();
    await settle();
    // The refetch landed: the fresh row 0 shows, row 3 is the server's, the change ran once.
    expect(list.getSnapshot().getItem(0)).toMatchObject({ item: { id: 'r0', liked: true } });
    expect(list.getSnapshot().getItem(3)).toEqual({ status: 'loaded', item: row(3) });
    expect(calls).toBe(1);
    expect(list.update('r4', (r) => ({ ...r, liked: true })).ok).toBe(true);
  });
});
