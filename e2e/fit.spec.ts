// Issue #20: a page whose list scrolls itself does not scroll the page too. Stream, Analytics
// and Templates fit the window on a laptop and a large screen (their lists and charts take the
// height left under the controls); a screenshot of each, laptop and phone, goes to the report.
import { expect, type Page, test } from '@playwright/test';
import { open } from './lists.ts';

const PAGES = ['/stream', '/analytics', '/templates'] as const;

/** How far the document scrolls beyond the window, px (0 when the page fits). */
const pageOverflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  for (const path of PAGES) {
    test(`${path} fits a ${viewport.width}×${viewport.height} window: only its own lists scroll`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize(viewport);
      const errors = await open(page, path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      // The lists and charts are laid out once their first data is in: read the page after that.
      await expect(page.locator('main [data-status], main [data-testid="an-status"]').first()).toBeVisible();
      await expect.poll(() => pageOverflow(page)).toBeLessThanOrEqual(1);
      await testInfo.attach(`${path.slice(1)}-${viewport.width}x${viewport.height}`, {
        body: await page.screenshot(),
        contentType: 'image/png',
      });
      expect(errors).toEqual([]);
    });
  }
}

test('on a phone (390×844) Templates fits too: its five panels stand in a row that scrolls sideways', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const errors = await open(page, '/templates');
  await expect(page.getByTestId('tpl-small-strategy')).toHaveAttribute('data-strategy', 'eager');
  await expect.poll(() => pageOverflow(page)).toBeLessThanOrEqual(1);
  // Nothing wider than the phone but the panels' own row.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const row = page.locator('.tpl-grid');
  expect(await row.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await testInfo.attach('templates-390x844', { body: await page.screenshot(), contentType: 'image/png' });
  expect(errors).toEqual([]);
});
