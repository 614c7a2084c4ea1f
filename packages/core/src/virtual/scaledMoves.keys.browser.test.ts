import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { keyboardNavigation } from '../keyboard/index.ts';
import { frames, settled } from '../testing/mountVirtualList.ts';
import { AROUND, expectAt, expectPagesWithin, goTo, ROW, setup, VIEWPORT } from '../testing/scaledMoves.ts';
import { runCleanups } from '../testing/virtualFixtures.ts';

afterEach(runCleanups);

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
