// Moves of a list mapped past 15,000,000 px (issue #16 item 0), beyond the wheel steps of
// virtualWheel.browser.test.ts: wheel, keyboard, scrollBy and scrollTop moves move the content by
// exactly their distance in horizontal lists, lists with lanes, window-scroll lists, lists whose
// rows are measured at other sizes than estimated, near both ends (across the element's put-back
// and the clamp), after a resize, during a smooth scrollToIndex and right after a scrollbar drag;
// only pages on the way are fetched. Each check reads the row at the viewport's start edge (its
// data-index and how far into it the edge is) and the source's fetch log.
import { QueryClient } from '@tanstack/query-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { keyboardNavigation } from '../keyboard/index.ts';
import { createLazyList } from '../list/createLazyList.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { showKeyedRows } from '../testing/keyedRows.ts';
import { frames, type MountedList, type MountOptions, settled } from '../testing/mountVirtualList.ts';
import { cleanups, mount, runCleanups } from '../testing/virtualFixtures.ts';
import { createVirtualList } from './createVirtualList.ts';
import type { VirtualRow } from './virtualSnapshot.ts';

afterEach(runCleanups);

const ROW = 36;
const PAGE = 100;
const VIEWPORT = 600;

interface Row {
  readonly id: string;
}

/** `total` rows `{ id: 'r<n>' }` made as their pages are asked; `requested` logs each page's offset. */
function rowsList(total: number) {
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
async function setup(total: number, options: Partial<MountOptions<Row>> = {}) {
  const { list, requested } = rowsList(total);
  const mounted = mount<Row>({ list, estimateSize: () => ROW, text: (row) => row.id, ...options });
  await vi.waitFor(() => expect(mounted.view.getSnapshot().count).toBe(total));
  expect(mounted.view.getSnapshot().scaled).toBe(true);
  mounted.viewport.dataset.testid = 'scaled-moves';
  return { mounted, requested, target: page.getByTestId('scaled-moves') };
}

interface Reading {
  readonly index: number;
  readonly offset: number;
}

/** The row at the viewport's start edge (the first lane's item) and how far past its start the edge is. */
function reading(mounted: MountedList<Row>, horizontal = false): Reading | null {
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
const readingAt = (virtual: number, lanes = 1): Reading => ({
  index: Math.floor(virtual / ROW) * lanes,
  offset: virtual - Math.floor(virtual / ROW) * ROW,
});

/** The viewport's start edge is `virtual` px into a list of fixed rows: that row, that far into it, loaded. */
async function expectAt(mounted: MountedList<Row>, virtual: number, lanes = 1, horizontal = false) {
  const want = readingAt(virtual, lanes);
  await vi.waitFor(() => expect(mounted.element(want.index)?.dataset.state).toBe('loaded'));
  const got = reading(mounted, horizontal);
  expect(got?.index).toBe(want.index);
  expect(Math.abs((got?.offset ?? Number.NaN) - want.offset)).toBeLessThan(0.5);
}

/** Puts item `index` at the viewport's start and waits for it to rest, loaded; returns the virtual offset. */
async function goTo(mounted: MountedList<Row>, index: number): Promise<number> {
  mounted.view.scrollToIndex(index, { align: 'start' });
  await vi.waitFor(() => expect(mounted.element(index)?.dataset.state).toBe('loaded'));
  return settled(() => mounted.view.getScrollOffset());
}

/** Every page fetched starts between item `from` and item `to`. */
function expectPagesWithin(requested: readonly number[], from: number, to: number) {
  expect(requested.filter((offset) => offset < from || offset > to)).toEqual([]);
}

/** A real mouse-wheel step over `target`, then rest. */
async function wheel(
  mounted: MountedList<Row>,
  target: ReturnType<typeof page.getByTestId>,
  delta: { x: number } | { y: number },
) {
  await userEvent.wheel(target, { delta });
  return settled(() => mounted.view.getScrollOffset());
}

/** Slack around a path for the rows around it and the prefetch ahead of it. */
const AROUND = 1_000;

describe('scaled lists: every kind of list moves exactly', () => {
  it('a horizontal list of 1,000,000 columns: real horizontal wheel steps land on the exact column and offset', async () => {
    const { mounted, requested, target } = await setup(1_000_000, { horizontal: true });
    let virtual = await goTo(mounted, 500_001);
    expect(mounted.viewport.scrollLeft).toBeGreaterThan(0);
    expect(mounted.viewport.scrollLeft).toBeLessThan(virtual); // mapped, not 1:1
    requested.length = 0;
    for (const step of [2_000, 2_000, -700, 20_000, -5_000, 333]) {
      const end = await wheel(mounted, target, { x: step });
      virtual += step;
      expect(end).toBe(virtual);
      await expectAt(mounted, virtual, 1, true);
    }
    expectPagesWithin(requested, 500_001 - AROUND, 500_001 + (24_000 + VIEWPORT) / ROW + AROUND);
  });

  it('3 lanes, 3,000,000 items (1,000,000 rows): wheel steps land on the exact row, its first item at the edge', async () => {
    const { mounted, requested, target } = await setup(3_000_000, { lanes: 3 });
    let virtual = await goTo(mounted, 1_500_003);
    expect(virtual).toBe(500_001 * ROW);
    requested.length = 0;
    for (const step of [2_000, 2_000, -700, 20_000, -5_000, 333]) {
      const reached = await wheel(mounted, target, { y: step });
      virtual += step;
      expect(reached).toBe(virtual);
      await expectAt(mounted, virtual, 3);
    }
    const rows = (24_000 + VIEWPORT) / ROW;
    expectPagesWithin(requested, 1_500_003 - 3 * AROUND, 1_500_003 + 3 * (rows + AROUND));
  });

  it.each([
    ['1,000,000', 1_000_000],
    ['100,000,000', 100_000_000],
  ])(
    '%s rows measured at 28/46/64 px (estimated 36): a row in view before and after a wheel step moved by exactly the step',
    async (_, total) => {
      /** Rows take their own size once loaded: 28, 46 or 64 px. */
      const rowSize = (row: VirtualRow<Row>) =>
        row.state.status === 'loaded' ? 28 + (row.index % 3) * 18 : row.size;
      const { mounted, requested, target } = await setup(total, { rowSize });
      const start = total / 2 + 1;
      await goTo(mounted, start);
      await settled(() => mounted.position(start) ?? Number.NaN);
      requested.length = 0;
      for (const step of [100, 250, 500, 37, -100, -250, -500, -37, 480, -480]) {
        // A row in the middle of the viewport: it is still in view after a step of up to 500 px.
        const visible = mounted.visible();
        const ref = visible[Math.floor(visible.length / 2)] ?? -1;
        const before = mounted.position(ref) ?? Number.NaN;
        await wheel(mounted, target, { y: step });
        await frames(3); // rows that came into view measured
        expect(mounted.position(ref)).toBe(before - step);
        expect(mounted.element(ref)?.getBoundingClientRect().height).toBe(28 + (ref % 3) * 18);
      }
      // Steps longer than the viewport land among rows measured on arrival; the row at the edge then
      // stays where it is while its neighbours are measured, within the distance rows of 28-64 px allow.
      for (const step of [2_000, -2_000, 20_000]) {
        const before = reading(mounted);
        await wheel(mounted, target, { y: step });
        await frames(3);
        const after = reading(mounted);
        await frames(10);
        expect(reading(mounted)).toEqual(after);
        const moved = (after?.index ?? Number.NaN) - (before?.index ?? Number.NaN);
        expect(Math.abs(moved)).toBeGreaterThanOrEqual(Math.floor(Math.abs(step) / 64) - 1);
        expect(Math.abs(moved)).toBeLessThanOrEqual(Math.ceil(Math.abs(step) / 28) + 1);
        expect(Math.sign(moved)).toBe(Math.sign(step));
      }
      expectPagesWithin(requested, start - AROUND, start + 21_000 / 28 + AROUND);
    },
  );

  it('a window-scroll list of 1,000,000 rows: real wheel steps over the page and window.scrollBy land exactly', async () => {
    const { list, requested } = rowsList(1_000_000);
    const header = document.createElement('header');
    header.style.height = '300px';
    const container = document.createElement('div');
    container.style.position = 'relative';
    const footer = document.createElement('footer');
    footer.style.height = '500px';
    // A wheel over a fixed element scrolls the page (a locator on a row would be scrolled away).
    const pad = document.createElement('div');
    Object.assign(pad.style, { position: 'fixed', top: '100px', left: '0', width: '200px', height: '200px' });
    pad.dataset.testid = 'window-wheel';
    document.body.append(header, container, footer, pad);
    cleanups.push(() => pad.remove());
    const margin = () => container.getBoundingClientRect().top + window.scrollY;
    const view = createVirtualList({
      list,
      useWindowScroll: true,
      scrollMargin: margin,
      estimateSize: () => ROW,
    });
    const rows = showKeyedRows(view, container, () => ROW, [header, container, footer]);
    await vi.waitFor(() => expect(rows.top('r3')).toBeDefined());
    expect(view.getSnapshot().scaled).toBe(true);
    view.scrollToIndex(500_001, { align: 'start' });
    await vi.waitFor(() => expect(rows.top('r500001')).toBe(0));
    let virtual = await settled(() => view.getScrollOffset());
    expect(virtual).toBe(500_001 * ROW);
    expect(window.scrollY).toBeLessThan(virtual); // mapped
    requested.length = 0;
    /** The loaded row whose top the viewport's top edge is in, and how far down it is. */
    const expectWindowAt = async (at: number) => {
      const want = readingAt(at);
      await vi.waitFor(() => expect(rows.element(`r${want.index}`)).toBeDefined());
      expect(rows.top(`r${want.index}`)).toBeCloseTo(-want.offset, 1);
    };
    for (const step of [2_000, -700, 20_000, -5_000]) {
      await userEvent.wheel(page.getByTestId('window-wheel'), { delta: { y: step } });
      const reached = await settled(() => view.getScrollOffset());
      virtual += step;
      expect(reached).toBe(virtual);
      await expectWindowAt(virtual);
    }
    for (const step of [2_000, -700, 40_000, -5_000, 250_000]) {
      window.scrollBy({ top: step, behavior: 'instant' });
      const reached = await settled(() => view.getScrollOffset());
      virtual += step;
      expect(reached).toBe(virtual);
      await frames(2);
      await expectWindowAt(virtual);
    }
    expectPagesWithin(requested, 500_001 - AROUND, 500_001 + (303_300 + VIEWPORT) / ROW + AROUND);
  });
});

describe('scaled lists: keyboard', () => {
  it('keyboardNavigation on a focused row (arrows, PageDown/Up, End, Home): focus and the rows land where the key says, pages fetched only there', async () => {
    const { mounted, requested } = await setup(1_000_000, { keyboard: keyboardNavigation });
    mounted.viewport.addEventListener('keydown', (event) => mounted.view.onKeyDown(event));
    await goTo(mounted, 500_001);
    mounted.element(500_003)?.focus();
    requested.length = 0;
    const press = async (key: string) => {
      await userEvent.keyboard(key);
      await settled(() => mounted.view.getScrollOffset());
      await frames(2);
      const focused = Number((document.activeElement as HTMLElement | null)?.dataset.index);
      return { focused, at: mounted.position(focused) };
    };
    // In view: focus moves, nothing scrolls.
    expect(await press('{ArrowDown}')).toEqual({ focused: 500_004, at: 108 });
    await expectAt(mounted, 500_001 * ROW);
    // A page down: 15 rows (16 fit), the row brought in at the bottom edge.
    expect(await press('{PageDown}')).toEqual({ focused: 500_019, at: VIEWPORT - ROW });
    await expectAt(mounted, 500_019 * ROW + ROW - VIEWPORT);
    expect(await press('{PageDown}')).toEqual({ focused: 500_034, at: VIEWPORT - ROW });
    expect(await press('{ArrowUp}')).toEqual({ focused: 500_033, at: VIEWPORT - 2 * ROW });
    expect(await press('{PageUp}')).toEqual({ focused: 500_018, at: 0 });
    await expectAt(mounted, 500_018 * ROW);
    const near = [...requested];
    expectPagesWithin(near, 500_001 - AROUND, 500_034 + AROUND);
    expect(await press('{End}')).toEqual({ focused: 999_999, at: VIEWPORT - ROW });
    await expectAt(mounted, 1_000_000 * ROW - VIEWPORT);
    expect(mounted.viewport.scrollTop).toBe(mounted.viewport.scrollHeight - VIEWPORT);
    expect(await press('{ArrowUp}')).toEqual({ focused: 999_998, at: VIEWPORT - 2 * ROW });
    expect(await press('{Home}')).toEqual({ focused: 0, at: 0 });
    expect(mounted.viewport.scrollTop).toBe(0);
    await expectAt(mounted, 0);
    // Nothing between the places the keys went to.
    expectPagesWithin(
      requested.filter((offset) => offset > AROUND && offset < 999_999 - AROUND),
      500_001 - AROUND,
      500_034 + AROUND,
    );
  });

  it("the browser's own arrow and page keys on the focused scroll element move the rows by exactly the element's distance", async () => {
    const { mounted, requested } = await setup(1_000_000);
    mounted.viewport.tabIndex = 0;
    let virtual = await goTo(mounted, 500_001);
    mounted.viewport.focus();
    requested.length = 0;
    for (const key of ['{ArrowDown}', '{PageDown}', '{PageDown}', '{ArrowUp}', '{PageUp}', '{ArrowDown}']) {
      const before = mounted.viewport.scrollTop;
      await userEvent.keyboard(key);
      const end = await settled(() => mounted.view.getScrollOffset());
      const moved = mounted.viewport.scrollTop - before;
      expect(Math.abs(moved)).toBeGreaterThanOrEqual(30); // the key scrolled
      virtual += moved;
      expect(end).toBe(virtual);
      await expectAt(mounted, virtual);
    }
    expectPagesWithin(requested, 500_001 - AROUND, 500_001 + AROUND);
  });
});

describe('scaled lists: programmatic moves from app code', () => {
  it.each([
    ['1,000,000', 1_000_000],
    ['100,000,000', 100_000_000],
  ])(
    '%s rows: element.scrollBy({ behavior: "instant" }) and scrollTop += n move exactly, 1 px to 3,000,000 px',
    async (_, total) => {
      const { mounted, requested } = await setup(total);
      const start = total / 2 + 1;
      let virtual = await goTo(mounted, start);
      requested.length = 0;
      const moves = [1, 37, -5_000, 31_999, 64_000, -250_000, 500_000, 3_000_000, -3_000_000];
      for (const [n, step] of moves.entries()) {
        if (n % 2 === 0) mounted.viewport.scrollBy({ top: step, behavior: 'instant' });
        else mounted.viewport.scrollTop += step;
        const reached = await settled(() => mounted.view.getScrollOffset());
        virtual += step;
        expect(reached).toBe(virtual);
        await expectAt(mounted, virtual);
      }
      // The pages on screen at each stop, and nothing between them.
      const stops = moves.map((_, n) => moves.slice(0, n + 1).reduce((sum, step) => sum + step, start * ROW));
      for (const offset of requested) {
        const near = stops.some((stop) => Math.abs(offset - stop / ROW) <= AROUND);
        expect(near, `page ${offset}`).toBe(true);
      }
    },
  );

  it('100,000,000 rows: wheel steps alternating direction without waiting land on the sum', async () => {
    const { mounted, requested, target } = await setup(100_000_000);
    const origin = await goTo(mounted, 50_000_001);
    requested.length = 0;
    const steps = [3_000, -1_000, 5_000, -2_000, 700, -4_000, 20_000, -19_000, 1, -37];
    for (const step of steps) await userEvent.wheel(target, { delta: { y: step } });
    const sum = steps.reduce((a, b) => a + b, 0);
    expect(await settled(() => mounted.view.getScrollOffset())).toBe(origin + sum);
    await expectAt(mounted, origin + sum);
    expectPagesWithin(requested, 50_000_001 - AROUND, 50_000_001 + 24_000 / ROW + AROUND);
  });
});

describe.each([
  ['1,000,000', 1_000_000],
  ['100,000,000', 100_000_000],
])('scaled lists of %s rows: near the ends', (_, total) => {
  it('7,000 px wheel steps up into the first 64,000 px (the element put back 1:1 on the way) are exact, then clamp at the top', async () => {
    const { mounted, requested, target } = await setup(total);
    await goTo(mounted, 100_000);
    // Back near the start from far: the element is then at its mapped place, not 1:1.
    let virtual = await goTo(mounted, 3_000);
    expect(virtual).toBe(108_000);
    expect(mounted.viewport.scrollTop).toBeLessThan(virtual - 10_000);
    requested.length = 0;
    for (const step of [
      -7_000, -7_000, -7_000, -7_000, -7_000, -7_000, -7_000, -7_000, 7_000, 7_000, -11_111,
    ]) {
      const reached = await wheel(mounted, target, { y: step });
      virtual += step;
      expect(reached).toBe(virtual);
      await expectAt(mounted, virtual);
    }
    // Within 64,000 px of the start the element is where the list is.
    expect(mounted.viewport.scrollTop).toBe(virtual);
    // Steps past the start stop at row 0.
    expect(virtual).toBe(54_889);
    expect(await wheel(mounted, target, { y: -20_000 })).toBe(34_889);
    expect(await wheel(mounted, target, { y: -20_000 })).toBe(14_889);
    expect(await wheel(mounted, target, { y: -20_000 })).toBe(0);
    await expectAt(mounted, 0);
    expect(mounted.viewport.scrollTop).toBe(0);
    expectPagesWithin(requested, 0, 3_000 + AROUND);
  });

  it('7,000 px wheel steps down into the last 64,000 px are exact, then clamp with the last row at the bottom', async () => {
    const { mounted, requested, target } = await setup(total);
    await goTo(mounted, total - 100_000);
    let virtual = await goTo(mounted, total - 3_000);
    const max = total * ROW - VIEWPORT;
    const physicalMax = mounted.viewport.scrollHeight - VIEWPORT;
    // Back near the end from far: the element is nearer its end than the list is to its own.
    expect(physicalMax - mounted.viewport.scrollTop).toBeLessThan(max - virtual - 10_000);
    requested.length = 0;
    // Even steps: here the element is past 2^23 px, where Chromium keeps even offsets only (an odd
    // step comes out a pixel longer, and the rows follow the element: decision 0003).
    for (const step of [7_000, 7_000, 7_000, 7_000, 7_000, 7_000, 7_000, 7_000, -7_000, -7_000, 11_110]) {
      const reached = await wheel(mounted, target, { y: step });
      virtual += step;
      expect(reached).toBe(virtual);
      await expectAt(mounted, virtual);
    }
    expect(physicalMax - mounted.viewport.scrollTop).toBe(max - virtual);
    expect(max - virtual).toBe(54_290);
    expect(await wheel(mounted, target, { y: 20_000 })).toBe(max - 34_290);
    expect(await wheel(mounted, target, { y: 20_000 })).toBe(max - 14_290);
    expect(await wheel(mounted, target, { y: 20_000 })).toBe(max);
    await vi.waitFor(() => expect(mounted.element(total - 1)?.dataset.state).toBe('loaded'));
    expect(mounted.position(total - 1)).toBe(VIEWPORT - ROW);
    await expectAt(mounted, max);
    expectPagesWithin(requested, total - 3_000 - AROUND, total);
  });
});

describe('scaled lists: moves around other motion', () => {
  it('a wheel during a smooth scrollToIndex stops it where it is and moves exactly from there; the destination is never reached', async () => {
    const { mounted, requested } = await setup(1_000_000);
    await goTo(mounted, 500_001);
    requested.length = 0;
    const destination = 700_000 * ROW;
    mounted.view.scrollToIndex(700_000, { align: 'start', behavior: 'smooth' });
    // On its way (it passes all but its last 4 viewports at once, then flies).
    await vi.waitFor(() => expect(mounted.view.getScrollOffset()).toBeGreaterThan(600_000 * ROW));
    await frames(2);
    const stoppedAt = mounted.view.getScrollOffset();
    expect(stoppedAt).toBeLessThan(destination - 200);
    // A wheel: its event, then the element moved by it (as the browser does), in one task.
    mounted.viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: 120, bubbles: true }));
    mounted.viewport.scrollBy({ top: 120, behavior: 'instant' });
    // (The flight's positions are fractional: equal up to float rounding.)
    expect(await settled(() => mounted.view.getScrollOffset())).toBeCloseTo(stoppedAt + 120, 3);
    await expectAt(mounted, stoppedAt + 120);
    await frames(10);
    expect(mounted.view.getScrollOffset()).toBeCloseTo(stoppedAt + 120, 3);
    // Only the destination's pages (loaded for the whole flight) and where it stopped.
    const stop = stoppedAt / ROW;
    expect(
      requested.filter((offset) => Math.abs(offset - stop) > AROUND && Math.abs(offset - 700_000) > AROUND),
    ).toEqual([]);
  });

  it('right after a scrollbar drag is let go, a real wheel step and a wheel-explained scrollBy move exactly; an unexplained move still maps', async () => {
    const { mounted, requested, target } = await setup(1_000_000, { isScrollingResetDelayMs: 400 });
    const element = mounted.viewport;
    await vi.waitFor(() => expect(mounted.element(0)?.dataset.state).toBe('loaded'));
    const physicalMax = element.scrollHeight - element.clientHeight;
    const box = element.getBoundingClientRect();
    const drag = async (from: number, to: number) => {
      element.dispatchEvent(
        new PointerEvent('pointerdown', {
          clientX: box.left + element.clientWidth + 2,
          clientY: box.top + 5,
        }),
      );
      for (let step = 1; step <= 20; step++) {
        element.scrollTop = physicalMax * (from + ((to - from) * step) / 20);
        await frames(1);
      }
      window.dispatchEvent(new PointerEvent('pointerup'));
    };
    await drag(0, 0.6);
    const dragged = mounted.view.getScrollOffset();
    expect(dragged / (1_000_000 * ROW)).toBeCloseTo(0.6, 2); // proportional
    requested.length = 0;
    expect(await wheel(mounted, target, { y: 2_000 })).toBe(dragged + 2_000);
    await expectAt(mounted, dragged + 2_000);
    const landed = (dragged + 2_000) / ROW;
    expectPagesWithin(requested, landed - 2_000 / ROW - AROUND, landed + AROUND);

    // Dragged back; let go; at once a wheel event and the element's move in the same task.
    await drag(0.6, 0.3);
    const back = mounted.view.getScrollOffset();
    expect(back / (1_000_000 * ROW)).toBeCloseTo(0.3, 2);
    element.dispatchEvent(new WheelEvent('wheel', { deltaY: 2_000, bubbles: true }));
    element.scrollBy({ top: 2_000, behavior: 'instant' });
    expect(await settled(() => mounted.view.getScrollOffset())).toBe(back + 2_000);
    await expectAt(mounted, back + 2_000);

    // The positive control: let go and moved with nothing explaining it, the move is the drag's.
    await drag(0.3, 0.5);
    const half = mounted.view.getScrollOffset();
    element.scrollBy({ top: 2_000, behavior: 'instant' });
    const mapped = await settled(() => mounted.view.getScrollOffset());
    expect(mapped - half).toBeGreaterThan(4_000); // 2,000 px of the track: ~4,800 px of the list
  });

  it('a resize of the scroll element keeps the row at the edge, and moves after it (also before its ResizeObserver ran) are exact', async () => {
    const { mounted, requested, target } = await setup(1_000_000);
    let virtual = await goTo(mounted, 500_001);
    requested.length = 0;
    mounted.viewport.style.height = '400px';
    await frames(4);
    await expectAt(mounted, virtual);
    for (const step of [2_000, -700, 20_000]) {
      const reached = await wheel(mounted, target, { y: step });
      virtual += step;
      expect(reached).toBe(virtual);
      await expectAt(mounted, virtual);
    }
    // Taller, and moved in the same task: the scroll event comes before the resize is observed.
    mounted.viewport.style.height = '900px';
    mounted.viewport.scrollBy({ top: 1_000, behavior: 'instant' });
    const reached = await settled(() => mounted.view.getScrollOffset());
    virtual += 1_000;
    expect(reached).toBe(virtual);
    await frames(4);
    await expectAt(mounted, virtual);
    expect(mounted.visible().length).toBeGreaterThanOrEqual(900 / ROW);
    expectPagesWithin(requested, 500_001 - AROUND, 500_001 + (22_300 + 900) / ROW + AROUND);
  });
});

