import { expect, test } from '@playwright/test';
import { open } from './lists.ts';

// Issue #20: at 390 × 844 the 260 px side panel stayed beside a ~110 px content column and the
// nav made every page 1,018 px wide. Now the side panels are a drawer the header's button opens.
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
      return { scrollWidth: document.documentElement.scrollWidth, mainWidth: main?.width ?? 0 };
    });
    expect.soft(layout.scrollWidth, `${path}: page width`).toBeLessThanOrEqual(PHONE.width);
    expect.soft(layout.mainWidth, `${path}: main column width`).toBeGreaterThanOrEqual(MIN_MAIN_WIDTH);
    // The side panels wait in a closed drawer instead of taking the content's room.
    await expect.soft(page.getByTestId('side-panels'), `${path}: drawer closed`).toBeHidden();
  }
  // The nav scrolls inside itself: it is no wider than the viewport.
  const nav = await page.getByRole('navigation').boundingBox();
  expect(nav?.x).toBeGreaterThanOrEqual(0);
  expect((nav?.x ?? 0) + (nav?.width ?? 0)).toBeLessThanOrEqual(PHONE.width);
  expect(errors).toEqual([]);
});

test('on a phone the header button opens the side panels as a drawer over the page, Escape closes it', async ({
  page,
}) => {
  const errors = await open(page, '/table');
  const panels = page.getByTestId('side-panels');
  await expect(panels).toBeHidden();
  await page.getByTestId('drawer-toggle').click();
  await expect(panels).toBeVisible();
  await expect(panels.getByRole('complementary', { name: 'Under the hood' })).toBeVisible();
  await expect(panels.getByRole('complementary', { name: 'Fault panel' })).toBeVisible();
  // The drawer slides in (0.2 s): its box is checked once it has arrived.
  await expect
    .poll(async () => {
      const box = await panels.boundingBox();
      return box !== null && box.x >= 0 && box.x + box.width <= PHONE.width + 0.5;
    })
    .toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.keyboard.press('Escape');
  await expect(panels).toBeHidden();
  // Home's memory tile asks for the panel: it opens with the page.
  await page.goto('/table#under-the-hood');
  await expect(panels).toBeVisible();
  expect(errors).toEqual([]);
});
