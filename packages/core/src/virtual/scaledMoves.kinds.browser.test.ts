import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { showKeyedRows } from '../testing/keyedRows.ts';
import { frames, settled } from '../testing/mountVirtualList.ts';
import {
  AROUND,
  expectAt,
  expectPagesWithin,
  goTo,
  ROW,
  type Row,
  reading,
  readingAt,
  rowsList,
  setup,
  VIEWPORT,
  wheel,
} from '../testing/scaledMoves.ts';
import { cleanups, runCleanups } from '../testing/virtualFixtures.ts';
import { createVirtualList } from './createVirtualList.ts';
import type { VirtualRow } from './virtualSnapshot.ts';

afterEach(runCleanups);

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
