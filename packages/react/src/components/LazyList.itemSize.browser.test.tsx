// <LazyList itemSize>: rows of one known size are given it and never measured (no ResizeObserver
// per row, as react-window's `rowHeight`), and still sit at index × size through jumps and
// scrolls, whatever their content's own size. Runs under React 19 and React 18.3.
import { type OffsetFetchParams, offsetSource } from '@lazyflow/core';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { createRef, type ReactNode } from 'react';
import { afterEach, expect, it, vi } from 'vitest';
import { ShowError } from '../testing/lazyListRender.tsx';
import { LazyList, type LazyListHandle } from './LazyList.tsx';

const teardown: (() => void)[] = [];
afterEach(() => {
  cleanup();
  for (const undo of teardown.splice(0)) undo();
  vi.restoreAllMocks();
});

const SIZE = 30;
const TOTAL = 100_000;
let keys = 0;

const source = offsetSource<number>({
  pageSize: 100,
  fetchPage: async ({ offset, limit }: OffsetFetchParams) => ({
    items: Array.from({ length: Math.min(limit, TOTAL - offset) }, (_, at) => offset + at),
    total: TOTAL,
  }),
});

/** Rows (`data-index` elements) handed to any ResizeObserver from now until the test's end. */
function observedRows(): Element[] {
  const rows: Element[] = [];
  const observe = ResizeObserver.prototype.observe;
  ResizeObserver.prototype.observe = function (this: ResizeObserver, target, options) {
    if (target.hasAttribute('data-index')) rows.push(target);
    observe.call(this, target, options);
  };
  teardown.push(() => {
    ResizeObserver.prototype.observe = observe;
  });
  return rows;
}

const row = (index: number) => document.querySelector<HTMLElement>(`[data-index="${index}"]`);
const scroller = () => screen.getByRole('list').parentElement?.parentElement as HTMLElement;
const box = (index: number) => row(index)?.getBoundingClientRect() ?? new DOMRect(Number.NaN);
const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** Content taller than the row every third item, shorter otherwise: the row's size must not follow it. */
const content = (n: number) => <div style={{ height: n % 3 === 0 ? 55 : 12 }}>Item {n}</div>;

/** The rows on screen are SIZE px apart from the first, in index order, each SIZE px tall (or wide). */
function expectPacked(first: number, axis: 'y' | 'x'): void {
  const origin = scroller().getBoundingClientRect();
  const view = axis === 'y' ? origin.height : origin.width;
  for (let at = 0; at * SIZE < view; at++) {
    const rect = box(first + at);
    const offset = axis === 'y' ? rect.top - origin.top : rect.left - origin.left;
    expect(offset).toBeCloseTo(at * SIZE, 1);
    expect(axis === 'y' ? rect.height : rect.width).toBe(SIZE);
  }
}

function renderList(props: { horizontal?: boolean; itemSize?: number }) {
  const ref = createRef<LazyListHandle<number>>();
  keys += 1;
  render(
    <LazyList<number>
      ref={ref}
      queryKey={['itemSize', keys]}
      source={source}
      renderItem={content}
      height={props.horizontal ? 120 : 360}
      style={props.horizontal ? { width: 480 } : undefined}
      {...props}
      {...(props.itemSize === undefined ? { estimateSize: () => SIZE } : {})}
    />,
  );
  return ref;
}

it('gives each row the size and measures none, through a jump and a scroll, whatever its content', async () => {
  const observed = observedRows();
  // The app's own styles with padding and a border on rows: inside the size (border-box).
  const style = document.createElement('style');
  style.textContent = '[data-index] { padding: 4px; border-bottom: 1px solid #ccc; }';
  document.head.append(style);
  teardown.push(() => style.remove());
  const ref = renderList({ itemSize: SIZE });
  await waitFor(() => expect(row(0)?.textContent).toBe('Item 0'));
  expect(scroller().scrollHeight).toBe(TOTAL * SIZE);
  expectPacked(0, 'y');

  ref.current?.scrollToIndex(50_000, { align: 'start' });
  await waitFor(() => expect(row(50_000)?.textContent).toBe('Item 50000'));
  expect(scroller().scrollTop).toBe(50_000 * SIZE);
  expectPacked(50_000, 'y');

  // 40 frames of 45 px: 60 rows on, the rows keep their places without a single reading.
  for (let n = 0; n < 40; n++) {
    scroller().scrollTop += 45;
    await frame();
  }
  await waitFor(() => expect(row(50_060)?.textContent).toBe('Item 50060'));
  expectPacked(50_060, 'y');
  expect(observed).toEqual([]);
});

it('with horizontal, gives each row the width', async () => {
  const observed = observedRows();
  const ref = renderList({ itemSize: SIZE, horizontal: true });
  await waitFor(() => expect(row(0)?.textContent).toBe('Item 0'));
  expect(scroller().scrollWidth).toBe(TOTAL * SIZE);
  expectPacked(0, 'x');
  ref.current?.scrollToIndex(70_000, { align: 'start' });
  await waitFor(() => expect(row(70_000)?.textContent).toBe('Item 70000'));
  expectPacked(70_000, 'x');
  expect(observed).toEqual([]);
});

it('without itemSize, rows are measured and take their content’s size (the control)', async () => {
  const observed = observedRows();
  renderList({});
  await waitFor(() => expect(row(0)?.textContent).toBe('Item 0'));
  await waitFor(() => expect(box(0).height).toBe(55));
  expect(box(1).height).toBe(12);
  expect(observed.length).toBeGreaterThan(10);
});

const bad: [string, ReactNode][] = [
  [
    '"itemSize" must be a number of px > 0, got 0',
    <LazyList key="1" data={[1]} renderItem={String} itemSize={0} />,
  ],
  [
    '"itemSize" must be a number of px > 0, got NaN',
    <LazyList key="2" data={[1]} renderItem={String} itemSize={Number.NaN} />,
  ],
  [
    '"itemSize" must be a number of px > 0, got "30"',
    <LazyList key="3" data={[1]} renderItem={String} itemSize={'30' as never} />,
  ],
  [
    '"estimateSize" must be left out when "itemSize" is given, got a function',
    <LazyList key="4" data={[1]} renderItem={String} itemSize={30} estimateSize={() => 30} />,
  ],
];
it.each(bad)('a bad itemSize is a TypeError: prop %s', async (text, element) => {
  vi.spyOn(console, 'error').mockImplementation(() => {}); // React reports the caught error
  render(<ShowError>{element}</ShowError>);
  const message = await screen.findByRole('status');
  expect(message.textContent).toBe(`TypeError: lazyflow: LazyList prop ${text}`);
});
