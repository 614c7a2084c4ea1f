import { expect, test } from '@playwright/test';
import { open } from './lists.ts';

// Issue #20: at 390 × 844 the 260 px side panel stayed beside a ~110 px content column and the
// nav made every page 1,018 px wide.
const PHONE = { width: 390, height: 844 };
/** The main column must leave room for content: the viewport less two 20 px margins. */
const MIN_MAIN_WIDTH = 350;

test.use({ viewport: PHONE });

test('on a phone every page fits the viewport, with the content column at full width', async ({ page }) => {
  test.setTimeout(120_000); // every page of the menu in turn
  const errors = await open(page, '/');
  const paths = await page
    .getByRole('navigation')
    .getByRole('link')
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  expect(paths.length).toBeGreaterThan(10);

  for (const path of paths) {
    await page.getByRole('navigation').locator(`a[href="${path}"]`).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForTimeout(500); // lists and charts lay out their first data
    const layout = await page.evaluate(() => {
      const main = document.querySelector('main')?.getBoundingClientRect();
      const side = document.querySelector('.sidebar')?.getBoundingClientRect();
      return {
        scrollWidth: document.documentElement.scrollWidth,
        mainWidth: main?.width ?? 0,
        // The side panel goes below the content, not beside it.
        sideBelowMain: main !== undefined && side !== undefined && side.top >= main.bottom - 1,
      };
    });
    expect.soft(layout.scrollWidth, `${path}: page width`).toBeLessThanOrEqual(PHONE.width);
    expect.soft(layout.mainWidth, `${path}: main column width`).toBeGreaterThanOrEqual(MIN_MAIN_WIDTH);
    expect.soft(layout.sideBelowMain, `${path}: side panel below the content`).toBe(true);
  }
  // The nav scrolls inside itself: it is no wider than the viewport.
  const nav = await page.getByRole('navigation').boundingBox();
  expect(nav?.x).toBeGreaterThanOrEqual(0);
  expect((nav?.x ?? 0) + (nav?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
  expect(errors).toEqual([]);
});
