import { expect, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  // main.tsx marks the document once MSW controls the page, before React renders.
  await expect(page.locator('html')).toHaveAttribute('data-msw', 'ready');
});

test('the built demo loads and every menu page renders', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'lazyflow demo' })).toBeVisible();
  const pages = [
    'Table',
    'Feed',
    'Chat',
    'Grid',
    'Stream',
    'Time series',
    'Templates',
    'Videos',
    'Users',
    'Search',
    'Analytics',
    'Vanilla',
  ];
  for (const name of pages) {
    await page.getByRole('navigation').getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      name === 'Vanilla' ? 'Vanilla' : name,
    );
  }
  await page.goBack();
  await expect(page).toHaveURL(/\/analytics$/);
});

test('deep links load the page directly (SPA fallback) and unknown paths say so', async ({ page }) => {
  await page.goto('/stream');
  await expect(page.getByRole('heading', { level: 1, name: 'Stream' })).toBeVisible();
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
});

test('MSW is active: the data API answers in the page although vite preview has no API', async ({ page }) => {
  const result = await page.evaluate(async () => {
    const res = await fetch('/api/items?offset=123456&limit=1&total=100000000');
    const body = (await res.json()) as { items: { id: number; title: string }[]; total: number };
    return { controlled: navigator.serviceWorker.controller !== null, status: res.status, body };
  });
  expect(result.controlled).toBe(true);
  expect(result.status).toBe(200);
  expect(result.body.total).toBe(100_000_000);
  expect(result.body.items[0]?.id).toBe(123_456);
  expect(result.body.items[0]?.title.startsWith('#123456 ')).toBe(true);
});

test('the fault panel changes latency for the next request, and it survives a reload', async ({ page }) => {
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  const probe = page.getByTestId('probe');
  const send = page.getByRole('button', { name: 'Send a test request' });

  await send.click();
  await expect(probe).toHaveAttribute('data-status', '200');
  const fast = Number(await probe.getAttribute('data-ms'));
  expect(fast).toBeLessThan(700);

  await panel.getByLabel('Latency (ms)').fill('1200');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByTestId('faults-applied')).toContainText('latency 1200 ms');
  await send.click();
  await expect(page.getByRole('button', { name: 'Waiting…' })).toBeVisible();
  await expect(probe).toBeHidden();
  await expect(probe).toHaveAttribute('data-status', '200', { timeout: 5000 });
  // ±25% jitter: at least 900 ms.
  expect(Number(await probe.getAttribute('data-ms'))).toBeGreaterThanOrEqual(900);

  await page.reload();
  await expect(
    page.getByRole('complementary', { name: 'Fault panel' }).getByLabel('Latency (ms)'),
  ).toHaveValue('1200');
  await page.evaluate(() => localStorage.clear());
});

test('the fault panel makes requests fail with HTTP 500 and rejects invalid input', async ({ page }) => {
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Error rate').fill('1');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('button', { name: 'Send a test request' }).click();
  await expect(page.getByTestId('probe')).toHaveAttribute('data-status', '500');
  await expect(page.getByTestId('probe')).toContainText('injected server error');

  await panel.getByLabel('Error rate').fill('3');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByRole('alert')).toContainText('Error rate: "3" is not valid');
  await page.evaluate(() => localStorage.clear());
});
