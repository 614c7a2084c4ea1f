// Adversarial keyboard tests of <LazyList> with real key presses (vitest's userEvent): rows of
// sizes far from the estimate, a sticky header, focus kept in view.
import { offsetSource } from '@lazyflow/core';
import { cleanup, render, waitFor } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { frames } from '../../../core/src/testing/mountVirtualList.ts';
import { LazyList, type LazyListHandle } from './LazyList.tsx';

afterEach(cleanup);

const items = Array.from({ length: 1_000 }, (_, i) => i);
const row = (index: number) => document.querySelector<HTMLElement>(`[data-index="${index}"]`);
const focused = () => Number(document.activeElement?.getAttribute('data-index') ?? Number.NaN);

/** The rows whose box intersects the scroller's client box, in order. */
function rowsInView(scroller: HTMLElement): number[] {
  const box = scroller.getBoundingClientRect();
  const bottom = box.top + scroller.clientHeight;
  return [...scroller.querySelectorAll<HTMLElement>('[data-index]')]
    .filter((element) => {
      const r = element.getBoundingClientRect();
      return r.bottom > box.top + 0.5 && r.top < bottom - 0.5;
    })
    .map((element) => Number(element.dataset.index))
    .sort((a, b) => a - b);
}

/** Whether the row's box lies whole inside the scroller's client box. */
function wholeInView(index: number, scroller: HTMLElement): boolean {
  const r = row(index)?.getBoundingClientRect();
  const box = scroller.getBoundingClientRect();
  return r !== undefined && r.top >= box.top - 0.5 && r.bottom <= box.top + scroller.clientHeight + 0.5;
}

describe('<LazyList> keyboard, adversarial', () => {
  it('PageDown and PageUp through 150 px rows (estimate 36) move a viewport: no row is skipped unseen', async () => {
    const { container } = render(
      <LazyList data={items} renderItem={(i) => <div style={{ height: 150 }}>Card {i}</div>} height={600} />,
    );
    const scroller = container.firstElementChild as HTMLElement;
    await waitFor(() => expect(row(0)?.textContent).toBe('Card 0'));
    row(0)?.focus();
    for (let press = 0; press < 4; press++) {
      const seen = rowsInView(scroller);
      const from = focused();
      await userEvent.keyboard('{PageDown}');
      await waitFor(() => expect(focused()).toBeGreaterThan(from));
      await frames(3);
      // Every row passed over was in view before the key or is now: a viewport, not several.
      const shown = new Set([...seen, ...rowsInView(scroller)]);
      const passed = Array.from({ length: focused() - from }, (_, i) => from + 1 + i);
      expect(passed.filter((index) => !shown.has(index))).toEqual([]);
      expect(wholeInView(focused(), scroller)).toBe(true);
    }
    const deepest = focused();
    const seen = rowsInView(scroller);
    await userEvent.keyboard('{PageUp}');
    await waitFor(() => expect(focused()).toBeLessThan(deepest));
    await frames(3);
    const shown = new Set([...seen, ...rowsInView(scroller)]);
    const passed = Array.from({ length: deepest - focused() }, (_, i) => focused() + i);
    expect(passed.filter((index) => !shown.has(index))).toEqual([]);
    expect(wholeInView(focused(), scroller)).toBe(true);
  });

  it('with getItemKey, a row focused before its page lands keeps focus when it loads, and the keys go on', async () => {
    interface Entry {
      readonly id: string;
      readonly n: number;
    }
    const source = offsetSource<Entry>({
      pageSize: 50,
      fetchPage: async ({ offset, limit }) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const entries = Array.from({ length: limit }, (_, i) => ({ id: `e${offset + i}`, n: offset + i }));
        return { items: entries, total: 100_000 };
      },
    });
    const ref = createRef<LazyListHandle<Entry>>();
    render(
      <LazyList<Entry>
        ref={ref}
        queryKey={['keyed-focus']}
        source={source}
        getItemKey={(entry) => entry.id}
        renderItem={(entry) => <div style={{ height: 36 }}>Entry {entry.n}</div>}
        renderPlaceholder={() => <div style={{ height: 36 }}>…</div>}
        height={400}
      />,
    );
    await waitFor(() => expect(row(0)?.textContent).toBe('Entry 0'));
    ref.current?.focusIndex(5_000);
    await waitFor(() => expect(focused()).toBe(5_000));
    expect(row(5_000)?.dataset.state).not.toBe('loaded');
    // The row's key goes from its place to its item's when the page lands: a new element.
    await waitFor(() => expect(row(5_000)?.textContent).toBe('Entry 5000'));
    await waitFor(() => expect(focused()).toBe(5_000));
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(focused()).toBe(5_001));
  });
});
