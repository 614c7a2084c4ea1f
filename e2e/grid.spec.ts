import { expect, test } from '@playwright/test';
import { expectRow, open, poll } from './lists.ts';

const CARD = 108;
const GAP = 12;

/** Box of card `index` in `testId`, relative to that scroller's content box. */
function card(page: import('@playwright/test').Page, testId: string, index: number) {
  return page.evaluate(
    ([id, i]) => {
      const scroller = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      const row = scroller?.querySelector<HTMLElement>(`[data-index="${i}"]`);
      if (!scroller || !row) return null;
      const box = scroller.getBoundingClientRect();
      const rect = row.getBoundingClientRect();
      return {
        left: rect.left - box.left - scroller.clientLeft,
        top: rect.top - box.top - scroller.clientTop,
        width: rect.width,
        height: rect.height,
        viewportWidth: scroller.clientWidth,
        viewportHeight: scroller.clientHeight,
      };
    },
    [testId, index] as const,
  );
}

test('grid: lanes follow the width, cards sit in rows with gaps, far rows load real cards', async ({
  page,
}) => {
  const errors = await open(page, '/grid');
  const list = page.getByTestId('grid-list');
  await expectRow(page, 'grid-scroller', 0);
  const width = await page.getByTestId('grid-scroller').evaluate((el) => el.clientWidth);
  const lanes = Math.floor(width / 200);
  await expect(list).toHaveAttribute('data-lanes', String(lanes));
  await expect(list).toHaveAttribute('data-count', '500000');
  const first = await card(page, 'grid-scroller', 0);
  const last = await card(page, 'grid-scroller', lanes - 1);
  const below = await card(page, 'grid-scroller', lanes);
  expect(last?.top).toBeCloseTo(first?.top ?? Number.NaN, 0);
  expect(last?.left).toBeGreaterThan((first?.left ?? 0) + (lanes - 1) * 150);
  expect(below?.left).toBeCloseTo(first?.left ?? Number.NaN, 0);
  expect(below?.top).toBeCloseTo((first?.top ?? 0) + CARD + GAP, 0);
  expect(Number(await list.getAttribute('data-rendered'))).toBeLessThan(lanes * 12);

  // Far down: row 2,000 of cards.
  await page.getByTestId('grid-scroller').evaluate(
    (el, y) => {
      el.scrollTop = y;
    },
    2_000 * (CARD + GAP),
  );
  const target = 2_001 * lanes;
  await expectRow(page, 'grid-scroller', target);
  const box = await card(page, 'grid-scroller', target);
  expect(box?.top).toBeGreaterThanOrEqual(0);
  expect(box?.top).toBeLessThan(box?.viewportHeight ?? 0);

  // Narrower: fewer lanes, and the card in view stays in view.
  await page.setViewportSize({ width: 900, height: 800 });
  await expect(list).not.toHaveAttribute('data-lanes', String(lanes));
  await expectRow(page, 'grid-scroller', target);
  await poll(async () => {
    const moved = await card(page, 'grid-scroller', target);
    return moved !== null && moved.top + moved.height > 0 && moved.top < moved.viewportHeight;
  }).toBe(true);
  expect(errors).toEqual([]);
});

test('horizontal strip: cards run left to right and the wheel scrolls them 1:1', async ({ page }) => {
  const errors = await open(page, '/grid');
  const strip = page.getByTestId('strip-scroller');
  await expectRow(page, 'strip-scroller', 0);
  await expect(strip).toHaveAttribute('data-count', '100000');
  const a = await card(page, 'strip-scroller', 0);
  const b = await card(page, 'strip-scroller', 1);
  expect(b?.top).toBeCloseTo(a?.top ?? Number.NaN, 0);
  expect((b?.left ?? 0) - (a?.left ?? 0)).toBeCloseTo(180 + GAP, 0);
  expect(await strip.evaluate((el) => el.scrollHeight - el.clientHeight)).toBe(0);
  expect(await strip.evaluate((el) => el.scrollWidth)).toBeGreaterThan(1_000_000);

  await strip.evaluate((el) => {
    el.scrollLeft = 500 * (180 + 12);
  });
  await expectRow(page, 'strip-scroller', 501);
  const before = (await card(page, 'strip-scroller', 502))?.left ?? Number.NaN;
  await strip.hover();
  await page.mouse.wheel(150, 0);
  await poll(async () =>
    Math.abs(((await card(page, 'strip-scroller', 502))?.left ?? Number.NaN) - (before - 150)),
  ).toBeLessThanOrEqual(1);
  expect(errors).toEqual([]);
});
