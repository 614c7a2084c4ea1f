import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-msw', 'ready');
});

test('the stream page resumes after cut connections without losing or repeating an event', async ({
  page,
}) => {
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Drop after').fill('300');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Stream' })).toBeVisible();

  const stats = page.getByTestId('stream-stats');
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-reconnects'))).toBeGreaterThanOrEqual(2);
  }).toPass({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'paused');

  // The newest 50 events are listed newest first: consecutive sequence numbers, none repeated.
  const seqs = (await page.getByTestId('stream-log').locator('li').allTextContents()).map((t) =>
    Number(/^#(\d+)/.exec(t)?.[1]),
  );
  expect(seqs.length).toBeGreaterThan(10);
  expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) - i));
  const items = Number(await stats.getAttribute('data-items'));
  expect(items).toBe((seqs[0] ?? 0) + 1);
  await page.evaluate(() => localStorage.clear());
});