describe('scaled lists: scrolls the browser animates (decision 0087)', () => {
  it("the browser's End and Home keys on the focused scroll element reach the list's end and start, 6 times each", async () => {
    const { mounted, requested } = await setup(1_000_000);
    mounted.viewport.tabIndex = 0;
    const max = 1_000_000 * ROW - VIEWPORT;
    for (let attempt = 0; attempt < 6; attempt++) {
      await goTo(mounted, 500_001);
      mounted.viewport.focus();
      requested.length = 0;
      await userEvent.keyboard('{End}');
      // Chromium animates the key's scroll: a write near the element's end stopped it (at row ~708,000).
      expect(await settled(() => mounted.view.getScrollOffset())).toBe(max);
      expect(mounted.viewport.scrollTop).toBe(mounted.viewport.scrollHeight - VIEWPORT);
      await expectAt(mounted, max);
      // The rows where the animation's first frames passed may load; nothing where it would have stopped.
      expect(requested.filter((offset) => offset > 600_000 && offset < 998_000)).toEqual([]);

      await goTo(mounted, 500_001);
      mounted.viewport.focus();
      requested.length = 0;
      await userEvent.keyboard('{Home}');
      expect(await settled(() => mounted.view.getScrollOffset())).toBe(0);
      expect(mounted.viewport.scrollTop).toBe(0);
      await expectAt(mounted, 0);
      expect(requested.filter((offset) => offset > 2_000 && offset < 400_000)).toEqual([]);
    }
  });

  it('PageDown pressed 160 times without waiting walks 1:1 into the last 64,000 px and does not reach the end', async () => {
    const { mounted } = await setup(1_000_000);
    mounted.viewport.tabIndex = 0;
    const max = 1_000_000 * ROW - VIEWPORT;
    await goTo(mounted, 1_000_000 - 100_000);
    const from = await goTo(mounted, 1_000_000 - 3_000);
    const physicalMax = mounted.viewport.scrollHeight - VIEWPORT;
    // The element is nearer its end than the list is to its own (by about 25,000 px).
    expect(physicalMax - mounted.viewport.scrollTop).toBeLessThan(max - from - 20_000);
    mounted.viewport.focus();
    const before = mounted.viewport.scrollTop;
    await userEvent.keyboard('{PageDown}');
    const page = (await settled(() => mounted.view.getScrollOffset())) - from;
    expect(mounted.viewport.scrollTop - before).toBe(page); // still 1:1 here
    // Held down: each press's scroll adds to the one still animating. Written back only once the
    // glide ended, 160 pages would take the element to its end (the list's end, 23,000 px early).
    await userEvent.keyboard('{PageDown>160/}');
    const reached = await settled(() => mounted.view.getScrollOffset());
    expect(Math.abs(reached - (from + 161 * page))).toBeLessThanOrEqual(161); // Chromium's even offsets past 2^23 px
    expect(reached).toBeLessThan(max - 20_000);
    await expectAt(mounted, reached);
    // In the last 64,000 px, the element is as far from its end as the list.
    expect(physicalMax - mounted.viewport.scrollTop).toBe(max - reached);
  });

  it('element.scrollBy({ top: -75,000, behavior: "smooth" }) from 108,000 px lands at 33,000 px, then 1:1 with the element', async () => {
    const { mounted, requested } = await setup(1_000_000);
    await goTo(mounted, 100_000);
    const origin = await goTo(mounted, 3_000);
    expect(origin).toBe(108_000);
    expect(mounted.viewport.scrollTop).toBeLessThan(origin - 10_000); // mapped, not 1:1
    requested.length = 0;
    mounted.viewport.scrollBy({ top: -75_000, behavior: 'smooth' });
    // Entering the first 64,000 px, a write to put the element 1:1 stopped the animation (at 62,779).
    expect(await settled(() => mounted.view.getScrollOffset())).toBe(33_000);
    await expectAt(mounted, 33_000);
    expect(mounted.viewport.scrollTop).toBe(33_000); // put back 1:1 once the animation ended
    expectPagesWithin(requested, 0, 3_000 + AROUND);
  });

  it("an app's smooth scrollTo of the element's start or end from the middle reaches the list's start or end", async () => {
    const { mounted } = await setup(1_000_000);
    const max = 1_000_000 * ROW - VIEWPORT;
    await goTo(mounted, 500_001);
    mounted.viewport.scrollTo({ top: mounted.viewport.scrollHeight, behavior: 'smooth' });
    expect(await settled(() => mounted.view.getScrollOffset())).toBe(max);
    await expectAt(mounted, max);
    await goTo(mounted, 500_001);
    mounted.viewport.scrollTo({ top: 0, behavior: 'smooth' });
    expect(await settled(() => mounted.view.getScrollOffset())).toBe(0);
    await expectAt(mounted, 0);
  });
});
