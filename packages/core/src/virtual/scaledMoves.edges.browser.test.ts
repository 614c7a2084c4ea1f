import { afterEach, describe, expect, it, vi } from 'vitest';
import { frames, settled } from '../testing/mountVirtualList.ts';
import {
  AROUND,
  expectAt,
  expectPagesWithin,
  goTo,
  ROW,
  setup,
  VIEWPORT,
  wheel,
} from '../testing/scaledMoves.ts';
import { runCleanups } from '../testing/virtualFixtures.ts';

afterEach(runCleanups);

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
