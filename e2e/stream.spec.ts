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

  await expectLogComplete(page);
  await page.evaluate(() => localStorage.clear());
});

/** The virtualized log holds every event exactly once: count = items received, rows consecutive. */
async function expectLogComplete(page: import('@playwright/test').Page) {
  const stats = page.getByTestId('stream-stats');
  const log = page.getByTestId('event-log');
  // Read together on each attempt: a batch parsed before Pause may still be published after it.
  await expect(async () => {
    const items = Number(await stats.getAttribute('data-items'));
    expect(Number(await log.getAttribute('data-count'))).toBe(items);
    // The view follows the end: the rendered rows are the newest events, in order.
    const seqs = (
      await log
        .locator('[data-seq]')
        .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))))
    ).sort((a, b) => a - b);
    expect(seqs.length).toBeGreaterThan(10);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect(seqs.at(-1)).toBe(items - 1);
    expect(Number(await stats.getAttribute('data-items'))).toBe(items); // nothing arrived meanwhile
  }).toPass({ timeout: 5_000 });
}

test('cut connection and malformed-line buttons: the stream resumes, skips the bad line, loses nothing', async ({
  page,
}) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Stream' }).click();
  const stats = page.getByTestId('stream-stats');
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-items'))).toBeGreaterThan(500);
  }).toPass({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Cut connection' }).click();
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-reconnects'))).toBeGreaterThanOrEqual(1);
  }).toPass({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Inject malformed line' }).click();
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-malformed'))).toBe(1);
  }).toPass({ timeout: 10_000 });
  await expect(page.getByTestId('last-malformed')).toContainText('line');
  const before = Number(await stats.getAttribute('data-items'));
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-items'))).toBeGreaterThan(before + 200);
  }).toPass({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'paused');
  await expectLogComplete(page);
});
