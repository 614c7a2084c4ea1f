import { expect, test } from '@playwright/test';
import { expectRow, open, poll, rowBox } from './lists.ts';

const SCROLLER = 'vanilla-scroller';

test('the plain-DOM list renders real rows, jumps to a row and moves focus by keyboard', async ({ page }) => {
  const errors = await open(page, '/vanilla');
  const scroller = page.getByTestId(SCROLLER);
  await expectRow(page, SCROLLER, 0);
  await expect(scroller).toHaveAttribute('data-count', '1000000');
  expect(await scroller.getByRole('listitem').count()).toBeLessThan(40);
  await expect(scroller.locator('[data-index="0"]')).toHaveAttribute('aria-setsize', '1000000');
  // The Table's columns under the same titles (issue #20 item 6: "the same rows" as the Table).
  await expect(page.getByTestId('vanilla-head').locator('span')).toHaveText([
    'Row',
    'Title',
    'Author',
    'Amount',
    'Published',
  ]);
  await expect(scroller.locator('[data-index="0"] .item-score')).toHaveText(/^\$\d[\d,]*\.\d\d$/);
  await expect(scroller.locator('[data-index="0"] .item-date')).toHaveText(
    /^[A-Z][a-z]{2} \d{1,2}, \d{4} · \d{2}:\d{2}$/,
  );
  await expect(page.getByTestId('vanilla-status')).toContainText(/ · \d+ requests?$/);

  await page.getByTestId('vanilla-jump-index').fill('500001'); // row 500,001: index 500,000
  await page.getByTestId('vanilla-jump-align').selectOption('center');
  await page.getByTestId('vanilla-jump-go').click();
  await expectRow(page, SCROLLER, 500_000);
  await poll(async () => {
    const box = await rowBox(page, SCROLLER, 500_000);
    return box && Math.abs(box.top - (box.viewport - 36) / 2);
  }).toBeLessThanOrEqual(1);

  await scroller.locator('[data-index="500000"]').click();
  await page.keyboard.press('ArrowDown');
  await poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-index'))).toBe('500001');

  // Leaving the page tears the plain-DOM list down with the React page around it.
  await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();
  await expect(page.getByTestId('vanilla-root')).toHaveCount(0);
  expect(errors).toEqual([]);
});
