// Adversarial tests of lists that scroll with the page (`useWindowScroll`): content above and
// below the list, keyboard focus, the list moving down the page after mount.
import { eagerSource } from '@lazyflow/core';
import { keyboardNavigation } from '@lazyflow/core/keyboard';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { frames } from '../../core/src/testing/mountVirtualList.ts';
import { rootsPerTest } from './testing/testRoots.ts';
import { type UseLazyListResult, useLazyList } from './useLazyList.ts';

const roots = rootsPerTest({ actEnvironment: false });
const ROW = 40;
const HEADER = 300;
const items = Array.from({ length: 2_000 }, (_, i) => `Item ${i}`);
const source = eagerSource(items);
let latest: UseLazyListResult<string> | null = null;
const ASIDE = Array.from({ length: 10 }, (_, i) => `Other list ${i}`);

afterEach(() => {
  latest = null;
  window.scrollTo({ top: 0, behavior: 'instant' });
});

function Page({
  header = HEADER,
  banner = 0,
  aside = false,
  measured = false,
}: {
  header?: number;
  banner?: number;
  aside?: boolean;
  measured?: boolean;
}) {
  const list = useLazyList<string>({
    key: ['window-adversarial'],
    source,
    useWindowScroll: true,
    scrollMargin: () => document.querySelector<HTMLElement>('[data-testid="list"]')?.offsetTop ?? 0,
    estimateSize: () => ROW,
    keyboard: keyboardNavigation,
  });
  latest = list;
  return (
    <div>
      {banner > 0 && <div style={{ height: banner }}>Banner</div>}
      {aside && (
        <ol data-testid="aside">
          {ASIDE.map((label, i) => (
            <li key={label} data-index={i} tabIndex={-1}>
              {label}
            </li>
          ))}
        </ol>
      )}
      <header style={{ height: header }}>Header</header>
      <ul
        data-testid="list"
        onKeyDown={list.onKeyDown}
        style={{ height: list.totalSize, position: 'relative', margin: 0, padding: 0, listStyle: 'none' }}
      >
        {list.rows.map((row) => (
          <li
            key={row.key}
            ref={measured ? list.measureElement : undefined}
            data-index={row.index}
            tabIndex={row.index === (list.focusedIndex ?? 0) ? 0 : -1}
            style={{
              position: 'absolute',
              top: 0,
              width: '100%',
              height: ROW,
              transform: `translateY(${row.start}px)`,
            }}
          >
            {row.state.status === 'loaded' ? row.state.item : '…'}
          </li>
        ))}
      </ul>
      <footer style={{ height: 800 }}>Footer</footer>
    </div>
  );
}

const rowElement = (index: number) =>
  document.querySelector<HTMLElement>(`[data-testid="list"] > [data-index="${index}"]`);
const focusedIndex = () => document.activeElement?.getAttribute('data-index') ?? null;

describe('useLazyList with useWindowScroll: keyboard focus', () => {
  it('ArrowDown from a focused row focuses the next row, and PageDown keeps the focused row in the window', async () => {
    roots.mount(<Page />);
    await vi.waitFor(() => expect(rowElement(3)).not.toBeNull());
    rowElement(3)?.focus();
    await userEvent.keyboard('{ArrowDown}');
    await vi.waitFor(() => expect(focusedIndex()).toBe('4'));
    await userEvent.keyboard('{PageDown}');
    await vi.waitFor(() => expect(Number(focusedIndex())).toBeGreaterThan(4));
    const row = document.activeElement as HTMLElement;
    const box = row.getBoundingClientRect();
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(window.innerHeight);
  });

  it('with another list of data-index rows earlier on the page, ArrowDown focuses this list’s next row', async () => {
    roots.mount(<Page aside />);
    await vi.waitFor(() => expect(rowElement(3)).not.toBeNull());
    rowElement(3)?.focus();
    await userEvent.keyboard('{ArrowDown}');
    await vi.waitFor(() => expect(document.activeElement).toBe(rowElement(4)));
    await userEvent.keyboard('{ArrowDown}');
    await vi.waitFor(() => expect(document.activeElement).toBe(rowElement(5)));
  });

  it('with another list of data-index rows earlier on the page, focusIndex before any key press focuses this list’s (measured) row', async () => {
    roots.mount(<Page aside measured />);
    await vi.waitFor(() => expect(rowElement(3)).not.toBeNull());
    latest?.focusIndex(3);
    await vi.waitFor(() => expect(document.activeElement).toBe(rowElement(3)));
  });

  it('focusIndex(1,000) scrolls the page to row 1,000 and focuses it', async () => {
    roots.mount(<Page />);
    await vi.waitFor(() => expect(latest?.count).toBe(items.length));
    latest?.focusIndex(1_000);
    await vi.waitFor(() => expect(focusedIndex()).toBe('1000'));
    const box = rowElement(1_000)?.getBoundingClientRect();
    expect(box?.top).toBeGreaterThanOrEqual(0);
    expect(box?.bottom).toBeLessThanOrEqual(window.innerHeight);
    await frames(2);
  });
});

/** The indexes of the rows drawn at the viewport's top and bottom, or null where no row is drawn. */
function rowsAtViewportEdges() {
  const list = document.querySelector<HTMLElement>('[data-testid="list"]');
  const rows = [...(list?.querySelectorAll<HTMLElement>('[data-index]') ?? [])];
  const at = (y: number) => {
    const row = rows.find((r) => {
      const box = r.getBoundingClientRect();
      return box.top <= y && box.bottom > y;
    });
    return row ? Number(row.dataset.index) : null;
  };
  return { top: at(1), bottom: at(window.innerHeight - 1) };
}

describe('useLazyList with useWindowScroll: the list moves down the page after mount', () => {
  it('a banner appearing above the list: the rows drawn over the viewport are the rows at that place', async () => {
    const root = roots.mount(<Page />);
    await vi.waitFor(() => expect(rowElement(0)).not.toBeNull());
    window.scrollTo({ top: HEADER + 100 * ROW, behavior: 'instant' });
    await vi.waitFor(() => expect(rowsAtViewportEdges().top).toBe(100));
    root.render(<Page banner={1_000} />);
    await frames(5);
    // The page did not scroll: the list moved 1,000 px down, so row 75 is at the viewport's top.
    const rowsPerViewport = Math.floor(window.innerHeight / ROW);
    await vi.waitFor(() => expect(rowsAtViewportEdges()).toEqual({ top: 75, bottom: 75 + rowsPerViewport }));
    latest?.scrollToIndex(500, { align: 'start' });
    await vi.waitFor(() => expect(rowElement(500)?.getBoundingClientRect().top).toBe(0));
  });
});
