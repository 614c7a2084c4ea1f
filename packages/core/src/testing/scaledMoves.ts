// Test support (excluded from the build): the harness of the scaled-moves browser tests
// (virtual/scaledMoves.*.browser.test.ts): a scaled list of fixed 36 px rows whose pages are
// logged, the row at the viewport's start edge, and real wheel steps.
import { QueryClient } from '@tanstack/query-core';
import { expect, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createLazyList } from '../list/createLazyList.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { type MountedList, type MountOptions, settled } from './mountVirtualList.ts';
import { cleanups, mount } from './virtualFixtures.ts';

export const ROW = 36;
const PAGE = 100;
export const VIEWPORT = 600;

export interface Row {
  readonly id: string;
}

/** `total` rows `{ id: 'r<n>' }` made as their pages are asked; `requested` logs each page's offset. */
export function rowsList(total: number) {
  const requested: number[] = [];
  const list = createLazyList<Row>({
    key: ['scaled-moves', Math.random()],
    queryClient: new QueryClient(),
    source: offsetSource<Row>({
      pageSize: PAGE,
      fetchPage: async ({ offset, limit }) => {
        requested.push(offset);
        await new Promise((resolve) => setTimeout(resolve, 5));
        const length = Math.max(0, Math.min(limit, total - offset));
        return { items: Array.from({ length }, (_, k) => ({ id: `r${offset + k}` })), total };
      },
    }),
  });
  cleanups.push(() => list.destroy());
  return { list, requested };
}

/** A scaled list of `total` items in a 600 px scrolling div, with a locator for real wheel input. */
export async function setup(total: number, options: Partial<MountOptions<Row>> = {}) {
  const { list, requested } = rowsList(total);
  const mounted = mount<Row>({ list, estimateSize: () => ROW, text: (row) => row.id, ...options });
  await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(total));
  expect(mounted.view.getSnapshot().scaled).toBe(true);
  mounted.viewport.dataset.testid = 'scaled-moves';
  return { mounted, requested, target: page.getByTestId('scaled-moves') };
}

export interface Reading {
  readonly index: number;
  readonly offset: number;
}

/** The row at the viewport's start edge (the first lane's item) and how far past its start the edge is. */
export function reading(mounted: MountedList<Row>, horizontal = false): Reading | null {
  const box = mounted.viewport.getBoundingClientRect();
  const edge = horizontal ? box.left : box.top;
  let found: Reading | null = null;
  for (const child of mounted.spacer.children) {
    const rect = child.getBoundingClientRect();
    const start = horizontal ? rect.left : rect.top;
    const end = horizontal ? rect.right : rect.bottom;
    if (start > edge + 0.01 || end <= edge + 0.01) continue;
    const index = Number((child as HTMLElement).dataset.index);
    if (found === null || index < found.index) found = { index, offset: edge - start };
  }
  return found;
}

/** The reading of a list of fixed 36 px rows at virtual offset `virtual` (`lanes` items a row). */
export const readingAt = (virtual: number, lanes = 1): Reading => ({
  index: Math.floor(virtual / ROW) * lanes,
  offset: virtual - Math.floor(virtual / ROW) * ROW,
});

/** The viewport's start edge is `virtual` px into a list of fixed rows: that row, that far into it, loaded. */
export async function expectAt(mounted: MountedList<Row>, virtual: number, lanes = 1, horizontal = false) {
  const want = readingAt(virtual, lanes);
  await vi.waitFor(() => expect(mounted.element(want.index)?.dataset.state).toBe('loaded'));
  const got = reading(mounted, horizontal);
  expect(got?.index).toBe(want.index);
  expect(Math.abs((got?.offset ?? Number.NaN) - want.offset)).toBeLessThan(0.5);
}

/** Puts item `index` at the viewport's start and waits for it to rest, loaded; returns the virtual offset. */
export async function goTo(mounted: MountedList<Row>, index: number): Promise<number> {
  mounted.view.scrollToIndex(index, { align: 'start' });
  await vi.waitFor(() => expect(mounted.element(index)?.dataset.state).toBe('loaded'));
  return settled(() => mounted.view.getScrollOffset());
}

/** Every page fetched starts between item `from` and item `to`. */
export function expectPagesWithin(requested: readonly number[], from: number, to: number) {
  expect(requested.filter((offset) => offset < from || offset > to)).toEqual([]);
}

/** A real mouse-wheel step over `target`, then rest. */
export async function wheel(
  mounted: MountedList<Row>,
  target: ReturnType<typeof page.getByTestId>,
  delta: { x: number } | { y: number },
) {
  await userEvent.wheel(target, { delta });
  return settled(() => mounted.view.getScrollOffset());
}

/** Slack around a path for the rows around it and the prefetch ahead of it. */
export const AROUND = 1_000;
