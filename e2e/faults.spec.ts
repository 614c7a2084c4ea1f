import { expect, test } from '@playwright/test';
import { open } from './lists.ts';

// Issue #20: fault settings persist across reloads, and nothing on screen said faults were on.

test('a banner says which faults are on, survives a reload, and one click turns them all off', async ({
  page,
}) => {
  const errors = await open(page, '/');
  const banner = page.getByTestId('fault-banner');
  // No error rate here: failed requests would log console errors (its wording is unit-tested).
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await expect(banner).toHaveCount(0);

  await panel.getByLabel('Latency (ms)').fill('1200');
  await panel.getByLabel('Drop after').fill('300');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Faults on: latency 1,200 ms · streams cut after 300 events');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-msw', 'ready');
  await expect(banner).toContainText('latency 1,200 ms');
  // Seen from any page, above the page's content.
  await page.getByRole('navigation').getByRole('link', { name: 'Table', exact: true }).click();
  await expect(banner).toBeInViewport();

  await banner.getByRole('button', { name: 'Turn off' }).click();
  await expect(banner).toHaveCount(0);
  await expect(panel.getByLabel('Latency (ms)')).toHaveValue('0');
  await expect(panel.getByLabel('Error rate')).toHaveValue('0');
  await expect(panel.getByLabel('Drop after')).toHaveValue('');
  await expect(panel.getByTestId('faults-applied')).toContainText('latency 0 ms · errors 0%');

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-msw', 'ready');
  await expect(page.getByRole('heading', { level: 1, name: 'Table' })).toBeVisible();
  await expect(banner).toHaveCount(0);
  expect(errors).toEqual([]);
  await page.evaluate(() => localStorage.clear());
});
