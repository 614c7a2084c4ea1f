import { expect, test } from '@playwright/test';
import { itemTitle, open } from './lists.ts';

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

test('with every request failing, failed rows look failed and say which rows; Retry after faults are off loads them (#20)', async ({
  page,
}) => {
  const errors = await open(page, '/table');
  const scroller = page.getByTestId('table-scroller');
  await expect(scroller.locator('[data-index="0"]')).toHaveAttribute('data-state', 'loaded');
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Error rate').fill('1');
  await panel.getByRole('button', { name: 'Apply' }).click();

  await page.getByTestId('jump-index').fill('700001'); // row 700,001: index 700,000
  await page.getByTestId('jump-go').click();
  const row = scroller.locator('[data-index="700000"]');
  // Retried with backoff first (4 attempts), then the page is failed, not loading.
  await expect(row).toHaveAttribute('data-state', 'error', { timeout: 15_000 });
  await expect(row.locator('.failed-row')).toBeVisible();
  await expect(row.locator('.skeleton')).toHaveCount(0);
  const message = scroller.getByText("Couldn't load rows 700,001–700,100 · HTTP 500");
  await expect(message).toBeVisible();
  // One message and one Retry per failed page, not one per row.
  await expect(scroller.getByRole('button', { name: 'Retry' })).toHaveCount(
    await scroller.locator('.failed-row-text').count(),
  );
  // The list's error is a sentence: status, cause and what to do, with the raw message below.
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('The server failed with HTTP 500, injected by the fault panel.');
  await expect(alert).toContainText('Set the error rate to 0 in the fault panel');
  await expect(alert.locator('.list-error-detail')).toContainText('answered HTTP 500: injected server error');

  // The overscan row above is of the page before: wait until it has failed too (its attempts
  // over), or it may still retry on its own once the faults are off (CI saw it load by itself).
  await expect(scroller.locator('[data-index="699999"]')).toHaveAttribute('data-state', 'error', {
    timeout: 15_000,
  });
  await page.getByTestId('fault-banner').getByRole('button', { name: 'Turn off' }).click();
  // Row 700,000 is the first row of its page on screen: it carries the page's Retry, which loads
  // that page only (e2e/retry.spec.ts). The overscan rows just above the view are of the page
  // before, still failed, so the list's alert stays; its "Retry all" loads that one too.
  await row.getByRole('button', { name: 'Retry' }).click();
  await expect(row).toHaveAttribute('data-state', 'loaded');
  await expect(row.locator('.row-number')).toHaveText('700,001');
  await expect(row).toContainText(itemTitle(700_000));
  await expect(scroller.locator('[data-index="699999"]')).toHaveAttribute('data-state', 'error');
  await alert.getByRole('button', { name: 'Retry all' }).click();
  await expect(scroller.locator('[data-index="699999"]')).toHaveAttribute('data-state', 'loaded');
  await expect(scroller.locator('[data-state="error"]')).toHaveCount(0);
  await expect(alert).toHaveCount(0);
  // The injected 500s are logged by the browser as failed resources; nothing else may fail.
  expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
  await page.evaluate(() => localStorage.clear());
});
