// eagerSource in useLazyList given an array of another length while the user is deep in it: items
// put in above the row read (by getItemKey), items taken out above it, and duplicate keys.
import { eagerSource } from '@lazyflow/core';
import { useMemo, useRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import { AbsoluteRows } from './testing/absoluteRows.tsx';
import { rootsPerTest } from './testing/testRoots.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

const roots = rootsPerTest({ actEnvironment: false });
const ROW = 36;

interface Row {
  readonly id: string;
}
let latest: UseLazyListResult<Row> | null = null;

function Rows({ items, name }: { items: readonly Row[]; name: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const source = useMemo(() => eagerSource(items), [items]);
  const list = useLazyList<Row>({
    key: ['eager-adv', name],
    source,
    getItemKey: (row) => row.id,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW,
  });
  latest = list;
  return (
    <div ref={ref} data-testid="scroller" style={{ height: 600, overflow: 'auto' }}>
      <AbsoluteRows list={list} rowHeight={ROW} text={(row) => String(row.id)} placeholder="…" />
    </div>
  );
}

const ids = (from: number, to: number, prefix = 'r') =>
  Array.from({ length: to - from }, (_, i) => ({ id: `${prefix}${from + i}` }));
const scroller = () => document.querySelector<HTMLElement>('[data-testid="scroller"]') as HTMLElement;
/** The first row whose top is in view, with its text and px from the viewport's top. */
function firstVisible() {
  const box = scroller().getBoundingClientRect();
  let best: { text: string; top: number } | null = null;
  for (const element of scroller().querySelectorAll('[data-index]')) {
    const rect = element.getBoundingClientRect();
    if (rect.bottom <= box.top + 0.5 || rect.top >= box.bottom) continue;
    const top = rect.top - box.top;
    if (best === null || top < best.top) best = { text: element.textContent ?? '', top };
  }
  return best;
}

async function settle() {
  for (let i = 0; i < 6; i++) await frames(2);
}

describe('useLazyList + eagerSource: an array of another length (adversarial)', () => {
  it('100 items put in above the row read: the same item stays at the top', async () => {
    const root = roots.mount(<Rows items={ids(0, 10_000)} name="grow" />);
    await vi.waitFor(() => expect(firstVisible()?.text).toBe('r0'));
    latest?.scrollToIndex(5_000, { align: 'start' });
    await vi.waitFor(() => expect(firstVisible()?.text).toBe('r5000'));
    scroller().scrollTop += 10; // the user's own scroll: the view holds what is read, not the index
    await settle();
    const before = firstVisible();
    root.render(<Rows items={[...ids(0, 100, 'new'), ...ids(0, 10_000)]} name="grow" />);
    await vi.waitFor(() => expect(latest?.count).toBe(10_100));
    await settle();
    expect(firstVisible()).toEqual(before);
  });

  it('items taken out above the row read: the same item stays at the top', async () => {
    const root = roots.mount(<Rows items={ids(0, 10_000)} name="shrink" />);
    await vi.waitFor(() => expect(firstVisible()?.text).toBe('r0'));
    latest?.scrollToIndex(5_000, { align: 'start' });
    await vi.waitFor(() => expect(firstVisible()?.text).toBe('r5000'));
    scroller().scrollTop += 10;
    await settle();
    const before = firstVisible();
    root.render(<Rows items={ids(1_000, 10_000)} name="shrink" />);
    await vi.waitFor(() => expect(latest?.count).toBe(9_000));
    await settle();
    expect(firstVisible()).toEqual(before);
  });

  it('duplicate keys: rows render (each once), a warning names the key, nothing throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const items = [...ids(0, 20), { id: 'r5' }, ...ids(20, 40)];
    roots.mount(<Rows items={items} name="dupes" />);
    await vi.waitFor(() => expect(firstVisible()?.text).toBe('r0'));
    await settle();
    const keys = latest?.rows.map((row) => row.key) ?? [];
    expect(new Set(keys).size).toBe(keys.length);
    expect(latest?.count).toBe(41);
    expect(warn.mock.calls.map((call) => String(call[0])).join('\n')).toContain('r5');
  });
});
