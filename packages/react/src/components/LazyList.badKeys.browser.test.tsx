// Bad input to a rendered <LazyList> (issue #18, bad-input paragraph): duplicate keys from
// getItemKey are reported once and every row still renders (React sees no duplicate key); writes
// that cannot apply are error values, even when called while rendering.
import { cleanup, waitFor } from '@testing-library/react';
import { createRef, type RefObject } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWritableList, rowTexts as texts } from '../testing/lazyListRender.tsx';
import type { LazyListHandle } from './LazyList.tsx';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

interface Item {
  id: string;
  title: string;
}

/** A row that writes while rendering (a mistake an app can make): each write must be a value, never a throw. */
function WritingRow(props: { it: Item; handle: RefObject<LazyListHandle<Item> | null>; seen: string[] }) {
  const unknown = props.handle.current?.update('zz', (x) => x);
  if (unknown !== undefined && !unknown.ok) props.seen.push(unknown.error.message);
  const beyond = props.handle.current?.insert(99, [{ id: 'late', title: 'late' }]);
  if (beyond !== undefined && !beyond.ok) props.seen.push(beyond.error.message);
  return <span>{props.it.title}</span>;
}

describe('<LazyList> with bad keys and writes that cannot apply', () => {
  it('reports a duplicate key once (key, indexes), renders every row, and keeps taking writes', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error');
    // 'b' twice: the API's rows moved between two requests, or a bug in the data.
    const data: Item[] = ['a', 'b', 'c', 'b', 'd'].map((id, n) => ({ id, title: `${id}${n}` }));
    const ref = renderWritableList(data, { getItemKey: (it) => it.id, renderItem: (it) => it.title });
    await waitFor(() => expect(texts()).toEqual(['a0', 'b1', 'c2', 'b3', 'd4']));
    const reports = warn.mock.calls.map((call) => String(call[0])).filter((m) => m.includes('"b"'));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toContain('1 and 3');
    // React saw distinct keys: no "two children with the same key" error.
    expect(error.mock.calls.filter((call) => String(call[0]).includes('same key'))).toEqual([]);

    const renamed = ref.current?.update('d', (it) => ({ ...it, title: 'D' }));
    expect(renamed?.ok).toBe(true);
    await waitFor(() => expect(texts()).toEqual(['a0', 'b1', 'c2', 'b3', 'D']));
    expect(warn.mock.calls.filter((call) => String(call[0]).includes('"b"'))).toHaveLength(1);
  });

  it('an update of an unknown key or an insert beyond the count, called while rendering, is an error value', async () => {
    const data: Item[] = ['a', 'b', 'c'].map((id) => ({ id, title: id }));
    const ref = createRef<LazyListHandle<Item>>();
    const seen: string[] = [];
    renderWritableList(data, {
      ref,
      getItemKey: (it) => it.id,
      renderItem: (it) => <WritingRow it={it} handle={ref} seen={seen} />,
    });
    await waitFor(() => expect(texts()).toEqual(['a', 'b', 'c']));
    // Rendered again once the ref is set: the writes ran during render and returned values.
    ref.current?.update('a', (it) => ({ ...it, title: 'A' }));
    await waitFor(() => expect(texts()).toEqual(['A', 'b', 'c']));
    expect(seen.some((message) => message.includes('"zz"'))).toBe(true);
    expect(seen.some((message) => message.includes('insert(99)'))).toBe(true);
    expect(texts()).toEqual(['A', 'b', 'c']); // nothing inserted, nothing lost
  });
});
