import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { settled } from '../testing/mountVirtualList.ts';
import { AROUND, expectAt, expectPagesWithin, goTo, ROW, setup, VIEWPORT } from '../testing/scaledMoves.ts';
import { runCleanups } from '../testing/virtualFixtures.ts';

afterEach(runCleanups);

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
